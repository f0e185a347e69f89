"""How a room's day goes onto its sheet: the list's sizes and columns, and the packing.

The rule (brief, "Room signage (revised)"): one sheet per room and day. The list's type is as
large as the day allows between the theme's top sizes and floors (:func:`plan.list_at`'s
factor, in steps of :data:`STEP`), one set of sizes for the whole run: the largest factor at
which every room-day that fits one column at the floors fits it (:func:`best_factor`, then the
run's minimum in :mod:`.product`). A sign that would stay less than :data:`SPARSE` full at
the run's sizes (an evening reception, the foyer's breaks) is set as large as its own day
allows instead: small type on an empty sheet helps no one at the door. A day that does not
fit one column at the floors is set in two (``signage.columns``) at no larger a size; only
past that does it continue on further sheets, and the run's report warns, naming the room
and day.

Columns are filled top to bottom (one sheet's two columns balanced); a break line goes with
the entry before it, so no column, and no "continued" sheet, starts with one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ...core.report import Report
from ...schedule.model import Conference, Room
from .plan import Entry, Header, SignStyle, entries, footer_height, list_at, list_height

#: The factor's steps: 21 sets of sizes from the floors (0) to the top sizes (1).
STEP = 0.05
STEPS = round(1 / STEP)
#: A sign that fills less than this much of its list at the run's sizes is set at its own.
SPARSE = 0.6


@dataclass(frozen=True)
class Sheet:
    room: Room
    day: date
    header: Header
    style: SignStyle  # the sheet's sizes and columns (style.factor, style.cols)
    cols: tuple[tuple[Entry, ...], ...]  # the entries of each column, in reading order
    number: int  # 1-based within the room's day
    count: int

    @property
    def entries(self) -> tuple[Entry, ...]:
        return tuple(e for col in self.cols for e in col)


def _blocks(items: list[Entry]) -> list[list[Entry]]:
    """Entries in groups that are never split: a break line with the entry before it."""
    blocks: list[list[Entry]] = []
    for e in items:
        if e.brk and blocks:
            blocks[-1].append(e)
        else:
            blocks.append([e])
    return blocks


def pack(items: list[Entry], height: float, gap: float) -> list[list[Entry]]:
    """Columns of at most ``height``, filled top to bottom; a block (see :func:`_blocks`)
    taller than a whole column is split where it must, never before a break line when a
    split before a session is possible."""
    cols: list[list[Entry]] = [[]]
    used = 0.0
    for block in _blocks(items):
        need = sum(e.height for e in block) + gap * (len(block) - 1)
        if cols[-1] and used + gap + need > height + 1e-6:
            cols.append([])
            used = 0.0
        for e in block:
            step = e.height + (gap if cols[-1] else 0)
            if cols[-1] and used + step > height + 1e-6:
                cols.append([])  # a block taller than a whole column
                used, step = 0.0, e.height
            cols[-1].append(e)
            used += step
    return cols


def _column_height(col: list[Entry], gap: float) -> float:
    return sum(e.height for e in col) + gap * max(0, len(col) - 1)


def balance(items: list[Entry], height: float, gap: float, n: int) -> list[list[Entry]]:
    """``n`` columns of at most ``height`` as even as they go (the least height that still
    packs into ``n``); the packing at ``height`` when even that needs more columns."""
    cols = pack(items, height, gap)
    if len(cols) > n or n == 1:
        return cols
    lo, hi = max(e.height for e in items), height
    for _ in range(20):
        mid = (lo + hi) / 2
        if len(pack(items, mid, gap)) <= n:
            hi = mid
        else:
            lo = mid
    return pack(items, hi, gap)


def layout(items: list[Entry], st: SignStyle, head: Header) -> list[list[list[Entry]]]:
    """Sheets of columns (``st.cols`` each); room for the footer once there is more than
    one sheet."""
    if not items:
        return []
    height = list_height(st, head)
    cols = balance(items, height, st.entry_gap, st.cols)
    if len(cols) > st.cols:
        cols = pack(items, height - footer_height(st), st.entry_gap)
    return [cols[i:i + st.cols] for i in range(0, len(cols), st.cols)]


def fill(cols: list[list[Entry]], st: SignStyle, head: Header) -> float:
    """How much of the list's height its fullest column uses (0 to 1)."""
    return max(_column_height(c, st.entry_gap) for c in cols) / list_height(st, head)


def sheets_at(conf: Conference, room: Room, when: date, st: SignStyle, head: Header,
              factor: float, cols: int, report: Report | None = None
              ) -> tuple[SignStyle, list[list[list[Entry]]]]:
    style = list_at(st, factor, cols)
    return style, layout(entries(conf, room, when, style, report or Report(), head), style,
                         head)


def _fits(conf: Conference, room: Room, when: date, st: SignStyle, head: Header,
          step: int, cols: int) -> bool:
    return len(sheets_at(conf, room, when, st, head, step / STEPS, cols)[1]) <= 1


def _largest(fits, steps: int) -> int | None:
    """The largest step in 0..steps for which ``fits(step)``, None when not even 0 does
    (a search by halves: the height a day needs grows with its type)."""
    if not fits(0):
        return None
    if fits(steps):
        return steps
    lo, hi = 0, steps  # fits(lo), not fits(hi)
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if fits(mid):
            lo = mid
        else:
            hi = mid
    return lo


def best_factor(conf: Conference, room: Room, when: date, st: SignStyle,
                head: Header) -> float | None:
    """The largest factor at which the room's day fits one sheet in one column; None when
    it does not even at the floors (it will be set in columns)."""
    step = _largest(lambda k: _fits(conf, room, when, st, head, k, 1), STEPS)
    return None if step is None else step / STEPS


def plan(conf: Conference, room: Room, when: date, st: SignStyle, factor: float,
         report: Report, head: Header) -> list[Sheet]:
    """The sheets of one room's day at the run's ``factor``: one column when the day fits
    one sheet so; else the most columns the theme allows, at the largest factor up to the
    run's that fits one sheet; else "continued" sheets at the floors, with a warning.
    Empty when the room holds nothing that day."""
    style, pages = sheets_at(conf, room, when, st, head, factor, 1)
    if len(pages) == 1 and factor < 1 and fill(pages[0], style, head) < SPARSE:
        # Far from full at the run's sizes (a reception, the foyer's breaks): as large as
        # its own day allows, rather than small type on an empty sheet.
        own = best_factor(conf, room, when, st, head)
        style, pages = sheets_at(conf, room, when, st, head, max(factor, own or 0.0), 1)
    if len(pages) > 1 and st.columns > 1:
        top = round(factor * STEPS)
        step = _largest(lambda k: _fits(conf, room, when, st, head, k, st.columns), top)
        if step is None:
            report.warn(f"sign {room.name} {when.isoformat()}: the day does not fit one sheet "
                        f"even in {st.columns} columns at the smallest type; it continues on "
                        "further sheets")
            step = 0
        style, pages = sheets_at(conf, room, when, st, head, step / STEPS, st.columns)
    elif len(pages) > 1:
        report.warn(f"sign {room.name} {when.isoformat()}: the day does not fit one sheet "
                    "at the smallest type; it continues on further sheets")
    # Fitted once more in the sizes chosen, now noting what was shrunk or cut.
    style, pages = sheets_at(conf, room, when, st, head, style.factor, style.cols, report)
    return [Sheet(room, when, head, style, tuple(tuple(c) for c in cols), i, len(pages))
            for i, cols in enumerate(pages, 1)]
