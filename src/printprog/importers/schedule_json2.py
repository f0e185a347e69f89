"""c3voc schedule JSON **v2** (the hub's export, schema2.json alpha-3) → Conference.

Contract: :func:`read_v2` reads ``{"schedule": {"conference": {…, "days": [{index, date,
start, end}]}, "events": [...], "persons": [...]}}`` (:mod:`.schedule_json` hands it every
document whose ``schedule.events`` is a list and whose days hold no ``rooms``) and returns
the :class:`Imported`; what cannot be read is a DataError naming the file and the key path
(``schedule.events[3]``).

How it is read:

* Events are ``schedule.events`` in any order; ``start``/``end`` ISO with UTC offset
  (``duration``, ISO 8601 ``PT1H30M``, only when ``end`` is missing). The day an event
  belongs to is the ``conference.days`` entry whose ``start``-``end`` holds its start (an
  event at 00:30 stays on the day before when that day runs to 06:00).
* Rooms are references ``{guid, name?, slug}``: named by the reference, else by the
  ``conference.rooms`` entry of that guid, else the slug; ``conference.rooms`` gives the
  order. Tracks ``{slug}`` are named by ``conference.tracks``.
* People are ``participants`` ``{guid, name, role}``: the guid identifies a person (every
  role is printed with the event); bios come from ``schedule.persons`` by guid.
* ``type`` BREAK is a break; a ``state`` of REJECTED, WITHDRAWN, CANCELED, DELETED (or
  DRAFT, SUBMITTED) is not on the programme: left out without a word. ``abstract`` and
  ``description`` may be i18n maps ``{"de": …, "en": …}``: ``--language``, else English,
  else the first given.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from ..core.errors import DataError, Problem
from ..core.text import one_line
from .common import aware_time, build
from .common import scalar_text as _str
from .draft import Draft, Event, Imported, Options, Person
from .richtext import rich_text

_OFF = {"REJECTED", "WITHDRAWN", "CANCELED", "CANCELLED", "DELETED", "DRAFT", "SUBMITTED"}
_ISO_DURATION = re.compile(r"^P(?:(\d{1,3})D)?(?:T(?:(\d{1,4})H)?(?:(\d{1,5})M)?"
                           r"(?:(\d{1,6})(?:\.\d+)?S)?)?$")


def is_v2(schedule: Any) -> bool:
    """Whether a ``schedule`` object is v2: events at the top, days without rooms."""
    if not isinstance(schedule, dict) or not isinstance(schedule.get("events"), list):
        return False
    conf = schedule.get("conference")
    days = conf.get("days") if isinstance(conf, dict) else None
    return not (isinstance(days, list) and any(isinstance(d, dict) and "rooms" in d
                                               for d in days))


def read_v2(doc: dict, path: Path, options: Options) -> Imported:
    schedule = doc["schedule"]
    conf = schedule.get("conference")
    conf = conf if isinstance(conf, dict) else {}
    draft = Draft(name=_str(conf.get("title")) or _str(conf.get("acronym")) or path.stem,
                  file=path, timezone=_str(conf.get("time_zone_name")),
                  website=_str(conf.get("url")), options=options)
    rooms = {}
    for room in _list(conf.get("rooms")):
        if isinstance(room, dict) and _str(room.get("name")):
            draft.rooms.append(_str(room["name"]))
            rooms[_str(room.get("guid"))] = rooms[_str(room.get("slug"))] = _str(room["name"])
    tracks = {_str(t.get("slug")): _str(t.get("name")) for t in _list(conf.get("tracks"))
              if isinstance(t, dict)}
    for person in _list(schedule.get("persons")):
        guid = _str(person.get("guid")) if isinstance(person, dict) else ""
        if guid and (bio := rich_text(_text(person.get("biography"), options.language))):
            draft.bios[guid] = bio
    days = _days(conf.get("days"))
    events = []
    for i, item in enumerate(schedule["events"]):
        if isinstance(item, dict) and _str(item.get("state")).upper() in _OFF:
            continue
        event = draft.attempt(_event, item, draft, f"schedule.events[{i}]", rooms, tracks,
                              days)
        if event:
            events.append(event)
    return build(draft, events)


def _event(item: Any, draft: Draft, where: str, rooms: dict[str, str],
           tracks: dict[str, str], days: list[tuple[date, datetime, datetime]]) -> Event:
    if not isinstance(item, dict):
        raise DataError(Problem("must be an event object", file=draft.file, path=where))
    ident = _str(item.get("code")) or _str(item.get("guid"))

    def fail(message: str, hint: str = "") -> DataError:
        return DataError(Problem(message, file=draft.file,
                                 path=f"{where} (event {ident})" if ident else where, hint=hint))

    title = one_line(_str(item.get("title")))
    if not title:
        raise fail("has no title")
    start = aware_time(item.get("start"), "start", fail, _NO_TIME)
    if item.get("end") is not None:
        length = aware_time(item.get("end"), "end", fail, _NO_TIME) - start
    else:
        length = _duration(item.get("duration"), fail)
    ref = item.get("room")
    room = ""
    if isinstance(ref, dict):
        room = (_str(ref.get("name")) or rooms.get(_str(ref.get("guid")))
                or rooms.get(_str(ref.get("slug"))) or _str(ref.get("slug")))
    elif isinstance(ref, str):
        room = rooms.get(ref.strip(), ref.strip())
    if not room:
        raise fail("has no room", 'give it "room": {"guid": …, "name": …}')
    track = item.get("track")
    slug = _str(track.get("slug")) if isinstance(track, dict) else _str(track)
    people = []
    for p in _list(item.get("participants")):
        if isinstance(p, dict) and one_line(_str(p.get("name"))):
            people.append(Person(_str(p.get("guid")), _str(p.get("name"))))
    kind = _str(item.get("type"))
    language = draft.options.language
    local = start.replace(tzinfo=None)
    day = next((d for d, a, b in days if a <= start < b), None)
    return Event(ident=ident, title=title, start=local, offset=start.utcoffset(),
                 duration=length, room=room, day=day, people=people,
                 abstract=rich_text(_text(item.get("abstract"), language)) or rich_text(
                     _text(item.get("description"), language)),
                 track=tracks.get(slug, slug), url=_str(item.get("url")),
                 type="break" if kind.upper() == "BREAK" else kind.lower())


def _days(value: Any) -> list[tuple[date, datetime, datetime]]:
    """(date, start, end) of each day that gives all three as it should."""
    out = []
    for day in _list(value):
        if not isinstance(day, dict):
            continue
        try:
            when = date.fromisoformat(_str(day.get("date"))[:10])
            start = datetime.fromisoformat(_str(day.get("start")))
            end = datetime.fromisoformat(_str(day.get("end")))
        except ValueError:
            continue
        if start.tzinfo is not None and end.tzinfo is not None:
            out.append((when, start, end))
    return out


#: What a start or end that is missing is told (see common.aware_time).
_NO_TIME = ("has no {key}", 'give it "start" and "end" like 2025-12-27T11:00:00+01:00')


def _duration(value: Any, fail) -> timedelta:
    """ISO 8601 "PT1H30M" (or "P1DT2H"); schema2 deprecates it in favour of "end"."""
    text = _str(value)
    m = _ISO_DURATION.match(text)
    if not m or text in ("P", "PT"):
        raise fail(f"duration '{text[:40]}' is not an ISO 8601 duration" if text else
                   'has no "end"', 'give it "end", or "duration" like "PT45M"')
    d, h, mi, s = (int(x or 0) for x in m.groups())
    return timedelta(days=d, hours=h, minutes=mi, seconds=s)


def _text(value: Any, language: str) -> str:
    """A LocalizableString: a string, or {"de": …, "en": …} read in ``language``."""
    if isinstance(value, dict):
        for lang in (language, "en"):
            if lang and _str(value.get(lang)):
                return _str(value[lang])
        return next((_str(v) for v in value.values() if _str(v)), "")
    return _str(value)


def _list(value: Any) -> list:
    return value if isinstance(value, list) else []


