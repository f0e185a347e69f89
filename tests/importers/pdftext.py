"""Text of a PDF with pypdfium2 (fast; enough to ask 'is this title printed')."""

from __future__ import annotations

import re
from pathlib import Path

import pypdfium2


def pdf_text(path: Path) -> str:
    """All pages' text, whitespace and hyphenation squashed (see :func:`squash`)."""
    pdf = pypdfium2.PdfDocument(str(path))
    try:
        return squash(" ".join(page.get_textpage().get_text_range() for page in pdf))
    finally:
        pdf.close()


def squash(text: str) -> str:
    """Lower case without whitespace or hyphens: a title broken over lines still matches."""
    return re.sub(r"[\s\-\u00ad\u2010\u2011\ufffe\u2002]+", "", text).lower()
