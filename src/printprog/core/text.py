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


#: Letters that NFKD does not take apart into an ASCII letter plus accents, so they would be
#: dropped ("Großes" -> "gro-es"): the one transliteration table of the package.
_LETTERS = str.maketrans({"ß": "ss", "ẞ": "SS", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE",
                          "œ": "oe", "Œ": "OE", "đ": "d", "Đ": "D", "ł": "l", "Ł": "L",
                          "þ": "th", "Þ": "Th", "ð": "d", "Ð": "D", "ı": "i"})
_APOSTROPHES = re.compile("['\u2019]")


def transliterate(text: str) -> str:
    """The text with the letters NFKD cannot take apart spelled in ASCII (ß -> ss, ø -> o);
    everything else as it was."""
    return text.translate(_LETTERS)


def ascii_fold(text: str) -> str:
    """The text in ASCII as far as it goes: transliterated, accents dropped (Łódź -> Lodz);
    what has no ASCII form (CJK, Arabic) stays."""
    decomposed = unicodedata.normalize("NFKD", transliterate(text))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def clean(text: str) -> str:
    """NFC-normalise and drop control and zero-width characters; keep line breaks."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    return _INVISIBLE.sub("", text)


def one_line(text: str) -> str:
    """Clean text folded to one line with single spaces."""
    return " ".join(clean(text).split())


def says_something(text: str) -> bool:
    """Whether ``text`` holds a letter or a digit: real exports give "-" and "--" as
    people (FOSDEM 2025's panels) and "." as a bio (39C3), which printed say nothing."""
    return any(ch.isalnum() for ch in text)


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


def slug(text: str, taken: set[str] | None = None, *, fallback: str = "item",
         max_length: int | None = None) -> str:
    """ASCII id or file name stem from a name: lowercase letters, digits and single '-'
    (never a path separator or '..'), apostrophes dropped ("Lebowski's" -> "lebowskis"), at
    most ``max_length`` characters, ``fallback`` when nothing is left; unique within
    ``taken`` (which it updates) by a -2, -3 suffix. Pass a :class:`Taken` when many names
    may be the same: the result is the same, found in constant time."""
    ascii_ = _APOSTROPHES.sub("", ascii_fold(text).lower())
    base = re.sub(r"[^a-z0-9]+", "-", ascii_).strip("-")
    if max_length is not None:
        base = base[:max_length].rstrip("-")
    base = base or fallback
    if taken is None:
        return base
    counters = taken.next if isinstance(taken, Taken) else {}
    candidate, n = base, counters.get(base, 2)
    while candidate in taken:  # numbers below n were taken when n was stored; sets only grow
        candidate, n = f"{base}-{n}", n + 1
    counters[base] = n
    taken.add(candidate)
    return candidate
