"""reportlab's Paragraph, parsed once per text and broken into lines once per width.

Paragraph text is wrapped many times at the same widths (beside a QR code, then full
width, again when a frame splits it), so it is parsed once per text and broken into lines
once per width. Private reportlab names come only through :mod:`printprog.draw.rlprivate`.
"""

from __future__ import annotations

import copy

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import getAscentDescent, stringWidth
from reportlab.platypus import Paragraph as _RLParagraph

from ..draw import fonts
from ..draw.rlprivate import _processed_frags, cleanBlockQuotedText
from ..draw.rlprivate import split as _rl_split
from ..draw.rlprivate import strip as _rl_strip

#: Per page (BookletDoc clears them at each page's end): parsed fragments per (markup,
#: style name), and broken lines per (text, font, size, widths, style name).
_FRAGS: dict[tuple[str, str], tuple[str, list]] = {}
_LINES: dict[tuple, tuple] = {}
#: The plain-text fragment per style name; lines of text in several fonts per (markup,
#: style name, widths).
_PLAIN: dict[str, object] = {}
_MULTI: dict[tuple, tuple] = {}
#: Word widths per (font, size).
_WORDS: dict[tuple[str, float], dict[str, float]] = {}


def clear_caches(keep_words: bool = False) -> None:
    """Forget parses and lines (at each page's end: finished pages are not wrapped again);
    without ``keep_words``, the per-build caches too."""
    _FRAGS.clear()
    _LINES.clear()
    _MULTI.clear()
    if not keep_words:
        _PLAIN.clear()
        _WORDS.clear()
        fonts.clear_widths()


def _plain_frag(style: ParagraphStyle):
    """The fragment reportlab's parser makes of text without markup in ``style``."""
    frag = _PLAIN.get(style.name)
    if frag is None:
        frag = _PLAIN[style.name] = _RLParagraph("x", style).frags[0]
    return frag


class Paragraph(_RLParagraph):
    """reportlab's Paragraph, parsed once per text and style and broken into lines once per
    text and width (the results are shared, not copied: platypus only reads them for text
    in one font, which is almost all of it)."""

    def __init__(self, text, style=None, bulletText=None, frags=None, caseSensitive=1,
                 encoding="utf8"):
        if frags is not None or text is None or style is None or bulletText is not None:
            super().__init__(text, style, bulletText, frags, caseSensitive, encoding)
            return
        key = (text, style.name)
        parsed = _FRAGS.get(key)
        if parsed is None:
            if "<" not in text and "&" not in text and style.textTransform is None:
                clean = cleanBlockQuotedText(text)  # what reportlab parses
                if clean:  # plain text: the parser's one fragment, without parsing
                    frag = _plain_frag(style).clone(text=clean, link=[], us_lines=[])
                    super().__init__(clean, style, None, [frag], caseSensitive, encoding)
                    return
            super().__init__(text, style, None, None, caseSensitive, encoding)
            if self.style is style:  # markup that changes the style (<para>) is not kept
                _FRAGS[key] = (self.text, [f.clone() for f in self.frags])
            return
        clean, fragments = parsed
        super().__init__(clean, style, None, [f.clone() for f in fragments], caseSensitive,
                         encoding)

    def breakLines(self, width):
        key = self._lines_key(width)
        if key is None:
            # Text in several fonts (bold, links): breakLines replaces the fragments with a
            # word list and returns lines of word fragments, none of which platypus changes
            # afterwards; so they are shared too, per markup text (a paragraph made from it)
            # or else per paragraph (the halves of a split one), and width.
            widths = tuple(width) if isinstance(width, (list, tuple)) else width
            multi = (self.text, self.style.name, widths) if self.text else (id(self), widths)
            store = _MULTI if self.text else self.__dict__.setdefault("_memo", {})
            hit = store.get(multi)
            if hit is None:
                result = super().breakLines(width)
                hit = store[multi] = (result, self.frags, self._width_max,
                                      self._splitLongWordCount, self._hyphenations)
            self.height = 0
            result, self.frags, self._width_max, self._splitLongWordCount, \
                self._hyphenations = hit
            return result
        else:
            hit = _LINES.get(key)
            if hit is None:
                result = self._simple_lines(width)
                if result is None:
                    result = super().breakLines(width)
                hit = _LINES[key] = (result, self._width_max, self._splitLongWordCount,
                                     self._hyphenations)
        self.height = 0  # as breakLines leaves it
        result, self._width_max, self._splitLongWordCount, self._hyphenations = hit
        return result

    def _simple_lines(self, width):
        """reportlab's line breaking for text in one font, as its breakLines does it (the
        same greedy fit, in the same arithmetic), with each word measured once per build
        rather than at every wrap; None when the paragraph needs more than that (a word
        longer than the line, soft hyphens, hyphenation, bullets, shaping, bidi)."""
        style, f = self.style, self.frags[0]
        text = getattr(f, "text", None)
        if (text is None or "\xad" in text or style.endDots or style.shaping or style.wordWrap
                or style.hyphenationLang or style.uriWasteReduce or style.embeddedHyphenation
                or hasattr(f, "cbDefn") or hasattr(f, "backColor")):
            return None
        font, size = f.fontName, f.fontSize
        ascent, descent = getAscentDescent(font, size)
        text = _rl_strip(text)
        if not text:
            return None
        max_widths = list(width) if isinstance(width, (list, tuple)) else [width]
        last = len(max_widths) - 1
        known = _WORDS.setdefault((font, size), {})
        space = known.get(" ")
        if space is None:
            space = known[" "] = stringWidth(" ", font, size, self.encoding)
        shrink = style.spaceShrinkage * space
        lines, line, current, lineno, widest = [], [], -space, 0, 0
        max_width = max_widths[0]
        for word in _rl_split(text):
            word_width = known.get(word)
            if word_width is None:
                word_width = known[word] = stringWidth(word, font, size, self.encoding)
            new = current + space + word_width
            limit = max_width + shrink * len(line)
            if new > limit and style.splitLongWords and word_width > max_widths[
                    min(lineno, last)]:
                return None  # reportlab splits the word: leave it to reportlab
            if new <= limit or not line:
                line.append(word)
                current = new
            else:
                widest = max(widest, current)
                lines.append((max_width - current, line))
                line, current, lineno = [word], word_width, lineno + 1
                max_width = max_widths[min(last, lineno)]
        if line:
            widest = max(widest, current)
            lines.append((max_width - current, line))
        self._width_max, self._splitLongWordCount, self._hyphenations = widest, 0, 0
        return f.clone(kind=0, lines=lines, ascent=ascent, descent=descent, fontSize=size)

    def _lines_key(self, width) -> tuple | None:
        """The key of a paragraph in one font (reportlab's simple case), else None."""
        frags = self.frags
        if len(frags) != 1 or self.bulletText or _processed_frags(frags):
            return None
        f = frags[0]
        text = getattr(f, "text", None)
        if text is None:  # the second half of a split paragraph: its words
            words = getattr(f, "words", None)
            if words is None or any(type(w) is not str for w in words):
                return None  # split or hyphenated words are str subclasses that matter
            text = tuple(words)
        widths = tuple(width) if isinstance(width, (list, tuple)) else width
        return (text, f.fontName, f.fontSize, widths, self.style.name)

    def deepcopy(self):
        """What KeepTogether copies before splitting a paragraph: for
        text in one font a shallow copy will do (split changes nothing it shares); other text
        is made anew from its parsed fragments (split would change them). Either instead of
        deep-copying the style and every fragment."""
        if len(self.frags) == 1 and not _processed_frags(self.frags):
            return copy.copy(self)
        if self.text is not None and (self.text, self.style.name) in _FRAGS:
            return Paragraph(self.text, self.style)  # the same, anew from the parse cache
        return copy.deepcopy(self)

