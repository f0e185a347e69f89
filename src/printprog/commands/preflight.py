"""`printprog preflight FILE.pdf` (check a PDF before it goes to print; exit 1 on an error) and
`printprog preview FILE.pdf --out DIR` (pages or a contact sheet as PNG).

Only argparse-level imports here; the checks and the renderer are imported in the handlers.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ..errors import PrintprogError


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

    p = sub.add_parser(
        "preview", help="render a PDF's pages, or a contact sheet of all of them, to PNG",
        description="Without --pages, write DIR/contact-sheet.png: every page, trimmed, in "
                    "reading order with its number (a booklet as spreads). With --pages, write "
                    "those pages whole to DIR/page-001.png, page-002.png, ...")
    p.add_argument("file", type=Path, metavar="FILE.pdf")
    p.add_argument("--out", type=Path, required=True, metavar="DIR",
                   help="folder for the PNGs (created if missing)")
    p.add_argument("--pages", type=_pages, default=None, metavar="SPEC",
                   help="pages to render: 1-4, 2,5-7 or all")
    p.add_argument("--dpi", type=_dpi, default=100.0,
                   help="resolution of page renders, 10 to 1200 (default 100)")
    p.set_defaults(func=cmd_preview)


def _dpi(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number") from None
    if not 10 <= value <= 1200:  # also refuses nan
        raise argparse.ArgumentTypeError(f"{text}: use 10 to 1200")
    return value


def _pages(text: str) -> str:
    from ..preview import check_pages

    try:
        check_pages(text)
    except PrintprogError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return text


def _need_file(path: Path) -> None:
    if not path.is_file():
        raise PrintprogError(f"{path}: no such file")


def cmd_preflight(args: argparse.Namespace) -> int:
    from ..preflight import preflight

    _need_file(args.file)
    result = preflight(args.file, full=args.full)
    print(result.text())
    return result.exit_code


def cmd_preview(args: argparse.Namespace) -> int:
    from ..preview import CONTACT_SHEET, contact_sheet, render_pages

    _need_file(args.file)
    if args.pages is None:
        print(contact_sheet(args.file, args.out / CONTACT_SHEET))
        return 0
    for path in render_pages(args.file, args.pages, args.out, args.dpi):
        print(path)
    return 0
