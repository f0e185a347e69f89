"""Hardening round 2 (issue #19 item 15): inputs that are not regular files, or too big.
A FIFO as ``--data`` or ``--attendees`` hung; ``--attendees /dev/zero`` grew 140 MB/s; a 3 GB
CSV reached 15 GB. Every importer and the attendee reader now refuse them in one line."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .harness import Case, Event, check_tree_untouched, module_batch, params, verify

HEAD = "Room,Date,Start,Duration,Title\n"
ROW = "Main,2030-05-06,10:00,00:45,A talk with a title long enough to fill the row quickly\n"
BIG = 33 * 2**20  # over the 32 MB every input may have


def _fifo(name: str):
    def build(folder: Path) -> Path:
        path = folder / name
        os.mkfifo(path)
        return path
    return build


def _big_csv(folder: Path) -> Path:
    path = folder / "schedule.csv"
    with path.open("w", encoding="utf-8") as fh:
        fh.write(HEAD + ROW * (BIG // len(ROW) + 1))
    return path


def _event_with(name: str, make):
    """The standard event; ``make(path)`` writes the attendee input at ``folder/name``."""
    def build(folder: Path) -> Path:
        make(folder / name)
        return Event().write(folder / "data")
    return build


def _big_attendees(path: Path) -> None:
    with path.open("w", encoding="utf-8") as fh:
        fh.write("Name,Organisation\n" + "Ada Lovelace,Engines Ltd\n" * (BIG // 24 + 1))


def _attendees(value: str):
    return {"badges": lambda folder: ["--attendees", value if value.startswith("/dev")
                                      else str(folder / value)]}


NOT_REGULAR = r"not a regular file"
TOO_BIG = r"MB is more than the 32 MB printprog reads"

CASES: list[Case] = [
    Case("data-fifo-csv", _fifo("schedule.csv"), expect="error", errors=(NOT_REGULAR,)),
    Case("data-fifo-xml", _fifo("schedule.xml"), products=("check",), expect="error",
         errors=(NOT_REGULAR,)),
    Case("data-dev-zero", lambda folder: Path("/dev/zero"), products=("check",),
         expect="error", errors=(NOT_REGULAR,)),
    Case("data-33mb-csv", _big_csv, products=("check",), expect="error", errors=(TOO_BIG,)),
    Case("attendees-fifo", _event_with("attendees.csv", os.mkfifo), products=("badges",),
         expect="error", extra=_attendees("attendees.csv"), errors=(NOT_REGULAR,)),
    Case("attendees-dev-zero", _event_with("unused", lambda p: None), products=("badges",),
         expect="error", extra=_attendees("/dev/zero"), errors=(r"/dev/zero.*" + NOT_REGULAR,)),
    Case("attendees-33mb", _event_with("attendees.csv", _big_attendees), products=("badges",),
         expect="error", extra=_attendees("attendees.csv"), errors=(TOO_BIG,)),
]


@pytest.fixture(scope="module")
def batch(request, hostile_root):
    return module_batch(request, hostile_root, CASES)


@pytest.mark.parametrize("case, product", params(CASES))
def test_round2_inputs(batch, case: Case, product: str):
    verify(batch, case, product)


def test_round2_inputs_touch_nothing_outside_output(batch):
    check_tree_untouched(batch)
