"""Sched schedule page saved as plain text → Conference.

Contract: ``parse(path)`` reads a Sched page (day headings "Monday, October 21", time headers,
then per session a title, an abstract, "Speakers"/"Moderators" blocks, a line "Monday October
21, 2013 9:15am - 10:00am BST" and the room line) and returns a Conference, or raises DataError
naming the file and line it cannot make sense of. How the mess is read:

* The "- Speaker, Company" suffix is cut at the dash followed by a name from the Speakers
  block, else by a name known from the page or a "Name, Company". People named only there are
  speakers too (OpenStack, Kimchi, Xiaowei Yang of COLO); "(Moderator)" makes a moderator.
* People merge by folded name; the spelling kept is the one their bio uses, else the accented
  one, else the block's. "Job title, Company" splits at the first comma (or before the company
  a title names); a line with no comma is the organisation, or the job title if a title names
  another company. "... Read More →" is cut and sets bio_truncated; "coming soon" is no text.
* ``_x000D_`` is a hard line break; list items and bare URLs get their own paragraph.
* Kinds: "Panel" titles (also "Keynote Panel") or sessions with moderators are panels, then
  keynote, BoF, hackathon by title; a talk if it has people. Else registration, break, social
  (off-site or a reception), meal, other (the QEMU Summit, a maintainers' meeting).
* Rooms: venue rooms by number of talks (the main hall first, the foyer of breaks and meals
  last), then off-site venues (a street address on the room line) as first seen.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from ..core.errors import DataError, Problem
from ..core.inputs import read_text
from ..core.text import Taken, clean, one_line, slug
from ..schedule.model import SERVICE_KINDS, Conference, Kind, Room, Session, Speaker, fold
from .title_people import split_title

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_DAY = re.compile(rf"^{_WEEKDAY}, ([A-Z][a-z]+) (\d{{1,2}})$")
_SLOT = re.compile(r"^\d{1,2}:\d{2}\s*[ap]m\s+[A-Z]{2,5}$", re.IGNORECASE)
_DATE = rf"{_WEEKDAY} ([A-Z][a-z]+) (\d{{1,2}}), (\d{{4}})"
_CLOCK = r"(\d{1,2}:\d{2}[ap]m)"
_WHEN = re.compile(rf"^{_DATE} {_CLOCK} - {_CLOCK} ([A-Z]{{2,5}})$")
_ENDED = re.compile(r"^(.+?) has ended$")
_FILTERS = re.compile(r"^Filter sessions$", re.IGNORECASE)  # the filter panel ends the schedule
_HEADER = re.compile(r"^(Speaker|Moderator)s?$")
_INITIALS = re.compile(r"^[A-Z]{1,3}$")
_AVATAR = re.compile(r"^avatar for (.+)$", re.IGNORECASE)
_READ_MORE = re.compile(r"\s*(?:\.{3}|…)?\s*Read More\s*→?\s*$", re.IGNORECASE)
_COMING_SOON = re.compile(r"^[\w ]{0,40}\bcoming soon\W*$", re.IGNORECASE)
_CR = re.compile(r"_x000D_", re.IGNORECASE)  # a CR escaped by a spreadsheet export
_QUOTE_MARK = re.compile(r"^\s*(?:>>\s?)+")  # e-mail quoting pasted into an abstract
_ITEM = re.compile(r"^(?:(?:[-*•–]|\d{1,2}[.)])\s+\S|https?://\S+$)")
#: Zone of each abbreviation Sched prints; the date then decides the UTC offset.
_ZONES = {"BST": "Europe/London", "GMT": "Europe/London", "CET": "Europe/Paris",
          "CEST": "Europe/Paris", "EST": "America/New_York", "EDT": "America/New_York",
          "PST": "America/Los_Angeles", "PDT": "America/Los_Angeles", "UTC": "UTC"}
#: (pattern on the folded title, kind, only for sessions without people), first match wins.
_KINDS = ((r"^(keynote\s+)?panel\b|\bpanel$", Kind.PANEL, False),
          (r"\bkeynote\b", Kind.KEYNOTE, False), (r"\bbofs?\b|birds of a", Kind.BOF, False),
          (r"\bhack(athon|fest)\b", Kind.HACKATHON, False),
          (r"registration", Kind.REGISTRATION, True), (r"\bbreak\b", Kind.BREAK, True),
          (r"\b(reception|party)\b", Kind.SOCIAL, True),
          (r"\b(lunch|dinner|breakfast|meal)\b", Kind.MEAL, True))


@dataclass
class _Raw:
    """One session as found on the page, before names and rooms are resolved."""

    title: str
    abstract: tuple[str, ...]
    people: dict[str, list[_Who]]  # "speakers" and "moderators" blocks, one spelling each
    start: datetime
    end: datetime
    day: date  # of the day heading it stands under
    room: str


@dataclass
class _Who:
    """What the page says about one person: a Speakers block entry, or all of them merged."""

    spellings: list[tuple[str, bool]] = field(default_factory=list)  # (name, from a block)
    affiliation: str = ""  # "Job title, Company" as the block gives it
    suffix_orgs: list[str] = field(default_factory=list)
    bio: tuple[str, ...] = ()
    truncated: bool = False

    @property
    def name(self) -> str:
        bio = " ".join(self.bio)  # the person's own spelling, else accented, else the block's
        return max(self.spellings, key=lambda s: (s[0] in bio, not s[0].isascii(), s[1]))[0]


def parse(path: Path, options: object = None) -> Conference:
    """Read a Sched page saved as text; raise DataError for what cannot be made sense of.

    ``options`` is taken for the one importer signature; a Sched page states its zone."""
    lines = clean(read_text(path, hint="save the Sched page as UTF-8 text")).split("\n")
    event, raws = _scan(lines, path)
    if not raws:
        raise DataError(Problem(
            "not a Sched schedule page: no day heading like 'Monday, October 21' followed by "
            "sessions", file=path, hint="save the schedule page of a Sched site as text"))
    year = str(raws[0].start.year)
    name = (event if year in event else f"{event} {year}") if event else path.stem
    whos: dict[str, _Who] = {}
    for raw in raws:
        for p in raw.people["speakers"] + raw.people["moderators"]:
            _add(whos, p.name, True, p.affiliation, p.bio, p.truncated)
    in_blocks = set(whos)
    rooms: dict[str, tuple[str, str | None]] = {}  # folded name -> (name, address)
    drafts = []
    for raw in raws:
        local = {fold(p.name) for ps in raw.people.values() for p in ps}
        title, suffix = split_title(raw.title, local, in_blocks)
        speakers = [p.name for p in raw.people["speakers"]]
        moderators = [p.name for p in raw.people["moderators"]]
        for who, org, is_moderator in suffix:
            _add(whos, who, False, org=org)
            if fold(who) not in {fold(n) for n in speakers + moderators}:
                (moderators if is_moderator else speakers).append(who)
        room, address = _room(raw.room, raw.title)
        if fold(room) not in rooms or address:
            rooms[fold(room)] = (room, address)
        drafts.append((raw, title, _kind(title, address is not None, speakers, moderators),
                       fold(room), speakers, moderators))
    ids = _speaker_ids(whos)
    talks = Counter(d[3] for d in drafts if d[2] not in SERVICE_KINDS)
    first = list(rooms)
    order = sorted(first, key=lambda k: (rooms[k][1] is not None, -talks[k], first.index(k)))
    taken: set[str] = Taken()
    room_id = {k: _id(rooms[k][0], taken) for k in order}
    taken = Taken()
    sessions = [Session(
        id=_id(title, taken), title=title, start=raw.start, end=raw.end, room=room_id[room],
        kind=kind, speakers=tuple(dict.fromkeys(ids[fold(n)] for n in speakers)),
        moderators=tuple(dict.fromkeys(ids[fold(n)] for n in moderators)),
        abstract=raw.abstract, day=raw.day if raw.day != raw.start.date() else None)
        for raw, title, kind, room, speakers, moderators in drafts]
    cities = Counter(a.rsplit(",", 1)[-1].strip() for _, a in rooms.values() if a and "," in a)
    # The page does not say the short name, venue or website: the organiser adds them
    # to conference.yaml after importing (docs/data-format.md).
    return Conference(
        name=name, short_name=name,
        start_date=min(s.conference_day for s in sessions),
        end_date=max(s.conference_day for s in sessions),
        timezone=str(raws[0].start.tzinfo), city=cities.most_common(1)[0][0] if cities else "",
        venue="", website="", session_url="",
        rooms=tuple(Room(id=room_id[k], name=rooms[k][0], order=n, address=rooms[k][1])
                    for n, k in enumerate(order)),
        speakers=tuple(_speaker(whos[k], ident) for k, ident in ids.items()),
        sessions=tuple(sorted(sessions, key=lambda s: (s.start, s.end, s.id))))


def _scan(lines: list[str], path: Path) -> tuple[str, list[_Raw]]:
    """The event name from the page header, and every session block in page order."""
    event, heading, raws, i = "", None, [], 0
    while i < len(lines):
        text, i = lines[i].strip(), i + 1
        if not text or _SLOT.match(text):
            continue  # a time header, empty or not: each session carries its own times
        if _FILTERS.match(text):
            break
        if m := _DAY.match(text):
            heading = (m[1], int(m[2]))
        elif heading is None:  # page header before the first day
            if m := _ENDED.match(text):
                event = one_line(m[1])
        else:
            raw, i = _session(lines, i - 1, heading, path)
            raws.append(raw)
    return event, raws


def _session(lines: list[str], first: int, heading: tuple[str, int], path: Path
             ) -> tuple[_Raw, int]:
    """The session whose title is at ``lines[first]``, and the index after its room line."""
    title, j = _line(lines[first]), first + 1
    while j < len(lines) and not _WHEN.match(lines[j].strip()):
        if _DAY.match(lines[j].strip()) or _SLOT.match(lines[j].strip()):
            break
        j += 1
    if not (m := _WHEN.match(lines[j].strip()) if j < len(lines) else None):
        raise DataError(Problem(
            f"session '{title}' has no time line", file=path, line=first + 1,
            hint="Sched gives each session a line like "
                 "'Monday October 21, 2013 9:15am - 10:00am BST'"))
    k = j + 1
    while k < len(lines) and not lines[k].strip():
        k += 1
    room = _line(lines[k]) if k < len(lines) else ""
    if not room or _DAY.match(room) or _SLOT.match(room):
        raise DataError(Problem(f"session '{title}' has no room", file=path, line=j + 1,
                                hint="the line after the time line names the room"))
    start, end = _times(m, path, j + 1)
    day = _date(heading[0], heading[1], start.year, path, j + 1)
    abstract, people = _body(lines, first + 1, j, path)
    return _Raw(title, abstract, people, start, end, day, room), k + 1


def _times(m: re.Match, path: Path, line: int) -> tuple[datetime, datetime]:
    if (abbrev := m[6]) not in _ZONES:
        raise DataError(Problem(f"unknown time zone '{abbrev}'", file=path, line=line,
                                hint=f"known: {', '.join(_ZONES)}"))
    zone = ZoneInfo(_ZONES[abbrev])

    def at(month: str, day: str, year: str, clock: str) -> datetime:
        hour, minute = (int(x) for x in clock[:-2].split(":"))
        if hour > 12 or minute > 59:
            raise DataError(Problem(f"'{clock}' is not a time", file=path, line=line))
        hour = hour % 12 + (12 if clock.endswith("pm") else 0)
        when = datetime.combine(_date(month, int(day), int(year), path, line),
                                time(hour, minute), tzinfo=zone)
        if abbrev != "UTC" and when.tzname() != abbrev:  # "GMT" printed in summer time
            raise DataError(Problem(f"{when:%Y-%m-%d %H:%M} is {when.tzname()} in {zone}, "
                                    f"not {abbrev}", file=path, line=line))
        return when

    start, end = at(m[1], m[2], m[3], m[4]), at(m[1], m[2], m[3], m[5])
    if end <= start:
        end += timedelta(days=1)  # "11:00pm - 1:00am" ends the next morning
    return start, end


def _date(month: str, day: int, year: int, path: Path, line: int) -> date:
    try:
        return date(year, _MONTHS.index(month) + 1, day)
    except ValueError:
        raise DataError(Problem(f"'{month} {day}, {year}' is not a date", file=path,
                                line=line)) from None


def _body(lines: list[str], first: int, stop: int, path: Path
          ) -> tuple[tuple[str, ...], dict[str, list[_Who]]]:
    """Abstract paragraphs and the people blocks of the lines between title and time line."""
    abstract: list[str] = []
    blocks: list[tuple[str, list[tuple[int, str]]]] = []
    for n in range(first, stop):
        text = lines[n].strip()
        if (m := _HEADER.match(text)) and _starts_block(lines, n + 1, stop):
            blocks.append((f"{m[1].lower()}s", []))
        elif blocks and text:
            blocks[-1][1].append((n + 1, text))
        elif not blocks:
            abstract.append(lines[n])
    people: dict[str, list[_Who]] = {"speakers": [], "moderators": []}
    for role, items in blocks:
        people[role].extend(_block(items, path))
    return _paragraphs(abstract), people


def _starts_block(lines: list[str], n: int, stop: int) -> bool:
    items = [t for t in (lines[k].strip() for k in range(n, min(stop, n + 6))) if t]
    return not items or _entry(items, 0)  # "Speakers" may head an empty block (Kimchi)


def _entry(items: list[str], k: int) -> bool:
    """Whether items[k] opens a person: an avatar or initials line followed by the name."""
    if k + 1 >= len(items):
        return False
    if m := _AVATAR.match(items[k]):
        return fold(one_line(m[1])) == fold(one_line(items[k + 1]))
    return bool(_INITIALS.match(items[k])) and items[k + 1][:1].upper() == items[k][0]


def _block(items: list[tuple[int, str]], path: Path) -> list[_Who]:
    texts, out, k = [t for _, t in items], [], 0
    while k < len(texts):
        if not _entry(texts, k):
            raise DataError(Problem(f"cannot read the speakers list at '{texts[k][:40]}'",
                                    file=path, line=items[k][0],
                                    hint="each person starts with 'avatar for NAME' or initials"))
        person, k, details = _Who([(_line(texts[k + 1]), True)]), k + 2, []
        while k < len(texts) and not _entry(texts, k):
            details.append(_line(texts[k]))
            k += 1
        # A lone line is the affiliation only if it is short and not a sentence.
        if details and not _READ_MORE.search(details[0]) and len(details[0].split()) <= 16 \
                and not re.search(r"(?<!Inc)(?<!Ltd)(?<!Co)[.!?]$", details[0]):
            person.affiliation = details.pop(0)
        if details and _READ_MORE.search(details[-1]):
            details[-1] = _READ_MORE.sub("", details[-1]).rstrip(" .…")
            person.truncated = True
        person.bio = tuple(d for d in details if d and not _COMING_SOON.match(d))
        person.truncated = person.truncated and bool(person.bio)
        out.append(person)
    return out


def _line(text: str) -> str:
    """One clean line without export debris: escaped CRs, '>>', doubled or unmatched quotes."""
    text = one_line(_QUOTE_MARK.sub("", _CR.sub(" ", text))).replace('""', '"')
    if text.startswith('"') and text.count('"') == 1:
        text = text[1:]  # its closing quote was cut off with the rest of the bio
    return text


def _paragraphs(lines: list[str]) -> tuple[str, ...]:
    """Blank lines and ``_x000D_`` end paragraphs; list items and URLs stand alone."""
    paras: list[str] = []
    current: list[str] = []

    def flush() -> None:
        if current:
            paras.append(_line(" ".join(current)))
            current.clear()

    for raw in lines:
        pieces = _CR.split(raw) if raw.strip() else []
        if not pieces:
            flush()
        for n, piece in enumerate(pieces):
            text = one_line(_QUOTE_MARK.sub("", piece))
            if item := bool(_ITEM.match(text)):
                flush()
            if text and current and re.search(r"[a-z]-$", current[-1]) and text[0].islower():
                current[-1] += text  # "pass-" wrapped before "through"
            elif text:
                current.append(text)
            if item or n < len(pieces) - 1:
                flush()
    flush()
    return tuple(p for p in paras if p and not _COMING_SOON.match(p))


def _room(line: str, title: str) -> tuple[str, str | None]:
    """Room name and, for an off-site venue, its street address from the same line."""
    venue = re.search(r"\bat (.+)$", title)  # "Reception at Cargo Bar" names the venue
    if venue and line.startswith(venue[1]) and "," in line[len(venue[1]):]:
        return venue[1].strip(), line[len(venue[1]):].strip(" ,")
    if m := re.match(r"^(.*?\D)\s+(\d+[A-Za-z]?\s+\S.*,.+)$", line):  # "Bar 18 X Street, Y"
        return m[1].strip(), m[2].strip()
    return line, None


def _kind(title: str, offsite: bool, speakers: list[str], moderators: list[str]) -> Kind:
    if moderators:
        return Kind.PANEL
    for pattern, kind, service in _KINDS:
        if (not service or not speakers) and re.search(pattern, title.casefold()):
            return Kind.SOCIAL if kind is Kind.MEAL and offsite else kind  # dinner off-site
    return Kind.TALK if speakers else Kind.SOCIAL if offsite else Kind.OTHER


def _id(text: str, taken: set[str]) -> str:
    """Readable slug, apostrophes dropped ("lebowskis-bar"), cut at a word under 48 chars."""
    base = slug(re.sub(r"['’]", "", text))
    if len(base) > 48:
        base = base[:49].rsplit("-", 1)[0]  # a "-" at 48 keeps the whole last word
    return slug(base, taken)


def _add(whos: dict[str, _Who], name: str, from_block: bool, affiliation: str = "",
         bio: tuple[str, ...] = (), truncated: bool = False, org: str = "") -> None:
    who = whos.setdefault(fold(name), _Who())
    who.spellings.append((name, from_block))
    who.affiliation = who.affiliation or affiliation
    who.suffix_orgs += [org] if org else []
    if bio and not who.bio:
        who.bio, who.truncated = bio, truncated


def _speaker_ids(whos: dict[str, _Who]) -> dict[str, str]:
    """Folded name → speaker id, in family-name order (the order speakers.yaml lists them)."""
    taken: set[str] = Taken()
    order = sorted(whos, key=lambda k: Speaker("", whos[k].name).sort_key)
    return {k: _id(whos[k].name, taken) for k in order}


def _speaker(who: _Who, ident: str) -> Speaker:
    job, org = "", who.suffix_orgs[0] if who.suffix_orgs else ""
    parts = [p.strip() for p in who.affiliation.split(",")]
    if len(parts) > 1:
        # Cut before the company a title names ("Senior Director, Software Engineering,
        # Red Hat"), else at the first comma; "Red Hat, Red Hat" becomes "Red Hat".
        cut = next((n for n in range(1, len(parts)) if any(
            fold(parts[n]).startswith(fold(o)) for o in who.suffix_orgs)), 1)
        job, org = ", ".join(parts[:cut]), ", ".join(dict.fromkeys(parts[cut:]))
    elif who.affiliation and org and fold(org) != fold(who.affiliation):
        job = who.affiliation  # "Systems Administrtor" plus the company the title names
    elif who.affiliation:
        org = who.affiliation
    return Speaker(id=ident, name=who.name, job_title=job, organisation=org, bio=who.bio,
                   bio_truncated=who.truncated)
