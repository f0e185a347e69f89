"""Hardening round 2 (issue #19 item 9): ``import --out`` onto an existing file, under a file,
or in a read-only folder printed tracebacks; now one error line naming the path, exit 1, and
the file in the way is left as it was."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .harness import Case, check_tree_untouched, module_batch, params, verify

CSV = "Room,Date,Start,Duration,Title\nMain,2030-05-06,10:00,00:45,A talk\n"
IN_THE_WAY = b"a file the user keeps\n"


def _schedule(folder: Path) -> Path:
    (folder / "in-the-way").write_bytes(IN_THE_WAY)
    locked = folder / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    path = folder / "schedule.csv"
    path.write_text(CSV, encoding="utf-8")
    return path


def _out(*parts: str):
    return {"import-csv": lambda folder: ["--out", str(folder.joinpath(*parts))]}


def _kept(run) -> None:
    assert (run.out.parent / "in-the-way").read_bytes() == IN_THE_WAY


CASES: list[Case] = [
    Case("out-is-a-file", _schedule, products=("import-csv",), expect="error",
         extra=_out("in-the-way"), then={"import-csv": _kept},
         errors=(r"in-the-way: exists and is not a folder",)),
    Case("out-under-a-file", _schedule, products=("import-csv",), expect="error",
         extra=_out("in-the-way", "event"), then={"import-csv": _kept},
         errors=(r"in-the-way: is a file, not a folder",)),
]
if os.geteuid() != 0:  # root writes into a read-only folder anyway
    CASES.append(Case("out-in-read-only-folder", _schedule, products=("import-csv",),
                      expect="error", extra=_out("locked", "event"),
                      errors=(r"locked.*(cannot write|permission denied)",)))


@pytest.fixture(scope="module")
def batch(request, hostile_root):
    return module_batch(request, hostile_root, CASES)


@pytest.mark.parametrize("case, product", params(CASES))
def test_round2_import_out(batch, case: Case, product: str):
    verify(batch, case, product)


def test_round2_import_out_touches_nothing_outside_output(batch):
    check_tree_untouched(batch)
