"""The schedule JSON importer against a pretalx and a frab export, and what it must never keep."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from conftest import FIXTURES
from printprog.cli import main
from printprog.core.errors import DataError
from printprog.importers import detect, load
from printprog.importers.draft import Imported, Options
from printprog.importers.schedule_json import read
from printprog.qa.checks import warnings
from printprog.schedule.model import Kind

SAMPLES = FIXTURES / "samples" / "schedule-json"
PRETALX = SAMPLES / "pretalx-democon.json"
CAMP = SAMPLES / "frab-camp2019.json"


@pytest.fixture(scope="module")
def pretalx() -> Imported:
    return read(PRETALX)


@pytest.fixture(scope="module")
def camp() -> Imported:
    return read(CAMP)


def _times(imported: Imported, ident: str) -> tuple[str, str]:
    s = imported.conference.session_by_id[ident]
    return s.start.isoformat(), s.end.isoformat()


def _edited(tmp_path: Path, change) -> Path:
    """A copy of the pretalx export with ``change(doc)`` applied."""
    doc = json.loads(PRETALX.read_text(encoding="utf-8"))
    change(doc)
    path = tmp_path / "schedule.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def _first_event(doc: dict) -> dict:
    return doc["schedule"]["conference"]["days"][0]["rooms"]["Gray Room"][0]


# -- pretalx ----------------------------------------------------------------------------

def test_read_pretalx_counts_events_rooms_and_days(pretalx: Imported):
    conf = pretalx.conference
    assert (len(conf.sessions), len(conf.rooms), len(conf.days)) == (36, 2, 3)
    assert conf.days == [date(2020, 12, 14), date(2020, 12, 15), date(2020, 12, 16)]
    assert [r.name for r in conf.rooms] == ["Gray Room", "Tan Room"]


def test_read_pretalx_times_keep_the_offset_of_their_date(pretalx: Imported):
    assert _times(pretalx, "25") == ("2020-12-14T09:00:00+01:00", "2020-12-14T09:30:00+01:00")
    assert _times(pretalx, "8") == ("2020-12-15T12:00:00+01:00", "2020-12-15T12:30:00+01:00")
    assert _times(pretalx, "62") == ("2020-12-16T15:00:00+01:00", "2020-12-16T15:30:00+01:00")


def test_read_pretalx_zone_that_disagrees_with_the_dates_is_said_once(pretalx: Imported):
    # The export says UTC, but every date says +01:00 and "start" agrees with the dates.
    assert pretalx.conference.timezone == "Etc/GMT-1"
    assert pretalx.warnings == (
        "pretalx-democon.json: the time zone UTC disagrees with the events' own times "
        "(UTC+01:00); the events' offsets are used: pass --timezone ZONE (e.g. "
        "Europe/Berlin) or set timezone in conference.yaml (the times there stay as printed)",)


def test_read_pretalx_public_names_and_biographies(pretalx: Imported):
    conf = pretalx.conference
    speaker = conf.speaker_by_id[conf.session_by_id["25"].speakers[0]]
    assert speaker.name == "Brian Robinson"
    assert speaker.bio[0] == ("Break through direction. Power cultural most should. Whole party "
                              "memory fire. Suggest no item spring. Do believe exactly.")
    assert len(speaker.bio) == 2


def test_read_pretalx_urls_without_a_common_pattern_stay_per_session(pretalx: Imported):
    conf = pretalx.conference
    assert conf.session_url == ""
    assert conf.session_by_id["25"].url == "http://localhost/democon/talk/G9JGWY/"
    assert {s.kind for s in conf.sessions} == {Kind.TALK}  # "Talk" and "Workshop"


# -- frab JSON --------------------------------------------------------------------------

def test_read_camp_counts_events_rooms_and_days(camp: Imported):
    conf = camp.conference
    assert (len(conf.sessions), len(conf.rooms), len(conf.days)) == (79, 2, 5)
    assert [r.name for r in conf.rooms] == ["Curie", "Meitner"]
    assert conf.name == "Chaos Communication Camp 2019"


def test_read_camp_declared_zone_agrees_and_is_kept(camp: Imported):
    assert camp.conference.timezone == "Europe/Berlin"
    assert camp.warnings == ()
    assert _times(camp, "10386") == ("2019-08-21T11:00:00+02:00", "2019-08-21T11:30:00+02:00")
    assert _times(camp, "10340") == ("2019-08-23T14:00:00+02:00", "2019-08-23T14:45:00+02:00")
    assert _times(camp, "10387") == ("2019-08-25T18:00:00+02:00", "2019-08-25T18:30:00+02:00")


def test_read_camp_look_alike_names_with_two_ids_are_two_speakers(camp: Imported):
    conf = camp.conference
    # "mo" (3988) and "Mo" (9029): two ids, two people; check asks the organiser.
    assert sorted((s.id, s.name) for s in conf.speakers if s.name.casefold() == "mo") == [
        ("3988", "mo"), ("9029", "Mo")]
    assert len(conf.speakers) == 90
    assert "speakers 3988 'mo' and 9029 'Mo' look alike: one person or two? (merge them in " \
        "speakers.yaml if one)" in warnings(conf)


def test_read_camp_event_urls_become_one_session_url_pattern(camp: Imported):
    conf = camp.conference
    assert conf.session_url == "https://fahrplan.events.ccc.de/camp/2019/Fahrplan/events/{id}.html"
    assert conf.url_for(conf.session_by_id["10386"]) == (
        "https://fahrplan.events.ccc.de/camp/2019/Fahrplan/events/10386.html")
    assert conf.website == "https://fahrplan.events.ccc.de/camp/2019/Fahrplan/"


def test_read_camp_abstract_html_becomes_plain_text(camp: Imported):
    abstract = camp.conference.session_by_id["10186"].abstract
    assert abstract[0].startswith("spispy is an open source hardware tool for emulating SPI")
    paragraphs = camp.conference.session_by_id["10344"].abstract
    assert paragraphs[0].startswith("Eine Mischung aus einem Vortrag und einer Spiel- und")
    assert not any("<" in p for s in camp.conference.sessions for p in s.abstract)


def test_read_camp_performance_is_other(camp: Imported):
    assert camp.conference.session_by_id["10210"].kind is Kind.OTHER


# -- what must never be kept, and what may vary ------------------------------------------

def _private(doc: dict) -> None:
    event = _first_event(doc)
    event["persons"][0].update({
        "email": "brian.robinson@example.org", "phone": "+49 30 5550199",
        "answers": [{"question": "Your e-mail?", "answer": "secret.brian@example.net"},
                    {"question": "Phone", "answer": "+49 171 5550123"}]})
    event["answers"] = [{"question": "Contact", "answer": "orga@example.com"}]
    event["persons"].append({"id": 999, "name": "Ann Other", "email": "ann@example.com",
                             "biography": "Speaks often."})
    event["links"] = ["https://example.org/slides.pdf",
                      {"url": "https://example.org/code", "title": "Code"}]


def test_import_json_never_keeps_emails_phones_or_answers(tmp_path: Path, capsys):
    path = _edited(tmp_path, _private)
    imported = read(path)
    everything = repr(imported.conference) + repr(imported.conference.speakers) + repr(
        imported.conference.sessions) + repr(imported.warnings)
    out = tmp_path / "democon"
    assert main(["import", "json", str(path), "--out", str(out)]) == 0
    written = "".join(p.read_text(encoding="utf-8") for p in sorted(out.iterdir()))
    printed = "".join(capsys.readouterr())
    for secret in ("brian.robinson@example.org", "secret.brian@example.net", "orga@example.com",
                   "ann@example.com", "5550199", "5550123"):
        assert secret not in everything
        assert secret not in written
        assert secret not in printed
    assert "@" not in written
    speaker = imported.conference.speaker_by_id["999"]  # "name" when there is no public_name
    assert (speaker.name, speaker.bio) == ("Ann Other", ("Speaks often.",))


def test_read_event_after_midnight_stays_on_the_day_it_is_filed_under(tmp_path: Path):
    def late(doc: dict) -> None:
        event = _first_event(doc)
        event["date"], event["start"] = "2020-12-15T01:30:00+01:00", "01:30"

    conf = read(_edited(tmp_path, late)).conference
    s = conf.session_by_id["25"]
    assert s.start.isoformat() == "2020-12-15T01:30:00+01:00"
    assert s.day == date(2020, 12, 14)


def test_read_event_without_start_names_the_key_path_and_event(tmp_path: Path):
    def no_start(doc: dict) -> None:
        del _first_event(doc)["date"]
        del _first_event(doc)["start"]

    path = _edited(tmp_path, no_start)
    assert "25" not in read(path).conference.session_by_id  # left out, the rest read
    with pytest.raises(DataError) as err:
        read(path, Options(strict=True))
    assert str(err.value) == (
        f"{path}: conference.days[0].rooms.Gray Room[0] (event 25): has no start "
        '(give it "date" with the time, or "start": "HH:MM")')


def test_read_durations_in_the_three_forms(tmp_path: Path):
    def durations(doc: dict) -> None:
        room = doc["schedule"]["conference"]["days"][0]["rooms"]["Gray Room"]
        room[0]["duration"], room[1]["duration"], room[2]["duration"] = "1:00", "00:20:30", "2:05"

    conf = read(_edited(tmp_path, durations)).conference
    ids = [e["id"] for e in json.loads(PRETALX.read_text())["schedule"]["conference"]["days"][0]
           ["rooms"]["Gray Room"][:3]]
    assert [conf.session_by_id[str(i)].minutes for i in ids] == [60, 20, 125]


def test_read_invalid_json_names_the_line(tmp_path: Path):
    path = tmp_path / "broken.json"
    path.write_text('{"schedule":\n  {"conference": }\n}')
    with pytest.raises(DataError) as err:
        read(path)
    assert str(err.value) == f"{path}:2:18: not valid JSON: Expecting value"


def test_check_data_detects_json_by_content_despite_the_extension(tmp_path: Path, capsys):
    path = tmp_path / "export.txt"
    shutil.copy(CAMP, path)
    assert detect(path) == "json"
    assert main(["check", "--data", str(path)]) == 0
    assert capsys.readouterr().out.startswith(
        "Chaos Communication Camp 2019: 79 sessions, 90 speakers, 2 rooms, 5 days;")


def test_import_json_round_trips_through_yaml(tmp_path: Path):
    out = tmp_path / "camp"
    assert main(["import", "json", str(CAMP), "--out", str(out)]) == 0
    back, fresh = load(out), read(CAMP).conference
    assert [(s.id, s.title, s.start, s.end, s.room) for s in back.sessions] == [
        (s.id, s.title, s.start, s.end, s.room) for s in fresh.sessions]
    assert back.session_url == fresh.session_url
