"""The programme booklet: cover, contents, each day's grid and talks, speakers A to Z,
venues and rooms, notes pages to a multiple of 4 less one, and the back cover.

Laid out once with platypus, written atomically. Page numbers the front needs before the
talks are placed (contents, day grids) are forms filled in at the end (layout.pageref); the
back matter is made after the talks and prints their pages directly.
"""

from __future__ import annotations

import copy
import gc
import io
import logging
from collections.abc import Callable
from pathlib import Path

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from ...core.report import Report
from ...core.units import mm, paper
from ...draw import fonts, rlprivate
from ...layout.flowables import Later
from ...layout.paragraph import clear_caches
from ...pdf.writer import Meta, PrintCanvas, atomic_output
from ...schedule.model import Conference
from ...theme.loader import Theme
from ..base import Output
from . import budget
from .context import Geometry
from .options import Options, saddle_path
from .plan import Plan
from .story import Story


class _Frame(Frame):
    """platypus deep-copies the current frame each time it measures a list of flowables
    (KeepTogether, ImageAndFlowables) so that page breaks they ask for go to the copy; a
    shallow copy does that (the copy gets a list of its own) at a fraction of the cost."""

    def __deepcopy__(self, memo):
        return copy.copy(self)


class BookletDoc(BaseDocTemplate):
    """Recto and verso templates alternate; the running head is drawn after each page's
    content so it names the section that page belongs to. A page's frames follow the
    story's :class:`~.context.PageLayout` when the page begins: one column or several, a
    full-width head frame on a section's first page, or the back cover."""

    def __init__(self, target, geometry: Geometry, story: Story, meta: Meta, first: int = 1,
                 hold: bool = False):
        self.geometry, self.story_builder = geometry, story
        #: The number of the first page (a part of the booklet, :mod:`.parts`, starts later).
        self.first = first
        #: Stop before the page references are filled in and the PDF saved (a part that
        #: needs the others' pages for that): :meth:`finish` does both later.
        self.hold = hold
        #: Called with this document when the last page is done, before the references
        #: are filled in (a part learns its first page there).
        self.before_define: Callable[[BookletDoc], None] | None = None
        #: The names this document links to but has not (another part has them), once saved.
        self.elsewhere: list[str] = []
        g = geometry
        super().__init__(target, pagesize=g.page, leftMargin=0, rightMargin=0, topMargin=0,
                         bottomMargin=0, title=meta.title, author=meta.author,
                         subject=meta.subject, creator="printprog", producer="printprog",
                         invariant=1)

        self.addPageTemplates([
            PageTemplate("cover", [_frame(g, 1, "cover")], onPage=story.draw_cover,
                         autoNextPageTemplate="verso"),
            PageTemplate("recto", [_frame(g, 1, "recto")], onPageEnd=story.draw_furniture,
                         autoNextPageTemplate="verso"),
            PageTemplate("verso", [_frame(g, 2, "verso")], onPageEnd=story.draw_furniture,
                         autoNextPageTemplate="recto"),
        ])

    def _endBuild(self):
        save, self._doSave = getattr(self, "_doSave", 1), 0
        super()._endBuild()  # the last page finished, nothing saved yet
        self._save = bool(save)
        if not self.hold:
            self.finish()

    def finish(self) -> None:
        """Fill in the page references and save (at the end of the build, unless held)."""
        if self.before_define is not None:
            self.before_define(self)
        missing = self.story_builder.refs.define(self.canv)
        if missing:  # pragma: no cover - every reference is to an anchor in the story
            self.story_builder.report.warn(f"page references to nothing: {', '.join(missing)}")
        if self.first != 1 or self.hold:  # a part: it links to the others' places by name
            self.elsewhere = rlprivate.name_destinations(self.canv)
        clear_caches()  # laid out and drawn: only the saving is left, with less memory
        if self._save:
            self.canv.save()

    @property
    def pages(self) -> int:
        """How many pages the build made (after it)."""
        return self.page - self.first + 1

    def handle_documentBegin(self):
        super().handle_documentBegin()
        self.page = self.first - 1

    def handle_pageBegin(self):
        # Each page by its parity, not by platypus' template chain (which lagged a page
        # behind after the cover: pages 2 and 3 both verso, so the inside margin of every
        # other recto was on the wrong side).
        if self.page >= 1:
            self.pageTemplate = self._template(self.page + 1)
        super().handle_pageBegin()

    def _template(self, page: int) -> PageTemplate:
        """The template of ``page`` under the story's current layout, made the first time
        it is asked for (a section's head frame is used on its first page only)."""
        layout = self.story_builder.layout
        self.story_builder.layout = layout.after_first_page()
        parity = "recto" if page % 2 else "verso"
        name = f"{parity}-{layout.key}"
        for t in self.pageTemplates:
            if t.id == name:
                return t
        g, story = self.geometry, self.story_builder
        if layout.back:
            template = PageTemplate(name, [_frame(g, page, name, bottom=story.back_foot())],
                                    onPage=story.draw_back)
        else:
            template = PageTemplate(name, _frames(g, page, name, layout.columns, layout.gap,
                                                  layout.head),
                                    onPageEnd=story.draw_furniture)
        self.pageTemplates.append(template)
        return template

    def handle_flowable(self, flowables):
        first = flowables[0]
        if isinstance(first, Later):
            flowables[0:1] = first.make(self.page)
            return
        super().handle_flowable(flowables)

    def handle_pageEnd(self):
        super().handle_pageEnd()
        # Paragraphs are parsed and broken into lines once for all the wraps of one page's
        # layout; what is on finished pages is not wrapped again.
        clear_caches(keep_words=True)


def canvas_from(first: int) -> Callable[..., Canvas]:
    """A canvas maker whose pages are numbered from ``first`` (what the anchors and the
    day's overview page read)."""
    def make(*args, **kwargs) -> Canvas:
        canvas = _Canvas(*args, **kwargs)
        canvas.offset = first - 1
        return canvas
    return make


class _Canvas(Canvas):
    offset = 0

    def getPageNumber(self):
        return super().getPageNumber() + self.offset


def _frame(g: Geometry, page: int, name: str, x: float | None = None,
           width: float | None = None, bottom: float = 0.0, height: float | None = None
           ) -> Frame:
    """A frame without padding: by default the page's whole text area, less ``bottom``."""
    return _Frame(g.frame_x(page) if x is None else x, g.bottom + bottom,
                  g.text_width if width is None else width,
                  (g.text_height - bottom) if height is None else height,
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id=name)


def _frames(g: Geometry, page: int, name: str, columns: int, gap: float,
            head: float) -> list[Frame]:
    """``columns`` frames side by side ``gap`` apart, under a full-width head frame
    ``head`` high when that is not 0 (a section's title above its columns)."""
    frames = [_frame(g, page, f"{name}-head", bottom=g.text_height - head)] if head else []
    width = (g.text_width - gap * (columns - 1)) / columns
    for i in range(columns):
        frames.append(_frame(g, page, f"{name}-{i}", g.frame_x(page) + i * (width + gap),
                             width, height=g.text_height - head))
    return frames


def _geometry(theme: Theme, paper_name: str | None) -> Geometry:
    name = paper_name or theme.sections.booklet.paper
    margins = theme.sections.booklet.margins
    return Geometry(paper(name), mm(margins.inside), mm(margins.outside), mm(margins.top),
                    mm(margins.bottom))


def meta_for(conf: Conference) -> Meta:
    return Meta(title=f"{conf.name}: programme", author=conf.name,
                subject=f"Programme of {conf.name}, {conf.city} "
                        f"{conf.start_date:%-d %B %Y}".strip())


def build(conf: Conference, out: Path, theme: Theme, paper_name: str | None = None) -> Report:
    """Write the booklet to ``out``; return the report of the layout."""
    return _build(conf, out, theme, paper_name).report


def _build(conf: Conference, out: Path, theme: Theme, paper_name: str | None,
           plan: Plan | None = None) -> Story:
    with atomic_output(out) as tmp:
        return _lay_out(conf, str(tmp), theme, paper_name, plan)


def _lay_out(conf: Conference, target: str | io.BytesIO, theme: Theme,
             paper_name: str | None, plan: Plan | None) -> Story:
    """The booklet under ``plan`` written to ``target`` (a path or a file in memory)."""
    fonts.register()
    story = Story(conf, theme, _geometry(theme, paper_name), Report(), plan)
    clear_caches()
    gc.freeze()  # what exists now outlives the build: the collection below skips it
    try:
        doc = BookletDoc(target, story.geometry, story, meta_for(conf))
        doc.build(story.flowables(), canvasmaker=PrintCanvas)
        del doc
    finally:
        clear_caches()
        # The document, its canvas and frames are cycles the collector would free some time
        # later: free them now, so print production (pikepdf) reuses their memory rather than
        # adding to it (the 5,000-talk booklet's peak: ~500 MB without this).
        gc.collect()
        gc.unfreeze()
    return story


def _product(conf: Conference, theme: Theme, options: Options, out: Path) -> Output:
    """The booklet at ``out``; with ``options.impose``, the spreads asked of print production
    (:attr:`Output.spreads`)."""
    spreads = _spreads(options, out)
    lines: list[str] = []
    layout = None if options.pages else _parts_of(conf, theme, options.paper)
    if options.pages:
        story, line = _to_budget(conf, theme, options, out)
        lines.append(line)
        report, recorded = story.report, story.recorded
    elif layout is not None:  # a large booklet: in parts, on options.jobs processes
        from . import parts

        fonts.register()
        report, recorded = parts.build(conf, theme, _geometry(theme, options.paper), layout,
                                       out, meta_for(conf), options.jobs)
    else:
        story = _build(conf, out, theme, options.paper)
        report, recorded = story.report, story.recorded
    pages = {key.removeprefix("talk-"): page for key, page in recorded.items()
             if key.startswith("talk-")}
    return Output([out], report, pages=pages, spreads=spreads, lines=lines)


def _parts_of(conf: Conference, theme: Theme, paper_name: str | None):
    """The parts of a booklet made in parts (:mod:`.parts`), or None."""
    from . import parts

    if len(conf.sessions) < parts.SPLIT_FROM:
        return None
    fonts.register()
    return parts.plan(conf, theme, _geometry(theme, paper_name))


def _to_budget(conf: Conference, theme: Theme, options: Options, out: Path
               ) -> tuple[Story, str]:
    """The booklet at ``out`` in exactly ``options.pages`` pages (:mod:`.budget`), and the
    line that says what it gave up. Each plan tried is laid out in memory; the one kept is
    written to ``out``."""
    assert options.pages
    fonts.register()
    geometry = _geometry(theme, options.paper)

    def build(plan: Plan) -> budget.Built:
        pdf = io.BytesIO()
        story = _lay_out(conf, pdf, theme, options.paper, plan)
        return budget.Built(plan, (story, pdf.getvalue()), story.recorded["back-cover"],
                            dict(story.recorded))

    best = budget.fit(Story(conf, theme, geometry, Report()), options.pages, build,
                      conf.short_name or conf.name)
    story, data = best.result  # type: ignore[misc]
    with atomic_output(out) as tmp:
        tmp.write_bytes(data)
    return story, budget.said(best, options.pages, any(sp.photo for sp in conf.speakers))


def _spreads(options: Options, out: Path) -> dict[Path, Path]:
    from ...core.errors import PrintprogError

    if options.impose is None:
        if options.impose_out:
            raise PrintprogError("--impose-out names where the spreads go: add --impose saddle")
        return {}
    if options.impose != "saddle":
        raise PrintprogError(f"unknown imposition '{options.impose}'; use saddle")
    target = options.impose_out or saddle_path(out)
    if target.resolve() == out.resolve():
        target = saddle_path(out)
        # Logged (the CLI prints it as a warning), not reported: the report is embedded in the
        # booklet itself.
        logging.getLogger("printprog").warning(
            f"--impose-out is the booklet itself ({out}): the spreads go to {target} so the "
            "booklet is kept")
    return {out: target}
