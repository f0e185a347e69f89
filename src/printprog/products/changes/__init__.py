"""The changes product ("Changes since the programme was printed"), declared here
(``PRODUCT``); the modules only it uses beside it.

The declaration imports no drawing code: :meth:`build` imports :mod:`.product` when it runs.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..base import Output, Product, argument
from .options import Options

if TYPE_CHECKING:
    from ...schedule.model import Conference
    from ...theme.loader import Theme


class Changes(Product):
    name = "changes"
    help = "sheet of the changes since the booklet was printed"
    description = ("Compare the schedule a printed PDF carries (--since) with today's "
                   "(--data) and write a one- or two-page 'Changes since the programme was "
                   "printed' sheet: cancelled, moved, retitled, new sessions and speaker "
                   "changes, each with its QR code; the same list goes to the terminal. "
                   "Exits 0 whether or not anything changed.")
    theme_section = "changes"
    out = "output/changes.pdf"
    paper = "a4"
    papers = ("a4", "a5")
    Options = Options
    arguments = (
        argument("--since", type=Path, required=True, metavar="FILE.pdf",
                 help="the booklet (or any PDF printprog made) as it was printed"),
    )

    def build(self, conference: Conference, theme: Theme, options: Options,
              out: Path) -> Output:
        from .product import _product

        return _product(conference, theme, options, out)

    def said(self, output: Output, out: Path) -> list[str]:
        return [*output.lines, f"wrote {out}"]


PRODUCT = Changes()
