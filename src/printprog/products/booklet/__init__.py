"""The booklet product, declared here (``PRODUCT``); the modules only it uses beside it.

The declaration imports no drawing code (``printprog --help`` stays fast): :meth:`build`
imports :mod:`.product` when it runs.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..base import MOST_JOBS, Output, Product, argument, cores, jobs_count
from .options import Options

if TYPE_CHECKING:
    from ...schedule.model import Conference
    from ...theme.loader import Theme


class Booklet(Product):
    name = "booklet"
    help = "the programme booklet (PDF)"
    theme_section = "booklet"
    out = "output/booklet.pdf"
    paper = "a5"
    Options = Options
    arguments = (
        argument("--impose", choices=["saddle"], default=None,
                 help="also write the printer's spreads: 'saddle' puts two pages side by "
                      "side on a sheet twice the page size, ordered for a saddle-stitched "
                      "fold, padded with blank pages to a multiple of 4"),
        argument("--pages", type=int, default=None, metavar="N",
                 help="make exactly N pages (a multiple of 4), giving up in this order "
                      "notes pages, bios, the length of abstracts, abstracts, photos, the "
                      "rooms' session lists, full talk entries and the speakers' index; "
                      "every session's time, room, title and speakers stay"),
        argument("--impose-out", type=Path, default=None, metavar="PATH",
                 help="where the spreads go (default: OUT with -saddle before .pdf)"),
        argument("--jobs", type=jobs_count, default=cores(), metavar="N",
                 help="lay out a large booklet's parts (each day from its grid, the back "
                      f"matter) on N processes (default {cores()}: the processors here, at most "
                      f"{MOST_JOBS}); the same file with any N"),
    )

    def build(self, conference: Conference, theme: Theme, options: Options,
              out: Path) -> Output:
        from .product import _product

        return _product(conference, theme, options, out)

    def said(self, output: Output, out: Path) -> list[str]:
        return [*output.lines, *(f"wrote {path}" for path in output.paths)]


PRODUCT = Booklet()
