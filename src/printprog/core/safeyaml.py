"""Strict YAML reading: no tags, no aliases, no duplicate keys, no YAML 1.1 surprises.

``09:15`` stays the text "09:15" (YAML 1.1 makes it the integer 555), ``NO`` stays "NO"
(not False), ``2013-10-21`` stays text for the validator to parse. Mappings and lists come
back as :class:`Marked` wrappers that remember where each value stood, so a validator can
say ``file:line:col`` for any key.

Hostile files fail fast with a located DataError, never a traceback or a hang: explicit
tags (``!!python/object``, ``!!binary``, ``!!timestamp``...) and aliases (billion laughs)
are refused where they stand; so is nesting deeper than :data:`MAX_DEPTH` (the composer
recurses), a number too long to convert, a file over :data:`MAX_BYTES`, a line over
:data:`MAX_LINE` characters, more than :data:`MAX_NODES` values (each costs memory and time
to check: 32 MB of ``- 1`` lines would be 8 million), and anything but a regular file (a
FIFO would block the read forever). ``<<`` is an ordinary key (merges need aliases),
and so is ``=``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from .errors import DataError, Problem
from .inputs import MAX_BYTES as MAX_BYTES  # the limit this module documents
from .inputs import read_text

#: Limits far above any real data, far below what would take seconds to parse.
MAX_LINE = 200_000
MAX_DEPTH = 50
#: Values (scalars, lists, mappings) in one file: a 5,000-talk sessions.yaml (7 MB) has 135,000.
MAX_NODES = 500_000


class Marked:
    """A value with the place it was read from (1-based line and column)."""

    __slots__ = ("column", "keys", "line", "source", "value")

    def __init__(self, value: Any, line: int, column: int):
        self.value = value
        self.line = line
        self.column = column
        #: For scalars: the text as written, so a reader that wants text gets "1.10" and
        #: "007" back, not the float 1.1 or the integer 7 they resolved to.
        self.source: str | None = None
        #: For mappings: where each key stood, for messages about the key itself.
        self.keys: dict[Any, Marked] = {}

    def __repr__(self) -> str:
        return f"Marked({self.value!r}@{self.line}:{self.column})"


try:  # libyaml's parser reads ~20x faster than PyYAML's pure-Python one
    from yaml._yaml import CParser as _Parser

    _BYTE_OFFSETS = True  # its ReaderError positions count UTF-8 bytes
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml.parser import Parser as _PyParser
    from yaml.reader import Reader as _Reader
    from yaml.scanner import Scanner as _Scanner

    class _Parser(_Reader, _Scanner, _PyParser):  # type: ignore[no-redef]
        def __init__(self, stream):
            _Reader.__init__(self, stream)
            _Scanner.__init__(self)
            _PyParser.__init__(self)

    _BYTE_OFFSETS = False

#: Implicit types of plain (unquoted) scalars, YAML 1.2 core schema style: first character
#: ("" for the empty scalar) -> [(regex, converter)]. Anything else, and anything quoted,
#: is text.
_IMPLICIT: dict[str, list[tuple[re.Pattern, Any]]] = {}
#: The same rules as PyYAML resolvers (first character -> [(tag, regex)]), so the YAML
#: writer (export_yaml) quotes exactly the text this loader would not read back as text.
RESOLVERS: dict[str, list[tuple[str, re.Pattern]]] = {}


def _implicit(tag: str, pattern: str, first: Iterable[str], convert: Any) -> None:
    rx = re.compile(pattern)
    for ch in first:
        _IMPLICIT.setdefault(ch, []).append((rx, convert))
        RESOLVERS.setdefault(ch, []).append((f"tag:yaml.org,2002:{tag}", rx))


def _to_int(text: str, mark) -> int:
    try:
        return int(text)
    except ValueError:  # more digits than Python converts (sys.get_int_max_str_digits)
        raise yaml.MarkedYAMLError(None, None, "number too long", mark) from None


_implicit("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF",
          lambda text, mark: text.lower() == "true")
_implicit("int", r"^[-+]?[0-9]+$", "-+0123456789", _to_int)
_implicit("float", r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$", "-+0123456789.",
          lambda text, mark: float(text))
_implicit("null", r"^(?:~|null|Null|NULL|)$", ("~", "n", "N", ""), lambda text, mark: None)


def _scalar(event) -> Marked:
    text = event.value
    value: Any = text
    if event.implicit[0] and event.tag is None:  # plain scalar
        for rx, convert in _IMPLICIT.get(text[:1], ()):
            if rx.match(text):
                value = convert(text, event.start_mark)
                break
    marked = Marked(value, event.start_mark.line + 1, event.start_mark.column + 1)
    marked.source = text
    return marked


def _refuse(message: str, mark) -> None:
    raise yaml.MarkedYAMLError(None, None, message, mark)


def _mark_of(item: Marked):
    """The parser's mark (0-based) of where ``item`` stood."""
    return yaml.Mark(None, None, item.line - 1, item.column - 1, None, None)


#: A mapping's state between a key and its value: no key read yet.
_NO_KEY = object()


def _compose(text: str) -> Marked | None:
    """Build the Marked tree straight from the parser's events (no yaml.Node tree, no
    constructor): aliases, tags, duplicate keys, non-text keys and deep nesting are refused
    at the event that brings them, so a hostile file fails before it costs anything."""
    parser = _Parser(text)
    get = parser.get_event
    result: Marked | None = None
    documents = 0
    nodes = 0
    # Open collections: [Marked, pending key (mappings), key's Marked].
    stack: list[list[Any]] = []
    while True:
        event = get()
        kind = type(event)
        # '!' alone only forces text; any other tag asks for a type plain data never needs.
        if getattr(event, "tag", None) not in (None, "!"):
            _refuse(f"tag '{event.tag}' is not allowed", event.start_mark)
        if kind is yaml.ScalarEvent or kind is yaml.MappingStartEvent or \
                kind is yaml.SequenceStartEvent:
            nodes += 1
            if nodes > MAX_NODES:
                _refuse(f"more than {MAX_NODES:,} values in one file; printprog stops "
                        "reading here", event.start_mark)
        if kind is yaml.ScalarEvent:
            item = _scalar(event)
        elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            if len(stack) >= MAX_DEPTH:
                _refuse(f"nested more than {MAX_DEPTH} levels deep", event.start_mark)
            mark = event.start_mark
            node = Marked({} if kind is yaml.MappingStartEvent else [],
                          mark.line + 1, mark.column + 1)
            stack.append([node, _NO_KEY, None])
            continue
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            item = stack.pop()[0]
        elif kind is yaml.AliasEvent:
            _refuse("aliases (*name) are not allowed; write the value out", event.start_mark)
        elif kind is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise yaml.MarkedYAMLError(
                    "expected a single document in the stream", None,
                    "but found another document", event.start_mark)
            continue
        elif kind is yaml.StreamEndEvent:
            return result
        else:  # stream start, document end
            continue
        if not stack:
            result = item
            continue
        top = stack[-1]
        parent = top[0]
        if isinstance(parent.value, list):
            parent.value.append(item)
        elif top[1] is _NO_KEY:
            if isinstance(item.value, (dict, list)):
                _refuse("a key must be plain text", _mark_of(item))
            key = item.value
            if key in parent.value:
                _refuse(f"duplicate key '{key}'; remove one of them", _mark_of(item))
            top[1], top[2] = key, Marked(key, item.line, item.column)
        else:
            parent.value[top[1]] = item
            parent.keys[top[1]] = top[2]
            top[1] = _NO_KEY


_HINTS = {
    "mapping values are not allowed": "check the indentation, and quote text that holds ': '",
    "could not find expected ':'": "check the indentation; each entry needs 'key: value'",
    "did not find expected key": "check the indentation of this block",
    "expected <block end>": "indent this line like the other keys of its entry",
    "did not find expected '-' indicator": "check the indentation of this list",
    "is not allowed": "tags such as !!python are not allowed; remove the tag",
    "nested more than": "is this the right file?",
    "values in one file": "is this the right file?",
    "found character '\\t'": "use spaces, not tabs, to indent",
    "expected ',' or ']'": "close the list with ']'",
    "expected ',' or '}'": "close the mapping with '}'",
    "found a tab character": "use spaces, not tabs, to indent",
    "invalid Unicode character escape": "write the character itself, or the \\U escape of a "
                                        "whole character",
}


def load(path: Path, text: str | None = None) -> Marked | None:
    """Read one YAML file; any problem becomes a one-line DataError naming file:line:col."""
    if text is None:
        text = read_text(path)
    _check_lines(path, text)
    try:
        return _compose(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = exc.problem or exc.context or "invalid YAML"
        if "expected <block end>" in message:
            message = "indentation does not match the lines above"
        elif "maximum nesting depth" in message:  # libyaml's own limit, met while scanning ahead
            message = f"nested more than {MAX_DEPTH} levels deep"
        hint = next((h for k, h in _HINTS.items() if k in str(exc)), "")
        raise DataError(Problem(
            message, file=path,
            line=mark.line + 1 if mark else None, column=mark.column + 1 if mark else None,
            hint=hint)) from None
    except yaml.reader.ReaderError as exc:
        # A character YAML does not allow raw (a control character, a stray NUL): say where.
        before = (text.encode("utf-8")[:exc.position].decode("utf-8", "ignore")
                  if _BYTE_OFFSETS else text[:exc.position])
        line, column = before.count("\n") + 1, len(before) - before.rfind("\n")
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        raise DataError(Problem(
            f"character U+{code:04X} is not allowed here", file=path, line=line, column=column,
            hint=f"remove it, or write it as \\u{code:04X} inside double quotes")) from None
    except yaml.YAMLError as exc:
        raise DataError(Problem(f"invalid YAML: {exc}", file=path)) from None


def _check_lines(path: Path, text: str) -> None:
    longest = max(map(len, text.split("\n")), default=0)
    if longest > MAX_LINE:
        line = next(n for n, ln in enumerate(text.split("\n"), 1) if len(ln) == longest)
        raise DataError(Problem(
            f"a line of {longest:,} characters is more than the {MAX_LINE:,} printprog reads",
            file=path, line=line, hint="write long text as a '|' block over several lines"))


def plain(value: Any) -> Any:
    """Strip the marks: plain dicts, lists and scalars (for tests and tooling)."""
    if isinstance(value, Marked):
        return plain(value.value)
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value
