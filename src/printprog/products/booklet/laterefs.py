"""Page references in the back matter of a booklet made in parts ("p. 342" after each of a
speaker's talks and each session of a room), drawn before their numbers are known.

The back matter is laid out while the last day parts are still being laid out
(:mod:`.backpart`): each reference is a mark in its page's drawing, as the folios are
(:mod:`.folios`), filled in before the part is saved; while the back matter is laid out
its text is a *guessed* number's, which only gives the width: only the width moves lines
and pages. :meth:`LateRefs.fits` says whether the real numbers have the widths the layout
was made with (Noto Sans has tabular digits: whenever they have as many digits); if so,
:meth:`LateRefs.define` fills the marks in with them, and the pages are those of a layout
made with the real numbers. If not, the back matter is laid out again with them.
"""

from __future__ import annotations

import functools

from ...draw import fonts, rllate
from ...layout.pageref import PREFIX
from ...layout.textblock import Span


class LateRefs:
    """The references of one layout of the back matter, each laid out as ``pages[key]``
    (``default`` for a key not in it: a page not counted yet, a lower bound of it)."""

    def __init__(self, pages: dict[str, int], default: int):
        self.pages, self.default = pages, default
        #: (anchor key, font, size) -> the number it was laid out with
        self._guessed: dict[tuple[str, str, float], int] = {}
        #: Each reference drawn: (its page's index in the part, anchor key, font, size).
        self._placed: list[tuple[int, str, str, float]] = []

    def span(self, before: str, key: str, font: str, size: float, link: str | None) -> Span:
        """``before`` then 'p. N' for ``key`` in ``font`` at ``size`` (its last word, as
        wide as the guessed number's, drawn later)."""
        guess = self._guessed.setdefault((key, font, size), self.pages.get(key, self.default))
        return Span(before + _text(guess), font, link,
                    later=functools.partial(self._place, key, font, size))

    def _place(self, key: str, font: str, size: float, canvas, x: float, y: float) -> None:
        index = rllate.late_mark(canvas, f"ref-{len(self._placed)}", x, y)
        self._placed.append((index, key, font, size))

    def fits(self, pages: dict[str, int]) -> bool:
        """Whether every reference's real text (from ``pages``) is as wide as its guess."""
        return all(fonts.width(_text(pages.get(key)), font, size)
                   == fonts.width(_text(guess), font, size)
                   for (key, font, size), guess in self._guessed.items())

    def define(self, canvas, pages: dict[str, int]) -> list[str]:
        """Fill in every reference with its real number (before the canvas is saved), from
        where its text went; the keys with no page (they print '?')."""
        missing = sorted({key for _, key, _, _ in self._placed if key not in pages})

        def draw(what: tuple[str, str, float]) -> None:
            fonts.draw(canvas, 0.0, 0.0, *what)

        rllate.late_fill(canvas, {
            f"ref-{n}": (index, (_text(pages.get(key)), font, size))
            for n, (index, key, font, size) in enumerate(self._placed)}, draw)
        return missing


def _text(page: int | None) -> str:
    return f"{PREFIX}{page if page else '?'}"
