"""Conference → iCalendar (RFC 5545): one VEVENT per session, for the whole event or one room.

Contract: ``render(conf, room_id=None)`` returns the calendar as bytes; ``write(conf, out,
room=None)`` resolves the room (:func:`printprog.schedule.lookup.find_room`, as ``signage --room``
does: an unknown one is a PrintprogError listing the rooms), writes atomically and
returns the number of events.

The output is the same bytes for the same Conference, run after run:

* UID is ``<session id>@<host of the website>`` (``<short name slug>.invalid`` without one),
  so a re-import updates the calendar entries rather than doubling them.
* DTSTAMP is the first conference day at 00:00 UTC, not the time of the run.
* DTSTART/DTEND carry ``TZID`` = the conference zone, described by a VTIMEZONE with the
  observance in force when the conference starts and each change of offset until it ends
  (computed from zoneinfo: no RRULEs, so every calendar reads it the same way).
* An event whose zone is not known (the file stated none: ``Conference.timezone_guessed``
  with UTC, what a data folder writes as ``timezone: local``) gets floating times
  (``DTSTART:20180203T093000``, RFC 5545 3.3.5) and no VTIMEZONE: each calendar shows them
  as written, never shifted by the reader's offset from a UTC that was only a guess.
* A session of no length has DTSTART and no DTEND (RFC 5545 3.6.1: it ends as it starts;
  3.8.2.2 wants a DTEND later than DTSTART).

Text is escaped (``\\``, ``;``, ``,``, newlines), lines end in CRLF and are folded at 75
octets without splitting a UTF-8 character. LOCATION is the room name, with the address for
an off-site venue; DESCRIPTION the speakers, the moderators and the abstract.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from urllib.parse import urlparse
from zoneinfo import ZoneInfo

from .. import __version__
from ..core.text import slug
from ..schedule.lookup import find_room
from ..schedule.model import Conference, Session

_DAY = timedelta(days=1)
_YEAR = timedelta(days=366)


def write(conf: Conference, out: Path, room: str | None = None) -> int:
    """Write the calendar of the event, or of one room, to ``out``; the number of events."""
    from ..pdf.atomic import atomic_output  # it writes any file atomically, not only PDFs

    room_id = find_room(conf, room).id if room else None
    data = render(conf, room_id)
    with atomic_output(out) as tmp:
        tmp.write_bytes(data)
    return data.count(b"BEGIN:VEVENT")


def render(conf: Conference, room_id: str | None = None) -> bytes:
    zone = ZoneInfo(conf.timezone)
    sessions = [s for s in conf.sessions if room_id is None or s.room == room_id]
    name = conf.name
    if room_id:
        name += f" – {conf.room_by_id[room_id].name}"
    floating = floating_times(conf)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:-//printprog//printprog {__version__}//EN",
             "CALSCALE:GREGORIAN", "METHOD:PUBLISH", f"X-WR-CALNAME:{_escape(name)}"]
    if not floating:
        lines.append(f"X-WR-TIMEZONE:{conf.timezone}")
        first = datetime.combine(conf.start_date, time(), zone)
        last = datetime.combine(conf.end_date + 2 * _DAY, time(), zone)
        lines += _vtimezone(conf.timezone, zone, first, last)
    stamp = datetime.combine(conf.start_date, time(), UTC).strftime("%Y%m%dT%H%M%SZ")
    host = (urlparse(conf.website).hostname if conf.website else "") or (
        f"{slug(conf.short_name or conf.name)}.invalid")
    tzid = "" if floating else f";TZID={conf.timezone}"
    for s in sessions:
        lines += _vevent(conf, s, zone, stamp, host, tzid)
    lines.append("END:VCALENDAR")
    return b"".join(_fold(line) for line in lines)


def floating_times(conf: Conference) -> bool:
    """Whether the event's zone is unknown (the times are as written, the UTC a guess): the
    same rule as ``timezone: local`` in an exported data folder."""
    return conf.timezone_guessed and conf.timezone == "UTC"


def _vevent(conf: Conference, s: Session, zone: ZoneInfo, stamp: str, host: str,
            tzid: str) -> list[str]:
    room = conf.room_by_id[s.room]
    where = f"{room.name}, {room.address}" if room.address else room.name
    names = [conf.speaker_by_id[p].name for p in s.speakers]
    moderators = [conf.speaker_by_id[p].name for p in s.moderators]
    parts = []
    if names:
        parts.append(("Speaker: " if len(names) == 1 else "Speakers: ") + ", ".join(names))
    if moderators:
        parts.append(("Moderator: " if len(moderators) == 1 else "Moderators: ")
                     + ", ".join(moderators))
    parts.extend(s.abstract)
    out = ["BEGIN:VEVENT", f"UID:{s.id}@{host}", f"DTSTAMP:{stamp}",
           f"DTSTART{tzid}:{_local(s.start, zone)}"]
    if s.end > s.start:  # RFC 5545 wants DTEND later than DTSTART; without it, none
        out.append(f"DTEND{tzid}:{_local(s.end, zone)}")  # (3.6.1: it ends as it starts)
    out += [f"SUMMARY:{_escape(s.title)}", f"LOCATION:{_escape(where)}"]
    paragraphs = "\n\n".join(parts)  # a blank line between paragraphs, as mail clients show
    if parts:
        out.append(f"DESCRIPTION:{_escape(paragraphs)}")
    if s.track:
        out.append(f"CATEGORIES:{_escape(s.track)}")
    if url := conf.url_for(s):
        out.append(f"URL:{url}")  # a URI value: not escaped as text
    out.append("END:VEVENT")
    return out


def _vtimezone(tzid: str, zone: ZoneInfo, first: datetime, last: datetime) -> list[str]:
    """A VTIMEZONE with the observance at ``first`` and every change up to ``last``."""
    changes = _changes(zone, first - _YEAR, first)[-1:] or [(None, first)]
    changes += _changes(zone, first, last)
    lines = ["BEGIN:VTIMEZONE", f"TZID:{tzid}"]
    for before, at in changes:
        local = at.astimezone(zone)
        offset_from = before.astimezone(zone).utcoffset() if before else local.utcoffset()
        component = "DAYLIGHT" if local.dst() else "STANDARD"
        onset = (at.astimezone(UTC) + offset_from).strftime("%Y%m%dT%H%M%S") if before \
            else "19700101T000000"
        lines += [f"BEGIN:{component}", f"DTSTART:{onset}",
                  f"TZOFFSETFROM:{_offset(offset_from)}",
                  f"TZOFFSETTO:{_offset(local.utcoffset())}",
                  f"TZNAME:{local.tzname()}", f"END:{component}"]
    lines.append("END:VTIMEZONE")
    return lines


def _changes(zone: ZoneInfo, start: datetime, end: datetime
             ) -> list[tuple[datetime, datetime]]:
    """(an instant before, the first instant of) each change of offset in [start, end)."""
    def state(t: datetime) -> tuple:
        local = t.astimezone(zone)
        return local.utcoffset(), local.dst(), local.tzname()

    out, t = [], start.astimezone(UTC)
    end = end.astimezone(UTC)
    while t < end:
        step = min(t + _DAY, end)
        if state(step) != state(t):
            lo, hi = t, step  # the change is in (lo, hi]: halve to the second
            while hi - lo > timedelta(seconds=1):
                mid = lo + (hi - lo) / 2
                lo, hi = (mid, hi) if state(mid) == state(lo) else (lo, mid)
            out.append((lo, hi.replace(microsecond=0)))
        t = step
    return out


def _local(when: datetime, zone: ZoneInfo) -> str:
    return when.astimezone(zone).strftime("%Y%m%dT%H%M%S")


def _offset(delta: timedelta | None) -> str:
    seconds = int((delta or timedelta(0)).total_seconds())
    sign = "-" if seconds < 0 else "+"
    hours, rest = divmod(abs(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{sign}{hours:02d}{minutes:02d}" + (f"{secs:02d}" if secs else "")


def _escape(text: str) -> str:
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n"))


def _fold(line: str) -> bytes:
    """The line as UTF-8 ending in CRLF, folded so no physical line exceeds 75 octets."""
    out, current, limit = [], b"", 75
    for char in line:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > limit:
            out.append(current)
            current, limit = b" ", 75  # the leading space counts towards the 75
        current += encoded
    out.append(current)
    return b"\r\n".join(out) + b"\r\n"
