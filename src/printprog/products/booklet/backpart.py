"""The back matter of a booklet made in parts (:mod:`.parts`), laid out before the day
parts have all said how many pages they take.

What in the back matter depends on where the day parts end, and how it does not wait:

- its first page: the page after the last day part's, on either side. The text frame is
  as wide on both sides (only the margins swap), so the lines and pages are the same
  whichever side it starts on: it is laid out as if it started on a left-hand page,
  numbering its pages from :data:`.folios.FIRST`. What the side changes is drawn or moved
  once the first page is known: its running heads and folios are marks of its pages
  (:class:`.folios.LateFurniture`) filled in for the real pages, and when it starts on a
  right-hand page each page's drawing moves by the margins' difference to its real
  side, its links and places with it (:func:`printprog.draw.rllate.late_move`); its
  anchors' pages are shifted, as a day part's are;
- the talks' pages it prints ("p. 342"): drawn later too (:class:`.laterefs.LateRefs`),
  laid out as wide as a *guess* (``guess()``: the pages known so far, and a lower bound
  for the others); when the real pages come (``final()``, asked for when the layout
  reaches the notes) and each has its guess's width, the layout is the one the real
  pages give, and the references are filled in; else the back matter is laid out again
  with the real pages (the same pages as a right guess would give: the layout depends on
  the widths alone);
- the notes pages to whole sheets (they depend on the booklet's length): made when the
  real pages have come, as the back cover after them.

So a wrong guess costs time, never bytes: ``--jobs 1`` (the pages known before the back
matter starts) and ``--jobs N`` give the same file.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reportlab.platypus import Flowable

from ...draw import rllate
from ...pdf.writer import Meta
from . import back, backcover, furniture
from .context import Geometry
from .document import BookletDoc
from .folios import FIRST, LateFurniture
from .laterefs import LateRefs
from .story import Story

#: The talks' pages as far as known, and a lower bound for the others' (their key's page).
Guess = tuple[dict[str, int], int]
#: The back matter's first page and every talk's page.
Final = tuple[int, dict[str, int]]


class WrongGuess(Exception):
    """A reference's real page is not as wide as the one the layout was made with."""

    def __init__(self, final: Final):
        super().__init__("a page reference of the back matter was guessed wrong")
        self.final = final


#: Test seam: called with each guess before the layout uses it, returns the one to use
#: (tests force a wrong guess through it).
adjust: Callable[[Guess], Guess] | None = None


@dataclass(frozen=True)
class Setting:
    """How the back matter is made: in a new story each time it is laid out, into the file
    ``target``, laid out by ``lay_out`` (:func:`.parts._lay_out`); ``placed`` is told its
    anchors' pages (the booklet's) once they are known, before the part is saved."""

    new_story: Callable[[], Story]
    target: str
    geometry: Geometry
    meta: Meta
    lay_out: Callable[[BookletDoc, list[Flowable]], Any]
    placed: Callable[[dict[str, int]], None] | None = None


def build(setting: Setting, guess: Callable[[], Guess], final: Callable[[], Final]
          ) -> tuple[BookletDoc, Story]:
    """The back matter laid out and saved: with the guessed pages, and again with the real
    ones if the guess was wrong. The document and its story (its anchors' pages are the
    booklet's)."""
    pages, default = adjust(guess()) if adjust is not None else guess()
    try:
        return _attempt(setting, pages, default, final)
    except WrongGuess as wrong:
        known = wrong.final
    start, real = known  # laid out again, with the real pages this time
    return _attempt(setting, real, start, lambda: known)


def _attempt(setting: Setting, pages: dict[str, int], default: int,
             final: Callable[[], Final]) -> tuple[BookletDoc, Story]:
    story = setting.new_story()
    story.late_furniture = LateFurniture()
    story.late_refs = refs = LateRefs(pages, default)
    known: list[Final] = []

    def tail(page: int) -> list[Flowable]:
        """Where speakers and venues end: the real pages (waited for), then the notes to
        whole sheets and the back cover."""
        start, real = got = final()
        if not refs.fits(real):
            raise WrongGuess(got)
        known.append(got)
        return [*back.notes(story, page + start - FIRST), *backcover.back_cover(story)]

    doc = BookletDoc(setting.target, setting.geometry, story, setting.meta, first=FIRST,
                     movable=True)

    def placed(doc: BookletDoc) -> None:
        start, real = known[0]
        shift = start - FIRST
        story.shift_to(doc.canv, shift)  # the back matter's own anchors
        assert story.late_furniture is not None
        story.late_furniture.define(doc.canv, shift, functools.partial(
            furniture.running_head, story))
        g = setting.geometry  # each page to its real side (none moves on a left-hand start)
        rllate.late_move(doc.canv, {
            index: g.frame_x(FIRST + index + shift) - g.frame_x(FIRST + index)
            for index in range(doc.pages)})
        if setting.placed is not None:
            setting.placed(dict(story.recorded))
        missing = refs.define(doc.canv, real)
        if missing:  # pragma: no cover - every talk has its anchor
            story.report.warn(f"page references to nothing: {', '.join(missing)}")

    doc.before_define = placed
    setting.lay_out(doc, story.back_part(tail))
    return doc, story
