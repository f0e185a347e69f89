"""`printprog signage` (door signs per room and day) and `printprog poster` (the day grid).

Only argparse-level imports here; the products are imported inside the handlers. Each handler
turns what the user typed into model objects (:mod:`printprog.lookup`: one-line
PrintprogErrors that list the choices), calls the product, prints warnings on stderr and the
written paths on stdout, and returns the exit code.
"""

from __future__ import annotations

import argparse

from .badges import jobs_count
from .common import add_product, finish, load_conference, load_theme_for, print_warnings


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "signage", help="room signs for the doors: one per room per day",
        description="Write a door sign for each day a room is used (one PDF per room), or for "
                    "every room with --all (plus all-rooms.pdf for the print shop).")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--room", metavar="NAME",
                       help="room or off-site venue, e.g. 'Stirling Suite' or 'stirling'")
    which.add_argument("--all", action="store_true", dest="all_rooms",
                       help="every room that holds sessions, and a combined all-rooms.pdf")
    p.add_argument("--day", metavar="DATE|WEEKDAY",
                   help="only this day: 2013-10-22 or tuesday (default: every day)")
    add_product(p, "output/signage", "a4")
    p.add_argument("--jobs", type=jobs_count, default=1, metavar="N",
                   help="share the rooms out among N processes; all-rooms.pdf is then their "
                        "files joined (default 1)")
    p.set_defaults(func=cmd_signage)

    p = subparsers.add_parser(
        "poster", help="the day's whole grid as a poster for the entrance hall",
        description="Write one poster page per day (or the day asked for) with the same grid "
                    "as the booklet's day at a glance, at poster scale.")
    p.add_argument("--day", metavar="DATE|WEEKDAY",
                   help="only this day: 2013-10-22 or tuesday (default: every day)")
    add_product(p, "output/poster.pdf", "a2")
    p.set_defaults(func=cmd_poster)


def cmd_signage(args: argparse.Namespace) -> int:
    from ..lookup import find_day, find_room
    from ..products import signage
    from ..report import Report

    conf = load_conference(args)
    rooms = None if args.all_rooms else [find_room(conf, args.room)]
    day = find_day(conf, args.day) if args.day else None
    report = Report()
    paths = signage.build(conf, load_theme_for(args), out_dir=args.out, report=report,
                          rooms=rooms, day=day, paper_name=args.paper, jobs=args.jobs)
    print_warnings(report.warnings)
    code = finish(args, paths, report, product="signage")
    for path in paths:
        print(path)
    return code


def cmd_poster(args: argparse.Namespace) -> int:
    from ..lookup import find_day
    from ..products import poster
    from ..report import Report

    conf = load_conference(args)
    report = Report()
    day = find_day(conf, args.day) if args.day else None
    path = poster.build(conf, load_theme_for(args), out=args.out, report=report,
                        day=day, paper_name=args.paper)
    print_warnings(report.warnings)
    code = finish(args, [path], report, product="poster")
    print(path)
    return code
