"""`printprog preflight FILE.pdf`: check a PDF before it goes to print; exit 1 on an error.

Only argparse-level imports here; the checks are imported in the handler.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ..core.errors import PrintprogError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "preflight", help="check a PDF for print: boxes, fonts, images, colour, fitted texts",
        description="Print a short report on a PDF: page sizes and boxes, fonts and whether "
                    "they are embedded, image resolution at placed size, colour spaces, and "
                    "(for PDFs printprog wrote) texts shrunk or cut, QR code sizes and the page "
                    "count for the fold. Exit 1 when there is an error.")
    p.add_argument("file", type=Path, metavar="FILE.pdf")
    p.add_argument("--full", action="store_true",
                   help="list every shrunk or cut text, not only the first few")
    p.set_defaults(func=cmd_preflight)


def _need_file(path: Path) -> None:
    if not path.is_file():
        raise PrintprogError(f"{path}: no such file")


def cmd_preflight(args: argparse.Namespace) -> int:
    from ..qa.preflight import preflight

    _need_file(args.file)
    result = preflight(args.file, full=args.full)
    print(result.text())
    return result.exit_code
