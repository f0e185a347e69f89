"""The booklet's back matter, made after the talks are placed (so it prints their pages):
speakers A to Z, venues and rooms, and ruled notes pages to a whole number of sheets.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak, Spacer

from ...core.units import mm
from ...draw import fonts
from ...layout import flowables as flow
from ...layout.beside import Beside
from ...layout.textblock import Span, TextBlock, bold
from ...schedule.labels import time_range
from ...schedule.model import Speaker
from ...schedule.views import sessions_by_room, speakers_a_to_z, talks_of
from .furniture import Rule, RuledPage, SetHead

if TYPE_CHECKING:
    from .context import Context



def notes(story: Context, page: int) -> list[Flowable]:
    """Ruled pages after ``page`` (the last one in use) up to a multiple of 4 pages, so
    the booklet folds from whole sheets; made when the layout gets there (Later)."""
    padding = (-page) % 4
    if not padding:
        return []
    out: list[Flowable] = [PageBreak(), SetHead(story, "Notes"), story.anchor("notes", "Notes")]
    for i in range(padding):
        out += [RuledPage(story)] + ([PageBreak()] if i < padding - 1 else [])
    return out


def speakers(story: Context) -> list[Flowable]:
    """Speakers A to Z: portrait or initials beside name, bio and talks with their pages."""
    out: list[Flowable] = [
        SetHead(story, "Speakers A to Z"), story.anchor("speakers", "Speakers A to Z"),
        story.block("Speakers A to Z", "section_title", "accent", after="section")]
    letter = ""
    size = mm(story.theme.number("booklet", "photo_size"))
    for sp in speakers_a_to_z(story.conf):
        first = sp.sort_key[0][:1].upper()
        if first != letter:
            letter = first
            out += [CondPageBreak(size * 2),
                    story.block(letter, "subhead", "accent", keep=True)]
        # An entry is short: keep it on one page rather than strand its talk lines.
        body = _speaker_body(story, sp)
        out.append(KeepTogether([Beside(
            flow.Avatar(sp, size, story.theme, story.theme.text("initials"), story.report,
                        story.conf.source),
            body, side="left", gap=story.space("image_gap"), below=story.space("paragraph"),
            keep=3)]))
    return out


def _speaker_body(story: Context, sp: Speaker) -> list[Flowable]:
    out: list[Flowable] = [story.anchor(f"speaker-{sp.id}"), story.block(sp.name, "subhead")]
    if sp.affiliation:
        out.append(story.block(sp.affiliation, "meta", "muted", after="paragraph"))
    bio = list(sp.bio)
    if bio and sp.bio_truncated:
        bio[-1] = bio[-1].rstrip(" .\u2026") + "\u2026"
    out += [story.block(p, "body", after="paragraph") for p in bio]
    font = story.font("meta")
    for s in talks_of(story.conf, sp):
        role = " (moderator)" if sp.id in s.moderators and sp.id not in s.speakers else ""
        when = f"{s.start:%a %H:%M}"
        link = f"#talk-{s.id}"
        out.append(TextBlock([Span(s.title, bold(font), link), Span(
            f"{role} \u00b7 {when} \u00b7 {story.ref('talk-' + s.id)}", font, link)],
            story.bs("meta")))
    out += [Spacer(1, story.space("entry")), Rule(story)]
    return out


def venues(story: Context) -> list[Flowable]:
    """Venues and rooms: each room with its address and what happens there, with pages."""
    c = story.conf
    out: list[Flowable] = [
        SetHead(story, "Venues and rooms"), story.anchor("venues", "Venues and rooms"),
        story.block("Venues and rooms", "section_title", "accent", after="section")]
    venue_rooms = [r for r in c.rooms if not r.offsite]
    if venue_rooms:
        where = ", ".join(x for x in (c.venue, c.city) if x) or "At the venue"
        out.append(story.block(where, "subhead", after="paragraph", keep=True))
        for r in venue_rooms:
            out += _room_entry(story, r)
    offsite = [r for r in c.rooms if r.offsite]
    if offsite:
        out.append(story.block("Off-site venues", "subhead", after="paragraph", keep=True,
                               before="section"))
        for r in offsite:
            out += _room_entry(story, r)
    return out


def _room_entry(story: Context, room) -> list[Flowable]:
    sessions = sessions_by_room(story.conf).get(room.id, ())
    lines: list[Flowable] = [TextBlock([Span(room.name, bold(story.font("body")))],
                                       story.bs("body"))]
    if room.address:
        lines.append(story.block(room.address, "meta", "muted"))
    font = story.font("meta")
    for s in sessions:
        lines.append(TextBlock([Span(
            f"{s.start:%a %-d %b} {time_range(s)} \u00b7 {fonts.isolate(s.title)} \u00b7 "
            f"{story.ref('talk-' + s.id)}", font, f"#talk-{s.id}")], story.bs("meta")))
    lines.append(Spacer(1, story.space("entry")))
    if len(sessions) > 8:
        return [KeepTogether(lines[:4]), *lines[4:]]
    return [KeepTogether(lines)]
