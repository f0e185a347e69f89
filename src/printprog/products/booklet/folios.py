"""Folios (page numbers at the foot) and running heads drawn before a part of the booklet
knows which page it starts on (:mod:`.parts`).

A day part knows that it starts on a left-hand page, so only its numbers are late: each
folio is a mark in its page's drawing (:func:`printprog.draw.rllate.late_mark`, what a
form XObject would be, at a fraction of the cost) where the number goes; the marks are
filled in with the real numbers once the part's first page is known
(:meth:`Folios.define`, before the part is saved): right-aligned on a right-hand page,
left-aligned on a left-hand one, where :func:`.furniture.draw_furniture` would have drawn
the number itself.

The back matter does not know on which side it starts (it follows the last day part at
once, :mod:`.backpart`): its whole furniture (running head, rule, folio: the book's name
and the section swap sides, the folio moves to the outer edge) is a mark of its page
(:class:`LateFurniture`), drawn as :func:`.furniture.draw_furniture` draws it on the real
page once the first page is known.
"""

from __future__ import annotations

from collections.abc import Callable

from ...draw import fonts, rllate

#: The number a part's first page has while it is laid out (a left-hand page: a day part
#: of a booklet made in parts starts on one; the back matter is laid out as if it did).
FIRST = 2


class Folios:
    """The folios of one part, by the page numbers the part was laid out with (their
    parity is the real one; the numbers are off by the shift :meth:`define` is given)."""

    def __init__(self) -> None:
        #: page -> (the page's index in the part, recto, font, size)
        self._used: dict[int, tuple[int, bool, str, float]] = {}

    def draw(self, canvas, x: float, y: float, page: int, recto: bool, font: str,
             size: float) -> None:
        """The folio of ``page`` on baseline ``y``: ending at ``x`` on a recto, starting at
        it on a verso (in the fill colour set when it is drawn)."""
        self._used[page] = (rllate.late_mark(canvas, f"folio-{page}", x, y), recto, font,
                            size)

    def define(self, canvas, shift: int) -> None:
        """Fill in every folio drawn: page ``n`` of the layout is page ``n + shift``."""
        def draw(what: tuple[str, bool, str, float]) -> None:
            text, recto, font, size = what
            width = fonts.width(text, font, size)
            fonts.draw(canvas, -width if recto else 0.0, 0.0, text, font, size)

        rllate.late_fill(canvas, {
            f"folio-{page}": (index, (str(page + shift), recto, font, size))
            for page, (index, recto, font, size) in sorted(self._used.items())}, draw)


class LateFurniture:
    """The furniture of every page of the back matter, by the page numbers it was laid
    out with (their parity may be the wrong one: the real pages are the laid-out ones
    plus the shift :meth:`define` is given)."""

    def __init__(self) -> None:
        #: page -> (the page's index in the part, the running head's section)
        self._used: dict[int, tuple[int, str]] = {}

    def draw(self, canvas, page: int, head: str) -> None:
        """The furniture of ``page``, whose section is ``head``, drawn later."""
        self._used[page] = (rllate.late_mark(canvas, f"furniture-{page}"), head)

    def define(self, canvas, shift: int, draw: Callable[[object, int, str], None]) -> None:
        """Fill in every page's furniture: page ``n`` of the layout is page ``n + shift``,
        drawn by ``draw(canvas, page, head)`` in page coordinates."""
        rllate.late_fill(canvas, {
            f"furniture-{page}": (index, (page + shift, head))
            for page, (index, head) in sorted(self._used.items())},
            lambda what: draw(canvas, *what))
