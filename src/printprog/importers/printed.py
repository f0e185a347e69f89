"""A printed printprog PDF as a data source: the schedule it carries (:mod:`printprog.pdf.embedded`)
read back through the same strict reader and validator as a data folder.

A per-room file (a room's sign) carries only its room's part (:mod:`printprog.schedule.scope`): read
back, it says so in one note line, so nobody takes one room's sessions for the event."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..core.console import say
from ..core.errors import DataError, PrintprogError, Problem
from ..core.safeyaml import Marked
from ..core.text import one_line
from ..pdf.embedded import FILENAME, _parts, is_pdf, pages_of, scope_of
from ..schedule.model import Conference
from ..schedule.scope import Scope, describe


@dataclass(frozen=True)
class Printed:
    """What a printprog PDF carries: the schedule, the booklet's talk pages, and the scope of
    a per-room file (None: the whole schedule)."""

    conference: Conference
    pages: dict[str, int] = field(default_factory=dict)
    scope: Scope | None = None


def printed(path: Path, flag: str) -> Printed:
    """The PDF given with ``flag`` (--since, --changed-since), read once: one line when it
    is missing or not a PDF."""
    if not path.exists():
        raise PrintprogError(f"{path}: no such file; pass the printed booklet with {flag}")
    if not is_pdf(path):
        raise PrintprogError(f"{path}: not a PDF; pass the printed booklet with {flag}")
    return read_printed(path)


def read_printed(path: Path) -> Printed:
    """Everything a printprog PDF carries; a scoped one says what it holds in a note."""
    from .yaml_dir import from_documents

    doc, docs = _parts(path)
    label = f"{path} ({FILENAME})"
    conf = from_documents(docs, path.parent, {name: label for name in docs})
    scope = _scope(doc, conf, Path(label))
    if scope is not None:
        say("note", f"{path} holds {describe(conf, scope)}, not the whole programme")
    return Printed(conf, pages_of(doc), scope)


def load_pdf(path: Path) -> Conference:
    """The Conference a printprog PDF was made from. Photos are looked for beside the PDF."""
    return read_printed(path).conference


def _scope(doc: Marked, conf: Conference, label: Path) -> Scope | None:
    """The document's scope with its room found among the rooms it carries (by name)."""
    found = scope_of(doc, label)
    if found is None:
        return None
    room, days = found
    if room is None:
        return Scope(None, days)
    name = one_line(room.value)  # as the reader wrote the room's own name
    match = [r for r in conf.rooms if r.name == name]
    if not match:
        raise DataError(Problem(f"no room named '{room.value}' among the embedded rooms",
                                file=label, line=room.line, column=room.column,
                                path="scope.room"))
    return Scope(match[0].id, days)
