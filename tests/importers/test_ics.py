"""iCalendar import: Sched's title suffixes, UTC and TZID times, a wrong VTIMEZONE, LOCATION."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from pdftext import pdf_text

from printprog.cli import main
from printprog.importers import detect
from printprog.importers.draft import Options
from printprog.importers.ics import read

SAMPLES = Path(__file__).parent.parent / "fixtures" / "samples" / "ical"
JOCO = SAMPLES / "jococruise2024-sched.ics"
PYCONAU = SAMPLES / "pyconau2023-pretalx.ics"

#: SUMMARY forms of the Sched seed page (tests/fixtures/kvmforum2013-sched.txt), each with
#: the title and the (name, organisation) pairs the Sched importer reads from it.
SCHED_FORMS = [
    ("Introduction to z/Architecture and KVM on System z - Jens Freimann, IBM",
     "Introduction to z/Architecture and KVM on System z", [("Jens Freimann", "IBM")]),
    ("Block Layer Status Report - Stefan Hajnoczi, Red Hat & Kevin Wolf, Red Hat",
     "Block Layer Status Report", [("Stefan Hajnoczi", "Red Hat"), ("Kevin Wolf", "Red Hat")]),
    ("Keynote: QEMU Weather Report - Anthony Liguori, Amazon",
     "Keynote: QEMU Weather Report", [("Anthony Liguori", "Amazon")]),
    ("Keynote Panel: OVA at KVM Forum - Will Auld, Intel; Patrick Fitzgerald, i-Layer; "
     "Adam Jollans, IBM (Moderator)", "Keynote Panel: OVA at KVM Forum",
     [("Will Auld", "Intel"), ("Patrick Fitzgerald", "i-Layer"), ("Adam Jollans", "IBM")]),
    ("Multi-Threading the Block Layer - Ann Example, Senior Engineer, Red Hat",
     "Multi-Threading the Block Layer", [("Ann Example", "Senior Engineer, Red Hat")]),
    ("Lunch", "Lunch", []),
]


def _sched_ics(tmp_path: Path) -> Path:
    events = []
    for n, (summary, _, _) in enumerate(SCHED_FORMS):
        summary = summary.replace(",", "\\,").replace(";", "\\;")
        events.append(
            "BEGIN:VEVENT\r\nDTSTAMP:20131001T000000Z\r\n"
            f"DTSTART:20131021T1{n}0000Z\r\nDTEND:20131021T1{n}3000Z\r\n"
            f"SUMMARY:{summary}\r\nDESCRIPTION:Fast &amp; small\\, really\r\n"
            "CATEGORIES:Virtualisation\r\nLOCATION:Pentland Suite\\, Edinburgh\\, United "
            f"Kingdom\r\nUID:{n:032x}\r\nURL:http://kvmforum2013.sched.org/event/{n}\r\n"
            "END:VEVENT\r\n")
    path = tmp_path / "kvm.ics"
    path.write_text("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Sched.com KVM Forum 2013//EN"
                    "\r\nX-WR-CALNAME:KVM Forum 2013\r\nX-WR-TIMEZONE:UTC\r\n"
                    + "".join(events) + "END:VCALENDAR\r\n", encoding="utf-8")
    return path


def test_read_sched_title_suffixes_give_titles_and_speakers(tmp_path: Path):
    conf = read(_sched_ics(tmp_path)).conference
    got = [(s.title, [(conf.speaker_by_id[i].name, conf.speaker_by_id[i].organisation)
                      for i in s.speakers]) for s in conf.sessions]
    assert got == [(title, [tuple(p) for p in people]) for _, title, people in SCHED_FORMS]


def test_read_sched_ics_fields_and_location_address(tmp_path: Path):
    conf = read(_sched_ics(tmp_path)).conference
    s = conf.sessions[0]
    assert (s.id, s.abstract, s.track, s.url) == (
        f"{0:032x}", ("Fast & small, really",), "Virtualisation",
        "http://kvmforum2013.sched.org/event/0")
    assert [(r.name, r.address) for r in conf.rooms] == [
        ("Pentland Suite", "Edinburgh, United Kingdom")]


def test_timezone_option_prints_utc_times_as_local(tmp_path: Path):
    path = _sched_ics(tmp_path)
    plain = read(path)
    assert plain.conference.timezone_guessed
    assert any("only UTC" in w and "--timezone" in w for w in plain.warnings)
    london = read(path, Options(timezone="Europe/London")).conference
    assert not london.timezone_guessed
    # 10:00Z on 21 October 2013 is 11:00 BST in Edinburgh
    assert london.sessions[0].start.replace(tzinfo=None) == datetime(2013, 10, 21, 11, 0)
    assert plain.conference.sessions[0].start.replace(tzinfo=None) == datetime(2013, 10, 21, 10)


def test_booklet_says_local_without_utc_for_a_guessed_zone(tmp_path: Path):
    path, out = _sched_ics(tmp_path), tmp_path / "b.pdf"
    assert main(["booklet", "--data", str(path), "--out", str(out)]) == 0
    text = pdf_text(out)
    assert "alltimesarelocal." in text and "(utc)" not in text
    assert main(["booklet", "--data", str(path), "--out", str(out),
                 "--timezone", "Europe/London"]) == 0
    assert "alltimesarelocal(europe/london)." in pdf_text(out)


def test_bad_timezone_is_a_command_line_error(tmp_path: Path, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["check", "--data", str(_sched_ics(tmp_path)), "--timezone", "Mars/Olympus"])
    assert exc.value.code == 2
    assert "'Mars/Olympus' is not an IANA time zone" in capsys.readouterr().err


def test_read_pyconau_trusts_the_tzid_over_a_wrong_vtimezone():
    imported = read(PYCONAU)
    conf = imported.conference
    assert conf.timezone == "Australia/Adelaide" and not conf.timezone_guessed
    first = conf.sessions[0]
    assert first.start.isoformat() == "2023-08-18T09:00:00+09:30"
    assert first.title == "Specialist Tracks Combined Opening Address"
    assert [conf.speaker_by_id[i].name for i in first.speakers] == [
        "Pedro Junqueira", "Jack Skinner", "Nicky Ringland", "Katie McLaughlin", "Lilly Ryan"]
    assert [w for w in imported.warnings if "VTIMEZONE" in w] == [
        "pyconau2023-pretalx.ics: the VTIMEZONE of Australia/Adelaide gives UTC+09:00/+10:00, "
        "the tz database UTC+09:30 for these dates; the times are read by the zone name "
        "Australia/Adelaide (check them against the event's website)"]


def test_read_joco_ports_are_venues_with_their_country_and_entities_are_clean():
    conf = read(JOCO).conference
    offsite = {r.name: r.address for r in conf.rooms if r.address}
    assert offsite == {"Half Moon Cay": "Bahamas", "Puerto Plata": "Dominican Republic",
                       "Grand Turk": "Turks & Caicos"}
    assert "Lido Market, Deck 9, Aft" in {r.name for r in conf.rooms}


def test_detect_ics_by_content():
    assert detect(JOCO) == "ical" and detect(PYCONAU) == "ical"


def test_read_unreadable_dtstart_leaves_out_that_event_only(tmp_path: Path):
    path = _sched_ics(tmp_path)
    text = path.read_text(encoding="utf-8").replace("DTSTART:20131021T100000Z",
                                                     "DTSTART:2013-10-21 ten", 1)
    path.write_text(text, encoding="utf-8")
    imported = read(path)
    assert len(imported.conference.sessions) == len(SCHED_FORMS) - 1
    assert [w for w in imported.warnings if "left out" in w] == [
        f"{path}: VEVENT 1 (UID {0:032x}): DTSTART '2013-10-21 ten' is not a date and time "
        "(write it like 20240309T120000Z); this event is left out"]
