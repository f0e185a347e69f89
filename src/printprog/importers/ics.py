"""iCalendar (``.ics``) → Conference: Sched's and pretalx's calendar exports, and any other.

Contract: ``parse(path, options)`` returns the validated Conference (warnings to the
``printprog.importers`` logger); ``read(path, options)`` returns it with the warnings. The
file is parsed by the ``icalendar`` library (folding, escapes, parameters), not by hand.

How a VEVENT is read:

* DTSTART/DTEND in UTC (``Z``), with ``TZID`` or floating; DURATION when there is no DTEND.
  A TZID is read by its IANA name from the tz database, checked by :func:`when.zone` (also
  inside icalendar, whose own lookup let "Europe", a folder, through as an OSError): a
  VTIMEZONE block that contradicts
  it (an export lost a half hour: +0900 for Adelaide) is named in one warning and not used.
  A calendar of UTC times only (``X-WR-TIMEZONE:UTC``) is printed as written, with a warning
  that says how to set the zone (``--timezone``).
* SUMMARY is the title. Sched puts the speakers there ("Title - Name, Job, Company & Name2,
  Company"): split by :func:`title_people.split_title`, the Sched importer's own rules.
  pretalx appends " - Name, Name" (PRODID pretalx): the names after the last dash.
* DESCRIPTION: escapes and HTML entities cleaned into paragraphs. LOCATION is the room; a
  trailing ", City, Country" (the last part a country of the tz database's iso3166.tab)
  is the venue's address. URL, CATEGORIES (the first, as track), UID (as id).
* An event the importer cannot place (no start) is left out with one warning.
"""

from __future__ import annotations

import html
from datetime import date, datetime, timedelta
from functools import cache
from importlib import resources
from pathlib import Path

import icalendar
from icalendar.timezone import tzp
from icalendar.timezone.zoneinfo import ZONEINFO

from ..core.errors import DataError, Problem
from ..core.inputs import read_bytes
from ..core.text import one_line
from ..core.when import zone as tz_zone
from ..schedule.model import Conference, fold
from .common import build, emit
from .draft import Draft, Event, Imported, Options, Person
from .richtext import rich_text
from .title_people import split_title
from .zones import offset_text


class _CheckedZones(ZONEINFO):
    """icalendar's zoneinfo provider with printprog's check of the name: its own catches
    only "not found", and a TZID that names a folder or is 300 characters long is an OSError
    out of ``Calendar.from_ical``. An unknown name is None: icalendar keeps such a time
    floating and the importer warns about the TZID."""

    def timezone(self, name: str):
        return tz_zone(name)


tzp.use(_CheckedZones())  # printprog is icalendar's only user in this process


def parse(path: Path, options: Options | None = None) -> Conference:
    """Read an iCalendar file; raise DataError naming the file (and event) when it cannot."""
    return emit(read(path, options))


def read(path: Path, options: Options | None = None) -> Imported:
    data = read_bytes(path)  # a regular file of at most inputs.MAX_BYTES
    try:
        cal = icalendar.Calendar.from_ical(data)
    except (ValueError, IndexError, KeyError) as exc:
        raise DataError(Problem(f"not a valid iCalendar file: {one_line(str(exc))[:120]}",
                                file=path, hint="export the calendar (.ics) again")) from None
    name = _text(cal.get("X-WR-CALNAME")) or path.stem
    draft = Draft(name=name, file=path, timezone=_text(cal.get("X-WR-TIMEZONE")),
                  options=options or Options())
    pretalx = "pretalx" in _text(cal.get("PRODID")).casefold()
    vevents = list(cal.walk("VEVENT"))
    if not vevents:
        raise DataError(Problem("no VEVENT in the calendar", file=path,
                                hint="export the whole schedule as .ics"))
    zones = _declared_zones(cal, draft)
    events = [e for n, ev in enumerate(vevents)
              if (e := draft.attempt(_event, ev, n, draft, pretalx))]
    tzids = [z for z in zones if z]
    if tzids:
        draft.timezone = tzids[0]
    _check_vtimezones(cal, events, draft)
    return build(draft, events)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        value = value[0] if value else ""
    return one_line(html.unescape(str(value)))


def _declared_zones(cal: icalendar.Calendar, draft: Draft) -> list[str]:
    """IANA names of the calendar's TZIDs, in order; unknown names are warned about once."""
    out: list[str] = []
    for ev in cal.walk("VEVENT"):
        prop = ev.get("DTSTART")
        tzid = prop.params.get("TZID", "") if prop is not None else ""
        if tzid and tzid not in out:
            out.append(tzid)
    known = []
    for tzid in out:
        if tz_zone(tzid) is not None:
            known.append(tzid)
        else:
            draft.warn(f"TZID '{tzid}' is not an IANA time zone; its times are read as UTC")
    return known


def _when(ev, key: str, fail) -> tuple[datetime, timedelta | None] | None:
    """Naive wall-clock time and its UTC offset (None for a floating time)."""
    prop = ev.get(key)
    if prop is None:
        return None
    try:
        value = prop.dt
    except (ValueError, AttributeError) as exc:  # icalendar keeps what it cannot read
        raw = getattr(prop, "to_ical", lambda: b"")()
        raw = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
        raise fail(f"{key} '{one_line(raw)[:40]}' is not a date and time",
                   "write it like 20240309T120000Z") from exc
    if not isinstance(value, datetime):
        if isinstance(value, date):  # an all-day entry: midnight, as written
            return datetime(value.year, value.month, value.day), None
        raise fail(f"{key} is not a date and time")
    tzid = prop.params.get("TZID", "")
    naive = value.replace(tzinfo=None)
    if tzid:
        zone = tz_zone(tzid)
        return naive, naive.replace(tzinfo=zone).utcoffset() if zone else timedelta(0)
    return naive, value.utcoffset() if value.tzinfo is not None else None


def _event(ev, n: int, draft: Draft, pretalx: bool) -> Event:
    uid = _text(ev.get("UID"))

    def fail(message: str, hint: str = "") -> DataError:
        return DataError(Problem(message, file=draft.file, path=f"VEVENT {n + 1}"
                                 + (f" (UID {uid})" if uid else ""), hint=hint))

    summary = _text(ev.get("SUMMARY"))
    if not summary:
        raise fail("has no SUMMARY (title)")
    start = _when(ev, "DTSTART", fail)
    if start is None:
        raise fail("has no DTSTART", "give it a start time")
    end = _when(ev, "DTEND", fail)
    try:  # year 1 or 9999 moved by a UTC offset leaves the calendar
        if end is not None:
            length = ((end[0] - (end[1] or timedelta(0)))
                      - (start[0] - (start[1] or timedelta(0))))
        elif ev.get("DURATION") is not None:
            try:
                length = ev.get("DURATION").dt
            except (ValueError, AttributeError):  # icalendar's "impractical duration"
                length = None
            if not isinstance(length, timedelta):
                raise fail("DURATION is not a duration printprog can use",
                           "write it like PT45M")
        else:
            length = timedelta(0)
    except OverflowError:
        raise fail("its times are outside the years printprog reads",
                   "is the year right?") from None
    title, people = _people(summary, pretalx)
    room, address = _location(_text(ev.get("LOCATION")))
    if address:
        draft.addresses.setdefault(room, address)
    categories = ev.get("CATEGORIES")
    track = ""
    if categories is not None:
        cats = categories if isinstance(categories, list) else [categories]
        track = next((str(c) for cat in cats for c in getattr(cat, "cats", [cat])), "")
    return Event(ident=uid, title=title, start=start[0], offset=start[1], duration=length,
                 room=room or "Venue", people=people,
                 abstract=rich_text(html.unescape(str(ev.get("DESCRIPTION") or ""))),
                 track=_text(track), url=_text(ev.get("URL")))


def _people(summary: str, pretalx: bool) -> tuple[str, list[Person]]:
    """The title and the people its suffix names (see the module docstring)."""
    if pretalx:
        head, dash, tail = summary.rpartition(" - ")
        names = [n.strip() for n in tail.split(",")]
        if dash and head.strip() and all(n and len(n) <= 60 and not any(
                c.isdigit() for c in n) and len(n.split()) <= 5 for n in names):
            return head.strip(), [Person("", n) for n in names]
        return summary, []
    title, found = split_title(summary, set(), set())
    people: list[Person] = []
    for name, org, _moderator in found:  # the organisation as the title gives it (as Sched)
        people.append(Person("", name, organisation=org))
    return title, people


@cache
def _countries() -> frozenset[str]:
    """Folded country names from the tz database's iso3166.tab, with common short forms."""
    text = resources.files("tzdata").joinpath("zoneinfo/iso3166.tab").read_text("utf-8")
    names = {fold(line.split("\t")[1]) for line in text.splitlines()
             if "\t" in line and not line.startswith("#")}
    return frozenset(names | {"usa", "us", "uk", "united kingdom", "great britain",
                                 "england", "scotland", "wales", "czech republic"})


def _location(text: str) -> tuple[str, str]:
    """Room and, when the text ends in a country, the rest as the venue's address."""
    parts = [p.strip() for p in text.split(",") if p.strip()]
    if len(parts) >= 2:
        last = fold(parts[-1])
        if any(c == last or c.startswith(last + " ") or c.split(" (")[0] == last
               for c in _countries()):
            return parts[0], ", ".join(parts[1:])
    return text, ""


def _check_vtimezones(cal: icalendar.Calendar, events: list[Event], draft: Draft) -> None:
    """Warn once per VTIMEZONE whose offsets the tz database does not have for the events."""
    for vtz in cal.walk("VTIMEZONE"):
        tzid = _text(vtz.get("TZID"))
        zone = tz_zone(tzid)
        if zone is None:
            continue
        stated = {sub.get("TZOFFSETTO").td for sub in vtz.subcomponents
                  if sub.get("TZOFFSETTO") is not None}
        real = {e.start.replace(tzinfo=zone).utcoffset() for e in events}
        if stated and not real <= stated:
            draft.warn(f"the VTIMEZONE of {tzid} gives UTC{_offsets(stated)}, the tz database "
                       f"UTC{_offsets(real)} for these dates; the times are read by the "
                       f"zone name {tzid} (check them against the event's website)")


def _offsets(values: set[timedelta]) -> str:
    return "/".join(offset_text(v) for v in sorted(values))
