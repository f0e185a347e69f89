"""The programme booklet: cover, contents, each day's grid and talks, speakers A to Z,
venues and rooms, notes pages to a multiple of 4.

Built with platypus in passes: each pass records the page every anchor landed on; the next
uses those numbers in the grid, the contents and the speaker index, until they no longer
change. The last pass is written atomically.
"""

from __future__ import annotations

import copy
import io
from dataclasses import dataclass
from pathlib import Path

from reportlab import rl_config
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from .. import fonts
from ..model import Conference
from ..pdf import Meta, atomic_output
from ..report import Report
from ..theme import Theme
from ..units import mm, paper
from .booklet_story import BackMatter, Story, clear_caches

#: Passes before giving up on settling (usually 2: a draft, then the drawn one).
MAX_PASSES = 6


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


class _Frame(Frame):
    """platypus deep-copies the current frame each time it measures a list of flowables
    (KeepTogether, ImageAndFlowables) so that page breaks they ask for go to the copy; a
    shallow copy does that (the copy gets a list of its own) at a fraction of the cost."""

    def __deepcopy__(self, memo):
        return copy.copy(self)


class BookletDoc(BaseDocTemplate):
    """Recto and verso templates alternate; the running head is drawn after each page's
    content so it names the section that page belongs to."""

    #: A page-number pass: flowables and page furniture skip drawing (booklet_story).
    draft = False

    def __init__(self, target, geometry: Geometry, story: Story, meta: Meta):
        self.geometry, self.story_builder = geometry, story
        g = geometry
        super().__init__(target, pagesize=g.page, leftMargin=0, rightMargin=0, topMargin=0,
                         bottomMargin=0, title=meta.title, author=meta.author,
                         subject=meta.subject, creator="printprog", producer="printprog",
                         invariant=1)

        def frame(page_number: int, name: str) -> Frame:
            return _Frame(g.frame_x(page_number), g.bottom, g.text_width, g.text_height,
                         leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id=name)

        self.addPageTemplates([
            PageTemplate("cover", [frame(1, "cover")], onPage=story.draw_cover,
                         autoNextPageTemplate="verso"),
            PageTemplate("recto", [frame(1, "recto")], onPageEnd=story.draw_furniture,
                         autoNextPageTemplate="verso"),
            PageTemplate("verso", [frame(2, "verso")], onPageEnd=story.draw_furniture,
                         autoNextPageTemplate="recto"),
        ])

    def _endBuild(self):
        if not self.draft:  # laid out and drawn: only the saving is left, with less memory
            clear_caches()
        super()._endBuild()

    def handle_flowable(self, flowables):
        if isinstance(flowables[0], BackMatter):
            flowables[0:1] = flowables[0].story.back_matter()
            return
        super().handle_flowable(flowables)


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
    """Write the booklet to ``out``; return the report of the final pass.

    Each pass prints the pages the pass before learned (a stand-in before any is known);
    the back matter prints the pages the talks took in the same pass (see BackMatter).
    The first pass is a draft: laid out, not drawn, not saved. The second is drawn, as
    the pages it prints are usually where their anchors land by then; if not (the notes
    changed the contents), drafts follow until they are, then one drawn pass. Paragraphs
    are parsed and broken into lines once across all passes (booklet_story's caches)."""
    rl_config.useA85 = 0  # binary streams, not ASCII85: smaller, less to re-encode in production
    fonts.register()
    geometry = _geometry(theme, paper_name)
    pages: dict[str, int] = {}
    padding, draft, settled = 0, True, False
    clear_caches()
    try:
        for n in range(MAX_PASSES):
            story = doc = buffer = None  # the pass before is not needed while this one runs
            story, doc, buffer = _pass(conf, theme, geometry, pages, padding, draft)
            wanted = (-(doc.page - padding)) % 4
            settled = _settled(story) and wanted == padding
            if settled and not draft:
                break
            if not settled:
                pages, padding = dict(story.recorded), wanted
                if padding:  # where the notes will start, so the contents can say so
                    pages["notes"] = doc.page - story.padding + 1
            # Draw after the first draft or a settled one; draft after a drawn pass that
            # did not settle.
            draft = not (settled or n == 0) if draft else True
        if draft:  # out of passes on a draft: draw what it learned
            story = doc = buffer = None
            story, doc, buffer = _pass(conf, theme, geometry, pages, padding, draft=False)
            settled = False
        if not settled:
            story.report.warn("page references did not settle; some page numbers may be "
                              "off by one")
    finally:
        clear_caches()
    report = story.report
    story = doc = None
    with atomic_output(out) as tmp:
        tmp.write_bytes(buffer.getbuffer())
    return report


def _pass(conf: Conference, theme: Theme, geometry: Geometry, pages: dict[str, int],
          padding: int, draft: bool) -> tuple[Story, BookletDoc, io.BytesIO]:
    story = Story(conf, theme, geometry, dict(pages), Report(), padding)
    buffer = io.BytesIO()
    doc = BookletDoc(buffer, geometry, story, meta_for(conf))
    doc.draft = draft
    if draft:
        doc._doSave = 0  # reportlab's switch: no PDF written at the end of build()
    doc.build(story.flowables())
    return story, doc, buffer


def _settled(story: Story) -> bool:
    """Every page the pass printed is the page its anchor landed on."""
    return all(story.recorded.get(key) == page for key, page in story.printed.items())
