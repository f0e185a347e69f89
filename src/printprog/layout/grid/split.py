"""Where a day taller than a page breaks, and each page's scale.

A grid page earns its paper: the day is cut into as few pages as its text needs at the
smallest scale, filled about equally; a page covers at least :data:`PAGE_SPAN` of the day
(or ends it) and ends where no cell runs on when there is such a place in its lower part;
a cell cut by a page end prints its text in full on one of its pages and repeats what
fits of it on the other. Then each
page's rows are set at the largest scale (up to the theme's ``max_hour``) that its height
holds, so a page or a spread the grid takes is used down to its foot."""

from __future__ import annotations

from collections import defaultdict

from .rows import Cell, Row, heights
from .style import PAGE_SPAN, GridStyle

_EPS = 1e-6


class _Day:
    """The facts a page break is judged by, computed once."""

    def __init__(self, rows: list[Row], h: list[float], cells: list[Cell]):
        self.rows, self.h, self.n = rows, h, len(h)
        self.crossing: dict[int, list[Cell]] = defaultdict(list)  # cells running over i
        for c in cells:
            for i in range(c.first + 1, c.last + 1):
                self.crossing[i].append(c)

    def span_ok(self, start: int, stop: int) -> bool:
        return stop >= self.n or self.rows[stop].start - self.rows[start].start >= PAGE_SPAN


def chunks(rows: list[Row], h: list[float], cells: list[Cell], first_room: float,
           room: float) -> tuple[list[range], list[float]]:
    """Rows per page: as few pages as hold the day (``h``: the rows' heights at the
    smallest scale), filled about equally (two facing pages, not a full page and a stub);
    and the rows' heights grown where a page end moves a cell's text to the next page."""
    if not h:
        return [], []
    day = _Day(rows, h, cells)
    out, grown = _split(day, first_room, room)

    def short(pages: list[range]) -> int:  # pages that cover less than two hours
        return sum(not day.span_ok(r.start, r.stop) for r in pages)

    if len(out) > 1:
        share = sum(grown) / (first_room + room * (len(out) - 1))
        while share < 1:
            trial, trial_h = _split(day, first_room * share, room * share)
            if len(trial) <= len(out) and short(trial) <= short(out):
                return trial, trial_h
            share += 0.05
    return out, grown


def _split(day: _Day, first_room: float, room: float) -> tuple[list[range], list[float]]:
    """Page by page, the best end that fits (:func:`_merit`). A cell that starts on the
    page and runs past its end with too little of it above the end for its text prints
    its text on the next page: the rows it has there grow to hold it (staggered starts, as
    in a devroom day, leave few ends that no cell runs over)."""
    out: list[range] = []
    h, n = list(day.h), day.n
    start = 0
    while start < n:
        avail = first_room if not out else room
        total, stop = 0.0, start
        while stop < n and total + h[stop] <= avail + _EPS:
            total += h[stop]
            stop += 1
        stop = max(stop, start + 1)
        if stop < n:
            stop = max(range(start + 1, stop + 1),
                       key=lambda b: _merit(day, h, start, b, avail))
            for c in _moved(day, h, start, stop):
                after = range(stop, c.last + 1)
                lack = c.need - sum(h[i] for i in after)
                minutes = sum(day.rows[i].minutes for i in after) or 1.0
                for i in after:
                    h[i] += max(0.0, lack) * (day.rows[i].minutes or 1.0) / minutes
        out.append(range(start, stop))
        start = stop
    return out, h


def _moved(day: _Day, h: list[float], start: int, stop: int) -> list[Cell]:
    """The cells that start on the page [start, stop) and run past its end without room
    for their text above it."""
    return [c for c in day.crossing.get(stop, ())
            if c.first > start and sum(h[c.first:stop]) < c.need - _EPS]


def _merit(day: _Day, h: list[float], start: int, stop: int, avail: float) -> tuple:
    """How good a page end ``stop`` is, as a tuple to compare: two hours covered first,
    then (once the page is 60 % full) an end where nothing runs on, then one that moves
    no text to the next page, then the latest."""
    full = sum(h[start:stop]) >= avail * 0.6
    clean = full and not day.crossing.get(stop)
    kept = full and not _moved(day, h, start, stop)
    return (day.span_ok(start, stop), clean, kept, stop)


def text_parts(pages: list[range], cells: list[Cell], h: list[float]) -> list[int]:
    """For each cell, the page (index into ``pages``) that prints its text: the first of
    its pages with room for it at heights ``h``, else the one where it has the most."""
    out = []
    for c in cells:
        parts = [(k, sum(h[max(c.first, r.start):min(c.last + 1, r.stop)]))
                 for k, r in enumerate(pages) if r.start <= c.last and c.first < r.stop]
        fits = [k for k, have in parts if have >= c.need - _EPS]
        out.append(fits[0] if fits else max(parts, key=lambda p: (p[1], -p[0]))[0]
                   if parts else 0)
    return out


def page_heights(rows: list[Row], cells: list[Cell], pages: list[range], rooms: list[float],
                 style: GridStyle, grown: list[float]) -> tuple[list[float], list[int]]:
    """Every row's height, each page's rows at the largest scale up to ``max_scale`` whose
    rows fit the page's ``rooms[k]`` and keep whole every text the page prints (``grown``,
    the heights :func:`chunks` gave, when none does); and :func:`text_parts` of the
    cells."""
    base = grown
    smallest = heights(rows, cells, style.min_scale, style)
    extra = [g - s for g, s in zip(grown, smallest, strict=True)]
    out = list(base)
    where = text_parts(pages, cells, base)
    for k, (rng, room) in enumerate(zip(pages, rooms, strict=True)):
        mine = [c for c, at in zip(cells, where, strict=True) if at == k]

        def fits(scale: float, rng=rng, room=room, mine=mine) -> list[float] | None:
            h = [a + b for a, b in zip(heights(rows, cells, scale, style), extra, strict=True)]
            if sum(h[i] for i in rng) > room + _EPS:
                return None
            for c in mine:
                if sum(h[max(c.first, rng.start):min(c.last + 1, rng.stop)]) < c.need - _EPS:
                    return None
            return h

        lo, hi = style.min_scale, max(style.min_scale, style.max_scale)
        best = fits(hi)
        if best is None:
            best = fits(lo)
            if best is None:  # one row longer than the page (a night workshop): below
                lo, hi = 0.0, lo  # its share of time rather than off the page
                best = fits(lo)
            for _ in range(14):
                mid = (lo + hi) / 2
                found = fits(mid)
                if found is not None:
                    lo, best = mid, found
                else:
                    hi = mid
        for i in rng:
            out[i] = (best or base)[i]
    return out, where
