"""Which rooms get a column, on which page, in which colour.

The grid holds at most one facing spread of columns (about six rooms on A5 at 30 mm a
column, more on A4): the conference's ``grid_rooms`` when it names them, else the rooms
holding the most session time that day (:func:`printprog.schedule.views.main_rooms`).
Every other room's sessions are listed after the grid ("Also today"), so every session
stays findable by time. ``also_today: never`` in conference.yaml asks for every room in
the grid instead, over as many spreads as it takes."""

from __future__ import annotations

from collections import Counter
from functools import cache

from ...schedule.model import Conference, Room, Session
from ...schedule.views import Day, days, main_rooms
from .rows import split_day
from .style import GridStyle


def per_page(width: float, style: GridStyle) -> int:
    """Columns a page of ``width`` holds at ``min_column`` each."""
    return max(1, int((width - style.time_column) // style.min_column))


def room_groups(rooms: tuple[Room, ...], width: float, style: GridStyle,
                spreads: bool) -> list[tuple[Room, ...]]:
    """Rooms per page, at least ``min_column`` each, as evenly as they go. Pages that share
    a day pair up into facing spreads, so their number is made even when it can be."""
    if not rooms:
        return [()]
    pages = -(-len(rooms) // per_page(width, style))
    if spreads and pages > 1 and pages % 2 and pages < len(rooms):
        pages += 1
    size, extra = divmod(len(rooms), pages)
    out, i = [], 0
    for p in range(pages):
        n = size + (p < extra)
        out.append(rooms[i:i + n])
        i += n
    return out


def choose_rooms(conf: Conference, day: Day, width: float, style: GridStyle,
                 spreads: bool = True) -> tuple[tuple[Room, ...], tuple[Session, ...]]:
    """The rooms that get a column (in the day's display order, or ``grid_rooms``' order),
    at most a spread of them (a page without ``spreads``), and the talks listed after the
    grid instead ("Also today"), in the day's order. ``also_today: always`` moves rooms
    with one or two talks that day to the list even when they would fit."""
    rooms = day.rooms
    if conf.also_today == "never" and not conf.grid_rooms:
        return rooms, ()
    most = per_page(width, style) * (2 if spreads else 1)
    # A room whose talks all go to the all-day line (an info desk open all day) takes no
    # column: it comes along for that line, beside the columns counted.
    parts = split_day(day, style, rooms)
    top_only = {s.room for s in parts.top} - set(parts.by_room)
    ranked = tuple(r for r in main_rooms(conf, day) if r.id not in top_only)
    if conf.also_today == "always":
        counts = Counter(s.room for s in day.talks)
        ranked = tuple(r for r in ranked if counts[r.id] > 2) or ranked
    chosen = {r.id for r in ranked[:most]} | top_only
    if conf.grid_rooms:
        grid = tuple(r for r in ranked if r.id in chosen)
    else:
        grid = tuple(r for r in rooms if r.id in chosen)
    return grid, tuple(s for s in day.talks if s.room not in chosen)


def room_colours(conf: Conference, grids: list[tuple[Room, ...]],
                 palette: tuple[str, ...]) -> dict[str, str]:
    """A colour per room: its own when the data gives one, else the palette's in turn, the
    rooms of the grids (``grids``: each day's columns, in order) first, so that the main
    rooms of the event differ; a room keeps its colour from day to day. Past the palette's
    length colours repeat, a room taking one that no other column of its first day has."""
    out: dict[str, str] = {}
    uses: Counter[str] = Counter()
    for rooms in (*grids, conf.rooms):
        taken = {out[r.id] for r in rooms if r.id in out}
        for r in rooms:
            if r.id in out:
                continue
            if r.colour:
                out[r.id] = r.colour
                continue
            free = [c for c in palette if c not in taken] or list(palette)
            pick = min(free, key=lambda c: (uses[c], palette.index(c)))
            out[r.id] = pick
            uses[pick] += 1
            taken.add(pick)
    return out


@cache
def event_colours(conf: Conference, width: float, style: GridStyle,
                  spreads: bool = True) -> dict[str, str]:
    """:func:`room_colours` for the grids of every day at ``width``: each room one colour
    for the whole event."""
    grids = [choose_rooms(conf, d, width, style, spreads)[0] for d in days(conf)]
    return room_colours(conf, grids, style.palette)
