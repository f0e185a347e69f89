"""Bundled fonts: registered once, measured with the same metrics that draw them.

The main family (Noto Sans, four styles) is registered under the names ``Sans``,
``Sans-Bold``, ``Sans-Italic`` and ``Sans-BoldItalic``. Text is split into runs, each in the
first font of the fallback chain that has its glyphs, so a line can mix scripts; the runs are
both what is measured and what is drawn. A character no bundled font has is replaced by
U+FFFD (visible) and reported, never drawn as a silent empty box.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from .resources import fonts_dir

#: style name -> file of the main family.
MAIN = {
    "Sans": "NotoSans-Regular.ttf",
    "Sans-Bold": "NotoSans-Bold.ttf",
    "Sans-Italic": "NotoSans-Italic.ttf",
    "Sans-BoldItalic": "NotoSans-BoldItalic.ttf",
}
#: Fallback fonts in order, tried for characters the main family lacks (files may be absent).
FALLBACKS = {
    "Fallback-Arabic": "NotoSansArabic-Regular.ttf",
    "Fallback-Hebrew": "NotoSansHebrew-Regular.ttf",
    "Fallback-CJK": "NotoSansSC-Regular.ttf",
    "Fallback-Symbols": "DejaVuSans.ttf",
}
REPLACEMENT = "\ufffd"
# Characters that never need a glyph of their own (line breaks are handled by the layout).
_INVISIBLE = frozenset("\n\t")


@dataclass(frozen=True)
class Run:
    text: str
    font: str


@functools.cache
def register() -> tuple[str, ...]:
    """Register the bundled fonts once; return the fallback chain's font names."""
    folder = fonts_dir()
    for name, file in MAIN.items():
        pdfmetrics.registerFont(TTFont(name, str(folder / file)))
    # A new canvas starts in this font: not Helvetica, which would be used unembedded.
    rl_config.canvas_basefontname = "Sans"
    pdfmetrics.registerFontFamily("Sans", normal="Sans", bold="Sans-Bold",
                                  italic="Sans-Italic", boldItalic="Sans-BoldItalic")
    for bold in (0, 1):
        for italic in (0, 1):
            face = ["Sans", "Sans-Italic", "Sans-Bold", "Sans-BoldItalic"][bold * 2 + italic]
            addMapping("Sans", bold, italic, face)
    chain = []
    for name, file in FALLBACKS.items():
        path: Path = folder / file
        if path.is_file():
            pdfmetrics.registerFont(TTFont(name, str(path)))
            chain.append(name)
    return tuple(chain)


@functools.cache
def _coverage(font: str) -> frozenset[int]:
    register()
    return frozenset(pdfmetrics.getFont(font).face.charWidths)


def has_glyph(font: str, char: str) -> bool:
    return ord(char) in _coverage(font)


@functools.cache
def _font_for(font: str, char: str) -> str | None:
    if char in _INVISIBLE or has_glyph(font, char):
        return font
    for fallback in register():
        if has_glyph(fallback, char):
            return fallback
    return None


def missing(text: str, font: str = "Sans") -> str:
    """Characters of ``text`` that no bundled font can draw (each once, in order)."""
    return "".join(dict.fromkeys(c for c in text if not c.isspace() and _font_for(font, c) is None))


def runs(text: str, font: str) -> list[Run]:
    """Split text into runs of one font each; uncovered characters become U+FFFD."""
    register()
    out: list[Run] = []
    for char in text:
        use = _font_for(font, char)
        if use is None:
            char, use = REPLACEMENT, font
        if out and out[-1].font == use:
            out[-1] = Run(out[-1].text + char, use)
        else:
            out.append(Run(char, use))
    return out


@functools.lru_cache(maxsize=65536)
def width(text: str, font: str, size: float) -> float:
    """Width in points of ``text`` drawn in ``font`` at ``size``, fallback runs included."""
    return sum(pdfmetrics.stringWidth(r.text, r.font, size) for r in runs(text, font))


def ascent(font: str, size: float) -> float:
    register()
    return pdfmetrics.getFont(font).face.ascent * size / 1000


def descent(font: str, size: float) -> float:
    """Depth below the baseline, as a positive number."""
    register()
    return -pdfmetrics.getFont(font).face.descent * size / 1000


def draw(canvas, x: float, y: float, text: str, font: str, size: float) -> float:
    """Draw ``text`` starting at (x, y) run by run; return the width drawn."""
    start = x
    for r in runs(text, font):
        canvas.setFont(r.font, size)
        canvas.drawString(x, y, r.text)
        x += pdfmetrics.stringWidth(r.text, r.font, size)
    return x - start


def markup(text: str, font: str = "Sans") -> str:
    """Data text as safe platypus markup: escaped, with fallback runs in <font> tags."""
    parts = []
    for r in runs(text, font):
        piece = escape(r.text)
        parts.append(piece if r.font == font else f'<font name="{r.font}">{piece}</font>')
    return "".join(parts)
