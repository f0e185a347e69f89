"""#25 item 5: c3voc schedule JSON v2 (schema2.json: ``schedule.events`` and
``schedule.persons`` at the top, days without rooms) is read, and v1 still is.

The fixture tests/fixtures/made/hub-schedule-v2.json is made from
tests/fixtures/schemas/schema2.json; what to expect is read from it here with json alone."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest
from pdftext import pdf_text, squash

from conftest import FIXTURES
from printprog.cli import main
from printprog.importers import detect, load
from printprog.importers.schedule_json import read
from printprog.schedule.model import Kind

HUB = FIXTURES / "made" / "hub-schedule-v2.json"


@pytest.fixture(scope="module")
def doc() -> dict:
    return json.loads(HUB.read_text(encoding="utf-8"))


def test_v2_fixture_has_the_v2_shape(doc: dict):
    schema = json.loads((FIXTURES / "schemas" / "schema2.json").read_text(encoding="utf-8"))
    assert schema["version"] == "alpha-3"
    assert set(doc) <= set(schema["properties"])
    assert isinstance(doc["schedule"]["events"], list)
    assert isinstance(doc["schedule"]["persons"], list)
    assert all("rooms" not in d for d in doc["schedule"]["conference"]["days"])
    required = set(schema["definitions"]["Event"]["required"])
    talks = [e for e in doc["schedule"]["events"] if e["type"] != "BREAK"]
    assert all(required <= set(e) for e in talks)


def test_v2_reads_every_event_on_the_programme(doc: dict):
    assert detect(HUB) == "json"
    imported = read(HUB)
    conf = imported.conference
    on = [e for e in doc["schedule"]["events"] if e.get("state", "CONFIRMED") == "CONFIRMED"]
    assert sorted(s.title for s in conf.sessions) == sorted(e["title"] for e in on)
    assert (conf.name, conf.timezone, conf.timezone_guessed) == (
        "Hub Congress 2025", "Europe/Berlin", False)
    for e in on:
        s = next(s for s in conf.sessions if s.title == e["title"])
        assert s.start == datetime.fromisoformat(e["start"])
        assert s.end == datetime.fromisoformat(e["end"])


def test_v2_rooms_tracks_people_and_bios_by_reference(doc: dict):
    conf = read(HUB).conference
    declared = [r["name"] for r in doc["schedule"]["conference"]["rooms"]]
    assert [r.name for r in conf.rooms] == declared
    radio = next(s for s in conf.sessions if s.title == "Radio After Midnight")
    assert conf.room_by_id[radio.room].name == "Saal Eins"  # reference without a name
    assert radio.track == "Hardware & Making"  # {slug} named by conference.tracks
    assert radio.conference_day == date(2025, 12, 27)  # 00:30 on the day that runs to 06:00
    bugs = next(s for s in conf.sessions if s.title == "Bugs in the Boot Loader")
    assert [conf.speaker_by_id[p].name for p in bugs.speakers] == ["Bo Lindqvist",
                                                                    "Cyra Ndiaye"]
    assert bugs.abstract == ("Bugs where the machine starts.",)  # English of the i18n map
    bo = conf.speaker_by_id[bugs.speakers[0]]
    assert bo.bio == ("Bo writes firmware.",)  # from schedule.persons by guid
    # two persons, two guids, names alike: two speakers
    assert sorted(s.name for s in conf.speakers if s.name.casefold() == "bo lindqvist") == [
        "Bo Lindqvist", "bo lindqvist"]
    lunch = next(s for s in conf.sessions if s.title == "Lunch")
    assert lunch.kind is Kind.BREAK


def test_v2_v1_shaped_samples_still_read_as_v1():
    conf = load(FIXTURES / "samples" / "schedule-json-v2" / "39c3-everything.schedule.json")
    assert len(conf.sessions) == 351


def test_v2_builds_a_booklet_with_every_title(tmp_path: Path, doc: dict, capsys):
    out = tmp_path / "b.pdf"
    assert main(["booklet", "--data", str(HUB), "--out", str(out)]) == 0
    text = pdf_text(out)
    on = [e["title"] for e in doc["schedule"]["events"] if e.get("state") != "WITHDRAWN"]
    assert [t for t in on if squash(t) not in text] == []
    assert "withdrawntalk" not in text
