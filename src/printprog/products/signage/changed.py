"""Signs changed since a printed PDF: only the signs (room and day) whose sessions changed
since the booklet was printed (:func:`printprog.schedule.compare.affected`), one file per
room and day.

A room's sign given instead of the booklet speaks for that room only
(:mod:`printprog.schedule.scope`): only its signs are written, and other rooms a change
reached are named in a note. A room a change left with no sessions gets no sign: the
output's ``lines`` say to take it down. What the terminal is told comes back in
:attr:`printprog.products.base.Output.lines`, in order, with each file written.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ...core.report import Report
from ..base import Output
from .options import Options

if TYPE_CHECKING:
    from ...schedule.compare import Change
    from ...schedule.model import Conference, Room
    from ...theme.loader import Theme

NOTHING = "no changes: no signs to reprint"


def changed_signs(conf: Conference, theme: Theme, options: Options, out: Path) -> Output:
    """The signs of every room and day a change since ``options.changed_since`` touches
    (``options.day``: that day's only), written to the folder ``out``."""
    from ...importers.printed import printed
    from ...schedule.compare import affected, compare
    from ...schedule.labels import day_label
    from ...schedule.views import sessions_in_room
    from .product import _product

    assert options.changed_since is not None
    was = printed(options.changed_since, "--changed-since")
    before, scope = was.conference, was.scope
    changes = compare(before, conf, scope=scope)
    signs = {day: rooms for day, rooms in affected(changes, before, conf, scope).items()
             if options.day is None or day == options.day}
    if scope is not None:
        _others(changes, before, conf, signs, options.day)
    result = Output([], Report())
    if not signs:
        result.lines.append(NOTHING)
        return result
    for day, rooms in signs.items():
        used = tuple(r for r in rooms if sessions_in_room(conf, r.id, day))
        result.lines += [f"{room.name}, {day_label(day)}: no sessions left; take its sign down"
                         for room in rooms if room not in used]
        if not used:
            continue
        done = _product(conf, theme, replace(options, day=day, rooms=used,
                                             changed_since=None), out)
        result.paths += done.paths
        result.lines += map(str, done.paths)
        result.report.extend(done.report)
        result.scopes.update(done.scopes)
        result.reports.update(done.reports)
    return result


def _others(changes: list[Change], before: Conference, conf: Conference,
            signs: dict[date, list[Room]], only: date | None) -> None:
    """One note naming the signs a change reached that a scoped PDF (a room's sign) does not
    speak for, so they are not forgotten."""
    from ...core.console import say
    from ...schedule.compare import affected
    from ...schedule.labels import short_day

    left = [f"{r.name} ({short_day(day)})" for day, rooms in affected(changes, before, conf).items()
            if only is None or day == only for r in rooms if r not in signs.get(day, [])]
    if left:
        say("note", f"changes reach {', '.join(left)} too; this PDF speaks only for its own "
                    "room: reprint those with --changed-since BOOKLET.pdf")
