"""``printprog chair``: the session chair's kit for a room (and day), or for every room.

Only argparse-level imports here; the product is imported inside :func:`run`.
"""

from __future__ import annotations

import argparse

from .common import add_product, load_conference, run_product


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "chair", help="the session chair's kit: a page per session, then timing cards",
        description="For each session of a room and day, a page the chair reads from: time "
                    "and length, title, speakers with organisation and a short bio, and the "
                    "next session in the room; then the timing cards '10 min', '5 min', "
                    "'1 min' and 'STOP', each on a page of its own, once per room and day.")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--room", metavar="NAME",
                       help="room, e.g. 'Stirling Suite' or 'stirling'")
    which.add_argument("--all", action="store_true", dest="all_rooms",
                       help="every room with a session to chair")
    p.add_argument("--day", metavar="DATE|WEEKDAY",
                   help="only this day: 2013-10-22 or tuesday (default: every day)")
    add_product(p, "output/chair.pdf", "a4")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..products.base import Options
    from ..schedule.lookup import find_day, find_room

    conf = load_conference(args)
    rooms = None if args.all_rooms else (find_room(conf, args.room),)
    day = find_day(conf, args.day) if args.day else None
    output, code = run_product(args, "chair", Options(paper=args.paper, day=day, rooms=rooms),
                               args.out, conf)
    print(f"wrote {args.out}: {output.summary}")
    return code
