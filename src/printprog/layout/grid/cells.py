"""What a grid cell says: time range, title and speakers in full, wrapped to its width
(shrunk towards the minimum size only for a word wider than the cell)."""

from __future__ import annotations

from dataclasses import dataclass

from ...draw import bidi, fonts
from ...schedule.labels import time_range
from ...schedule.model import Conference, Session
from ...schedule.views import people_names
from ...theme.loader import TextStyle
from .. import text as fit
from .style import GridStyle

# -- what a cell says ---------------------------------------------------------------------

@dataclass(frozen=True)
class Line:
    text: str
    style: TextStyle
    role: str  # "time", "title", "speaker" or "band": the drawing picks the colour by it


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


#: The widest a band's text runs, in ems of its type (about 90 characters of Noto Sans Bold).
BAND_MEASURE_EM = 46


def _time_head(s: Session, style: GridStyle, width: float,
               ref_w: float) -> tuple[list[Line], int]:
    """A cell's first line, its time range, and the index of the line the page reference
    sits at the right of (-1: none): beside the time where both fit, else on a line of its
    own under it."""
    lines = [Line(time_range(s), style.time, "time")]
    if not ref_w:
        return lines, -1
    if fonts.width(lines[0].text, style.time.font, style.time.size) + style.pad + ref_w \
            > width:
        lines.append(Line("", style.time, "time"))
        return lines, 1
    return lines, 0


def cell_lines(conf: Conference, s: Session, style: GridStyle, width: float,
               ref_w: float) -> tuple[tuple[Line, ...], int]:
    """A talk cell's lines, all of it: time range on its own line, title, speakers; and the
    index of the line the page reference sits at the right of (-1: none). Where the time
    and the reference do not fit side by side the reference gets a line of its own. With
    ``style.meta_line`` (and no reference) the speakers follow the time on its line when
    both fit the width ("10:30\u201311:15 \u00b7 Ann Lee"), then the title."""
    who = people_names(conf, s, style.max_speakers)
    if style.meta_line and not ref_w:
        meta = f"{time_range(s)} \u00b7 {bidi.isolate(who)}" if who else time_range(s)
        if fonts.width(meta, style.time.font, style.time.size) <= width:
            title = _wrapped(s.title, style.title, width, style.min_size, "title")
            return (Line(meta, style.time, "time"), *title), -1
    lines, ref_line = _time_head(s, style, width, ref_w)
    lines += _wrapped(s.title, style.title, width, style.min_size, "title")
    if who:
        lines += _wrapped(who, style.speaker, width, style.min_size, "speaker")
    return tuple(lines), ref_line


def band_lines(conf: Conference, s: Session, style: GridStyle, width: float,
               ref_w: float) -> tuple[tuple[Line, ...], int]:
    """An event for everyone on one line across the columns (wrapped when long): time,
    title, every speaker (a keynote panel's whole panel, never "and 1 more") and room; data
    keeps its own direction (bidi.isolate)."""
    iso = bidi.isolate
    text = f"{time_range(s)}  {iso(s.title)}"
    who = people_names(conf, s)  # a band spans every column: a panel names everyone on it
    if who:
        text += f" \u00b7 {iso(who)}"
    text += f" \u00b7 {iso(conf.room_by_id[s.room].name)}"
    room = width - (ref_w + style.pad if ref_w else 0.0)
    # A band across an A4 spread's columns would set 130 characters a line: wrap it at a
    # reading measure (about 90 characters) instead; on A5 the band is narrower than that.
    room = min(room, BAND_MEASURE_EM * style.band.size)
    lines = _wrapped(text, style.band, room, style.min_size, "band")
    return tuple(lines), (0 if ref_w else -1)


def group_lines(g: Session, members: list[Session], style: GridStyle, width: float,
                ref_w: float) -> tuple[tuple[Line, ...], int]:
    """A run of many sessions at once in one room (a poster session): its span, how many,
    and where they are listed, instead of one sliver of a lane each."""
    lines, ref_line = _time_head(g, style, width, ref_w)
    lines += _wrapped(f"{len(members)} sessions at once", style.title, width, style.min_size,
                      "title")
    lines += _wrapped("each listed under \u201cAlso today\u201d", style.speaker, width,
                      style.min_size, "speaker")
    return tuple(lines), ref_line


def continued_lines(lines: tuple[Line, ...], style: GridStyle, width: float,
                    room: float, note: str = "continued") -> tuple[Line, ...]:
    """What a cell says on a page other than the one with its text: its lines again (time
    range marked ``note``, title, speakers), as many as fit ``room`` (the box's height less
    its padding), the title whole or not at all."""
    head = f"{lines[0].text} ({note})" if lines and lines[0].text else f"({note})"
    out = _wrapped(head, style.time, width, style.min_size, "time")
    out += [ln for ln in lines[1:] if ln.text and ln.role != "time"]
    while out and text_height(tuple(out)) > room + 1e-6:
        if out[-1].role == "title":  # no part of a title: all of it, or none
            out = [ln for ln in out if ln.role != "title"]
        else:
            out.pop()
    return tuple(out)
