"""The booklet's talk pages: each day's talks, one entry per talk with its QR code beside
the heading, and a single line for breaks.

Drawn as :class:`TextBlock` (lines broken once, written with canvas text objects) rather
than platypus paragraphs: the talk pages are most of a large booklet. Data goes into
spans as it is, never into markup.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from reportlab.platypus import Flowable, KeepTogether, Spacer

from ...core.units import mm
from ...draw import bidi, qr
from ...layout import flowables as flow
from ...layout.beside import Beside
from ...layout.flowables import Later
from ...layout.prose import whole_sentences
from ...layout.textblock import Span, TextBlock, bold
from ...schedule.labels import day_label, time_range
from ...schedule.model import Session
from ...schedule.views import Day
from .furniture import Hanging, Rule, SetHead, new_section

if TYPE_CHECKING:
    from .context import Context

#: Data inside a line this module composes ("09:00–09:45 · <room>") keeps its own direction.
iso = bidi.isolate


def talks(story: Context, day: Day, columns: int = 1) -> list[Flowable]:
    """A day's talks in time order on a new page set in ``columns``: each made when the
    layout reaches it (Later). The day's title is never left at a page foot: across the
    columns in a head frame of its own, or (one column) kept with the first entry."""
    label = day_label(day.date, year=False)
    head: list[Flowable] = [
        SetHead(story, f"{label} \u00b7 talks"),
        story.anchor(f"talks-{day.date}", f"Talks, {label}", 1),
        story.block(f"{label}: talks", "day_title", "accent", after="section"),
    ]
    out = new_section(story, columns, head if columns > 1 else [])
    for n, session in enumerate(day.sessions):
        def made(page, s=session):
            return entry(story, s)
        if n == 0 and columns == 1:  # made now, to go with the day's title
            out.append(KeepTogether([*head, *made(0)]))
        else:
            out.append(Later(made))
    return out


def entry(story: Context, s: Session) -> list[Flowable]:
    """A session's entry, kept on one page (one column) when it fits: a break's line, or
    a talk's entry (a talk longer than a page flows on, its heading kept with its start);
    under a compact plan, one short entry (:func:`compact`)."""
    if story.plan.compact:
        return [compact(story, s)]
    if s.plenary and not abstract(story, s):
        return [_service_line(story, s)]
    return [KeepTogether(talk(story, s))]


def abstract(story: Context, s: Session) -> tuple[str, ...]:
    """The paragraphs of ``s``'s abstract the plan prints: all, whole sentences up to the
    plan's cap, or none."""
    plan = story.plan
    if not plan.abstracts:
        return ()
    return whole_sentences(s.abstract, cap=plan.sentences) if plan.sentences else s.abstract


def compact(story: Context, s: Session) -> Flowable:
    """One session in the fewest lines: its time, then the title (bold), room and speakers
    run in beside it; breaks and meals the same way. No QR code, URL or abstract."""
    c = story.conf
    font = story.font("meta")
    spans = [Span(s.title, bold(font)), Span(f" \u00b7 {c.room_by_id[s.room].name}", font)]
    people = [*s.speakers, *s.moderators]
    for n, pid in enumerate(people):
        sp = c.speaker_by_id[pid]
        link = f"#speaker-{sp.id}" if story.plan.speakers else None
        spans += [Span(" \u00b7 " if n == 0 else ", ", font), Span(sp.name, font, link)]
    text = TextBlock(spans, story.bs("meta"))
    return Hanging(story.anchor(f"talk-{s.id}"), time_range(s), bold(font), text,
                   story.space("paragraph") / 2)


def _service_line(story: Context, s: Session) -> Flowable:
    """A break or registration: one line, no entry."""
    room = story.conf.room_by_id[s.room].name
    text = f"{time_range(s)}  {iso(s.title)} \u00b7 {iso(room)}"
    return KeepTogether([story.anchor(f"talk-{s.id}"),
                         story.block(text, "meta", "muted", after="entry")])


def people_line(story: Context, ids: Iterable[str], prefix: str = "") -> TextBlock:
    """Speakers: each name bold and linked to their entry, then their organisation."""
    font = story.font("speaker_line")
    spans = [Span(prefix, font)] if prefix else []
    for n, pid in enumerate(ids):
        sp = story.conf.speaker_by_id[pid]
        if n:
            spans.append(Span("; ", font))
        spans.append(Span(sp.name, bold(font), f"#speaker-{sp.id}"))
        if sp.organisation:
            spans.append(Span(f", {sp.organisation}", font))
    return TextBlock(spans, story.bs("speaker_line"))


def talk(story: Context, s: Session) -> list[Flowable]:
    """One talk's entry: meta line, title, people, address, link; abstract; QR code beside."""
    c = story.conf
    room = c.room_by_id[s.room]
    meta = f"{time_range(s)} \u00b7 {iso(room.name)}"
    if s.track:
        meta += f" \u00b7 {iso(s.track)}"
    head: list[Flowable] = [
        story.anchor(f"talk-{s.id}"),
        story.block(meta, "meta_bold", "accent"),
        story.block(s.title, "talk_title", after="paragraph"),
    ]
    if s.speakers:
        head.append(people_line(story, s.speakers))
    if s.moderators:
        label = "Moderator: " if len(s.moderators) == 1 else "Moderators: "
        head.append(people_line(story, s.moderators, label))
    if room.address:
        head.append(story.block(room.address, "meta", "muted"))
    url = c.url_for(s)
    if url:
        head.append(TextBlock((Span(url, story.font("url"), url),),
                              story.bs("url", "muted", after="paragraph")))
    body = [story.block(p, "abstract", after="paragraph") for p in abstract(story, s)]
    end = [Spacer(1, story.space("entry")), Rule(story)]
    level = qr.level_for(url) if url else None
    if url and level is None:
        story.report.warn(f"talk {s.id}: its URL is too long for a QR code; the booklet "
                          "prints the URL without one")
    keep = len(head) + min(1, len(body))  # heading and first paragraph: never parted
    if level is None:
        # Nothing beside the text, and still a Beside: it keeps the heading with the first
        # paragraph and says its true height. A KeepTogether here says 0xffffff (reportlab's
        # "split me"), and entry()'s KeepTogether around it then started every talk without a
        # QR code on a new page (JuliaCon 2023: 412 pages, 222 of them nearly empty).
        return [Beside(Spacer(0, 0), [*head, *body, *end], keep=keep)]
    qr_size = mm(story.theme.sections.booklet.qr_size)
    code = flow.QRFlowable(url, qr_size, story.theme.colour("qr"), story.report,
                           f"talk {s.id}", min_side_mm=story.theme.sections.booklet.qr_min,
                           level=level)
    return [Beside(code, [*head, *body, *end], side="right", gap=story.space("image_gap"),
                   below=story.space("paragraph"), keep=keep)]
