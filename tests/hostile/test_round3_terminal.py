"""Hardening round 3 (issue #27 item 5): control bytes from the command line reached the
terminal. argparse's own messages quote the value they refuse ("invalid choice: 'X'") and the
``wrote PATH`` line printed the path as given: an ESC or BEL there could retitle the window
or clear the screen. Now both are escaped (``\\x1b``), as data values already were; the
harness checks stdout too."""

from __future__ import annotations

from pathlib import Path

import pytest

from .harness import Case, check_tree_untouched, event_case, module_batch, params, verify

CSV = "Room,Date,Start,Duration,Title\nMain,2030-05-06,10:00,00:45,A talk\n"
ESC_TITLE = "\x1b]0;owned\x07"  # sets the terminal's title
CSI_RED = "\x1b[31m"


def _csv(folder: Path) -> Path:
    path = folder / "schedule.csv"
    path.write_text(CSV, encoding="utf-8")
    return path


def _escaped_on_stdout(run) -> None:
    assert "\\x1b]0;owned\\x07" in run.stdout or "\\x1b[31m" in run.stdout, run.describe()


def _escaped_on_stderr(run) -> None:
    assert "\\x1b" in run.stderr, run.describe()


CASES: list[Case] = [
    # argparse refuses the value and quotes it: exit 2, escaped.
    event_case("paper-with-esc", products=("booklet",), expect="usage",
               extra={"booklet": lambda f: ["--paper", f"a4{ESC_TITLE}"]},
               errors=(r"unknown paper size 'a4\\x1b\]0;owned\\x07'",),
               then={"booklet": _escaped_on_stderr}),
    event_case("timezone-with-esc", products=("check",), expect="usage",
               extra={"check": lambda f: ["--timezone", f"Europe/{CSI_RED}Berlin"]},
               errors=(r"not an IANA time zone",)),
    Case("format-with-esc", _csv, products=("import-csv",), expect="usage",
         argv={"import-csv": lambda data, out: ["import", f"csv{ESC_TITLE}", str(data),
                                                "--out", str(out / "imported")]},
         errors=(r"invalid choice: 'csv\\x1b\]0;owned\\x07'",)),
    # The "wrote PATH" line: the path as the command line gave it, escaped.
    Case("import-out-with-esc", _csv, products=("import-csv",),
         argv={"import-csv": lambda data, out: ["import", "csv", str(data), "--out",
                                                str(out / f"event{CSI_RED}")]},
         then={"import-csv": _escaped_on_stdout}),
    event_case("booklet-out-with-esc", products=("booklet",),
               extra={"booklet": lambda f: ["--out", str(f / "out-booklet" /
                                                         f"b{ESC_TITLE}.pdf")]},
               then={"booklet": _escaped_on_stdout}),
]


@pytest.fixture(scope="module")
def batch(request, hostile_root):
    return module_batch(request, hostile_root, CASES)


@pytest.mark.parametrize("case, product", params(CASES))
def test_round3_terminal(batch, case: Case, product: str):
    if case.id == "booklet-out-with-esc":  # written under another name than booklet.pdf
        run = batch.runs[(case.id, product)]
        assert run.returncode == 0, run.describe()
        assert "\x1b" not in run.stdout and "\x07" not in run.stdout, run.describe()
        _escaped_on_stdout(run)
        assert (run.out / f"b{ESC_TITLE}.pdf").read_bytes()[:5] == b"%PDF-"
        return
    verify(batch, case, product)


def test_round3_terminal_touches_nothing_outside_output(batch):
    check_tree_untouched(batch)
