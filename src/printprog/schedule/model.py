"""The schedule model: what every importer produces and every product reads.

Immutable and validated once at the edge (importers); code past the importers trusts it.
Nothing here knows about YAML or reportlab. Rooms, speakers and sessions refer to each
other by id; the lookups are built once per Conference.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from functools import cached_property
from pathlib import Path

from ..core.records import Record, record
from ..core.text import ascii_fold

#: Titles before a name (case-free, dots aside): never an initial, a first name on a badge
#: or the A to Z sort key. Written out or unmistakable, they count as they stand ("Dr Jane
#: Doe" is British style); the short forms that are also given names in some language
#: ("Mag", "Ing", "Ao", "Hon", "Med", "Pd") count only written as titles, with their dot.
HONORIFICS = frozenset({"prof", "professor", "dr", "doctor", "dring", "drrernat", "drmed",
                        "dipling", "mr", "mrs", "ms", "mx", "miss", "sir", "dame", "rev",
                        "herr", "frau", "univprof"})
TITLES_WITH_DOT = frozenset({"mag", "ing", "med", "hon", "pd", "ao"})
#: Degrees and generational suffixes after a name. Those that are also family names
#: ("Jack Ma", "Ba", "Md") count only after a comma ("Jane Doe, MA") or written with dots.
SUFFIXES = frozenset({"jr", "sr", "phd", "esq", "ii", "iii", "iv"})
SUFFIXES_AFTER_COMMA = frozenset({"md", "msc", "bsc", "ma", "ba", "mba"})


def name_parts(name: str) -> list[str]:
    """The words of a person's name without the titles before it and the degrees after it:
    "Prof. Dr. Sören Auer" → [Sören, Auer]; "Jane Doe, PhD" → [Jane, Doe]; but "Mag
    Hoehme" and "Jack Ma" stay whole (see :data:`TITLES_WITH_DOT`). A name that is nothing
    but such words is kept whole."""
    def key(word: str) -> str:
        return "".join(c for c in word if c.isalnum()).casefold()

    def title(word: str) -> bool:
        k = key(word)
        return k in HONORIFICS or (k in TITLES_WITH_DOT and "." in word)

    def suffix(word: str, after_comma: bool) -> bool:
        k = key(word)
        return k in SUFFIXES or (k in SUFFIXES_AFTER_COMMA and (after_comma or "." in word))

    words = name.split()  # commas kept: "Ian Sollars, Sohel Sarder" prints as written
    first, last = 0, len(words)
    while first < last - 1 and title(words[first]):
        first += 1
    while last > first + 1 and suffix(words[last - 1], words[last - 2].endswith(",")):
        last -= 1
    kept = words[first:last]
    if last < len(words):  # "Jane Doe, PhD" -> "Jane Doe"
        kept[-1] = kept[-1].rstrip(",")
    return kept


#: The values of ``Conference.also_today``.
ALSO_TODAY = ("auto", "always", "never")


class Kind(StrEnum):
    TALK = "talk"
    KEYNOTE = "keynote"
    PANEL = "panel"
    BREAK = "break"
    MEAL = "meal"
    REGISTRATION = "registration"
    SOCIAL = "social"
    BOF = "bof"
    HACKATHON = "hackathon"
    OTHER = "other"


#: Kinds that are for everyone at once: they span every column of a day grid.
PLENARY_KINDS = frozenset({Kind.BREAK, Kind.MEAL, Kind.REGISTRATION, Kind.SOCIAL})
#: Kinds that have no speakers or abstract of their own (a check does not ask for them).
SERVICE_KINDS = PLENARY_KINDS


@dataclass(frozen=True, slots=True)
class Room:
    id: str
    name: str
    order: int = 0
    colour: str | None = None
    #: Street address; set only for off-site venues.
    address: str | None = None

    @property
    def offsite(self) -> bool:
        return self.address is not None


@dataclass(frozen=True, slots=True)
class Speaker:
    id: str
    name: str
    job_title: str = ""
    organisation: str = ""
    bio: tuple[str, ...] = ()
    #: Path of the photo, resolved against the data folder by the importer.
    photo: Path | None = None
    #: The source cut the bio short ("Read More →"); products end it with an ellipsis.
    bio_truncated: bool = False

    @property
    def family_name(self) -> str:
        parts = name_parts(self.name)
        if not parts:
            return ""
        # "Rik van Riel" sorts under R for Riel, keeping the particle with the name.
        return parts[-1]

    @property
    def sort_key(self) -> tuple[str, str]:
        """Family name first, folded, leading punctuation aside: "Jan (Dooms)" files under
        D, an exported "– Panel" under P, not under "(" or "–" before A."""
        return (_lead_stripped(_fold(self.family_name)), _fold(self.name))

    @property
    def initials(self) -> str:
        parts = [p for p in " ".join(name_parts(self.name)).replace("-", " ").split()
                 if p[:1].isalpha()]
        if not parts:
            return "?"
        if len(parts) == 1:
            return parts[0][0].upper()
        return (parts[0][0] + parts[-1][0]).upper()

    @property
    def affiliation(self) -> str:
        """Job title and organisation joined for one line, either may be missing."""
        return ", ".join(p for p in (self.job_title, self.organisation) if p)


@dataclass(frozen=True, slots=True)
class Session:
    id: str
    title: str
    start: datetime
    end: datetime
    room: str
    kind: Kind = Kind.TALK
    speakers: tuple[str, ...] = ()
    moderators: tuple[str, ...] = ()
    abstract: tuple[str, ...] = ()
    track: str | None = None
    url: str | None = None
    #: Conference day, when it is not the calendar day of ``start`` (a 01:00 party).
    day: date | None = None

    @property
    def conference_day(self) -> date:
        return self.day or self.start.date()

    @property
    def minutes(self) -> int:
        return int((self.end - self.start).total_seconds() // 60)

    @property
    def people(self) -> tuple[str, ...]:
        """Speakers then moderators, each once, in order."""
        seen: dict[str, None] = dict.fromkeys(self.speakers)
        seen.update(dict.fromkeys(self.moderators))
        return tuple(seen)

    @property
    def plenary(self) -> bool:
        return self.kind in PLENARY_KINDS


@record(frozen=True, eq=False)  # identity hash: views cache per Conference
class Conference(Record):
    name: str
    short_name: str
    start_date: date
    end_date: date
    timezone: str
    city: str = ""
    venue: str = ""
    website: str = ""
    #: Talk page URL with ``{id}`` where the session id goes.
    session_url: str = ""
    #: Room page URL with ``{room}`` (and optionally ``{day}``); see :mod:`printprog.draw.urls`.
    room_url: str = ""
    #: The day's schedule page with ``{day}`` (ISO date): signs without a room page, posters.
    day_url: str = ""
    #: A speaker's page listing all of their talks, with ``{speaker}`` (speaker id).
    speaker_url: str = ""
    #: Event information for badge backs and the booklet's back cover, each optional.
    wifi: str = ""
    venue_address: str = ""
    conduct_contact: str = ""
    emergency: str = ""
    #: The conference's logo (SVG, or a 300 dpi image), resolved against the data folder.
    logo: Path | None = None
    #: Rooms that get a column in the day grids (ids); empty: every room in use that day.
    grid_rooms: tuple[str, ...] = ()
    #: When rooms with one or two sessions that day are listed after the grid instead:
    #: "auto" (when the grid would need more than two spreads), "always" or "never".
    also_today: str = "auto"
    rooms: tuple[Room, ...] = ()
    speakers: tuple[Speaker, ...] = ()
    sessions: tuple[Session, ...] = ()
    #: Folder the data came from; photos and relative paths are resolved against it.
    source: Path | None = field(default=None, compare=False)
    #: The file stated no zone (or only UTC): times are as written, the zone name a guess.
    timezone_guessed: bool = False

    @cached_property
    def room_by_id(self) -> dict[str, Room]:
        return {r.id: r for r in self.rooms}

    @cached_property
    def speaker_by_id(self) -> dict[str, Speaker]:
        return {s.id: s for s in self.speakers}

    @cached_property
    def session_by_id(self) -> dict[str, Session]:
        return {s.id: s for s in self.sessions}

    def url_for(self, session: Session) -> str:
        if session.url:
            return session.url
        if self.session_url:
            return self.session_url.replace("{id}", session.id)
        return ""

    @property
    def days(self) -> list[date]:
        return sorted({s.conference_day for s in self.sessions})


def _lead_stripped(key: str) -> str:
    """``key`` from its first letter or digit on (itself when it has none)."""
    for i, ch in enumerate(key):
        if ch.isalnum():
            return key[i:]
    return key


def _fold(text: str) -> str:
    """Case- and accent-free form for sorting and matching (Färber sorts with Farber)."""
    return ascii_fold(text).casefold()


fold = _fold
