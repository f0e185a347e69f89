"""The schedule's shape, built once: days, rooms in use, sessions in order, events for everyone.

Every product reads these views; none re-sorts or re-groups sessions on its own.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from datetime import date, datetime, timedelta
from functools import cache

from ..core.records import Record, record
from .model import Conference, Kind, Room, Session, Speaker


@record(frozen=True)
class Day(Record):
    date: date
    #: Every session of the day in (start, room order, end) order.
    sessions: tuple[Session, ...]
    #: Rooms holding at least one session that is not for everyone, in display order.
    rooms: tuple[Room, ...]
    #: Sessions that span every column: breaks, meals, registration, socials, main-hall keynotes.
    plenary: tuple[Session, ...]
    start: datetime
    end: datetime

    @property
    def talks(self) -> tuple[Session, ...]:
        # By identity: the plenary sessions are some of these very objects, and comparing
        # sessions field by field (the dataclass's ==) was most of the cost.
        plenary = set(map(id, self.plenary))
        return tuple(s for s in self.sessions if id(s) not in plenary)


def is_plenary(conf: Conference, session: Session, main_room: str | None) -> bool:
    """True for events for everyone: service kinds, and a keynote alone in the main hall
    (a session of another kind counts when its title says so: "Keynote Panel: ...")."""
    if session.plenary:
        return True
    keynote = session.kind is Kind.KEYNOTE or session.title.lower().startswith("keynote")
    if keynote and session.room == main_room:
        others = [o for o in sessions_between(conf, session.start, session.end)
                  if o.id != session.id and not o.plenary]
        return not others
    return False


def sessions_between(conf: Conference, start: datetime, end: datetime) -> list[Session]:
    """Sessions overlapping [start, end), in start order: a binary search in the sessions
    sorted by start, then only those that began at most the longest session's length
    earlier are looked at (not every session of the event per call)."""
    starts, ordered, longest = _by_start(conf)
    lo, hi = bisect_left(starts, start - longest), bisect_left(starts, end)
    return [s for s in ordered[lo:hi] if s.end > start]


@cache
def _by_start(conf: Conference) -> tuple[list[datetime], list[Session], timedelta]:
    ordered = sorted(conf.sessions, key=lambda s: s.start)
    longest = max((s.end - s.start for s in ordered), default=timedelta(0))
    return [s.start for s in ordered], ordered, longest


def main_room(conf: Conference) -> str | None:
    """The room with the most minutes of talks: where keynotes for everyone happen."""
    minutes: dict[str, int] = defaultdict(int)
    for s in conf.sessions:
        if not s.plenary and not conf.room_by_id[s.room].offsite:
            minutes[s.room] += s.minutes
    return max(minutes, key=lambda r: (minutes[r], -conf.room_by_id[r].order), default=None)


@cache
def days(conf: Conference) -> tuple[Day, ...]:
    order = {r.id: (r.order, i) for i, r in enumerate(conf.rooms)}
    by_day: dict[date, list[Session]] = defaultdict(list)
    for s in conf.sessions:
        by_day[s.conference_day].append(s)
    main = main_room(conf)
    out = []
    for d in sorted(by_day):
        sessions = sorted(by_day[d], key=lambda s: (s.start, order[s.room], s.end, s.id))
        plenary = tuple(s for s in sessions if is_plenary(conf, s, main))
        used = {s.room for s in sessions if s not in plenary}
        rooms = tuple(sorted((conf.room_by_id[r] for r in used), key=lambda r: order[r.id]))
        out.append(Day(date=d, sessions=tuple(sessions), rooms=rooms, plenary=plenary,
                       start=min(s.start for s in sessions), end=max(s.end for s in sessions)))
    return tuple(out)


def day_of(conf: Conference, when: date) -> Day | None:
    return _days_by_date(conf).get(when)


@cache
def _days_by_date(conf: Conference) -> dict[date, Day]:
    return {d.date: d for d in days(conf)}


@cache
def sessions_of_person(conf: Conference) -> dict[str, tuple[Session, ...]]:
    """Speaker id → sessions they speak at or moderate, in time order."""
    out: dict[str, list[Session]] = defaultdict(list)
    for s in conf.sessions:
        for pid in s.people:
            out[pid].append(s)
    return {k: tuple(v) for k, v in out.items()}


def talks_of(conf: Conference, speaker: Speaker) -> tuple[Session, ...]:
    return sessions_of_person(conf).get(speaker.id, ())


def speakers_a_to_z(conf: Conference) -> list[Speaker]:
    """People who appear in at least one session, by family name."""
    people = sessions_of_person(conf)
    return sorted((s for s in conf.speakers if s.id in people), key=lambda s: s.sort_key)


def sessions_in_room(conf: Conference, room_id: str, when: date) -> tuple[Session, ...]:
    """The room's sessions that day, in the day's order."""
    return _by_room_and_day(conf).get((room_id, when), ())


@cache
def _by_room_and_day(conf: Conference) -> dict[tuple[str, date], tuple[Session, ...]]:
    out: dict[tuple[str, date], list[Session]] = defaultdict(list)
    for day in days(conf):
        for s in day.sessions:
            out[(s.room, day.date)].append(s)
    return {k: tuple(v) for k, v in out.items()}


@cache
def sessions_by_room(conf: Conference) -> dict[str, tuple[Session, ...]]:
    """Room id → its sessions in the order of ``conf.sessions``."""
    out: dict[str, list[Session]] = defaultdict(list)
    for s in conf.sessions:
        out[s.room].append(s)
    return {k: tuple(v) for k, v in out.items()}


def people_names(conf: Conference, session: Session, most: int | None = None) -> str:
    """The session's speakers and moderators by name, comma-separated; past ``most`` of
    them, "and N more" (a panel of 3,000 costs what a panel of ``most`` does)."""
    ids = session.people
    shown = ids if most is None or len(ids) <= most else ids[:most]
    names = [conf.speaker_by_id[p].name for p in shown]
    if len(shown) < len(ids):
        names.append(f"and {len(ids) - len(shown)} more")
    return ", ".join(names)


def main_rooms(conf: Conference, day: Day) -> tuple[Room, ...]:
    """The day's rooms, main stages first: the conference's ``grid_rooms`` (in its order)
    when it names any, else by the session time they hold that day, most first (ties keep the
    display order). A product with room for N columns takes the first N; the rest of the
    day goes in its "Also today" list. Events for everyone are not counted: they belong to
    no column."""
    if conf.grid_rooms:
        by_id = {r.id: r for r in day.rooms}
        return tuple(by_id[rid] for rid in conf.grid_rooms if rid in by_id)
    held: dict[str, timedelta] = defaultdict(timedelta)
    for s in day.talks:
        held[s.room] += s.end - s.start
    order = {r.id: i for i, r in enumerate(day.rooms)}
    return tuple(sorted(day.rooms, key=lambda r: (-held[r.id], order[r.id])))
