"""Start-up tuning for printprog's own command line: regular expressions that libraries
compile when imported and printprog never uses (:data:`DEFERRED`): the URL pattern of
``reportlab.platypus.paragraph`` (``uri_pat``, used only for ``uriWasteReduce``;
case-insensitive over U+00A1-U+FFFF, it took 38 ms of every booklet's start), the CJK pattern
of ``reportlab.lib.textsplit`` (6 ms), and PyYAML's ``Reader.NON_PRINTABLE`` (3 ms of every
run: only PyYAML's pure-Python reader checks text with it, and printprog reads YAML with
libyaml's parser, :mod:`printprog.core.safeyaml`). Python's regular-expression
cache is given a stand-in for each, which compiles the real pattern on first use, so whoever
uses one gets the same matches.

Done only when the process is printprog's command line (:func:`printprog.core.stops.
command_line`): the cache is the process's, and a program that imports printprog as a
library keeps its own. After ``re.purge()``, or on a Python whose cache is keyed otherwise,
the patterns are compiled as before. tests/test_startup.py checks that the libraries still
compile exactly these.
"""

import re
from collections.abc import Sequence

from ..core.stops import command_line

#: (pattern, flags) of the libraries' regular expressions compiled only when used.
DEFERRED: tuple[tuple[str, int], ...] = (
    ('(^(?:[a-z0-9\\.\\-\\+]*)://)(?:\\S+(?::\\S*)?@)?(?:(?:25[0-5]|2[0-4]\\d|[0-1]?\\d?\\d)'
     '(?:\\.(?:25[0-5]|2[0-4]\\d|[0-1]?\\d?\\d)){3}|\\[[0-9a-f:\\.]+\\]|([a-z\xa1-\uffff0-9]'
     '(?:[a-z\xa1-\uffff0-9-]{0,61}[a-z\xa1-\uffff0-9])?(?:\\.(?!-)[a-z\xa1-\uffff0-9-]{1,63}'
     '(?<!-))*\\.(?!-)(?:[a-z\xa1-\uffff-]{2,63}|xn--[a-z0-9]{1,59})(?<!-)\\.?|localhost))'
     '(?::\\d{2,5})?(?:[/?#][^\\s]*)?\\Z', re.I.value),
    ("([\u2e80-\uffff])", re.UNICODE.value),
    ("[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010ffff]", 0),
)


class DeferredPattern:
    """A compiled pattern's stand-in: compiles the pattern when first asked for anything."""

    __slots__ = ("_compiled", "_key")

    def __init__(self, pattern: str, flags: int):
        self._key = (str, pattern, flags)
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            # The same pattern under another cache key (re.UNICODE is implied for text
            # patterns either way): re.compile with the deferred key returns this stand-in.
            _, pattern, flags = self._key
            self._compiled = re.compile(pattern, flags ^ re.UNICODE.value)
        return self._compiled

    def __getattr__(self, name: str):
        return getattr(self.compiled, name)


def defer(argv: Sequence[str]) -> None:
    """Put the stand-ins in the cache when ``argv`` is printprog's command line."""
    cache = getattr(re, "_cache", None)
    if not command_line(argv):
        return
    if not isinstance(cache, dict):
        return
    for pattern, flags in DEFERRED:
        cache.setdefault((str, pattern, flags), DeferredPattern(pattern, flags))

