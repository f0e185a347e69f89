"""Importers: each turns one kind of schedule file into a validated Conference.

``load(path)`` picks the importer from the content (a folder is the native YAML format),
so ``--data`` takes a folder or a file exported by another tool.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.errors import PrintprogError
from ..core.inputs import read_bytes

# The model and the importers' draft types are imported by what reads a schedule: this
# package is also the parent of attendees.py, and the CLI reads FORMATS for --help
# (issue #28: a walk-in's badge reads a CSV, no schedule).
if TYPE_CHECKING:
    from ..schedule.model import Conference
    from .draft import Options

#: format name -> (module, function) reading a file into a Conference.
FORMATS: dict[str, tuple[str, str]] = {
    "sched": ("printprog.importers.sched", "parse"),
    "frab": ("printprog.importers.frab", "parse"),
    "json": ("printprog.importers.schedule_json", "parse"),
    "csv": ("printprog.importers.csv_schedule", "parse"),
    "ical": ("printprog.importers.ics", "parse"),
    "indico": ("printprog.importers.indico", "parse"),
    "pretalx": ("printprog.importers.pretalx", "parse"),
}
#: What each format is, for messages that name the formats printprog reads.
DESCRIPTIONS: dict[str, str] = {
    "sched": "a Sched schedule page saved as text",
    "frab": "frab/Pentabarf/pretalx schedule XML",
    "json": "schedule JSON (frab, pretalx, c3voc/hub v2)",
    "csv": "a spreadsheet schedule (CSV)",
    "ical": "an iCalendar file (.ics)",
    "indico": "an Indico JSON export (event detail or timetable)",
    "pretalx": "pretalx API talks/submissions JSON or the pretalx widget schedule",
}


# Sched pages saved as text: "Monday October 21, 2013 9:15am - 10:00am BST", "Monday, October 21".
_DAYS = "(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_SCHED_TIME_LINE = re.compile(
    rf"^{_DAYS} [A-Z][a-z]+ \d{{1,2}}, \d{{4}} \d{{1,2}}:\d{{2}}[ap]m - ", re.MULTILINE)
_SCHED_DAY = re.compile(rf"^{_DAYS}, [A-Z][a-z]+ \d{{1,2}}\s*$", re.MULTILINE)


def importer(fmt: str) -> Callable[..., Conference]:
    """The ``parse(path, options)`` of a format."""
    if fmt not in FORMATS:
        raise PrintprogError(f"unknown import format '{fmt}'; use one of: {', '.join(FORMATS)}")
    module, func = FORMATS[fmt]
    return getattr(import_module(module), func)


def detect(path: Path) -> str:
    """Name the format of a schedule file from its first bytes, not only its extension."""
    head = read_bytes(path)[:4096]  # refuses a FIFO or a device before anything waits on it
    text = head.decode("utf-8", errors="replace").lstrip("\ufeff \t\r\n")
    if text[:15].upper() == "BEGIN:VCALENDAR":
        return "ical"
    if text.startswith("<"):
        return "frab"
    if text.startswith(("{", "[")):
        from .jsonfile import json_format, load_json

        fmt = json_format(load_json(path))
        if fmt:
            return fmt
        raise PrintprogError(f"{path}: a JSON file printprog cannot read; it reads "
                             f"{_known()}: import one with 'printprog import FORMAT FILE "
                             "--out data/NAME' or pass it with --data")
    if _SCHED_TIME_LINE.search(text) or _SCHED_DAY.search(text):
        return "sched"
    if text and any(sep in text.splitlines()[0] for sep in ",;\t"):
        return "csv"  # a header line: comma, semicolon or tab separated
    raise PrintprogError(f"{path}: cannot tell which schedule format this is; printprog "
                         f"reads a data folder or {_known()}: import one with 'printprog "
                         "import FORMAT FILE --out data/NAME' or pass it with --data")


def _known() -> str:
    return "; ".join(f"{text} ({fmt})" for fmt, text in DESCRIPTIONS.items())


def load(path: Path, options: Options | None = None) -> Conference:
    """A Conference from a data folder or a schedule file; ``options`` apply to files (and
    ``--timezone`` to a folder that states ``timezone: local``)."""
    from .draft import Options

    options = options or Options()
    if path.is_dir():
        from .yaml_dir import load_folder

        _photos_unused(options)
        return load_folder(path, options.timezone)
    if not path.exists():
        raise PrintprogError(f"{path}: no such file or folder; pass --data with a data folder "
                             "or a schedule file")
    from ..pdf.embedded import is_pdf

    if is_pdf(path):  # a PDF printprog made carries the schedule it was made from
        from .printed import load_pdf

        return load_pdf(path, options.photos)
    _photos_unused(options)
    return importer(detect(path))(path, options)


def _photos_unused(options) -> None:
    """--photos names where a PDF's speaker photos are; a data folder's or a schedule
    file's photos are its own, so it is said to be ignored rather than ignored silently."""
    if options.photos is not None:
        logging.getLogger("printprog.importers").warning(
            f"--photos {options.photos}: used only with a PDF as --data (a data folder's "
            "or a schedule file's photos are its own); ignored")
