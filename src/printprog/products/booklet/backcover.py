"""The booklet's outside back cover: what a reader looks up at the event, on the last page.

In the cover's colour, without running head or folio: the venue and its address, the
off-site venues with theirs, Wi-Fi, the code of conduct contact and the emergency number
(each from conference.yaml, each left out when not given), and at the foot the website's
QR code with its address (and the logo, :func:`draw_logo`). The text is one frame's worth:
kept on the page (shrunk to fit in the rare case it is longer), never run onto a next one.
"""

from __future__ import annotations

from reportlab.lib.colors import white
from reportlab.platypus import Flowable, KeepInFrame, PageBreak, Spacer

from ...core.units import mm
from ...draw import fonts, logo, qr
from ...layout.flowables import Anchor
from ...layout.textblock import Span, TextBlock, bold
from ...schedule.model import Conference
from .context import Context, PageLayout
from .furniture import SetLayout, draw_page_colour


def back_cover(story: Context) -> list[Flowable]:
    """A new page set as the back cover, with the event's information on it."""
    g = story.geometry
    content = _information(story)
    height = g.text_height - foot_height(story)
    return [SetLayout(story, PageLayout(back=True)), PageBreak(),
            Anchor("back-cover", story.recorded),
            KeepInFrame(g.text_width, height, content, mode="shrink")]


def items(conf: Conference) -> list[tuple[str, list[str]]]:
    """(label, lines) of what the back cover says, in order; empty ones left out."""
    venue = [x for x in (conf.venue, conf.venue_address or conf.city) if x]
    out = [("Venue", venue), ("Wi-Fi", [conf.wifi]), ("Code of conduct", [conf.conduct_contact]),
           ("Emergency", [conf.emergency])]
    offsite = [r for r in conf.rooms if r.offsite]
    out += [("Off-site venues" if i == 0 else "", [r.name, r.address])
            for i, r in enumerate(offsite)]
    return [(label, [x for x in lines if x]) for label, lines in out if any(lines)]


def _information(story: Context) -> list[Flowable]:
    out: list[Flowable] = [story.block(story.conf.name, "cover_sub", "cover_text")]
    value = story.font("back_value")
    for label, lines in items(story.conf):
        # A labelled item a section's space below the last; the next off-site venue less.
        out.append(Spacer(1, story.space("section" if label else "paragraph")))
        if label:
            out.append(story.block(label.upper(), "back_label", "cover_muted"))
        for n, line in enumerate(lines):
            # An off-site venue's name bold, its address plain.
            font = bold(value) if label in ("Off-site venues", "") and n == 0 else value
            out.append(TextBlock((Span(line, font),), story.bs("back_value", "cover_text")))
    return out


def _qr_side(story: Context) -> float:
    """The website's QR code, quiet zone included (it is printed on a white square)."""
    url = story.conf.website
    side = mm(story.theme.sections.booklet.qr_size)
    n = qr.modules(url, qr.level_for(url) or "M")
    return side * n / (n - 2 * qr.QUIET)


def foot_height(story: Context) -> float:
    """The foot of the back cover kept for the QR code and its URL (none without a
    website)."""
    if not story.conf.website or qr.level_for(story.conf.website) is None:
        return 0.0
    return _qr_side(story) + story.theme.sections.text["url"].leading * 2 + story.space("section")


def draw_back(story: Context, canvas, page: int) -> None:
    """The back cover's colour, then its foot: the website's QR code and address, the
    logo beside them."""
    draw_page_colour(story, canvas)
    g = story.geometry
    x0 = g.frame_x(page)
    url = story.conf.website
    level = qr.level_for(url) if url else None
    if level is not None:
        side = _qr_side(story)
        style = story.theme.sections.text["url"]
        y = g.bottom + style.leading * 2
        canvas.saveState()
        canvas.setFillColor(story.theme.colour("paper"))
        canvas.rect(x0, y, side, side, stroke=0, fill=1)
        module = qr.draw(canvas, x0, y, side, url, level, colour=story.theme.colour("qr"))
        story.report.note_qr("the back cover's website", mm(
            story.theme.sections.booklet.qr_size), module,
            min_side_mm=story.theme.sections.booklet.qr_min)
        canvas.setFillColor(story.theme.colour("cover_text"))
        fonts.draw(canvas, x0, g.bottom + style.leading - style.size, url, style.font,
                   style.size)
        canvas.restoreState()
    draw_logo(story, canvas, (x0 + g.text_width / 2, g.bottom, g.text_width / 2,
                              foot_height(story) or mm(20)))


def draw_logo(story: Context, canvas, box: tuple[float, float, float, float]) -> None:
    """The conference's logo (``logo:`` in conference.yaml) in ``box`` (x, y, width,
    height), at its right, on a white plate: the back cover is in the cover colour, where a
    logo made for white paper would vanish."""
    x, y, w, h = box
    logo.draw(canvas, x, y, w, h, story.conf, align="right", plate=white)
