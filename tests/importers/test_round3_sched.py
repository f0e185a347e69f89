"""#25 item 2: a Sched calendar's speaker tails where several speakers share an
organisation ("Title - A & B, Org; C, Org2") are split into people, and a job title in a
tail never becomes a speaker. The calendar has the shape of Sched's all.ics (as
tests/fixtures/samples/ical/jococruise2024-sched.ics), its titles the issue's shapes."""

from __future__ import annotations

from pathlib import Path

from printprog.importers.ics import read
from printprog.importers.title_people import looks_like_name, split_title

TITLES = [
    "Securing the Stack - Ann Lee & Bob Park, Red Hat; Cid Moe, IBM",
    "Fast Boot - Dan Roe, SUSE & Eve Fox, Canada Post",
    "Storage Futures - Gil Ray and Hal Ito, Intel; Ivy Chen, Arm",
    "Keynote: Ten Years - Jo Kim, Red Hat; Core Maintainer, QEMU",
    "Learn to Play - Magic: the Gathering",
]


def _ics(tmp_path: Path) -> Path:
    events = "".join(
        "BEGIN:VEVENT\r\n"
        f"DTSTAMP:20240101T000000Z\r\nDTSTART:2024030{1 + n // 3}T{9 + n % 3:02d}0000Z\r\n"
        f"DTEND:2024030{1 + n // 3}T{9 + n % 3:02d}4500Z\r\n"
        f"SUMMARY:{title.replace(',', chr(92) + ',').replace(';', chr(92) + ';')}\r\n"
        f"UID:{n}@sched.example\r\nLOCATION:Hall {n % 2}\r\nEND:VEVENT\r\n"
        for n, title in enumerate(TITLES))
    path = tmp_path / "all.ics"
    path.write_bytes(("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Sched.com//EN\r\n"
                      "X-WR-CALNAME:Tails Summit\r\nX-WR-TIMEZONE:UTC\r\n" + events
                      + "END:VCALENDAR\r\n").encode())
    return path


def _people(conf, session) -> list[tuple[str, str]]:
    return [(conf.speaker_by_id[p].name, conf.speaker_by_id[p].organisation)
            for p in session.people]


def test_sched_ics_tail_with_shared_organisations_becomes_people(tmp_path: Path):
    conf = read(_ics(tmp_path)).conference
    by_title = {s.title: s for s in conf.sessions}
    assert sorted(by_title) == sorted(["Securing the Stack", "Fast Boot", "Storage Futures",
                                       "Keynote: Ten Years",
                                       "Learn to Play - Magic: the Gathering"])
    assert _people(conf, by_title["Securing the Stack"]) == [
        ("Ann Lee", "Red Hat"), ("Bob Park", "Red Hat"), ("Cid Moe", "IBM")]
    assert _people(conf, by_title["Fast Boot"]) == [("Dan Roe", "SUSE"),
                                                     ("Eve Fox", "Canada Post")]
    assert _people(conf, by_title["Storage Futures"]) == [
        ("Gil Ray", "Intel"), ("Hal Ito", "Intel"), ("Ivy Chen", "Arm")]
    assert _people(conf, by_title["Learn to Play - Magic: the Gathering"]) == []


def test_sched_tail_job_title_is_never_a_speaker(tmp_path: Path):
    conf = read(_ics(tmp_path)).conference
    assert "Core Maintainer" not in {s.name for s in conf.speakers}
    keynote = next(s for s in conf.sessions if s.title == "Keynote: Ten Years")
    assert _people(conf, keynote) == [("Jo Kim", "Red Hat; Core Maintainer, QEMU")]
    assert not looks_like_name("Core Maintainer")
    assert not looks_like_name("Senior Software Engineer")
    assert looks_like_name("Rik van Riel")


def test_split_title_several_names_only_when_each_looks_like_one():
    # "Johnson & Johnson" is one organisation, not two people
    assert split_title("Drugs - Ann Lee, Johnson & Johnson; Bo Ek, Pfizer", set(), set()) == (
        "Drugs", [("Ann Lee", "Johnson & Johnson", False), ("Bo Ek", "Pfizer", False)])
    assert split_title("Q&A - Tom & Jerry, MGM", set(), set()) == ("Q&A - Tom & Jerry, MGM", [])
