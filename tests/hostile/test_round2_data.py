"""Hardening round 2 (issue #19), data that broke the contract: time zones that are not
zones (item 1), dates at the end of the calendar (2), control characters reaching the
terminal inside messages (5), and files that make millions of errors or nodes (6)."""

from __future__ import annotations

from pathlib import Path

import pytest

from .harness import (
    Case,
    Event,
    check_tree_untouched,
    event_case,
    module_batch,
    params,
    verify,
)

ESC, BEL = "\x1b", "\x07"


def no_terminal_controls(run) -> None:
    """Nothing from the data may drive the terminal: no ESC or BEL on stderr."""
    assert ESC not in run.stderr and BEL not in run.stderr, run.describe()


def few_lines(limit: int):
    def check(run) -> None:
        assert len(run.stderr.splitlines()) <= limit, run.describe()
        no_terminal_controls(run)
    return check


def _zone(name: str):
    def change(ev: Event) -> None:
        ev.conference["timezone"] = name
    return change


def _file_case(case_id: str, name: str, content: str, **kwargs) -> Case:
    def build(folder: Path) -> Path:
        path = folder / name
        path.write_text(content, encoding="utf-8")
        return path
    return Case(case_id, build, **kwargs)


FRAB_ZONE = ("<?xml version='1.0' encoding='utf-8'?>\n<schedule><conference><title>F</title>"
             "<start>2030-05-06</start><end>2030-05-06</end><time_zone_name>{zone}"
             "</time_zone_name></conference><day date='2030-05-06' index='1'>"
             "<room name='Main'><event id='1' guid='g1'><start>10:00</start><duration>00:45"
             "</duration><room>Main</room><title>T</title><type>lecture</type>"
             "<persons><person id='1'>Ada</person></persons></event></room></day>"
             "</schedule>\n")
JSON_ZONE = ('{{"schedule": {{"conference": {{"title": "J", "start": "2030-05-06", '
             '"end": "2030-05-06", "time_zone_name": "{zone}", "days": [{{"index": 1, '
             '"date": "2030-05-06", "rooms": {{"Main": [{{"id": 1, "guid": "g1", '
             '"date": "2030-05-06T10:00:00+02:00", "start": "10:00", "duration": "00:45", '
             '"room": "Main", "title": "T", "type": "lecture", "persons": '
             '[{{"id": 1, "public_name": "Ada"}}]}}]}}}}]}}}}}}\n')


def _doomsday(ev: Event) -> None:
    ev.conference.update(start="9999-12-31", end="9999-12-31")
    ev.sessions = {"9999-12-31": [{"id": "late", "start": "22:00", "end": "01:00 +1",
                                   "room": "main", "title": "Last night"}]}


DOOMSDAY_CSV = ("Room,Date,Start,Duration,Title\n"
                "Main,9999-12-31,23:00,02:00,Last night\n")


def _escapes(ev: Event) -> None:
    ev.session("t1")["speakers"] = [f"alan{ESC}]0;pwned{BEL}"]
    ev.session("t2")["start"] = f"10:00{ESC}[2J"
    # A day key with an escape (YAML's "\e" in a double-quoted key).
    ev.raw["sessions.yaml"] = ('"2030-05-08\\e[31m":\n  - {id: x, start: "09:00", '
                               'end: "10:00", room: main, title: X}\n')


ESC_CSV = ("Room,Date,Start,Duration,Title\n"
           f"Main,2030-05-06,10:00{ESC}[2J{BEL},00:45,A talk\n")


def _many_bad_rooms(ev: Event) -> None:
    # 20,000 rooms without a name: one error each, unless the count is capped.
    ev.replace["rooms.yaml"] = "".join(f"- id: r{n}\n" for n in range(20_000))


def _many_nodes(ev: Event) -> None:
    # 3 M list items in 6 MB: under the size cap, far over any real data's node count.
    ev.replace["speakers.yaml"] = "- 1\n" * 3_000_000


CASES: list[Case] = [
    event_case("zone-a-folder", _zone("Europe"), expect="error",
               errors=(r"conference\.yaml.*'Europe' is not an IANA time zone",)),
    event_case("zone-300-chars", _zone("Europe/" + "x" * 300), expect="error",
               errors=(r"is not an IANA time zone",)),
    event_case("zone-a-path", _zone("../../../../etc/passwd"), expect="error",
               errors=(r"is not an IANA time zone",)),
    _file_case("frab-zone-folder", "schedule.xml", FRAB_ZONE.format(zone="America"),
               warnings={"check": (r"'America' is not an IANA time zone",)}),
    _file_case("json-zone-long", "schedule.json", JSON_ZONE.format(zone="Asia/" + "y" * 300),
               warnings={"check": (r"is not an IANA time zone",)}),
    event_case("doomsday-yaml", _doomsday, products=("check", "booklet", "ical"),
               expect="error", errors=(r"9999-12-31",)),
    _file_case("doomsday-csv", "schedule.csv", DOOMSDAY_CSV, expect="error",
               errors=(r"schedule\.csv.*9999-12-31",)),
    event_case("escapes-in-messages", _escapes, expect="error",
               then={"check": no_terminal_controls, "booklet": no_terminal_controls}),
    _file_case("escapes-in-csv", "schedule.csv", ESC_CSV, expect="error",
               then={"check": no_terminal_controls}),
    event_case("20k-bad-rooms", _many_bad_rooms, products=("check",), expect="error",
               errors=(r"rooms\.yaml", r"^error: and [\d,]+ more problems not shown"),
               then={"check": few_lines(25)}),
    event_case("3m-nodes", _many_nodes, products=("check",), expect="error",
               errors=(r"speakers\.yaml.*more than .* values",),
               then={"check": few_lines(5)}),
]


@pytest.fixture(scope="module")
def batch(request, hostile_root):
    return module_batch(request, hostile_root, CASES)


@pytest.mark.parametrize("case, product", params(CASES))
def test_round2_data(batch, case: Case, product: str):
    verify(batch, case, product)


def test_round2_data_touches_nothing_outside_output(batch):
    check_tree_untouched(batch)
