"""A printed printprog PDF as a data source: the schedule it carries (:mod:`printprog.pdf.embedded`)
read back through the same strict reader and validator as a data folder.

A per-room file (a room's sign) carries only its room's part (:mod:`printprog.schedule.scope`): read
back, it says so in one note line, so nobody takes one room's sessions for the event.

A PDF is often a file someone sent. Its speakers' photos are looked for only in a folder the
user names (``--photos DIR``), never beside the PDF, so a received file cannot choose which
local images go into a file that will be shared; without ``--photos`` they are left out with
one warning. A source written by a newer major version, or two sources in one PDF, are
refused (:mod:`printprog.pdf.embedded`)."""

from __future__ import annotations

import logging
from dataclasses import field, replace
from pathlib import Path

from ..core.console import say
from ..core.errors import DataError, PrintprogError, Problem
from ..core.records import Record, record
from ..core.safeyaml import Marked
from ..core.text import one_line
from ..pdf.embedded import FILENAME, _parts, is_pdf, pages_of, scope_of
from ..schedule.model import Conference
from ..schedule.scope import Scope, describe

log = logging.getLogger("printprog.importers")


@record(frozen=True)
class Printed(Record):
    """What a printprog PDF carries: the schedule, the booklet's talk pages, and the scope of
    a per-room file (None: the whole schedule)."""

    conference: Conference
    pages: dict[str, int] = field(default_factory=dict)
    scope: Scope | None = None
    #: Speakers whose photo was left out (read without a photos folder).
    photos_left_out: int = 0


def printed(path: Path, flag: str) -> Printed:
    """The PDF given with ``flag`` (--since, --changed-since), read once: one line when it
    is missing or not a PDF."""
    if not path.exists():
        raise PrintprogError(f"{path}: no such file; pass the printed booklet with {flag}")
    if not is_pdf(path):
        raise PrintprogError(f"{path}: not a PDF; pass the printed booklet with {flag}")
    return read_printed(path)


def read_printed(path: Path, photos: Path | None = None) -> Printed:
    """Everything a printprog PDF carries; a scoped one says what it holds in a note. The
    speakers' photos are looked for in ``photos`` only, never beside the PDF (see
    :func:`load_pdf`); without ``photos`` they are left out."""
    from .yaml_dir import from_documents

    doc, docs = _parts(path)
    label = f"{path} ({FILENAME})"
    conf = from_documents(docs, photos or path.parent, {name: label for name in docs})
    left_out = sum(1 for s in conf.speakers if s.photo) if photos is None else 0
    if left_out:
        conf = replace(conf, speakers=tuple(replace(s, photo=None) for s in conf.speakers))
    scope = _scope(doc, conf, Path(label))
    if scope is not None:
        say("note", f"{path} holds {describe(conf, scope)}, not the whole programme")
    return Printed(conf, pages_of(doc), scope, left_out)


def load_pdf(path: Path, photos: Path | None = None) -> Conference:
    """The Conference a printprog PDF was made from. A PDF is often a file someone sent: the
    photo paths it names are not looked for beside it (the sender would choose which of the
    reader's local images go into a file that is then shared), only in ``photos``, a folder
    the user names (``--photos DIR``); without it, the photos are left out, with a warning."""
    found = read_printed(path, photos)
    if found.photos_left_out:
        log.warning(f"{path}: names {found.photos_left_out} speaker photo(s), which printprog "
                    "does not look for beside a PDF: pass --photos DIR with the folder that "
                    "holds them")
    return found.conference


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
