"""The day at a glance: rooms as columns, time down the page to scale, events for everyone
as bands across all columns. Used by the booklet (A5 page or facing spread) and the poster.

:func:`layout` computes positioned cells (testable without a PDF); :func:`draw` puts them on a
canvas. Long stretches with nothing on (the walk to an evening reception) are drawn as a short
marked break in the time axis rather than as empty scale.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from .. import fonts
from ..labels import time_range as _time_range
from ..model import Conference, Room, Session
from ..report import Report
from ..schedule import Day
from ..theme import TextStyle, Theme
from ..units import mm
from . import text as fit
from .pageref import PageRefs

SLOT = timedelta(minutes=30)
#: Width of the room-colour strip at the left of a talk cell.
STRIP = mm(0.8)


@dataclass(frozen=True)
class GridStyle:
    room: TextStyle
    time: TextStyle
    title: TextStyle
    speaker: TextStyle
    band: TextStyle
    axis: TextStyle
    min_size: float
    time_column: float  # pt
    header_height: float  # pt
    min_column: float  # pt
    pad: float  # pt
    gap: float  # pt
    compress_gap: timedelta
    break_height: float  # pt
    max_scale: float  # pt per minute: a short day is not stretched to fill the page
    compress_band: timedelta  # events for everyone longer than this are drawn as one slot

    @classmethod
    def from_theme(cls, theme: Theme, section: str) -> GridStyle:
        def n(key: str) -> float:
            return theme.number(*section.split("."), key)

        def t(key: str) -> TextStyle:
            return theme.text(key, f"{section}.text")

        return cls(room=t("room"), time=t("time"), title=t("title"), speaker=t("speaker"),
                   band=t("band"), axis=t("axis"), min_size=n("min_size"),
                   time_column=mm(n("time_column")), header_height=mm(n("header_height")),
                   min_column=mm(n("min_column")), pad=mm(n("pad")), gap=mm(n("gap")),
                   compress_gap=timedelta(minutes=n("compress_gap")),
                   break_height=mm(n("break_height")), max_scale=mm(n("max_hour")) / 60,
                   compress_band=timedelta(minutes=n("compress_band")))


@dataclass(frozen=True)
class Cell:
    session: Session
    x: float
    y: float  # bottom
    w: float
    h: float
    band: bool  # spans all columns


@dataclass(frozen=True)
class Segment:
    """A stretch of the time axis drawn to scale, from ``top`` (pt) downwards."""

    start: datetime
    end: datetime
    top: float
    scale: float  # pt per minute

    def y(self, when: datetime) -> float:
        return self.top - (when - self.start).total_seconds() / 60 * self.scale


@dataclass(frozen=True)
class Grid:
    rooms: tuple[Room, ...]
    columns: tuple[tuple[float, float], ...]  # (x, width) per room
    cells: tuple[Cell, ...]
    segments: tuple[Segment, ...]
    box: tuple[float, float, float, float]  # x, y, w, h
    style: GridStyle


def _floor(t: datetime) -> datetime:
    return t.replace(minute=0 if t.minute < 30 else 30, second=0, microsecond=0)


def _ceil(t: datetime) -> datetime:
    f = _floor(t)
    return f if f == t else f + SLOT


def drawn_end(day: Day, session: Session, style: GridStyle) -> datetime:
    """Where a session's cell ends on the axis. A long event for everyone with nothing else
    on beside it (a three-hour reception, an hour of lunch) is drawn as one slot, its real
    times printed in it, so the talks keep their room on the page."""
    if session in day.plenary and session.end - session.start > style.compress_band:
        overlapping = any(o.start < session.end and o.end > session.start
                          for o in day.sessions if o not in day.plenary)
        if not overlapping:
            return session.start + SLOT
    return session.end


def _segments(day: Day, style: GridStyle, top: float, height: float) -> list[Segment]:
    """Split the day where nothing is drawn for longer than ``compress_gap`` (and after a
    shortened event); scale the rest to the height, up to ``max_scale``."""
    spans: list[list] = []  # [start, end, ends_shortened]
    for s in sorted(day.sessions, key=lambda s: s.start):
        end = drawn_end(day, s, style)
        start, end, short = _floor(s.start), _ceil(end), end != s.end
        if spans and not spans[-1][2] and start - spans[-1][1] < style.compress_gap:
            spans[-1][1] = max(spans[-1][1], end)
            spans[-1][2] = short and end >= spans[-1][1]
        elif spans and spans[-1][2] and start < spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], end)
        else:
            spans.append([start, end, short])
    minutes = sum((e - s).total_seconds() / 60 for s, e, _ in spans)
    scale = min(style.max_scale,
                (height - style.break_height * (len(spans) - 1)) / minutes)
    out, y = [], top
    for start, end, _ in spans:
        out.append(Segment(start, end, y, scale))
        y -= (end - start).total_seconds() / 60 * scale + style.break_height
    return out


def split_rooms(rooms: tuple[Room, ...], width: float, style: GridStyle) -> list[tuple[Room, ...]]:
    """Rooms per page: all on one page if each column gets ``min_column``, else halves
    (a facing spread), and so on."""
    if not rooms:
        return [()]
    usable = width - style.time_column
    parts = 1
    while parts < len(rooms) and usable / -(-len(rooms) // parts) < style.min_column:
        parts += 1
    per = -(-len(rooms) // parts)
    return [rooms[i:i + per] for i in range(0, len(rooms), per)]


def layout(conf: Conference, day: Day, rooms: tuple[Room, ...],
           box: tuple[float, float, float, float], style: GridStyle) -> Grid:
    x0, y0, w, h = box
    col_w = (w - style.time_column) / max(1, len(rooms))
    span_w = w - style.time_column
    columns = tuple((x0 + style.time_column + i * col_w, col_w) for i in range(len(rooms)))
    top = y0 + h - style.header_height
    segments = _segments(day, style, top, h - style.header_height)
    index = {r.id: i for i, r in enumerate(rooms)}
    cells = []
    for s in day.sessions:
        seg = next(g for g in segments if g.start <= s.start < g.end)
        y_top, y_bot = seg.y(s.start), seg.y(min(drawn_end(day, s, style), seg.end))
        band = s in day.plenary
        if band:
            x, cw = x0 + style.time_column, span_w
        elif s.room in index:
            x, cw = columns[index[s.room]]
        else:
            continue  # this room is on the other page of the spread
        g = style.gap / 2
        cells.append(Cell(s, x + g, y_bot + g, cw - 2 * g, y_top - y_bot - 2 * g, band))
    return Grid(rooms, columns, tuple(cells), tuple(segments), box, style)


def cell_lines(conf: Conference, cell: Cell, style: GridStyle, ref_w: float,
               report: Report) -> list[tuple[str, TextStyle]]:
    """What a cell says, fitted to it: time, title, speakers; cut and reported when the
    minimum size does not fit. ``ref_w`` is the room the page reference takes at the right
    of the first line (0: none)."""
    s = cell.session
    width = cell.w - 2 * style.pad - (0 if cell.band else STRIP)
    first_width = width - (ref_w + style.pad if ref_w else 0.0)  # beside the page reference
    names = ", ".join(conf.speaker_by_id[p].name for p in s.people)
    height = cell.h - 2 * style.pad
    title_style, speaker_style, time_style = style.title, style.speaker, style.time
    if cell.band:
        # Data in a composed line keeps its own direction (fonts.isolate): an Arabic title
        # must not reverse the time before it.
        iso = fonts.isolate
        line = f"{_time_range(s)}  {iso(s.title)}"
        if names:
            line += f" \u00b7 {iso(names)}"
        room = conf.room_by_id[s.room]
        line += f" \u00b7 {iso(room.name)}"
        f = fit.fit(line, style.band, first_width,
                    max_lines=max(1, _lines(height, style.band)),
                    min_size=style.min_size, report=report, what=f"grid band '{s.title}'")
        return [(ln, f.style) for ln in f.lines]
    available = max(1, _lines(height, title_style))
    speaker_lines = fit.wrap(names, speaker_style.font, speaker_style.size, width) if names else []
    full_title = fit.wrap(s.title, title_style.font, title_style.size, width)
    if 1 + len(full_title) + len(speaker_lines) <= available:
        return ([(_time_range(s), time_style)] + [(ln, title_style) for ln in full_title]
                + [(ln, speaker_style) for ln in speaker_lines])
    # Short cell: the start time leads the title, saving a line; speakers keep one line.
    keep_speakers = 1 if speaker_lines and available >= 2 else 0
    title = fit.fit(f"{s.start:%H:%M} {fonts.isolate(s.title)}", title_style, first_width,
                    max_lines=available - keep_speakers, min_size=style.min_size,
                    report=report, what=f"grid cell '{s.title}'")
    lines = [(ln, title.style) for ln in title.lines]
    left = available - len(lines)
    if speaker_lines and left > 0:
        if len(speaker_lines) > left:
            kept = speaker_lines[:left]
            kept[-1] = fit.ellipsize(" ".join(speaker_lines[left - 1:]), speaker_style.font,
                                     speaker_style.size, width)
            report.note_cut(f"speakers in grid cell '{s.title}'")
            speaker_lines = kept
        lines += [(ln, speaker_style) for ln in speaker_lines]
    elif speaker_lines:
        report.note_cut(f"speakers in grid cell '{s.title}'")
    return lines


def _lines(height: float, style: TextStyle) -> int:
    first = fonts.ascent(style.font, style.size) + fonts.descent(style.font, style.size)
    if height < first:
        return 0
    return 1 + int((height - first) // style.leading)


def draw(canvas, conf: Conference, grid: Grid, theme: Theme, report: Report,
         refs: PageRefs | None = None,
         link_of: Callable[[Session], str | None] = lambda s: None) -> None:
    """Draw the grid: room headers, half-hour rules and labels, bands, cells and links.
    With ``refs``, each talk's cell carries the page of its anchor (``link_of``)."""
    st = grid.style
    x0, _, w, _ = grid.box
    top = grid.segments[0].top
    ink, muted, faint = theme.colour("ink"), theme.colour("muted"), theme.colour("faint")
    # Room headers: name on the room's colour strip so colour is never the only carrier.
    for room, (x, cw) in zip(grid.rooms, grid.columns, strict=True):
        f = fit.fit(room.name, st.room, cw - 2 * st.pad, max_lines=2, min_size=st.min_size,
                    report=report, what=f"room name '{room.name}'")
        fit.draw(canvas, f, x + st.pad, top + st.header_height - st.pad, colour=ink)
        canvas.setFillColor(theme.colour(room.colour) if room.colour else theme.colour("accent"))
        canvas.rect(x + st.gap / 2, top + mm(0.4), cw - st.gap, mm(0.8), stroke=0, fill=1)
    # Time axis: a rule every 30 minutes, labels on the hour and half hour.
    canvas.setLineWidth(0.3)
    for seg in grid.segments:
        t = seg.start
        while t <= seg.end:
            y = seg.y(t)
            canvas.setStrokeColor(faint)
            canvas.line(x0 + st.time_column - mm(1), y, x0 + w, y)
            if t < seg.end:
                canvas.setFillColor(muted)
                size = st.axis.size
                fonts.draw(canvas, x0, y - fonts.ascent(st.axis.font, size), f"{t:%H:%M}",
                           st.axis.font, size)
            t += SLOT
        if seg is not grid.segments[-1]:
            y = seg.y(seg.end) - st.break_height / 2
            canvas.setDash(1, 2)
            canvas.line(x0, y, x0 + w, y)
            canvas.setDash()
    for cell in grid.cells:
        target = link_of(cell.session)
        # Breaks and meals have no entry worth a page reference.
        ref = target if refs is not None and not cell.session.plenary else None
        _draw_cell(canvas, conf, cell, theme, report, refs, ref, st)
        if target:
            canvas.linkRect("", target, (cell.x, cell.y, cell.x + cell.w, cell.y + cell.h),
                            relative=1, thickness=0)


def _draw_cell(canvas, conf: Conference, cell: Cell, theme: Theme, report: Report,
               refs: PageRefs | None, ref: str | None, st: GridStyle) -> None:
    """One cell; ``ref`` (an anchor key, given only with ``refs``) adds its page."""
    room = conf.room_by_id[cell.session.room]
    if cell.band:
        canvas.setFillColor(theme.colour("band"))
        text_colour = theme.colour("band_text")
    else:
        canvas.setFillColor(theme.colour("paper"))
        text_colour = theme.colour("ink")
    canvas.setStrokeColor(theme.colour("faint"))
    canvas.setLineWidth(0.4)
    canvas.roundRect(cell.x, cell.y, cell.w, cell.h, mm(0.8), stroke=0 if cell.band else 1,
                     fill=1)
    if not cell.band:
        canvas.setFillColor(theme.colour(room.colour) if room.colour else theme.colour("accent"))
        canvas.rect(cell.x, cell.y, STRIP, cell.h, stroke=0, fill=1)
    ref_w = refs.width(st.time.font, st.time.size) if ref else 0.0
    lines = cell_lines(conf, cell, st, ref_w, report)
    if not lines:
        return
    y = cell.y + cell.h - st.pad - fonts.ascent(lines[0][1].font, lines[0][1].size)
    if ref_w:
        refs.draw(canvas, cell.x + cell.w - st.pad, y, ref, st.time.font, st.time.size,
                  theme.colour("accent"))
    for line, style in lines:
        canvas.setFillColor(theme.colour("muted") if style is st.time else text_colour)
        fonts.draw(canvas, cell.x + st.pad + (0 if cell.band else STRIP), y, line, style.font,
                   style.size)
        y -= style.leading
