"""Draws a planned grid page (:mod:`.grid`): room header, the all-day line, the time axis
with its breaks, and the cells with their page references and links. Nothing here decides
where anything goes."""

from __future__ import annotations

from collections.abc import Callable

from ...core.units import mm
from ...draw import fonts, rlprivate
from ...schedule.model import Conference, Session
from ...theme.loader import Theme
from .. import text as fit
from ..pageref import PageRefs
from .cells import Line
from .pages import Box, GridPage
from .style import STRIP


class _Colours:
    """A theme's colours, each parsed once per page drawn (a cell asks for four)."""

    def __init__(self, theme: Theme):
        self.theme, self.known = theme, {}

    def colour(self, name: str):
        found = self.known.get(name)
        if found is None:
            found = self.known[name] = self.theme.colour(name)
        return found


def draw(canvas, conf: Conference, page: GridPage, theme: Theme, x0: float = 0.0,
         y0: float = 0.0, refs: PageRefs | None = None,
         link_of: Callable[[Session], str | None] = lambda s: None) -> None:
    """Draw ``page`` with its box's bottom-left corner at (x0, y0). With ``refs``, cells
    whose plan reserved a page reference print the page of ``link_of(session)``."""
    st = page.style
    width, height = page.size
    canvas.saveState()
    canvas.translate(x0, y0)
    colours = _Colours(theme)
    ink, muted, faint = theme.colour("ink"), theme.colour("muted"), theme.colour("faint")
    head_top = height  # the room header heads the page; the all-day line comes under it
    for room, (x, w), name, colour in zip(page.rooms, page.columns, page.names,
                                          page.colours or (None,) * len(page.rooms),
                                          strict=True):
        fit.draw(canvas, name, x + st.pad, head_top - st.pad, colour=ink)
        canvas.setFillColor(colours.colour(colour or room.colour or "accent"))
        canvas.rect(x + st.gap / 2, head_top - page.header + mm(0.4), w - st.gap, mm(0.8),
                    stroke=0, fill=1)
    for box in page.top:
        # "All day" names what it is; an event for everyone moved up because talks run
        # beside it is just "Also".
        canvas.setFillColor(muted)
        fonts.draw(canvas, 0, box.y + box.h - st.pad - fonts.ascent(st.axis.font,
                                                                     st.axis.size),
                   box.label or "Also", st.axis.font, st.axis.size)
    canvas.setLineWidth(0.3)
    canvas.setStrokeColor(faint)
    for mark in page.marks:
        canvas.line(st.time_column - mm(1), mark.y, width, mark.y)
        if mark.label:
            canvas.setFillColor(muted)
            fonts.draw(canvas, 0, mark.y - fonts.ascent(st.axis.font, st.axis.size),
                       mark.label, st.axis.font, st.axis.size)
    for y in page.breaks:
        canvas.setDash(1, 2)
        canvas.line(0, y, width, y)
        canvas.setDash()
    for box in (*page.top, *page.boxes):
        target = link_of(box.cell.session)
        _cell(canvas, conf, box, page, colours, refs if box.cell.ref_line >= 0 else None, target)
        if target:
            rlprivate.link(canvas, (box.x, box.y, box.x + box.w, box.y + box.h), f"#{target}")
    canvas.restoreState()


def _cell(canvas, conf: Conference, box: Box, page: GridPage, theme: Theme | _Colours,
          refs: PageRefs | None, target: str | None) -> None:
    """A box: a talk (or a group of talks) on paper with its room's strip; an event for
    everyone as a grey band; a keynote or plenary for everyone in the accent colour, so that
    it does not read as one more coffee break."""
    st, c = page.style, box.cell
    talk = c.kind in ("talk", "group")
    main = not talk and main_event(page, c.session)
    fill = "paper" if talk else "accent" if main else "band"
    canvas.setFillColor(theme.colour(fill))
    canvas.setStrokeColor(theme.colour("faint"))
    canvas.setLineWidth(0.4)
    canvas.roundRect(box.x, box.y, box.w, box.h, mm(0.8), stroke=int(talk), fill=1)
    left = box.x + st.pad
    if talk:
        room = conf.room_by_id[c.session.room]
        canvas.setFillColor(theme.colour(page.colour_of(room.id) or room.colour or "accent"))
        canvas.rect(box.x, box.y, STRIP, box.h, stroke=0, fill=1)
        left += STRIP
    text_colour = theme.colour("ink" if talk else "accent_text" if main else "band_text")
    lines = box.lines if box.lines or not box.text else c.lines
    baselines = draw_lines(canvas, lines, left, box.y + box.h - st.pad, theme, text_colour,
                           muted=text_colour if main else None)
    if box.text and refs is not None and target and baselines:
        refs.draw(canvas, box.x + box.w - st.pad, baselines[c.ref_line], target,
                  st.time.font, st.time.size,
                  theme.colour("accent_text") if main else theme.colour("accent"))


def main_event(page: GridPage, s: Session) -> bool:
    """A keynote or plenary for everyone (an event of the day's ``plenary`` that is not a
    break, a meal, registration or a social)."""
    return not s.plenary and s in page.day.plenary


def draw_lines(canvas, lines: tuple[Line, ...], x: float, top: float, theme: Theme | _Colours,
               colour, muted=None) -> list[float]:
    """Lines with the first one's ascent at ``top`` (as :func:`grid.text_height` measures);
    times in the muted colour. Returns the baselines."""
    out: list[float] = []
    if not lines:
        return out
    y = top - fonts.ascent(lines[0].style.font, lines[0].style.size)
    muted = theme.colour("muted") if muted is None else muted
    text, font, fill = canvas.beginText(), None, None
    for i, line in enumerate(lines):
        if i:
            y -= line.style.leading
        out.append(y)
        if line.text:
            want = muted if line.role == "time" else colour
            if want is not fill:
                text.setFillColor(want)
                fill = want
            text.setTextOrigin(x, y)
            font = fit.text_out(text, line.text, line.style.font, line.style.size, font)
    canvas.drawText(text)
    return out
