"""The day's parts (all-day line, bands, room columns with side-by-side lanes), the elastic
rows between consecutive start and end times, their heights and where pages end."""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from itertools import pairwise
from statistics import median

from ...schedule.model import Conference, Room, Session
from ...schedule.views import Day
from .cells import Line, band_lines, cell_lines, text_height
from .style import STRIP, GridStyle

# -- the day's parts ----------------------------------------------------------------------

@dataclass(frozen=True)
class Parts:
    """A day split for the grid: what goes on top, what spans the columns, what goes into
    which room's column."""

    top: tuple[Session, ...]
    bands: tuple[Session, ...]
    by_room: dict[str, tuple[Session, ...]]


def split_day(day: Day, style: GridStyle, rooms: tuple[Room, ...]) -> Parts:
    """Events far longer than the day's talks go on top (an all-night workshop would stretch
    every page of the day); events for everyone span the columns, unless a talk in the grid
    runs at the same time, when they go on top too, so that nothing hides anything."""
    wanted = {r.id for r in rooms}
    talks = [s for s in day.talks if s.room in wanted]
    typical = median(s.end - s.start for s in talks) if talks else timedelta(hours=1)
    limit = max(style.all_day, typical * style.all_day_ratio)
    kept = [s for s in talks if s.end - s.start < limit]
    top = [s for s in talks if s.end - s.start >= limit]
    by_room: dict[str, list[Session]] = defaultdict(list)
    for s in kept:
        by_room[s.room].append(s)
    spans = sorted((s.start, s.end) for s in kept)
    starts = [a for a, _ in spans]
    reach: list[datetime] = []  # latest end among the spans so far
    for _, e in spans:
        reach.append(max(reach[-1], e) if reach else e)
    bands = []
    for b in day.plenary:
        i = bisect_left(starts, b.end)  # spans starting before the band ends
        (top if i and reach[i - 1] > b.start else bands).append(b)
    order = {s.id: i for i, s in enumerate(day.sessions)}
    return Parts(tuple(sorted(top, key=lambda s: order[s.id])), tuple(bands),
                 {k: tuple(v) for k, v in by_room.items()})


def lanes(sessions: tuple[Session, ...]) -> dict[str, tuple[int, int]]:
    """Side-by-side places for sessions that overlap in one room, as a calendar does:
    session id -> (lane, lanes of its cluster of overlapping sessions)."""
    out: dict[str, tuple[int, int]] = {}
    cluster: list[tuple[str, int]] = []
    free: list[datetime] = []  # per lane, when it is free again
    cluster_end: datetime | None = None

    def close() -> None:
        for sid, lane in cluster:
            out[sid] = (lane, len(free))

    for s in sorted(sessions, key=lambda s: (s.start, s.end, s.id)):
        if cluster_end is not None and s.start >= cluster_end:
            close()
            cluster, free = [], []
            cluster_end = None
        lane = next((i for i, e in enumerate(free) if e <= s.start), len(free))
        free[lane:lane + 1] = [s.end]
        cluster.append((s.id, lane))
        cluster_end = s.end if cluster_end is None else max(cluster_end, s.end)
    close()
    return out


def room_groups(rooms: tuple[Room, ...], width: float, style: GridStyle,
                spreads: bool) -> list[tuple[Room, ...]]:
    """Rooms per page, at least ``min_column`` each, as evenly as they go. Pages that share
    a day pair up into facing spreads, so their number is made even when it can be."""
    if not rooms:
        return [()]
    per_page = max(1, int((width - style.time_column) // style.min_column))
    pages = -(-len(rooms) // per_page)
    if spreads and pages > 1 and pages % 2 and pages < len(rooms):
        pages += 1
    size, extra = divmod(len(rooms), pages)
    out, i = [], 0
    for p in range(pages):
        n = size + (p < extra)
        out.append(rooms[i:i + n])
        i += n
    return out


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
    kind: str  # "talk", "band" (across the columns) or "top" (the all-day line)
    need: float  # height for its text, the padding and the gap around it
    first: int = 0  # first row
    last: int = 0  # last row (inclusive)


@dataclass(frozen=True)
class Row:
    start: datetime
    end: datetime
    brk: bool  # a marked break: nothing on for a long while
    minutes: float


def _cells(conf: Conference, parts: Parts, groups: list[tuple[Room, ...]], width: float,
           style: GridStyle, ref_for) -> list[Cell]:
    span = width - style.time_column
    out: list[Cell] = []
    for side, rooms in enumerate(groups):
        col = span / max(1, len(rooms))
        for i, room in enumerate(rooms):
            sessions = parts.by_room.get(room.id, ())
            places = lanes(sessions)
            for s in sessions:
                lane, n = places[s.id]
                w = col / n
                x = style.time_column + i * col + lane * w
                lines, ref = cell_lines(conf, s, style, w - style.gap - 2 * style.pad - STRIP,
                                        ref_for(s))
                out.append(Cell(s, side, x, w, lines, ref, "talk", _need(lines, style)))
        for b in parts.bands:
            lines, ref = band_lines(conf, b, style, span - style.gap - 2 * style.pad,
                                    ref_for(b))
            out.append(Cell(b, side, style.time_column, span, lines, ref, "band",
                            _need(lines, style)))
    return out


def _need(lines: tuple[Line, ...], style: GridStyle) -> float:
    return text_height(lines) + 2 * style.pad + style.gap


def _rows(cells: list[Cell], style: GridStyle) -> tuple[list[Row], list[Cell]]:
    """The day's rows between consecutive start and end times, and the cells with the rows
    they span. A long event for everyone alone is drawn as half an hour (its real times
    printed in it) and what follows it until the next session is a break, as is any stretch
    of more than ``compress_gap`` with nothing on."""
    ends: dict[int, datetime] = {}
    shortened: set[datetime] = set()
    for c in cells:
        end = c.session.end
        if c.kind == "band" and end - c.session.start > style.compress_band:
            end = c.session.start + timedelta(minutes=30)
            shortened.add(end)
        ends[id(c)] = end
    points = sorted({c.session.start for c in cells} | set(ends.values()))
    index = {t: i for i, t in enumerate(points)}
    covered = [0] * len(points)  # sessions running from point i to i + 1 (difference array)
    placed = []
    for c in cells:
        first, last = index[c.session.start], index[ends[id(c)]] - 1
        covered[first] += 1
        covered[last + 1] -= 1
        placed.append(replace(c, first=first, last=last))
    rows, running = [], 0
    for i, (a, b) in enumerate(pairwise(points)):
        running += covered[i]
        empty = running == 0
        brk = empty and (b - a > style.compress_gap or a in shortened)
        rows.append(Row(a, b, brk, (b - a).total_seconds() / 60))
    return rows, placed


def heights(rows: list[Row], cells: list[Cell], scale: float, style: GridStyle) -> list[float]:
    """Row heights at ``scale`` pt per minute: each row at least its share of time and a
    line of the axis; then rows grow until every cell's text fits the rows it spans, the
    shortest cells first, a deficit shared by the rows in proportion to their minutes."""
    label = style.axis.leading
    h = [style.break_height if r.brk else max(r.minutes * scale, label) for r in rows]
    for c in sorted(cells, key=lambda c: (c.last - c.first, c.first)):
        have = sum(h[c.first:c.last + 1])
        if have >= c.need - 1e-6:
            continue
        spanned = range(c.first, c.last + 1)
        minutes = sum(rows[i].minutes for i in spanned) or 1.0
        for i in spanned:
            h[i] += (c.need - have) * (rows[i].minutes or 1.0) / minutes
    return h


def fit_scale(rows: list[Row], cells: list[Cell], room: float, style: GridStyle) -> float:
    """The largest scale up to ``max_scale`` whose rows fit ``room``, else ``min_scale``."""
    lo, hi = style.min_scale, style.max_scale
    if hi <= lo or sum(heights(rows, cells, hi, style)) <= room:
        return max(lo, hi)
    if sum(heights(rows, cells, lo, style)) > room:
        return lo
    for _ in range(18):
        mid = (lo + hi) / 2
        if sum(heights(rows, cells, mid, style)) <= room:
            lo = mid
        else:
            hi = mid
    return lo


def chunks(h: list[float], cells: list[Cell], first_room: float, room: float) -> list[range]:
    """Rows per page for a day taller than one: as few pages as fit it, filled about
    equally (two facing pages, not a full page and a stub), each ending where no cell runs
    on when there is such a place in the page's lower part, and never leaving a cell's text
    less height than it needs on the page where it starts."""
    starting: dict[int, list[Cell]] = defaultdict(list)
    running_over = [0] * (len(h) + 1)  # cells that span the boundary before row i
    for c in cells:
        starting[c.first].append(c)
        for i in range(c.first + 1, c.last + 1):
            running_over[i] += 1
    out = _split(h, starting, running_over, first_room, room)
    if len(out) > 1:
        share = sum(h) / (first_room + room * (len(out) - 1))
        while share < 1:
            trial = _split(h, starting, running_over, first_room * share, room * share)
            if len(trial) <= len(out):
                return trial
            share += 0.05
    return out


def _split(h: list[float], starting: dict[int, list[Cell]], running_over: list[int],
           first_room: float, room: float) -> list[range]:
    out: list[range] = []
    start, n = 0, len(h)
    while start < n:
        avail = first_room if not out else room
        total, stop = 0.0, start
        while stop < n and total + h[stop] <= avail + 1e-6:
            total += h[stop]
            stop += 1
        stop = max(stop, start + 1)
        if stop < n:
            clean = next((i for i in range(stop, start, -1) if running_over[i] == 0), None)
            if clean is not None and sum(h[start:clean]) >= avail * 0.6:
                stop = clean
            else:
                stop = _keep_text(start, stop, h, starting)
        out.append(range(start, stop))
        start = stop
    return out


def _keep_text(start: int, stop: int, h: list[float], starting: dict[int, list[Cell]]) -> int:
    """Move a page end up until every cell that starts on the page and runs past its end
    has its text's height above it (a cell that starts at the page top always has)."""
    changed = True
    while changed:
        changed = False
        for first in range(start + 1, stop):
            for c in starting.get(first, ()):
                if c.last >= stop and sum(h[first:stop]) < c.need - 1e-6:
                    stop, changed = first, True
                    break
            if changed:
                break
    return stop




def choose_rooms(conf: Conference, day: Day, width: float,
                 style: GridStyle) -> tuple[tuple[Room, ...], tuple[Session, ...]]:
    """The rooms that get a column, and the talks listed after the grid instead ("Also
    today"): those of rooms the conference leaves out of ``grid_rooms``, or of rooms with
    one or two talks that day when the grid would need more than two spreads."""
    rooms = day.rooms
    if conf.grid_rooms:
        keep = set(conf.grid_rooms)
        grid = tuple(r for r in rooms if r.id in keep)
    else:
        if conf.also_today == "never":
            return rooms, ()
        counts = Counter(s.room for s in day.talks)
        if conf.also_today == "auto" and len(room_groups(rooms, width, style, True)) <= 4:
            return rooms, ()
        grid = tuple(r for r in rooms if counts[r.id] > 2)
        if not grid:
            return rooms, ()
    moved = {r.id for r in rooms} - {r.id for r in grid}
    return grid, tuple(s for s in day.talks if s.room in moved)
