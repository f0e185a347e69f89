"""The programme booklet: cover, contents, each day's grid and talks, speakers A to Z,
venues and rooms, notes pages to a multiple of 4.

Built with platypus in passes: each pass records the page every anchor landed on; the next
uses those numbers in the grid, the contents and the speaker index, until they no longer
change. The last pass is written atomically.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from .. import fonts
from ..model import Conference
from ..pdf import Meta, atomic_output
from ..report import Report
from ..theme import Theme
from ..units import mm, paper
from .booklet_story import Story

MAX_PASSES = 4


@dataclass(frozen=True)
class Options:
    paper: str | None = None
    theme: Theme | None = None


@dataclass(frozen=True)
class Geometry:
    page: tuple[float, float]
    inside: float
    outside: float
    top: float
    bottom: float

    def frame_x(self, page_number: int) -> float:
        """Odd pages are rectos: their inside margin is on the left."""
        return self.inside if page_number % 2 else self.outside

    @property
    def text_width(self) -> float:
        return self.page[0] - self.inside - self.outside

    @property
    def text_height(self) -> float:
        return self.page[1] - self.top - self.bottom


class BookletDoc(BaseDocTemplate):
    """Recto and verso templates alternate; the running head is drawn after each page's
    content so it names the section that page belongs to."""

    def __init__(self, target, geometry: Geometry, story: Story, meta: Meta):
        self.geometry, self.story_builder = geometry, story
        g = geometry
        super().__init__(target, pagesize=g.page, leftMargin=0, rightMargin=0, topMargin=0,
                         bottomMargin=0, title=meta.title, author=meta.author,
                         subject=meta.subject, creator="printprog", producer="printprog",
                         invariant=1)

        def frame(page_number: int, name: str) -> Frame:
            return Frame(g.frame_x(page_number), g.bottom, g.text_width, g.text_height,
                         leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id=name)

        self.addPageTemplates([
            PageTemplate("cover", [frame(1, "cover")], onPage=story.draw_cover,
                         autoNextPageTemplate="verso"),
            PageTemplate("recto", [frame(1, "recto")], onPageEnd=story.draw_furniture,
                         autoNextPageTemplate="verso"),
            PageTemplate("verso", [frame(2, "verso")], onPageEnd=story.draw_furniture,
                         autoNextPageTemplate="recto"),
        ])


def _geometry(theme: Theme, paper_name: str | None) -> Geometry:
    name = paper_name or str(theme.get("booklet", "paper"))
    margins = theme.get("booklet", "margins")
    return Geometry(paper(name), mm(margins["inside"]), mm(margins["outside"]),
                    mm(margins["top"]), mm(margins["bottom"]))


def meta_for(conf: Conference) -> Meta:
    return Meta(title=f"{conf.name}: programme", author=conf.name,
                subject=f"Programme of {conf.name}, {conf.city} "
                        f"{conf.start_date:%-d %B %Y}".strip())


def build(conf: Conference, out: Path, theme: Theme, paper_name: str | None = None) -> Report:
    """Write the booklet to ``out``; return the report of the final pass."""
    fonts.register()
    geometry = _geometry(theme, paper_name)
    pages: dict[str, int] = {}
    padding = 0
    for _ in range(MAX_PASSES):
        report = Report()
        story = Story(conf, theme, geometry, dict(pages), report, padding)
        buffer = io.BytesIO()
        doc = BookletDoc(buffer, geometry, story, meta_for(conf))
        doc.build(story.flowables())
        wanted = (-(doc.page - padding)) % 4
        if story.recorded == pages and wanted == padding:
            break
        pages, padding = dict(story.recorded), wanted
        if padding:  # where the notes will start, so the contents can say so next pass
            pages["notes"] = doc.page - story.padding + 1
    else:
        report.warn("page references did not settle; some page numbers may be off by one")
    with atomic_output(out) as tmp:
        tmp.write_bytes(buffer.getvalue())
    return report
