"""Cleaning of text that comes from data: one place, used by every importer."""

from __future__ import annotations

import re
import unicodedata

# C0/C1 controls except tab and newline, zero-width and bidi-override characters, and lone
# surrogates ("\ud800" in a YAML or JSON escape): no font draws them and no UTF-8 stream
# can encode them, so printing one would crash.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200d\u2060\ufeff\u202a-\u202e\u2066-\u2069"
    "\ud800-\udfff]"
)
#: Longest one-line text (a title, a name, a room) and longest text of paragraphs (an
#: abstract, a bio: 20,000 long words) an importer accepts. Far above any real schedule;
#: far below what would take the layout minutes (it wraps and measures every word).
MAX_LINE = 1_000
MAX_TEXT = 200_000


# Letters that do not decompose into an ASCII base letter plus accents.
_LETTERS = str.maketrans({"ß": "ss", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe",
                          "Œ": "OE", "đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "þ": "th",
                          "Þ": "Th", "ð": "d", "Ð": "D", "ı": "i"})


def clean(text: str) -> str:
    """NFC-normalise and drop control and zero-width characters; keep line breaks."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    return _INVISIBLE.sub("", text)


def one_line(text: str) -> str:
    """Clean text folded to one line with single spaces."""
    return " ".join(clean(text).split())


def paragraphs(text: str) -> tuple[str, ...]:
    """Split on blank lines; each paragraph folded to one line."""
    parts = re.split(r"\n\s*\n", clean(text))
    return tuple(p for p in (one_line(x) for x in parts) if p)


class Taken(set):
    """Ids in use, and for each slug base the next number worth trying: with a plain set,
    the 5,000th "Same title" tries -2 to -5000 first (a CSV of 10,000 rows took minutes)."""

    def __init__(self, *args) -> None:
        super().__init__(*args)
        self.next: dict[str, int] = {}


def slug(text: str, taken: set[str] | None = None) -> str:
    """ASCII id from a name; unique within ``taken`` (which it updates). Pass a
    :class:`Taken` when many names may be the same: the result is the same, found in
    constant time."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_LETTERS))
    ascii_ = "".join(c for c in decomposed if not unicodedata.combining(c))
    base = re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-") or "item"
    if taken is None:
        return base
    counters = taken.next if isinstance(taken, Taken) else {}
    candidate, n = base, counters.get(base, 2)
    while candidate in taken:  # numbers below n were taken when n was stored; sets only grow
        candidate, n = f"{base}-{n}", n + 1
    counters[base] = n
    taken.add(candidate)
    return candidate
