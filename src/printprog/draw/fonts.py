"""Bundled fonts: registered once, measured with the same metrics that draw them.

The main family (Noto Sans, four styles) is registered under the names ``Sans``,
``Sans-Bold``, ``Sans-Italic`` and ``Sans-BoldItalic``. Text is split into runs, each in the
first font of the fallback chain that has its glyphs, so a line can mix scripts; the runs are
both what is measured and what is drawn. A character no bundled font has is replaced by
U+FFFD (visible) and reported, never drawn as a silent empty box.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from reportlab import rl_config
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics

from ..core.resources import fonts_dir
from . import faces, rlfonts, rlprivate
from .bidi import FSI, PDI, RTL_BLOCKS, visual

# Markup escaping as xml.sax.saxutils.escape does it, without importing that module (it
# pulls in urllib.request, http and email: 30 ms of every run's start).
_ESCAPE = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


def escape(text: str) -> str:
    return text.translate(_ESCAPE)

#: style name -> file of the main family.
MAIN = {
    "Sans": "NotoSans-Regular.ttf",
    "Sans-Bold": "NotoSans-Bold.ttf",
    "Sans-Italic": "NotoSans-Italic.ttf",
    "Sans-BoldItalic": "NotoSans-BoldItalic.ttf",
}
#: Fallback fonts, each with the Unicode ranges it is tried for (loaded on first use: the
#: CJK font is large and most events never need it).
FALLBACKS: dict[str, tuple[str, tuple[tuple[int, int], ...]]] = {
    "Fallback-Arabic": ("NotoSansArabic-Regular.ttf",
                        ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF),
                         (0xFB50, 0xFDFF), (0xFE70, 0xFEFF))),
    "Fallback-Hebrew": ("NotoSansHebrew-Regular.ttf", ((0x0590, 0x05FF), (0xFB1D, 0xFB4F))),
    "Fallback-CJK": ("DroidSansFallback-CJK.ttf",
                     ((0x3000, 0x30FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF),
                      (0xFF00, 0xFFEF))),
    "Fallback-Hangul": ("NanumGothic-Hangul.ttf",
                        ((0x1100, 0x11FF), (0x3130, 0x318F), (0xAC00, 0xD7A3))),
    # Tibetan marks and ornaments only (a 31C3 speaker's name has U+0FD3), in Latin line
    # metrics: stacked Tibetan letters would need taller lines than the layout gives.
    "Fallback-Tibetan": ("NotoSerifTibetan-Marks.ttf", ((0x0F04, 0x0F14), (0x0FD0, 0x0FDA))),
    # Monochrome emoji (🧮, ☕, 🏳️‍⚧️ as its pieces): before DejaVu, whose few are another style.
    "Fallback-Emoji": ("NotoEmoji-Regular.ttf",
                       ((0x2190, 0x21FF), (0x2300, 0x23FF), (0x2460, 0x27BF), (0x2900, 0x297F),
                        (0x2B00, 0x2BFF), (0x3030, 0x303D), (0x1F000, 0x1FAFF))),
    "Fallback-Symbols": ("DejaVuSans.ttf", ((0x0000, 0x10FFFF),)),
}
#: Bold faces of fallbacks, used for text in a bold main face. A fallback without one (the
#: CJK font, emoji, symbols) is drawn bold: filled and stroked (:data:`DRAWN_BOLD`).
BOLD_FALLBACKS = {
    "Fallback-Arabic": ("Fallback-Arabic-Bold", "NotoSansArabic-Bold.ttf"),
    "Fallback-Hebrew": ("Fallback-Hebrew-Bold", "NotoSansHebrew-Bold.ttf"),
    "Fallback-Hangul": ("Fallback-Hangul-Bold", "NanumGothic-Hangul-Bold.ttf"),
}
_BOLD_MAIN = frozenset({"Sans-Bold", "Sans-BoldItalic"})
#: Stroke width, as a share of the size, of a face drawn bold: about the difference in stem
#: width between Noto Sans Regular and Bold.
DRAWN_BOLD = 0.035
#: Joiners and variation selectors inside emoji sequences: no glyph of their own, never drawn.
_JOINERS = str.maketrans("", "", "‍︎️")
REPLACEMENT = "\ufffd"
# Characters that never need a glyph of their own (line breaks are handled by the layout).
_INVISIBLE = frozenset("\n\t" + FSI + PDI)


@dataclass(frozen=True)
class Run:
    text: str
    font: str


#: Faces registered at start; the italics are read when something first asks for them
#: (:func:`ensure`): parsing a face takes 12 ms, and most runs never use one.
_EAGER = ("Sans", "Sans-Bold")


@functools.cache
def register() -> None:
    """Register the main family once (italics and fallbacks when first needed)."""
    for name in _EAGER:
        _face(name)
    # A new canvas starts in this font: not Helvetica, which would be used unembedded.
    rl_config.canvas_basefontname = "Sans"
    pdfmetrics.registerFontFamily("Sans", normal="Sans", bold="Sans-Bold",
                                  italic="Sans-Italic", boldItalic="Sans-BoldItalic")
    for bold in (0, 1):
        for italic in (0, 1):
            face = ["Sans", "Sans-Italic", "Sans-Bold", "Sans-BoldItalic"][bold * 2 + italic]
            addMapping("Sans", bold, italic, face)


@functools.cache
def _face(name: str) -> None:
    _register(name, fonts_dir() / MAIN[name])


def _register(name: str, path: Path) -> None:
    """Register the font file ``path`` as ``name``, its tables read ahead when shipped so."""
    pdfmetrics.registerFont(rlfonts.UnicodeTTFont.of_face(name, faces.face(path)))


@functools.cache  # every TextStyle made asks: one dict lookup after the first time
def ensure(font: str) -> str:
    """``font``, registered: a face of the main family is read on first use. Every name
    reportlab is given comes through here (theme.TextStyle, and the functions below)."""
    register()
    if font in MAIN:
        _face(font)
    return font


@functools.cache
def _fallback(name: str) -> bool:
    """Register one fallback font; False when its file is not bundled."""
    path: Path = fonts_dir() / FALLBACKS[name][0]
    if not path.is_file():
        return False
    _register(name, path)
    return True


@functools.cache
def _bold_of(name: str) -> str | None:
    """The bold face of fallback ``name``, registered; None when it has none bundled."""
    if name not in BOLD_FALLBACKS:
        return None
    bold, file = BOLD_FALLBACKS[name]
    path = fonts_dir() / file
    if not path.is_file():
        return None
    _register(bold, path)
    return bold


def drawn_bold(run_font: str, font: str) -> bool:
    """True when a run in ``run_font`` of text set in ``font`` is drawn bold by stroking:
    the text is bold and the run's font is a regular fallback with no bold face."""
    return font in _BOLD_MAIN and run_font.startswith("Fallback-") \
        and not run_font.endswith("-Bold")


#: Fonts with a glyph for every printable ASCII character (" " to "~"), found by
#: :func:`_coverage`: ASCII text without control characters (``str.isprintable``, at C
#: speed) needs no other look at its characters in them.
_FULL_ASCII: set[str] = set()


@functools.cache
def _coverage(font: str) -> frozenset[int]:
    ensure(font)
    covered = frozenset(pdfmetrics.getFont(font).face.charWidths)
    if covered.issuperset(range(32, 127)):
        _FULL_ASCII.add(font)
    return covered


def has_glyph(font: str, char: str) -> bool:
    return ord(char) in _coverage(font)


@functools.cache
def _font_for(font: str, char: str) -> str | None:
    if char in _INVISIBLE or has_glyph(font, char):
        return font
    code = ord(char)
    for name, (_, ranges) in FALLBACKS.items():
        if any(lo <= code <= hi for lo, hi in ranges) and _fallback(name) \
                and has_glyph(name, char):
            bold = _bold_of(name) if font in _BOLD_MAIN else None
            return bold if bold is not None and has_glyph(bold, char) else name
    return None


#: The italic face of each face, for a character whose name says italic ("𝑝").
_ITALIC = {"Sans": "Sans-Italic", "Sans-Bold": "Sans-BoldItalic"}


@functools.lru_cache(maxsize=4096)
def compatible(font: str, char: str) -> tuple[str, str] | None:
    """(text, face) to draw for a character no bundled font has whose compatibility form
    (NFKC) one has: "𝑝" (U+1D45D, MATHEMATICAL ITALIC SMALL P) is "p" in the italic face,
    "①" is "1". None when there is no such form (the character prints as U+FFFD)."""
    form = unicodedata.normalize("NFKC", char)
    if form == char or not form.strip():
        return None
    italic = "ITALIC" in unicodedata.name(char, "")
    face = ensure(_ITALIC[font]) if italic and font in _ITALIC else font
    if all(has_glyph(face, c) for c in form):
        return form, face
    return None


def missing(text: str, font: str = "Sans") -> str:
    """Characters of ``text`` that no bundled font can draw, nor their compatibility form
    (:func:`compatible`), each once, in order."""
    if font in _FULL_ASCII and text.isascii() and text.isprintable():
        return ""  # the commonest case, two C calls
    if _coverage(font).issuperset(map(ord, text)):
        return ""  # the common case, at C speed: every product checks every text at load
    text = text.translate(_JOINERS)
    return "".join(dict.fromkeys(c for c in text if not c.isspace() and _font_for(font, c) is None
                                 and compatible(font, c) is None))


@functools.cache
def _ascii_gaps(font: str):
    """The ``search`` of a pattern matching the ASCII characters ``font`` has no glyph for
    (None when it has them all): ASCII text is checked with it at C speed, and needs no
    bidi (it has no right-to-left letter)."""
    missing = [chr(c) for c in range(128) if c not in _coverage(font)]
    return re.compile("[" + re.escape("".join(missing)) + "]").search if missing else None


def plain(text: str, font: str) -> bool:
    """Whether ``text`` is drawn as it is in ``font`` alone (``runs`` gives one run of the
    text itself): ASCII text ``font`` has every character of. Checked at C speed, without
    caching: a drawn line is a new string each time, which would only push the words
    measured with :func:`width` out of :func:`runs`' cache. Text with a right-to-left
    letter's block in it is not plain (it may be reordered)."""
    if text.isascii():
        if font in _FULL_ASCII and text.isprintable():
            return True
        gaps = _ascii_gaps(font)
        return gaps is None or gaps(text) is None
    return RTL_BLOCKS.search(text) is None and _coverage(font).issuperset(map(ord, text))


@functools.lru_cache(maxsize=16384)
def runs(text: str, font: str) -> tuple[Run, ...]:
    """Split a line into runs of one font each, in drawing order; characters no bundled font
    has are drawn as their compatibility form (:func:`compatible`), else become U+FFFD
    (visible, and reported by :func:`missing`)."""
    ensure(font)
    if text.isascii():  # most words and lines: one font has them all
        gaps = _ascii_gaps(font)
        if gaps is None or gaps(text) is None:
            return (Run(text, font),)
        line = text
    else:
        line = visual(text)
        if _coverage(font).issuperset(map(ord, line)):
            return (Run(line, font),)  # the common case: one font has it all
    line = line.translate(_JOINERS)
    out: list[Run] = []
    for char in line:
        use = _font_for(font, char)
        if use is None:
            char, use = compatible(font, char) or (REPLACEMENT, font)
        if out and out[-1].font == use:
            out[-1] = Run(out[-1].text + char, use)
        else:
            out.append(Run(char, use))
    return tuple(out)


@functools.cache
def _metrics(font: str):
    """reportlab's font object of a registered ``font`` (what pdfmetrics.stringWidth looks
    up at every call)."""
    return pdfmetrics.getFont(font)


@functools.lru_cache(maxsize=65536)
def width(text: str, font: str, size: float) -> float:
    """Width in points of ``text`` drawn in ``font`` at ``size``, fallback runs included."""
    if font in _FULL_ASCII and text.isascii() and text.isprintable():
        # One run of the text itself (what :func:`runs` finds, without keeping it there:
        # most words are measured once and never drawn alone).
        return _metrics(font).stringWidth(text, size)
    found = runs(text, font)
    if len(found) == 1:  # the same number pdfmetrics.stringWidth gives, one lookup less
        return _metrics(found[0].font).stringWidth(found[0].text, size)
    return sum(_metrics(r.font).stringWidth(r.text, size) for r in found)


#: Word widths per (font, size), for :func:`widths`; at most _WORDS_MAX words in all (then
#: it starts again: a booklet's words are few, a few thousand, and hit nearly every time).
_WORDS: dict[tuple[str, float], dict[str, float]] = {}
_WORDS_MAX = 65536
_words_held = 0


def widths(words: list[str], font: str, size: float) -> list[float]:
    """:func:`width` of each of ``words``, through a plain dictionary per font and size (a
    text block measures every word of its paragraph: a dictionary look-up per word is a
    third of what the cache of :func:`width` takes, which keys on all three)."""
    global _words_held
    known = _WORDS.get((font, size))
    if known is None:
        known = _WORDS[(font, size)] = {}
    get = known.get
    out = [get(word) for word in words]
    if None in out:
        for i, word in enumerate(words):
            if out[i] is None:
                w = known.get(word)
                if w is None:
                    if _words_held >= _WORDS_MAX:
                        clear_widths()
                        known = _WORDS[(font, size)] = {}
                    w = known[word] = width(word, font, size)
                    _words_held += 1
                out[i] = w
    return out


def clear_widths() -> None:
    """Forget the words :func:`widths` measured."""
    global _words_held
    _WORDS.clear()
    _words_held = 0


@functools.lru_cache(maxsize=4096)  # asked for by every fitted line; a font's metrics never change
def ascent(font: str, size: float) -> float:
    ensure(font)
    return pdfmetrics.getFont(font).face.ascent * size / 1000


@functools.lru_cache(maxsize=4096)
def descent(font: str, size: float) -> float:
    """Depth below the baseline, as a positive number."""
    ensure(font)
    return -pdfmetrics.getFont(font).face.descent * size / 1000


def draw(canvas, x: float, y: float, text: str, font: str, size: float) -> float:
    """Draw ``text`` starting at (x, y) run by run; return the width drawn."""
    start = x
    for r in runs(text, font):
        canvas.setFont(r.font, size)
        if drawn_bold(r.font, font):
            _draw_stroked(canvas, x, y, r.text, size)
        else:
            rlprivate.draw_string(canvas, x, y, r.text)  # drawString, faster
        x += pdfmetrics.stringWidth(r.text, r.font, size)
    return x - start


def _draw_stroked(canvas, x: float, y: float, text: str, size: float) -> None:
    """Text filled and stroked in the fill colour: a regular face drawn as bold."""
    obj = canvas.beginText(x, y)
    rlprivate.stroked_out(obj, text, size * DRAWN_BOLD)
    canvas.drawText(obj)


def markup(text: str, font: str = "Sans") -> str:
    """Data text as safe platypus markup: escaped, with fallback runs in <font> tags.

    Right-to-left text is put in visual order as a whole, which is right for names and
    titles; a long right-to-left paragraph that wraps keeps its lines in logical order."""
    parts = []
    for r in runs(text, font):
        piece = escape(r.text)
        parts.append(piece if r.font == font else f'<font name="{r.font}">{piece}</font>')
    return "".join(parts)
