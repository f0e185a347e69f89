"""``printprog signage --changed-since BOOKLET.pdf``: reprint only the signs whose sessions
changed since the booklet was printed (compare.affected), one file per room and day. A room's
sign given instead of the booklet speaks for that room only (printprog.schedule.scope):
only its signs are reprinted, and other rooms a change reached are named.

Kept out of commands/signage.py so the signs command only has to hand over to it.
"""

from __future__ import annotations

import argparse
from datetime import date
from typing import TYPE_CHECKING

from .common import run_product

if TYPE_CHECKING:
    from ..schedule.compare import Change
    from ..schedule.model import Conference, Room


def changed_signs(args: argparse.Namespace, conf) -> int:
    """Write the signs of every room and day a change touches (``--day``: that day's only);
    name the ones left with no sessions, whose signs come down rather than go up."""
    from ..importers.printed import printed
    from ..products.base import Options
    from ..schedule.compare import affected, compare
    from ..schedule.labels import day_label
    from ..schedule.lookup import find_day
    from ..schedule.views import sessions_in_room

    was = printed(args.changed_since, "--changed-since")
    before, scope = was.conference, was.scope
    only = find_day(conf, args.day) if args.day else None
    changes = compare(before, conf, scope=scope)
    signs = {day: rooms for day, rooms in affected(changes, before, conf, scope).items()
             if only is None or day == only}
    if scope is not None:
        _others(changes, before, conf, signs, only)
    if not signs:
        print("no changes: no signs to reprint")
        return 0
    code = 0
    for day, rooms in signs.items():
        used = tuple(r for r in rooms if sessions_in_room(conf, r.id, day))
        for room in rooms:
            if room not in used:
                print(f"{room.name}, {day_label(day)}: no sessions left; take its sign down")
        if not used:
            continue
        options = Options(paper=args.paper, day=day, rooms=used, jobs=args.jobs,
                          extra={"landscape": True} if args.landscape else {})
        output, done = run_product(args, "signage", options, args.out, conf)
        code = max(code, done)
        for path in output.paths:
            print(path)
    return code


def _others(changes: list[Change], before: Conference, conf: Conference,
            signs: dict[date, list[Room]], only: date | None) -> None:
    """One note naming the signs a change reached that a scoped PDF (a room's sign) does not
    speak for, so they are not forgotten."""
    from ..core.console import say
    from ..schedule.compare import affected
    from ..schedule.labels import short_day

    left = [f"{r.name} ({short_day(day)})" for day, rooms in affected(changes, before, conf).items()
            if only is None or day == only for r in rooms if r not in signs.get(day, [])]
    if left:
        say("note", f"changes reach {', '.join(left)} too; this PDF speaks only for its own "
                    "room: reprint those with --changed-since BOOKLET.pdf")
