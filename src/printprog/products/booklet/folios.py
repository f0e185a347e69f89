"""Folios (page numbers at the foot) drawn before a part of the booklet knows which page
it starts on (:mod:`.parts`: a part drawn while the parts before it are still being laid
out knows only that it starts on a left-hand page).

Each folio is a mark in its page's drawing (:func:`printprog.draw.rllate.late_mark`,
what a form XObject would be, at a fraction of the cost) where the number goes; the marks
are filled in with the real numbers once the part's first page is known
(:meth:`Folios.define`, before the part is saved): right-aligned on a right-hand page,
left-aligned on a left-hand one, where :func:`.furniture.draw_furniture` would have drawn
the number itself.
"""

from __future__ import annotations

from ...draw import fonts, rllate

#: The number a part's first page has while it is laid out (a left-hand page: a day part
#: and the back matter of a booklet made in parts start on one).
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
