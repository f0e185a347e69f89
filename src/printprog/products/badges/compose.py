"""One side of one badge: what goes where (:func:`compose`, as :class:`Placed` items in mm,
page coordinates, testable without a PDF) and drawing it (:func:`draw`).

Promises: text keeps the theme's safe distance from its badge's edge (element boxes are
clipped to it); the printed name starts at its largest size and shrinks on one line to its
smallest before it wraps onto two, then is cut with an ellipsis and a warning naming the
person; URLs and e-mail addresses break only after '/', '.' or '@', else shrink; a colour
band on a trim edge runs into the bleed where the sheet has room there, else stays
``Style.band_inset`` inside it, the same on every badge of the sheet (:func:`band_area`).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reportlab.lib.colors import Color

from ...core.errors import PrintprogError
from ...core.report import Report
from ...core.units import mm, to_mm
from ...draw import fonts, qr
from ...layout import text as fit
from ...layout.sheets import Rect
from ...production.spec import MAX_BLEED_MM
from ...schedule.attendee import Attendee
from ...schedule.model import Conference, Session
from ...theme.loader import TextStyle
from . import content
from .layout import FIELD, Element, Layout
from .style import Style

if TYPE_CHECKING:
    from ...draw import logo as logos

# draw.logo and draw.images (PIL.ImageOps, the PDF page reader) are imported by the
# elements that use them: most badges have no logo and no image (issue #28).

STEP = 0.5  # pt between tried type sizes
#: A word that is a URL, a domain or an e-mail address.
ADDRESS = re.compile(r"\S+(?:://|@|\.[a-z]{2,}\b)\S*", re.I)


@dataclass(frozen=True)
class Placed:
    """One thing to draw: a filled rectangle, fitted text, a QR code or an image."""

    kind: str  # "fill" | "text" | "qr" | "image"
    rect: Rect  # mm on the page; for text, x/width for alignment and y = top of first line
    colour: Color | None = None
    text: fit.Fitted | None = None
    align: str = "left"
    data: str = ""  # QR payload or image path
    level: str = "M"
    what: str = ""  # for the report: which code this is
    logo: logos.Logo | None = None  # kind "logo": the conference's, checked


@dataclass(frozen=True)
class Badge:
    """One person's badge content, computed once and drawn on front and back."""

    person: Attendee
    fields: dict[str, str]
    qr: tuple[str, str]  # payload, level; empty payload = no code
    sessions: tuple[Session, ...]


def _box(el: Element, badge: Rect) -> Rect:
    x, y, w, h = el.box
    return Rect(badge.x + x, badge.y + y, w, h)


def _clip(box: Rect, safe: Rect, least: float) -> Rect:
    """The part of the box inside the safe area, at least ``least`` mm high: a box lower than
    one line at the smallest size (a layout scaled down) grows to one line, moved inside the
    safe area as needed, since its line would not be cut, only needs the room."""
    x0, y0 = max(box.x, safe.x), max(box.y, safe.y)
    x1, y1 = min(box.right, safe.right), min(box.bottom, safe.bottom)
    w, h = max(x1 - x0, 0.0), max(y1 - y0, least)
    y0 = max(safe.y, min(y0, safe.bottom - h))
    return Rect(x0, y0, w, h)


def fit_name(text: str, style: TextStyle, min_size: float, width: float, height: float,
             lines: int, report: Report, what: str) -> fit.Fitted:
    """One line from ``style.size`` down to ``min_size``; then two lines split where they
    come out most even (at a space, or after a hyphen: Anna-|Lena); then layout.text.fit,
    which breaks words and ends with the ellipsis and a warning. Width and height in pt."""
    unit_h = fonts.ascent(style.font, 1.0) + fonts.descent(style.font, 1.0)
    size = _largest([text], style, width, height, unit_h)
    if size < min_size - 1e-6 and lines >= 2:
        splits = [(text[:i].rstrip(), text[i:].lstrip()) for i, c in enumerate(text)
                  if c == " " or (c.isalpha() and i and text[i - 1] == "-")]
        splits = [pair for pair in splits if all(pair)]
        if splits:
            two = max(splits, key=lambda pair: _largest(list(pair), style, width, height,
                                                       unit_h))
            size = _largest(list(two), style, width, height, unit_h)
            if size >= min_size - 1e-6:
                report.note_shrunk(f"{what} ({size:g} pt, 2 lines)")
                return fit.Fitted(two, style.at(size), shrunk=True)
    if size >= min_size - 1e-6:
        if size < style.size:
            report.note_shrunk(f"{what} ({size:g} pt)")
        return fit.Fitted((text,), style.at(size), shrunk=size < style.size)
    return fit.fit(text, style, width, max_lines=lines, max_height=height, min_size=min_size,
                   step=STEP, report=report, what=what)


def _largest(lines: list[str], style: TextStyle, width: float, height: float,
             unit_h: float) -> float:
    """The largest size (a multiple of STEP, at most the style's) at which ``lines`` fit."""
    # Widths and line heights grow linearly with the size, so solve, then round down.
    unit_w = max(fonts.width(line, style.font, 1.0) for line in lines)
    leading = style.leading / style.size
    best = min(style.size, width / unit_w if unit_w else style.size,
               height / (unit_h + leading * (len(lines) - 1)))
    size = math.floor(best / STEP + 1e-6) * STEP
    while size > 0 and max(fonts.width(line, style.font, size) for line in lines) > width:
        size -= STEP  # guard against rounding in the linear solve
    return size


def _text(el: Element, badge: Badge, box: Rect, design: Rect, colour: Color, report: Report,
          text: str) -> Placed:
    """Text fitted to ``box`` (the safe part of the element's box), aligned vertically in
    ``design`` (the whole box, so a role's name sits in the middle of its band) as far as
    the safe part allows."""
    style = TextStyle(el.font, el.size, el.size * el.leading)
    w, h = mm(box.w), mm(box.h)
    what = f"badge of {badge.person.name}, {_label(el.text)}"
    if el.shrink_first:
        fitted = fit_name(text, style, el.min_size, w, h, el.lines, report, what)
    else:  # a URL or an e-mail address breaks after '/', '.' or '@', never mid-word
        fitted = fit.fit(text, style, w, max_lines=el.lines, max_height=h,
                         min_size=el.min_size, step=STEP, report=report, what=what,
                         whole_words=bool(ADDRESS.search(text)))
    tall = to_mm(fitted.height)
    share = {"top": 0, "middle": 0.5, "bottom": 1}[el.valign]
    top = design.y + max(0.0, design.h - tall) * share
    top = max(box.y, min(top, box.bottom - tall))
    return Placed("text", Rect(box.x, top, box.w, box.h), colour, fitted, el.align)


def _label(template: str) -> str:
    """"{printed_name}" → "printed name", for warnings."""
    return FIELD.sub(lambda m: m[1].replace("_", " "), template.strip("[]"))


def _agenda(el: Element, badge: Badge, conf: Conference, box: Rect, style: Style,
            report: Report) -> list[Placed]:
    """The person's sessions, at the largest size where all fit; else cut and say so."""
    entries = [content.agenda_lines(s, conf, badge.person, el.moderator) for s in badge.sessions]
    if not entries:
        return []
    w, h, gap = mm(box.w), mm(box.h), mm(el.gap)
    meta_colour, colour = style.colour(el.meta_colour), style.colour(el.colour)

    def blocks(size: float, shown: int, lines: int | None, rep: Report | None
               ) -> tuple[list, float]:
        k = size / el.size
        meta = TextStyle(el.meta_font, el.meta_size * k, el.meta_size * k * el.leading)
        title = TextStyle(el.font, size, size * el.leading)
        out, y = [], 0.0
        for n, (m, t) in enumerate(entries[:shown]):
            what = f"agenda on the badge of {badge.person.name}"
            fm = fit.fit(m, meta, w, max_lines=2, report=rep, what=what)
            ft = fit.fit(t, title, w, max_lines=lines, report=rep, what=what)
            if n:
                y += gap
            out += [(fm, y, meta_colour), (ft, y + fm.height + meta.size * 0.25, colour)]
            y += fm.height + meta.size * 0.25 + ft.height
        return out, y

    def fits(size: float, shown: int, lines: int | None) -> bool:
        trial, height = blocks(size, shown, lines, None)
        return height <= h + 1e-6 and not any(f.cut for f, _, _ in trial)

    # Every session with its whole title, at the largest size that holds them; then titles
    # cut to the layout's `lines`; only then fewer sessions and a line saying how many more.
    sizes = [el.size - STEP * i for i in range(int((el.size - el.min_size) / STEP + 1e-6) + 1)]
    shown, lines = len(entries), None
    size = next((z for z in sizes if fits(z, shown, None)), None)
    if size is None:
        lines = el.lines
        size = next((z for z in sizes if fits(z, shown, lines)), None)
    while size is None and shown > 1:
        shown -= 1
        size = next((z for z in sizes if fits(z, shown, lines)), None)
    size = el.min_size if size is None else size
    placed, _ = blocks(size, shown, lines, report)
    out = [Placed("text", Rect(box.x, box.y + to_mm(y), box.w, box.h), c, f)
           for f, y, c in placed]
    if shown < len(entries):
        more = content.fill(el.more, {**badge.fields, "count": str(len(entries) - shown)})
        note = fit.fit(more, TextStyle(el.meta_font, el.meta_size * el.min_size / el.size,
                                       el.meta_size * el.min_size / el.size * el.leading),
                       w, max_lines=1)
        out.append(Placed("text", Rect(box.x, box.bottom - to_mm(note.height), box.w, box.h),
                          meta_colour, note))
        report.warn(f"badge of {badge.person.name}: {shown} of {len(entries)} sessions fit "
                    "on the back")
    return out


def band_area(box: Rect, rect: Rect, outside: tuple[float, float], inset: float,
              bleed: float) -> Rect:
    """Where a colour band with the layout box ``box`` goes on the badge ``rect``: a side of
    the box on the badge's trim runs ``bleed`` mm past it (at most the room the sheet has
    there: :meth:`Sheet.outside`), or, where the sheet has no room (a cut shared with a
    neighbour), stays ``inset`` mm inside it. Decided per side for the whole sheet, so every
    badge of a sheet looks the same once cut. Other sides are clipped to the trim."""
    x_room, y_room = outside

    def edge(room: float) -> float:
        # On the page edge the room is the largest bleed a print shop may ask for: fill it.
        return -inset if room <= 1e-6 else room if room >= MAX_BLEED_MM else min(room, bleed)

    eps = 1e-6
    x0 = rect.x - edge(x_room) if box.x <= rect.x + eps else max(box.x, rect.x)
    x1 = rect.right + edge(x_room) if box.right >= rect.right - eps else min(box.right,
                                                                            rect.right)
    y0 = rect.y - edge(y_room) if box.y <= rect.y + eps else max(box.y, rect.y)
    y1 = rect.bottom + edge(y_room) if box.bottom >= rect.bottom - eps else min(box.bottom,
                                                                                rect.bottom)
    return Rect(x0, y0, max(x1 - x0, 0.0), max(y1 - y0, 0.0))


def compose(badge: Badge, elements: tuple[Element, ...], rect: Rect, conf: Conference,
            style: Style, layout: Layout, report: Report,
            outside: tuple[float, float] = (0.0, 0.0)) -> list[Placed]:
    """What to draw for one side of one badge whose trim is ``rect`` (mm, page coordinates);
    ``outside``: the sheet's room beside and above/below every badge (:meth:`Sheet.outside`),
    where colour bands run into a bleed, or keep off a shared cut."""
    safe = rect.inset(style.safe)
    speaker = bool(badge.sessions)
    out: list[Placed] = []
    seen: set[str] = set()
    for el in elements:
        if el.only == ("others" if speaker else "speakers"):
            continue
        box = _box(el, rect)
        if el.kind == "band":
            out.append(Placed("fill", band_area(box, rect, outside, style.band_inset,
                                                style.band_bleed),
                              style.colour(el.colour, badge.person.role)))
        elif el.kind == "qr":
            data, level = (badge.qr if el.content == "badge"
                           else (badge.fields["website"], qr.level_for(badge.fields["website"])))
            if data and level:  # no level: too long for any QR code (badge_content warned)
                out.append(Placed("qr", box, style.colour(el.colour), data=data, level=level,
                                  what=f"{el.where} of {badge.person.name}"))
        elif el.kind == "image":
            path = _image(el, conf, layout, report)
            if path is not None:
                out.append(Placed("image", box, data=str(path)))
        else:
            text = ""
            if el.kind not in ("agenda", "logo"):
                text = content.fill(el.text, badge.fields)
                text = text.upper() if el.upper else text
                if not text or text in seen:
                    # No pronouns given; a one-word name already printed large. Before the
                    # font is measured: a face no badge uses is never read (5 ms, issue #28).
                    continue
            line = to_mm(fonts.ascent(el.font, el.min_size) + fonts.descent(el.font, el.min_size))
            clipped = _clip(box, safe, line)
            if clipped.w <= 0:
                continue
            if el.kind == "agenda":
                out += _agenda(el, badge, conf, clipped, style, report)
                continue
            if el.kind == "logo":
                out += _logo(el, badge, conf, clipped, style, report)
                continue
            seen.add(text)
            colour = style.colour(el.colour, badge.person.role)
            out.append(_text(el, badge, clipped, box, colour, report, text))
    return out


def _logo(el: Element, badge: Badge, conf: Conference, box: Rect, style: Style,
          report: Report) -> list[Placed]:
    """The conference logo at the box's height with its text beside it (the text alone when
    the conference has no logo), the pair aligned in the box as one."""
    logo = None
    if conf.logo is not None:  # draw.logo reads images and PDF pages: imported for a logo
        from ...draw import logo as logos

        logo = logos.load(conf)
    text = content.fill(el.text, badge.fields) if el.text else ""
    lw = lh = gap = 0.0
    if logo is not None:
        aspect = logo.size[0] / logo.size[1]
        lw = min(box.h * aspect, box.w / 2 if text else box.w)
        lh, gap = lw / aspect, el.gap if text else 0.0
    fitted = None
    if text:
        style_ = TextStyle(el.font, el.size, el.size * 1.2)
        fitted = fit.fit(text, style_, mm(box.w - lw - gap), max_lines=1, min_size=el.min_size,
                         step=STEP, report=report, what=f"badge of {badge.person.name}, logo line")
    tw = to_mm(fitted.width()) if fitted else 0.0
    total = lw + gap + tw
    x = box.x + {"left": 0.0, "center": (box.w - total) / 2, "right": box.w - total}[el.align]
    out = []
    if logo is not None:
        out.append(Placed("logo", Rect(x, box.y + (box.h - lh) / 2, lw, lh), logo=logo))
    if fitted is not None:
        top = box.y + (box.h - to_mm(fitted.height)) / 2
        out.append(Placed("text", Rect(x + lw + gap, top, tw, box.h), style.colour(el.colour),
                          fitted))
    return out


def _image(el: Element, conf: Conference, layout: Layout, report: Report) -> Path | None:
    """The image from the data folder, else from beside the layout, with the checks and the
    confinement of speaker photos (a layout can be anyone's: '../../', a link out, a bomb)."""
    from ...draw import images

    try:
        return images.find(el.path, (conf.source, layout.source.parent))
    except images.Refused as exc:
        message = (f"{layout.source}: {el.where}.path: image '{el.path}' {exc} (looked for "
                   "in the data folder and beside the layout)")
    if el.optional:
        report.warn(f"{message}; left out")
        return None
    raise PrintprogError(f"{message}; fix it or set optional: true")


def draw(canvas, items: list[Placed], page_height: float) -> list[tuple[Placed, float]]:
    """Draw the items; return each QR code drawn with its module size in points."""
    codes = []
    for item in items:
        x, y, w, h = item.rect.pdf(page_height)
        if item.kind == "fill":
            canvas.setFillColor(item.colour)
            canvas.rect(x, y, w, h, stroke=0, fill=1)
        elif item.kind == "qr":
            codes.append((item, qr.draw(canvas, x, y, w, item.data, item.level,
                                        colour=item.colour)))
        elif item.kind == "logo" and item.logo is not None:
            from ...draw import logo as logos  # imported by _logo already: a lookup

            logos.place(canvas, item.logo, x, y, w, h)
        elif item.kind == "image":
            canvas.drawImage(item.data, x, y, w, h, preserveAspectRatio=True, anchor="c",
                             mask="auto")
        else:
            fit.draw(canvas, item.text, x, y + h, w, item.align, item.colour)
    return codes


