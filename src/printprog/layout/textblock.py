"""Paragraphs broken into lines once and drawn with canvas text objects.

A talk page's heading and abstract are plain text in a few styles, with a link or two:
platypus' Paragraph parses markup for them, wraps them fragment by fragment and draws them
word by word, and that was most of a 1,000-talk booklet's time. :class:`TextBlock` takes the
text as :class:`Span` pieces (text, font, link) rather than markup, so data is never parsed
as markup. It measures words with :func:`fonts.width` (the metrics that draw them, fallback
runs included) once per block, breaks lines greedily once per width, splits between lines
(no orphan and no widow: at least two lines on each side of a break), and draws each
line as one text object run per font. Right-to-left text is put in visual order line by line.
"""

from __future__ import annotations

import copy
import functools
import itertools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from reportlab.lib.fonts import ps2tt, tt2ps
from reportlab.platypus import Flowable

from ..draw import fonts, rlprivate
from .text import break_word, runs_of

_SPACE = re.compile(r"[ \t\r\n]+")
#: White space that :data:`_SPACE` does not split at (``\s`` is what ``str.isspace`` is).
_OTHER_SPACE = re.compile(r"[^\S \t\r\n]")
_FUZZ = 1e-6
#: How much of a space each space in a line may give up for one more word to fit:
#: reportlab's ParagraphStyle.spaceShrinkage default, which the booklet's paragraphs used.
SHRINK = 0.05


@dataclass(frozen=True)
class Span:
    """A piece of text in one font; ``link`` is "#anchor" (inside the document) or a URL.
    ``later``, on a block's last span: its last word (a page number not known yet) only
    gives its width; ``later(canvas, x, y)`` is called where it goes (its baseline's
    start, the block's colour set), to draw it once it is known."""

    text: str
    font: str
    link: str | None = None
    later: Callable[[Any, float, float], None] | None = None


@dataclass(frozen=True)
class BlockStyle:
    size: float
    leading: float
    colour: object
    space_before: float = 0.0
    space_after: float = 0.0
    keep_with_next: bool = False


@functools.cache
def bold(font: str) -> str:
    """The bold face of ``font``'s family (what platypus' <b> picks), registered."""
    family, _, italic = ps2tt(font)
    return fonts.ensure(tt2ps(family, 1, italic))


#: A word: its pieces, each (span index, text); more than one when a span ends mid-word
#: ("<b>Name</b>," is the bold name and the comma).
Word = tuple[tuple[int, str], ...]


def split_words(text: str) -> list[str]:
    """The words of ``text`` split at runs of " ", tab, CR and LF (a no-break space and
    the like stay inside a word): ``str.split`` where that is the same split (text with
    no other white space, nearly all), three times faster than the regular expression."""
    if (text.isascii() and text.isprintable()) or not _OTHER_SPACE.search(text):
        return text.split()
    return [part for part in _SPACE.split(text) if part]


def words_of(spans: tuple[Span, ...]) -> list[Word]:
    """The words of ``spans``, split at white space (runs of it count as one); a word that
    runs on across a span's end (no white space there) is one word of several pieces."""
    words: list[Word] = []
    current: Word = ()  # the pieces of a word that may go on in the next span
    for i, span in enumerate(spans):
        parts = _SPACE.split(span.text)
        if parts[0]:
            current += ((i, parts[0]),)
        if len(parts) == 1:
            continue
        if current:
            words.append(current)
        # Between two runs of white space only whole words (split leaves no empty part
        # there); the last part may go on in the next span.
        words += [((i, part),) for part in parts[1:-1]]
        current = ((i, parts[-1]),) if parts[-1] else ()
    if current:
        words.append(current)
    return words


def _greedy(words: list, widths: list[float], spaces: Iterable[float], width: float,
            broken: Callable[[Any], tuple[list[list], Any, float] | None]) -> list[list]:
    """``words`` (``widths`` wide, ``spaces`` the width of the space before each) into lines
    of ``width``, as many words on a line as fit, each space allowed to shrink by
    :data:`SHRINK`; a word wider than the line is ``broken`` (its full lines, the piece left
    and that piece's width), unless that gives None. Both kinds of block break with this."""
    out: list[list] = []
    line: list = []
    used = 0.0
    for word, w, space in zip(words, widths, spaces, strict=False):  # spaces may run on
        if line and used + space + w <= width + SHRINK * space * len(line) + _FUZZ:
            line.append(word)
            used += space + w
        else:
            if line:
                out.append(line)
            line, used = [word], w
            if w > width + _FUZZ:
                pieces = broken(word)
                if pieces is not None:
                    full, last, used = pieces
                    out += full
                    line = [last]
    if line:
        out.append(line)
    return out


class TextBlock(Flowable):
    """A paragraph of ``spans`` in ``style``: left-aligned lines ``style.leading`` apart,
    the first baseline ``style.size`` below the top (as platypus sets a paragraph)."""

    def __init__(self, spans: tuple[Span, ...] | list[Span], style: BlockStyle,
                 words: list | None = None):
        super().__init__()
        self.spans = tuple(spans)
        self.style = style
        #: One span (most blocks): its words are plain strings, measured and joined as they
        #: are; else :data:`Word` tuples of (span index, text) pieces.
        self.single = len(self.spans) == 1
        if words is None:
            words = split_words(self.spans[0].text) if self.single else words_of(self.spans)
        self.words = words
        self.spaceBefore, self.spaceAfter = style.space_before, style.space_after
        self.keepWithNext = style.keep_with_next
        self._lines: dict[float, list[list]] = {}
        #: What draws the last word (:attr:`Span.later`); None when this block has not
        #: got it (the first part of a split block).
        self.later = self.spans[-1].later

    def deepcopy(self):
        """What KeepTogether copies before splitting: splitting makes new blocks and never
        changes this one, so a shallow copy will do."""
        return copy.copy(self)

    # -- lines ----------------------------------------------------------------------------

    def _widths(self) -> list[tuple[float, float]]:
        """Each word's width and that of the space after it, measured once per block
        (fonts.width keeps recent words' widths). Blocks of several spans only."""
        widths = self.__dict__.get("_word_widths")
        if widths is None:
            size, spans = self.style.size, self.spans
            fonts_of = [s.font for s in spans]
            spaces = [fonts.width(" ", f, size) for f in fonts_of]
            widths = self._word_widths = [
                (fonts.width(word[0][1], fonts_of[word[0][0]], size) if len(word) == 1 else
                 sum(fonts.width(t, fonts_of[i], size) for i, t in word), spaces[word[-1][0]])
                for word in self.words]
        return widths

    def lines(self, width: float) -> list[list]:
        """The words of each line at ``width``: greedy, as platypus breaks, including its
        tolerance (a line may be longer by :data:`SHRINK` of a space per space in it, what
        reportlab's spaceShrinkage allows, so lines and pages come out as they did with
        paragraphs); a word wider than the line (a long URL) is broken between characters."""
        hit = self._lines.get(width)
        if hit is not None:
            return hit
        out = self._single_lines(width) if self.single else self._span_lines(width)
        self._lines[width] = out
        return out

    def texts(self, width: float) -> list[str]:
        """Each line's text at ``width``, as drawn (in logical order)."""
        if self.single:
            return [" ".join(line) for line in self.lines(width)]
        return ["".join(text for _, text in _segments(line)) for line in self.lines(width)]

    def _single_lines(self, width: float) -> list[list[str]]:
        """:meth:`lines` of a block of one span: the same rule and the same arithmetic, with
        one space width and the words measured in one call."""
        size, font = self.style.size, self.spans[0].font
        widths = self.__dict__.get("_word_widths")
        if widths is None:
            widths = self._word_widths = fonts.widths(self.words, font, size)

        def broken(word: str) -> tuple[list[list[str]], str, float]:
            *full, last = break_word(word, font, size, width)
            return [[piece] for piece in full], last, fonts.width(last, font, size)

        space = fonts.width(" ", font, size)
        return _greedy(self.words, widths, itertools.repeat(space), width, broken)

    def _span_lines(self, width: float) -> list[list[Word]]:
        size, spans = self.style.size, self.spans
        measured = self._widths()

        def broken(word: Word) -> tuple[list[list[Word]], Word, float] | None:
            if len(word) != 1:  # a word of several spans is not broken
                return None
            i, text = word[0]
            *full, last = break_word(text, spans[i].font, size, width)
            return ([[((i, piece),)] for piece in full], ((i, last),),
                    fonts.width(last, spans[i].font, size))

        # The space before a word is the one after the word before it.
        before = itertools.chain((0.0,), (after for _, after in measured))
        return _greedy(self.words, [w for w, _ in measured], before, width, broken)

    # -- platypus -------------------------------------------------------------------------

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        self.height = len(self.lines(availWidth)) * self.style.leading
        return self.width, self.height

    def split(self, availWidth, availHeight):
        return self.split_lines(availWidth, availHeight, 2)

    def split_lines(self, availWidth: float, availHeight: float, least: int) -> list:
        """The lines that fit in ``availHeight`` and the rest, at least ``least`` lines on
        each side: 2 at a page or column break (no orphan, no widow: a three-line paragraph
        moves whole); 1 where the text only changes width (beside an image, then below)."""
        lines = self.lines(availWidth)
        fit = int((availHeight + _FUZZ) / self.style.leading)
        if fit >= len(lines):
            return [self]
        fit = min(fit, len(lines) - least)
        if fit < least:  # no room, or an orphan line
            return []
        first = TextBlock(self.spans, self.style, [w for line in lines[:fit] for w in line])
        first._lines[availWidth] = lines[:fit]
        first.later = None
        rest = TextBlock(self.spans, self.style, [w for line in lines[fit:] for w in line])
        return [first, rest]

    def draw(self):
        canv, st, spans = self.canv, self.style, self.spans
        size, leading = st.size, st.leading
        canv.setFillColor(st.colour)
        text = canv.beginText()
        links: list[tuple[str, float, float, float]] = []
        y = self.height - size
        out = []
        later, at = self.later, (0.0, 0.0)
        if self.single and not spans[0].link and later is None:
            font = spans[0].font
            # Text one font draws as it is (nearly all) is so in every line of it: a line
            # is some of its words (or pieces of one) and spaces.
            plain = fonts.plain(spans[0].text + " ", font)
            for line in self.lines(self.width):
                joined = " ".join(line)
                out.append((0, y, ((joined, font, 0),) if plain else runs_of(joined, font, size)))
                y -= leading
        else:
            linked = any(span.link for span in spans)  # only then are positions needed
            # As above, per span: a segment is words and pieces of one span and spaces.
            plain = [fonts.plain(span.text + " ", span.font) for span in spans]
            lines = self.lines(self.width)
            for n, line in enumerate(lines):
                x = 0.0
                pieces = [(0, " ".join(line))] if self.single else _segments(line)
                if linked:
                    for span_index, segment in pieces:
                        link = spans[span_index].link
                        w = fonts.width(segment, spans[span_index].font, size)
                        if link:
                            if links and links[-1][0] == link and links[-1][2] == y \
                                    and abs(links[-1][1] + links[-1][3] - x) < _FUZZ:
                                links[-1] = (link, links[-1][1], y, links[-1][3] + w)
                            else:
                                links.append((link, x, y, w))
                        x += w
                if later is not None and n == len(lines) - 1:
                    # The line's text stops before the last word, drawn later.
                    i, segment = pieces[-1]
                    word = line[-1] if self.single else line[-1][-1][1]
                    kept = segment[:len(segment) - len(word)]
                    at = (sum(fonts.width(t, spans[j].font, size) for j, t in pieces[:-1])
                          + fonts.width(kept, spans[i].font, size), y)
                    pieces = [*pieces[:-1], (i, kept)] if kept else pieces[:-1]
                runs: list[tuple[str, str, float]] = []
                for i, segment in pieces:
                    if plain[i]:
                        runs.append((segment, spans[i].font, 0))
                    else:
                        runs += runs_of(segment, spans[i].font, size)
                if runs:
                    out.append((0, y, runs))
                y -= leading
        rlprivate.lines_out(text, out, size)
        canv.drawText(text)
        if later is not None:
            later(canv, *at)
        for link, x, y, w in links:
            # The rectangle platypus gives a link: from an eighth of the size below the
            # baseline, one leading high.
            rect = (x, y - size / 8, x + w, y - size / 8 + leading)
            rlprivate.link(canv, rect, link)


def _segments(line: list[Word]) -> list[tuple[int, str]]:
    """A line as (span index, text) runs: the words of one span joined with the spaces
    between them (a space goes with the text before it), so a name in one span is put in
    visual order as a whole."""
    out: list[tuple[int, list[str]]] = []
    current = -1
    for word in line:
        if out:
            out[-1][1].append(" ")
        for span_index, piece in word:
            if span_index == current:
                out[-1][1].append(piece)
            else:
                out.append((span_index, [piece]))
                current = span_index
    return [(i, "".join(pieces)) for i, pieces in out]
