"""Drawing one planned room sign (:class:`.sheets.Sheet`) on a canvas; no decisions here."""

from __future__ import annotations

from reportlab.pdfgen.canvas import Canvas

from ...core.report import Report
from ...draw import fonts, logo, qr
from ...layout import text as fit
from ...production.spec import to_bleed
from ...schedule.model import Conference
from ...theme.loader import Theme
from .plan import Entry, SignStyle, column_width, columns, end_label, qr_quiet
from .sheets import Sheet


def draw_sheet(canvas: Canvas, theme: Theme, sheet: Sheet, report: Report | None,
               conf: Conference | None = None) -> None:
    """Draw one sheet: room-colour band, header with QR (and the logo), rule, the list in its
    columns, 'continued' footer."""
    st, head = sheet.style, sheet.header
    width, height = st.page
    c = st.colour
    accent = theme.colour(sheet.room.colour) if sheet.room.colour else c["band"]
    # Colour is an accent only: the room name is always there in words, no text on colour.
    canvas.setFillColor(accent)
    # Touches the top edge: runs on into the bleed when the print shop asks for one.
    canvas.rect(*to_bleed(0, height - st.band, width, st.band, (width, height)), stroke=0,
                fill=1)
    y = fit.draw(canvas, head.event, st.margin, height - st.margin, colour=c["event"])
    # The logo (conference.yaml) ends the event's line, right of its name, left of the QR.
    if conf is not None:
        gap, x = st.header_gap * 2, st.margin + head.event.width()
        qr_w = st.qr + 2 * qr_quiet(st.qr, head.url) if head.url and not head.inset else 0.0
        logo.draw(canvas, x + gap, y, width - st.margin - qr_w - gap - x - gap,
                  height - st.margin - y, conf, "right")
    y = fit.draw(canvas, head.name, st.margin, y, colour=c["room_name"])
    if head.address is not None:
        y = fit.draw(canvas, head.address, st.margin, y, colour=c["address"]) - st.header_gap
    below = fit.draw(canvas, head.date, st.margin, y, colour=c["date"])
    if sheet.number > 1:
        s, d = st.text["continued"], head.date.style
        baseline = y - fonts.ascent(d.font, d.size)
        canvas.setFillColor(c["continued"])
        fonts.draw(canvas, st.margin + head.date.width() + st.column_gap / 2, baseline,
                   "continued", s.font, s.size)
    if head.link is not None:
        fit.draw(canvas, head.link, st.margin, below - st.speakers_gap, colour=c["url"])
    list_top = height - st.margin - head.height - 2 * st.header_gap - st.rule
    if head.url:
        quiet, right = qr_quiet(st.qr, head.url), width - st.margin
        # Beside the room name; or, when the name takes the whole width, beside the list.
        top = list_top if head.inset else height - st.margin
        unit = qr.draw(canvas, right - st.qr - quiet, top - st.qr - quiet, st.qr + 2 * quiet,
                       head.url, "M", colour=c["qr"])
        if report is not None:  # None for the combined copy: each code noted once
            report.note_qr(f"sign {sheet.room.name} {sheet.day}", st.qr, unit,
                           min_side_mm=st.qr_min_mm)
    y = height - st.margin - head.height - st.header_gap
    canvas.setFillColor(accent)
    canvas.rect(st.margin, y - st.rule, width - 2 * st.margin, st.rule, stroke=0, fill=1)
    y -= st.rule + st.header_gap
    col_w = column_width(st, head)
    for i, col in enumerate(sheet.cols):
        _draw_column(canvas, col, st, st.margin + i * (col_w + st.column_gap), col_w, y)
    if sheet.count > 1:
        s = st.text["continued"]
        note = f"Sheet {sheet.number} of {sheet.count}"
        if sheet.number < sheet.count:
            note += " \u00b7 continued on the next sheet"
        canvas.setFillColor(c["continued"])
        fonts.draw(canvas, width - st.margin - fonts.width(note, s.font, s.size),
                   st.margin + fonts.descent(s.font, s.size), note, s.font, s.size)


def _draw_column(canvas: Canvas, col: tuple[Entry, ...], st: SignStyle, x: float,
                 width: float, top: float) -> None:
    dx_time, dx_text, _ = columns(st, width)
    x_time, x_text = x + dx_time, x + dx_text
    y = top
    for i, e in enumerate(col):
        if i:
            canvas.setStrokeColor(st.colour["hairline"])
            canvas.setLineWidth(st.hairline)
            canvas.line(x, y - st.entry_gap / 2, x + width, y - st.entry_gap / 2)
            y -= st.entry_gap
        _draw_entry(canvas, e, st, x_time, x_text, y)
        y -= e.height


def _draw_entry(canvas: Canvas, e: Entry, st: SignStyle, x_time: float, x_text: float,
                top: float) -> None:
    c = st.colour
    if e.brk:
        s = e.title.style
        canvas.setFillColor(c["break"])
        if st.cols == 1:  # in columns the time is part of the line
            fonts.draw(canvas, x_time, top - fonts.ascent(s.font, s.size), e.time, s.font,
                       s.size)
        fit.draw(canvas, e.title, x_text, top, colour=c["break"])
        return
    t = st.text["time"]
    if e.main:  # a keynote or plenary: a bar in the accent colour beside it
        bar = st.rule * 1.5
        canvas.setFillColor(c["main"])
        canvas.rect(x_time - st.column_gap / 2 - bar / 2, top - e.height, bar, e.height,
                    stroke=0, fill=1)
    title_colour = c["main"] if e.main else c["title"]
    canvas.setFillColor(c["time"])
    if st.cols > 1:  # the start in the time column, the end under it
        start, end = e.time.split("\u2013")[0], end_label(e.session)
        fonts.draw(canvas, x_time, top - e.time_y, start, t.font, t.size)
        p = st.text["speakers"]
        canvas.setFillColor(c["speakers"])
        fonts.draw(canvas, x_time, top - e.time_y - p.leading, end, p.font, p.size)
    else:
        fonts.draw(canvas, x_time, top - e.time_y, e.time, t.font, t.size)
    fit.draw(canvas, e.title, x_text, top - e.title_y, colour=title_colour)
    if e.speakers is not None:
        fit.draw(canvas, e.speakers, x_text, top - e.speakers_y, colour=c["speakers"])
