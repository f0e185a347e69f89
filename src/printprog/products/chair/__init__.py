"""The chair product (the session chair's kit), declared here (``PRODUCT``); the modules only
it uses beside it.

The declaration imports no drawing code: :meth:`build` imports :mod:`.product` when it runs.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from ..base import DAY, Options, Output, Product, add_rooms

if TYPE_CHECKING:
    from ...schedule.model import Conference
    from ...theme.loader import Theme


class Chair(Product):
    name = "chair"
    help = "the session chair's kit: a page per session, then timing cards"
    description = ("For each session of a room and day, a page the chair reads from: time "
                   "and length, title, speakers with organisation and a short bio, and the "
                   "next session in the room; then the timing cards '10 min', '5 min', "
                   "'1 min' and 'STOP', each on a page of its own, once per room and day.")
    theme_section = "chair"
    out = "output/chair.pdf"
    paper = "a4"
    arguments = (DAY,)

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        add_rooms(parser, "room, e.g. 'Stirling Suite' or 'stirling'",
                  "every room with a session to chair")
        super().add_arguments(parser)

    def build(self, conference: Conference, theme: Theme, options: Options,
              out: Path) -> Output:
        from .product import _product

        return _product(conference, theme, options, out)

    def said(self, output: Output, out: Path) -> list[str]:
        return [f"wrote {out}: {output.summary}"]


PRODUCT = Chair()
