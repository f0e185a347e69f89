"""iCalendar export: read back with the icalendar package, byte for byte deterministic."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest

from conftest import FIXTURES, KVM
from printprog.cli import main
from printprog.core.errors import PrintprogError
from printprog.exporters.ical import render, write
from printprog.importers import load
from printprog.schedule.lookup import find_room
from printprog.schedule.model import Conference, Room, Session, Speaker


@pytest.fixture(scope="module")
def kvm() -> Conference:
    return load(KVM)


def _events(data: bytes) -> list:
    return list(icalendar.Calendar.from_ical(data).walk("VEVENT"))


def _ics(tmp_path: Path, *args: str) -> bytes:
    out = tmp_path / "out.ics"
    assert main(["ical", "--data", str(KVM), "--out", str(out), *args]) == 0
    return out.read_bytes()


def test_ical_kvm_round_trips_every_title_and_time(tmp_path: Path, kvm: Conference, capsys):
    events = _events(_ics(tmp_path))
    assert capsys.readouterr().out == f"wrote {tmp_path / 'out.ics'}: 64 events\n"
    assert [(str(e["SUMMARY"]), e["DTSTART"].dt, e["DTEND"].dt) for e in events] == [
        (s.title, s.start, s.end) for s in kvm.sessions]
    assert all(e["DTSTART"].dt.utcoffset().total_seconds() == 3600 for e in events)  # BST


def test_ical_kvm_events_have_stable_uid_stamp_location_and_url(tmp_path: Path):
    by_uid = {str(e["UID"]): e for e in _events(_ics(tmp_path))}
    keynote = by_uid["welcome-opening-keynote@kvmforum2013.sched.org"]
    assert keynote["DTSTAMP"].dt == datetime(2013, 10, 21, tzinfo=ZoneInfo("UTC"))
    assert str(keynote["LOCATION"]) == "Edinburgh Suite"
    assert str(keynote["DESCRIPTION"]) == ("Speaker: Gleb Natapov\n\n"
                                           "Join Gleb Natapov as he opens the 2013 KVM Forum.")
    assert str(keynote["URL"]) == ("https://kvmforum2013.sched.org/event/"
                                   "welcome-opening-keynote")
    reception = by_uid["attendee-reception-at-cargo-bar@kvmforum2013.sched.org"]
    assert str(reception["LOCATION"]) == "Cargo Bar, 129 Fountainbridge, Edinburgh"


def test_ical_kvm_has_a_vtimezone_for_london(tmp_path: Path):
    data = _ics(tmp_path)
    assert data.count(b"BEGIN:VTIMEZONE") == 1
    assert (b"BEGIN:VTIMEZONE\r\nTZID:Europe/London\r\nBEGIN:DAYLIGHT\r\n"
            b"DTSTART:20130331T010000\r\nTZOFFSETFROM:+0000\r\nTZOFFSETTO:+0100\r\n"
            b"TZNAME:BST\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\n") in data
    assert b"DTSTART;TZID=Europe/London:20131021T091500\r\n" in data


def test_ical_room_filter_by_name_or_id_without_regard_to_case(tmp_path: Path,
                                                              kvm: Conference):
    expected = [(s.title, s.start, s.end) for s in kvm.sessions if s.room == "stirling-suite"]
    for wanted in ("Stirling Suite", "STIRLING-suite"):
        events = _events(_ics(tmp_path, "--room", wanted))
        assert [(str(e["SUMMARY"]), e["DTSTART"].dt, e["DTEND"].dt) for e in events] == expected
        assert {str(e["LOCATION"]) for e in events} == {"Stirling Suite"}
    assert len(expected) == 11


def test_ical_unknown_room_is_one_line_listing_the_rooms(tmp_path: Path, capsys):
    out = tmp_path / "x.ics"
    assert main(["ical", "--data", str(KVM), "--room", "Kitchen", "--out", str(out)]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "error: unknown room 'Kitchen'; Rooms: Edinburgh Suite, Melville Suite, Stirling "
        "Suite, Atrium & Foyer, Lebowski's Bar, Cargo Bar, National Museum of Scotland"]
    assert not out.exists()


def test_ical_output_is_the_same_bytes_every_run(tmp_path: Path, kvm: Conference):
    first, second = tmp_path / "a.ics", tmp_path / "b.ics"
    assert write(kvm, first) == write(kvm, second) == 64
    assert first.read_bytes() == second.read_bytes() == render(kvm)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.ics", "b.ics"]  # no temp left


def test_ical_lines_end_in_crlf_and_fold_at_75_octets(kvm: Conference):
    data = render(kvm)
    assert data.endswith(b"END:VCALENDAR\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")
    lines = data.split(b"\r\n")
    assert max(len(line) for line in lines) == 75
    unfolded = data.replace(b"\r\n ", b"")
    assert b"Stefan Hajnoczi" in unfolded


def _tiny(title: str, abstract: tuple[str, ...], zone: str, day: date, hours: tuple[int, int]
          ) -> Conference:
    tz = ZoneInfo(zone)
    start = datetime(day.year, day.month, day.day, hours[0], tzinfo=tz)
    end = datetime(day.year, day.month, day.day, hours[1], tzinfo=tz)
    return Conference(
        name="Tiny; Conf", short_name="Tiny", start_date=day, end_date=day, timezone=zone,
        rooms=(Room("r", "Room, the big one"),), speakers=(Speaker("a", "Ann Ö"),),
        sessions=(Session("s1", title, start, end, "r", speakers=("a",), abstract=abstract),))


def test_ical_text_is_escaped_and_folded_inside_utf8_characters():
    title = "Backslash \\ semicolon; comma, and newline\n" + "ü" * 60
    conf = _tiny(title, ("First, paragraph;", "Second \\ one"), "Europe/Berlin",
                 date(2020, 3, 7), (10, 11))
    data = render(conf)
    assert b"SUMMARY:Backslash \\\\ semicolon\\; comma\\, and newline\\n" in data
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))
    data.decode("utf-8")  # every folded line still decodes: no character was split
    for line in data.split(b"\r\n"):
        line.decode("utf-8")
    event = _events(data)[0]
    assert str(event["SUMMARY"]) == title
    assert str(event["LOCATION"]) == "Room, the big one"
    assert str(event["DESCRIPTION"]) == "Speaker: Ann Ö\n\nFirst, paragraph;\n\nSecond \\ one"
    assert str(event["UID"]) == "s1@tiny.invalid"
    assert b"X-WR-CALNAME:Tiny\\; Conf\r\n" in data


def test_ical_vtimezone_has_each_change_of_offset_during_the_event():
    conf = _tiny("Late", (), "Europe/London", date(2013, 10, 26), (10, 11))
    conf = Conference(**{**{f: getattr(conf, f) for f in (
        "name", "short_name", "start_date", "timezone", "rooms", "speakers", "sessions")},
        "end_date": date(2013, 10, 28)})
    data = render(conf)
    assert (b"BEGIN:STANDARD\r\nDTSTART:20131027T020000\r\nTZOFFSETFROM:+0100\r\n"
            b"TZOFFSETTO:+0000\r\nTZNAME:GMT\r\nEND:STANDARD\r\n") in data
    assert _events(data)[0]["DTSTART"].dt.utcoffset().total_seconds() == 3600


def test_ical_of_an_imported_frab_file_with_a_fixed_offset_zone(tmp_path: Path):
    xml = FIXTURES / "samples" / "frab-xml" / "31c3.xml"
    out = tmp_path / "31c3.ics"
    assert main(["ical", "--data", str(xml), "--room", "saal g", "--out", str(out)]) == 0
    conf = load(xml)
    events = _events(out.read_bytes())
    assert [(str(e["SUMMARY"]), e["DTSTART"].dt, e["DTEND"].dt) for e in events] == [
        (s.title, s.start, s.end) for s in conf.sessions if s.room == "saal-g"]
    assert b"TZID:Etc/GMT-1\r\nBEGIN:STANDARD\r\nDTSTART:19700101T000000\r\n" in out.read_bytes()


def test_find_room_unknown_raises_printprog_error(kvm: Conference):
    assert find_room(kvm, " melville suite ").id == "melville-suite"
    with pytest.raises(PrintprogError, match=r"^unknown room 'Nowhere'; Rooms: Edinburgh"):
        find_room(kvm, "Nowhere")


# -- #25 item 3: a zone-less event gets floating times; a zoned one its zone


def test_ical_zoneless_file_writes_floating_times(tmp_path: Path):
    sample = FIXTURES / "samples" / "csv" / "gpn11-schedule.csv"  # states no zone
    out = tmp_path / "g.ics"
    assert main(["ical", "--data", str(sample), "--out", str(out)]) == 0
    data = out.read_bytes()
    assert b"TZID" not in data and b"VTIMEZONE" not in data and b"X-WR-TIMEZONE" not in data
    first = load(sample).sessions[0]  # its times as the file writes them
    assert f"DTSTART:{first.start:%Y%m%dT%H%M%S}\r\n".encode() in data
    events = _events(data)
    assert all(e["DTSTART"].dt.tzinfo is None for e in events)  # floating, read back


def test_ical_zoneless_yaml_folder_writes_floating_times(tmp_path: Path):
    folder = tmp_path / "local"
    import shutil

    shutil.copytree(FIXTURES / "mini", folder)
    yaml = folder / "conference.yaml"
    text = yaml.read_text(encoding="utf-8")
    import re

    yaml.write_text(re.sub(r"(?m)^timezone:.*$", "timezone: local", text), encoding="utf-8")
    conf = load(folder)
    data = render(conf)
    assert b"TZID" not in data
    start = conf.sessions[0].start
    assert f"DTSTART:{start:%Y%m%dT%H%M%S}\r\n".encode() in data


def test_ical_file_with_a_zone_writes_that_zone(tmp_path: Path):
    sample = FIXTURES / "samples" / "schedule-json-v2" / "39c3-everything.schedule.json"
    conf = load(sample)
    assert (conf.timezone, conf.timezone_guessed) == ("Europe/Berlin", False)
    data = render(conf)
    assert b"X-WR-TIMEZONE:Europe/Berlin\r\n" in data and b"TZID:Europe/Berlin\r\n" in data
    assert data.count(b"DTSTART;TZID=Europe/Berlin:") == len(conf.sessions)
