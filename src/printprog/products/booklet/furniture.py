"""The booklet's page furniture (cover colour, running heads, folios) and the small
flowables between entries: running-head and page-layout switches, section starts in
columns, rules, colour chips, ruled notes pages.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, FrameBreak, PageBreak

from ...core.units import mm
from ...draw import fonts, logo
from ...layout.textblock import TextBlock
from ...production.spec import bleed_rect
from .context import Context, PageLayout


class SetHead(Flowable):
    """Zero-size: from here on, pages carry this running head."""

    _ZEROSIZE = 1

    def __init__(self, story: Context, text: str):
        super().__init__()
        self.story, self.text = story, text

    def wrap(self, availWidth, availHeight):
        return 0, 0

    def draw(self):
        self.story.head = self.text


class SetLayout(Flowable):
    """Zero-size: pages begun from here on are set in ``layout`` (columns, head frame,
    back cover). Placed just before the page break that starts them."""

    _ZEROSIZE = 1

    def __init__(self, story: Context, layout: PageLayout):
        super().__init__()
        self.story, self.layout = story, layout

    def wrap(self, availWidth, availHeight):
        return 0, 0

    def draw(self):
        self.story.layout = self.layout


def new_section(story: Context, columns: int, head: list[Flowable]) -> list[Flowable]:
    """A new page set in ``columns``, ``head`` (running-head switch, anchor, title) on top:
    across the columns, in a head frame of its own height, on the section's first page."""
    if columns == 1:
        return [SetLayout(story, PageLayout()), PageBreak(), *head]
    width, height = story.geometry.text_width, 0.0
    for f in head:
        h = f.wrap(width, story.geometry.text_height)[1]
        if h:
            height += h + f.getSpaceAfter()
    layout = PageLayout(columns, story.space_mm("column_gap"), height + 0.5)
    return [SetLayout(story, layout), PageBreak(), *head, FrameBreak]


class RuledPage(Flowable):
    """Fills the rest of the frame with a 'Notes' label and ruled lines."""

    def __init__(self, story: Context):
        super().__init__()
        self.story = story

    def wrap(self, availWidth, availHeight):
        self.width, self.height = availWidth, availHeight
        return self.width, self.height

    def draw(self):
        if self.height:
            ruled_notes(self.story, self.canv, self.width, self.height)


def ruled_notes(story: Context, c, width: float, top: float) -> None:
    """A 'Notes' label at ``top`` and ruled lines down to the frame's foot: the notes pages,
    and the room left on a day's overview page."""
    label = story.theme.sections.text["subhead"]
    pitch = mm(story.theme.sections.booklet.spacing.notes_pitch)
    c.setFillColor(story.theme.colour("muted"))
    fonts.draw(c, 0, top - label.size, "Notes", label.font, label.size)
    c.setStrokeColor(story.theme.colour("faint"))
    c.setLineWidth(story.space("rule"))
    y = top - label.leading - pitch
    while y > 0:
        c.line(0, y, width, y)
        y -= pitch


class Rule(Flowable):
    """A hairline between entries, ``below`` above the next (default: the entry spacing)."""

    def __init__(self, story: Context, below: float | None = None):
        super().__init__()
        self.story = story
        self.below = story.space("entry") if below is None else below

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        return availWidth, self.below

    def draw(self):
        self.canv.setStrokeColor(self.story.theme.colour("faint"))
        self.canv.setLineWidth(self.story.space("rule"))
        self.canv.line(0, self.below, self.width, self.below)


class LetterRule(Flowable):
    """A letter of the alphabet (Speakers A to Z) in the accent colour, a hairline running
    on from it to the column's edge: the heading and the rule between entries in one."""

    def __init__(self, story: Context, letter: str):
        super().__init__()
        self.story, self.letter = story, letter
        self.style = story.theme.sections.text["subhead"]

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        self.height = self.style.leading
        return self.width, self.height

    def getSpaceAfter(self):
        return self.story.space("paragraph") / 2

    def draw(self):
        c, s = self.canv, self.style
        base = self.height - s.size
        c.setFillColor(self.story.theme.colour("accent"))
        w = fonts.draw(c, 0, base, self.letter, s.font, s.size)
        c.setStrokeColor(self.story.theme.colour("faint"))
        c.setLineWidth(self.story.space("rule"))
        mid = base + fonts.ascent(s.font, s.size) * 0.35
        c.line(w + s.size * 0.4, mid, self.width, mid)


class Hanging(Flowable):
    """A compact talk entry: ``label`` (its time) at the left, ``text`` beside it indented
    by the widest time, the ``anchor`` at its top; ``after`` below. Kept whole (two lines
    at most, usually one): it moves to the next column rather than split."""

    def __init__(self, anchor: Flowable, label: str, font: str, text: TextBlock,
                 after: float):
        super().__init__()
        self.anchor, self.label, self.font, self.text = anchor, label, font, text
        self.spaceAfter = after
        # The widest time there is, so every entry's title starts at the same x.
        self.indent = fonts.width("00:00\u201300:00", font, text.style.size) + mm(2)

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        self.height = self.text.wrap(availWidth - self.indent, availHeight)[1]
        return self.width, self.height

    def draw(self):
        c, st = self.canv, self.text.style
        self.anchor.drawOn(c, 0, self.height)
        c.setFillColor(st.colour)
        fonts.draw(c, 0, self.height - st.size, self.label, self.font, st.size)
        self.text.drawOn(c, self.indent, 0)


class Chip(Flowable):
    """A square of a room's colour (the legend under the contents)."""

    def __init__(self, colour, size: float):
        super().__init__()
        self.colour, self.size = colour, size

    def wrap(self, availWidth, availHeight):
        return self.size, self.size

    def draw(self):
        self.canv.setFillColor(self.colour)
        self.canv.rect(0, 0, self.size, self.size, stroke=0, fill=1)




def draw_page_colour(story: Context, canvas) -> None:
    """The cover colour over the whole page, to the bleed: the front and back covers."""
    # Oversized to the largest bleed: print production reveals as much as was asked for.
    canvas.saveState()
    canvas.setFillColor(story.theme.colour("cover"))
    x, y, w, h = bleed_rect(*story.geometry.page)
    if story.late_furniture is not None:
        # The back matter's pages may be moved sideways by the margins' difference once
        # its first page is known (.backpart): wider by as much on both sides.
        extra = abs(story.geometry.inside - story.geometry.outside)
        x, w = x - extra, w + 2 * extra
    canvas.rect(x, y, w, h, stroke=0, fill=1)
    canvas.restoreState()
    g = story.geometry  # the logo (conference.yaml) at the head of the cover, on a white plate
    logo.draw(canvas, g.frame_x(1), g.page[1] - g.top - g.text_height * 0.22, g.text_width,
              g.text_height * 0.22, story.conf, "left", plate=story.theme.colour("paper"))


def draw_cover(story: Context, canvas) -> None:
    """The cover page's colour, to the bleed."""
    draw_page_colour(story, canvas)


def draw_furniture(story: Context, canvas, page: int) -> None:
    """Running head (the book's name outside, the section inside) and folio; in the back
    matter of a booklet made in parts, a mark filled in with them once the side of the
    page is known (:class:`.folios.LateFurniture`)."""
    if story.late_furniture is not None:
        story.late_furniture.draw(canvas, page, story.head)
        return
    running_head(story, canvas, page, story.head)


def running_head(story: Context, canvas, page: int, section: str) -> None:
    """The furniture of ``page``: the rule and running head (on a right-hand page the
    book's name at the left and ``section`` at the right, the other way round on a
    left-hand one) and the folio at the outer edge."""
    g = story.geometry
    recto = page % 2 == 1
    x0, x1 = g.frame_x(page), g.frame_x(page) + g.text_width
    head, folio = story.theme.sections.text["running_head"], story.theme.sections.text["folio"]
    y_head = g.page[1] - g.top + story.space("head_rule")
    canvas.saveState()
    canvas.setStrokeColor(story.theme.colour("faint"))
    canvas.setLineWidth(story.space("rule"))
    canvas.line(x0, y_head - mm(1), x1, y_head - mm(1))
    canvas.setFillColor(story.theme.colour("muted"))
    name = story.conf.short_name
    left, right = (name, section) if recto else (section, name)
    fonts.draw(canvas, x0, y_head, left, head.font, head.size)
    fonts.draw(canvas, x1 - fonts.width(right, head.font, head.size), y_head, right,
               head.font, head.size)
    number = str(page)
    y_folio = g.bottom - story.space("folio_drop")
    canvas.setFillColor(story.theme.colour("accent"))
    if story.folios is not None:  # a part that does not know its first page yet
        story.folios.draw(canvas, x1 if recto else x0, y_folio, page, recto, folio.font,
                          folio.size)
    else:
        x = x1 - fonts.width(number, folio.font, folio.size) if recto else x0
        fonts.draw(canvas, x, y_folio, number, folio.font, folio.size)
    canvas.restoreState()
