"""Strict YAML reading: safe tags only, no aliases, no duplicate keys, no YAML 1.1 surprises.

``09:15`` stays the text "09:15" (YAML 1.1 makes it the integer 555), ``NO`` stays "NO"
(not False), ``2013-10-21`` stays text for the validator to parse. Mappings and lists come
back as :class:`Node` wrappers that remember where each value stood, so a validator can say
``file:line:col`` for any key.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from yaml.events import AliasEvent

from ..errors import DataError, Problem

_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"


class Marked:
    """A value with the place it was read from (1-based line and column)."""

    __slots__ = ("column", "keys", "line", "value")

    def __init__(self, value: Any, line: int, column: int):
        self.value = value
        self.line = line
        self.column = column
        #: For mappings: where each key stood, for messages about the key itself.
        self.keys: dict[Any, Marked] = {}

    def __repr__(self) -> str:
        return f"Marked({self.value!r}@{self.line}:{self.column})"


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2-like scalars, and refusals for aliases and duplicate keys."""

    def compose_node(self, parent, index):  # type: ignore[override]
        if self.check_event(AliasEvent):
            event = self.peek_event()
            raise yaml.MarkedYAMLError(
                None, None, "aliases (*name) are not allowed; write the value out", event.start_mark
            )
        return super().compose_node(parent, index)


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
    return int(loader.construct_scalar(node))


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
    return value if isinstance(value, Marked) else Marked(value, *_mark(node))


_StrictLoader.add_constructor("tag:yaml.org,2002:map", _construct_map)
_StrictLoader.add_constructor("tag:yaml.org,2002:seq", _construct_seq)
_StrictLoader.add_constructor(_INT, _construct_int)

_HINTS = {
    "mapping values are not allowed": "check the indentation, and quote text that holds ': '",
    "could not find expected ':'": "check the indentation; each entry needs 'key: value'",
    "did not find expected key": "check the indentation of this block",
    "expected <block end>": "indent this line like the other keys of its entry",
    "did not find expected '-' indicator": "check the indentation of this list",
    "could not determine a constructor": "tags such as !!python are not allowed; remove the tag",
    "found character '\\t'": "use spaces, not tabs, to indent",
}


def load(path: Path, text: str | None = None) -> Marked | None:
    """Read one YAML file; any problem becomes a one-line DataError naming file:line:col."""
    try:
        if text is None:
            text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError(Problem(f"not UTF-8 text ({exc.reason})", file=path,
                                hint="save the file as UTF-8")) from None
    except OSError as exc:
        raise DataError(Problem(f"cannot read: {exc.strerror}", file=path)) from None
    try:
        return yaml.load(text, Loader=_StrictLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = exc.problem or exc.context or "invalid YAML"
        tag = re.search(r"tag '([^']+)'", exc.problem or "")
        if "could not determine a constructor" in (exc.problem or "") and tag:
            message = f"tag '{tag[1]}' is not allowed"
        if "expected <block end>" in message:
            message = "indentation does not match the lines above"
        hint = next((h for k, h in _HINTS.items() if k in str(exc)), "")
        raise DataError(Problem(
            message, file=path,
            line=mark.line + 1 if mark else None, column=mark.column + 1 if mark else None,
            hint=hint)) from None
    except yaml.YAMLError as exc:
        raise DataError(Problem(f"invalid YAML: {exc}", file=path)) from None


def plain(value: Any) -> Any:
    """Strip the marks: plain dicts, lists and scalars (for tests and tooling)."""
    if isinstance(value, Marked):
        return plain(value.value)
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value
