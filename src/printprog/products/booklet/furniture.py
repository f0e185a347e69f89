"""The booklet's page furniture (cover colour, running heads, folios) and the small
flowables between entries: running-head switches, rules, colour chips, ruled notes pages.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.platypus import Flowable

from ...core.units import mm
from ...draw import fonts, logo
from ...production.spec import bleed_rect

if TYPE_CHECKING:
    from .context import Context


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
    label = story.theme.text("subhead")
    pitch = mm(story.theme.number("booklet", "spacing", "notes_pitch"))
    c.setFillColor(story.theme.colour("muted"))
    fonts.draw(c, 0, top - label.size, "Notes", label.font, label.size)
    c.setStrokeColor(story.theme.colour("faint"))
    c.setLineWidth(story.space("rule"))
    y = top - label.leading - pitch
    while y > 0:
        c.line(0, y, width, y)
        y -= pitch


class Rule(Flowable):
    """A hairline between entries."""

    def __init__(self, story: Context):
        super().__init__()
        self.story = story

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        return availWidth, self.story.space("entry")

    def draw(self):
        self.canv.setStrokeColor(self.story.theme.colour("faint"))
        self.canv.setLineWidth(self.story.space("rule"))
        self.canv.line(0, self.story.space("entry"), self.width, self.story.space("entry"))


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




def draw_cover(story: Context, canvas) -> None:
    """The cover page's colour, to the bleed."""
    # Oversized to the largest bleed: print production reveals as much as was asked for.
    canvas.saveState()
    canvas.setFillColor(story.theme.colour("cover"))
    canvas.rect(*bleed_rect(*story.geometry.page), stroke=0, fill=1)
    canvas.restoreState()
    g = story.geometry  # the logo (conference.yaml) at the head of the cover, on a white plate
    logo.draw(canvas, g.frame_x(1), g.page[1] - g.top - g.text_height * 0.22, g.text_width,
              g.text_height * 0.22, story.conf, "left", plate=story.theme.colour("paper"))


def draw_furniture(story: Context, canvas, page: int) -> None:
    """Running head (the book's name outside, the section inside) and folio."""
    g = story.geometry
    recto = page % 2 == 1
    x0, x1 = g.frame_x(page), g.frame_x(page) + g.text_width
    head, folio = story.theme.text("running_head"), story.theme.text("folio")
    y_head = g.page[1] - g.top + story.space("head_rule")
    canvas.saveState()
    canvas.setStrokeColor(story.theme.colour("faint"))
    canvas.setLineWidth(story.space("rule"))
    canvas.line(x0, y_head - mm(1), x1, y_head - mm(1))
    canvas.setFillColor(story.theme.colour("muted"))
    name = story.conf.short_name
    left, right = (name, story.head) if recto else (story.head, name)
    fonts.draw(canvas, x0, y_head, left, head.font, head.size)
    fonts.draw(canvas, x1 - fonts.width(right, head.font, head.size), y_head, right,
               head.font, head.size)
    number = str(page)
    y_folio = g.bottom - story.space("folio_drop")
    canvas.setFillColor(story.theme.colour("accent"))
    x = x1 - fonts.width(number, folio.font, folio.size) if recto else x0
    fonts.draw(canvas, x, y_folio, number, folio.font, folio.size)
    canvas.restoreState()
