"""Hardening round 3 (issue #27 item 3, importer part): exports whose values have the wrong
type (a number where a list or object belongs, and the reverse) in Indico, pretalx and
schedule JSON; years 1 and 9999 with a time zone in the new importers (Indico, pretalx,
schedule JSON v2, iCalendar); iCalendar dates and durations past the calendar's range.
Each is one line and exit 1, or the event left out with a warning: never a traceback."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from .harness import Case, check_tree_untouched, module_batch, params, verify

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _when(day: str, clock: str, tz: str = "Europe/Zurich") -> dict:
    return {"date": day, "time": clock, "tz": tz}


CONTRIB = {"id": "1", "title": "Talk", "room": "Aula", "description": "About it.",
           "startDate": _when("2030-06-10", "09:00:00"),
           "endDate": _when("2030-06-10", "09:30:00"),
           "speakers": [{"first_name": "Ewa", "last_name": "Nowak", "person_id": 1}]}
INDICO = {"_type": "HTTPAPIResult", "ts": 1, "count": 1, "results": [
    {"title": "Event", "timezone": "Europe/Zurich", "contributions": [CONTRIB],
     "sessions": [{"title": "S", "room": "Aula", "contributions": [dict(CONTRIB, id="2")]}]}]}
TIMETABLE = {"_type": "HTTPAPIResult", "ts": 1, "results": {"77": {"20300610": {"e1": {
    "title": "Block", "room": "Aula", "startDate": _when("2030-06-10", "09:00:00"),
    "endDate": _when("2030-06-10", "10:00:00"), "entries": {"c1": CONTRIB}}}}}}
TALK = {"code": "AAA111", "title": "Talk", "state": "confirmed", "abstract": "About it.",
        "speakers": [{"code": "SPK1", "name": "Ana Lima", "biography": "Maps."}],
        "slot": {"start": "2030-08-28T09:30:00+02:00", "end": "2030-08-28T10:00:00+02:00",
                 "room": "Main"}}
PRETALX = {"count": 1, "next": None, "results": [TALK]}
WIDGET = {"timezone": "Europe/Paris", "talks": [dict(
    TALK, slot=None, start="2030-08-28T09:30:00+02:00", end="2030-08-28T10:00:00+02:00",
    room=1, speakers=["SPK1"])], "speakers": [{"code": "SPK1", "name": "Ana Lima"}],
    "rooms": [{"id": 1, "name": "Main"}], "tracks": []}
EVENT = {"id": 1, "guid": "g1", "date": "2030-05-06T10:00:00+02:00", "start": "10:00",
         "duration": "00:45", "room": "Main", "title": "Talk", "type": "lecture",
         "persons": [{"id": 1, "public_name": "Ada Lee"}], "abstract": "About it."}
SCHEDULE = {"schedule": {"version": "1", "conference": {
    "title": "J", "time_zone_name": "Europe/Berlin", "rooms": [{"name": "Main"}],
    "days": [{"index": 1, "date": "2030-05-06", "rooms": {"Main": [EVENT]}}]}}}
V2 = json.loads((FIXTURES / "made" / "hub-schedule-v2.json").read_text(encoding="utf-8"))


def _set(doc: dict, path: tuple, value) -> dict:
    out = copy.deepcopy(doc)
    node = out
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return out


def _json(case_id: str, doc: dict, expect: str, errors: tuple[str, ...] = (),
          warnings: tuple[str, ...] = ()) -> Case:
    def build(folder: Path) -> Path:
        path = folder / "export.json"
        path.write_text(json.dumps(doc), encoding="utf-8")
        return path
    return Case(case_id, build, products=("check", "booklet"), expect=expect, errors=errors,
                warnings={"*": warnings} if warnings else {})


def _ics(case_id: str, body: str, expect: str = "error", errors: tuple[str, ...] = ()) -> Case:
    def build(folder: Path) -> Path:
        path = folder / "cal.ics"
        path.write_bytes(("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//EN\r\n"
                          "X-WR-TIMEZONE:Pacific/Kiritimati\r\nBEGIN:VEVENT\r\nUID:1\r\n"
                          "SUMMARY:Talk\r\nLOCATION:Main\r\n" + body + "END:VEVENT\r\n"
                          "END:VCALENDAR\r\n").encode())
        return path
    return Case(case_id, build, products=("check", "booklet"), expect=expect, errors=errors)


C0 = ("results", 0, "contributions", 0)
LEFT_OUT = r"this event is left out"
CASES = [
    # -- a number where a list or an object belongs, and the reverse
    _json("indico-contributions-number", _set(INDICO, ("results", 0, "contributions"), 1.5),
          "ok"),
    _json("indico-sessions-true", _set(INDICO, ("results", 0, "sessions"), True), "ok"),
    _json("indico-speakers-number", _set(INDICO, (*C0, "speakers"), 7), "ok"),
    _json("indico-session-contributions-number",
          _set(INDICO, ("results", 0, "sessions", 0, "contributions"), 3), "ok"),
    _json("indico-startdate-list", _set(INDICO, (*C0, "startDate"), [1, 2]), "ok",
          warnings=(r"has no startDate.*" + LEFT_OUT,)),
    _json("indico-timetable-days-number", _set(TIMETABLE, ("results", "77"), 1.5), "error",
          errors=(r"export\.json.*results\.77.*must be an object",)),
    _json("indico-timetable-days-list", _set(TIMETABLE, ("results", "77"), [1]), "error",
          errors=(r"must be an object",)),
    _json("indico-timetable-day-string", _set(TIMETABLE, ("results", "77", "20300610"), "x"),
          "error", errors=(r"export\.json",)),
    _json("indico-timetable-entries-list",
          _set(TIMETABLE, ("results", "77", "20300610", "e1", "entries"), [1]), "ok"),
    _json("pretalx-results-object", _set(PRETALX, ("results",), {"a": 1}), "error",
          errors=(r"export\.json",)),
    _json("pretalx-speakers-number", _set(PRETALX, ("results", 0, "speakers"), 1.5), "ok"),
    _json("pretalx-slot-list", _set(PRETALX, ("results", 0, "slot"), [1]), "error",
          errors=(r"has no start",)),
    _json("widget-rooms-true", _set(WIDGET, ("rooms",), True), "ok"),
    _json("widget-speakers-number", _set(WIDGET, ("speakers",), 2.5), "ok"),
    _json("widget-tracks-number", _set(WIDGET, ("tracks",), 1), "ok"),
    _json("schedule-rooms-number", _set(SCHEDULE, ("schedule", "conference", "rooms"), 1.5),
          "ok"),
    _json("schedule-persons-object",
          _set(SCHEDULE, ("schedule", "conference", "days", 0, "rooms", "Main", 0, "persons"),
               {"id": 1}), "error", errors=(r"persons must be a list",)),
    _json("v2-events-object", _set(V2, ("schedule", "events"), {"a": 1}), "error",
          errors=(r"export\.json",)),
    _json("v2-participants-number", _set(V2, ("schedule", "events", 1, "participants"), 9),
          "ok"),
    _json("v2-persons-number", _set(V2, ("schedule", "persons"), 9), "ok"),
    _json("v2-room-list", _set(V2, ("schedule", "events", 1, "room"), [1]), "ok",
          warnings=(r"has no room.*" + LEFT_OUT,)),
    # -- years 1 and 9999 with a time zone
    _json("indico-year-9999-zone", _set(_set(_set(INDICO, (*C0, "startDate"), _when(
        "9999-12-31", "23:00:00", "Pacific/Kiritimati")), (*C0, "endDate"), _when(
        "9999-12-31", "23:30:00", "Pacific/Kiritimati")), ("results", 0, "timezone"),
        "America/Adak"), "ok", warnings=(r"outside the years.*" + LEFT_OUT,)),
    _json("indico-year-1-zone", _set(_set(INDICO, (*C0, "startDate"), _when(
        "0001-01-01", "00:10:00", "Pacific/Kiritimati")), (*C0, "endDate"), _when(
        "0001-01-01", "00:30:00", "Pacific/Kiritimati")), "ok",
        warnings=(r"outside the years.*" + LEFT_OUT,)),
    _json("widget-year-1-zone", _set(_set(WIDGET, ("talks", 0, "start"),
                                          "0001-01-01T00:10:00+14:00"),
                                     ("talks", 0, "end"), "0001-01-01T00:30:00+14:00"),
          "error", errors=(r"outside the years",)),
    _json("widget-year-9999-zone", _set(_set(_set(WIDGET, ("talks", 0, "start"),
                                              "9999-12-31T23:10:00-12:00"),
                                         ("talks", 0, "end"), "9999-12-31T23:30:00-12:00"),
                                    ("timezone",), "Pacific/Kiritimati"),
          "error", errors=(r"outside the years",)),
    _json("v2-year-9999-offset", _set(_set(V2, ("schedule", "events", 1, "start"),
                                           "9999-12-31T23:10:00-12:00"),
                                      ("schedule", "events", 1, "end"),
                                      "9999-12-31T23:50:00-12:00"),
          "either", errors=(r"outside the years|9999",)),
    _json("v2-year-1-offset", _set(_set(V2, ("schedule", "events", 1, "start"),
                                        "0001-01-01T00:10:00+14:00"),
                                   ("schedule", "events", 1, "end"),
                                   "0001-01-01T00:30:00+14:00"),
          "either", errors=(r"outside the years|0001",)),
    # -- iCalendar dates and durations past the calendar's range
    _ics("ics-year-9999-new-york", "DTSTART;TZID=America/New_York:99991231T233000\r\n"
         "DTEND;TZID=America/New_York:99991231T235900\r\n", errors=(r"outside the years",)),
    _ics("ics-year-1-kiritimati", "DTSTART;TZID=Pacific/Kiritimati:00010101T000000\r\n"
         "DTEND;TZID=Pacific/Kiritimati:00010101T003000\r\n", errors=(r"outside the years",)),
    _ics("ics-duration-million-days", "DTSTART:20300101T100000Z\r\nDURATION:P99999999D\r\n",
         errors=(r"cal\.ics",)),
    _ics("ics-duration-impractical-weeks",
         "DTSTART:20300101T100000Z\r\nDURATION:P999999999W\r\n", expect="error",
         errors=(r"DURATION",)),
    _ics("ics-end-in-9999", "DTSTART:20300101T100000Z\r\nDTEND:99991231T235959Z\r\n",
         errors=(r"cal\.ics",)),
]


@pytest.fixture(scope="module")
def batch(request, hostile_root):
    return module_batch(request, hostile_root, CASES)


@pytest.mark.parametrize("case, product", params(CASES))
def test_round3_importers(batch, case: Case, product: str):
    verify(batch, case, product)


def test_round3_importers_touch_nothing_outside_output(batch):
    check_tree_untouched(batch)
