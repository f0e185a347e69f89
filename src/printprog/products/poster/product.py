"""The day poster for the entrance hall: the whole day grid on one A3 or A2 page per day.

Contract: :func:`build` writes one page per conference day (or the one day asked for) to one
PDF, atomically and byte-for-byte reproducibly. The grid is the booklet's day at a glance,
laid out and drawn by :mod:`printprog.layout.grid` with the theme's ``poster.grid`` style;
this module only adds the header (event name, day and date), the footer (website URL, QR code
to it, and the addresses of the day's off-site venues) and scales the theme to the paper
(``poster.paper_scale``), so an A2 poster is the A3 one enlarged.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import date
from pathlib import Path

from reportlab.lib.colors import Color
from reportlab.pdfgen.canvas import Canvas

from ...core.errors import PrintprogError
from ...core.report import Report
from ...core.units import mm, paper
from ...draw import fonts, logo, qr, urls
from ...draw.qr import qr_quiet
from ...draw.urls import short_url
from ...layout import grid
from ...layout import text as fit
from ...layout.grid import draw as grid_draw
from ...layout.text import Fitted
from ...pdf.writer import Meta, atomic_output, new_canvas
from ...production.spec import to_bleed
from ...schedule.labels import day_label
from ...schedule.model import Conference
from ...schedule.views import Day, days
from ...theme.loader import TextStyle, Theme
from ..base import Options, Output

_TEXTS = ("event", "date", "url", "note")


@dataclass(frozen=True)
class PosterStyle:
    """The theme's ``poster`` section scaled to the paper, in points."""

    page: tuple[float, float]
    margin: float
    band: float
    qr: float  # printed symbol side, quiet zone not included
    header_gap: float
    footer_gap: float
    text: dict[str, TextStyle]
    min: dict[str, float]
    colour: dict[str, Color]
    grid: grid.GridStyle

    @classmethod
    def from_theme(cls, theme: Theme, paper_name: str | None = None) -> PosterStyle:
        name = (paper_name or str(theme.get("poster", "paper"))).lower()
        k = float(dict(theme.get("poster", "paper_scale")).get(name, 1.0))

        def length(key: str) -> float:
            return mm(theme.number("poster", key)) * k

        return cls(
            page=paper(name, landscape=bool(theme.get("poster", "landscape"))),
            # The margin keeps text off the trim on any paper, so it is never scaled down.
            margin=max(length("margin"), mm(theme.number("poster", "margin"))),
            # The QR code keeps the brief's 40 mm on every paper.
            band=length("band"), qr=max(mm(40), length("qr_size")),
            header_gap=length("header_gap"), footer_gap=length("footer_gap"),
            text={n: (s := theme.text(n, "poster.text")).at(s.size * k) for n in _TEXTS},
            min={n: theme.number("poster", "min", n) * k for n in _TEXTS},
            colour={n: theme.colour(str(v))
                    for n, v in dict(theme.get("poster", "colours")).items()},
            grid=_scaled(grid.GridStyle.from_theme(theme, "poster.grid"), k))


def _scaled(style: grid.GridStyle, k: float) -> grid.GridStyle:
    """Every type size and length of a grid style times ``k`` (minutes stay minutes)."""
    changes: dict[str, object] = {}
    for f in fields(style):
        value = getattr(style, f.name)
        if isinstance(value, TextStyle):
            changes[f.name] = value.at(value.size * k)
        elif isinstance(value, float):
            changes[f.name] = value * k
    return replace(style, **changes)


@dataclass(frozen=True)
class Page:
    """One poster sheet, placed: header and footer texts and the grid page between."""

    day: Day
    event: Fitted
    date: Fitted
    url: Fitted | None
    notes: tuple[Fitted, ...]
    footer_text: float  # height of the URL and notes stack
    grid: grid.GridPage
    grid_y: float  # bottom of the grid's box
    link: str  # what the QR code holds: the day's schedule page (urls.day_url), or ''


def plan(conf: Conference, day: Day, st: PosterStyle, report: Report, url: str) -> list[Page]:
    """The day's sheets: header at the top, footer at the bottom, the grid between; more
    rooms than a sheet holds at the poster's sizes take further sheets, each naming its
    rooms, and a day taller than the sheet continues on the next."""
    width, height = st.page
    inner = width - 2 * st.margin
    text_w = inner - (st.qr + 2 * qr_quiet(st.qr, url) + st.footer_gap if url else 0)

    def one(text: str, key: str, w: float, lines: int = 1) -> Fitted:
        return fit.fit(text, st.text[key], w, max_lines=lines, min_size=st.min[key],
                       report=report, what=f"poster {day.date.isoformat()}: {text[:40]}")

    event = one(conf.name, "event", inner, 2)
    label = one(day_label(day.date), "date", inner)
    link = one(short_url(url), "url", text_w) if url else None
    offsite = dict.fromkeys(conf.room_by_id[s.room] for s in day.sessions)
    iso = fonts.isolate  # each piece keeps its own direction (a Hebrew name, a Latin street)
    notes = tuple(one(f"{iso(r.name)}: {iso(r.address)}", "note", text_w, 2)
                  for r in offsite if r.offsite)
    footer_text = (link.height if link else 0) + sum(n.height + st.footer_gap for n in notes)
    footer = max(footer_text, st.qr + qr_quiet(st.qr, url) if url else 0)
    top = height - st.margin - event.height - label.height - st.header_gap
    bottom = st.margin + footer + st.header_gap
    sheets = grid.plan(conf, day, day.rooms, (inner, top - bottom), st.grid, spreads=False)
    return [Page(day, event, label, link, notes, footer_text, g, bottom, url) for g in sheets]


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
    g = page.grid
    note = ", ".join(x for x in (g.rooms_note, "continued" if g.continued else "") if x)
    if note:
        d = page.date.style
        canvas.setFillColor(c["date"])
        size = st.text["url"].size
        fonts.draw(canvas, width - st.margin - fonts.width(note, d.font, size),
                   y - fonts.ascent(d.font, d.size), note, d.font, size)
    grid_draw.draw(canvas, conf, g, theme, st.margin, page.grid_y)
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
                g = page.grid
                canvas.bookmarkPage(f"d{i}")
                canvas.addOutlineEntry(", ".join(x for x in (
                    day_label(page.day.date), g.rooms_note, "continued" if g.continued else "")
                    if x), f"d{i}", level=0)
            canvas.showPage()
        canvas.save()
    return out


def _product(conf: Conference, theme: Theme, options: Options, out: Path) -> Output:
    report = Report()
    path = build(conf, theme, out=out, report=report, day=options.day, paper_name=options.paper)
    return Output([path], report)

