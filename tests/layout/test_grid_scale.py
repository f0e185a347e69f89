"""The day at a glance at conference scale, on the layout plan's numbers: which rooms get a
column, pages per day, page fill, time covered, lanes, label gaps, the all-day line, room
colours, continued cells and the "Also today" list (brief: Booklet > Day at a glance, "At
conference scale"). Each rule is a test that fails when the rule is broken."""

from __future__ import annotations

import contextlib
import io
from datetime import date, datetime, time, timedelta
from functools import cache
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest

import synthetic
from conftest import FIXTURES, KVM
from printprog.core.units import mm
from printprog.draw import fonts
from printprog.importers import load
from printprog.layout import grid
from printprog.layout.grid.draw import main_event
from printprog.products.booklet import grid as booklet_grid
from printprog.products.booklet import product as booklet
from printprog.schedule.model import Conference, Room, Session, Speaker
from printprog.schedule.views import days
from printprog.theme.loader import load_theme

THEME = load_theme()
STYLE = grid.GridStyle.from_theme(THEME, THEME.sections.booklet.grid)
GEOMETRY = booklet._geometry(THEME, None)
TITLE = booklet_grid.title_height(THEME)
#: The A5 grid page: the text block less the day's title line.
A5 = (GEOMETRY.text_width, GEOMETRY.text_height - TITLE)
REF = mm(7)  # room for "p. 123"
SAMPLES = FIXTURES / "samples" / "frab-xml"
TZ = ZoneInfo("Europe/Brussels")


@cache
def event(name: str) -> Conference:
    if name == "synthetic":
        return synthetic.event(talks=1000, rooms=70, day_count=4)
    if name == "kvm":
        return load(KVM)
    with contextlib.redirect_stderr(io.StringIO()):
        return load(SAMPLES / f"{name}.xml")


BIG = ("fosdem2025", "fosdem2021", "synthetic")
ALL = (*BIG, "kvm", "fosdem2013", "31c3")


@cache
def planned(name: str):
    """Per day: (day, grid pages, also-today sessions, list pages), as the booklet plans."""
    conf = event(name)
    out = []
    for day in days(conf):
        pages, also = booklet_grid.day_pages(conf, day, STYLE, GEOMETRY, TITLE, REF)
        lists = grid.plan_list(conf, also, STYLE, A5[0], GEOMETRY.text_height, None,
                               lambda s: REF)
        out.append((day, pages, also, lists))
    return tuple(out)


def _at(h: int, m: int = 0) -> datetime:
    return datetime.combine(date(2030, 6, 1), time(0), tzinfo=TZ) + timedelta(hours=h,
                                                                              minutes=m)


def _conf(sessions: list[Session], rooms: int = 3) -> Conference:
    room_list = tuple(Room(id=f"r{i}", name=f"Room {i + 1}", order=i) for i in range(rooms))
    room_list += (Room(id="foyer", name="Foyer", order=99),)
    return Conference(name="T", short_name="T", start_date=date(2030, 6, 1),
                      end_date=date(2030, 6, 1), timezone="Europe/Brussels", rooms=room_list,
                      speakers=(Speaker(id="p", name="Pat Speaker"),),
                      sessions=tuple(sorted(sessions, key=lambda s: (s.start, s.id))))


def _talk(sid: str, room: str, h: int, m: int, minutes: int, **kw) -> Session:
    return Session(id=sid, title=kw.pop("title", f"Talk {sid} on a subject"), room=room,
                   start=_at(h, m), end=_at(h, m) + timedelta(minutes=minutes),
                   speakers=("p",), **kw)


# -- rooms -----------------------------------------------------------------------------------

@pytest.mark.parametrize("name", BIG)
def test_grid_scale_at_most_a_spread_of_rooms(name):
    """At most one facing spread of columns a day (3 a page on A5 at 30 mm: 6), whatever
    the event's size; every other talk is in the day's list."""
    for day, pages, also, _ in planned(name):
        rooms = {r.id for p in pages for r in p.rooms}
        assert len(rooms) <= 6, (day.date, len(rooms))
        assert all(len(p.rooms) <= 3 for p in pages)
        for p in pages:
            assert all(w >= mm(30) - 0.01 for _, w in p.columns)
        in_grid = {b.cell.session.id for p in pages for b in (*p.top, *p.boxes)
                   if b.cell.kind != "group"}
        assert in_grid | {s.id for s in also} >= {s.id for s in day.sessions}


def test_grid_scale_main_rooms_are_those_with_most_session_time():
    conf = event("synthetic")
    day = days(conf)[0]
    held = {r.id: sum((s.end - s.start for s in day.talks if s.room == r.id), timedelta())
            for r in day.rooms}
    rooms, also = grid.choose_rooms(conf, day, A5[0], STYLE)
    assert len(rooms) == 6
    least_in = min(held[r.id] for r in rooms)
    assert all(held[s.room] <= least_in for s in also)
    assert {s.room for s in also}.isdisjoint({r.id for r in rooms})


def test_grid_scale_grid_rooms_named_by_the_conference_win():
    conf = event("synthetic")
    day = days(conf)[0]
    from dataclasses import replace
    named = replace(conf, grid_rooms=("r69", "r3"))
    rooms, also = grid.choose_rooms(named, day, A5[0], STYLE)
    assert [r.id for r in rooms] == ["r69", "r3"]
    assert {s.room for s in also} == {r.id for r in day.rooms} - {"r69", "r3"}


# -- pages -----------------------------------------------------------------------------------

@pytest.mark.parametrize("name", BIG)
def test_grid_scale_at_most_twelve_glance_pages_a_day(name):
    for day, pages, _, lists in planned(name):
        assert len(pages) + len(lists) <= 12, (day.date, len(pages), len(lists))


@pytest.mark.parametrize("name", ALL)
def test_grid_scale_pages_earn_their_paper(name):
    """Every grid page but the day's last covers two hours of the day (or is full to its
    foot: no two hours of that day fit a page) and uses at least 35 % of its height; no
    page of empty columns."""
    for day, pages, _, _ in planned(name):
        for k, p in enumerate(pages):
            assert p.top or any(b.cell.kind in ("talk", "group") for b in p.boxes), \
                (day.date, k)
            if k == len(pages) - 1 or (k == len(pages) - 2 and p.side == 0
                                       and pages[-1].side == 1):
                continue  # the day's last page (or spread)
            assert p.used >= 0.35 * p.size[1], (day.date, k, p.used / p.size[1])
            start, end = p.times
            assert end - start >= timedelta(hours=2) or p.used >= 0.9 * p.size[1], \
                (day.date, k, start, end)


def test_grid_scale_day_that_fits_a_page_is_one_page_and_a_split_day_fills_its_pages():
    days_ = planned("kvm")
    monday, tuesday = days_[0][1], days_[1][1]
    assert len(monday) == 1
    assert len(tuesday) == 2
    for p in tuesday:
        assert p.used >= 0.8 * p.size[1], p.used / p.size[1]


# -- cells -----------------------------------------------------------------------------------

def test_grid_scale_many_at_once_in_one_room_are_one_cell_not_slivers():
    posters = [_talk(f"poster{i}", "r0", 14, 0, 90, title=f"Poster number {i} about a topic")
               for i in range(14)]
    others = [_talk(f"t{i}", "r1", 10 + i, 0, 45) for i in range(6)]
    pair = [_talk("x", "r2", 14, 0, 60), _talk("y", "r2", 14, 30, 60),
            _talk("z", "r2", 14, 45, 60)]
    conf = _conf(posters + others + pair)
    (day,) = days(conf)
    pages = grid.plan(conf, day, day.rooms, A5, STYLE, lambda s: REF)
    boxes = [b for p in pages for b in p.boxes]
    groups = [b for b in boxes if b.cell.kind == "group"]
    assert len(groups) == 1
    assert {m.id for m in groups[0].cell.members} == {f"poster{i}" for i in range(14)}
    assert not any(b.cell.session.id.startswith("poster") for b in boxes)
    col = (A5[0] - STYLE.time_column) / len(pages[0].rooms)
    assert min(b.w for b in boxes) >= col / grid.MAX_LANES - STYLE.gap - 0.01
    # Three at once stay side by side in lanes.
    lanes = {b.cell.session.id: b for b in boxes if b.cell.session.id in "xyz"}
    assert len(lanes) == 3 and len({round(b.x) for b in lanes.values()}) >= 2
    # The booklet lists the posters under "Also today".
    pages, also = booklet_grid.day_pages(conf, day, STYLE, GEOMETRY, TITLE, REF)
    assert {f"poster{i}" for i in range(14)} <= {s.id for s in also}


def test_grid_scale_time_labels_never_touch():
    """Staggered starts five minutes apart: the labels that would touch are left out."""
    sessions = [_talk(f"s{r}-{k}", f"r{r}", 9 + k, 5 * r, 25) for r in range(3)
                for k in range(8)]
    conf = _conf(sessions)
    (day,) = days(conf)
    height = fonts.ascent(STYLE.axis.font, STYLE.axis.size) + fonts.descent(
        STYLE.axis.font, STYLE.axis.size)
    dropped = 0
    for name in ("fosdem2025", "fosdem2021", None):
        plans = [p for _, ps, _, _ in planned(name) for p in ps] if name else \
            grid.plan(conf, day, day.rooms, A5, STYLE)
        for p in plans:
            labelled = sorted((m.y for m in p.marks if m.label), reverse=True)
            assert all(a - b > height for a, b in pairwise(labelled)), p.day.date
            dropped += sum(1 for m in p.marks if not m.label)
    assert dropped


def test_grid_scale_all_day_only_for_events_spanning_the_programme():
    night = _talk("night", "r0", 3, 0, 360, title="All-night hardware hacking")
    desk = _talk("desk", "r1", 9, 0, 540, title="Info desk")
    talks = [_talk(f"t{i}", "r2", 9 + i, 0, 45) for i in range(9)]
    conf = _conf([night, desk, *talks])
    (day,) = days(conf)
    pages = grid.plan(conf, day, day.rooms, A5, STYLE)
    top = {b.cell.session.id: b for p in pages for b in p.top}
    assert set(top) == {"desk"}
    assert top["desk"].label == "All day"
    night_boxes = [b for p in pages for b in p.boxes if b.cell.session.id == "night"]
    assert night_boxes
    labels = [m.label for p in pages for m in p.marks if m.label]
    assert labels[0] == "03:00"


def test_grid_scale_continued_cell_repeats_its_title():
    sessions = [_talk("w", "r0", 9, 15, 240, title="A long workshop on a subject")]
    sessions += [_talk(f"u{k}", "r1", 8 + k // 2, 30 * (k % 2), 30) for k in range(16)]
    conf = _conf(sessions, rooms=2)
    (day,) = days(conf)
    pages = grid.plan(conf, day, day.rooms, (A5[0], A5[1] / 3), STYLE)
    assert len(pages) > 1
    continued = [b for p in pages for b in p.boxes if not b.text]
    assert continued
    for b in continued:
        said = " ".join(ln.text for ln in b.lines)
        if b.h > 40:
            assert b.cell.session.title in said, said
        assert "continue" in said
        inner = b.w - 2 * STYLE.pad - grid.STRIP
        assert all(fonts.width(ln.text, ln.style.font, ln.style.size) <= inner + 0.01
                   for ln in b.lines)
        assert grid.text_height(b.lines) <= b.h - 2 * STYLE.pad + 0.01


# -- colours and styles ----------------------------------------------------------------------

@pytest.mark.parametrize("name", ["fosdem2025", "fosdem2021"])
def test_grid_scale_rooms_get_distinct_colours(name):
    """The export gives no room colours: the theme's palette, a different hue for each
    column of a day."""
    assert all(r.colour is None for r in event(name).rooms)
    for day, pages, _, _ in planned(name):
        colours = {}
        for p in pages:
            colours.update(zip((r.id for r in p.rooms), p.colours, strict=True))
        assert len(set(colours.values())) == len(colours), (day.date, colours)
        assert set(colours.values()) <= set(STYLE.palette)


def test_grid_scale_room_colours_from_the_data_are_kept():
    conf = event("kvm")
    own = {r.id: r.colour for r in conf.rooms if r.colour}
    for _, pages, _, _ in planned("kvm"):
        for p in pages:
            for r, c in zip(p.rooms, p.colours, strict=True):
                assert c == own[r.id]


def test_grid_scale_keynote_is_a_main_event_and_a_break_is_not():
    _, pages, _, _ = planned("kvm")[0]
    bands = {b.cell.session.title: b for p in pages for b in p.boxes if b.cell.kind == "band"}
    keynote = next(t for t in bands if "Keynote" in t)
    coffee = next(t for t in bands if t.startswith("Break"))
    assert main_event(pages[0], bands[keynote].cell.session)
    assert not main_event(pages[0], bands[coffee].cell.session)


# -- the list ------------------------------------------------------------------------------

@pytest.mark.parametrize("name", BIG)
def test_grid_scale_also_today_by_start_time_at_the_grid_minimum_size(name):
    for _day, _, also, lists in planned(name):
        listed = [it.session for lp in lists for it in lp.items if it.session is not None]
        assert [s.id for s in listed] == [s.id for s in also]
        starts = [s.start for s in listed]
        assert starts == sorted(starts)
        for lp in lists:
            for it in lp.items:
                assert it.top <= lp.size[1] + 0.01 and it.top - it.h >= -0.01
                assert it.x + it.w <= A5[0] + 0.01
                if it.block is not None:
                    assert it.block.style.size == STYLE.min_size == 6.5


def test_grid_scale_a_page_covers_two_hours_rather_than_end_early_where_it_is_clean():
    """A dense first hour that ends cleanly at 10:00 does not make a page of its own when
    the page holds two hours."""
    sessions = [_talk(f"e{r}-{k}", f"r{r}", 9, 15 * k, 15,
                      title="An early short talk with a title of some length") for r in range(3)
                for k in range(4)]
    sessions += [_talk(f"l{r}-{k}", f"r{r}", 10 + k, 20 * r, 60, title="Long")
                 for r in range(3) for k in range(8)]
    conf = _conf(sessions)
    (day,) = days(conf)
    height = A5[1] * 0.5
    pages = grid.plan(conf, day, day.rooms, (A5[0], height), STYLE)
    assert len(pages) > 1
    first = pages[0]
    ends = max(b.cell.session.start for b in first.boxes if b.text)
    assert ends - _at(9) >= timedelta(hours=2), ends


def test_grid_typical_talk_length_is_the_median_statistics_gives():
    """rows._median stands in for statistics.median (not imported at start): the same value
    for odd and even counts, the even one the mean of the middle two."""
    import statistics
    from datetime import timedelta

    from printprog.layout.grid.rows import _median

    for minutes in ([30], [45, 30, 20], [30, 60], [20, 90, 30, 40], [5, 5, 5, 200]):
        values = [timedelta(minutes=m) for m in minutes]
        assert _median(values) == statistics.median(values)
