"""`printprog preview FILE.pdf --out DIR`: pages or a contact sheet as PNG.

Only argparse-level imports here; the renderer is imported in the handler. A bad ``--dpi``
or ``--pages`` is a bad command line (exit 2), checked by argparse before anything is read.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ..core.errors import PrintprogError
from .preflight import _need_file


def register(sub: argparse._SubParsersAction) -> None:
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
    from ..qa.preview import check_pages

    try:
        check_pages(text)
    except PrintprogError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return text


def cmd_preview(args: argparse.Namespace) -> int:
    from ..qa.preview import CONTACT_SHEET, contact_sheet, render_pages

    _need_file(args.file)
    if args.pages is None:
        print(contact_sheet(args.file, args.out / CONTACT_SHEET))
        return 0
    for path in render_pages(args.file, args.pages, args.out, args.dpi):
        print(path)
    return 0
