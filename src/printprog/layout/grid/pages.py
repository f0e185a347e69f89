"""Grid pages: the rows and cells of each spread placed on its pages, continued down the
day when it is taller than a page."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import timedelta

from ...core.units import mm
from ...schedule.model import Conference, Room
from ...schedule.views import Day
from .. import text as fit
from .cells import band_lines
from .rows import (
    Cell,
    Parts,
    Row,
    _cells,
    _need,
    _rows,
    chunks,
    fit_scale,
    heights,
    room_groups,
    split_day,
)
from .style import ROOM_LINES, GridStyle

# -- pages --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Box:
    """A cell as drawn on one page: bottom-left corner and size in the page box, the gap
    between cells taken off. ``text`` is False on the page a cell runs on to."""

    cell: Cell
    x: float
    y: float
    w: float
    h: float
    text: bool = True


@dataclass(frozen=True)
class Mark:
    """A rule across the grid at ``y``, labelled on the axis unless ``label`` is empty."""

    y: float
    label: str


@dataclass(frozen=True)
class GridPage:
    day: Day
    rooms: tuple[Room, ...]
    columns: tuple[tuple[float, float], ...]  # (x, width) per room
    names: tuple[fit.Fitted, ...]  # the rooms' names as fitted to their columns
    header: float  # height of the room header
    top: tuple[Box, ...]  # the all-day line, above the header
    boxes: tuple[Box, ...]
    marks: tuple[Mark, ...]
    breaks: tuple[float, ...]  # y of each marked break in the axis
    size: tuple[float, float]
    style: GridStyle
    rooms_note: str  # "rooms 4–6 of 24" when the day's rooms take several pages
    continued: bool  # the day began on an earlier page
    side: int  # 0: a left (or single) page of its spread, 1: a right one

    @property
    def grid_top(self) -> float:
        return self.size[1] - self.header - sum(b.h + self.style.gap for b in self.top)


def plan(conf: Conference, day: Day, rooms: tuple[Room, ...], size: tuple[float, float],
         style: GridStyle, ref_for=lambda s: 0.0, spreads: bool = True) -> list[GridPage]:
    """The day's grid pages for ``rooms``, each ``size`` (width, height) in points, in
    reading order: for each spread of rooms its pages, continued down the day when the day
    is taller than a page. ``ref_for(session)`` is the width of the page reference its
    cell carries (0: none)."""
    width = size[0]
    parts = split_day(day, style, rooms)
    groups = room_groups(rooms, width, style, spreads)
    step = 2 if spreads and len(groups) > 1 else 1
    pages: list[GridPage] = []
    before = 0
    for g in range(0, len(groups), step):
        pair = groups[g:g + step]
        notes = []
        for r in pair:
            notes.append(_rooms_note(before, len(r), len(rooms)) if len(groups) > 1 else "")
            before += len(r)
        pages += _spread(conf, day, parts, pair, notes, size, style, ref_for, not pages)
    return pages


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
            ref_for, first: bool) -> list[GridPage]:
    """The pages of one spread (or single page) of rooms; the all-day line goes on the
    day's first spread only."""
    width, height = size
    span = width - style.time_column
    heads = [_header(r, width, style) for r in pair]
    header = max(h[2] for h in heads)
    cells = _cells(conf, parts, pair, width, style, ref_for)
    rows, cells = _rows(cells, style)
    top = []
    for s in parts.top if first else ():
        lines, ref = band_lines(conf, s, style, span - style.gap - 2 * style.pad, ref_for(s))
        top.append(Cell(s, 0, style.time_column, span, lines, ref, "top", _need(lines, style)))
    top_h = sum(c.need for c in top)
    scale = fit_scale(rows, cells, height - header - top_h, style)
    h = heights(rows, cells, scale, style)
    pages = []
    for k, rng in enumerate(chunks(h, cells, height - header - top_h, height - header)
                            or [range(0)]):
        shown_top = top if k == 0 else []
        y = height - header - sum(c.need for c in shown_top)
        tops: dict[int, float] = {}
        for i in rng:
            tops[i] = y
            y -= h[i]
        for side, rooms in enumerate(pair):
            columns, names, _ = heads[side]
            pages.append(GridPage(
                day, rooms, columns, names, header, _top_boxes(shown_top, height, style),
                _boxes(cells, side, rng, tops, h, style),
                _marks(rows, rng, tops, h, style, _edges(cells, side)),
                tuple(tops[i] - h[i] / 2 for i in rng if rows[i].brk), size, style,
                notes[side], k > 0, side if len(pair) > 1 else 0))
    return pages


def _top_boxes(cells: list[Cell], height: float, style: GridStyle) -> tuple[Box, ...]:
    out, y, g = [], height, style.gap / 2
    for c in cells:
        out.append(Box(c, c.x + g, y - c.need + g, c.w - 2 * g, c.need - 2 * g))
        y -= c.need
    return tuple(out)


def _boxes(cells: list[Cell], side: int, rng: range, tops: dict[int, float], h: list[float],
           style: GridStyle) -> tuple[Box, ...]:
    out, g = [], style.gap / 2
    if not rng:
        return ()
    for c in cells:
        if c.side != side or c.last < rng.start or c.first >= rng.stop:
            continue
        a, b = max(c.first, rng.start), min(c.last, rng.stop - 1)
        top, bottom = tops[a], tops[b] - h[b]
        out.append(Box(c, c.x + g, bottom + g, c.w - 2 * g, top - bottom - 2 * g,
                       text=c.first >= rng.start))
    return tuple(out)


def _edges(cells: list[Cell], side: int) -> set[int]:
    """The rows where a session on this page starts, or ends (the next row's start)."""
    return {i for c in cells if c.side == side for i in (c.first, c.last + 1)}


def _marks(rows: list[Row], rng: range, tops: dict[int, float], h: list[float],
           style: GridStyle, edges: set[int]) -> tuple[Mark, ...]:
    """A rule at every row's start, labelled where a session on this page starts or ends
    (and at the page's top and after a break): the rows are shared by both pages of a
    spread, and the other page's times on this one only crowded its axis ("10:45" over
    "11:00" with nothing starting at 10:45 here). Inside a long row, rules on the half hour
    where they leave room for their label."""
    out: list[Mark] = []
    room = style.axis.leading
    for i in rng:
        r = rows[i]
        if r.brk:  # the end of what came before; the break itself is drawn dashed
            out.append(Mark(tops[i], ""))
            continue
        shown = i in edges or i == rng.start or rows[i - 1].brk
        out.append(Mark(tops[i], f"{r.start:%H:%M}" if shown else ""))
        t = r.start.replace(minute=0 if r.start.minute < 30 else 30, second=0, microsecond=0)
        t += timedelta(minutes=30)
        while t < r.end:
            y = tops[i] - h[i] * (t - r.start).total_seconds() / 60 / r.minutes
            if y - (tops[i] - h[i]) < room:
                break  # every later half hour is lower still
            if out[-1].y - y >= room:
                out.append(Mark(y, f"{t:%H:%M}"))
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


