"""The "Also today" list's planning (layout/grid/listing.py): its hour headings, and the
same plan however often a day's list is planned, in whatever colour."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from reportlab.lib.colors import black, red

from printprog.draw import fonts
from printprog.layout import grid
from printprog.layout.grid import listing
from printprog.schedule.model import Conference, Room, Session, Speaker
from printprog.theme.loader import load_theme

THEME = load_theme()
STYLE = grid.GridStyle.from_theme(THEME, THEME.sections.booklet.grid)
TZ = ZoneInfo("America/New_York")


def _conf(starts: list[datetime]) -> Conference:
    sessions = tuple(Session(id=f"t{i}", title=f"Talk {i} on a subject of some length",
                             room="r", start=start, end=start + timedelta(minutes=30),
                             speakers=("p",)) for i, start in enumerate(starts))
    return Conference(name="T", short_name="T", start_date=date(2030, 3, 9),
                      end_date=date(2030, 3, 10), timezone="America/New_York",
                      rooms=(Room(id="r", name="Room 1", order=0),),
                      speakers=(Speaker(id="p", name="Pat Speaker"),), sessions=sessions)


def _headings(pages) -> list[str]:
    return [it.lines[0].text for p in pages for it in p.items if it.session is None]


def test_list_hour_headings_are_wall_clock_hours_across_midnight_and_dst():
    """Each hour heading is the start's clock hour and the next one, "23:00–00:00" at
    midnight, and wall-clock hours on the night clocks go forward (2030-03-10, New York)."""
    fonts.register()
    night = datetime.combine(date(2030, 3, 9), time(23, 30), tzinfo=TZ)
    starts = [night, night + timedelta(hours=2, minutes=15),  # 01:45, then 03:45 EDT
              datetime.combine(date(2030, 3, 10), time(3, 45), tzinfo=TZ),
              datetime.combine(date(2030, 3, 10), time(9, 5), tzinfo=TZ)]
    conf = _conf(starts)
    pages = listing.plan_list(conf, conf.sessions, STYLE, 300, 500)
    assert _headings(pages) == ["23:00\u201300:00", "01:00\u201302:00", "03:00\u201304:00",
                                "09:00\u201310:00"]


def test_list_planned_again_is_the_same_plan_in_the_colour_asked():
    """A day's list planned twice (as choosing its grid's rooms does) and then in a colour:
    the same items in the same places each time, each entry's paragraph in the colour of
    its own plan, with the lines a fresh paragraph of its text gives."""
    fonts.register()
    start = datetime.combine(date(2030, 3, 9), time(9), tzinfo=TZ)
    conf = _conf([start + timedelta(minutes=7 * i) for i in range(120)])
    plans = [listing.plan_list(conf, conf.sessions, STYLE, 300, 400, ref_for=lambda s: 20,
                               colour=colour) for colour in (None, None, red, black)]

    def places(pages):
        return [[(it.session and it.session.id, it.x, it.top, it.w, it.h) for it in p.items]
                for p in pages]

    assert len(plans[0]) > 1
    assert all(places(p) == places(plans[0]) for p in plans)
    for pages, colour in zip(plans, (None, None, red, black), strict=True):
        blocks = [it.block for p in pages for it in p.items if it.block is not None]
        assert len(blocks) == 120
        assert all(b.style.colour == colour for b in blocks)
    fresh = listing.TextBlock(blocks[5].spans, blocks[5].style)
    assert fresh.texts(plans[3][0].items[1].w) == blocks[5].texts(plans[3][0].items[1].w)
