"""Abstracts and bios as exports write them (HTML escaped as text, Markdown, or plain lines
with list items) made clean paragraphs of plain text: what every schedule importer but the
YAML data folder reads them with (:func:`rich_text`).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from ..core.text import clean, one_line, says_something
from . import markdown

_HTML = re.compile(r"</?(?:p|br|a|ul|ol|li|div|h[1-6]|b|i|em|strong|code|pre|blockquote|span|"
                   r"img|table|tr|td|hr)\b[^>]*>", re.IGNORECASE)
_BLOCKS = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "pre",
           "blockquote", "tr", "table", "hr", "dd", "dt", "section", "article"}
_ITEM = re.compile(r"^\s*(?:[-*•]|\d{1,2}[.)])\s+(?=\S)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\((?:https?://|/)[^)\s]*\)")
_MD_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")


class _Paragraphs(HTMLParser):
    """HTML → paragraphs of plain text: blocks and blank lines end a paragraph."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paras: list[str] = []
        self.buf: list[str] = []
        self.hidden = 0  # inside <script> or <style>

    def flush(self) -> None:
        text = one_line("".join(self.buf))
        if text and text != "•":
            self.paras.append(text)
        self.buf.clear()

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in ("script", "style"):
            self.hidden += 1
        elif tag in _BLOCKS:
            self.flush()
            if tag == "li":
                self.buf.append("• ")

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        if tag in _BLOCKS:
            self.flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCKS:
            self.flush()

    def handle_data(self, data: str) -> None:
        if self.hidden:
            return
        for n, part in enumerate(re.split(r"\n[ \t]*\n", data)):
            if n:
                self.flush()
            self.buf.append(part)


def rich_text(text: str | None) -> tuple[str, ...]:
    """Abstract or bio text → clean paragraphs (each with a letter or digit:
    :func:`~printprog.core.text.says_something`: "." or "-" bios, bare bullets, printed,
    are a stray mark under a name); HTML (escaped as text in exports) or Markdown."""
    if not text or not text.strip():
        return ()
    text = clean(text)
    if _HTML.search(text):
        parser = _Paragraphs()
        parser.feed(text)
        parser.close()
        parser.flush()
        return tuple(filter(says_something, parser.paras))
    parsed = markdown.paragraphs(text)  # None: too long to parse, cleaned line by line
    if parsed is not None:
        return tuple(filter(says_something, map(one_line, parsed)))
    paras: list[str] = []
    for block in re.split(r"\n[ \t]*\n", text):
        current: list[str] = []
        for line in block.split("\n"):
            if _ITEM.match(line) and current:  # a list item starts its own paragraph
                paras.append(" ".join(current))
                current = []
            current.append(line)
        paras.append(" ".join(current))
    out = (one_line(_MD_STRONG.sub(r"\2", _MD_LINK.sub(r"\1", _ITEM.sub("• ", p))))
           for p in paras)
    return tuple(filter(says_something, out))
