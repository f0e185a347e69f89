"""The poster product, declared here (``PRODUCT``); the modules only it uses beside it.

The declaration imports no drawing code: :meth:`build` imports :mod:`.product` when it runs.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..base import DAY, Options, Output, Product

if TYPE_CHECKING:
    from ...schedule.model import Conference
    from ...theme.loader import Theme


class Poster(Product):
    name = "poster"
    help = "the day's whole grid as a poster for the entrance hall"
    description = ("Write one poster page per day (or the day asked for) with the same grid "
                   "as the booklet's day at a glance, at poster scale.")
    theme_section = "poster"
    out = "output/poster.pdf"
    paper = "a2"
    arguments = (DAY,)

    def build(self, conference: Conference, theme: Theme, options: Options,
              out: Path) -> Output:
        from .product import _product

        return _product(conference, theme, options, out)


PRODUCT = Poster()
