"""`printprog booklet`: the programme booklet."""

from __future__ import annotations

import argparse

from .common import add_product, load_conference, print_warnings

PAPERS = ["a5", "a4", "letter", "half-letter"]


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("booklet", help="the programme booklet (PDF)")
    add_product(p, "output/booklet.pdf", PAPERS)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..products.booklet import build
    from ..theme import load_theme

    conf = load_conference(args)
    report = build(conf, args.out, load_theme(args.theme), args.paper)
    print_warnings(report.warnings)
    print(f"wrote {args.out}")
    return 0
