"""What the booklet's parts share (:class:`Context`): the event, the theme, the page
:class:`Geometry`, the run's report, the styles made once per pass, and the anchors with the
pages they land on. Its own module so the parts (grid, talks, back, furniture) take it without
importing the story that assembles them.
"""

from __future__ import annotations

from dataclasses import replace

from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle

from ...core.records import Record, record
from ...core.report import Report
from ...core.units import mm
from ...layout import grid as gridmod
from ...layout.flowables import Anchor
from ...layout.pageref import PREFIX, PageRefs, reserve_digits
from ...layout.textblock import BlockStyle, Span, TextBlock
from ...schedule.model import Conference
from ...theme.loader import Theme
from .folios import Folios, LateFurniture
from .laterefs import LateRefs
from .plan import Plan


@record(frozen=True)
class Geometry(Record):
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


@record(frozen=True)
class PageLayout(Record):
    """How the pages from here on are set: ``columns`` of text ``gap`` apart, the first
    page with a full-width head frame ``head`` high (0: none); or the back cover."""

    columns: int = 1
    gap: float = 0.0
    head: float = 0.0
    back: bool = False

    @property
    def key(self) -> str:
        return "back" if self.back else f"{self.columns}-{self.gap:.2f}-{self.head:.2f}"

    def after_first_page(self) -> PageLayout:
        return replace(self, head=0.0) if self.head else self


class Context:
    """What the booklet's parts share: the event, theme, page geometry and report, the
    styles, and the anchors with the pages they landed on. Every part (grid, talks, back
    matter, furniture) takes one; :class:`printprog.products.booklet.story.Story` is the one
    that assembles them."""

    def __init__(self, conf: Conference, theme: Theme, geometry: Geometry, report: Report,
                 plan: Plan | None = None):
        self.conf, self.theme, self.geometry, self.report = conf, theme, geometry, report
        #: What this booklet prints (all of it unless made to a page budget).
        self.plan = plan or Plan()
        #: Anchors write the page they land on here during the build.
        self.recorded: dict[str, int] = {}
        #: References printed before their page is known (contents, day grids).
        self.refs = PageRefs(reserve_digits(len(conf.sessions)), self.recorded)
        self.head = ""
        #: The layout of pages begun from now on (set by :class:`.furniture.SetLayout`).
        self.layout = PageLayout()
        self._styles: dict[str, ParagraphStyle] = {}
        self._blocks: dict[str, BlockStyle] = {}
        self.grid_style = gridmod.GridStyle.from_theme(theme, theme.sections.booklet.grid)
        #: The folios drawn later (a part of the booklet that does not know its first page
        #: yet, :mod:`.parts`); None: drawn as numbers.
        self.folios: Folios | None = None
        #: The back matter's references to talks drawn later (the back matter of a
        #: booklet made in parts, laid out with guessed numbers, :mod:`.backpart`); None:
        #: drawn as text.
        self.late_refs: LateRefs | None = None
        #: The running heads and folios drawn later, once the side of each page is known
        #: (the back matter of a booklet made in parts, :mod:`.backpart`); None: drawn
        #: with the page.
        self.late_furniture: LateFurniture | None = None
        #: Each day's grid as planned (:func:`.grid.day_pages`), by date: planned once.
        self.grid_pages: dict = {}
        #: The outline entries drawn so far, in order: (anchor key, title, level).
        self.outline: list[tuple[str, str, int]] = []

    # -- columns --------------------------------------------------------------------------

    @property
    def body_columns(self) -> int:
        """Columns of the talk and venue pages: two where one line would be too long to
        read (A4, Letter: the theme's ``columns_from`` text width), else one."""
        b = self.theme.sections.booklet
        return 2 if self.geometry.text_width >= mm(b.columns_from) else 1

    def column_width(self, columns: int) -> float:
        return (self.geometry.text_width - self.space_mm("column_gap") * (columns - 1)) / columns

    def space_mm(self, key: str) -> float:
        """A length of the booklet section itself (not of its spacing), in points."""
        return mm(getattr(self.theme.sections.booklet, key))

    # -- styles ---------------------------------------------------------------------------

    def space(self, key: str) -> float:
        value = getattr(self.theme.sections.booklet.spacing, key)
        return value if key == "rule" else mm(value)

    def ps(self, name: str, colour: str = "ink", align: int = TA_LEFT, after: str | None = None,
           before: str | None = None, keep: bool = False) -> ParagraphStyle:
        key = f"{name}-{colour}-{align}-{after}-{before}-{keep}"
        style = self._styles.get(key)  # made once per pass: platypus only reads styles
        if style is None:
            t = self.theme.sections.text[name]
            style = self._styles[key] = ParagraphStyle(
                key, fontName=t.font, fontSize=t.size, leading=t.leading,
                textColor=self.theme.colour(colour), alignment=align,
                spaceAfter=self.space(after) if after else 0,
                spaceBefore=self.space(before) if before else 0, keepWithNext=int(keep),
                linkUnderline=0, allowWidows=0, allowOrphans=0)
        return style

    def bs(self, name: str, colour: str = "ink", after: str | None = None,
           keep: bool = False, before: str | None = None) -> BlockStyle:
        """The style of a :class:`TextBlock` (talk pages), from the same theme entries as
        :meth:`ps`."""
        key = f"{name}-{colour}-{after}-{keep}-{before}"
        style = self._blocks.get(key)
        if style is None:
            t = self.theme.sections.text[name]
            style = self._blocks[key] = BlockStyle(
                t.size, t.leading, self.theme.colour(colour),
                space_before=self.space(before) if before else 0.0,
                space_after=self.space(after) if after else 0.0, keep_with_next=keep)
        return style

    def block(self, text: str, name: str, colour: str = "ink", after: str | None = None,
              keep: bool = False, before: str | None = None) -> TextBlock:
        """``text`` as it is (not markup) in the theme's style ``name``, in one font."""
        return TextBlock((Span(text, self.font(name)),),
                         self.bs(name, colour, after, keep, before))

    def font(self, name: str) -> str:
        """The font of the theme's text style ``name``."""
        return self.theme.sections.text[name].font

    def shift_to(self, canvas, shift: int) -> None:
        """A part laid out numbering its pages from :data:`.folios.FIRST` is told where it
        starts (``shift`` pages on): its anchors' pages move, its folios (if drawn late,
        :attr:`folios`) are filled in."""
        for key in self.recorded:  # the same dict the page references read
            self.recorded[key] += shift
        if self.folios is not None:
            self.folios.define(canvas, shift)

    def ref(self, key: str) -> str:
        """'p. N' for an anchor already placed: the back matter, made after the talks (see
        :class:`Later`). What comes before them uses :attr:`refs`."""
        page = self.recorded.get(key)
        if page is None:  # pragma: no cover - every talk has its anchor
            self.report.warn(f"no page for '{key}'")
            return ""
        return f"{PREFIX}{page}"

    def ref_span(self, before: str, key: str, font: str, size: float,
                 link: str | None) -> Span:
        """``before`` then :meth:`ref` in ``font``, in one span; with :attr:`late_refs`,
        the reference (its last word) is drawn later, laid out ``size`` pt as wide as its
        guess."""
        if self.late_refs is None:
            return Span(before + self.ref(key), font, link)
        return self.late_refs.span(before, key, font, size, link)

    def anchor(self, key: str, outline: str | None = None, level: int = 0) -> Anchor:
        return _Anchor(key, self.recorded, outline, level, self.outline)


class _Anchor(Anchor):
    """An anchor that also notes its outline entry in the booklet's list (the bookmarks of
    a booklet joined from parts are made from it)."""

    def __init__(self, key: str, pages: dict[str, int], outline: str | None, level: int,
                 entries: list[tuple[str, str, int]]):
        super().__init__(key, pages, outline, level)
        self.entries = entries

    def draw(self):
        super().draw()
        if self.outline:
            self.entries.append((self.key, self.outline, self.level))
