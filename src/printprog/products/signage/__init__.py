"""The signage product (door signs per room and day), declared here (``PRODUCT``); the
modules only it uses beside it.

The declaration imports no drawing code: :meth:`build` imports :mod:`.product` (or
:mod:`.changed`, for ``changed_since``) when it runs.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from ..base import DAY, Output, Product, add_rooms, argument, jobs_count
from .options import Options

if TYPE_CHECKING:
    from ...schedule.model import Conference
    from ...theme.loader import Theme


class Signage(Product):
    name = "signage"
    help = "room signs for the doors: one per room per day"
    description = ("Write a door sign for each day a room is used (one PDF per room), or for "
                   "every room with --all (plus all-rooms.pdf for the print shop).")
    theme_section = "signage"
    out = "output/signage"
    paper = "a4"
    Options = Options
    arguments = (
        DAY,
        # default None, not False: without the flag the theme's signage.landscape decides.
        argument("--landscape", action="store_true", default=None,
                 help="turn the sheet (default: the theme's, A4 portrait: a day is a list)"),
        argument("--jobs", type=jobs_count, default=1, metavar="N",
                 help="share the rooms out among N processes; all-rooms.pdf is then their "
                      "files joined (default 1)"),
    )

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        add_rooms(parser, "room or off-site venue, e.g. 'Stirling Suite' or 'stirling'",
                  "every room that holds sessions, and a combined all-rooms.pdf",
                  argument("--changed-since", type=Path, metavar="BOOKLET.pdf",
                           help="only the signs (room x day) whose sessions changed since "
                                "this PDF was printed, one file per room and day"))
        super().add_arguments(parser)

    def build(self, conference: Conference, theme: Theme, options: Options,
              out: Path) -> Output:
        if options.changed_since is not None:
            from .changed import changed_signs

            return changed_signs(conference, theme, options, out)
        from .product import _product

        return _product(conference, theme, options, out)

    def said(self, output: Output, out: Path) -> list[str]:
        return output.lines or [str(path) for path in output.paths]


PRODUCT = Signage()
