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

from reportlab.pdfgen.canvas import Canvas

from ...core.errors import PrintprogError
from ...core.report import Report
from ...draw import fonts
from ...layout import text as fit
from ...layout.plain import Cursor, PlainStyle
from ...pdf.writer import Meta, atomic_output, new_canvas
from ...production.spec import bleed_rect
from ...schedule.labels import day_label, length, time_range
from ...schedule.model import SERVICE_KINDS, Conference, Room, Session
from ...schedule.scope import Scope
from ...schedule.views import people_names, sessions_in_room
from ...theme.loader import Theme
from ..base import Options, Output

#: The timing cards, in the order they are shown, and whether each is the loud one.
CARDS = (("10 min", False), ("5 min", False), ("1 min", False), ("STOP", True))
#: The smallest a timing card's text may be, whatever the theme says.
CARD_MIN_PT = 200.0
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


def _session_page(cur: Cursor, conf: Conference, room: Room, s: Session,
                  following: Session | None, number: tuple[int, int], report: Report,
                  bio_count: int) -> None:
    st = cur.st
    what = f"chair {room.name} {s.id}"

    def text(value: str, key: str, lines: int | None = None) -> fit.Fitted:
        return fit.fit(value, st.text[key], st.inner, max_lines=lines, report=report,
                       what=what)

    def put(fitted: fit.Fitted, colour: str = "ink", after: float = 0.0) -> None:
        cur.need(fitted.height)
        cur.draw(fitted, colour=colour, after=after)

    put(text(f"{room.name} \u00b7 {day_label(s.conference_day)} \u00b7 session {number[0]} "
             f"of {number[1]}", "room", 2), "muted", st.gap / 2)
    put(text(f"{time_range(s)}  ({length(s)})", "time", 1), "accent", st.gap / 2)
    put(text(s.title, "title", 4), after=st.gap)
    for label, people in (("Speakers" if len(s.speakers) > 1 else "Speaker", s.speakers),
                          ("Moderators" if len(s.moderators) > 1 else "Moderator",
                           s.moderators)):
        if not people:
            continue
        put(text(label.upper(), "label", 1), "muted", 2)
        for sid in people:
            sp = conf.speaker_by_id[sid]
            name = text(sp.name, "speaker", 2)
            org = text(sp.affiliation, "organisation", 2) if sp.affiliation else None
            cur.need(name.height + (org.height if org else 0))
            cur.draw(name, after=1)
            if org is not None:
                cur.draw(org, colour="muted", after=2)
            bio = sentences(sp.bio, bio_count)
            if bio and sp.bio_truncated and not bio.endswith((".", "!", "?")):
                bio += fit.ELLIPSIS  # the source cut it short mid-sentence
            if bio:
                put(text(bio, "bio", 8))
            cur.y -= st.gap
    _next(cur, conf, following, text)


def _next(cur: Cursor, conf: Conference, following: Session | None, text) -> None:
    """What comes next in the room, at the foot of the page (or of the next one)."""
    label = text("NEXT IN THIS ROOM", "label", 1)
    if following is None:
        body = [text("Nothing: this is the last session in the room today.", "next", 2)]
    else:
        people = people_names(conf, following, 6)
        body = [text(f"{time_range(following)}  {following.title}", "next", 3)]
        if people:
            body.append(text(people, "next", 2))
    height = label.height + 2 + sum(b.height + 1 for b in body)
    cur.need(height)
    cur.y = cur.st.margin + height
    cur.draw(label, colour="muted", after=2)
    for b in body:
        cur.draw(b, after=1)


def card_size(theme: Theme, st: PlainStyle, words: list[str]) -> float:
    """The card text's size: the theme's, shrunk so the longest card fits the width, never
    below :data:`CARD_MIN_PT` (a paper too small for that is an error)."""
    font = st.text["card"].font
    size = max(CARD_MIN_PT, theme.number("chair", "card_size"))
    widest = max(fonts.width(w, font, 1.0) for w in words)
    room = st.page[0] - 2 * st.margin
    size = min(size, room / widest)
    if size < CARD_MIN_PT - 1e-6:
        raise PrintprogError(f"the timing cards need {CARD_MIN_PT:g} pt type: use A4 or larger "
                             "paper for printprog chair")
    return size


def _cards(canvas: Canvas, theme: Theme, st: PlainStyle, size: float) -> None:
    """The four timing cards, each a landscape page of its own."""
    font = st.text["card"].font
    width, height = st.page
    for word, loud in CARDS:
        canvas.setPageSize(st.page)
        if loud:
            canvas.setFillColor(theme.colour("accent"))
            canvas.rect(*bleed_rect(width, height), stroke=0, fill=1)
        canvas.setFillColor(theme.colour("accent_text" if loud else "ink"))
        x = (width - fonts.width(word, font, size)) / 2
        middle = (fonts.ascent(font, size) - fonts.descent(font, size)) / 2
        fonts.draw(canvas, x, height / 2 - middle, word, font, size)
        canvas.showPage()


def build(conf: Conference, theme: Theme, out: Path, rooms: tuple[Room, ...] | None,
          day: date | None, paper_name: str | None, report: Report) -> int:
    """Write the kits to ``out``; return the number of sessions."""
    st = PlainStyle.from_theme(theme, "chair", paper_name)
    card = PlainStyle.from_theme(theme, "chair", paper_name, landscape=True)
    size = card_size(theme, card, [w for w, _ in CARDS])
    days = [day] if day else conf.days
    kits = [(r, d, chaired(conf, r, d)) for r in (rooms or conf.rooms) for d in days]
    kits = [k for k in kits if k[2]]
    if not kits:
        where = ", ".join(r.name for r in rooms) if rooms else "any room"
        on = f" on {day_label(day)}" if day else ""
        raise PrintprogError(f"{where} has no session to chair{on}; nothing to print")
    bio_count = int(theme.number("chair", "bio_sentences"))
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

