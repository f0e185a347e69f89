"""The day's "Also today": every session without a grid column, by start time, set compactly
in columns at the grid's minimum type size, as numbers (pages of placed entries).

Each entry is one run-in paragraph: the title in full (bold), then its start time, room and
speakers, with the page of its entry at the right of the last line; hour headings
("10:00–11:00") keep with the entry below them and are repeated at the top of a column that
continues their hour. An entry is never split between columns. The first page may be the
room left under the day's last grid page; the last page's columns are balanced."""

from __future__ import annotations

import copy
from dataclasses import dataclass, replace

from ...core.records import Record, record
from ...core.units import mm
from ...draw import bidi, fonts
from ...schedule.model import Conference, Session
from ...schedule.views import people_names
from ..textblock import BlockStyle, Span, TextBlock
from .cells import Line, text_height
from .style import GridStyle

#: Between columns, and below an entry.
GUTTER = mm(3)
SPACE = 1.2  # pt


@dataclass(frozen=True)
class Item:
    """An hour heading (``session`` None, its ``lines``) or an entry (its ``block``),
    placed: ``x``, ``top`` from the page box's bottom-left, ``w`` its column's width, ``h``
    its height with the space after it; ``ref_line`` the line the page reference sits at
    the right of (-1: none)."""

    session: Session | None
    lines: tuple[Line, ...]  # a heading's
    ref_line: int
    block: TextBlock | None = None  # an entry's paragraph
    x: float = 0.0
    top: float = 0.0
    w: float = 0.0
    h: float = 0.0


@record(frozen=True)
class ListPage(Record):
    items: tuple[Item, ...]
    size: tuple[float, float]  # the box the page's columns fill
    used: float  # from the box's top down to the lowest item's foot


def columns(width: float, style: GridStyle) -> int:
    """As many columns as ``width`` holds at the grid's ``min_column`` each."""
    return max(1, int((width + GUTTER) // (style.min_column + GUTTER)))


def _hour(s: Session) -> str:
    """The clock hour ``s`` starts in, "10:00–11:00" ("23:00–00:00"): wall-clock hours,
    as adding an hour to a datetime gives them (whatever the time zone)."""
    hour = s.start.hour
    return f"{hour:02d}:00\u2013{(hour + 1) % 24:02d}:00"


#: Entries' paragraphs by (spans, size, leading), measured and broken into lines: a day's
#: list is planned up to three times with the same entries (twice while its grid's rooms
#: are chosen, then to set it). Held for one day at a time (:func:`plan_list` empties it
#: when the day changes), so it never holds more than a day's entries.
_BLOCKS: dict[tuple, TextBlock] = {}
_BLOCKS_DAY: list = [None]


def _entry(conf: Conference, s: Session, style: GridStyle, width: float,
           ref_w: float, colour) -> Item:
    size = style.min_size
    title, meta = style.title.at(size), style.time.at(size)
    text = f"  {s.start:%H:%M} {bidi.isolate(conf.room_by_id[s.room].name)}"
    who = people_names(conf, s, style.max_speakers)
    if who:
        text += f" \u00b7 {bidi.isolate(who)}"
    spans = [Span(s.title, title.font), Span(text, meta.font)]
    if ref_w:  # room kept at the end of the last line for the page reference
        space = fonts.width("\u00a0", meta.font, size)
        spans.append(Span(" " + "\u00a0" * (int(ref_w / space) + 2), meta.font))
    key = (tuple(spans), size, meta.leading)
    block = _BLOCKS.get(key)
    if block is None:
        block = _BLOCKS[key] = TextBlock(key[0], BlockStyle(size, meta.leading, colour))
    elif block.style.colour != colour:  # the same lines, drawn in another colour
        block = copy.copy(block)
        block.style = BlockStyle(size, meta.leading, colour)
    lines = len(block.lines(width))
    return Item(s, (), lines - 1 if ref_w else -1, block, h=lines * meta.leading + SPACE)


def _heading(text: str, style: GridStyle) -> Item:
    return Item(None, (Line(text, style.band.at(style.min_size), "heading"),), -1)


def _height(item: Item) -> float:
    if item.block is not None:
        return item.h
    return text_height(item.lines) + SPACE


def plan_list(conf: Conference, sessions: tuple[Session, ...], style: GridStyle,
              width: float, room: float, first_room: float | None = None,
              ref_for=lambda s: 0.0, colour=None) -> list[ListPage]:
    """``sessions`` (in the order to list them) on pages of ``width`` by ``room``
    points, the first page ``first_room`` high when given (the foot of a grid page);
    ``ref_for(session)``: the width its page reference takes (0: none); ``colour``: the
    entries' (a reportlab colour)."""
    n = columns(width, style)
    col_w = (width - GUTTER * (n - 1)) / n
    flow: list[tuple[Item, str]] = []  # (item, its hour)
    hour = ""
    day = sessions[0].start.date() if sessions else None
    if day != _BLOCKS_DAY[0]:
        _BLOCKS.clear()
        _BLOCKS_DAY[0] = day
    for s in sessions:
        if _hour(s) != hour:
            hour = _hour(s)
            flow.append((_heading(hour, style), hour))
        flow.append((_entry(conf, s, style, col_w, ref_for(s), colour), hour))
    hts = [_height(item) for item, _ in flow]
    pages: list[ListPage] = []
    i = 0
    while i < len(flow):
        box = first_room if first_room is not None and not pages else room
        placed, stop = _fill(flow, hts, i, n, col_w, box, style, box)
        if stop >= len(flow):  # the last page: columns of about equal height
            lo, hi = 0.0, box
            for _ in range(16):
                mid = (lo + hi) / 2
                trial, end = _fill(flow, hts, i, n, col_w, box, style, mid)
                if end >= len(flow):
                    hi, placed = mid, trial
                else:
                    lo = mid
        used = max((box - it.top + it.h for it in placed), default=0.0)
        pages.append(ListPage(tuple(placed), (width, box), used))
        i = stop
    return pages


def _fill(flow: list[tuple[Item, str]], hts: list[float], i: int, n: int, col_w: float,
          box: float, style: GridStyle, col_h: float) -> tuple[list[Item], int]:
    """Items from ``flow[i]`` on into ``n`` columns ``col_h`` high from the top of a page
    ``box`` high; returns them placed and the index of the first item left over. A column
    takes at least one entry, whatever its height (nothing is ever left out)."""
    placed: list[Item] = []
    floor = box - col_h - 1e-6
    for col in range(n):
        x, y, filled = col * (col_w + GUTTER), box, False
        while i < len(flow):
            item, hour = flow[i]
            want = hts[i]
            if item.session is None and i + 1 < len(flow):
                want += hts[i + 1]  # a heading stays with its first entry
            head = None
            if not filled and item.session is not None and i > 0:
                head = _heading(f"{hour} (continued)", style)
                want += _height(head)
            if filled and y - want < floor:
                break
            if head is not None:
                placed.append(replace(head, x=x, top=y, w=col_w, h=_height(head)))
                y -= _height(head)
            placed.append(replace(item, x=x, top=y, w=col_w, h=hts[i]))
            y -= hts[i]
            i += 1
            filled = True
    return placed, i
