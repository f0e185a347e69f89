"""One subcommand per registered product (:mod:`printprog.products`), derived from the
product's declaration (:class:`printprog.products.base.Product`).

Every product command takes the options every product shares (``--data`` and the import
options, ``--out``, ``--theme``, ``--paper`` when the product has a paper, the print options
``--bleed``, ``--crop-marks``, ``--colour`` and ``--preflight``) and the product's own
(``Product.arguments`` / ``Product.add_arguments``). :func:`run` turns what was parsed into the
product's typed Options (``--day`` and ``--room``/``--all`` found in the event), calls
:func:`printprog.render.render` (print production, spreads and preflight included, in the
run's transaction), prints the warnings, the preflight and what the product says
(``Product.said``), and returns the exit code. Only argparse-level imports at module level:
``printprog --help`` stays fast.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .common import add_data, add_print_options, load_conference, paper_name, print_warnings

if TYPE_CHECKING:
    from ..products.base import Product

#: Runs with more items than this show a progress bar (on a terminal only).
PROGRESS_FROM = 300

#: A value that starts like a negative number: ``-1,2``, ``-0.5,3``, ``-1``.
_NEGATIVE = re.compile(r"^-(\d|\.\d)")


def register(sub: argparse._SubParsersAction, product: Product) -> None:
    """The subcommand of ``product``."""
    p = sub.add_parser(product.name, help=product.help,
                       description=product.description or None)
    add_data(p)
    p.add_argument("--out", type=Path, default=Path(product.out), metavar="PATH",
                   help=f"where to write (default: {product.out})")
    if product.papers:
        p.add_argument("--paper", choices=list(product.papers), default=None,
                       help=f"paper size (default: the theme's, {product.paper})")
    elif product.paper:
        p.add_argument("--paper", type=paper_name, default=None, metavar="NAME",
                       help="paper size from templates/papers.yaml: a2 to a6, letter, "
                            f"half-letter, tabloid (default: the theme's, {product.paper})")
    p.add_argument("--theme", default="default", metavar="NAME|FILE",
                   help="theme name in templates/ or a theme YAML file (default: default)")
    product.add_arguments(p)
    add_print_options(p)
    p.set_defaults(func=run, product=product.name)


def negative_values(argv: Sequence[str], flags: set[str]) -> list[str]:
    """``--offset -1,2`` as ``--offset=-1,2``: argparse takes a value starting with '-' for
    an option unless it is a plain number, so a negative pair was refused (issue #27)."""
    out: list[str] = []
    it = iter(argv)
    for token in it:
        if token == "--":
            out += [token, *it]
            break
        if token in flags:
            value = next(it, None)
            if value is not None and _NEGATIVE.match(value):
                out.append(f"{token}={value}")
                continue
            out.append(token)
            if value is not None:
                out.append(value)
            continue
        out.append(token)
    return out


def negative_flags(products: Sequence[Product]) -> set[str]:
    """The flags whose values may be negative (declared with ``negative=True``)."""
    return {flag for product in products for arg in product.arguments if arg.negative
            for flag in arg.flags}


class Progress:
    """A one-line bar on stderr, redrawn with \\r; silent when stderr is not a terminal."""

    def __init__(self, stream=None, width: int = 30, label: str = "badges"):
        self.label = label
        self.stream = stream or sys.stderr
        self.width = width
        self.shown = -1

    def __call__(self, done: int, total: int) -> None:
        if total <= PROGRESS_FROM or not self.stream.isatty():
            return
        percent = done * 100 // total
        if percent == self.shown:
            return
        self.shown = percent
        filled = self.width * done // total
        self.stream.write(f"\r{self.label} [{'#' * filled}{'.' * (self.width - filled)}] "
                          f"{done}/{total}")
        if done == total:
            self.stream.write("\n")
        self.stream.flush()


def run(args: argparse.Namespace) -> int:
    from .. import products
    from ..render import PreflightFailed, render
    from .common import load_theme_for, production_of

    product = products.get(args.product)
    values = {k: v for k, v in vars(args).items() if k not in ("day", "room", "all_rooms")}
    conf = (load_conference(args) if product.needs_schedule(product.options(values))
            else None)
    if getattr(args, "day", None):
        from ..schedule.lookup import find_day  # only for --day and --room: not a badge's

        values["day"] = find_day(conf, args.day)
    if hasattr(args, "room"):
        from ..schedule.lookup import find_room

        values["rooms"] = (find_room(conf, args.room),) if args.room else None
    values["progress"] = Progress(label=product.name)
    options = product.options(values)
    try:
        output = render(product.name, conf, load_theme_for(args), options, args.out,
                        production_of(args), preflight=args.preflight)
    except PreflightFailed as failed:  # shown, then the error line: nothing was replaced
        print_warnings(failed.output.report.warnings, args.verbose)
        for result in failed.results:
            print(result.text())
        raise
    print_warnings(output.report.warnings, args.verbose)
    for result in output.preflight:
        print(result.text())
    for line in product.said(output, args.out):
        print(line)
    return 0
