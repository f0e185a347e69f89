"""Strict YAML reading: no tags, no aliases, no duplicate keys, no YAML 1.1 surprises.

``09:15`` stays the text "09:15" (YAML 1.1 makes it the integer 555), ``NO`` stays "NO"
(not False), ``2013-10-21`` stays text for the validator to parse. Mappings and lists come
back as :class:`Marked` wrappers that remember where each value stood, so a validator can
say ``file:line:col`` for any key.

Hostile files fail fast with a located DataError, never a traceback or a hang: explicit
tags (``!!python/object``, ``!!binary``, ``!!timestamp``...) and aliases (billion laughs)
are refused where they stand; so is nesting deeper than :data:`MAX_DEPTH` (the composer
recurses), a number too long to convert, a file over :data:`MAX_BYTES`, a line over
:data:`MAX_LINE` characters (the pure-Python parser reads about 1 MB a second), and anything
but a regular file (a FIFO would block the read forever).
"""

from __future__ import annotations

import re
import stat
from pathlib import Path
from typing import Any

import yaml
from yaml.events import AliasEvent

from ..errors import DataError, Problem

_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"

#: Limits far above any real data, far below what would take seconds to parse.
MAX_BYTES = 4 * 2**20
MAX_LINE = 200_000
MAX_DEPTH = 50


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


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2-like scalars, and refusals for aliases and duplicate keys."""

    _depth = 0

    def compose_node(self, parent, index):  # type: ignore[override]
        event = self.peek_event()
        if isinstance(event, AliasEvent):
            raise yaml.MarkedYAMLError(
                None, None, "aliases (*name) are not allowed; write the value out", event.start_mark
            )
        # '!' alone only forces text; any other tag asks for a constructor (or a type) that
        # plain data never needs: refused here, before anything is constructed.
        if getattr(event, "tag", None) not in (None, "!"):
            raise yaml.MarkedYAMLError(
                None, None, f"tag '{event.tag}' is not allowed", event.start_mark)
        if self._depth >= MAX_DEPTH:
            raise yaml.MarkedYAMLError(
                None, None, f"nested more than {MAX_DEPTH} levels deep", event.start_mark)
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


_StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in (_INT, _FLOAT, _BOOL, _TIMESTAMP)]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_StrictLoader.add_implicit_resolver(
    _BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_StrictLoader.add_implicit_resolver(_INT, re.compile(r"^[-+]?[0-9]+$"), list("-+0123456789"))
_StrictLoader.add_implicit_resolver(
    _FLOAT,
    re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$"),
    list("-+0123456789."),
)


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _construct_int(loader: _StrictLoader, node: yaml.Node) -> int:
    try:
        return int(loader.construct_scalar(node))
    except ValueError:  # more digits than Python converts (sys.get_int_max_str_digits)
        raise yaml.MarkedYAMLError(None, None, "number too long", node.start_mark) from None


def _construct_map(loader: _StrictLoader, node: yaml.MappingNode) -> Marked:
    loader.flatten_mapping(node)
    out: dict[Any, Marked] = {}
    keys: dict[Any, Marked] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if isinstance(key, Marked):
            raise yaml.MarkedYAMLError(
                None, None, "a key must be plain text", key_node.start_mark
            )
        if key in out:
            raise yaml.MarkedYAMLError(
                None, None, f"duplicate key '{key}'; remove one of them", key_node.start_mark
            )
        out[key] = _wrap(loader.construct_object(value_node, deep=True), value_node)
        keys[key] = Marked(key, *_mark(key_node))
    result = Marked(out, *_mark(node))
    result.keys = keys
    return result


def _construct_seq(loader: _StrictLoader, node: yaml.SequenceNode) -> Marked:
    items = [_wrap(loader.construct_object(child, deep=True), child) for child in node.value]
    return Marked(items, *_mark(node))


def _wrap(value: Any, node: yaml.Node) -> Marked:
    if isinstance(value, Marked):
        return value
    marked = Marked(value, *_mark(node))
    if isinstance(node, yaml.ScalarNode):
        marked.source = node.value
    return marked


_StrictLoader.add_constructor("tag:yaml.org,2002:map", _construct_map)
_StrictLoader.add_constructor("tag:yaml.org,2002:seq", _construct_seq)
_StrictLoader.add_constructor(_INT, _construct_int)

_HINTS = {
    "mapping values are not allowed": "check the indentation, and quote text that holds ': '",
    "could not find expected ':'": "check the indentation; each entry needs 'key: value'",
    "did not find expected key": "check the indentation of this block",
    "expected <block end>": "indent this line like the other keys of its entry",
    "did not find expected '-' indicator": "check the indentation of this list",
    "is not allowed": "tags such as !!python are not allowed; remove the tag",
    "nested more than": "is this the right file?",
    "found character '\\t'": "use spaces, not tabs, to indent",
}


def load(path: Path, text: str | None = None) -> Marked | None:
    """Read one YAML file; any problem becomes a one-line DataError naming file:line:col."""
    try:
        if text is None:
            info = path.stat()
            if not stat.S_ISREG(info.st_mode):
                raise DataError(Problem("not a regular file", file=path))
            if info.st_size > MAX_BYTES:
                raise DataError(Problem(
                    f"{info.st_size / 2**20:.1f} MB is more than the {MAX_BYTES // 2**20} MB "
                    "printprog reads", file=path, hint="is this the right file?"))
            text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError(Problem(f"not UTF-8 text ({exc.reason})", file=path,
                                hint="save the file as UTF-8")) from None
    except OSError as exc:
        raise DataError(Problem(f"cannot read: {exc.strerror}", file=path)) from None
    _check_lines(path, text)
    try:
        return yaml.load(text, Loader=_StrictLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = exc.problem or exc.context or "invalid YAML"
        if "expected <block end>" in message:
            message = "indentation does not match the lines above"
        hint = next((h for k, h in _HINTS.items() if k in str(exc)), "")
        raise DataError(Problem(
            message, file=path,
            line=mark.line + 1 if mark else None, column=mark.column + 1 if mark else None,
            hint=hint)) from None
    except yaml.reader.ReaderError as exc:
        # A character YAML does not allow raw (a control character, a stray NUL): say where.
        before = text[:exc.position]
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
