"""`printprog signage`: door signs per room and day.

Only argparse-level imports here; the products are imported inside the handlers. Each handler
turns what the user typed into model objects (:mod:`printprog.schedule.lookup`: one-line
PrintprogErrors that list the choices), calls the product, prints warnings on stderr and the
written paths on stdout, and returns the exit code.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from .badges import jobs_count
from .common import add_product, load_conference, run_product


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "signage", help="room signs for the doors: one sheet per room and day",
        description="Write a door sign for each day a room is used (one PDF per room), or for "
                    "every room with --all (plus all-rooms.pdf for the print shop).")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--room", metavar="NAME",
                       help="room or off-site venue, e.g. 'Stirling Suite' or 'stirling'")
    which.add_argument("--all", action="store_true", dest="all_rooms",
                       help="every room that holds sessions, and a combined all-rooms.pdf")
    which.add_argument("--changed-since", type=Path, metavar="BOOKLET.pdf",
                       help="only the signs (room x day) whose sessions changed since this "
                            "PDF was printed, one file per room and day")
    p.add_argument("--day", metavar="DATE|WEEKDAY",
                   help="only this day: 2013-10-22 or tuesday (default: every day)")
    add_product(p, "output/signage", "a4")
    p.add_argument("--landscape", action="store_true",
                   help="turn the sheet (default: the theme's, A4 portrait: a day is a list)")
    p.add_argument("--jobs", type=jobs_count, default=1, metavar="N",
                   help="share the rooms out among N processes; all-rooms.pdf is then their "
                        "files joined (default 1)")
    p.set_defaults(func=cmd_signage)


def cmd_signage(args: argparse.Namespace) -> int:
    from ..products.base import Options
    from ..schedule.lookup import find_day, find_room

    conf = load_conference(args)
    if args.changed_since:
        from .changed import changed_signs

        return changed_signs(args, conf)
    rooms = None if args.all_rooms else (find_room(conf, args.room),)
    day = find_day(conf, args.day) if args.day else None
    options = Options(paper=args.paper, day=day, rooms=rooms, jobs=args.jobs,
                      extra={"landscape": True} if args.landscape else {})
    output, code = run_product(args, "signage", options, args.out, conf)
    for path in output.paths:
        print(path)
    return code
