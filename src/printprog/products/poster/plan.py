"""What goes on each sheet of a day poster, computed without a PDF (brief: "Day poster
(revised)"): one sheet per day, type scaled to fill it.

- A day that fits the sheet at the theme's sizes (``poster.grid``: titles 24 pt on A2, the
  floor) is one grid of all its rooms, grown by the largest factor up to ``poster.grow``
  that still fits: the type fills the sheet instead of 15 pt in empty cells. A day whose
  rooms fit across but whose length does not keeps its titles at the floor and sets the
  rest of the grid (times and speakers, bands, room names, axis, padding) smaller, down to
  ``poster.shrink`` times its floor; only a day that does not fit even so has its titles
  set smaller too (down to ``shrink`` times the floor), rather than split over two sheets.
  A poster cell puts its time and speakers on one line (``GridStyle.meta_line``).
- A bigger day: the main rooms (:func:`printprog.schedule.views.main_rooms`, as many as fit
  the sheet's width at the floor sizes) get the grid at the least height it needs, and every
  other session goes in an "Also today" list by start time (time, room, title, speakers) in
  columns under it, continued on further sheets only when the sheet cannot hold it. The
  list's type is the largest between ``poster.text.also`` and its floor that needs no more
  sheets than the floor does; then the grid grows into whatever height the list leaves.

Lengths in points; the grid is planned by :func:`printprog.layout.grid.plan`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields, replace

from reportlab.lib.colors import Color

from ...core.records import Record, record
from ...core.report import Report
from ...core.units import mm, paper
from ...draw import bidi, fonts
from ...draw.qr import qr_quiet
from ...draw.urls import short_url
from ...layout import grid
from ...layout import text as fit
from ...layout.text import Fitted
from ...schedule.labels import day_label
from ...schedule.model import Conference, Session
from ...schedule.views import Day, main_rooms, people_names
from ...theme.loader import TextStyle, Theme

TEXTS = ("event", "date", "url", "note", "also_head", "also_time", "also")
#: Sizes of the "Also today" list tried between its top (1) and its floor (0).
LIST_STEPS = 10
#: Below this height a sheet's list columns are not worth starting (points).
LEAST_LIST = mm(50)


@record(frozen=True)
class PosterStyle(Record):
    """The theme's ``poster`` section scaled to the paper, in points."""

    page: tuple[float, float]
    margin: float
    band: float
    qr: float  # printed symbol side, quiet zone not included
    header_gap: float
    footer_gap: float
    text: dict[str, TextStyle]
    min: dict[str, float]
    colour: dict[str, Color]
    grid: grid.GridStyle  # at the floor sizes
    grow: float  # the grid's type grows by up to this factor to fill the sheet
    shrink: float  # and shrinks by down to this one to keep a long day on one sheet
    also_column: float  # least width of an "Also today" column
    also_gap: float  # between list entries, and between list columns

    @classmethod
    def from_theme(cls, theme: Theme, paper_name: str | None = None) -> PosterStyle:
        sec = theme.sections.poster
        name = (paper_name or sec.paper).lower()
        k = float(dict(sec.paper_scale).get(name, 1.0))
        return cls(
            page=paper(name, landscape=bool(sec.landscape)),
            # The margin keeps text off the trim on any paper, so it is never scaled down.
            margin=max(mm(sec.margin) * k, mm(sec.margin)),
            # The QR code keeps the brief's 40 mm on every paper.
            band=mm(sec.band) * k, qr=max(mm(40), mm(sec.qr_size) * k),
            header_gap=mm(sec.header_gap) * k, footer_gap=mm(sec.footer_gap) * k,
            text={n: (s := theme.sections.poster.text[n]).at(s.size * k) for n in TEXTS},
            min={n: float(dict(sec.min)[n]) * k for n in TEXTS},
            colour={n: theme.colour(str(v)) for n, v in dict(sec.colours).items()},
            # Time and speakers on one line: see GridStyle.meta_line.
            grid=replace(scaled(grid.GridStyle.from_theme(theme, theme.sections.poster.grid),
                                k), meta_line=True),
            grow=sec.grow, shrink=sec.shrink, also_column=mm(sec.also_column) * k,
            also_gap=mm(sec.also_gap) * k)


def scaled(style: grid.GridStyle, k: float) -> grid.GridStyle:
    """Every type size and length of a grid style times ``k`` (minutes stay minutes)."""
    changes: dict[str, object] = {}
    for f in fields(style):
        value = getattr(style, f.name)
        if isinstance(value, TextStyle):
            changes[f.name] = value.at(value.size * k)
        elif isinstance(value, float):
            changes[f.name] = value * k
    return replace(style, **changes)


@dataclass(frozen=True)
class AlsoEntry:
    session: Session
    time: str  # the start, in the time column
    text: Fitted  # room, title and speakers, wrapped beside it
    height: float


@dataclass(frozen=True)
class AlsoList:
    """One sheet's part of the "Also today" list: its heading, and its columns from ``top``
    down."""

    heading: Fitted
    columns: tuple[tuple[AlsoEntry, ...], ...]
    time: TextStyle
    time_w: float  # width of the time column
    col_w: float
    top: float  # y of the heading's top


@dataclass(frozen=True)
class Page:
    """One poster sheet, placed: header and footer texts, the grid and the list between."""

    day: Day
    event: Fitted
    date: Fitted
    url: Fitted | None
    notes: tuple[Fitted, ...]
    footer_text: float  # height of the URL and notes stack
    grid: grid.GridPage | None  # None: a sheet of the list alone
    grid_y: float  # bottom of the grid's box
    link: str  # what the QR code holds: the day's schedule page (urls.day_url), or ''
    grow: float = 1.0  # the grid's type over the floor sizes
    also: AlsoList | None = None


def _also_entries(conf: Conference, sessions: list[Session], st: PosterStyle, factor: float,
                  col_w: float) -> tuple[TextStyle, float, list[AlsoEntry]]:
    def at(key: str) -> TextStyle:
        s = st.text[key]
        return s.at(round(st.min[key] + (s.size - st.min[key]) * factor, 2))

    t, body = at("also_time"), at("also")
    time_w = fonts.width("00:00", t.font, t.size) + st.also_gap
    out = []
    for s in sessions:
        who = people_names(conf, s, 3)
        text = f"{bidi.isolate(conf.room_by_id[s.room].name)} \u00b7 {bidi.isolate(s.title)}"
        if who:
            text += f" \u2014 {bidi.isolate(who)}"
        fitted = fit.fit(text, body, col_w - time_w)
        out.append(AlsoEntry(s, f"{s.start:%H:%M}", fitted,
                             max(fitted.height, fonts.ascent(t.font, t.size)
                                 + fonts.descent(t.font, t.size))))
    return t, time_w, out


def _columns(entries: list[AlsoEntry], heights: list[float], gap: float
             ) -> list[list[AlsoEntry]]:
    """Columns filled top to bottom, the i-th ``heights[i]`` tall (the last height for the
    rest)."""
    cols: list[list[AlsoEntry]] = [[]]
    used = 0.0
    for e in entries:
        room = heights[min(len(cols) - 1, len(heights) - 1)]
        step = e.height + (gap if cols[-1] else 0.0)
        if cols[-1] and used + step > room + 1e-6:
            cols.append([])
            used, step = 0.0, e.height
        cols[-1].append(e)
        used += step
    return cols


def plan(conf: Conference, day: Day, st: PosterStyle, report: Report, url: str) -> list[Page]:
    """The day's sheets: header at the top, footer at the bottom, the grid (and the list of
    what the grid has no room for) between."""
    width, height = st.page
    inner = width - 2 * st.margin
    text_w = inner - (st.qr + 2 * qr_quiet(st.qr, url) + st.footer_gap if url else 0)

    def one(text: str, key: str, w: float, lines: int = 1) -> Fitted:
        return fit.fit(text, st.text[key], w, max_lines=lines, min_size=st.min[key],
                       report=report, what=f"poster {day.date.isoformat()}: {text[:40]}")

    event = one(conf.name, "event", inner, 2)
    label = one(day_label(day.date), "date", inner)
    link = one(short_url(url), "url", text_w) if url else None
    offsite = dict.fromkeys(conf.room_by_id[s.room] for s in day.sessions)
    iso = bidi.isolate  # each piece keeps its own direction (a Hebrew name, a Latin street)
    notes = tuple(one(f"{iso(r.name)}: {iso(r.address)}", "note", text_w, 2)
                  for r in offsite if r.offsite)
    footer_text = (link.height if link else 0) + sum(n.height + st.footer_gap for n in notes)
    footer = max(footer_text, st.qr + qr_quiet(st.qr, url) if url else 0)
    top = height - st.margin - event.height - label.height - st.header_gap
    bottom = st.margin + footer + st.header_gap
    area = top - bottom

    def page(g: grid.GridPage | None, grow: float, also: AlsoList | None,
             grid_y: float = bottom) -> Page:
        return Page(day, event, label, link, notes, footer_text, g, grid_y, url, grow, also)

    rooms = _rooms(conf, day)
    layout = _Layout(conf, day, st, inner)
    if layout.fits(rooms, 1.0, area):
        grow = layout.largest(rooms, area)
        return [page(layout.grid(rooms, grow, area), grow, None)]
    per_page = max(1, int((inner - st.grid.time_column) // st.grid.min_column))
    if len(rooms) <= per_page and layout.fits(rooms, st.shrink, area, titles=True):
        # Every room fits across, only the day is too long: the titles, read from across
        # the hall, keep the floor, and the rest of the grid's type and spacing gives way,
        # down to ``shrink`` times its floor.
        grow = layout.largest(rooms, area, st.shrink, 1.0, titles=True)
        return [page(layout.grid(rooms, grow, area, titles=True), grow, None)]
    if len(rooms) <= per_page and layout.fits(rooms, st.shrink, area):
        # Still too long: one sheet at a little less than the floor beats a grid of one
        # room and a list of the others on two.
        grow = layout.largest(rooms, area, st.shrink)
        return [page(layout.grid(rooms, grow, area), grow, None)]
    # The most main rooms that fit at the floor sizes; else at the smallest; else none
    # (a main stage too full for the sheet is listed with the rest).
    shown, least = (), 1.0
    for least in (1.0, st.shrink):
        n = min(len(rooms), per_page)
        while n and not layout.fits(rooms[:n], least, area):
            n -= 1
        if n:
            shown = rooms[:n]
            break
    ids = {r.id for r in shown}
    rest = [s for s in day.talks if s.room not in ids]
    return _with_list(layout, shown, least, rest, area, top, bottom, page)


def _rooms(conf: Conference, day: Day) -> tuple:
    """The day's rooms, main stages first; rooms ``grid_rooms`` leaves out come last."""
    main = main_rooms(conf, day)
    return (*main, *(r for r in day.rooms if r not in main))


class _Layout:
    """Grid trials for one day on one sheet width."""

    def __init__(self, conf: Conference, day: Day, st: PosterStyle, inner: float):
        self.conf, self.day, self.st, self.inner = conf, day, st, inner

    def style(self, grow: float, titles: bool = False) -> grid.GridStyle:
        """The grid's style at ``grow`` times its floor; with ``titles`` the titles stay at
        their floor size whatever ``grow`` is."""
        style = scaled(self.st.grid, grow)
        return replace(style, title=self.st.grid.title) if titles else style

    def grid(self, rooms: tuple, grow: float, h: float,
             titles: bool = False) -> grid.GridPage | None:
        pages = grid.plan(self.conf, self.day, rooms, (self.inner, h),
                          self.style(grow, titles), spreads=False)
        return pages[0] if len(pages) == 1 else None

    def fits(self, rooms: tuple, grow: float, h: float, titles: bool = False) -> bool:
        return h > 0 and self.grid(rooms, grow, h, titles) is not None

    def largest(self, rooms: tuple, h: float, lo: float = 1.0, hi: float | None = None,
                titles: bool = False) -> float:
        """The largest grow factor from ``lo`` up to ``hi`` (the theme's ``grow``) at which
        ``rooms`` fit ``h`` (``lo`` when none does); ``titles`` as in :meth:`style`."""
        hi = self.st.grow if hi is None else hi
        start = lo
        if self.fits(rooms, hi, h, titles):
            return hi
        for _ in range(7):
            mid = (lo + hi) / 2
            lo, hi = (mid, hi) if self.fits(rooms, mid, h, titles) else (lo, mid)
        # Down, never up: a factor rounded up past the one that fits may not fit.
        return max(math.floor(lo * 1000) / 1000, start)

    def least_height(self, rooms: tuple, h: float, grow: float) -> float:
        """The least height (up to ``h``) in which ``rooms`` fit at ``grow``; 0 for no
        rooms."""
        if not rooms:
            return 0.0
        lo, hi = 0.0, h
        for _ in range(12):
            mid = (lo + hi) / 2
            lo, hi = (lo, mid) if self.fits(rooms, grow, mid) else (mid, hi)
        return hi


def _with_list(layout: _Layout, shown: tuple, least: float, rest: list[Session], area: float,
               top: float, bottom: float, page) -> list[Page]:
    """The grid of ``shown`` (at ``least`` times the floor sizes or more) on the first sheet
    with as much of the list under it as fits, the rest of the list on further sheets."""
    st = layout.st
    head = fit.fit("Also today", st.text["also_head"], layout.inner)
    head_h = head.height + st.also_gap
    ncols = max(1, int((layout.inner + st.also_gap) // (st.also_column + st.also_gap)))
    col_w = (layout.inner - st.also_gap * (ncols - 1)) / ncols
    grid_h = layout.least_height(shown, area, least)
    gap = st.header_gap if shown else 0.0
    first = area - grid_h - gap - head_h  # the list's height under the grid
    later = area - head_h

    def split(factor: float):
        t, time_w, entries = _also_entries(layout.conf, rest, st, factor, col_w)
        heights = ([first] * ncols if first >= LEAST_LIST else []) + [later]
        cols = _columns(entries, heights, st.also_gap)
        on_first = ncols if first >= LEAST_LIST else 0
        sheets = 1 + -(-max(0, len(cols) - on_first) // ncols)
        return sheets, t, time_w, cols, on_first

    fewest = split(0.0)[0]
    k = next(k for k in range(LIST_STEPS, -1, -1) if split(k / LIST_STEPS)[0] <= fewest)
    _, t, time_w, cols, on_first = split(k / LIST_STEPS)
    mine = cols[:on_first]
    used = max((sum(e.height for e in c) + st.also_gap * (len(c) - 1) for c in mine),
               default=-head_h - st.header_gap)
    # The grid grows into what the list leaves of the first sheet.
    grid_room = area - used - head_h - gap
    grow = layout.largest(shown, grid_room, least) if shown else 1.0
    g = layout.grid(shown, grow, grid_room) if shown else None
    out = [page(g, grow, AlsoList(head, tuple(map(tuple, mine)), t, time_w, col_w,
                                  bottom + used + head_h) if mine else None,
                bottom + area - grid_room)]
    for i in range(on_first, len(cols), ncols):
        out.append(page(None, 1.0, AlsoList(head, tuple(map(tuple, cols[i:i + ncols])), t,
                                            time_w, col_w, top)))
    return out
