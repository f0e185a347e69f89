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
from collections.abc import Mapping
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from ..core.errors import DataError, Problem
from ..core.limits import MAX_PEOPLE_PER_SESSION, MAX_PERSONS
from ..core.safeyaml import Marked, load
from ..core.text import clean
from ..core.when import zone
from ..schedule.model import ALSO_TODAY, Conference, Kind, Room, Session, Speaker
from .yaml_fields import Fields, Problems
from .zones import folder_zone

FILES = ("conference.yaml", "rooms.yaml", "speakers.yaml", "sessions.yaml")


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
    ctx = Problems(folder)
    ctx.file = files["conference.yaml"]
    conf = Fields(ctx, docs["conference.yaml"] or Marked({}, 1, 1), "")
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


def _items(ctx: Problems, doc: Marked | None, what: str) -> list[Marked]:
    if doc is None:
        return []
    if not isinstance(doc.value, list):
        ctx.problem(doc, what, "must be a list of entries starting with '- '")
        return []
    return doc.value


def _unique(ctx: Problems, seen: dict[str, Marked], ident: str, node: Marked, path: str) -> None:
    if not ident:
        return
    if ident in seen:
        ctx.problem(node, path, f"duplicate id '{ident}' (first at line {seen[ident].line})",
                    "give each entry its own id")
    else:
        seen[ident] = node


def _read_rooms(ctx: Problems, doc: Marked | None, file: Path | str) -> list[Room]:
    ctx.file = file
    rooms, seen = [], {}
    for i, node in enumerate(_items(ctx, doc, "rooms")):
        r = Fields(ctx, node, f"rooms[{i}]")
        ident = r.ident("id")
        _unique(ctx, seen, ident, node, f"rooms[{i}].id")
        room = Room(id=ident, name=r.text("name", required=True), order=r.integer("order", i),
                    colour=r.colour("colour"), address=r.text("address") or None)
        r.done()
        rooms.append(room)
    return rooms


def _read_speakers(ctx: Problems, doc: Marked | None, file: Path | str) -> list[Speaker]:
    ctx.file = file
    speakers, seen = [], {}
    items = _items(ctx, doc, "speakers")
    if len(items) > MAX_PERSONS:  # said once, before 100,000 entries are each read
        ctx.problem(doc, "speakers", f"{len(items):,} speakers; at most {MAX_PERSONS:,} are "
                    "printed", "is this one event?")
        raise DataError(ctx.problems)  # not one "unknown speaker" per session after it
    for i, node in enumerate(items):
        r = Fields(ctx, node, f"speakers[{i}]")
        ident = r.ident("id")
        _unique(ctx, seen, ident, node, f"speakers[{i}].id")
        photo = r.photo("photo")
        speakers.append(Speaker(
            id=ident, name=r.text("name", required=True), job_title=r.text("job_title"),
            organisation=r.text("organisation"), bio=r.paragraphs("bio"), photo=photo,
            bio_truncated=r.flag("bio_truncated")))
        r.done()
    return speakers


def _read_sessions(ctx: Problems, doc: Marked | None, file: Path | str, tz: ZoneInfo | None,
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
            r = Fields(ctx, node, path)
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
