"""The day grid as numbers (layout/grid.py): every session in exactly one text box, boxes
never overlapping, every box tall and wide enough for its text, everything inside the page,
on the bundled event, the frab samples and a synthetic hostile day."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest

from conftest import FIXTURES, KVM
from printprog.core.units import mm
from printprog.draw import fonts
from printprog.importers import load
from printprog.layout import grid
from printprog.schedule.model import Conference, Kind, Room, Session, Speaker
from printprog.schedule.views import days
from printprog.theme.loader import load_theme

THEME = load_theme()
STYLE = grid.GridStyle.from_theme(THEME, THEME.sections.booklet.grid)
#: The A5 booklet's text block less the day title: the grid's page.
A5 = (mm(148 - 15 - 12), mm(210 - 12 - 15) - 16 * 1.15 - mm(1.6))
FRAB = sorted((FIXTURES / "samples" / "frab-xml").glob("*.xml"))
TZ = ZoneInfo("Europe/Berlin")


def _at(h: int, m: int = 0, day: date = date(2030, 6, 1)) -> datetime:
    return datetime.combine(day, time(h), tzinfo=TZ) + timedelta(minutes=m)


def hostile_day() -> Conference:
    """40 rooms; 5-minute lightning talks; two talks at once in one room; a 03:00-09:00
    night workshop; a talk with 12 speakers; a lunch for everyone, and a coffee break for
    everyone while talks run."""
    rooms = tuple(Room(id=f"r{i}", name=f"Room {i + 1}", order=i) for i in range(40))
    rooms += (Room(id="foyer", name="Foyer", order=99),)
    people = tuple(Speaker(id=f"p{i}", name=f"Person Number{i}") for i in range(12))
    sessions = [Session(id="lunch", title="Lunch", kind=Kind.MEAL, room="foyer",
                        start=_at(12), end=_at(13)),
                Session(id="coffee", title="Coffee", kind=Kind.BREAK, room="foyer",
                        start=_at(10, 45), end=_at(11)),
                Session(id="night", title="All-night hardware hacking workshop", room="r0",
                        start=_at(3), end=_at(9), speakers=("p0",)),
                Session(id="crowd", title="Panel of everyone", room="r1", start=_at(14),
                        end=_at(15), speakers=tuple(p.id for p in people)),
                Session(id="a", title="First of two at once", room="r2", start=_at(10),
                        end=_at(11)),
                Session(id="b", title="Second of two at once", room="r2", start=_at(10, 30),
                        end=_at(11, 30))]
    for i in range(12):  # lightning talks in room 4, 5 minutes each
        sessions.append(Session(id=f"l{i}", title=f"Lightning talk number {i} on a topic",
                                room="r3", start=_at(16, 5 * i), end=_at(16, 5 * i + 5)))
    for r in range(4, 40):
        for k in range(3):
            start = _at((10, 13, 15)[k], 15 * (r % 3))
            sessions.append(Session(id=f"t{r}-{k}", title=f"Talk {k} in room {r + 1} about "
                                    "virtualisation", room=f"r{r}", start=start,
                                    end=start + timedelta(minutes=45), speakers=("p1",)))
    return Conference(name="Hostile", short_name="H", start_date=date(2030, 6, 1),
                      end_date=date(2030, 6, 1), timezone="Europe/Berlin", rooms=rooms,
                      speakers=people, sessions=tuple(sorted(sessions,
                                                             key=lambda s: (s.start, s.id))))


def _events() -> list[tuple[str, Conference]]:
    return [("kvm", load(KVM)), *((p.name, load(p)) for p in FRAB), ("hostile", hostile_day()),
            ("zero-length", load(FIXTURES / "made" / "zero-length.xml"))]


EVENTS = _events()


def _overlap(a: grid.Box, b: grid.Box) -> bool:
    eps = 0.01
    return (a.x < b.x + b.w - eps and b.x < a.x + a.w - eps and a.y < b.y + b.h - eps
            and b.y < a.y + a.h - eps)


def _check_day(conf: Conference, day, size=A5, style=STYLE, ref=0.0) -> list[grid.GridPage]:
    pages = grid.plan(conf, day, day.rooms, size, style, lambda s: ref)
    placed: list[str] = []
    bands: set[str] = set()
    for page in pages:
        boxes = (*page.top, *page.boxes)
        for i, a in enumerate(boxes):
            assert a.x >= 0 and a.y >= -0.01, (a.cell.session.title, a.x, a.y)
            assert a.x + a.w <= size[0] + 0.01 and a.y + a.h <= size[1] + 0.01
            for b in boxes[i + 1:]:
                assert not _overlap(a, b), (a.cell.session.title, b.cell.session.title)
            if not a.text:
                continue
            if a.cell.kind == "talk" or a.cell.session.id not in bands:
                placed.append(a.cell.session.id)  # bands: on every page of the day they span
            if a.cell.kind != "talk":
                bands.add(a.cell.session.id)
            text = grid.text_height(a.cell.lines)
            assert a.h + 1e-6 >= text + 2 * style.pad, a.cell.session.title
            inner = a.w - 2 * style.pad - (grid.STRIP if a.cell.kind == "talk" else 0)
            for line in a.cell.lines:
                assert fonts.width(line.text, line.style.font, line.style.size) <= inner + 0.01
                assert line.style.size >= style.min_size - 1e-6
        # The axis labels never run into each other, and each names a time this page
        # needs: a session on it starts or ends then, or it is the page's first row, the
        # end of a break, or a half hour (not the other page's times).
        labelled = [m.y for m in page.marks if m.label]
        assert all(a - b >= style.axis.leading - 1e-6
                   for a, b in pairwise(labelled))
        times = {f"{t:%H:%M}" for b in page.boxes for t in (b.cell.session.start,
                                                            b.cell.session.end)}
        first = max(m.y for m in page.marks) if page.marks else 0
        for m in page.marks:
            if m.label and m.y != first and m.label[3:] not in ("00", "30"):
                assert m.label in times or any(abs(m.y - y) < 10 for y in page.breaks), \
                    (m.label, sorted(times))
    assert sorted(placed) == sorted(s.id for s in day.sessions)
    return pages


@pytest.mark.parametrize(("name", "conf"), EVENTS, ids=[n for n, _ in EVENTS])
def test_grid_every_session_once_in_a_box_that_holds_its_text(name, conf):
    for day in days(conf):
        _check_day(conf, day)
        _check_day(conf, day, ref=mm(7))  # with room for page references


@pytest.mark.parametrize(("name", "conf"), EVENTS, ids=[n for n, _ in EVENTS])
def test_grid_titles_and_speakers_in_full(name, conf):
    for day in days(conf):
        for page in grid.plan(conf, day, day.rooms, A5, STYLE):
            for box in (*page.top, *page.boxes):
                if not box.text:
                    continue
                s = box.cell.session
                said = " ".join(ln.text for ln in box.cell.lines)
                assert " ".join(s.title.split()) in said or s.title.replace(" ", "") in \
                    said.replace(" ", "")
                names = [conf.speaker_by_id[p].name for p in s.people]
                band = box.cell.kind == "band"  # across every column: all names
                shown = names if len(names) <= 3 or band else names[:3]
                # (an e-mail address given as a name may break after its "@")
                assert all(n.replace(" ", "") in said.replace(" ", "") for n in shown)
                if len(names) > 3 and not band:
                    assert f"and {len(names) - 3} more" in said
                assert "\u2026" not in said.replace(s.title, "")


def test_grid_hostile_day_outliers_overlaps_and_spreads():
    conf = hostile_day()
    (day,) = days(conf)
    pages = _check_day(conf, day)
    top = {b.cell.session.id for p in pages for b in p.top}
    # The night workshop stays at its time (it does not span the day's programme: not "all
    # day"); the coffee break, with talks running, is not drawn over them.
    assert top == {"coffee"}
    assert "night" in {b.cell.session.id for p in pages for b in p.boxes}
    assert "lunch" in {b.cell.session.id for p in pages for b in p.boxes if b.cell.kind == "band"}
    assert min(m.label for p in pages for m in p.marks if m.label) == "03:00"
    # Two at once in room 3: side by side, each half the column.
    boxes = {b.cell.session.id: b for p in pages for b in p.boxes if b.text}
    a, b = boxes["a"], boxes["b"]
    assert a.w == pytest.approx(b.w) and abs(a.x - b.x) == pytest.approx(a.w + STYLE.gap)
    # 40 rooms at >= 30 mm: pages in facing pairs, each naming its rooms.
    per_page = {p.rooms for p in pages}
    assert all((A5[0] - STYLE.time_column) / len(r) >= STYLE.min_column for r in per_page)
    assert len({r.id for p in pages for r in p.rooms}) == 40
    assert pages[0].rooms_note.startswith("rooms 1\u2013") and pages[0].rooms_note.endswith(
        "of 40")
    sides = [p.side for p in pages]
    assert sides[:2] == [0, 1]
    # Lightning talks: every 5-minute start has its own labelled row.
    labels = {m.label for p in pages for m in p.marks}
    assert {"16:05", "16:10", "16:55"} <= labels


def test_grid_long_day_continues_with_header_repeated():
    conf = hostile_day()
    (day,) = days(conf)
    short = (A5[0], A5[1] / 3)
    pages = _check_day(conf, day, size=short)
    assert any(p.continued for p in pages)
    assert all(p.names for p in pages)  # every page heads its columns


def test_grid_room_groups_balanced_and_even():
    rooms = tuple(Room(id=f"r{i}", name=f"R{i}") for i in range(7))
    groups = grid.room_groups(rooms, A5[0], STYLE, spreads=True)
    assert [len(g) for g in groups] == [2, 2, 2, 1]
    assert [len(g) for g in grid.room_groups(rooms[:3], A5[0], STYLE, True)] == [3]


def test_grid_lanes_side_by_side_for_same_room_overlaps():
    s = [Session(id=i, title=i, room="r", start=_at(h, m), end=_at(h2, m2))
         for i, h, m, h2, m2 in (("a", 10, 0, 11, 0), ("b", 10, 30, 11, 30),
                                 ("c", 11, 0, 12, 0), ("d", 12, 0, 12, 30))]
    assert grid.lanes(tuple(s)) == {"a": (0, 2), "b": (1, 2), "c": (0, 2), "d": (0, 1)}


def test_grid_rows_grow_to_the_text_and_keep_their_share_of_time():
    conf = load(KVM)
    tuesday = days(conf)[1]
    (page, *_rest) = grid.plan(conf, tuesday, tuesday.rooms, A5, STYLE)
    marks = {m.label: m.y for m in page.marks if m.label}
    # 13:00-13:45 talks with three-line titles get more than 45 minutes of scale.
    assert marks["13:00"] - marks["13:45"] > 45 * STYLE.min_scale
