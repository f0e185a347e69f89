"""The session chair's kit: for each session of a room and day, a page the chair reads from
(time and length, title, each speaker with organisation and the first sentences of the
bio, and what comes next in the room), then the timing cards "10 min", "5 min", "1 min"
and "STOP", each on a page of its own in landscape at ``chair.card_size`` (200 pt at
least), once per room and day.

``options.rooms`` (None: every room with a session to chair) and ``options.day`` (None:
every day) choose the kits; all go into one PDF, with an outline entry per room and day. One
room's kit embeds only that room's part of the schedule (:mod:`printprog.schedule.scope`).
Breaks, meals, registration and socials have no chair and no page.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from reportlab.lib.colors import CMYKColor, Color
from reportlab.pdfgen.canvas import Canvas

from ...core.errors import PrintprogError
from ...core.report import Report
from ...core.units import mm
from ...draw import fonts, logo
from ...layout import text as fit
from ...layout.plain import Cursor, PlainStyle
from ...pdf.atomic import atomic_output
from ...pdf.writer import Meta, new_canvas
from ...production.spec import bleed_rect
from ...schedule.labels import day_label, length, time_range
from ...schedule.model import SERVICE_KINDS, Conference, Room, Session
from ...schedule.scope import Scope
from ...schedule.views import people_names, sessions_in_room
from ...theme.loader import TextStyle, Theme
from ..base import Options, Output

#: The timing cards, in the order they are shown; each has its colour in chair.cards.
CARDS = ("10 min", "5 min", "1 min", "STOP")
#: The smallest a timing card's text may be, whatever the theme says.
CARD_MIN_PT = 200.0
#: The most of the page's height a card's text takes (cap height and descender).
CARD_HEIGHT = 0.6
#: Factors tried on a session page's type (but the room line) while its text fits.
GROW = (1.4, 1.3, 1.2, 1.1, 1.0)
#: The logo's box at the top right of a session page, pt.
LOGO_W, LOGO_H = mm(45), mm(14)
_SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"'\u201d\u2019)]))\s+"
                           r"(?=[\"'\u201c\u2018(]?[A-Z0-9])")


def sentences(paragraphs: tuple[str, ...], count: int) -> str:
    """The first ``count`` sentences of a bio: what a chair reads out."""
    found: list[str] = []
    for paragraph in paragraphs:
        found += [s.strip() for s in _SENTENCE_END.split(paragraph) if s.strip()]
        if len(found) >= count:
            break
    return " ".join(found[:count])


def chaired(conf: Conference, room: Room, when: date) -> list[Session]:
    """The room's sessions that day that have a chair, in order."""
    return [s for s in sessions_in_room(conf, room.id, when) if s.kind not in SERVICE_KINDS]


def _sentence_count(paragraphs: tuple[str, ...]) -> int:
    return sum(len([x for x in _SENTENCE_END.split(p) if x.strip()]) for p in paragraphs)


Block = tuple[fit.Fitted, str, float, bool]  # text, colour, space after, keep with next


def _blocks(conf: Conference, room: Room, s: Session, number: tuple[int, int],
            text, cap: int | None, gap: float) -> list[Block]:
    """The page's text from the top, each speaker's bio in full (``cap`` None) or its first
    ``cap`` sentences: whole sentences either way."""
    out: list[Block] = [
        (text(f"{room.name} \u00b7 {day_label(s.conference_day)} \u00b7 session {number[0]} "
              f"of {number[1]}", "room", 2, LOGO_W), "muted", gap / 2, False),
        # No "(0 min)" for a session of no length: its start is all there is to say.
        (text(f"{time_range(s)}  ({length(s)})" if s.end > s.start else time_range(s),
              "time", 1), "accent", gap / 2, False),
        (text(s.title, "title", 4), "ink", gap, False)]
    for label, people in (("Speakers" if len(s.speakers) > 1 else "Speaker", s.speakers),
                          ("Moderators" if len(s.moderators) > 1 else "Moderator",
                           s.moderators)):
        if not people:
            continue
        out.append((text(label.upper(), "label", 1), "muted", 2, True))
        for sid in people:
            sp = conf.speaker_by_id[sid]
            out.append((text(sp.name, "speaker", 2), "ink", 1, True))
            if sp.affiliation:
                out.append((text(sp.affiliation, "organisation", 2), "muted", 2, False))
            bio = list(sp.bio) if cap is None else [sentences(sp.bio, cap)]
            bio = [b for b in bio if b]
            if bio and sp.bio_truncated and not bio[-1].endswith((".", "!", "?")):
                bio[-1] += fit.ELLIPSIS  # the source cut it short mid-sentence
            for n, paragraph in enumerate(bio):
                out.append((text(paragraph, "bio"), "ink", gap / 3 if n < len(bio) - 1
                            else 0.0, False))
            last = out[-1]
            out[-1] = (last[0], last[1], last[2] + gap, last[3])
    return out


def _session_page(cur: Cursor, conf: Conference, room: Room, s: Session,
                  following: Session | None, number: tuple[int, int], report: Report,
                  bio_count: int) -> None:
    """The chair's page: every bio in full when the page holds it, else each cut to as many
    whole sentences as fit (at least ``bio_count``), never mid-sentence."""
    st = cur.st
    what = f"chair {room.name} {s.id}"

    def sized(k: float, rep: Report | None):
        def text(value: str, key: str, lines: int | None = None, less: float = 0.0
                 ) -> fit.Fitted:
            width = st.inner - (less if key == "room" and conf.logo else 0.0)
            base = st.text[key]
            style = base if k == 1 or key == "room" else TextStyle(base.font, base.size * k,
                                                                   base.leading * k)
            return fit.fit(value, style, width, max_lines=lines, report=rep, what=what)
        return text

    text = sized(1.0, None)

    top = cur.y
    logo.draw(cur.canvas, st.page[0] - st.margin - LOGO_W, top - LOGO_H, LOGO_W, LOGO_H, conf,
              "right")
    foot = _next_blocks(conf, following, text)
    room_left = cur.room - sum(f.height + 1 for f, _ in foot) - 2 - st.gap
    most = max((_sentence_count(conf.speaker_by_id[p].bio) for p in s.people), default=0)
    # Larger type while the page has room for every bio in full (read at a lectern), then
    # the theme's sizes with whole bios, then bios cut to fewer whole sentences.
    tries: list[tuple[float, int | None]] = [(k, None) for k in GROW]
    tries += [(1.0, cap) for cap in range(most - 1, bio_count - 1, -1)]
    k, cap = tries[-1]
    for k, cap in tries:
        blocks = _blocks(conf, room, s, number, sized(k, None), cap, st.gap)
        if sum(f.height + after for f, _, after, _ in blocks) <= room_left + 1e-6:
            break
    # Drawn again with the report, so a cut text is warned about once.
    blocks = _blocks(conf, room, s, number, sized(k, report), cap, st.gap)
    for i, (fitted, colour, after, keep) in enumerate(blocks):
        nxt = blocks[i + 1][0].height if keep and i + 1 < len(blocks) else 0.0
        cur.need(fitted.height + nxt)
        cur.draw(fitted, colour=colour, after=after)
    _next(cur, foot)


def _next_blocks(conf: Conference, following: Session | None, text
                 ) -> list[tuple[fit.Fitted, str]]:
    """What comes next in the room: its label, its time and title, its people."""
    out = [(text("NEXT IN THIS ROOM", "label", 1), "muted")]
    if following is None:
        out.append((text("Nothing: this is the last session in the room today.", "next", 2),
                    "ink"))
    else:
        people = people_names(conf, following, 6)
        out.append((text(f"{time_range(following)}  {following.title}", "next", 3), "ink"))
        if people:
            out.append((text(people, "next", 2), "ink"))
    return out


def _next(cur: Cursor, foot: list[tuple[fit.Fitted, str]]) -> None:
    """What comes next in the room, at the foot of the page (or of the next one)."""
    height = 2 + sum(f.height + 1 for f, _ in foot)
    cur.need(height)
    cur.y = cur.st.margin + height
    for n, (fitted, colour) in enumerate(foot):
        cur.draw(fitted, colour=colour, after=2 if n == 0 else 1)


def card_size(theme: Theme, st: PlainStyle, words: list[str]) -> float:
    """The card text's size: as large as the widest card allows between the margins (and
    at most :data:`CARD_HEIGHT` of the page's height, and ``chair.card_size``), the same on
    every card; never below :data:`CARD_MIN_PT` (a paper too small for that is an error)."""
    font = st.text["card"].font
    widest = max(fonts.width(w, font, 1.0) for w in words)
    tall = fonts.ascent(font, 1.0) + fonts.descent(font, 1.0)
    size = min(theme.sections.chair.card_size, (st.page[0] - 2 * st.margin) / widest,
               st.page[1] * CARD_HEIGHT / tall)
    if size < CARD_MIN_PT - 1e-6:
        raise PrintprogError(f"the timing cards need {CARD_MIN_PT:g} pt type: use A4 or larger "
                             "paper for printprog chair")
    return size


def _cards(canvas: Canvas, theme: Theme, st: PlainStyle, size: float) -> None:
    """The four timing cards, each a landscape page of its own in its colour to the bleed,
    the word in black or white, whichever reads better on it."""
    font = st.text["card"].font
    width, height = st.page
    colours = theme.sections.chair.cards
    for word in CARDS:
        canvas.setPageSize(st.page)
        ground = theme.colour(str(colours[word]))
        canvas.setFillColor(ground)
        canvas.rect(*bleed_rect(width, height), stroke=0, fill=1)
        canvas.setFillColor(_ink_on(ground))
        x = (width - fonts.width(word, font, size)) / 2
        middle = (fonts.ascent(font, size) - fonts.descent(font, size)) / 2
        fonts.draw(canvas, x, height / 2 - middle, word, font, size)
        canvas.showPage()


def _ink_on(ground: Color) -> Color:
    """Black or white, whichever has the higher contrast on ``ground`` (WCAG luminance; a
    CMYK colour has its RGB too), in the ground's colour model."""
    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    lum = (0.2126 * channel(ground.red) + 0.7152 * channel(ground.green)
           + 0.0722 * channel(ground.blue))
    dark = (lum + 0.05) / 0.05 >= 1.05 / (lum + 0.05)
    if isinstance(ground, CMYKColor):
        return CMYKColor(0, 0, 0, 1) if dark else CMYKColor(0, 0, 0, 0)
    return Color(0, 0, 0) if dark else Color(1, 1, 1)


def build(conf: Conference, theme: Theme, out: Path, rooms: tuple[Room, ...] | None,
          day: date | None, paper_name: str | None, report: Report) -> int:
    """Write the kits to ``out``; return the number of sessions."""
    st = PlainStyle.from_theme(theme.sections.chair, paper_name)
    card = PlainStyle.from_theme(theme.sections.chair, paper_name, landscape=True)
    size = card_size(theme, card, list(CARDS))
    days = [day] if day else conf.days
    kits = [(r, d, chaired(conf, r, d)) for r in (rooms or conf.rooms) for d in days]
    kits = [k for k in kits if k[2]]
    if not kits:
        where = ", ".join(r.name for r in rooms) if rooms else "any room"
        on = f" on {day_label(day)}" if day else ""
        raise PrintprogError(f"{where} has no session to chair{on}; nothing to print")
    bio_count = theme.sections.chair.bio_sentences
    meta = Meta(title=f"{conf.short_name}: session chair's kit", author=conf.name,
                subject="; ".join(f"{r.name}, {day_label(d)}" for r, d, _ in kits))
    with atomic_output(out) as tmp:
        canvas = new_canvas(tmp, st.page, meta)
        for i, (room, when, sessions) in enumerate(kits):
            canvas.setPageSize(st.page)
            canvas.bookmarkPage(f"kit{i}")
            canvas.addOutlineEntry(f"{room.name}, {day_label(when)}", f"kit{i}", level=0)
            everything = list(sessions_in_room(conf, room.id, when))
            for n, s in enumerate(sessions, 1):
                later = everything[everything.index(s) + 1:]
                cur = Cursor(canvas, st, theme)
                _session_page(cur, conf, room, s, later[0] if later else None,
                              (n, len(sessions)), report, bio_count)
                canvas.showPage()
            _cards(canvas, theme, card, size)
        canvas.save()
    return sum(len(k[2]) for k in kits)


def _product(conf: Conference, theme: Theme, options: Options, out: Path) -> Output:
    report = Report()
    count = build(conf, theme, out, options.rooms, options.day, options.paper, report)
    # One room's kit prints that room's sessions only: it embeds only those
    # (printprog.schedule.scope).
    rooms = options.rooms or ()
    scopes = {out: Scope(rooms[0].id, (options.day,) if options.day else tuple(conf.days))
              } if len(rooms) == 1 else {}
    return Output([out], report, summary=f"{count} session pages and their timing cards",
                  scopes=scopes)

