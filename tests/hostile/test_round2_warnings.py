"""Hardening round 2 (issue #19, "also worth a warning"): a session dated decades away from
the conference, a time inside the hour the clocks skip, and ``--impose-out`` naming the
booklet itself (the spreads replaced the booklet). Each is a warning; the run succeeds."""

from __future__ import annotations

import pytest

from .harness import (
    Case,
    Event,
    check_tree_untouched,
    event_case,
    module_batch,
    params,
    verify,
)


def _far_session(ev: Event) -> None:
    ev.sessions["2130-05-06"] = [{"id": "future", "start": "10:00", "end": "11:00",
                                  "room": "main", "title": "From the future"}]


def _dst_gap(ev: Event) -> None:
    # Europe/Berlin goes from 02:00 to 03:00 on 31 March 2030: 02:30 never happens.
    ev.sessions["2030-03-31"] = [{"id": "ghost", "start": "02:30", "end": "03:30",
                                  "room": "main", "title": "Ghost hour"}]


def _impose_onto_out(folder):
    return ["--impose", "saddle", "--impose-out", str(folder / "out-booklet" / "booklet.pdf")]


def _booklet_kept(run) -> None:
    import pypdfium2 as pdfium

    booklet, spreads = run.out / "booklet.pdf", run.out / "booklet-saddle.pdf"
    assert spreads.exists(), run.describe()
    a, b = pdfium.PdfDocument(str(booklet)), pdfium.PdfDocument(str(spreads))
    try:  # the booklet is pages in reading order, not the spreads (twice as wide)
        assert a[0].get_width() < b[0].get_width(), run.describe()
    finally:
        a.close()
        b.close()


CASES: list[Case] = [
    event_case("session-a-century-away", _far_session,
               warnings={"check": (r"session future 'From the future' is on 2130-05-06, more "
                                   r"than a year from the conference",)}),
    event_case("time-in-dst-gap", _dst_gap,
               warnings={"check": (r"session ghost 'Ghost hour' starts at 2030-03-31 02:30, a "
                                   r"time that does not exist in Europe/Berlin",)}),
    event_case("impose-out-is-out", products=("booklet",),
               extra={"booklet": _impose_onto_out},
               warnings={"booklet": (r"--impose-out is the booklet itself",)},
               then={"booklet": _booklet_kept}),
]


@pytest.fixture(scope="module")
def batch(request, hostile_root):
    return module_batch(request, hostile_root, CASES)


@pytest.mark.parametrize("case, product", params(CASES))
def test_round2_warnings(batch, case: Case, product: str):
    verify(batch, case, product)


def test_round2_warnings_touch_nothing_outside_output(batch):
    check_tree_untouched(batch)
