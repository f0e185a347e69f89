"""Text that fits its box: wrap, then shrink to a floor, then cut with an ellipsis and say so.

Shared by every product (grid cells, signs, badges). Measuring uses :func:`fonts.width`,
the same runs and metrics that :func:`fonts.draw` draws with.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..core.report import Report
from ..draw import fonts, rlprivate
from ..theme.loader import TextStyle

ELLIPSIS = "\u2026"


@dataclass(frozen=True)
class Fitted:
    lines: tuple[str, ...]
    style: TextStyle
    shrunk: bool = False
    cut: bool = False

    @property
    def height(self) -> float:
        """From the top of the first line (font ascent) to the last baseline's descent."""
        if not self.lines:
            return 0.0
        s = self.style
        return (fonts.ascent(s.font, s.size) + (len(self.lines) - 1) * s.leading
                + fonts.descent(s.font, s.size))

    def width(self) -> float:
        return max((fonts.width(line, self.style.font, self.style.size) for line in self.lines),
                   default=0.0)


#: A word too long for its line breaks after one of these first (a URL, an address,
#: "Stubnitz/Gängeviertel"), and only with ``anywhere`` between any two characters.
SOFT_BREAKS = "/.@"


def break_word(word: str, font: str, size: float, width: float,
                anywhere: bool = True) -> list[str]:
    """Split a word longer than the line into pieces that fit: greedily after a
    SOFT_BREAKS character, else (``anywhere``) between characters. Without ``anywhere`` a
    piece may stay too wide; :func:`fit` then tries a smaller size."""
    parts = re.findall(rf"[^{re.escape(SOFT_BREAKS)}]*[{re.escape(SOFT_BREAKS)}]*", word)
    pieces, current = [], ""
    for part in (p for p in parts if p):
        if not current or fonts.width(current + part, font, size) <= width:
            current += part
            continue
        pieces.append(current)
        current = part
    if current:
        pieces.append(current)
    if not anywhere:
        return pieces
    out: list[str] = []
    for piece in pieces:
        if fonts.plain(piece, font):
            out += _cut(piece, font, size, width)
            continue
        current = ""
        for char in piece:
            if current and fonts.width(current + char, font, size) > width:
                out.append(current)
                current = char
            else:
                current += char
        if current:
            out.append(current)
    return out


def _cut(piece: str, font: str, size: float, width: float) -> list[str]:
    """``piece`` cut between characters as the loop of :func:`break_word` cuts it (each
    piece as long as fits, at least one character), each cut found by bisection: text one
    font draws as it is measures as the sum of its glyphs' widths, so a longer start is
    never narrower, and the longest start that fits is where that loop stops."""
    out: list[str] = []
    start = 0
    while start < len(piece):
        lo, hi = start + 1, len(piece)  # the cut is in lo..hi; lo always goes
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if fonts.width(piece[start:mid], font, size) > width:
                hi = mid - 1
            else:
                lo = mid
        out.append(piece[start:lo])
        start = lo
    return out


def _soft_head(current: str, word: str, font: str, size: float,
               width: float) -> tuple[str, str]:
    """The longest start of ``word`` ending at a SOFT_BREAKS character that fits after
    ``current`` on its line, and the rest ('' and the word when none does)."""
    for i in range(len(word) - 1, 0, -1):
        if word[i - 1] in SOFT_BREAKS and word[i] not in SOFT_BREAKS and fonts.width(
                f"{current} {word[:i]}", font, size) <= width:
            return word[:i], word[i:]
    return "", word


def wrap(text: str, font: str, size: float, width: float, anywhere: bool = True) -> list[str]:
    """Greedy word wrap; explicit newlines start new lines; overlong words are broken (after
    '/', '.', '@' and the like first; without ``anywhere`` only there). A line's width is
    the sum of its words' and spaces' (what measuring the whole line gives: no kerning, and
    shaping never crosses a space), so each word is measured once."""
    lines: list[str] = []
    space = fonts.width(" ", font, size)
    for paragraph in text.split("\n"):
        current, used = "", 0.0
        for word in paragraph.split():
            w = fonts.width(word, font, size)
            if current and used + space + w <= width:
                current, used = f"{current} {word}", used + space + w
                continue
            if current:
                # The start of the word up to a '/' or '.' may still fit on this line.
                head, word = _soft_head(current, word, font, size, width)
                lines.append(f"{current} {head}" if head else current)
                current, used = "", 0.0
                if not word:
                    continue
                w = fonts.width(word, font, size)
            if w <= width:
                current, used = word, w
            else:
                *full, current = break_word(word, font, size, width, anywhere)
                lines.extend(full)
                used = fonts.width(current, font, size)
        lines.append(current)
    return [line for line in lines if line] or ([""] if not text.strip() else [])


def ellipsize(text: str, font: str, size: float, width: float) -> str:
    """The longest start of ``text`` that fits with an ellipsis after it."""
    if fonts.width(text, font, size) <= width:
        return text
    words = text.split()
    while words:
        candidate = " ".join(words).rstrip(",.;:-–") + ELLIPSIS
        if fonts.width(candidate, font, size) <= width:
            return candidate
        if len(words) == 1:
            break
        words.pop()
    word = words[0] if words else text
    while word and fonts.width(word + ELLIPSIS, font, size) > width:
        word = word[:-1]
    return word + ELLIPSIS


def fit(text: str, style: TextStyle, width: float, *, max_lines: int | None = None,
        max_height: float | None = None, min_size: float | None = None, step: float = 0.5,
        report: Report | None = None, what: str = "", whole_words: bool = False) -> Fitted:
    """Lines of ``text`` in the largest size from ``style.size`` down to ``min_size`` that
    fit ``width`` (and ``max_lines`` / ``max_height``). If none does, the last line at the
    minimum size is cut with an ellipsis and the cut is reported, naming ``what``. Words stay
    whole at every size before one is broken (then with a warning naming ``what``).
    With ``whole_words`` (URLs, e-mail addresses, room names) a word breaks only after
    '/', '.', '@' and the like; a size where that is not enough does not fit."""
    floor = style.size if min_size is None else min(min_size, style.size)
    # First every size with words whole (broken only after '/', '.', '@' and the like);
    # only when none fits, a word broken anywhere ("Sigmaringe|n"), said in a warning.
    for anywhere in (False,) if whole_words else (False, True):
        size = style.size
        while True:
            current = style.at(size)
            lines = wrap(text, current.font, size, width, anywhere=anywhere)
            result = Fitted(tuple(lines), current, shrunk=size < style.size)
            fits_lines = max_lines is None or len(lines) <= max_lines
            if not anywhere and fits_lines:
                fits_lines = all(fonts.width(line, current.font, size) <= width + 1e-6
                                 for line in lines)
            if fits_lines and (max_height is None or result.height <= max_height + 1e-6):
                if result.shrunk and report is not None:
                    report.note_shrunk(f"{what} ({size:g} pt)")
                if anywhere and report is not None and " ".join(lines).split() != text.split():
                    report.warn(f"{what or text[:60]}: a word broken across lines, no room "
                                f"for it whole at {floor:g} pt")
                return result
            if size - step < floor - 1e-6:
                break
            size = round(size - step, 2)
    current = style.at(floor)
    lines = wrap(text, current.font, floor, width)
    allowed = len(lines) if max_lines is None else max_lines
    if max_height is not None:
        room = fonts.ascent(current.font, floor) + fonts.descent(current.font, floor)
        allowed = min(allowed, max(1, 1 + int((max_height - room) // current.leading)))
    kept = lines[:allowed]
    rest = " ".join(lines[allowed - 1:]) if kept else text
    kept[-1:] = [ellipsize(rest, current.font, floor, width)]
    # A box lower than one line still gets that line whole: only lost words are a cut.
    cut = tuple(kept) != tuple(lines)
    if cut and report is not None:
        report.note_cut(what or text[:60])
    return Fitted(tuple(kept), current, shrunk=floor < style.size, cut=cut)


def text_out(text_object, text: str, font: str, size: float,
             current: tuple[str, float] | None = None) -> tuple[str, float] | None:
    """Write ``text`` into a canvas text object at its cursor, run by run in the fonts
    :func:`fonts.draw` would use, setting the font only when it changes; returns the font
    now set. Lines written so share one text object: far fewer operators (and reportlab
    calls) than one drawString per line."""
    for run in fonts.runs(text, font):
        if current != (run.font, size):
            text_object.setFont(run.font, size)
            current = (run.font, size)
        if fonts.drawn_bold(run.font, font):  # bold text in a fallback with no bold face
            rlprivate.stroked_out(text_object, run.text, size * fonts.DRAWN_BOLD)
        else:
            rlprivate.text_out(text_object, run.text)  # textOut, faster for known characters
    return current


def runs_of(text: str, font: str, size: float) -> list[tuple[str, str, float]]:
    """``text`` in ``font`` as :func:`rlprivate.lines_out` takes it: the runs
    :func:`fonts.draw` would draw, each with the line width it is stroked with when drawn
    bold (0 when it is not)."""
    if fonts.plain(text, font):  # the common case, at C speed
        return [(text, font, 0)]
    found = fonts.runs(text, font)
    if len(found) == 1 and found[0].font == font:  # the common case: no fallback
        return [(found[0].text, font, 0)]
    stroke = size * fonts.DRAWN_BOLD
    return [(r.text, r.font, stroke if fonts.drawn_bold(r.font, font) else 0)
            for r in found]


def draw(canvas, fitted: Fitted, x: float, top: float, width: float | None = None,
         align: str = "left", colour=None) -> float:
    """Draw fitted lines with the first line's ascent at ``top``; return the bottom y."""
    s = fitted.style
    if colour is not None:
        canvas.setFillColor(colour)
    baseline = top - fonts.ascent(s.font, s.size)
    text_object = canvas.beginText()
    lines = []
    for line in fitted.lines:
        offset = 0.0
        if align != "left" and width is not None:
            spare = width - fonts.width(line, s.font, s.size)
            offset = spare / 2 if align == "center" else spare
        lines.append((x + offset, baseline, runs_of(line, s.font, s.size)))
        baseline -= s.leading
    rlprivate.lines_out(text_object, lines, s.size)
    canvas.drawText(text_object)
    return top - fitted.height
