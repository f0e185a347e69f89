"""The native data format: a folder of YAML files → Conference.

Layout (documented in docs/data-format.md)::

    data/<event>/conference.yaml   name, dates, timezone, city, venue, URLs
    data/<event>/rooms.yaml        list of rooms in display order
    data/<event>/speakers.yaml     list of speakers
    data/<event>/sessions.yaml     mapping of date -> list of sessions
    data/<event>/photos/...        photos, referenced relative to the folder

Every problem is collected with file:line:col and key path; all are raised together.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from datetime import date, datetime, time, timedelta
from pathlib import Path, PurePosixPath
from zoneinfo import ZoneInfo

from ..core.errors import DataError, Problem
from ..core.limits import MAX_PEOPLE_PER_SESSION, MAX_PERSONS
from ..core.safeyaml import Marked, load
from ..core.text import MAX_LINE, MAX_TEXT, clean, one_line, paragraphs
from ..core.when import date_problem, zone
from ..schedule.model import ALSO_TODAY, Conference, Kind, Room, Session, Speaker
from .zones import folder_zone

FILES = ("conference.yaml", "rooms.yaml", "speakers.yaml", "sessions.yaml")
_TIME = re.compile(r"^(\d{1,2}):(\d{2})(\s*\+1)?$")
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
_URL = re.compile(r"^https?://[^\s<>\"]+$")


class _Reader:
    """Typed access to one YAML mapping, recording problems instead of raising."""

    def __init__(self, ctx: _Context, node: Marked, path: str):
        self.ctx, self.node, self.path, self.used = ctx, node, path, set()
        if not isinstance(node.value, dict):
            ctx.problem(node, path, "must be a mapping of 'key: value' lines")
            node = Marked({}, node.line, node.column)
        self.values: dict[str, Marked] = node.value

    def _get(self, key: str, required: bool) -> Marked | None:
        self.used.add(key)
        value = self.values.get(key)
        if value is None or value.value is None or value.value == "":
            if required:
                self.ctx.problem(value or self.node, self._p(key), "is required",
                                 f"add '{key}:'")
            return None
        return value

    def _p(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def text(self, key: str, required: bool = False, default: str = "") -> str:
        value = self._get(key, required)
        if value is None:
            return default
        if isinstance(value.value, (dict, list, bool)):
            self.ctx.problem(value, self._p(key), "must be text")
            return default
        text = one_line(_as_written(value))
        if not text and required:  # nothing but zero-width or control characters
            self.ctx.problem(value, self._p(key), "has no visible characters",
                             f"write the {key.replace('_', ' ')}")
            return default
        if len(text) > MAX_LINE:
            self.ctx.problem(value, self._p(key), f"is {len(text):,} characters long; at most "
                             f"{MAX_LINE:,} fit", "shorten it; long text belongs in abstract")
            return default
        return text

    def paragraphs(self, key: str) -> tuple[str, ...]:
        value = self._get(key, False)
        if value is None:
            return ()
        if isinstance(value.value, (dict, list, bool)):
            self.ctx.problem(value, self._p(key), "must be text (use '|' for paragraphs)")
            return ()
        text = _as_written(value)
        if len(text) > MAX_TEXT:
            self.ctx.problem(value, self._p(key), f"is {len(text):,} characters long; "
                             f"at most {MAX_TEXT:,} (20,000 long words) are printed",
                             "shorten it")
            return ()
        return paragraphs(text)

    def ident(self, key: str, required: bool = True) -> str:
        value = self._get(key, required)
        if value is None:
            return ""
        raw = _as_written(value) if isinstance(value.value, (str, int, float)) else None
        if raw is None or not _ID.match(raw):
            self.ctx.problem(value, self._p(key), f"'{value.value}' is not a valid id",
                             "use letters, digits, '-', '_' or '.'")
            return ""
        return raw

    def ids(self, key: str) -> list[tuple[str, Marked]]:
        value = self._get(key, False)
        if value is None:
            return []
        items = value.value if isinstance(value.value, list) else [value]
        out = []
        for i, item in enumerate(items):
            if not isinstance(item.value, (str, int)) or isinstance(item.value, bool):
                self.ctx.problem(item, f"{self._p(key)}[{i}]", "must be an id")
                continue
            out.append((_as_written(item), item))
        return out

    def integer(self, key: str, default: int = 0) -> int:
        value = self._get(key, False)
        if value is None:
            return default
        if not isinstance(value.value, int) or isinstance(value.value, bool):
            self.ctx.problem(value, self._p(key), f"'{value.value}' must be a whole number")
            return default
        return value.value

    def flag(self, key: str) -> bool:
        value = self._get(key, False)
        if value is None:
            return False
        if not isinstance(value.value, bool):
            self.ctx.problem(value, self._p(key), f"'{value.value}' must be true or false")
            return False
        return value.value

    def day(self, key: str, required: bool = True) -> date | None:
        value = self._get(key, required)
        return None if value is None else self.ctx.parse_date(value, self._p(key))

    def colour(self, key: str) -> str | None:
        value = self._get(key, False)
        if value is None:
            return None
        if not isinstance(value.value, str) or not _COLOUR.match(value.value):
            self.ctx.problem(value, self._p(key), f"'{value.value}' is not a colour",
                             "write it as \"#RRGGBB\" in quotes")
            return None
        return value.value.lower()

    def url(self, key: str) -> str:
        value = self.text(key)
        if value and not _URL.match(value):
            # No spaces, quotes or angle brackets either: a URL goes into QR codes and
            # link attributes, where they would end it early.
            self.ctx.problem(self.values[key], self._p(key), f"'{value}' is not an http(s) URL",
                             "start it with https:// and write spaces and quotes as %20 "
                             "and %22")
            return ""
        return value

    def photo(self, key: str, what: str = "photo", example: str = "photos/ada.jpg"
              ) -> Path | None:
        """The photo's path: relative, inside the data folder (checked again, against links
        and for its content, when it is used: see images.py). Also the logo's."""
        value = self.text(key)
        if not value:
            return None
        path = PurePosixPath(value.replace("\\", "/"))
        if path.is_absolute() or ".." in path.parts or re.match(r"^[A-Za-z]:", value):
            self.ctx.problem(self.values[key], self._p(key),
                             f"'{value}' is not a path inside the data folder",
                             f"put the {what} in the data folder and write its path "
                             f"relative to it, e.g. {example}")
            return None
        return self.ctx.folder / value

    def done(self) -> None:
        for key, value in self.values.items():
            if key not in self.used:
                known = ", ".join(sorted(self.used))
                where = self.node.keys.get(key, value)
                self.ctx.problem(where, self._p(str(key)), "unknown key",
                                 f"known keys here: {known}")


def _as_written(node: Marked) -> str:
    """A scalar as text: a number keeps the digits it was written with (a room "1.10", a
    title "007"), not those of the float or int YAML resolved it to."""
    if isinstance(node.value, (int, float)) and node.source is not None:
        return node.source
    return str(node.value)


class _Context:
    def __init__(self, folder: Path):
        self.folder = folder
        self.file: Path | str = folder
        self.problems: list[Problem] = []

    def problem(self, node: Marked | None, path: str, message: str, hint: str = "") -> None:
        self.problems.append(Problem(
            message, file=self.file, line=node.line if node else None,
            column=node.column if node else None, path=path, hint=hint))

    def parse_date(self, node: Marked, path: str) -> date | None:
        try:
            day = date.fromisoformat(str(node.value))
        except ValueError:
            self.problem(node, path, f"'{node.value}' is not a date", "write it as 2013-10-21")
            return None
        if why := date_problem(day):
            self.problem(node, path, why, "is the year right?")
            return None
        return day

    def parse_time(self, node: Marked | None, path: str) -> tuple[time, bool] | None:
        if node is None:
            return None
        match = _TIME.match(str(node.value)) if isinstance(node.value, str) else None
        if not match or int(match[1]) > 23 or int(match[2]) > 59:
            self.problem(node, path, f"'{node.value}' is not a time",
                         "write 24-hour HH:MM from 00:00 to 23:59, e.g. 09:15")
            return None
        return time(int(match[1]), int(match[2])), bool(match[3])


def load_folder(folder: Path, timezone: str = "") -> Conference:
    """Read and validate a data folder; raise DataError listing every problem found.
    ``timezone`` (``--timezone``) applies when the folder states ``timezone: local``."""
    if not folder.is_dir():
        raise DataError(Problem("no such data folder", file=folder,
                                hint="pass --data with a folder holding conference.yaml"))
    missing = [name for name in FILES if not (folder / name).is_file()]
    if missing:
        raise DataError(Problem(f"missing {', '.join(missing)}", file=folder,
                                hint="see docs/data-format.md"))
    docs = {name: load(folder / name) for name in FILES}
    return from_documents(docs, folder, {name: folder / name for name in FILES}, timezone)


def from_documents(docs: Mapping[str, Marked | None], folder: Path,
                   files: Mapping[str, Path | str], timezone: str = "") -> Conference:
    """Validate the four parsed documents of a data folder (``docs``, by file name), each
    problem located in ``files[name]``: the folder's own files, or the parts of the one
    document a PDF carries (source.py). Photos are resolved against ``folder``."""
    ctx = _Context(folder)
    ctx.file = files["conference.yaml"]
    conf = _Reader(ctx, docs["conference.yaml"] or Marked({}, 1, 1), "")
    name = conf.text("name", required=True)
    short_name = conf.text("short_name") or name
    start_date, end_date = conf.day("start"), conf.day("end")
    tz_name, tz_unknown = folder_zone(conf.text("timezone", required=True), timezone,
                                      str(ctx.file))
    tz = None
    if tz_name:
        tz = zone(tz_name)
        if tz is None:
            ctx.problem(conf.values.get("timezone"), "timezone",
                        f"'{tz_name}' is not an IANA time zone", "e.g. Europe/London")
    city, venue = conf.text("city"), conf.text("venue")
    website, session_url, room_url = conf.url("website"), conf.url("session_url"), conf.url(
        "room_url")
    links = {k: conf.url(k) for k in ("day_url", "speaker_url")}
    info = {k: conf.text(k) for k in ("wifi", "venue_address", "conduct_contact",
                                             "emergency")}
    logo = conf.photo("logo", "logo", "logo.svg")  # checked for its content when drawn
    grid_rooms = conf.ids("grid_rooms")
    also_today = conf.text("also_today") or "auto"
    if also_today not in ALSO_TODAY:
        ctx.problem(conf.values.get("also_today"), "also_today",
                    f"'{also_today}' is not one of {', '.join(ALSO_TODAY)}")
    conf.done()

    rooms = _read_rooms(ctx, docs["rooms.yaml"], files["rooms.yaml"])
    speakers = _read_speakers(ctx, docs["speakers.yaml"], files["speakers.yaml"])
    sessions = _read_sessions(ctx, docs["sessions.yaml"], files["sessions.yaml"], tz,
                              {r.id for r in rooms}, {s.id for s in speakers})
    known_rooms = {r.id for r in rooms}
    ctx.file = files["conference.yaml"]
    for i, (rid, node) in enumerate(grid_rooms):
        if rid not in known_rooms:
            ctx.problem(node, f"grid_rooms[{i}]", f"no room with id '{rid}'",
                        "use an id from rooms.yaml")
    if start_date and end_date and end_date < start_date:
        ctx.file = files["conference.yaml"]
        ctx.problem(conf.values.get("end"), "end", "is before start")
    if ctx.problems:
        raise DataError(ctx.problems)
    ordered = tuple(sorted(sessions, key=lambda s: (s.start, s.end, s.id)))
    # Those of no length come in (start, id) order: their end is their start.
    markers = [s.id for s in ordered if s.end == s.start]
    if markers:  # as every importer says it (a blank duration in an export, say)
        from .common import no_length_warning

        logging.getLogger("printprog.importers").warning(
            f"{files['sessions.yaml']}: {no_length_warning(markers)}")
    return Conference(
        name=name, short_name=short_name, start_date=start_date, end_date=end_date,
        timezone=tz_name, city=city, venue=venue, website=website, session_url=session_url,
        room_url=room_url, **links, **info, logo=logo, grid_rooms=tuple(r for r, _ in grid_rooms),
        timezone_guessed=tz_unknown, also_today=also_today, rooms=tuple(rooms),
        speakers=tuple(speakers),
        sessions=ordered, source=folder)


def _items(ctx: _Context, doc: Marked | None, what: str) -> list[Marked]:
    if doc is None:
        return []
    if not isinstance(doc.value, list):
        ctx.problem(doc, what, "must be a list of entries starting with '- '")
        return []
    return doc.value


def _unique(ctx: _Context, seen: dict[str, Marked], ident: str, node: Marked, path: str) -> None:
    if not ident:
        return
    if ident in seen:
        ctx.problem(node, path, f"duplicate id '{ident}' (first at line {seen[ident].line})",
                    "give each entry its own id")
    else:
        seen[ident] = node


def _read_rooms(ctx: _Context, doc: Marked | None, file: Path | str) -> list[Room]:
    ctx.file = file
    rooms, seen = [], {}
    for i, node in enumerate(_items(ctx, doc, "rooms")):
        r = _Reader(ctx, node, f"rooms[{i}]")
        ident = r.ident("id")
        _unique(ctx, seen, ident, node, f"rooms[{i}].id")
        room = Room(id=ident, name=r.text("name", required=True), order=r.integer("order", i),
                    colour=r.colour("colour"), address=r.text("address") or None)
        r.done()
        rooms.append(room)
    return rooms


def _read_speakers(ctx: _Context, doc: Marked | None, file: Path | str) -> list[Speaker]:
    ctx.file = file
    speakers, seen = [], {}
    items = _items(ctx, doc, "speakers")
    if len(items) > MAX_PERSONS:  # said once, before 100,000 entries are each read
        ctx.problem(doc, "speakers", f"{len(items):,} speakers; at most {MAX_PERSONS:,} are "
                    "printed", "is this one event?")
        raise DataError(ctx.problems)  # not one "unknown speaker" per session after it
    for i, node in enumerate(items):
        r = _Reader(ctx, node, f"speakers[{i}]")
        ident = r.ident("id")
        _unique(ctx, seen, ident, node, f"speakers[{i}].id")
        photo = r.photo("photo")
        speakers.append(Speaker(
            id=ident, name=r.text("name", required=True), job_title=r.text("job_title"),
            organisation=r.text("organisation"), bio=r.paragraphs("bio"), photo=photo,
            bio_truncated=r.flag("bio_truncated")))
        r.done()
    return speakers


def _read_sessions(ctx: _Context, doc: Marked | None, file: Path | str, tz: ZoneInfo | None,
                   room_ids: set[str], speaker_ids: set[str]) -> list[Session]:
    ctx.file = file
    sessions: list[Session] = []
    seen: dict[str, Marked] = {}
    if doc is None:
        return sessions
    if not isinstance(doc.value, dict):
        ctx.problem(doc, "sessions", "must map each date (2013-10-21:) to a list of sessions")
        return sessions
    kinds = {k.value for k in Kind}
    for day_key, day_node in doc.value.items():
        day = ctx.parse_date(doc.keys[day_key], str(day_key))
        for i, node in enumerate(_items(ctx, day_node, str(day_key))):
            path = f"{day_key}[{i}]"
            r = _Reader(ctx, node, path)
            ident = r.ident("id")
            _unique(ctx, seen, ident, node, f"{path}.id")
            title = r.text("title", required=True)
            kind = r.text("kind", default="talk").lower()
            if kind not in kinds:
                ctx.problem(r.values.get("kind"), f"{path}.kind", f"unknown kind '{kind}'",
                            f"use one of: {', '.join(sorted(kinds))}")
                kind = "other"
            start = ctx.parse_time(r._get("start", True), f"{path}.start")
            end = ctx.parse_time(r._get("end", True), f"{path}.end")
            room = r.ident("room")
            if room and room not in room_ids:
                ctx.problem(r.values["room"], f"{path}.room", f"unknown room '{room}'",
                            f"use one of the ids in rooms.yaml: {', '.join(sorted(room_ids))}")
            people = {}
            for key in ("speakers", "moderators"):
                people[key] = []
                for j, (sid, snode) in enumerate(r.ids(key)):
                    if sid not in speaker_ids:
                        ctx.problem(snode, f"{path}.{key}[{j}]", f"unknown speaker '{sid}'",
                                    "add the speaker to speakers.yaml or fix the id")
                    people[key].append(sid)
            if len(people["speakers"]) + len(people["moderators"]) > MAX_PEOPLE_PER_SESSION:
                ctx.problem(node, f"{path}.speakers",
                            f"{len(people['speakers']) + len(people['moderators']):,} speakers "
                            f"and moderators; at most {MAX_PEOPLE_PER_SESSION} are printed",
                            "list the people who speak")
            abstract = r.paragraphs("abstract")
            track = r.text("track") or None
            url = r.url("url") or None
            r.done()
            if day is None or start is None or end is None or tz is None:
                continue
            start_dt = datetime.combine(day + timedelta(days=start[1]), start[0], tzinfo=tz)
            end_dt = datetime.combine(day + timedelta(days=end[1]), end[0], tzinfo=tz)
            if end_dt < start_dt:  # equal is an event of no length: printed at its start
                ctx.problem(r.values["end"], f"{path}.end",
                            f"ends ({end[0]:%H:%M}) before it starts ({start[0]:%H:%M})",
                            "fix the times; write '+1' after a time past midnight, e.g. 01:00 +1")
                continue
            sessions.append(Session(
                id=ident, title=clean(title), start=start_dt, end=end_dt, room=room,
                kind=Kind(kind), speakers=tuple(people["speakers"]),
                moderators=tuple(people["moderators"]), abstract=abstract, track=track, url=url,
                day=day if start[1] else None))
    return sessions
