"""`printprog ical`: the schedule as an iCalendar file, for the whole event or one room.

Only argparse-level imports here; the writer (printprog.exporters.ical) is imported in the handler.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from .common import add_data, load_conference


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "ical", help="the schedule as an iCalendar (.ics) file",
        description="Write one calendar event per session (RFC 5545), for the whole event or "
                    "one room; the same data gives the same bytes, so re-imports update "
                    "calendars instead of doubling them.")
    add_data(p)
    p.add_argument("--room", metavar="NAME",
                   help="only this room, by name or id, e.g. 'Stirling Suite' or 'stirling-suite'")
    p.add_argument("--out", type=Path, required=True, metavar="FILE.ics",
                   help="where to write, e.g. output/schedule.ics")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..exporters.ical import write

    conf = load_conference(args)
    count = write(conf, args.out, room=args.room)
    print(f"wrote {args.out}: {count} events")
    return 0
