"""schedule JSON version 2 (c3voc/hub): conference.rooms with guids, persons with
public_name, days that run 06:00 to 06:00 or whose start equals their end, mixed offsets."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest

from printprog.importers import detect
from printprog.importers.draft import Imported
from printprog.importers.schedule_json import read

V2 = Path(__file__).parent.parent / "fixtures" / "samples" / "schedule-json-v2"
C39 = V2 / "39c3-everything.schedule.json"
JEV = V2 / "jev22-channels.schedule.json"


@pytest.fixture(scope="module")
def c39() -> Imported:
    return read(C39)


@pytest.fixture(scope="module")
def jev() -> Imported:
    return read(JEV)


def _events(path: Path) -> list[dict]:
    days = json.loads(path.read_text(encoding="utf-8"))["schedule"]["conference"]["days"]
    return [e for d in days for evs in d["rooms"].values() for e in evs]


def test_read_39c3_zone_rooms_in_declared_order_and_people_by_guid(c39: Imported):
    conf = c39.conference
    assert (conf.timezone, conf.timezone_guessed, len(conf.sessions)) == (
        "Europe/Berlin", False, 351)
    declared = [r["name"] for r in json.loads(C39.read_text(encoding="utf-8"))["schedule"]
                ["conference"]["rooms"]]
    names = [r.name for r in conf.rooms]
    assert names == [n for n in declared if n in names]  # conference.rooms order, used only
    event = next(e for e in _events(C39) if len(e["persons"]) >= 2)
    session = conf.session_by_id[str(event["id"])]
    assert [conf.speaker_by_id[i].name for i in session.speakers] == [
        p.get("public_name") or p["name"] for p in event["persons"]]


def test_read_39c3_after_midnight_stays_on_its_conference_day(c39: Imported):
    late = [s for s in c39.conference.sessions if s.day]
    assert len(late) == 17
    assert all(s.start.date() - s.day == timedelta(days=1) and s.start.hour < 6 for s in late)


def test_read_jev22_days_with_start_equal_end_and_a_new_york_event(jev: Imported):
    conf = jev.conference
    assert (len(conf.sessions), len(conf.days), conf.timezone) == (213, 6, "Europe/Amsterdam")
    ny = next(e for e in _events(JEV) if e["date"].endswith("-05:00"))
    session = conf.session_by_id[str(ny["id"])]
    assert session.start.utcoffset() == timedelta(hours=1)  # printed in the event's zone
    assert [w for w in jev.warnings if "UTC offset" in w] == [
        f"jev22-channels.schedule.json: 1 event(s) carry a UTC offset other than "
        f"Europe/Amsterdam's; their times are printed in Europe/Amsterdam: {ny['id']}"]


def test_detect_v2_as_schedule_json():
    assert detect(C39) == "json" and detect(JEV) == "json"
