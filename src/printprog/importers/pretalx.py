"""pretalx JSON that is not schedule.json → Conference: the REST API's talks or submissions
(``/api/events/<event>/talks/`` or ``submissions/`` with speakers and slots expanded, a bare
list or a page ``{"results": [...]}``), and the schedule widget's JSON (``talks``,
``speakers``, ``rooms``, ``tracks`` referred to by code or id).

Contract: ``parse(path, options)`` returns the validated Conference (warnings to the
``printprog.importers`` logger); ``read(path, options)`` returns it with the warnings.

How it is read:

* Texts may be i18n dicts ``{"en": …, "fr": …}``: read in ``--language``, else the talk's
  ``content_locale``, else English, else the first language given.
* Times are ISO with their UTC offset (``Z``, ``-04:00``; one object may mix them); the
  widget's ``timezone`` is the conference's zone, the API states none (printed as written,
  with a warning naming ``--timezone``).
* A slot is ``slot {start, end, room}`` (old API) or the first of ``slots`` (new API); a
  talk without a slot or start is not scheduled: left out with one warning. A slot without
  ``end`` ends ``duration`` minutes after its start.
* A conference website's own JSON that nests talk objects (``code``, ``title``,
  ``speakers``, ``slots``) under its own keys (date → room → slot, extra keys) is read by
  its talks wherever they sit (:func:`jsonfile.nested_talks`: bounded depth and count);
  the site's name is not known (the file's name is used).
* People: speaker ``code`` identifies a person; ``name`` and ``biography``. Never
  ``answers``, e-mail addresses or avatars' private data. Submissions not ``confirmed`` or
  ``accepted`` (when a state is given) are left out without a word: they are not on the
  programme. Breaks of the widget (no ``code``) are breaks.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from ..core.errors import DataError, Problem
from ..core.text import one_line
from ..core.when import zone as tz_zone
from ..schedule.model import Conference
from .common import aware_time, build, emit
from .common import scalar_text as _str
from .draft import Draft, Event, Imported, Options, Person
from .jsonfile import as_list, load_json, nested_talks
from .richtext import rich_text

_ON_PROGRAMME = {"confirmed", "accepted"}


def parse(path: Path, options: Options | None = None) -> Conference:
    """Read pretalx API or widget JSON; raise DataError naming the file and key path."""
    return emit(read(path, options))


def read(path: Path, options: Options | None = None) -> Imported:
    doc = load_json(path)
    options = options or Options()
    widget = isinstance(doc, dict) and isinstance(doc.get("talks"), list)
    talks = doc["talks"] if widget else (doc.get("results") if isinstance(doc, dict) else doc)
    nested = not isinstance(talks, list) or (bool(talks) and not any(
        isinstance(t, dict) and ("code" in t or "slot" in t or "submission_type" in t)
        for t in talks[:50]))
    if nested:  # a site's own JSON: its talks wherever they sit
        talks = nested_talks(doc)
    if not talks:
        raise DataError(Problem("not pretalx talks: no list of talks and no talk objects "
                                "(code, title, slots) inside", file=path,
                                hint="save /api/events/EVENT/talks/ or the schedule widget "
                                     "JSON"))
    draft = Draft(name=path.stem, file=path, options=options)
    lookup = _Lookup(doc if widget else {}, options.language)
    if widget:
        draft.timezone = _str(doc.get("timezone"))
        draft.rooms = [lookup.text(r.get("name")) for r in as_list(doc.get("rooms"))
                       if isinstance(r, dict)]
    events = []
    for i, talk in enumerate(talks):
        if isinstance(talk, dict) and _str(talk.get("state")) not in _ON_PROGRAMME | {""}:
            continue
        where = (f"talks[{i}]" if widget else f"talk {i + 1} found inside" if nested
                 else f"[{i}]")
        event = draft.attempt(_event, talk, lookup, draft, where)
        if event:
            events.append(event)
    return build(draft, events)


class _Lookup:
    """i18n texts in the chosen language, and the widget's speakers, rooms, tracks by key."""

    def __init__(self, doc: dict, language: str):
        self.language = language
        self.zone: ZoneInfo | None = tz_zone(_str(doc.get("timezone")))
        self.speakers = {_str(s.get("code")): s for s in as_list(doc.get("speakers"))
                         if isinstance(s, dict)}
        self.rooms = {_str(r.get("id")): r for r in as_list(doc.get("rooms"))
                      if isinstance(r, dict)}
        self.tracks = {_str(t.get("id")): t for t in as_list(doc.get("tracks"))
                       if isinstance(t, dict)}

    def text(self, value: Any, locale: str = "") -> str:
        if isinstance(value, dict):
            for lang in (self.language, locale, "en"):
                if lang and _str(value.get(lang)):
                    return _str(value[lang])
            return next((_str(v) for v in value.values() if _str(v)), "")
        return _str(value)

    def room(self, value: Any, locale: str) -> str:
        if isinstance(value, dict) and "name" in value:  # expanded room object
            return self.text(value["name"], locale)
        if _str(value) in self.rooms:
            return self.text(self.rooms[_str(value)].get("name"), locale)
        return self.text(value, locale)

    def track(self, value: Any, locale: str) -> str:
        if isinstance(value, dict) and "name" in value:
            return self.text(value["name"], locale)
        if _str(value) in self.tracks:
            return self.text(self.tracks[_str(value)].get("name"), locale)
        return self.text(value, locale)

    def person(self, node: Any, draft: Draft) -> Person | None:
        if isinstance(node, str):  # a code: the widget's (or a page's) speaker list
            node = self.speakers.get(node, {"code": node})
        if not isinstance(node, dict):
            return None
        ident, name = _str(node.get("code")), one_line(_str(node.get("name")))
        bio = rich_text(self.text(node.get("biography")))
        if bio and ident:
            draft.bios.setdefault(ident, bio)
        return Person(ident, name) if name else None


def _event(talk: Any, lookup: _Lookup, draft: Draft, where: str) -> Event:
    if not isinstance(talk, dict):
        raise DataError(Problem("must be a talk object", file=draft.file, path=where))
    code = one_line(_str(talk.get("code")))
    locale = _str(talk.get("content_locale"))

    def fail(message: str, hint: str = "") -> DataError:
        return DataError(Problem(message, file=draft.file,
                                 path=f"{where} (talk {code})" if code else where, hint=hint))

    title = one_line(lookup.text(talk.get("title"), locale))
    if not title:
        raise fail("has no title")
    slot = talk.get("slot")
    if not isinstance(slot, dict):
        slots = [s for s in as_list(talk.get("slots")) if isinstance(s, dict)]
        slot = slots[0] if slots else talk  # the widget: start, end and room on the talk
    start = aware_time(slot.get("start"), "start", fail, _NOT_SCHEDULED)
    minutes = talk.get("duration")
    if not _str(slot.get("end")) and isinstance(minutes, int) and 0 <= minutes <= 7 * 24 * 60:
        end = start + timedelta(minutes=minutes)  # a site's slot may give only the start
    else:
        end = aware_time(slot.get("end"), "end", fail, _NOT_SCHEDULED)
    room = lookup.room(slot.get("room"), locale)
    if not room:
        raise fail("has no room", "schedule it in a room in pretalx")
    people = [p for p in (lookup.person(s, draft) for s in as_list(talk.get("speakers"))) if p]
    kind = "break" if _str(talk.get("slot_type")) == "break" or (not code and not people) else ""
    abstract = rich_text(lookup.text(talk.get("abstract"), locale)) or rich_text(
        lookup.text(talk.get("description"), locale))
    if lookup.zone is not None:  # the widget mixes Z and +02:00 in one object: its own zone
        try:
            start = start.astimezone(lookup.zone)
        except OverflowError:  # year 1 or 9999 moved past the calendar by the zone
            raise fail("start is outside the years printprog reads", "is the year right?"
                       ) from None
    return Event(ident=code or _str(talk.get("id")), title=title, start=start.replace(
        tzinfo=None), offset=start.utcoffset(), duration=end - start, room=room,
        people=people, abstract=abstract, track=lookup.track(talk.get("track"), locale),
        type=kind or lookup.text(talk.get("submission_type"), locale),
        url=_str(talk.get("url")))


#: What a slot without a start or end is told (see common.aware_time).
_NOT_SCHEDULED = ("has no {key} (not scheduled)", "schedule it in pretalx")
