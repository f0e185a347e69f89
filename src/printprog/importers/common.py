"""What the frab XML, schedule JSON and CSV importers share: one draft shape, one builder.

Contract: an importer reads its file into a :class:`Draft` (the draft types are in
:mod:`.draft`, which the time-zone rules read too) (conference facts) and a list of
:class:`Event` (one per scheduled slot, times as the file gives them) and calls
:func:`build`, which returns an :class:`Imported`: the validated, immutable Conference and the
warnings the organiser should read. ``parse(path)`` of each importer (what ``FORMATS`` calls)
returns only the Conference and hands each warning to the ``printprog.importers`` logger;
``read(path)`` returns the Imported, for callers that print warnings themselves.

What :func:`build` decides, the same for every format:

* Time zone (zones.py): ``--timezone``; else a declared IANA zone the events' own UTC
  offsets agree with (most of them: the rest are converted and named); else the offset the
  events carry (``Etc/GMT-1`` for +01:00); else UTC, times as written. A guess is said in
  one warning and marks ``Conference.timezone_guessed``.
* An event that cannot be placed is left out with one warning (``Draft.attempt``), or an
  error with ``Options.strict``.
* Rooms: only rooms that hold an event (an empty room wrapper is not a room), in the order
  the file declares them, then as first used; ids are slugs of the names.
* People: one speaker per source id (different ids are different people, whatever their
  names; ``check`` warns about look-alikes); people without an id merge by folded name;
  the id is the source id (a slug of the name when there is none); bios from the event or
  the file's person list, first non-empty wins.
* Sessions: the source id when it is a valid id and unused, else a slug of the title. An
  event of zero length (an export's marker, a duration left blank) is kept, ending at its
  start, and printed with its start time only; one warning counts them. One that ends
  before it starts is left out with one warning naming every such event (an import must
  not fail on what the organiser cannot edit there).
  ``Session.day`` is set when the conference day is the calendar day before the start.
* Breaks: the same break given once per room at one time is one event in a room naming
  the rooms (:func:`merge_shared_breaks`).
* Talk links: one ``session_url`` pattern when every event's URL is the same text around
  its id, else each session keeps its own URL.

Abstracts and bios are made paragraphs by :func:`.richtext.rich_text` as each importer reads
them.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from typing import Any
from urllib.parse import urljoin

from ..core.errors import DataError, Problem
from ..core.limits import MAX_PEOPLE_PER_SESSION, MAX_PERSONS, MAX_SESSION
from ..core.text import MAX_LINE, MAX_TEXT, Taken, one_line, says_something, slug
from ..core.when import date_problem
from ..schedule.model import PLENARY_KINDS, Conference, Kind, Room, Session, Speaker, fold
from .draft import Draft, Event, Imported, Person
from .zones import zone_of

log = logging.getLogger("printprog.importers")

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")  # what the YAML data format accepts
_DURATION = re.compile(r"^(\d{1,3}):([0-5]\d)(?::([0-5]\d))?$")


def emit(result: Imported) -> Conference:
    for message in result.warnings:
        log.warning(message)
    return result.conference


def duration(text: str) -> timedelta | None:
    """HH:MM, H:MM or HH:MM:SS as a timedelta; None when it is none of these."""
    m = _DURATION.match(text.strip())
    if not m:
        return None
    return timedelta(hours=int(m[1]), minutes=int(m[2]), seconds=int(m[3] or 0))


def no_length_warning(labels: list[str]) -> str:
    """One line for every event without a length: how many, and the first few by id."""
    shown = ", ".join(labels[:5]) + (", …" if len(labels) > 5 else "")
    if len(labels) == 1:
        return f"1 event has no length; printed at its start time ({shown})"
    return f"{len(labels):,} events have no length; printed at their start time ({shown})"


def valid_id(text: str) -> str:
    """The text when the YAML format accepts it as an id, else ""."""
    return text if _ID.match(text) else ""


# -- kinds ------------------------------------------------------------------------------

#: Words in the source's event type, first match wins.
_TYPES = ((r"keynote", Kind.KEYNOTE), (r"panel|podium|discussion", Kind.PANEL),
          (r"\bbof\b|birds of a|meeting|meetup", Kind.BOF),
          (r"hack(athon|fest)|sprint", Kind.HACKATHON), (r"registration", Kind.REGISTRATION),
          (r"break|pause|coffee", Kind.BREAK), (r"meal|lunch|dinner|breakfast", Kind.MEAL),
          (r"party|social|reception", Kind.SOCIAL),
          (r"lecture|talk|workshop|tutorial|presentation|demo|lightning|session", Kind.TALK))
#: (pattern on the folded title, kind, only for events without people), first match wins.
_TITLES = ((r"^(keynote\s+)?panel\b|\bpanel$", Kind.PANEL, False),
           (r"\bkeynote\b", Kind.KEYNOTE, False), (r"\bbofs?\b|birds of a", Kind.BOF, False),
           (r"\bhack(athon|fest)\b", Kind.HACKATHON, False),
           (r"registration|check-in", Kind.REGISTRATION, True),
           (r"\b(break|pause|coffee)\b", Kind.BREAK, True),
           (r"\b(lunch|dinner|breakfast|meal|mittag\w*)\b", Kind.MEAL, True),
           (r"\b(reception|party)\b", Kind.SOCIAL, True))


def kind_of(type_: str, title: str, has_people: bool) -> Kind:
    """The kind from the source's type; a talk's title may say keynote, panel or BoF.

    A missing or vague type ("other", "") is read from the title; breaks and meals only
    for events without people, so a talk titled "Coffee" stays a talk.
    """
    t = fold(type_).strip()
    typed = next((k for p, k in _TYPES if re.search(p, t)), None) if t else None
    if typed is not None and typed is not Kind.TALK:
        return typed
    folded = fold(title)
    for pattern, kind, service in _TITLES:
        if (not service or not has_people) and re.search(pattern, folded):
            return kind
    if typed is Kind.TALK or (not t and has_people):
        return Kind.TALK
    return Kind.OTHER  # "other", a film, a concert, or a slot with nobody in it


# -- the builder ------------------------------------------------------------------------

class _People:
    """One speaker per source id; people without an id merge by folded name.

    Different ids are different people even under one name ('Anna' and 'anna', two
    'Andreas' with two guids): ``check`` warns about such look-alikes instead.
    """

    def __init__(self, draft: Draft):
        self.draft = draft
        self.by_key: dict[str, Speaker] = {}  # "id:<source id>" or "name:<folded name>"
        self.by_name: dict[str, str] = {}  # folded name -> key of the first with that name
        self.taken: set[str] = Taken()

    def add(self, person: Person) -> str:
        name = one_line(person.name)
        folded = fold(name)
        # no id: the person of that name, if any
        key = (f"id:{person.ident}" if person.ident
               else self.by_name.get(folded, f"name:{folded}"))
        if key not in self.by_key:
            ident = valid_id(person.ident)
            ident = ident if ident and ident not in self.taken else slug(name,
                                                                         self.taken)
            self.taken.add(ident)
            self.by_key[key] = Speaker(id=ident, name=name)
            self.by_name.setdefault(folded, key)
        speaker = self.by_key[key]
        if not speaker.affiliation and (person.job_title or person.organisation):
            speaker = self.by_key[key] = replace(speaker, job_title=one_line(person.job_title),
                                                 organisation=one_line(person.organisation))
        if not speaker.bio:
            bio = self.draft.bios.get(person.ident) or self.draft.bios.get(folded) or ()
            if bio:
                self.by_key[key] = replace(speaker, bio=bio)
        return self.by_key[key].id


def _session_url(sessions: list[Session]) -> str:
    """"…/events/{id}.html" when every session's URL is that text around its own id."""
    if not sessions or not all(s.url and s.id in s.url for s in sessions):
        return ""
    first = sessions[0]
    cut = first.url.rindex(first.id)
    prefix, suffix = first.url[:cut], first.url[cut + len(first.id):]
    pattern = f"{prefix}{{id}}{suffix}"
    return pattern if all(s.url == pattern.replace("{id}", s.id) for s in sessions) else ""


def _check_lengths(draft: Draft, events: list[Event]) -> None:
    """The YAML format's limits, for every format: a date in years printprog can compute
    with, a title is a line, an abstract at most a long essay; more is an export gone wrong
    and would only stall the layout."""
    problems = []
    for e in events:
        label = f"event {e.ident or e.title[:40]}"
        try:
            end = e.start + e.duration
        except OverflowError:  # a duration of a million days
            end = None
        for when in (e.start, end):
            why = date_problem(when.date()) if when is not None else (
                "ends past the last year printprog reads")
            if why:
                problems.append(Problem(f"{label}: {why}", file=draft.file,
                                        hint="is the year right? is the length right?"))
                break
        if len(e.title) > MAX_LINE:
            problems.append(Problem(f"{label}: title has {len(e.title):,} characters; at most "
                                    f"{MAX_LINE:,} fit", file=draft.file,
                                    hint="shorten it; long text belongs in the abstract"))
        if sum(len(p) for p in e.abstract) > MAX_TEXT:
            problems.append(Problem(f"{label}: abstract is longer than {MAX_TEXT:,} characters",
                                    file=draft.file, hint="shorten it"))
        if e.duration > MAX_SESSION:  # a century-long session: an export gone wrong
            problems.append(Problem(f"{label}: lasts {e.duration.days:,} days; at most "
                                    f"{MAX_SESSION.days} are printed", file=draft.file,
                                    hint="is the end (or the duration) right?"))
        if len(e.people) > MAX_PEOPLE_PER_SESSION:
            problems.append(Problem(f"{label}: has {len(e.people):,} speakers; at most "
                                    f"{MAX_PEOPLE_PER_SESSION} are printed", file=draft.file,
                                    hint="list the people who speak"))
        long = next((p.name for p in e.people if len(p.name) > MAX_LINE), None)
        if long is not None:
            problems.append(Problem(f"{label}: a speaker's name has {len(long):,} characters; "
                                    f"at most {MAX_LINE:,} fit", file=draft.file,
                                    hint="is it the right field?"))
    if problems:
        raise DataError(problems)


#: Rooms a merged break names one by one; more, and it is "All rooms" when it is in every
#: room in use that day (else every name, joined).
NAMED_ROOMS = 3


def merge_shared_breaks(events: list[Event]) -> list[Event]:
    """One event for a break given once per room at the same time (an export's lunch in
    every room): events for everyone (breaks, meals, registration, socials) without people,
    of one title, start and length, in different rooms, become the first of them in a room
    named after all of theirs ("Hall A + Hall B", or "All rooms"). Drawn once per room they
    were bands on top of each other, and listed once per room."""
    groups: dict[tuple, list[Event]] = {}
    for e in events:
        if (not e.people and e.duration >= timedelta(0)
                and kind_of(e.type, e.title, False) in PLENARY_KINDS):
            key = (fold(one_line(e.title)), e.start, e.offset, e.duration)
            groups.setdefault(key, []).append(e)
    merged: dict[int, Event] = {}  # id of the first event of a group -> the merged event
    dropped: set[int] = set()
    for group in groups.values():
        rooms = list(dict.fromkeys(one_line(e.room) for e in group))
        if len(rooms) < 2:
            continue
        day = group[0].start.date()
        in_use = {one_line(e.room) for e in events if e.start.date() == day}
        if len(rooms) <= NAMED_ROOMS:
            name = " + ".join(rooms)
        else:
            name = "All rooms" if in_use <= set(rooms) else " + ".join(rooms)
        merged[id(group[0])] = replace(group[0], room=name)
        dropped.update(id(e) for e in group[1:])
    return [merged.get(id(e), e) for e in events if id(e) not in dropped]


def build(draft: Draft, events: list[Event]) -> Imported:
    """Check the events and make the Conference; raise DataError naming what is wrong."""
    if draft.errors:
        raise DataError(draft.errors)
    if not events and draft.left_out:  # nothing left to print: the reasons are the errors
        raise DataError(draft.left_out)
    if not events:
        raise DataError(Problem("no events with a time and a room found", file=draft.file,
                                hint="export the whole schedule, not one day or one room"))
    _check_lengths(draft, events)
    events = merge_shared_breaks(events)
    tz_name, zone, guessed = zone_of(draft, events)
    used = {one_line(e.room) for e in events}
    order = list(dict.fromkeys([one_line(r) for r in draft.rooms] +
                               [one_line(e.room) for e in events]))
    taken: set[str] = Taken()
    rooms = [Room(id=slug(name, taken), name=name, order=n,
                  address=one_line(draft.addresses.get(name, "")) or None)
             for n, name in enumerate(r for r in order if r in used)]
    room_id = {r.name: r.id for r in rooms}
    people = _People(draft)
    sessions: list[Session] = []
    skipped, no_length, off_days, taken = [], [], [], Taken()
    nameless: dict[str, None] = {}  # speaker names without a letter or digit, as met
    for e in events:
        label = e.ident or e.title
        if e.duration < timedelta(0):
            skipped.append(label)
            continue
        if not e.duration:
            no_length.append(label)
        start = (e.start.replace(tzinfo=timezone(e.offset)).astimezone(zone)
                 if e.offset is not None else e.start.replace(tzinfo=zone))
        ident = valid_id(e.ident)
        ident = ident if ident and ident not in taken else slug(e.title, taken)
        taken.add(ident)
        day = e.day if e.day and e.day != start.date() else None
        if day and not timedelta(0) < start.date() - day <= timedelta(days=1):
            off_days.append(label)  # filed under a day it does not belong to: trust its time
            day = None
        named = [p for p in e.people if _named(p.name, nameless)]
        speakers = tuple(dict.fromkeys(people.add(p) for p in named))
        url = urljoin(draft.base_url, e.url) if e.url and draft.base_url else e.url
        sessions.append(Session(
            id=ident, title=one_line(e.title), start=start, end=start + e.duration,
            room=room_id[one_line(e.room)], kind=kind_of(e.type, e.title, bool(speakers)),
            speakers=speakers, abstract=e.abstract, track=one_line(e.track) or None,
            url=url if re.match(r"^https?://", url or "") else None, day=day))
    if len(people.by_key) > MAX_PERSONS:
        raise DataError(Problem(f"{len(people.by_key):,} speakers; at most {MAX_PERSONS:,} "
                                "are printed", file=draft.file, hint="is this one event?"))
    if skipped:
        draft.warn(f"skipped {len(skipped)} event(s) that end before they start: "
                   f"{', '.join(skipped)}")
    if no_length:
        draft.warn(no_length_warning(no_length))
    if nameless:
        draft.warn(f"left out {len(nameless)} speaker name(s) with no letter or digit in them "
                   f"(a placeholder, not a person): {', '.join(map(repr, nameless))}")
    if off_days:
        draft.warn(f"{len(off_days)} event(s) filed under a day more than one day before "
                   f"their start are placed by their start: {', '.join(off_days)}")
    if draft.unknown:
        draft.warn("ignored what printprog does not read: " + ", ".join(
            f"{k} ({n}×)" if n > 1 else k for k, n in sorted(draft.unknown.items())))
    if not sessions:
        raise DataError(Problem("no event could be placed" if draft.report.warnings else
                                "every event ends before it starts", file=draft.file))
    pattern = _session_url(sessions)
    if pattern:
        sessions = [replace(s, url=None) for s in sessions]
    sessions.sort(key=lambda s: (s.start, s.end, s.id))
    days = [s.conference_day for s in sessions]
    website = draft.website if re.match(r"^https?://", draft.website) else ""
    conference = Conference(
        name=one_line(draft.name), short_name=one_line(draft.name), start_date=min(days),
        end_date=max(days), timezone=tz_name, city=one_line(draft.city),
        venue=one_line(draft.venue), website=website, session_url=pattern,
        rooms=tuple(rooms), speakers=tuple(people.by_key.values()), sessions=tuple(sessions),
        timezone_guessed=guessed)
    return Imported(conference, tuple(draft.report.warnings))


def _named(name: str, nameless: dict[str, None]) -> bool:
    """Whether ``name`` names a person (:func:`~printprog.core.text.says_something`).
    FOSDEM 2025's panels list "-" and "--" as people (for "and others"), and a speakers'
    index would print them, with "?" for their initials; blank names are dropped silently,
    the others noted in ``nameless`` for one warning."""
    text = one_line(name)
    if says_something(text):
        return True
    if text:
        nameless.setdefault(text)
    return False


def scalar_text(value: Any) -> str:
    """A JSON value as text: a string or number as written, stripped; a list, object, bool
    or null (a value of the wrong type, in an export read as it comes) as ''."""
    if value is None or isinstance(value, (dict, list, bool)):
        return ""
    return str(value).strip()


def aware_time(value: Any, key: str, fail: Callable[..., DataError],
               missing: tuple[str, str]) -> datetime:
    """An ISO 8601 date and time with its UTC offset ("Z" too), as JSON exports give
    ``start`` and ``end``; ``fail(message[, fix])`` makes the error, ``missing`` the message
    and fix when there is none ("{key}" in the message names the key). Years 1 and 9999
    are refused: one day either side, or the conversion to UTC, would pass the calendar's
    end."""
    text = scalar_text(value)
    if not text:
        raise fail(missing[0].format(key=key), missing[1])
    try:
        when = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise fail(f"{key} '{text[:40]}' is not a date and time") from None
    if when.tzinfo is None:
        raise fail(f"{key} '{text[:40]}' has no UTC offset")
    try:
        when.astimezone(when.tzinfo).utcoffset()
        _ = when - timedelta(days=1), when + timedelta(days=1)
    except OverflowError:
        raise fail(f"{key} '{text[:40]}' is outside the years printprog reads",
                   "is the year right?") from None
    return when
