"""Reading a JSON export once, and telling which tool wrote it.

``load_json(path)`` parses with one-line errors (line and column of a syntax error; a number
of 5,000 digits or nesting 100,000 deep refused), a regular file of at most ``MAX_BYTES``
(read through :mod:`printprog.core.inputs`: no FIFO, no device); the last documents are cached,
so detection and the importer share one parse. ``json_format(doc)`` names the importer by
the shape of the document, not by the file name; :func:`nested_talks` finds pretalx talk
objects anywhere in a document (bounded in depth and in values looked at)."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..core.errors import DataError, Problem
from ..core.inputs import MAX_BYTES, read_text


def load_json(path: Path) -> Any:
    try:
        st = path.stat()
    except OSError as exc:
        raise DataError(Problem(f"cannot read: {exc.strerror}", file=path)) from None
    if st.st_size > MAX_BYTES:
        raise DataError(Problem(f"{st.st_size / 2**20:.1f} MB is more than the "
                                f"{MAX_BYTES // 2**20} MB printprog reads; not a schedule "
                                "export", file=path))
    return _load(str(path), st.st_mtime_ns, st.st_size)


@lru_cache(maxsize=2)
def _load(name: str, mtime: int, size: int) -> Any:
    path = Path(name)
    try:
        return json.loads(read_text(path))
    except json.JSONDecodeError as exc:
        raise DataError(Problem(f"not valid JSON: {exc.msg}", file=path, line=exc.lineno,
                                column=exc.colno)) from None
    except (ValueError, RecursionError) as exc:  # a 5,000-digit number; nesting 100,000 deep
        kind = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
        raise DataError(Problem(f"not a schedule JSON a tool would export: {kind}",
                                file=path)) from None


def as_list(value: Any) -> list:
    """``value`` when it is a list, else [] (a number where an export has a list)."""
    return value if isinstance(value, list) else []


def as_dict(value: Any) -> dict:
    """``value`` when it is an object, else {} (a list or a number where one belongs)."""
    return value if isinstance(value, dict) else {}


def json_format(doc: Any) -> str:
    """"json" (frab/pretalx/c3voc schedule.json), "indico", "pretalx" (REST API talks or
    submissions, or the schedule widget's JSON), or "" for none of these."""
    schedule = doc.get("schedule") if isinstance(doc, dict) else None
    if isinstance(schedule, dict) and ("conference" in schedule or "events" in schedule):
        return "json"
    if isinstance(doc, dict) and "results" in doc and (
            str(doc.get("_type", "")).startswith("HTTPAPI") or "ts" in doc
            or isinstance(doc["results"], dict)):
        return "indico"
    if isinstance(doc, dict) and isinstance(doc.get("talks"), list):
        return "pretalx"  # the widget's schedule.json
    talks = doc.get("results") if isinstance(doc, dict) else doc
    if isinstance(talks, list) and (not talks or (isinstance(talks[0], dict) and (
            "slot" in talks[0] or "submission_type" in talks[0] or "code" in talks[0]))):
        return "pretalx"
    if nested_talks(doc):  # a site's own JSON with pretalx talks inside it
        return "pretalx"
    return "json" if isinstance(schedule, dict) else ""  # a broken schedule JSON: its error


#: How far :func:`nested_talks` looks: levels below the top, and values visited in all.
NEST_DEPTH, NEST_VALUES = 12, 2_000_000


def is_talk(node: Any) -> bool:
    """A pretalx talk object: a ``code``, a ``title`` and its ``slot`` or ``slots``."""
    return (isinstance(node, dict) and isinstance(node.get("code"), str)
            and node.get("title") is not None
            and (isinstance(node.get("slots"), list) or isinstance(node.get("slot"), dict)))


def nested_talks(doc: Any) -> list[dict]:
    """pretalx talk objects wherever they sit in a JSON tree (a conference website's
    ``{date: {room: [slot…]}}`` with extra keys), in document order, each code once.

    Bounded: at most :data:`NEST_DEPTH` levels and :data:`NEST_VALUES` values are looked
    at, so a deep or huge document costs a fixed amount; a talk's own fields are not
    searched."""
    found: list[dict] = []
    codes: set[str] = set()
    stack: list[tuple[Any, int]] = [(doc, 0)]
    seen = 0
    while stack and seen < NEST_VALUES:
        node, depth = stack.pop()
        seen += 1
        if is_talk(node):
            if node["code"] not in codes:
                codes.add(node["code"])
                found.append(node)
            continue
        if depth >= NEST_DEPTH:
            continue
        children = (node.values() if isinstance(node, dict) else
                    node if isinstance(node, list) else ())
        stack.extend((child, depth + 1) for child in reversed(list(children))
                     if isinstance(child, (dict, list)))
    return found
