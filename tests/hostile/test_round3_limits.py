"""Hardening round 3 (issue #27 item 4): unbounded work from one value. Each took minutes or
gigabytes: a 130,000-character attendee name (61 s, 1.3 GB for one badge), a session a
century long (one grid rule per half hour until MemoryError), 50,000 speakers on one talk
(71 s), 1,000,000 attendee rows or 100,000 persons on one event (past 120 s), ``preview
--pages all`` of a 100,000-page PDF (past 120 s). Now each is capped at the edge
(printprog.core.limits, README "Limits"): one error naming the file, or for the preview the
first MAX_RENDER_PAGES pages and a warning; and the grid's time marks are linear in the marks
drawn, whatever the session's length."""

from __future__ import annotations

import itertools
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from .harness import Case, check_tree_untouched, event_case, module_batch, params, verify
from .test_round2_pdfs import many_pages

# The caps as README's "Limits" section states them (not read from the code under test).
MAX_ATTENDEES, MAX_PEOPLE_PER_SESSION, MAX_PERSONS, MAX_RENDER_PAGES = 100_000, 200, 10_000, 500


def _attendees(rows: list[str]):
    def extra(folder: Path) -> list[str]:
        path = folder / "people.csv"
        path.write_text("Name,Organisation\n" + "".join(rows), encoding="utf-8")
        return ["--attendees", str(path)]
    return extra


def _huge_list(folder: Path) -> list[str]:
    path = folder / "people.csv"
    with path.open("w", encoding="utf-8") as fh:
        fh.write("Name\n")
        fh.writelines(f"Person {n}\n" for n in range(1_000_000))
    return ["--attendees", str(path)]


def _century(folder: Path) -> Path:
    path = folder / "century.ics"
    path.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//hostile//EN\r\nBEGIN:VEVENT\r\n"
        "UID:forever@example.org\r\nDTSTART:20300506T100000Z\r\nDTEND:21300506T100000Z\r\n"
        "SUMMARY:Forever\r\nLOCATION:Main Hall\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\n"
        "UID:talk@example.org\r\nDTSTART:20300506T120000Z\r\nDTEND:20300506T124500Z\r\n"
        "SUMMARY:A talk\r\nLOCATION:Main Hall\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        encoding="utf-8")
    return path


def _crowded_talk(ev) -> None:
    ev.speakers += [{"id": f"p{n}", "name": f"Person {n}"} for n in range(5_000)]
    ev.session("t1")["speakers"] = ["p0"]


def _block_list(data: Path) -> None:
    """t1's speakers: 5,000 people ten times each, 50,000 names as a block list (a flow
    list is one line too long)."""
    path = data / "sessions.yaml"
    text = path.read_text(encoding="utf-8")
    block = "    speakers:\n" + "".join(f"      - p{n % 5000}\n" for n in range(50_000))
    path.write_text(text.replace('    speakers: ["p0"]\n', block, 1), encoding="utf-8")


def _many_persons(folder: Path) -> Path:
    """100,000 people on 1,000 talks of 100 each (each talk under the per-talk cap)."""
    path = folder / "schedule.csv"
    lines = ["Room,Date,Start,Duration,Title,Speakers\n"]
    for talk in range(1000):
        people = "|".join(f"s{talk}-{k}:Person {talk} {k}" for k in range(100))
        lines.append(f"Room {talk % 50},2030-05-06,{8 + talk // 50 % 12:02d}:00,00:45,"
                     f"Talk {talk},{people}\n")
    path.write_text("".join(lines), encoding="utf-8")
    return path


def _many_speakers(ev) -> None:
    ev.speakers += [{"id": f"p{n}", "name": f"Person {n}"} for n in range(20_000)]


def _one_error(run) -> None:
    assert len(run.errors()) == 1, run.describe()


def _pages(folder: Path) -> Path:
    path = folder / "many.pdf"
    path.write_bytes(many_pages(100_000))
    return path


def _rendered_the_first(run) -> None:
    pngs = sorted(p.name for p in (run.out / "pages").glob("*.png"))
    assert len(pngs) == MAX_RENDER_PAGES, run.describe()
    assert pngs[0] == "page-000001.png" and pngs[-1] == f"page-{MAX_RENDER_PAGES:06d}.png"


CASES: list[Case] = [
    event_case("attendee-name-130k", products=("badges",), expect="error",
               extra={"badges": _attendees([("Abc " * 32_500)[:130_000] + ",Org\n"])},
               errors=(r"people\.csv:2: Name: 130,000 characters; at most 1,000 fit",)),
    event_case("attendees-a-million", products=("badges",), expect="error",
               extra={"badges": _huge_list},
               errors=(rf"people\.csv:{MAX_ATTENDEES + 2}: more than {MAX_ATTENDEES:,} "
                       "attendees",)),
    Case("session-a-century", _century, products=("check", "booklet", "poster"),
         expect="error", errors=(r"lasts 36,52\d days; at most 31",)),
    event_case("speakers-50k-on-one-talk", _crowded_talk, _block_list,
               products=("check", "booklet"),
               expect="error",
               errors=(rf"50,000 speakers and moderators; at most {MAX_PEOPLE_PER_SESSION}",)),
    Case("persons-100k", _many_persons, products=("check",), expect="error",
         errors=(rf"100,000 speakers; at most {MAX_PERSONS:,}",)),
    event_case("persons-20k-in-a-data-folder", _many_speakers, products=("check",),
               expect="error", errors=(rf"20,003 speakers; at most {MAX_PERSONS:,}",),
               then={"check": _one_error}),
    Case("preview-all-of-100k-pages", _pages, products=("preview",),
         argv={"preview": lambda pdf, out: ["preview", str(pdf), "--pages", "all", "--out",
                                            str(out / "pages")]},
         warnings={"preview": (rf"rendered the first {MAX_RENDER_PAGES} of the 100,000 pages "
                               rf"asked for .* --pages {MAX_RENDER_PAGES + 1}-100000",)},
         then={"preview": _rendered_the_first}),
]


@pytest.fixture(scope="module")
def batch(request, hostile_root):
    return module_batch(request, hostile_root, CASES)


@pytest.mark.parametrize("case, product", params(CASES))
def test_round3_limits(batch, case: Case, product: str):
    verify(batch, case, product)


def test_round3_limits_touches_nothing_outside_output(batch):
    check_tree_untouched(batch)


def test_grid_marks_of_a_week_long_row_are_quick():
    """The grid's time marks skip to the half hours that have room: a row of a week (the
    longest the data format's +N allows is shorter; an import's longest is a month) costs
    what its few marks cost, not one step per half hour (a century: 1.75 million)."""
    from printprog.layout.grid import pages

    start = datetime(2030, 5, 6, 9, tzinfo=UTC)
    end = start + timedelta(days=36_500)

    class Row:  # the fields _marks reads
        brk = False
        minutes = (end - start).total_seconds() / 60

    row = Row()
    row.start, row.end = start, end

    class Axis:  # a label's room is its size * 1.25: 9 pt
        size = 7.2

    class Style:
        axis = Axis()

    began = time.process_time()
    # The row runs from y 800 down 700 pt; the grid's bottom is its foot, y 100.
    marks = pages._marks([row], range(1), {0: 800.0}, [700.0], Style(), set(), 100.0)
    assert time.process_time() - began < 1.0
    ys = [m.y for m in marks]
    assert ys == sorted(ys, reverse=True)  # top to bottom
    assert all(a - b >= 9.0 for a, b in itertools.pairwise(ys))  # room for each label
    assert 60 < len(marks) <= 700 / 9 + 2  # the row is filled, one label per line of room
