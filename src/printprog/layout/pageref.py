"""Page references printed before the page they name is known ("p. 37" in a day grid or the
contents, which come before the talks).

Each reference is a mark in its page's drawing at the place the number goes
(:func:`printprog.draw.rllate.late_mark`), filled in once the layout has placed every anchor
(:meth:`PageRefs.define`, just before the PDF is saved): what a form XObject would do, without
a tenth of a millisecond to write each form (58 of them in the bundled booklet). So the
booklet is laid out once, instead of once to learn the pages and again to print them. The
space a reference takes is fixed before the numbers are known: :meth:`PageRefs.width`
reserves room for :attr:`PageRefs.digits` digits, and a longer number is narrowed to fit
that room rather than run into the text beside it (see :func:`reserve_digits`).
"""

from __future__ import annotations

from dataclasses import field

from reportlab.lib.colors import Color

from ..core.records import Record, record
from ..draw import fonts, rllate

PREFIX = "p.\u00a0"


def reserve_digits(items: int) -> int:
    """Digits to reserve for the page numbers of a booklet with ``items`` entries (talks,
    speakers): it runs to about one page per talk, rarely more; a few more digits than
    needed leave a little space, too few narrow the number."""
    return max(2, len(str(max(items, 1))))


@record
class PageRefs(Record):
    """The page references of one document, and the anchors' pages once known."""

    digits: int
    #: Anchor key -> page, filled in by the layout as anchors are drawn.
    pages: dict[str, int]
    #: Mark -> (its page's index, what it shows: key, font, size, colour, prefix).
    _used: dict[str, tuple[int, tuple]] = field(default_factory=dict)

    def width(self, font: str, size: float, prefix: bool = True) -> float:
        """The room a reference takes: the prefix and the reserved digits."""
        return fonts.width((PREFIX if prefix else "") + "8" * self.digits, font, size)

    def draw(self, canvas, right: float, baseline: float, key: str, font: str, size: float,
             colour: Color | None = None, prefix: bool = True) -> None:
        """Place the reference to ``key``, right-aligned at ``right`` on ``baseline``."""
        what = (key, font, size, colour, prefix)  # a colour hashes by its value
        mark = f"pageref-{len(self._used)}"
        self._used[mark] = (rllate.late_mark(canvas, mark, right, baseline), what)

    def define(self, canvas) -> list[str]:
        """Fill in every reference placed; call after the last page, before saving. Returns
        the keys whose anchor never landed (they print '?')."""
        missing = sorted({what[0] for _, what in self._used.values()
                          if self.pages.get(what[0]) is None})

        def draw(what: tuple) -> None:
            key, font, size, colour, prefix = what
            page = self.pages.get(key)
            text = (PREFIX if prefix else "") + (str(page) if page else "?")
            room, natural = self.width(font, size, prefix), fonts.width(text, font, size)
            scale = min(1.0, room / natural) if natural else 1.0
            if colour is not None:  # as given: CMYK stays CMYK
                canvas.setFillColor(colour)
            text_object = canvas.beginText()
            text_object.setFont(font, size)
            text_object.setHorizScale(scale * 100)
            text_object.setTextOrigin(-natural * scale, 0)
            text_object.textOut(text)
            canvas.drawText(text_object)

        rllate.late_fill(canvas, self._used, draw)
        return missing
