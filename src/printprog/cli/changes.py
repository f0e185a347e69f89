"""``printprog changes``: what changed since the booklet was printed, as a sheet and a list.

The booklet (any PDF printprog made) carries the schedule it was printed from
(:mod:`printprog.pdf.embedded`); ``--data`` is today's. Only argparse-level imports here.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from .common import add_data, add_print_options, load_conference, run_product


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "changes", help="sheet of the changes since the booklet was printed",
        description="Compare the schedule a printed PDF carries (--since) with today's "
                    "(--data) and write a one- or two-page 'Changes since the programme was "
                    "printed' sheet: cancelled, moved, retitled, new sessions and speaker "
                    "changes, each with its QR code; the same list goes to the terminal. "
                    "Exits 0 whether or not anything changed.")
    p.add_argument("--since", type=Path, required=True, metavar="FILE.pdf",
                   help="the booklet (or any PDF printprog made) as it was printed")
    add_data(p)
    p.add_argument("--out", type=Path, default=Path("output/changes.pdf"), metavar="PATH",
                   help="where to write (default: output/changes.pdf)")
    p.add_argument("--paper", choices=["a4", "a5"], default=None,
                   help="paper size (default: the theme's, a4)")
    p.add_argument("--theme", default="default", metavar="NAME|FILE",
                   help="theme name in templates/ or a theme YAML file (default: default)")
    add_print_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..importers.printed import printed
    from ..products.base import Options
    from ..schedule.compare import compare, summary

    was = printed(args.since, "--since")  # a room's sign: only its room and days compared
    now = load_conference(args)
    options = Options(paper=args.paper, extra={"before": was.conference, "pages": was.pages,
                                               "scope": was.scope})
    _, code = run_product(args, "changes", options, args.out, now)
    print(summary(compare(was.conference, now, was.pages, was.scope), was.conference, now))
    print(f"wrote {args.out}")
    return code
