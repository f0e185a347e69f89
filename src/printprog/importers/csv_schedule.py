"""Spreadsheet schedule (CSV, one event a row) → Conference.

Contract: ``parse(path)`` reads a CSV whose header names the columns and returns the
validated Conference (warnings go to the ``printprog.importers`` logger); ``read(path)``
returns it with the warnings. A missing required column names the column and the header
found; a row that cannot be read names the file and the line it starts on.

Columns, matched without regard to case or surrounding spaces, in any order:

* required: ``Room``, ``Date`` (2011-06-23 or 23.06.2011), ``Start`` (HH:MM), ``Duration``
  (HH:MM, H:MM or HH:MM:SS; an empty cell is an event printed at its start), ``Title``;
* optional: ``ID``, ``Day`` (conference day number: an event at 00:00 on the 26th filed
  under the 25th's number keeps to the 25th), ``Speakers`` (``id:name|id:name``; a name
  without ``id:`` is fine), ``Abstract``, ``Description`` (used when there is no abstract),
  ``Track``, ``Type``, ``URL``; ``Language`` and ``File URL`` are read past.

UTF-8 with or without BOM; comma, semicolon or tab as separator (from the header line).
A CSV names no time zone: times are read as UTC with one warning (set ``timezone`` in
conference.yaml after importing; the times there are local and stay right).
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from datetime import date, datetime, timedelta
from pathlib import Path

from ..core.errors import DataError, Problem
from ..core.inputs import read_text
from ..core.text import one_line
from ..core.when import date_problem
from ..schedule.model import Conference
from .common import build, duration, emit
from .draft import Draft, Event, Imported, Options, Person
from .richtext import rich_text

REQUIRED = ("room", "date", "start", "duration", "title")
OPTIONAL = ("id", "day", "speakers", "abstract", "description", "track", "type", "url",
            "language", "file url")
_DATE_DMY = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")


def parse(path: Path, options: Options | None = None) -> Conference:
    """Read a schedule CSV; raise DataError naming the file and line."""
    return emit(read(path, options))


def read(path: Path, options: Options | None = None) -> Imported:
    text = read_text(path, hint="save the sheet as CSV UTF-8")
    first = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader, [])
    except csv.Error as exc:
        raise DataError(Problem(f"cannot read the header: {exc}", file=path, line=1)) from None
    columns = {one_line(h).casefold(): n for n, h in enumerate(header)}
    for name in REQUIRED:
        if name not in columns:
            people = {"first name", "last name", "name", "email", "ticket title", "company"}
            attendees = ("; it looks like an attendee list: make badges with 'printprog badges "
                         f"--attendees {path}'" if len(people & columns.keys()) >= 2 else "")
            raise DataError(Problem(
                f"missing column '{name.title()}'", file=path, line=1,
                hint=f"the header has: {', '.join(one_line(h) for h in header) or 'nothing'}; "
                     f"required: {', '.join(c.title() for c in REQUIRED)}{attendees}"))
    draft = Draft(name=path.stem, file=path, options=options or Options())
    for name in columns:
        if name not in REQUIRED and name not in OPTIONAL and name:
            draft.ignore(f"column '{name}'")
    rows: list[tuple[int, dict[str, str]]] = []
    line = reader.line_num + 1
    try:
        for record in reader:
            if any(cell.strip() for cell in record):
                rows.append((line, {k: record[n].strip() if n < len(record) else ""
                                    for k, n in columns.items()}))
            line = reader.line_num + 1
    except csv.Error as exc:
        raise DataError(Problem(f"cannot read the row: {exc}", file=path, line=line)) from None
    days = _day_numbers(rows, path)
    events = [e for n, row in rows if (e := draft.attempt(_event, row, n, path, days))]
    return build(draft, events)


def _event(row: dict[str, str], line: int, path: Path, days: dict[str, date]) -> Event:
    ident = row.get("id", "")

    def fail(message: str, hint: str = "") -> DataError:
        return DataError(Problem(message, file=path, line=line,
                                 path=f"event {ident}" if ident else "", hint=hint))

    for name in REQUIRED:
        if not row[name] and name != "duration":  # a blank length: printed at its start
            raise fail(f"the {name.title()} cell is empty")
    when = _date(row["date"])
    if when is None:
        raise fail(f"Date '{row['date']}' is not a date", "write it as 2011-06-23")
    if why := date_problem(when):
        raise fail(f"Date {why}", "is the year right?")
    at = duration(row["start"])
    if at is None or at >= timedelta(days=1):
        raise fail(f"Start '{row['start']}' is not a time", "write it as HH:MM, e.g. 09:15")
    length = duration(row["duration"]) if row["duration"] else timedelta(0)
    if length is None:
        raise fail(f"Duration '{row['duration']}' is not HH:MM, H:MM or HH:MM:SS",
                   "e.g. 1:30")
    people = []
    for item in row.get("speakers", "").split("|"):
        pid, sep, name = item.partition(":")
        if not sep:
            pid, name = "", pid  # a bare name
        if name.strip():
            people.append(Person(pid.strip(), name))
    return Event(
        ident=ident, title=row["title"], start=datetime.combine(when, datetime.min.time()) + at,
        offset=None, duration=length, room=row["room"],
        day=days.get(row.get("day", "")), people=people,
        abstract=rich_text(row.get("abstract")) or rich_text(row.get("description")),
        track=row.get("track", ""), url=row.get("url", ""), type=row.get("type", ""))


def _day_numbers(rows: list[tuple[int, dict[str, str]]], path: Path) -> dict[str, date]:
    """Day number → the date most of its rows give (the rest are after midnight)."""
    votes: dict[str, Counter] = {}
    for line, row in rows:
        number = row.get("day", "")
        if not number:
            continue
        if not number.isdigit():
            raise DataError(Problem(f"Day '{number}' is not a day number", file=path,
                                    line=line, hint="1 for the first day, 2 for the second…"))
        when = _date(row["date"])
        if when is not None:
            votes.setdefault(number, Counter())[when] += 1
    return {n: c.most_common(1)[0][0] for n, c in votes.items()}


def _date(text: str) -> date | None:
    if m := _DATE_DMY.match(text):
        text = f"{m[3]}-{int(m[2]):02d}-{int(m[1]):02d}"
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None
