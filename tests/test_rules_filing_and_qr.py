"""Rules stated only in docstrings, each tested on literal values (issue #26 item 6):

- importers/common.py: ``Session.day`` is set when the conference day a file files an event
  under is the calendar day before its start (a 01:00 party of the evening before); an
  event filed under its own start date gets none, one filed under a day that does not fit
  (two days before, or after its start) is placed by its start, with one warning.
- importers/yaml_dir.py: a time written ``01:00 +1`` is the next calendar day and keeps the
  day it is listed under as its conference day; a time without ``+1`` has no ``day``.
- qa/preflight.py: the QR line names the smallest side and the densest code (the smallest
  module), each by its own note, whatever order the notes come in.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from conftest import MINI
from printprog.core.report import Report
from printprog.importers.common import build
from printprog.importers.draft import Draft, Event
from printprog.importers.yaml_dir import load_folder
from printprog.qa.preflight import Result, _qr

MAY6, MAY7 = date(2030, 5, 6), date(2030, 5, 7)


def _event(ident: str, start: str, day: date | None) -> Event:
    return Event(ident=ident, title=f"Talk {ident}", start=datetime.fromisoformat(start),
                 offset=None, duration=timedelta(hours=1), room="Main Hall", day=day)


def _built(*events: Event):
    draft = Draft(name="Filing Conf", file=Path("schedule.xml"), timezone="Europe/Berlin")
    return build(draft, list(events))


def test_filing_after_midnight_keeps_the_day_before():
    imported = _built(_event("party", "2030-05-07T01:00", MAY6),
                      _event("keynote", "2030-05-06T09:00", MAY6))
    by_id = {s.id: s for s in imported.conference.sessions}
    assert by_id["party"].day == MAY6 and by_id["party"].conference_day == MAY6
    assert by_id["party"].start.isoformat() == "2030-05-07T01:00:00+02:00"
    assert by_id["keynote"].day is None and by_id["keynote"].conference_day == MAY6
    assert imported.warnings == ()
    assert imported.conference.days == [MAY6]


def test_filing_two_days_before_or_after_the_start_is_placed_by_the_start():
    imported = _built(_event("late", "2030-05-08T01:00", MAY6),
                      _event("early", "2030-05-06T23:00", MAY7),
                      _event("keynote", "2030-05-06T09:00", MAY6))
    by_id = {s.id: s for s in imported.conference.sessions}
    assert (by_id["late"].day, by_id["late"].conference_day) == (None, date(2030, 5, 8))
    assert (by_id["early"].day, by_id["early"].conference_day) == (None, MAY6)
    assert imported.warnings == (
        "schedule.xml: 2 event(s) filed under a day more than one day before their start "
        "are placed by their start: late, early",)


def test_yaml_plus_one_files_under_the_listed_day(tmp_path):
    folder = tmp_path / "event"
    folder.mkdir()
    for name in ("conference.yaml", "rooms.yaml", "speakers.yaml"):
        (folder / name).write_text((MINI / name).read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "sessions.yaml").write_text(
        "2030-05-06:\n"
        "  - {id: late, start: '23:00', end: '23:30', room: main, title: Late talk}\n"
        "  - {id: party, start: '00:30 +1', end: '02:00 +1', room: pub, title: Party}\n",
        encoding="utf-8")
    by_id = {s.id: s for s in load_folder(folder).sessions}
    assert by_id["party"].start.isoformat() == "2030-05-07T00:30:00+02:00"
    assert by_id["party"].day == MAY6 and by_id["party"].conference_day == MAY6
    assert by_id["late"].day is None and by_id["late"].conference_day == MAY6


def test_preflight_names_the_smallest_side_and_the_densest_code_each_by_its_note():
    report = Report()
    # mm: (side, module): "b" the smallest side, "c" the densest (smallest module), "a"
    # neither and first, so "the first note" is never the right answer.
    for what, side, module in (("a", 30.0, 1.0), ("b", 12.0, 0.8), ("c", 20.0, 0.4)):
        report.note_qr(what, side_pt=side * 72 / 25.4, module_pt=module * 72 / 25.4)
    result = Result(Path("x.pdf"))
    _qr(report, result)
    assert result.info == ["QR codes: 3, smallest side 12 mm (b), smallest module 0.4 mm (c)"]
    assert result.errors == []


def test_badges_note_each_qr_element_by_its_densest_code(tmp_path):
    """products/badges: one QR note per layout element, for its densest code (what the
    preflight checks against the minimum), whichever badge comes first."""
    from printprog.importers import load
    from printprog.products import get
    from printprog.render import render
    from printprog.theme.loader import load_theme

    short = "Al Bo,a@b.io,X,yes\n"
    long = ("Maximiliana Wolfeschlegelsteinhausen,maximiliana.wolfeschlegelsteinhausen@"
            "very-long-organisation.example.org,Wolfeschlegelsteinhausenbergerdorff "
            "International Research Laboratories,yes\n")
    notes = []
    for rows in ([short], [short, long], [long, short]):
        csv = tmp_path / "attendees.csv"
        csv.write_text("Name,Email,Company,share_contact\n" + "".join(rows), encoding="utf-8")
        output = render("badges", load(MINI), load_theme(),
                        get("badges").Options(attendees=csv, with_speakers=False),
                        tmp_path / "badges.pdf")
        notes.append([(q.what, q.module_mm) for q in output.report.qr])
    assert notes[0] == [("portrait.front[6] of Al Bo", 0.449)]  # alone: its own code
    densest = [("portrait.front[6] of Maximiliana Wolfeschlegelsteinhausen", 0.3014)]
    assert notes[1] == notes[2] == densest
