"""frab / Pentabarf schedule XML (``schedule.xml``) → Conference.

Contract: ``parse(path)`` reads the XML that frab, pretalx, Pentabarf and the c3voc tools
export and returns the validated Conference (warnings go to the ``printprog.importers``
logger); ``read(path)`` returns it with the warnings (:class:`common.Imported`). What cannot
be read raises DataError with the file, the line of the element and the event id.

Safety: the file is parsed by defusedxml. A document that declares an entity (billion
laughs) or refers to an external one (XXE: ``<!ENTITY x SYSTEM "file:///etc/passwd">``) is
refused at the declaration, before anything is expanded or read.

Dialects, all read the same way:

* Events inside ``<day><room name=…>`` wrappers (frab), or directly inside ``<day>`` with a
  ``<room>`` of their own (Pentabarf, FOSDEM 2007). Room order is the order of first
  appearance; an empty wrapper is not a room.
* Start from ``<date>`` (ISO with UTC offset) when present, else the day's ``date`` plus
  ``<start>``; a start before the conference's ``<day_change>`` (04:00 when not given) is on
  the next calendar day, and stays on the ``<day>`` it is filed under (``Session.day``).
* Time zone from ``<time_zone_name>``, else from the ``<date>`` offsets, else UTC (one
  warning says which: see common.py).
* Durations HH:MM, H:MM or HH:MM:SS (blank: an event printed at its start). The abstract
  is ``<abstract>``, else ``<description>``, HTML escaped as text turned into paragraphs;
  ``<subtitle>``, ``<links>``, ``<language>`` and recording data are read past (the model
  has no place for them). Bios come from a top-level ``<persons>`` block where the file
  has one. Track colours are not kept.
* A person is identified by its ``id``, else its ``guid`` (current exports give only a
  guid): one speaker per identifier, whatever the names (``check`` lists look-alikes).
* Unknown elements are ignored and named in one warning.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError, TreeBuilder

from defusedxml import EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.ElementTree import DefusedXMLParser

from ..core.errors import DataError, Problem
from ..core.inputs import read_bytes
from ..core.text import one_line
from ..schedule.model import Conference, fold
from .common import build, duration, emit
from .draft import Draft, Event, Imported, Options, Person
from .richtext import rich_text

_DAY_CHANGE = timedelta(hours=4)  # frab's default: the small hours belong to the day before
_SCHEDULE = {"version", "conference", "day", "generator", "url", "persons"}
_CONFERENCE = {"title", "subtitle", "acronym", "start", "end", "days", "day_change",
               "timeslot_duration", "base_url", "logo", "url", "time_zone_name", "color",
               "track", "venue", "city", "release"}
_EVENT = {"person", "date", "start", "duration", "room", "slug", "title", "subtitle", "track",
          "type", "language", "abstract", "description", "persons", "links", "attachments",
          "recording", "logo", "url", "feedback_url", "origin_url", "video_download_url",
          "video", "end", "guid", "do_not_record", "recording_license"}


def parse(path: Path, options: Options | None = None) -> Conference:
    """Read a frab/Pentabarf schedule XML; raise DataError naming file, line and event."""
    return emit(read(path, options))


def read(path: Path, options: Options | None = None) -> Imported:
    root, lines = _tree(path)
    tag = _local(root.tag)
    if tag != "schedule":
        raise DataError(Problem(f"not a frab schedule: the root element is <{tag}>",
                                file=path, line=1, hint="export schedule.xml from frab, "
                                "pretalx or Pentabarf"))
    conf = root.find("conference")
    draft = Draft(name=_text(conf, "title") or _text(conf, "acronym") or path.stem,
                  file=path, timezone=_text(conf, "time_zone_name"), city=_text(conf, "city"),
                  venue=_text(conf, "venue"), base_url=_text(conf, "base_url"),
                  options=options or Options())
    draft.website = _text(conf, "url") or draft.base_url
    for child in conf if conf is not None else ():
        if child.tag not in _CONFERENCE:
            draft.ignore(f"<{child.tag}>")
    _bios(root, draft)
    day_change = duration(_text(conf, "day_change")) or _DAY_CHANGE
    first_day = _day(_text(conf, "start")[:10])
    reader = _Events(path, lines, draft, day_change)
    events: list[Event] = []
    for node in root:
        if node.tag not in _SCHEDULE:
            draft.ignore(f"<{node.tag}>")
        if node.tag != "day":
            continue
        index = node.get("index", "")
        day = _day(node.get("date", "")) or (
            first_day + timedelta(days=int(index) - 1) if first_day and index.isdigit() else None)
        for child in node:
            if child.tag == "room":
                name = one_line(child.get("name", ""))
                if name:
                    draft.rooms.append(name)
                for ev in child:
                    if ev.tag == "event":
                        events.append(draft.attempt(reader.event, ev, name, day))
                    else:
                        draft.ignore(f"<{ev.tag}>")
            elif child.tag == "event":
                events.append(draft.attempt(reader.event, child, "", day))
            else:
                draft.ignore(f"<{child.tag}>")
    return build(draft, [e for e in events if e])


class _Lines(TreeBuilder):
    """A TreeBuilder that remembers the line each element starts on."""

    def __init__(self) -> None:
        super().__init__()
        self.parser: DefusedXMLParser | None = None
        self.lines: dict[Element, int] = {}

    def start(self, tag: str, attrs: dict[str, str]) -> Element:
        element = super().start(tag, attrs)
        self.lines[element] = self.parser.parser.CurrentLineNumber
        return element


def _tree(path: Path) -> tuple[Element, dict[Element, int]]:
    data = read_bytes(path)
    builder = _Lines()
    # A DOCTYPE alone is harmless; entity declarations and external references are not.
    parser = DefusedXMLParser(target=builder, forbid_dtd=False, forbid_entities=True,
                              forbid_external=True)
    builder.parser = parser
    try:
        parser.feed(data)
        return parser.close(), builder.lines
    except (EntitiesForbidden, ExternalReferenceForbidden) as exc:
        what = (f"declares the entity '{exc.name}'" if isinstance(exc, EntitiesForbidden)
                else "refers to an external entity")
        raise DataError(Problem(
            f"refused: the XML {what}; printprog expands no XML entities (they can exhaust "
            "memory or read local files)", file=path, line=parser.parser.CurrentLineNumber,
            hint="a schedule export has none; export it again from the conference tool"),
        ) from None
    except ParseError as exc:
        line, column = exc.position
        message = re.sub(r": line \d+, column \d+$", "", str(exc))
        raise DataError(Problem(f"not well-formed XML: {message}", file=path, line=line,
                                column=column + 1)) from None


class _Events:
    """Reads ``<event>`` elements, naming file, line and event id in every error."""

    def __init__(self, path: Path, lines: dict[Element, int], draft: Draft,
                 day_change: timedelta):
        self.path, self.lines, self.draft, self.day_change = path, lines, draft, day_change

    def event(self, ev: Element, room: str, day: date | None) -> Event:
        ident = ev.get("id") or ev.get("guid") or ""
        line = self.lines.get(ev)

        def fail(message: str, hint: str = "") -> DataError:
            return DataError(Problem(message, file=self.path, line=line,
                                     path=f"event {ident}" if ident else "event", hint=hint))

        for child in ev:
            if child.tag not in _EVENT:
                self.draft.ignore(f"<{child.tag}>")
        title = one_line(_text(ev, "title"))
        if not title:
            raise fail("has no title", "give it a <title>")
        start, offset = self._start(ev, day, fail)
        text = _text(ev, "duration")
        length = duration(text) if text else timedelta(0)  # left blank: printed at its start
        if length is None:
            raise fail(f"duration '{text}' is not HH:MM, H:MM or HH:MM:SS",
                       "e.g. <duration>00:45</duration>")
        room = room or one_line(_text(ev, "room"))
        if not room:
            raise fail("has no room", "give it a <room> or put it in a <room name=…>")
        persons = ev.find("persons")
        # Current frab and pretalx exports give a person a guid and no id: either
        # identifies the person (two "Anna"s with two guids are two people).
        people = [Person(p.get("id") or p.get("guid") or "", "".join(p.itertext()))
                  for p in (persons.iter("person") if persons is not None else ())]
        for p in ev.findall("person"):  # hand-rolled: <person>Dr. A, B</person> under <event>
            people += [Person("", name) for name in "".join(p.itertext()).split(",")
                       if name.strip()]
        abstract = rich_text(_text(ev, "abstract")) or rich_text(_text(ev, "description"))
        return Event(ident=ident, title=title, start=start, offset=offset, duration=length,
                     room=room, day=day, people=people, abstract=abstract,
                     track=_text(ev, "track"), url=_text(ev, "url"), type=_text(ev, "type"))

    def _start(self, ev: Element, day: date | None, fail) -> tuple[datetime, timedelta | None]:
        """Naive local start and the UTC offset the file gives with it, if any."""
        stamp, clock = _text(ev, "date"), _text(ev, "start")
        if "T" in stamp or " " in stamp.strip():
            try:
                when = datetime.fromisoformat(stamp.replace(" ", "T", 1))
            except ValueError:
                raise fail(f"<date> '{stamp}' is not a date and time",
                           "write it like 2014-12-27T11:00:00+01:00") from None
            return when.replace(tzinfo=None), when.utcoffset()
        if stamp:
            day = _day(stamp[:10]) or day  # a bare date: the clock comes from <start>
        if not clock:
            raise fail("has no start", "give it <date> or <start>")
        at = duration(clock)
        if at is None or at >= timedelta(days=1):
            raise fail(f"start '{clock}' is not a time", "write it as HH:MM")
        if day is None:
            raise fail("has a <start> but no date", "give it a <date> or its <day> a date")
        later = timedelta(days=1) if at < self.day_change else timedelta(0)
        return datetime.combine(day, time()) + later + at, None


def _bios(root: Element, draft: Draft) -> None:
    """Bios from a top-level ``<persons>`` block, by person id and by folded name."""
    for p in root.iterfind("persons/person"):
        name = (_text(p, "public_name") or _text(p, "full_public_name") or _text(p, "name")
                or one_line(p.text or ""))
        bio = rich_text(_text(p, "biography") or _text(p, "abstract")
                        or _text(p, "description"))
        if bio and (p.get("id") or p.get("guid")):
            draft.bios[p.get("id") or p.get("guid")] = bio
        if bio and name:
            draft.bios[fold(one_line(name))] = bio


def _text(parent: Element | None, tag: str) -> str:
    child = parent.find(tag) if parent is not None else None
    return "".join(child.itertext()).strip() if child is not None else ""


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        return None
