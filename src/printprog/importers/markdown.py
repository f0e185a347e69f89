"""Markdown (the usual markup of abstracts and bios in pretalx, frab and c3voc exports) →
plain paragraphs, as the model keeps every text.

Parsed with markdown-it-py (CommonMark, raw HTML off: an HTML tag stays text, and the
HTML path of :func:`.richtext.rich_text` has already taken text that is HTML). Each block is
a paragraph: a heading becomes a line of its own, a list item a paragraph starting "• "
(or its number), code its text; emphasis and links keep their words, an image its alt
text; a rule or an image without alt text leaves nothing. So no product ever prints
``###``, ``**`` or ``![](…)``.

Why at import, not at layout: the model, the data folder a user corrects by hand, the
chair kit, the iCal export and the schedule embedded in every PDF all carry plain text, and
every product prints it as data (never markup); parsing untrusted input happens once, at
the edge. What is given up: bold and italic inside a paragraph print as plain text.

The input is untrusted: past :data:`MAX_CHARS` a text is not parsed (the caller falls
back to its line-by-line cleaning), and nesting is capped at :data:`MAX_NESTING`.
"""

from __future__ import annotations

from markdown_it import MarkdownIt

#: Longer texts are not parsed as Markdown (an abstract is rarely past 5,000 characters).
MAX_CHARS = 50_000
#: Block and inline nesting markdown-it follows before it treats the rest as text.
MAX_NESTING = 12

_MD = MarkdownIt("commonmark", {"html": False, "maxNesting": MAX_NESTING})


def _inline(token) -> str:
    """The words of an inline token: text, code, link text and image alt text."""
    out: list[str] = []
    for child in token.children or ():
        if child.type in ("text", "code_inline"):
            out.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            out.append(" ")
        elif child.type == "image":
            # The alt text, which markdown-it keeps as the image's children.
            out.append("".join(c.content for c in child.children or ()))
        elif child.type == "html_inline":  # not produced with html off; kept as text
            out.append(child.content)
    return "".join(out)


def paragraphs(text: str) -> list[str] | None:
    """The paragraphs of Markdown ``text`` in order (not yet joined to one line each);
    None when ``text`` is too long to parse."""
    if len(text) > MAX_CHARS:
        return None
    out: list[str] = []
    prefix: list[str] = []  # "• " or "3. " for the list item being read
    numbers: list[int | None] = []  # per open list: the next number, None for bullets
    for tok in _MD.parse(text):
        kind = tok.type
        if kind == "bullet_list_open":
            numbers.append(None)
        elif kind == "ordered_list_open":
            numbers.append(int(tok.attrGet("start") or 1))
        elif kind in ("bullet_list_close", "ordered_list_close"):
            numbers.pop()
        elif kind == "list_item_open" and numbers:
            n = numbers[-1]
            prefix.append("\u2022 " if n is None else f"{n}. ")
            if n is not None:
                numbers[-1] = n + 1
        elif kind == "inline":
            words = _inline(tok).strip()
            if words:
                out.append("".join(prefix) + words)
                prefix.clear()  # the item's first paragraph carries its mark
        elif kind in ("fence", "code_block"):
            code = tok.content.strip()
            if code:
                out.append("".join(prefix) + code)
                prefix.clear()
        elif kind == "list_item_close":
            prefix.clear()
    return out
