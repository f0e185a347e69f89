"""Events of no length (an export's marker, a talk whose duration the organiser left blank)
are kept and printed with their start time only, in every product (#25 item 8).

The fixture, tests/fixtures/made/zero-length.xml, is one day in two rooms: "Group Photo on
the Front Steps" (id 103, <duration>00:00</duration>) at 11:30 in Main Hall, where a talk
ends at 11:15 and "Kernel Scheduling in Practice" starts at 11:30; "Lightning Talk Sign-up
Deadline" (id 203, <duration></duration>) at 11:30 in Room B.
"""

from __future__ import annotations

import json
from datetime import date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from conftest import FIXTURES, ROOT
from pdfcheck import page_texts, page_words, squash
from printprog.cli import main
from printprog.core.units import mm
from printprog.importers import csv_schedule, load, schedule_json
from printprog.importers.frab import read
from printprog.layout import grid
from printprog.products.signage.plan import end_label
from printprog.schedule.labels import time_range
from printprog.schedule.model import Session
from printprog.schedule.views import days
from printprog.theme.loader import load_theme

FIXTURE = FIXTURES / "made" / "zero-length.xml"
PRETALX = FIXTURES / "samples" / "schedule-json" / "pretalx-democon.json"
PHOTO = "Group Photo on the Front Steps"
SIGN_UP = "Lightning Talk Sign-up Deadline"
BERLIN = ZoneInfo("Europe/Berlin")
AT_1130 = datetime.combine(date(2024, 5, 18), time(11, 30), tzinfo=BERLIN)


def _session(start: datetime, end: datetime) -> Session:
    return Session(id="x", title="Marker", start=start, end=end, room="r")


def test_time_range_no_length_prints_the_start_only():
    assert time_range(_session(AT_1130, AT_1130)) == "11:30"
    later = AT_1130.replace(hour=12, minute=15)
    assert time_range(_session(AT_1130, later)) == "11:30\u201312:15"


def test_sign_end_label_no_length_is_empty():
    assert end_label(_session(AT_1130, AT_1130)) == ""
    assert end_label(_session(AT_1130, AT_1130.replace(hour=12, minute=0))) == "\u201312:00"


def test_import_no_length_events_are_kept_with_one_warning():
    imported = read(FIXTURE)
    by_id = imported.conference.session_by_id
    assert (by_id["103"].start, by_id["103"].end) == (AT_1130, AT_1130)  # 00:00
    assert (by_id["203"].start, by_id["203"].end) == (AT_1130, AT_1130)  # left blank
    assert len(imported.conference.sessions) == 10
    assert [w for w in imported.warnings if "length" in w or "left out" in w] == [
        "zero-length.xml: 2 events have no length; printed at their start time (103, 203)"]


@pytest.mark.parametrize("blank", ["", None, "0:00"])
def test_schedule_json_blank_duration_is_an_event_at_its_start(tmp_path: Path, blank):
    doc = json.loads(PRETALX.read_text(encoding="utf-8"))
    event = doc["schedule"]["conference"]["days"][0]["rooms"]["Gray Room"][0]
    event["duration"] = blank
    path = tmp_path / "schedule.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    imported = schedule_json.read(path)
    s = imported.conference.session_by_id[str(event["id"])]
    assert s.end == s.start and f"{s.start:%Y-%m-%dT%H:%M}" == event["date"][:16]
    assert [w for w in imported.warnings if "length" in w] == [
        f"schedule.json: 1 event has no length; printed at its start time ({event['id']})"]


def test_csv_empty_duration_cell_is_an_event_at_its_start(tmp_path: Path):
    path = tmp_path / "s.csv"
    path.write_text("Room,Date,Start,Duration,Title,ID\nHall,2024-05-18,10:00,0:45,Talk,1\n"
                    "Hall,2024-05-18,10:45,,Doors close,2\n", encoding="utf-8")
    conf = csv_schedule.read(path).conference
    s = conf.session_by_id["2"]
    assert (f"{s.start:%H:%M}", s.end) == ("10:45", s.start)
    assert conf.session_by_id["1"].minutes == 45


def test_data_folder_round_trip_keeps_no_length_events(tmp_path: Path):
    folder = tmp_path / "data"
    assert main(["import", "frab", str(FIXTURE), "--out", str(folder)]) == 0
    conf = load(folder)
    for ident in ("103", "203"):
        s = conf.session_by_id[ident]
        assert (s.start, s.end) == (AT_1130, AT_1130), ident
    assert len(conf.sessions) == 10


# -- the grid, as numbers -----------------------------------------------------------------

THEME = load_theme()
STYLE = grid.GridStyle.from_theme(THEME, THEME.sections.booklet.grid)
A5 = (mm(148 - 15 - 12), mm(210 - 12 - 15) - 16 * 1.15 - mm(1.6))  # as tests/layout/test_grid


def test_grid_no_length_session_has_a_row_of_its_own_between_what_ends_and_starts():
    conf = load(FIXTURE)
    day = days(conf)[0]
    rows, placed = grid.rows(grid.cells(conf, grid.split_day(day, STYLE, day.rooms),
                                        [day.rooms], A5[0], STYLE, lambda s: 0.0), STYLE)
    photo = next(c for c in placed if c.session.id == "103")
    kernel = next(c for c in placed if c.session.id == "104")
    assert photo.first == photo.last  # one row ...
    assert (rows[photo.first].start, rows[photo.first].end) == (AT_1130, AT_1130)
    assert rows[photo.first].minutes == 0  # ... of no minutes
    assert kernel.first == photo.last + 1  # the talk starting then comes after it
    assert rows[photo.first - 1].end == AT_1130  # after the gap from 11:15

    pages = grid.plan(conf, day, day.rooms, A5, STYLE)
    assert len(pages) == 1
    boxes = {b.cell.session.id: b for b in pages[0].boxes}
    for ident in ("103", "203"):  # tall enough for its text, not a sliver
        b = boxes[ident]
        assert b.h >= grid.text_height(b.cell.lines) + 2 * STYLE.pad - 1e-6, ident
    before, marker, after = boxes["102"], boxes["103"], boxes["104"]
    assert before.y > marker.y + marker.h  # under 10:30-11:15 (y grows upwards) ...
    assert marker.y > after.y + after.h  # ... and above 11:30-12:15, not on top of it
    assert [m.label for m in pages[0].marks].count("11:30") == 1


# -- the products, on paper ---------------------------------------------------------------

@pytest.fixture(scope="module")
def booklet(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("zl") / "booklet.pdf"
    assert main(["booklet", "--data", str(FIXTURE), "--out", str(out)]) == 0
    return out


def _above(words: list[dict], text: str) -> str:
    """The word printed right above the word ``text`` in its column (same left edge): in
    a grid box, the session's time above its title."""
    word = next(w for w in words if w["text"] == text)
    column = [w for w in words if abs(w["x0"] - word["x0"]) < 1 and w["bottom"] <= word["top"]]
    return max(column, key=lambda w: w["bottom"])["text"]


def test_booklet_grid_prints_the_marker_at_its_start_between_the_talks(booklet: Path):
    texts = page_texts(booklet)
    at = next(i for i, t in enumerate(texts) if "at a glance" in t and "Kernel" in t)
    words = page_words(booklet)[at]
    assert squash(PHOTO) in squash(texts[at]) and squash(SIGN_UP) in squash(texts[at])
    assert _above(words, "Group") == "11:30"  # the photo's time: its start alone
    assert _above(words, "Lightning") == "11:30"
    assert _above(words, "Kernel") == "11:30\u201312:15"
    top = {w["text"]: w["top"] for w in words}  # pdfplumber's top: grows downwards
    assert top["Packaging"] < top["Group"] < top["Kernel"]
    assert "11:30\u201311:30" not in "".join(texts)


def test_booklet_talk_page_prints_the_start_only(booklet: Path):
    texts = page_texts(booklet)
    pages = [t for t in texts if PHOTO in t and "at a glance" not in t and "Venues" not in t]
    assert any("11:30 \u00b7 Main Hall" in t for t in pages), pages
    sign_up = [t for t in texts if SIGN_UP in t and "11:30 \u00b7 Room B" in t]
    assert sign_up and all("Grace Okafor" in t for t in sign_up)


def test_signage_room_sign_lists_the_marker_at_its_start(tmp_path: Path):
    out = tmp_path / "signs"
    assert main(["signage", "--all", "--data", str(FIXTURE), "--out", str(out)]) == 0
    main_hall = page_texts(out / "main-hall.pdf")[0].splitlines()
    assert main_hall[main_hall.index(f"11:30 {PHOTO}") + 1] == (
        "11:30\u201312:15 Kernel Scheduling in Practice")
    assert f"11:30 {SIGN_UP}" in page_texts(out / "room-b.pdf")[0].splitlines()


def test_every_product_builds_and_prints_the_marker(tmp_path: Path, booklet: Path):
    runs = {"poster": ["poster"], "chair": ["chair", "--all"],
            "badges": ["badges", "--duplex"],
            "changes": ["changes", "--since", str(booklet)]}
    later = tmp_path / "later.xml"  # the photo moved to 12:00: on the changes sheet
    later.write_text(FIXTURE.read_text().replace(
        "<event guid='zl-103' id='103'>\n<start>11:30</start>",
        "<event guid='zl-103' id='103'>\n<start>12:00</start>"))
    texts = {}
    for name, args in runs.items():
        out = tmp_path / f"{name}.pdf"
        data = later if name == "changes" else FIXTURE
        assert main([*args, "--data", str(data), "--out", str(out)]) == 0, name
        texts[name] = "\n".join(page_texts(out))
    poster = page_words(tmp_path / "poster.pdf")[0]
    assert _above(poster, "Group") == "11:30" and _above(poster, "Lightning") == "11:30"
    chair = [t for t in page_texts(tmp_path / "chair.pdf") if PHOTO in t.replace("\n", " ")
             and "session 3 of 5" in t]
    assert len(chair) == 1 and "11:30" in chair[0] and "0 min" not in chair[0]
    assert "Sat 18 May \u00b7 11:30 \u00b7 Room B" in texts["badges"]  # Grace Okafor's back
    assert "now Sat 18 May 12:00, Main Hall" in texts["changes"]
    assert "was Sat 18 May 11:30, Main Hall" in texts["changes"]


def test_ical_no_length_event_has_a_start_and_no_end(tmp_path: Path):
    out = tmp_path / "z.ics"
    assert main(["ical", "--data", str(FIXTURE), "--out", str(out)]) == 0
    events = out.read_text().split("BEGIN:VEVENT")[1:]
    photo = next(e for e in events if PHOTO in e)
    assert "DTSTART;TZID=Europe/Berlin:20240518T113000" in photo
    assert "DTEND" not in photo  # RFC 5545 3.6.1: it ends as it starts
    kernel = next(e for e in events if "Kernel Scheduling" in e)
    assert "DTEND;TZID=Europe/Berlin:20240518T121500" in kernel
    back = load(out).session_by_id  # and the calendar reads back as it was
    assert [(s.start, s.end) for s in back.values() if s.title == PHOTO] == [
        (AT_1130, AT_1130)]


def test_check_names_a_data_folders_sessions_of_no_length(tmp_path, capsys):
    """A data folder's session that ends as it starts is printed at its start time, and
    ``check`` (every command) says so once, naming the file and the sessions, as the
    importers do for an export's markers."""
    import shutil

    folder = tmp_path / "event"
    shutil.copytree(ROOT / "data" / "kvmforum2013", folder)
    text = (folder / "sessions.yaml").read_text(encoding="utf-8")
    first = text.index("\n  end:")
    line_end = text.index("\n", first + 1)
    start_line = text.rindex("\n  start:", 0, first)
    start = text[start_line:text.index("\n", start_line + 1)].split(":", 1)[1]
    text = text[:first] + "\n  end:" + start + text[line_end:]
    (folder / "sessions.yaml").write_text(text, encoding="utf-8")
    assert main(["check", "--data", str(folder)]) == 0
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if "no length" in line]
    assert len(lines) == 1, err
    assert "sessions.yaml: 1 event has no length; printed at its start time (" in lines[0]
