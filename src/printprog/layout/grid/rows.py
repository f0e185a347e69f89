"""The day's parts (what goes on top, across the columns, in each room's column), the cells
of a spread and its rows: the stretches between consecutive start and end times, and their
heights at a scale."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from itertools import pairwise

from ...core.records import Record, record
from ...schedule.model import Conference, Kind, Room, Session
from ...schedule.views import Day
from .cells import Line, band_lines, cell_lines, group_lines, text_height
from .style import ALL_DAY_SHARE, MAX_LANES, STRIP, GridStyle

# -- the day's parts ----------------------------------------------------------------------

@record(frozen=True)
class Parts(Record):
    """A day split for the grid: what goes on top, what spans the columns, what goes into
    which room's column."""

    top: tuple[Session, ...]
    bands: tuple[Session, ...]
    by_room: dict[str, tuple[Session, ...]]


def _median(values: list[timedelta]) -> timedelta:
    """statistics.median's value (the mean of the middle two of an even count), without
    importing statistics (fractions, decimal, random: 1 ms of every grid's start)."""
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def split_day(day: Day, style: GridStyle, rooms: tuple[Room, ...]) -> Parts:
    """Events far longer than the day's talks that also span most of the rest of its
    programme go on top ("all day": an open space from 10:00 to 18:00 would stretch every
    page); a long event outside the programme (a 03:00-09:00 night workshop) stays in its
    column at its time. Events for everyone span the columns, unless a talk in the grid
    runs at the same time, when they go on top too, so that nothing hides anything."""
    wanted = {r.id for r in rooms}
    talks = [s for s in day.talks if s.room in wanted]
    typical = _median([s.end - s.start for s in talks]) if talks else timedelta(hours=1)
    limit = max(style.all_day, typical * style.all_day_ratio)
    short = [s for s in talks if s.end - s.start < limit]
    rest = short or talks
    first, last = min((s.start for s in rest), default=None), max((s.end for s in rest),
                                                                   default=None)
    top = []
    if first is not None:
        span = (last - first) or timedelta(minutes=1)
        for s in talks:
            if s.end - s.start >= limit and \
                    min(s.end, last) - max(s.start, first) >= span * ALL_DAY_SHARE:
                top.append(s)
    on_top = {s.id for s in top}
    kept = [s for s in talks if s.id not in on_top]
    by_room: dict[str, list[Session]] = defaultdict(list)
    for s in kept:
        by_room[s.room].append(s)
    bands = []
    for b in day.plenary:
        beside = any(s.start < b.end and b.start < s.end for s in kept)
        (top if beside else bands).append(b)
    order = {s.id: i for i, s in enumerate(day.sessions)}
    return Parts(tuple(sorted(top, key=lambda s: order[s.id])), tuple(bands),
                 {k: tuple(v) for k, v in by_room.items()})


def clusters(sessions: tuple[Session, ...]) -> list[list[Session]]:
    """The room's sessions in runs that overlap one another (a session alone is a run of
    one), in start order."""
    out: list[list[Session]] = []
    end: datetime | None = None
    for s in sorted(sessions, key=lambda s: (s.start, s.end, s.id)):
        if end is None or s.start >= end:
            out.append([])
            end = s.end
        out[-1].append(s)
        end = max(end, s.end)
    return out


def lanes(sessions: tuple[Session, ...]) -> dict[str, tuple[int, int]]:
    """Side-by-side places for sessions that overlap in one room, as a calendar does:
    session id -> (lane, lanes of its cluster of overlapping sessions)."""
    out: dict[str, tuple[int, int]] = {}
    for run in clusters(sessions):
        free: list[datetime] = []  # per lane, when it is free again
        placed = []
        for s in run:
            lane = next((i for i, e in enumerate(free) if e <= s.start), len(free))
            free[lane:lane + 1] = [s.end]
            placed.append((s.id, lane))
        for sid, lane in placed:
            out[sid] = (lane, len(free))
    return out


def group_session(run: list[Session]) -> Session:
    """What stands for a run of more than :data:`MAX_LANES` sessions at once in one room:
    its span and how many; the sessions themselves go in the day's list."""
    start, end = min(s.start for s in run), max(s.end for s in run)
    return Session(id=f"group-{run[0].room}-{start:%Y%m%d%H%M}", title=f"{len(run)} sessions",
                   start=start, end=end, room=run[0].room, kind=Kind.OTHER)


# -- cells and rows -----------------------------------------------------------------------

@dataclass(frozen=True)
class Cell:
    """A session's place in a spread: page side, columns, its text and the rows it spans."""

    session: Session
    side: int  # 0: the spread's left (or only) page, 1: the right
    x: float  # from the page box's left edge
    w: float
    lines: tuple[Line, ...]
    ref_line: int  # the line the page reference sits beside (-1: none)
    kind: str  # "talk", "band" (across the columns), "top" (the all-day line) or "group"
    need: float  # height for its text, the padding and the gap around it
    first: int = 0  # first row
    last: int = 0  # last row (inclusive)
    members: tuple[Session, ...] = ()  # a group's sessions, listed after the grid


def cells(conf: Conference, parts: Parts, groups: list[tuple[Room, ...]], width: float,
          style: GridStyle, ref_for) -> list[Cell]:
    """The cells of one spread: each room's sessions in its column, side by side where they
    overlap (at most :data:`MAX_LANES` lanes: more at once are one group cell), and the
    events for everyone across every page's columns."""
    span = width - style.time_column
    out: list[Cell] = []
    for side, rooms in enumerate(groups):
        col = span / max(1, len(rooms))
        for i, room in enumerate(rooms):
            x0 = style.time_column + i * col
            for run in clusters(parts.by_room.get(room.id, ())):
                places = lanes(tuple(run))
                n = max(n for _, n in places.values())
                if n > MAX_LANES:
                    g = group_session(run)
                    lines, ref = group_lines(g, run, style, col - style.gap - 2 * style.pad
                                             - STRIP, ref_for(g))
                    out.append(Cell(g, side, x0, col, lines, ref, "group", need(lines, style),
                                    members=tuple(run)))
                    continue
                for s in run:
                    lane, n = places[s.id]
                    w = col / n
                    lines, ref = cell_lines(conf, s, style, w - style.gap - 2 * style.pad
                                            - STRIP, ref_for(s))
                    out.append(Cell(s, side, x0 + lane * w, w, lines, ref, "talk",
                                    need(lines, style)))
        for run in clusters(parts.bands):
            # Events for everyone at the same time (JuliaCon 2023 holds a lunch in each of
            # four rooms) share one band, each on its own lines, from the first's start to
            # the last's end: drawn as bands of their own, they were printed over one
            # another. The page reference is the first's.
            inner = span - style.gap - 2 * style.pad
            lines, ref = band_lines(conf, run[0], style, inner, ref_for(run[0]))
            for b in run[1:]:
                lines += band_lines(conf, b, style, inner, 0.0)[0]
            first = run[0] if len(run) == 1 else replace(
                run[0], start=min(b.start for b in run), end=max(b.end for b in run))
            out.append(Cell(first, side, style.time_column, span, lines, ref, "band",
                            need(lines, style)))
    return out


def need(lines: tuple[Line, ...], style: GridStyle) -> float:
    return text_height(lines) + 2 * style.pad + style.gap


@dataclass(frozen=True)
class Row:
    start: datetime
    end: datetime
    brk: bool  # a marked break: nothing on for a long while
    minutes: float


def rows(placed: list[Cell], style: GridStyle) -> tuple[list[Row], list[Cell]]:
    """The day's rows between consecutive start and end times, and the cells with the rows
    they span. A long event for everyone alone is drawn as half an hour (its real times
    printed in it) and what follows it until the next session is a break, as is any stretch
    of more than ``compress_gap`` with nothing on. A session of no length (a marker) gets a
    row of its own at its time, of no minutes: after what ends then, before what starts
    then; :func:`heights` makes it as tall as its text."""
    # A point is (time, 0); at the time of a session of no length also (time, 1): its row
    # runs from the one to the other, what ends then ends at the first, what starts then
    # starts at the second.
    ends: dict[int, datetime] = {}
    shortened: set[datetime] = set()
    for c in placed:
        end = c.session.end
        if c.kind == "band" and end - c.session.start > style.compress_band:
            end = c.session.start + timedelta(minutes=30)
            shortened.add(end)
        ends[id(c)] = end
    marked = {c.session.start for c in placed if ends[id(c)] == c.session.start}
    points = sorted({(c.session.start, 0) for c in placed} | {(e, 0) for e in ends.values()}
                    | {(t, 1) for t in marked})
    index = {t: i for i, t in enumerate(points)}
    covered = [0] * len(points)  # sessions running from point i to i + 1 (difference array)
    out_cells = []
    for c in placed:
        start, end = c.session.start, ends[id(c)]
        if end == start:
            first, last = index[(start, 0)], index[(start, 0)]
        else:
            first, last = index[(start, 1 if start in marked else 0)], index[(end, 0)] - 1
        covered[first] += 1
        covered[last + 1] -= 1
        out_cells.append(replace(c, first=first, last=last))
    out, running = [], 0
    for i, ((a, _), (b, _)) in enumerate(pairwise(points)):
        running += covered[i]
        empty = running == 0
        brk = empty and (b - a > style.compress_gap or a in shortened)
        out.append(Row(a, b, brk, (b - a).total_seconds() / 60))
    return out, out_cells


def heights(rows: list[Row], cells: list[Cell], scale: float, style: GridStyle) -> list[float]:
    """Row heights at ``scale`` pt per minute: each row its share of time (no more: a row
    too short for its time label leaves the label out, see :mod:`.pages`); then each row
    grows to fit the tallest cell that starts in it, the latest starts first, a cell's
    deficit (what the rows it spans lack) going to the row it starts in. That is the
    least total height that holds every cell's text: with staggered starts (a cell from
    10:30 to 10:55 beside one from 10:40 to 11:00) the growth sits where the text does,
    instead of being spread over rows that the next cell then needs again."""
    h = [style.break_height if r.brk else r.minutes * scale for r in rows]
    for c in sorted(cells, key=lambda c: (-c.first, c.last)):
        have = sum(h[c.first:c.last + 1])
        if have < c.need - 1e-6:
            h[c.first] += c.need - have
    return h
