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

Likewise two modules reportlab imports at start and most runs never use (:data:`LAZY`) are
loaded on first use, through a stand-in (:class:`LazyModule`): ``PIL.Image`` (7 ms;
``reportlab.lib.utils`` imports it for bitmaps, which only a logo or a photo needs) and
``pyphen`` (15 ms where it is installed, as WeasyPrint installs it;
``reportlab.platypus.paragraph`` imports it for hyphenation, which printprog never asks of
reportlab). The first attribute read loads the real module, so a run that draws a photo gets
all of Pillow.
"""

import importlib
import importlib.util
import re
import sys
import types
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


#: Modules imported at start by reportlab, loaded when first used (see the docstring).
LAZY = ("PIL.Image", "pyphen")


class LazyModule(types.ModuleType):
    """A module's stand-in in ``sys.modules``: ``import`` and ``from ... import`` hand it out
    without loading anything (it carries the module's spec, not yet initialising); the first
    attribute it lacks imports the real module, which replaces it in ``sys.modules`` and
    answers that attribute and every later one."""

    def __getattr__(self, attr: str):
        real = self.__dict__.get("_real")
        if real is None:
            name = self.__name__
            if sys.modules.get(name) is self:
                del sys.modules[name]
            real = self.__dict__["_real"] = importlib.import_module(name)
        return getattr(real, attr)


def lazy(name: str) -> None:
    """``import name`` from now on gives a :class:`LazyModule`; nothing when the module is
    loaded already or not installed."""
    if name in sys.modules:
        return
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return
    if spec is None:
        return
    stand_in = LazyModule(name)
    stand_in.__spec__ = spec
    sys.modules[name] = stand_in
    parent, _, child = name.rpartition(".")
    if parent:  # as the import system does: the package names its submodule
        setattr(sys.modules[parent], child, stand_in)


def defer(argv: Sequence[str]) -> None:
    """Put the stand-ins in the cache when ``argv`` is printprog's command line."""
    cache = getattr(re, "_cache", None)
    if not command_line(argv):
        return
    for name in LAZY:
        lazy(name)
    if not isinstance(cache, dict):
        return
    for pattern, flags in DEFERRED:
        cache.setdefault((str, pattern, flags), DeferredPattern(pattern, flags))

