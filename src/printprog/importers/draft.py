"""The shapes every importer fills in before :func:`printprog.importers.common.build` checks
them: the conference facts as found (:class:`Draft`), one :class:`Event` per scheduled slot,
its :class:`Person` entries, the command line's :class:`Options`, and the :class:`Imported`
result. Their own module so the time-zone rules (:mod:`.zones`) and the builder share them
without importing each other.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from ..core.errors import DataError, Problem
from ..core.records import Record, record
from ..core.report import Report
from ..core.text import one_line
from ..schedule.model import Conference


@record(frozen=True)
class Options(Record):
    """What the command line adds to a file: ``--strict``, ``--timezone``, ``--language``."""

    strict: bool = False  # an event that cannot be placed is an error, not a warning
    timezone: str = ""  # IANA zone the times are printed in, over what the file says
    language: str = ""  # language of i18n texts ({"en": …, "de": …}); "" = the file's own
    photos: Path | None = None  # --photos: where a PDF's speaker photos are (none: not read)


@record(frozen=True)
class Imported(Record):
    conference: Conference
    warnings: tuple[str, ...] = ()


@dataclass
class Person:
    ident: str  # source id, "" when the file gives none
    name: str
    job_title: str = ""
    organisation: str = ""


@dataclass  # one per slot of the file: its generated __init__ is the fast one (core.records)
class Event:
    """One slot as the file gives it, checked for what the format itself requires."""

    ident: str
    title: str
    start: datetime  # naive local time
    offset: timedelta | None  # UTC offset the file gives with the time, if any
    duration: timedelta
    room: str
    day: date | None = None  # conference day the file files it under
    people: list[Person] = field(default_factory=list)
    abstract: tuple[str, ...] = ()
    track: str = ""
    url: str = ""
    type: str = ""


@record
class Draft(Record):
    """Conference facts as found, before the events are checked."""

    name: str
    file: Path
    timezone: str = ""  # declared IANA name, if any
    city: str = ""
    venue: str = ""
    website: str = ""
    base_url: str = ""  # relative talk URLs are resolved against it
    rooms: list[str] = field(default_factory=list)  # declared order, empty rooms included
    addresses: dict[str, str] = field(default_factory=dict)  # room name -> off-site address
    bios: dict[str, tuple[str, ...]] = field(default_factory=dict)  # person id or folded name
    report: Report = field(default_factory=Report)
    unknown: dict[str, int] = field(default_factory=dict)
    options: Options = field(default_factory=Options)
    errors: list[Problem] = field(default_factory=list)  # skipped events, under --strict
    left_out: list[Problem] = field(default_factory=list)  # skipped events, as warned

    def warn(self, message: str) -> None:
        self.report.warn(one_line(f"{self.file.name}: {message}"))  # no control chars from data

    def skip(self, error: DataError) -> None:
        """An event that cannot be placed: one warning naming file, line and event, and the
        rest is imported (the organiser fixes it in the data folder); with --strict an error."""
        for problem in error.problems:
            if self.options.strict:
                self.errors.append(problem)
            else:
                self.left_out.append(problem)
                self.report.warn(one_line(f"{problem}; this event is left out"))

    def attempt(self, read: Callable[..., Event], *args: Any) -> Event | None:
        """``read(*args)``, or None (after :meth:`skip`) when it raises DataError."""
        try:
            return read(*args)
        except DataError as exc:
            self.skip(exc)
            return None

    def ignore(self, what: str) -> None:
        """Note an element or key printprog does not read; summed up in one warning."""
        self.unknown[what] = self.unknown.get(what, 0) + 1
