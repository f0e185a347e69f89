"""Reading a JSON export once, and telling which tool wrote it.

``load_json(path)`` parses with one-line errors (line and column of a syntax error; a number
of 5,000 digits or nesting 100,000 deep refused), a regular file of at most ``MAX_BYTES``
(read through :mod:`printprog.core.inputs`: no FIFO, no device); the last documents are cached,
so detection and the importer share one parse. ``json_format(doc)`` names the importer by
the shape of the document, not by the file name."""

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


def json_format(doc: Any) -> str:
    """"json" (frab/pretalx/c3voc schedule.json), "indico", "pretalx" (REST API talks or
    submissions, or the schedule widget's JSON), or "" for none of these."""
    if isinstance(doc, dict) and isinstance(doc.get("schedule"), dict):
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
    return ""
