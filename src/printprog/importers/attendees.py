"""Attendees for badges: a registration CSV read into
:class:`~printprog.schedule.attendee.Attendee`, and merged with the schedule's speakers.

An importer: it validates at the edge and draws nothing. :func:`read_csv` takes what ticket
shops export: UTF-8 with or without a BOM (or UTF-16 with a BOM, as spreadsheets save
"Unicode text"), comma, semicolon or tab as delimiter (sniffed from the header), header names
matched loosely (``First Name``, ``first_name``, ``Vorname`` ...). Roles come from a role
column, else from the ticket title (``Speaker ticket`` → SPEAKER). Other header names are
mapped with ``columns`` (``--columns name=jmeno,organisation=firma``). A row without any
name is skipped with a warning naming the line (one bad row never ends the run); a row with
a different number of fields than the header, bytes that are not UTF-8, or a file without a
name column is a one-line :class:`DataError` naming the file and line.

:func:`badge_people` gives everyone who gets a badge: the CSV's attendees plus the schedule's
speakers and moderators (unless ``with_speakers`` is false: ``badges --attendees`` without
``--data`` prints exactly the file's people); a speaker found in the CSV (by folded full
name) is one person with role SPEAKER, not two.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from dataclasses import replace
from pathlib import Path

from ..core.errors import DataError, Problem
from ..core.inputs import read_bytes
from ..core.limits import MAX_ATTENDEES
from ..core.text import MAX_LINE, one_line
from ..schedule.attendee import Attendee
from ..schedule.model import Conference, fold
from ..schedule.views import sessions_of_person, speakers_a_to_z

ROLES = ("SPEAKER", "ORGANISER", "STAFF", "SPONSOR", "PRESS", "ATTENDEE")

#: Column → accepted header names, compared lower-case with everything but letters and
#: digits removed ("First Name", "first_name" and "FIRSTNAME" are all "firstname").
COLUMNS: dict[str, tuple[str, ...]] = {
    "first": ("firstname", "first", "givenname", "given", "forename", "vorname", "prenom"),
    "last": ("lastname", "last", "surname", "familyname", "family", "nachname", "nom"),
    "name": ("name", "fullname", "attendeename", "attendee", "participant", "participantname",
             "ticketholder", "ticketholdername", "holdername"),
    "printed": ("printedname", "badgename", "nameonbadge", "preferredname", "nickname",
                "displayname", "callname"),
    "organisation": ("organisation", "organization", "company", "org", "affiliation",
                     "employer", "companyname", "institution", "firma"),
    "role": ("role", "badgerole", "attendeetype", "category", "badgetype"),
    "ticket": ("tickettitle", "ticket", "tickettype", "ticketname", "tickets", "tier",
               "registrationtype", "product"),
    "pronouns": ("pronouns", "pronoun"),
    "email": ("email", "emailaddress", "mail"),
    "url": ("url", "profileurl", "profile", "homepage"),
}
#: A consent column: any header containing one of these (share_contact, "GDPR consent" ...).
CONSENT = re.compile(r"consent|sharecontact|shareemail|sharedetails|contactsharing|optin")
YES = frozenset({"yes", "y", "true", "1", "x", "ja", "j", "oui", "si", "sí", "ok", "agree",
                 "agreed", "accepted", "optin", "opt-in", "✓", "✔"})
#: Ticket title or role text → role; the first pattern that matches wins.
ROLE_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"speaker|keynote|presenter", re.I), "SPEAKER"),
    (re.compile(r"staff|crew|volunteer|helper", re.I), "STAFF"),
    (re.compile(r"press|media|journalist", re.I), "PRESS"),
    (re.compile(r"sponsor|exhibitor", re.I), "SPONSOR"),
    (re.compile(r"organi[sz]er|organi[sz]ing|orga\b", re.I), "ORGANISER"),
)
_URL = re.compile(r"^https?://\S+$")


def role_of(text: str) -> str:
    """The badge role for a ticket title or role text; ATTENDEE when nothing matches."""
    for pattern, role in ROLE_PATTERNS:
        if pattern.search(text):
            return role
    return "ATTENDEE"


def _key(header: str) -> str:
    return re.sub(r"[^0-9a-z]", "", header.casefold())


def _decode(data: bytes, path: Path) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise DataError(Problem(f"not UTF-16 text ({exc.reason})", file=path)) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise DataError(Problem(
            f"byte 0x{data[exc.start]:02x} is not UTF-8", file=path, line=line,
            hint="save the file as UTF-8, e.g. 'CSV UTF-8' in a spreadsheet")) from None


def _delimiter(first_line: str) -> str:
    """The delimiter that splits the header into the most fields (comma on a tie)."""
    def fields(d: str) -> int:
        return len(next(csv.reader([first_line], delimiter=d), []))

    return max((",", ";", "\t"), key=fields)


def parse_columns(text: str) -> dict[str, str]:
    """``name=jmeno,organisation=firma`` → {"name": "jmeno", "organisation": "firma"};
    ValueError naming what is wrong (the CLI makes it a command-line error)."""
    out: dict[str, str] = {}
    for part in (p.strip() for p in text.split(",") if p.strip()):
        column, eq, header = (x.strip() for x in part.partition("="))
        if not eq or not header:
            raise ValueError(f"'{part}' is not COLUMN=HEADER")
        if column not in COLUMNS:
            raise ValueError(f"unknown column '{column}'; use one of: {', '.join(COLUMNS)}")
        out[column] = header
    return out


def read_columns(path: Path) -> dict[str, str]:
    """The same mapping from a small YAML file (``name: jmeno`` per line)."""
    from ..core.safeyaml import load, plain

    data = plain(load(Path(path)))
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        raise DataError(Problem("must map columns to header names, e.g. 'name: jmeno'",
                                file=path))
    try:
        return parse_columns(",".join(f"{k}={v}" for k, v in data.items()))
    except ValueError as exc:
        raise DataError(Problem(str(exc), file=path)) from None


def read_csv(path: Path, columns: dict[str, str] | None = None,
             warnings: list[str] | None = None) -> list[Attendee]:
    """Attendees of a registration export, in file order; ``columns`` maps a column (name,
    first, last, organisation, role …) to the file's header name; rows without a name are
    named in ``warnings`` and skipped, and so is a row equal in every field to an earlier one
    (one badge per person: a duplicate row is an export appended twice, not a second person)."""
    path = Path(path)
    data = read_bytes(path)
    text = _decode(data, path)
    first = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(first))
    try:
        header = next(reader, [])
    except csv.Error as exc:
        raise DataError(Problem(f"unreadable CSV header: {exc}", file=path, line=1)) from None
    mapping = columns or {}
    columns = _columns(header)
    keys = [h.strip().casefold() for h in header]
    for column, name in mapping.items():
        if name.strip().casefold() not in keys:
            raise DataError(Problem(
                f"--columns {column}={name}: no such header; the header has: "
                f"{', '.join(h.strip() for h in header if h.strip()) or 'nothing'}",
                file=path, line=1))
        columns[column] = keys.index(name.strip().casefold())
    if not {"first", "last", "name", "printed"} & columns.keys():
        found = ", ".join(h.strip() for h in header if h.strip()) or "nothing"
        raise DataError(Problem(
            f"no name column; the header has: {found}", file=path, line=1,
            hint="add a column 'Name', or 'First Name' and 'Last Name'"))
    people: list[Attendee] = []
    seen: dict[Attendee, int] = {}  # a row given twice (an export run twice) -> its line
    line = reader.line_num
    while True:
        start = line + 1
        try:
            row = next(reader, None)
        except csv.Error as exc:
            raise DataError(Problem(f"unreadable CSV row: {exc}", file=path,
                                    line=reader.line_num)) from None
        if row is None:
            break
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue  # blank lines and rows of empty cells, as spreadsheets leave at the end
        if len(people) >= MAX_ATTENDEES:  # said at the first row too many, not after a million
            raise DataError(Problem(f"more than {MAX_ATTENDEES:,} attendees; printprog prints "
                                    f"at most {MAX_ATTENDEES:,} badges a run", file=path,
                                    line=start, hint="split the list into several files"))
        try:
            person = _attendee(row, header, columns, path, start)
        except _NoName as exc:
            if warnings is None:
                raise DataError(exc.problem) from None
            warnings.append(f"{exc.problem}; this row is skipped")
            continue
        if person in seen:  # every field the same: one person, one badge
            if warnings is not None:
                warnings.append(f"{path}:{start}: repeats line {seen[person]} "
                                f"({person.name}); one badge is printed")
            continue
        seen[person] = start
        people.append(person)
    return people


class _NoName(Exception):
    """A row with every name cell empty: skipped with a warning, not the end of the run."""

    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


def _columns(header: list[str]) -> dict[str, int]:
    """Column role → index of the first header that names it."""
    found: dict[str, int] = {}
    for index, name in enumerate(header):
        key = _key(name)
        for column, names in COLUMNS.items():
            if key in names:
                found.setdefault(column, index)
        if CONSENT.search(key):
            found.setdefault("consent", index)
    return found


def _attendee(row: list[str], header: list[str], columns: dict[str, int], path: Path,
              line: int) -> Attendee:
    if len(row) > len(header) and not any(c.strip() for c in row[len(header):]):
        row = row[:len(header)]  # trailing delimiters with nothing after them
    if len(row) != len(header):
        raise DataError(Problem(
            f"{len(row)} fields but the header has {len(header)}", file=path, line=line,
            hint="a field with the delimiter in it must be in double quotes"))

    def get(column: str) -> str:
        if column not in columns:
            return ""
        cell = row[columns[column]]
        if len(cell) > MAX_LINE:  # a 130,000-character name took a minute to fit on a badge
            raise DataError(Problem(f"{len(cell):,} characters; at most {MAX_LINE:,} fit on a "
                                    "badge", file=path, line=line,
                                    path=header[columns[column]].strip(),
                                    hint="is this the right column?"))
        return one_line(cell)

    first, last = get("first"), get("last")
    name = get("name") or " ".join(p for p in (first, last) if p)
    printed = get("printed") or first
    if not name:
        name = printed
    if not name:
        named = [header[columns[c]].strip() for c in ("name", "first", "last", "printed")
                 if c in columns]
        raise _NoName(Problem(f"no name: {', '.join(named)} empty", file=path, line=line))
    url = get("url")
    if url and not _URL.match(url):
        raise DataError(Problem(f"'{url}' is not an http(s) URL", file=path, line=line,
                                path=header[columns["url"]].strip()))
    # A Role column is printed as given (VOLUNTEER stays VOLUNTEER); a ticket title
    # ("Early Bird") is not a role, so it is mapped to one.
    ticket = get("ticket")
    return Attendee(
        name=name, printed_name=printed, organisation=get("organisation"),
        role=get("role") or (role_of(ticket) if ticket else "ATTENDEE"),
        pronouns=get("pronouns"), email=get("email"),
        share_contact=get("consent").casefold() in YES, url=url,
        given_name=first if last else "", family_name=last)


def from_speakers(conf: Conference) -> list[Attendee]:
    """Every speaker and moderator of the schedule as a SPEAKER, A to Z."""
    return [Attendee(name=s.name, organisation=s.organisation, role="SPEAKER", speaker_id=s.id,
                     url=_speaker_url(conf, s.id))
            for s in speakers_a_to_z(conf)]


def _speaker_url(conf: Conference, speaker_id: str) -> str:
    """The speaker's page (speaker_url), else their first talk's, else the home page."""
    from ..draw.urls import speaker_url

    sessions = sessions_of_person(conf).get(speaker_id, ())
    return (speaker_url(conf, speaker_id) or (conf.url_for(sessions[0]) if sessions else "")
            or conf.website)


def badge_people(conf: Conference, attendees: list[Attendee] | None = None,
                 with_speakers: bool = True) -> list[Attendee]:
    """Everyone who gets a badge, sorted by family name then full name.

    Without ``attendees``: the schedule's speakers and moderators. With them: the attendees,
    where those whose folded full name is a speaker's become that speaker (role SPEAKER,
    their talk's URL; the CSV's printed name, pronouns, e-mail and consent kept), plus the
    speakers the CSV lacks.
    """
    speakers = from_speakers(conf) if with_speakers else []
    if attendees is None:
        return speakers
    by_name = {fold(s.name): s for s in speakers}
    matched: set[str] = set()
    people = []
    for person in attendees:
        speaker = by_name.get(fold(person.name))
        if speaker is not None:
            matched.add(fold(person.name))
            person = replace(person, role="SPEAKER", speaker_id=speaker.speaker_id,
                             url=speaker.url,
                             organisation=person.organisation or speaker.organisation)
        people.append(person)
    people += [s for s in speakers if fold(s.name) not in matched]
    return sorted(people, key=_sort_key)


def _sort_key(person: Attendee) -> tuple[str, str]:
    # The family name the list gave ("van Riel", "Nguyễn Thị"); without one, the last word,
    # as Speaker.family_name does ("Rik van Riel" → Riel).
    parts = person.name.split()
    family = person.family_name or (parts[-1] if parts else "")
    return fold(family), fold(person.name)
