"""Grid pages: the rows and cells of each spread placed on its pages, continued down the
day when it is taller than a page (:mod:`.split` says where, and at what scale)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from ...core.records import Record, record
from ...core.units import mm
from ...schedule.model import Conference, Room
from ...schedule.views import Day
from .. import text as fit
from .cells import Line, band_lines, continued_lines, text_height
from .rooms import room_colours, room_groups
from .rows import Cell, Parts, Row, cells, heights, need, rows, split_day
from .split import chunks, page_heights, text_parts
from .style import ROOM_LINES, STRIP, GridStyle

# -- pages --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Box:
    """A cell as drawn on one page: bottom-left corner and size in the page box, the gap
    between cells taken off. ``text`` is False on the page a cell runs on to, where
    ``lines`` repeat what fits of its text ("continued"). ``label`` names a box of the line
    above the grid ("All day", or "Also" for an event for everyone while talks run)."""

    cell: Cell
    x: float
    y: float
    w: float
    h: float
    text: bool = True
    lines: tuple[Line, ...] = ()
    label: str = ""


@dataclass(frozen=True)
class Mark:
    """A rule across the grid at ``y``, labelled on the axis unless ``label`` is empty."""

    y: float
    label: str


@record(frozen=True)
class GridPage(Record):
    day: Day
    rooms: tuple[Room, ...]
    columns: tuple[tuple[float, float], ...]  # (x, width) per room
    names: tuple[fit.Fitted, ...]  # the rooms' names as fitted to their columns
    header: float  # height of the room header
    top: tuple[Box, ...]  # the all-day line, under the header
    boxes: tuple[Box, ...]
    marks: tuple[Mark, ...]
    breaks: tuple[float, ...]  # y of each marked break in the axis
    size: tuple[float, float]
    style: GridStyle
    rooms_note: str  # "rooms 4–6 of 24" when the day's rooms take several pages
    continued: bool  # the day began on an earlier page
    side: int  # 0: a left (or single) page of its spread, 1: a right one
    colours: tuple[str, ...] = ()  # per room: its colour (a theme colour name or literal)
    used: float = 0.0  # from the box's top down to the grid's last row
    times: tuple[datetime, datetime] | None = None  # the first row's start, the last's end

    @property
    def grid_top(self) -> float:
        return self.size[1] - self.header - sum(b.h + self.style.gap for b in self.top)

    def colour_of(self, room_id: str) -> str | None:
        for room, colour in zip(self.rooms, self.colours, strict=False):
            if room.id == room_id:
                return colour
        return None


def plan(conf: Conference, day: Day, rooms: tuple[Room, ...], size: tuple[float, float],
         style: GridStyle, ref_for=lambda s: 0.0, spreads: bool = True,
         colours: dict[str, str] | None = None) -> list[GridPage]:
    """The day's grid pages for ``rooms``, each ``size`` (width, height) in points, in
    reading order: for each spread of rooms its pages, continued down the day when the day
    is taller than a page. ``ref_for(session)`` is the width of the page reference its
    cell carries (0: none). ``colours``: room id -> colour (default: :func:`room_colours`
    of this day's rooms). A page whose columns hold nothing is left out."""
    width = size[0]
    parts = split_day(day, style, rooms)
    # A room whose only event went to the all-day line (an info desk open all day) gets
    # no column of its own: it would be empty on every page.
    rooms = tuple(r for r in rooms if r.id in parts.by_room) or rooms
    groups = room_groups(rooms, width, style, spreads)
    if colours is None:
        colours = room_colours(conf, [rooms], style.palette)
    step = 2 if spreads and len(groups) > 1 else 1
    pages: list[GridPage] = []
    before = 0
    for g in range(0, len(groups), step):
        pair = groups[g:g + step]
        notes = []
        for r in pair:
            notes.append(_rooms_note(before, len(r), len(rooms)) if len(groups) > 1 else "")
            before += len(r)
        pages += _spread(conf, day, parts, pair, notes, size, style, ref_for, not pages,
                         colours)
    kept = [p for p in pages if p.top or any(b.cell.kind in ("talk", "group") for b in p.boxes)]
    return kept or pages[:1]


def _rooms_note(before: int, count: int, total: int) -> str:
    if count == 1:
        return f"room {before + 1} of {total}"
    return f"rooms {before + 1}\u2013{before + count} of {total}"


def _header(rooms: tuple[Room, ...], width: float, style: GridStyle):
    col = (width - style.time_column) / max(1, len(rooms))
    columns = tuple((style.time_column + i * col, col) for i in range(len(rooms)))
    names = tuple(fit.fit(r.name, style.room, col - 2 * style.pad, max_lines=ROOM_LINES,
                          min_size=style.min_size) for r in rooms)
    height = max((n.height for n in names), default=0.0) + 2 * style.pad + mm(1.6)
    return columns, names, height


def _spread(conf: Conference, day: Day, parts: Parts, pair: list[tuple[Room, ...]],
            notes: list[str], size: tuple[float, float], style: GridStyle,
            ref_for, first: bool, colours: dict[str, str]) -> list[GridPage]:
    """The pages of one spread (or single page) of rooms; the all-day line goes on the
    day's first spread only."""
    width, height = size
    span = width - style.time_column
    heads = [_header(r, width, style) for r in pair]
    header = max(h[2] for h in heads)
    day_rows, placed = rows(cells(conf, parts, pair, width, style, ref_for), style)
    top = []
    for s in parts.top if first else ():
        lines, ref = band_lines(conf, s, style, span - style.gap - 2 * style.pad, ref_for(s))
        top.append(Cell(s, 0, style.time_column, span, lines, ref, "top", need(lines, style)))
    top_h = sum(c.need for c in top)
    first_room, room = height - header - top_h, height - header
    ranges, grown = chunks(day_rows, heights(day_rows, placed, style.min_scale, style),
                           placed, first_room, room)
    ranges = ranges or [range(0)]
    h, _ = page_heights(day_rows, placed, ranges, [first_room] + [room] * (len(ranges) - 1),
                        style, grown)
    text_at = text_parts(ranges, placed, h)  # the first page that holds the text, as set
    pages = []
    for k, rng in enumerate(ranges):
        shown_top = top if k == 0 else []
        y = height - header - sum(c.need for c in shown_top)
        tops: dict[int, float] = {}
        for i in rng:
            tops[i] = y
            y -= h[i]
        for side, rooms in enumerate(pair):
            columns, names, _ = heads[side]
            pages.append(GridPage(
                day, rooms, columns, names, header, _top_boxes(shown_top, height - header, style),
                _boxes(placed, text_at, k, side, rng, tops, h, style),
                _marks(day_rows, rng, tops, h, style, _edges(placed, side), y),
                tuple(tops[i] - h[i] / 2 for i in rng if day_rows[i].brk), size, style,
                notes[side], k > 0, side if len(pair) > 1 else 0,
                tuple(colours.get(r.id, style.palette[0]) for r in rooms), height - y,
                (day_rows[rng.start].start, day_rows[rng.stop - 1].end) if rng else None))
    return pages


def _top_boxes(top: list[Cell], height: float, style: GridStyle) -> tuple[Box, ...]:
    out, y, g = [], height, style.gap / 2
    for c in top:
        s = c.session
        label = "All day" if c.kind == "top" and not s.plenary and \
            s.end - s.start >= style.all_day else "Also"
        out.append(Box(c, c.x + g, y - c.need + g, c.w - 2 * g, c.need - 2 * g, True,
                       c.lines, label))
        y -= c.need
    return tuple(out)


def _boxes(placed: list[Cell], text_at: list[int], page: int, side: int, rng: range,
           tops: dict[int, float], h: list[float], style: GridStyle) -> tuple[Box, ...]:
    """The boxes of the cells on this page's rows and side: the page that prints a cell's
    text (:func:`.split.text_parts`) has it all; its other pages repeat what fits of it,
    marked "continued" after it, "continues" before it."""
    out, g = [], style.gap / 2
    if not rng:
        return ()
    for c, at in zip(placed, text_at, strict=True):
        if c.side != side or c.last < rng.start or c.first >= rng.stop:
            continue
        a, b = max(c.first, rng.start), min(c.last, rng.stop - 1)
        top, bottom = tops[a], tops[b] - h[b]
        box_h = top - bottom - 2 * g
        lines = c.lines
        if at != page:
            inner = c.w - 2 * g - 2 * style.pad - (STRIP if c.kind != "band" else 0)
            lines = continued_lines(c.lines, style, inner, box_h - 2 * style.pad,
                                    "continued" if at < page else "continues")
        out.append(Box(c, c.x + g, bottom + g, c.w - 2 * g, box_h, at == page, lines))
    return tuple(out)


def _edges(placed: list[Cell], side: int) -> set[int]:
    """The rows where a session on this page starts, or ends (the next row's start)."""
    return {i for c in placed if c.side == side for i in (c.first, c.last + 1)}


def _marks(day_rows: list[Row], rng: range, tops: dict[int, float], h: list[float],
           style: GridStyle, edges: set[int], bottom: float) -> tuple[Mark, ...]:
    """A rule at every row's start, labelled where a session on this page starts or ends
    (and at the page's top and after a break; once where a session of no length has a
    row at the time the next row starts): the rows are shared by both pages of a
    spread, and the other page's times on this one only crowded its axis. Inside a long
    row, rules on the half hour. A label that would touch the one above it (or run below
    the grid) is left out: staggered starts five minutes apart do not all get one."""
    out: list[Mark] = []
    room = style.axis.size * 1.25  # a label's height and a little air
    last_label = float("inf")

    def add(y: float, label: str) -> None:
        nonlocal last_label
        if label and (last_label - y < room or y - room < bottom - 1e-6):
            label = ""
        if label:
            last_label = y
        out.append(Mark(y, label))

    for i in rng:
        r = day_rows[i]
        if r.brk:  # the end of what came before; the break itself is drawn dashed
            add(tops[i], "")
            continue
        shown = i in edges or i == rng.start or day_rows[i - 1].brk
        if i > rng.start and day_rows[i - 1].start == r.start:
            shown = False  # after the row of a session of no length: its time is labelled
        add(tops[i], f"{r.start:%H:%M}" if shown else "")
        t = r.start.replace(minute=0 if r.start.minute < 30 else 30, second=0, microsecond=0)
        t += timedelta(minutes=30)
        while t < r.end:
            y = tops[i] - h[i] * (t - r.start).total_seconds() / 60 / r.minutes
            if y - (tops[i] - h[i]) < room:
                break  # every later half hour is lower still
            if out[-1].y - y >= room:
                add(y, f"{t:%H:%M}")
                t += timedelta(minutes=30)
            else:  # straight to the first half hour with room below the last rule: a
                # week-long row is as quick as an hour's (one step a half hour was not)
                below = (tops[i] - out[-1].y + room) / h[i] * r.minutes  # minutes in
                ahead = (r.start - t).total_seconds() / 60 + below
                steps = max(1, math.ceil(ahead / 30 - 1e-9))  # short, not past: re-checked
                if steps * 30 > (r.end - t).total_seconds() / 60:
                    break
                t += timedelta(minutes=30 * steps)
    if rng:
        last = rng.stop - 1
        out.append(Mark(tops[last] - h[last], ""))
    return tuple(out)


__all__ = ["Box", "GridPage", "Mark", "plan", "text_height"]
