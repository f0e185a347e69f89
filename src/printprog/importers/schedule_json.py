"""Schedule JSON (pretalx and frab ``schedule.json``, the c3voc format) → Conference.

Contract: ``parse(path)`` reads ``{"schedule": {"conference": {"days": [{"date", "rooms":
{room name: [event, …]}}]}}}`` (v1, and the v1-shaped files c3voc tools write with a v2
``$schema``) or v2 (``schedule.events``, days without rooms: :mod:`.schedule_json2`) and
returns the validated Conference (warnings go to the
``printprog.importers`` logger); ``read(path)`` returns it with the warnings. What cannot be
read raises DataError naming the file, the key path (``days[0].rooms.Saal 1[3]``) and the
event id; a JSON syntax error names the line.

How it is read (what is shared with the XML importer is in common.py):

* Rooms: ``conference.rooms`` gives the order when present, else the room keys in day order.
* Start from the event's ``date`` (ISO with UTC offset), else the day's date plus ``start``;
  the day it is filed under is its conference day. Time zone from ``time_zone_name`` when
  the offsets agree with it, else from the offsets.
* People: ``public_name``, else ``name``; ``biography`` as the bio. Of a person nothing else
  is read: never ``answers``, e-mail addresses or phone numbers, which exports may carry and
  which must not reach print.
* Links, strings or ``{"url", "title"}`` objects, are accepted and not kept (the model has
  only the talk's own ``url``). Unknown keys are ignored and named in one warning.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from ..core.errors import DataError, Problem
from ..core.text import one_line
from ..schedule.model import Conference
from .common import build, duration, emit
from .draft import Draft, Event, Imported, Options, Person
from .jsonfile import as_list, json_format, load_json
from .richtext import rich_text
from .schedule_json2 import is_v2, read_v2

_TOP = {"$schema", "schedule", "generator"}
_SCHEDULE = {"version", "base_url", "conference", "url", "generator"}
_CONFERENCE = {"acronym", "title", "start", "end", "daysCount", "days_count",
               "time_zone_name", "timeslot_duration", "rooms", "days", "tracks", "url",
               "base_url", "logo", "colors", "color", "subtitle", "city", "venue"}
_DAY = {"index", "date", "day_start", "day_end", "rooms"}
_EVENT = {"id", "guid", "code", "logo", "date", "start", "duration", "room", "slug", "url",
          "title", "subtitle", "track", "type", "language", "abstract", "description",
          "recording_license", "do_not_record", "persons", "links", "attachments",
          "answers", "feedback_url", "origin_url", "video_download_url", "room_id",
          "recording", "end"}
#: Read from a person: the rest (answers, email, phone, avatar…) is skipped without a word.
_PERSON = ("id", "code", "guid", "public_name", "name", "full_public_name", "biography")


def parse(path: Path, options: Options | None = None) -> Conference:
    """Read a schedule JSON; raise DataError naming file, key path and event."""
    return emit(read(path, options))


def read(path: Path, options: Options | None = None) -> Imported:
    doc = load_json(path)
    schedule = doc.get("schedule") if isinstance(doc, dict) else None
    if is_v2(schedule):  # the hub's v2: schedule.events, days without rooms
        return read_v2(doc, path, options or Options())
    if json_format(doc) == "pretalx":  # `import json` of pretalx talks (a site's JSON)
        from .pretalx import read as read_pretalx

        return read_pretalx(path, options)
    conf = schedule.get("conference") if isinstance(schedule, dict) else None
    if not isinstance(conf, dict) or not isinstance(conf.get("days"), list):
        raise DataError(Problem("not a schedule JSON: no schedule.conference.days", file=path,
                                hint="export schedule.json from pretalx or frab"))
    draft = Draft(name=_str(conf.get("title")) or _str(conf.get("acronym")) or path.stem,
                  file=path, timezone=_str(conf.get("time_zone_name")),
                  city=_str(conf.get("city")), venue=_str(conf.get("venue")),
                  base_url=_str(schedule.get("base_url") or conf.get("base_url")),
                  options=options or Options())
    draft.website = _str(conf.get("url")) or draft.base_url
    for where, mapping, known in (("", doc, _TOP), ("schedule.", schedule, _SCHEDULE),
                                  ("conference.", conf, _CONFERENCE)):
        _unknown(draft, mapping, known, where)
    for room in as_list(conf.get("rooms")):
        name = room.get("name") if isinstance(room, dict) else room
        if isinstance(name, str) and name.strip():
            draft.rooms.append(name)
    events: list[Event] = []
    for i, day_node in enumerate(conf["days"]):
        where = f"conference.days[{i}]"
        if not isinstance(day_node, dict) or not isinstance(day_node.get("rooms"), dict):
            raise DataError(Problem("must be an object with 'rooms'", file=path, path=where))
        _unknown(draft, day_node, _DAY, "day.")
        day = _date(day_node.get("date"))
        for room, items in day_node["rooms"].items():
            draft.rooms.append(room)
            if not isinstance(items, list):
                raise DataError(Problem("must be a list of events", file=path,
                                        path=f"{where}.rooms.{room}"))
            for j, item in enumerate(items):
                event = draft.attempt(_event, item, room, day, draft,
                                      f"{where}.rooms.{room}[{j}]")
                if event:
                    events.append(event)
    return build(draft, events)


def _event(item: Any, room: str, day: date | None, draft: Draft, where: str) -> Event:
    if not isinstance(item, dict):
        raise DataError(Problem("must be an event object", file=draft.file, path=where))
    ident = _str(item.get("id") if item.get("id") is not None else item.get("guid"))

    def fail(message: str, hint: str = "") -> DataError:
        label = f"{where} (event {ident})" if ident else where
        return DataError(Problem(message, file=draft.file, path=label, hint=hint))

    _unknown(draft, item, _EVENT, "event.")
    title = one_line(_str(item.get("title")))
    if not title:
        raise fail("has no title")
    start, offset = _start(item, day, fail)
    text = _str(item.get("duration"))
    length = duration(text) if text else timedelta(0)  # left blank: printed at its start
    if length is None:
        raise fail(f"duration '{text}' is not HH:MM, H:MM or HH:MM:SS",
                   'e.g. "duration": "00:45"')
    people = item.get("persons") or []
    if not isinstance(people, list):
        raise fail("persons must be a list")
    return Event(
        ident=ident, title=title, start=start, offset=offset, duration=length,
        room=one_line(room) or one_line(_str(item.get("room"))), day=day,
        abstract=rich_text(_str(item.get("abstract"))) or rich_text(
            _str(item.get("description"))),
        track=_track(item.get("track")), url=_str(item.get("url")),
        type=_str(item.get("type")), people=[p for p in map(_person(draft), people) if p])


def _person(draft: Draft):
    def read(node: Any) -> Person | None:
        if isinstance(node, str):
            return Person("", node)
        if not isinstance(node, dict):
            return None
        known = {k: node.get(k) for k in _PERSON}
        ident = _str(known["id"] if known["id"] is not None else known["code"] or known["guid"])
        name = _str(known["public_name"] or known["full_public_name"] or known["name"])
        bio = rich_text(_str(known["biography"]))
        if bio and ident:
            draft.bios.setdefault(ident, bio)
        return Person(ident, name) if name else None
    return read


def _start(item: dict, day: date | None, fail) -> tuple[datetime, timedelta | None]:
    stamp, clock = _str(item.get("date")), _str(item.get("start"))
    if stamp:
        try:
            when = datetime.fromisoformat(stamp)
        except ValueError:
            raise fail(f"date '{stamp}' is not a date and time",
                       'write it like "2019-08-21T11:00:00+02:00"') from None
        if "T" in stamp or " " in stamp:
            return when.replace(tzinfo=None), when.utcoffset()
        day = when.date()
    at = duration(clock) if clock else None
    if at is None or at >= timedelta(days=1):
        raise fail(f"start '{clock}' is not a time" if clock else "has no start",
                   'give it "date" with the time, or "start": "HH:MM"')
    if day is None:
        raise fail("has a start but no date", "give the day a date")
    return datetime.combine(day, time()) + at, None


def _track(value: Any) -> str:
    if isinstance(value, dict):  # {"name": …, "color": …} in some exports
        return _str(value.get("name"))
    return _str(value)


def _unknown(draft: Draft, mapping: dict, known: set[str], where: str) -> None:
    for key in mapping:
        if key not in known:
            draft.ignore(f"{where}{key}")


def _date(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _str(value: Any) -> str:
    if value is None or isinstance(value, (dict, list, bool)):
        return ""
    return str(value).strip()
