"""Issue #19 item 4: hundreds and thousands of speakers on one talk. The booklet parts a
heading too tall for any page instead of failing (it raised LayoutError at 100-500), and
every product stays in time and memory at 3,000 (over 1 GB and 75 s in the booklet, poster
and signs before): names past a product's room print as "and N more" there, and in full in
the booklet, where the talk's entry runs on to the next page."""

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
from .harness import pdf_text as text_of

PRODUCTS = ("check", "booklet", "signage", "poster", "badges", "ical")


def _crowd(count: int):
    def change(ev: Event) -> None:
        ids = [f"p{n:04d}" for n in range(count)]
        ev.speakers += [{"id": i, "name": f"Person {n:04d} Surname", "organisation": "Org"}
                        for n, i in enumerate(ids)]
        ev.session("t1")["speakers"] = ids
    return change


def _all_named(count: int):
    def check(run) -> None:
        text = " ".join(text_of(run.out / "booklet.pdf").split())
        missing = [n for n in range(count) if f"Person {n:04d} Surname" not in text]
        assert missing == [], f"{len(missing)} speakers not in the booklet"
    return check


def _more(count: int, product_file: str):
    def check(run) -> None:
        assert " more" in text_of(run.out / product_file)
    return check


CASES: list[Case] = [
    event_case("speakers-500", _crowd(500), products=PRODUCTS,
               then={"booklet": _all_named(500), "poster": _more(500, "poster.pdf")}),
    event_case("speakers-3000", _crowd(3000), products=PRODUCTS,
               then={"booklet": _all_named(3000)}),
]


@pytest.fixture(scope="module")
def batch(request, hostile_root):
    return module_batch(request, hostile_root, CASES)


@pytest.mark.parametrize("case, product", params(CASES))
def test_crowd(batch, case: Case, product: str):
    verify(batch, case, product)


def test_crowds_touch_nothing_outside_output(batch):
    check_tree_untouched(batch)
