"""Folios (page numbers at the foot) drawn before a part of the booklet knows which page
it starts on (:mod:`.parts`: a part drawn while the parts before it are still being laid
out knows only that it starts on a left-hand page).

Each folio is a form (PDF's reusable drawing) placed where the number goes; the forms are
filled in with the real numbers once the part's first page is known (:meth:`Folios.define`,
before the part is saved): right-aligned on a right-hand page, left-aligned on a left-hand
one, where :func:`.furniture.draw_furniture` would have drawn the number itself.
"""

from __future__ import annotations

from ...draw import fonts


class Folios:
    """The folio forms of one part, by the page numbers the part was laid out with (their
    parity is the real one; the numbers are off by the shift :meth:`define` is given)."""

    def __init__(self) -> None:
        self._used: dict[int, tuple[bool, str, float]] = {}

    def draw(self, canvas, x: float, y: float, page: int, recto: bool, font: str,
             size: float) -> None:
        """The folio of ``page`` on baseline ``y``: ending at ``x`` on a recto, starting at
        it on a verso (in the fill colour set when it is drawn)."""
        self._used[page] = (recto, font, size)
        canvas.saveState()
        canvas.translate(x, y)
        canvas.doForm(f"folio-{page}")
        canvas.restoreState()

    def define(self, canvas, shift: int) -> None:
        """Fill in every folio drawn: page ``n`` of the layout is page ``n + shift``."""
        for page, (recto, font, size) in sorted(self._used.items()):
            text = str(page + shift)
            width = fonts.width(text, font, size)
            room = fonts.width("8" * 6, font, size)
            canvas.beginForm(f"folio-{page}", lowerx=-room - size, lowery=-size,
                             upperx=room + size, uppery=2 * size)
            fonts.draw(canvas, -width if recto else 0.0, 0.0, text, font, size)
            canvas.endForm()
