"""Plain pages of stacked text for the small products (the changes sheet, the chair's kit):
the style of a theme section, and a cursor that moves down the page and starts the next one
when a block does not fit. Each page gets the accent band along its top edge.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas

from ..core.units import mm, paper
from ..production.spec import to_bleed
from ..theme.loader import TextStyle, Theme
from ..theme.schema import ChairSection, ChangesSection
from . import text as fit
from .text import Fitted


@dataclass(frozen=True)
class PlainStyle:
    """A theme section's page, margin, accent band, gap and text styles, in points."""

    page: tuple[float, float]
    margin: float
    band: float
    gap: float
    text: dict[str, TextStyle]

    @classmethod
    def from_theme(cls, section: ChangesSection | ChairSection, paper_name: str | None = None,
                   landscape: bool = False) -> PlainStyle:
        """From a theme's typed section (``theme.sections.changes`` or ``.chair``)."""
        name = (paper_name or section.paper).lower()
        return cls(page=paper(name, landscape=landscape), margin=mm(section.margin),
                   band=mm(section.band), gap=mm(section.gap), text=dict(section.text))

    @property
    def inner(self) -> float:
        """The width between the margins."""
        return self.page[0] - 2 * self.margin


class Cursor:
    """Where the next block goes on a canvas of ``st.page`` pages; ``head`` draws what
    starts each page after the band (and moves the cursor below it)."""

    def __init__(self, canvas: Canvas, st: PlainStyle, theme: Theme,
                 head: Callable[[Cursor], None] | None = None):
        self.canvas, self.st, self.theme, self.head = canvas, st, theme, head
        self.pages = 0
        self.y = 0.0
        self.new_page(first=True)

    def new_page(self, first: bool = False) -> None:
        if not first:
            self.canvas.showPage()
        self.pages += 1
        width, height = self.st.page
        if self.st.band:
            self.canvas.setFillColor(self.theme.colour("accent"))
            self.canvas.rect(*to_bleed(0, height - self.st.band, width, self.st.band,
                                       (width, height)), stroke=0, fill=1)
        self.y = height - max(self.st.margin, self.st.band + self.st.gap)
        if self.head is not None:
            self.head(self)

    @property
    def room(self) -> float:
        """Height left above the bottom margin."""
        return self.y - self.st.margin

    def need(self, height: float) -> None:
        """Start a new page unless ``height`` fits on this one (a block taller than a
        whole page goes on a fresh page and is the layout's to shorten)."""
        if height > self.room + 1e-6:
            self.new_page()

    def draw(self, fitted: Fitted, x: float | None = None, colour: str = "ink",
             after: float = 0.0) -> None:
        """Draw ``fitted`` at the cursor (at the margin unless ``x``), then move below it."""
        left = self.st.margin if x is None else x
        self.y = fit.draw(self.canvas, fitted, left, self.y, colour=self.theme.colour(colour))
        self.y -= after

    def finish(self) -> None:
        self.canvas.showPage()
        self.canvas.save()
