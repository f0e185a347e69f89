"""Right-to-left text in lines that mix it with left-to-right: the bidi isolates a composed
line puts around data (:func:`isolate`), and the drawing order of a logical line
(:func:`visual`, shaping Arabic). Hebrew and Arabic room names and titles occur in real
exports (tests/test_multilingual.py).
"""

from __future__ import annotations

import functools
import re
import unicodedata

#: First Strong Isolate and Pop Directional Isolate, put around data inside a line that the
#: program composes (see :func:`isolate`); removed from what is drawn.
FSI, PDI = "\u2068", "\u2069"

_RTL = frozenset(("R", "AL"))
# Blocks that hold right-to-left letters: a quick regex before the exact per-character test.
RTL_BLOCKS = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff\U00010800-\U00010fff"
                        "\U0001e800-\U0001efff]")


def has_rtl(text: str) -> bool:
    return bool(RTL_BLOCKS.search(text)) and any(
        unicodedata.bidirectional(c) in _RTL for c in text)


def isolate(text: str) -> str:
    """``text`` as one unit with its own direction, for composing a line from data:
    ``f"{time} · {isolate(room)}"``. Without it an Arabic or Hebrew room name makes the whole
    line right-to-left (its first strong letter decides) and "11:00–11:45" prints as
    "11:45–11:00". Text without right-to-left letters comes back unchanged. Data itself
    never holds isolates (text.clean removes them), so only the program places them."""
    return f"{FSI}{text}{PDI}" if has_rtl(text) else text


@functools.lru_cache(maxsize=16384)
def visual(text: str) -> str:
    """One line of text in drawing order: Arabic shaped into its joined forms, right-to-left
    runs reversed by the Unicode bidi algorithm. Left-to-right text comes back unchanged.
    The line's direction is that of its first strong letter outside :func:`isolate` units."""
    if not has_rtl(text):
        return text
    import arabic_reshaper
    from bidi import get_display

    return get_display(arabic_reshaper.reshape(text)).replace(FSI, "").replace(PDI, "")
