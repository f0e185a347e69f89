"""Indico HTTP API JSON → Conference: ``export/event/N.json?detail=sessions`` (or
``contributions``) and the ``export/timetable/N.json`` form.

Contract: ``parse(path, options)`` returns the validated Conference (warnings to the
``printprog.importers`` logger); ``read(path, options)`` returns it with the warnings.

How it is read:

* Times are ``{"date", "time", "tz"}`` objects, each an instant in its ``tz``. The event
  detail's ``timezone`` is the event's own zone: every time is converted to it (an export
  may give UTC times, 07:30 UTC printed as the 09:30 it is in Warsaw); the timetable form
  has no event zone, its times' ``tz`` is the conference's zone.
* Event detail: contributions inside ``results[0].sessions[]`` (session slots) and in
  ``results[0].contributions``; a slot without contributions is an event of its own. The
  session's title is the track when the contribution has none.
* Timetable: ``results[<event id>][YYYYMMDD][entry]``, days in any order; session blocks
  (``Session``) hold ``entries`` of contributions; ``Break`` entries are breaks; a block
  without entries is an event of its own.
* Room: the entry's ``room`` (``roomFullname``), else its block's, else the event's, else
  its ``location``. People: ``speakers``, else ``presenters``, else ``primaryauthors``;
  ``first_name``/``last_name`` when given, else ``fullName``/``name`` "LAST, First" read as
  "First Last"; ``person_id`` identifies a person (participation ``id``s differ per talk);
  affiliation is the organisation. E-mail hashes and addresses are never read.
* A contribution without a time (not scheduled) is left out with one warning.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from ..core.errors import DataError, Problem
from ..core.text import one_line
from ..core.when import zone as tz_zone
from ..schedule.model import Conference
from .common import build, emit
from .draft import Draft, Event, Imported, Options, Person
from .jsonfile import as_dict, as_list, load_json
from .richtext import rich_text


def parse(path: Path, options: Options | None = None) -> Conference:
    """Read an Indico export; raise DataError naming the file and key path."""
    return emit(read(path, options))


def read(path: Path, options: Options | None = None) -> Imported:
    doc = load_json(path)
    results = doc.get("results") if isinstance(doc, dict) else None
    if isinstance(results, list) and results and isinstance(results[0], dict):
        return _detail(results[0], path, options or Options())
    if isinstance(results, dict) and results:
        return _timetable(results, path, options or Options())
    raise DataError(Problem("not an Indico export: no 'results'", file=path,
                            hint="export export/event/N.json?detail=contributions or "
                                 "export/timetable/N.json from Indico"))


def _detail(event: dict, path: Path, options: Options) -> Imported:
    draft = Draft(name=_str(event.get("title")) or path.stem, file=path,
                  timezone=_str(event.get("timezone")), venue=_str(event.get("location")),
                  website=_str(event.get("url")), options=options)
    local = tz_zone(draft.timezone)  # the event's zone: every time is shown in it
    fallback = _str(event.get("roomFullname") or event.get("room") or event.get("location"))
    events: list[Event] = []
    for i, slot in enumerate(as_list(event.get("sessions"))):
        if not isinstance(slot, dict):
            continue
        room = _str(slot.get("roomFullname") or slot.get("room")) or fallback
        session = slot.get("session") if isinstance(slot.get("session"), dict) else {}
        track = _str(session.get("title")) or _str(slot.get("title"))
        contributions = as_list(slot.get("contributions"))
        where = f"results[0].sessions[{i}]"
        for j, c in enumerate(contributions):
            events.append(draft.attempt(_event, c, room, track, draft,
                                        f"{where}.contributions[{j}]", "", local))
        if not contributions:
            events.append(draft.attempt(_event, slot, room, "", draft, where, "", local))
    for j, c in enumerate(as_list(event.get("contributions"))):
        events.append(draft.attempt(_event, c, fallback, "", draft,
                                    f"results[0].contributions[{j}]", "", local))
    return build(draft, _unique(events))


def _timetable(results: dict, path: Path, options: Options) -> Imported:
    event_id, days = next(iter(results.items()))
    if not isinstance(days, dict):
        raise DataError(Problem("must be an object of days (YYYYMMDD: entries)", file=path,
                                path=f"results.{one_line(str(event_id))[:40]}"))
    draft = Draft(name=f"Indico event {event_id}", file=path, options=options)
    events: list[Event] = []
    for day_key in sorted(days):  # YYYYMMDD keys come in any order
        for key, entry in as_dict(days[day_key]).items():
            if not isinstance(entry, dict):
                continue
            where = f"results.{event_id}.{day_key}.{key}"
            room = _str(entry.get("room")) or _str(entry.get("location"))
            draft.venue = draft.venue or _str(entry.get("location"))
            children = as_dict(entry.get("entries"))
            kind = "break" if entry.get("entryType") == "Break" else ""
            for sub_key, sub in children.items():
                events.append(draft.attempt(_event, sub, room, _str(entry.get("title")),
                                            draft, f"{where}.entries.{sub_key}"))
            if not children:
                events.append(draft.attempt(_event, entry, room, "", draft, where, kind))
            tz = (entry.get("startDate") or {}).get("tz") if isinstance(
                entry.get("startDate"), dict) else ""
            draft.timezone = draft.timezone or _str(tz)
    return build(draft, _unique(events))


def _unique(events: list[Event | None]) -> list[Event]:
    """Each contribution once (an export may list it in its session and at the top)."""
    seen: set[str] = set()
    out = []
    for e in events:
        if e is None or (e.ident and e.ident in seen):
            continue
        seen.add(e.ident)
        out.append(e)
    return out


def _event(item: Any, room: str, track: str, draft: Draft, where: str,
           kind: str = "", local: ZoneInfo | None = None) -> Event:
    if not isinstance(item, dict):
        raise DataError(Problem("must be an object", file=draft.file, path=where))
    ident = one_line(_str(item.get("friendly_id") or item.get("contributionId")
                          or item.get("id")))

    def fail(message: str, hint: str = "") -> DataError:
        return DataError(Problem(message, file=draft.file, path=f"{where} (id {ident})"
                                 if ident else where, hint=hint))

    title = one_line(_str(item.get("title")))
    if not title:
        raise fail("has no title")
    start, offset = _time(item.get("startDate"), "startDate", fail, local)
    end, end_offset = _time(item.get("endDate"), "endDate", fail, local)
    length = (end - (end_offset or timedelta(0))) - (start - (offset or timedelta(0)))
    people = []
    for key in ("speakers", "presenters", "primaryauthors"):
        people = [p for p in map(_person, as_list(item.get(key))) if p]
        if people:
            break
    return Event(ident=ident, title=title, start=start, offset=offset, duration=length,
                 room=_str(item.get("roomFullname") or item.get("room")) or room or "Venue",
                 people=people, abstract=rich_text(_str(item.get("description"))),
                 track=_track(item.get("track")) or track, url=_str(item.get("url")),
                 type=kind or _str(item.get("type")))


def _time(value: Any, key: str, fail, local: ZoneInfo | None = None
          ) -> tuple[datetime, timedelta | None]:
    """Wall-clock time and its UTC offset: in ``local`` (the event's zone) when given, else
    as the value's own ``tz`` has it."""
    if not isinstance(value, dict) or not value.get("date") or not value.get("time"):
        raise fail(f"has no {key}", "schedule it in Indico's timetable")
    try:
        when = datetime.fromisoformat(f"{value['date']}T{value['time']}")
        when.replace(tzinfo=UTC).astimezone(ZoneInfo("Etc/GMT-14"))  # year 9999 + offsets
        when.replace(tzinfo=UTC).astimezone(ZoneInfo("Etc/GMT+12"))
    except OverflowError:
        raise fail(f"{key} {value.get('date')} is outside the years printprog reads",
                   "is the year right?") from None
    except (TypeError, ValueError):
        raise fail(f"{key} {value.get('date')} {value.get('time')} is not a date and time"
                   ) from None
    zone = tz_zone(_str(value.get("tz")) or "UTC")
    if zone is None:
        return when, None
    if local is not None and local is not zone:
        try:
            moved = when.replace(tzinfo=zone).astimezone(local)
        except OverflowError:  # year 9999 pushed past the calendar by the offset
            raise fail(f"{key} {value.get('date')} is outside the years printprog reads",
                       "is the year right?") from None
        return moved.replace(tzinfo=None), moved.utcoffset()
    return when, when.replace(tzinfo=zone).utcoffset()


def person_name(full: str, first: str = "", last: str = "") -> str:
    """"First Last" from first/last names, or from "LAST, First" (capitals made a name)."""
    if first or last:
        return one_line(f"{first} {last}")
    family, comma, given = full.partition(",")
    if not comma:
        return one_line(full)
    if family.isupper():
        family = family.title()
    return one_line(f"{given} {family}")


def _person(node: Any) -> Person | None:
    if not isinstance(node, dict):
        return None
    name = person_name(_str(node.get("fullName") or node.get("name")),
                       _str(node.get("first_name")), _str(node.get("last_name")))
    ident = _str(node.get("person_id"))
    return Person(ident, name, organisation=_str(node.get("affiliation"))) if name else None


def _track(value: Any) -> str:
    return _str(value.get("title") or value.get("name")) if isinstance(value, dict) else _str(
        value)


def _str(value: Any) -> str:
    if value is None or isinstance(value, (dict, list, bool)):
        return ""
    return str(value).strip()
