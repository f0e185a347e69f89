"""Issue #19 item 4: hundreds and thousands of speakers on one talk. The booklet parts a
heading too tall for any page instead of failing (it raised LayoutError at 100-500), and
every product stays in time and memory at 3,000 (over 1 GB and 75 s in the booklet, poster
and signs before): names past a product's room print as "and N more" there, and in full in
the booklet, where the talk's entry runs on to the next page.

Since hardening round 3 (#27 item 4, README "Limits") one session has at most 200 speakers
and moderators: 200 on one talk (a heading taller than a page) must still print, 500 on one
talk are refused with one line, and 3,000 speakers spread over talks of 200 must print."""

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
#: README "Limits": speakers and moderators of one session (not read from the code under test).
MAX_PEOPLE_PER_SESSION = 200


def _crowd(count: int, per_talk: int | None = None):
    """``count`` speakers: all on t1, or ``per_talk`` on each of t1 and as many more talks
    as it takes (in the main and small rooms on the first day, from 11:00)."""
    def change(ev: Event) -> None:
        ids = [f"p{n:04d}" for n in range(count)]
        ev.speakers += [{"id": i, "name": f"Person {n:04d} Surname", "organisation": "Org"}
                        for n, i in enumerate(ids)]
        step = per_talk or count
        ev.session("t1")["speakers"] = ids[:step]
        for k, first in enumerate(range(step, count, step)):
            hour = 11 + k // 2
            ev.sessions["2030-05-06"].append(
                {"id": f"crowd{k}", "start": f"{hour:02d}:00", "end": f"{hour:02d}:45",
                 "room": ("main", "small")[k % 2], "title": f"Crowd talk {k}",
                 "speakers": ids[first:first + step]})
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


def _one_error(run) -> None:
    assert len(run.errors()) == 1, run.describe()


CASES: list[Case] = [
    event_case("speakers-200-on-one-talk", _crowd(MAX_PEOPLE_PER_SESSION), products=PRODUCTS,
               then={"booklet": _all_named(MAX_PEOPLE_PER_SESSION),
                     "poster": _more(MAX_PEOPLE_PER_SESSION, "poster.pdf")}),
    event_case("speakers-500-on-one-talk", _crowd(500), products=PRODUCTS, expect="error",
               errors=(rf"sessions\.yaml.*500 speakers and moderators; at most "
                       rf"{MAX_PEOPLE_PER_SESSION}",),
               then={p: _one_error for p in PRODUCTS}),
    event_case("speakers-3000-on-talks-of-200", _crowd(3000, MAX_PEOPLE_PER_SESSION),
               products=PRODUCTS,
               then={"booklet": _all_named(3000), "poster": _more(3000, "poster.pdf")}),
]


@pytest.fixture(scope="module")
def batch(request, hostile_root):
    return module_batch(request, hostile_root, CASES)


@pytest.mark.parametrize("case, product", params(CASES))
def test_crowd(batch, case: Case, product: str):
    verify(batch, case, product)


def test_crowds_touch_nothing_outside_output(batch):
    check_tree_untouched(batch)
