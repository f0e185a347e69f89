"""`printprog booklet`: the programme booklet, and on request its printer's spreads.

``--out`` always gets the booklet in reading order (what preflight and previews look at).
``--impose saddle`` also writes the saddle-stitch spreads, two pages per sheet side, to
``--impose-out`` (default: beside ``--out``, named ``<name>-saddle.pdf``), with the same bleed,
crop marks (plus fold marks) and colour mode.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from .common import add_product, finish, print_warnings, run_product


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("booklet", help="the programme booklet (PDF)")
    add_product(p, "output/booklet.pdf", "a5")
    p.add_argument("--impose", choices=["saddle"], default=None,
                   help="also write the printer's spreads: 'saddle' puts two pages side by "
                        "side on a sheet twice the page size, ordered for a saddle-stitched "
                        "fold, padded with blank pages to a multiple of 4")
    p.add_argument("--impose-out", type=Path, default=None, metavar="PATH",
                   help="where the spreads go (default: OUT with -saddle before .pdf)")
    p.set_defaults(func=run)


def saddle_path(out: Path) -> Path:
    return out.with_name(f"{out.stem}-saddle{out.suffix or '.pdf'}")


def run(args: argparse.Namespace) -> int:
    from ..core.errors import PrintprogError
    from ..products.base import Options

    if args.impose_out and not args.impose:
        raise PrintprogError("--impose-out names where the spreads go: add --impose saddle")
    output, code = run_product(args, "booklet", Options(paper=args.paper), args.out)
    print(f"wrote {args.out}")
    if args.impose == "saddle":
        from ..production.impose import saddle_file

        target = args.impose_out or saddle_path(args.out)
        if target.resolve() == args.out.resolve():
            target = saddle_path(args.out)
            print_warnings([f"--impose-out is the booklet itself ({args.out}): the spreads "
                            f"go to {target} so the booklet is kept"])
        from ..pdf.embedded import read

        page_width = saddle_file(args.out, target)
        code = max(code, finish(args, [target], output.report, product="booklet-saddle",
                                folds=[page_width],
                                source=None if args.pdfx else read(args.out)))
        print(f"wrote {target}")
    return code
