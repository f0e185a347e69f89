"""The booklet's document template (:class:`BookletDoc`): recto and verso pages with their
frames and furniture, the page layout the story asks for, page references filled in
before saving; used for the whole booklet (:mod:`.product`) and for each of its parts
(:mod:`.parts`).
"""

from __future__ import annotations

import copy
from collections.abc import Callable

from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from ...draw import rllate, rlprivate
from ...layout.flowables import Later
from ...layout.paragraph import clear_caches
from ...pdf.writer import Meta, PrintCanvas
from .context import Geometry
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
                 hold: bool = False, movable: bool = False):
        self.geometry, self.story_builder = geometry, story
        #: The number of the first page (a part of the booklet, :mod:`.parts`, starts later).
        self.first = first
        #: Each page's drawing, less its furniture, between marks that let it be moved
        #: sideways before the save (:func:`printprog.draw.rllate.late_move`: the back
        #: matter of a booklet made in parts, :mod:`.backpart`).
        self.movable = movable
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
        if self.movable:  # before the page's first drawing (the back cover's colour)
            rllate.begin_move(self.canv)
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
        if self.movable:  # before the furniture (drawn for the page's real side)
            rllate.end_move(self.canv)
        super().handle_pageEnd()
        # Paragraphs are parsed and broken into lines once for all the wraps of one page's
        # layout; what is on finished pages is not wrapped again.
        clear_caches(keep_words=True)


def canvas_from(first: int) -> Callable[..., PrintCanvas]:
    """A canvas maker whose pages are numbered from ``first`` (what the anchors and the
    day's overview page read)."""
    def make(*args, **kwargs) -> PrintCanvas:
        canvas = _Canvas(*args, **kwargs)
        canvas.offset = first - 1
        return canvas
    return make


class _Canvas(PrintCanvas):
    """A part's canvas: saved as every document is (deflated by pdf.flate), its pages
    numbered from the part's first."""

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
