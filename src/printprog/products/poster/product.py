"""The day poster for the entrance hall: one sheet per day (A2; A3, A1, A0 selectable).

Contract: :func:`build` writes the sheets of every conference day (or the one day asked for)
to one PDF, atomically and byte-for-byte reproducibly. :mod:`.plan` decides what goes on each
sheet (the grid of the day's rooms with its type scaled to fill the sheet; on a big day the
main rooms' grid and an "Also today" list of the rest); this module draws it: the header
(event name, day and date), the grid (:mod:`printprog.layout.grid.draw`), the list, and the
footer (the day's URL, its QR code, and the addresses of the day's off-site venues).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from ...core.errors import PrintprogError
from ...core.report import Report
from ...draw import fonts, logo, qr, urls
from ...draw.qr import qr_quiet
from ...layout import text as fit
from ...layout.grid import draw as grid_draw
from ...pdf.atomic import atomic_output
from ...pdf.writer import Meta, new_canvas
from ...production.spec import to_bleed
from ...schedule.labels import day_label
from ...schedule.model import Conference
from ...schedule.views import days
from ...theme.loader import Theme
from ..base import Options, Output
from .plan import AlsoList, Page, PosterStyle, plan

__all__ = ["Page", "PosterStyle", "build", "draw_page", "plan"]


def _note(page: Page) -> str:
    g = page.grid
    if g is None:
        return "Also today, continued"
    return ", ".join(x for x in (g.rooms_note, "continued" if g.continued else "") if x)


def draw_page(canvas: Canvas, conf: Conference, theme: Theme, page: Page, st: PosterStyle,
              report: Report) -> None:
    width, height = st.page
    url = page.link
    c = st.colour
    canvas.setFillColor(theme.colour("accent"))
    canvas.rect(*to_bleed(0, height - st.band, width, st.band, (width, height)), stroke=0,
                fill=1)
    y = fit.draw(canvas, page.event, st.margin, height - st.margin, colour=c["event"])
    fit.draw(canvas, page.date, st.margin, y, colour=c["date"])
    note = _note(page)
    if note:
        d = page.date.style
        canvas.setFillColor(c["date"])
        size = st.text["url"].size
        fonts.draw(canvas, width - st.margin - fonts.width(note, d.font, size),
                   y - fonts.ascent(d.font, d.size), note, d.font, size)
    if page.grid is not None:
        grid_draw.draw(canvas, conf, page.grid, theme, st.margin, page.grid_y)
    if page.also is not None:
        _draw_also(canvas, page.also, st)
    # The logo (conference.yaml) at the foot: right of the footer's text, left of the QR.
    text_w = max([page.url.width() if page.url else 0.0, *(n.width() for n in page.notes)])
    qr_w = st.qr + 2 * qr_quiet(st.qr, url) + st.footer_gap if url else 0.0
    logo.draw(canvas, st.margin + text_w + st.footer_gap, st.margin, width - 2 * st.margin
              - text_w - st.footer_gap - qr_w, st.qr, conf, "right")
    if not url:
        return
    # The symbol's bottom right corner on the margin's corner (see signage.qr_quiet).
    quiet = qr_quiet(st.qr, url)
    unit = qr.draw(canvas, width - st.margin - st.qr - quiet, st.margin - quiet,
                   st.qr + 2 * quiet, url, "M", colour=theme.colour("qr"))
    report.note_qr(f"poster {page.day.date}", st.qr, unit, min_side_mm=40)
    y = st.margin + max(page.footer_text, st.qr)
    if page.url is not None:
        y = fit.draw(canvas, page.url, st.margin, y, colour=c["url"])
    for note in page.notes:
        y = fit.draw(canvas, note, st.margin, y - st.footer_gap, colour=c["note"])


def _draw_also(canvas: Canvas, also: AlsoList, st: PosterStyle) -> None:
    """The "Also today" heading, then its columns: the start time bold beside room, title
    and speakers."""
    c = st.colour
    y = fit.draw(canvas, also.heading, st.margin, also.top, colour=c["also_head"])
    t = also.time
    for i, col in enumerate(also.columns):
        x, top = st.margin + i * (also.col_w + st.also_gap), y - st.also_gap
        for e in col:
            s = e.text.style
            baseline = top - fonts.ascent(s.font, s.size)
            canvas.setFillColor(c["also_time"])
            fonts.draw(canvas, x, baseline, e.time, t.font, t.size)
            fit.draw(canvas, e.text, x + also.time_w, top, colour=c["also"])
            top -= e.height + st.also_gap


def build(conf: Conference, theme: Theme, *, out: Path, report: Report,
          day: date | None = None, paper_name: str | None = None) -> Path:
    """Write the poster of ``day`` (or one page per day) to ``out``; return the path."""
    st = PosterStyle.from_theme(theme, paper_name)
    wanted = [d for d in days(conf) if day is None or d.date == day]
    if not wanted:
        raise PrintprogError(f"no sessions on {day_label(day) if day else 'any day'}; "
                             "nothing to print")
    # The QR code leads to the day's schedule page; without day_url, to the home page (a
    # warning says so).
    pages = [p for d in wanted
             for p in plan(conf, d, st, report, urls.day_url(conf, d.date, report, "the poster"))]
    dates = ", ".join(dict.fromkeys(day_label(p.day.date) for p in pages))
    meta = Meta(title=f"{conf.short_name}: day poster", author=conf.name,
                subject=f"Day at a glance for the entrance hall, {dates}")
    with atomic_output(out) as tmp:
        canvas = new_canvas(tmp, st.page, meta)
        for i, page in enumerate(pages):
            draw_page(canvas, conf, theme, page, st, report)
            if len(pages) > 4:
                canvas.bookmarkPage(f"d{i}")
                canvas.addOutlineEntry(", ".join(x for x in (day_label(page.day.date),
                                                             _note(page)) if x),
                                       f"d{i}", level=0)
            canvas.showPage()
        canvas.save()
    return out


def _product(conf: Conference, theme: Theme, options: Options, out: Path) -> Output:
    report = Report()
    path = build(conf, theme, out=out, report=report, day=options.day, paper_name=options.paper)
    return Output([path], report)

