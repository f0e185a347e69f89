"""How dates and times read on paper, one format each, for every product and message.

The booklet, the signs, the poster and the badges print the same session the same way:
``09:15–10:00`` (an en dash, no spaces; ``09:15`` alone for a session of no length), days
as ``Tuesday 22 October 2013``.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Protocol


class _Timed(Protocol):
    start: datetime
    end: datetime


def day_label(when: date, year: bool = True) -> str:
    """'Tuesday 22 October 2013'; without ``year``, 'Tuesday 22 October' (a booklet heading,
    where the year is on the cover)."""
    label = f"{when:%A} {when.day} {when:%B}"
    return f"{label} {when:%Y}" if year else label


def short_day(when: date) -> str:
    """'Tue 22 Oct': a day where room is short (a badge's line)."""
    return f"{when:%a} {when.day} {when:%b}"


def clock(when: datetime) -> str:
    """'09:15': 24-hour time, as every product prints it (what ``%H:%M`` gives, without
    strftime: five times faster, and a booklet prints a few hundred)."""
    return f"{when.hour:02d}:{when.minute:02d}"


def time_range(s: _Timed) -> str:
    """'09:15–10:00': a session's start and end; '09:15' alone for one of no length (an
    export's marker, a duration left blank), which has no end to print."""
    if s.end == s.start:
        return clock(s.start)
    return f"{clock(s.start)}\u2013{clock(s.end)}"


def length(s: _Timed) -> str:
    """'45 min', '1 h', '1 h 30 min': how long a session runs ('0 min': no length)."""
    minutes = int((s.end - s.start).total_seconds() // 60)
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h" + (f" {rest} min" if rest else "")
