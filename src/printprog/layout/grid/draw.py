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
from .cells import Line, time_range
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
    head_top = height - sum(b.h + st.gap for b in page.top)
    for room, (x, w), name in zip(page.rooms, page.columns, page.names, strict=True):
        fit.draw(canvas, name, x + st.pad, head_top - st.pad, colour=ink)
        canvas.setFillColor(theme.colour(room.colour) if room.colour else theme.colour("accent"))
        canvas.rect(x + st.gap / 2, head_top - page.header + mm(0.4), w - st.gap, mm(0.8),
                    stroke=0, fill=1)
    if page.top:
        # "All day" names what it is; an event for everyone moved up because talks run
        # beside it is just "Also".
        label = "All day" if all(b.cell.session.end - b.cell.session.start >= st.all_day
                                 for b in page.top) else "Also"
        canvas.setFillColor(muted)
        first = page.top[0]
        fonts.draw(canvas, 0, first.y + first.h - st.pad - fonts.ascent(st.axis.font,
                                                                          st.axis.size),
                   label, st.axis.font, st.axis.size)
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
    st, c = page.style, box.cell
    talk = c.kind == "talk"
    canvas.setFillColor(theme.colour("paper") if talk else theme.colour("band"))
    canvas.setStrokeColor(theme.colour("faint"))
    canvas.setLineWidth(0.4)
    canvas.roundRect(box.x, box.y, box.w, box.h, mm(0.8), stroke=int(talk), fill=1)
    left = box.x + st.pad
    if talk:
        room = conf.room_by_id[c.session.room]
        canvas.setFillColor(theme.colour(room.colour) if room.colour else theme.colour("accent"))
        canvas.rect(box.x, box.y, STRIP, box.h, stroke=0, fill=1)
        left += STRIP
    text_colour = theme.colour("ink") if talk else theme.colour("band_text")
    if not box.text:
        # The text is on the page the cell starts on; here, when it fits, what it is.
        note = Line(f"{time_range(c.session)} (continued)", st.time, "time")
        if box.h >= fonts.ascent(st.time.font, st.time.size) + 2 * st.pad + \
                fonts.descent(st.time.font, st.time.size):
            draw_lines(canvas, (note,), left, box.y + box.h - st.pad, theme, text_colour)
        return
    baselines = draw_lines(canvas, c.lines, left, box.y + box.h - st.pad, theme, text_colour)
    if refs is not None and target:
        refs.draw(canvas, box.x + box.w - st.pad, baselines[c.ref_line], target,
                  st.time.font, st.time.size, theme.colour("accent"))


def draw_lines(canvas, lines: tuple[Line, ...], x: float, top: float, theme: Theme | _Colours,
               colour) -> list[float]:
    """Lines with the first one's ascent at ``top`` (as :func:`grid.text_height` measures);
    times in the muted colour. Returns the baselines."""
    out: list[float] = []
    if not lines:
        return out
    y = top - fonts.ascent(lines[0].style.font, lines[0].style.size)
    muted = theme.colour("muted")
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
