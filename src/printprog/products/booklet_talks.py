"""The booklet's talk pages: each day's talks, one entry per talk with its QR code beside
the heading, and a single line for breaks.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from reportlab.platypus import Flowable, KeepTogether, Spacer

from .. import fonts
from ..labels import day_label, time_range
from ..layout import flowables as flow
from ..layout.beside import Beside
from ..layout.flowables import Later
from ..layout.paragraph import Paragraph
from ..model import Session
from ..schedule import Day
from ..units import mm
from .booklet_furniture import Rule, SetHead

if TYPE_CHECKING:
    from .booklet_story import Story

M = fonts.markup
#: Data inside a line this module composes ("09:00–09:45 · <room>") keeps its own direction.
iso = fonts.isolate


def _attr(value: str) -> str:
    """Data text as a markup attribute value: escaped, quotes included, and without the
    <font> runs of :func:`fonts.markup`, which would break the tag (a URL with CJK in it)."""
    return fonts.escape(value).replace('"', "&quot;")


def talks(story: Story, day: Day) -> list[Flowable]:
    """A day's talks in time order: each made when the layout reaches it (Later)."""
    label = day_label(day.date, year=False)
    out: list[Flowable] = [
        SetHead(story, f"{label} \u00b7 talks"),
        story.anchor(f"talks-{day.date}", f"Talks, {label}", 1),
        Paragraph(M(f"{label}: talks"), story.ps("day_title", "accent", after="section",
                                               keep=True)),
    ]
    for n, session in enumerate(day.sessions):
        if session.plenary and not session.abstract:
            out.append(_service_line(story, session))
        elif n == 0:  # made now: the day's title is kept with it
            out += talk(story, session)
        else:
            out.append(Later(lambda page, s=session: talk(story, s)))
    return out


def _service_line(story: Story, s: Session) -> Flowable:
    """A break or registration: one line, no entry."""
    room = story.conf.room_by_id[s.room].name
    text = f"{time_range(s)}  {iso(s.title)} \u00b7 {iso(room)}"
    return KeepTogether([story.anchor(f"talk-{s.id}"),
                         Paragraph(M(text), story.ps("meta", "muted", after="entry"))])


def people_line(story: Story, ids: Iterable[str], prefix: str = "") -> str:
    """Speakers as markup: each name bold and linked to their entry, then their organisation."""
    parts = []
    for pid in ids:
        sp = story.conf.speaker_by_id[pid]
        who = f'<a href="#speaker-{sp.id}"><b>{M(sp.name)}</b></a>'
        if sp.organisation:
            who += f", {M(sp.organisation)}"
        parts.append(who)
    return (M(prefix) if prefix else "") + "; ".join(parts)


def talk(story: Story, s: Session) -> list[Flowable]:
    """One talk's entry: meta line, title, people, address, link; abstract; QR code beside."""
    c = story.conf
    room = c.room_by_id[s.room]
    meta = f"{time_range(s)} \u00b7 {iso(room.name)}"
    if s.track:
        meta += f" \u00b7 {iso(s.track)}"
    head: list[Flowable] = [
        story.anchor(f"talk-{s.id}"),
        Paragraph(M(meta), story.ps("meta_bold", "accent")),
        Paragraph(M(s.title), story.ps("talk_title", after="paragraph")),
    ]
    if s.speakers:
        head.append(Paragraph(people_line(story, s.speakers), story.ps("speaker_line")))
    if s.moderators:
        label = "Moderator: " if len(s.moderators) == 1 else "Moderators: "
        head.append(Paragraph(people_line(story, s.moderators, label), story.ps("speaker_line")))
    if room.address:
        head.append(Paragraph(M(room.address), story.ps("meta", "muted")))
    url = c.url_for(s)
    if url:
        head.append(Paragraph(f'<a href="{_attr(url)}">{M(url)}</a>',
                              story.ps("url", "muted", after="paragraph")))
    body = [Paragraph(M(p), story.ps("abstract", after="paragraph")) for p in s.abstract]
    end = [Spacer(1, story.space("entry")), Rule(story)]
    if not url:
        # Heading and first paragraph stay together; the rest may flow on.
        return [KeepTogether(head + body[:1]), *body[1:], *end]
    qr_size = mm(story.theme.number("booklet", "qr_size"))
    code = flow.QRFlowable(url, qr_size, story.theme.colour("qr"), story.report,
                           f"talk {s.id}", min_side_mm=story.theme.number("booklet", "qr_min"))
    return [Beside(code, [*head, *body, *end], side="right", gap=story.space("image_gap"),
                   below=story.space("paragraph"), keep=len(head) + min(1, len(body)))]
