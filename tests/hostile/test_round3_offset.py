"""Hardening round 3 (issue #27 item 8): ``badges --calibrate --offset -1,2`` was refused as a
wrong command line (argparse took "-1,2" for an option) although negative offsets are allowed
and ``--offset=-1,2`` worked. Both spellings now print the calibration page; a value out of
range is still one usage line, exit 2."""

from __future__ import annotations

import pytest

from .harness import Case, check_tree_untouched, event_case, module_batch, params, verify


def _a_pdf(run) -> None:
    assert run.returncode == 0, run.describe()
    assert run.out.joinpath("badges.pdf").read_bytes()[:5] == b"%PDF-", run.describe()


CASES: list[Case] = [
    event_case("offset-negative-apart", products=("badges",),
               extra={"badges": lambda f: ["--calibrate", "--offset", "-1,2"]},
               then={"badges": _a_pdf}),
    event_case("offset-negative-joined", products=("badges",),
               extra={"badges": lambda f: ["--calibrate", "--offset=-1.5,-0.5"]},
               then={"badges": _a_pdf}),
    event_case("offset-out-of-range", products=("badges",), expect="usage",
               extra={"badges": lambda f: ["--calibrate", "--offset", "-30,2"]},
               errors=(r"give X,Y in mm, each from -20 to 20",)),
]


@pytest.fixture(scope="module")
def batch(request, hostile_root):
    return module_batch(request, hostile_root, CASES)


@pytest.mark.parametrize("case, product", params(CASES))
def test_round3_offset(batch, case: Case, product: str):
    verify(batch, case, product)


def test_round3_offset_touches_nothing_outside_output(batch):
    check_tree_untouched(batch)
