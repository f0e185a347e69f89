"""`printprog poster`: the day grid as a poster for the entrance hall.

Only argparse-level imports here; the product is imported through :func:`printprog.render`.
"""

from __future__ import annotations

import argparse

from .common import add_product, load_conference, run_product


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "poster", help="the day's whole grid as a poster for the entrance hall",
        description="Write one poster page per day (or the day asked for) with the same grid "
                    "as the booklet's day at a glance, at poster scale.")
    p.add_argument("--day", metavar="DATE|WEEKDAY",
                   help="only this day: 2013-10-22 or tuesday (default: every day)")
    add_product(p, "output/poster.pdf", "a2")
    p.set_defaults(func=cmd_poster)


def cmd_poster(args: argparse.Namespace) -> int:
    from ..products.base import Options
    from ..schedule.lookup import find_day

    conf = load_conference(args)
    day = find_day(conf, args.day) if args.day else None
    output, code = run_product(args, "poster", Options(paper=args.paper, day=day), args.out,
                               conf)
    for path in output.paths:
        print(path)
    return code
