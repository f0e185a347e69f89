"""The day at a glance as numbers: which session goes in which box on which page.

The grid's one job is that a reader finds every session of the day by time and room and can
read its full title, so text is never cut: the boxes grow to the text instead. Rows are the
stretches between consecutive start and end times; each gets at least its proportional
height and grows to fit the cells in it (an elastic time axis). Events far longer than the
day's talks go to an "all day" line above the grid; events for everyone span all columns;
sessions that overlap in one room sit side by side in its column. Rooms that do not fit one
page run across a facing spread, then further spreads; a day taller than the page continues
on the next one.

Everything here is geometry in points, testable without a PDF; :mod:`.grid_draw` draws it.
Text is measured with :mod:`printprog.fonts`, the metrics that draw it.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from statistics import median

from .. import fonts
from ..model import Conference, Room, Session
from ..schedule import Day
from ..theme import TextStyle, Theme
from ..units import mm
from . import text as fit

#: Width of the room-colour strip at the left of a talk cell.
STRIP = mm(0.8)
#: Room names wrap to this many lines (then shrink, then break inside words).
ROOM_LINES = 3


@dataclass(frozen=True)
class GridStyle:
    room: TextStyle
    time: TextStyle
    title: TextStyle
    speaker: TextStyle
    band: TextStyle
    axis: TextStyle
    min_size: float  # pt: no grid text is smaller
    time_column: float  # pt
    min_column: float  # pt: narrower columns run onto a facing page
    pad: float  # pt inside a cell
    gap: float  # pt between cells
    compress_gap: timedelta  # longer stretches with nothing on are drawn as a short break
    break_height: float  # pt
    min_scale: float  # pt per minute: a row is never less than its share of time
    max_scale: float  # pt per minute: a short day is not stretched to fill the page
    compress_band: timedelta  # a longer event for everyone, alone, is drawn as one slot
    all_day: timedelta  # events at least this long ...
    all_day_ratio: float  # ... and this many times the day's typical talk go on top
    max_speakers: int  # more names than this end "and N more"

    @classmethod
    def from_theme(cls, theme: Theme, section: str) -> GridStyle:
        def n(key: str) -> float:
            return theme.number(*section.split("."), key)

        def t(key: str) -> TextStyle:
            return theme.text(key, f"{section}.text")

        return cls(room=t("room"), time=t("time"), title=t("title"), speaker=t("speaker"),
                   band=t("band"), axis=t("axis"), min_size=n("min_size"),
                   time_column=mm(n("time_column")), min_column=mm(n("min_column")),
                   pad=mm(n("pad")), gap=mm(n("gap")),
                   compress_gap=timedelta(minutes=n("compress_gap")),
                   break_height=mm(n("break_height")), min_scale=mm(n("min_hour")) / 60,
                   max_scale=mm(n("max_hour")) / 60,
                   compress_band=timedelta(minutes=n("compress_band")),
                   all_day=timedelta(minutes=n("all_day")), all_day_ratio=n("all_day_ratio"),
                   max_speakers=int(n("max_speakers")))


# -- what a cell says ---------------------------------------------------------------------

@dataclass(frozen=True)
class Line:
    text: str
    style: TextStyle
    role: str  # "time", "title", "speaker" or "band": the drawing picks the colour by it


def time_range(s: Session) -> str:
    return f"{s.start:%H:%M}\u2013{s.end:%H:%M}"


def names(conf: Conference, s: Session, most: int) -> str:
    """The session's people in full; past ``most`` of them, "and N more"."""
    people = [conf.speaker_by_id[p].name for p in s.people]
    if len(people) > most:
        people = [*people[:most], f"and {len(people) - most} more"]
    return ", ".join(people)


def text_height(lines: tuple[Line, ...]) -> float:
    """From the first line's ascent to the last line's descent (as :func:`draw_lines`)."""
    if not lines:
        return 0.0
    first, last = lines[0].style, lines[-1].style
    return (fonts.ascent(first.font, first.size) + sum(ln.style.leading for ln in lines[1:])
            + fonts.descent(last.font, last.size))


def _wrapped(text: str, style: TextStyle, width: float, floor: float,
             role: str) -> list[Line]:
    """``text`` wrapped to ``width`` in full: a word wider than the line first shrinks the
    whole text towards ``floor``, and only past it is broken inside."""
    size = style.size
    widest = max((fonts.width(w, style.font, size) for w in text.split()), default=0.0)
    while widest > width and size - 0.5 >= floor - 1e-6:
        size -= 0.5
        widest = max(fonts.width(w, style.font, size) for w in text.split())
    st = style if size == style.size else style.at(size)
    return [Line(t, st, role) for t in fit.wrap(text, st.font, st.size, width)]


def cell_lines(conf: Conference, s: Session, style: GridStyle, width: float,
               ref_w: float) -> tuple[tuple[Line, ...], int]:
    """A talk cell's lines, all of it: time range on its own line, title, speakers; and the
    index of the line the page reference sits at the right of (-1: none). Where the time
    and the reference do not fit side by side the reference gets a line of its own."""
    lines = [Line(time_range(s), style.time, "time")]
    ref_line = -1
    if ref_w:
        ref_line = 0
        if fonts.width(lines[0].text, style.time.font, style.time.size) + style.pad + ref_w \
                > width:
            lines.append(Line("", style.time, "time"))
            ref_line = 1
    lines += _wrapped(s.title, style.title, width, style.min_size, "title")
    who = names(conf, s, style.max_speakers)
    if who:
        lines += _wrapped(who, style.speaker, width, style.min_size, "speaker")
    return tuple(lines), ref_line


def band_lines(conf: Conference, s: Session, style: GridStyle, width: float,
               ref_w: float) -> tuple[tuple[Line, ...], int]:
    """An event for everyone on one line across the columns (wrapped when long): time,
    title, speakers and room; data keeps its own direction (fonts.isolate)."""
    iso = fonts.isolate
    text = f"{time_range(s)}  {iso(s.title)}"
    who = names(conf, s, style.max_speakers)
    if who:
        text += f" \u00b7 {iso(who)}"
    text += f" \u00b7 {iso(conf.room_by_id[s.room].name)}"
    room = width - (ref_w + style.pad if ref_w else 0.0)
    lines = _wrapped(text, style.band, room, style.min_size, "band")
    return tuple(lines), (0 if ref_w else -1)


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
    for i, (a, b) in enumerate(zip(points, points[1:], strict=False)):
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
    """Rows per page for a day taller than one: as many as fit, ending where no cell runs
    on when there is such a place in the page's lower part, and never leaving a cell's
    text less height than it needs on the page where it starts."""
    out: list[range] = []
    start, n = 0, len(h)
    starting: dict[int, list[Cell]] = defaultdict(list)
    for c in cells:
        starting[c.first].append(c)
    running_over = [0] * (n + 1)  # cells that span the boundary before row i
    for c in cells:
        for i in range(c.first + 1, c.last + 1):
            running_over[i] += 1
    while start < n:
        avail = first_room if not out else room
        total, stop = 0.0, start
        while stop < n and total + h[stop] <= avail + 1e-6:
            total += h[stop]
            stop += 1
        stop = max(stop, start + 1)
        if stop < n:
            clean = [i for i in range(stop, start, -1) if running_over[i] == 0]
            if clean and sum(h[start:clean[0]]) >= avail * 0.6:
                stop = clean[0]
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
        notes = [_rooms_note(before, len(r), len(rooms)) if len(groups) > 1 else ""
                 for r in pair]
        for r in pair:
            before += len(r)
        pages += _spread(conf, day, parts, pair, notes, size, style, ref_for)
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
            ref_for) -> list[GridPage]:
    width, height = size
    span = width - style.time_column
    heads = [_header(r, width, style) for r in pair]
    header = max(h[2] for h in heads)
    cells = _cells(conf, parts, pair, width, style, ref_for)
    rows, cells = _rows(cells, style)
    top = []
    for s in parts.top:
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
                _boxes(cells, side, rng, tops, h, style), _marks(rows, rng, tops, h, style),
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


def _marks(rows: list[Row], rng: range, tops: dict[int, float], h: list[float],
           style: GridStyle) -> tuple[Mark, ...]:
    """A labelled rule at every row's start; inside a long row, rules on the half hour
    where they leave room for their label."""
    out: list[Mark] = []
    room = style.axis.leading
    for i in rng:
        r = rows[i]
        if r.brk:  # the end of what came before; the break itself is drawn dashed
            out.append(Mark(tops[i], ""))
            continue
        out.append(Mark(tops[i], f"{r.start:%H:%M}"))
        t = r.start.replace(minute=0 if r.start.minute < 30 else 30, second=0, microsecond=0)
        t += timedelta(minutes=30)
        while t < r.end:
            y = tops[i] - h[i] * (t - r.start).total_seconds() / 60 / r.minutes
            if out[-1].y - y >= room and y - (tops[i] - h[i]) >= room:
                out.append(Mark(y, f"{t:%H:%M}"))
            t += timedelta(minutes=30)
    if rng:
        last = rng.stop - 1
        out.append(Mark(tops[last] - h[last], ""))
    return tuple(out)


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
