"""The booklet's back matter, made after the talks are placed (so it prints their pages):
speakers A to Z, venues and rooms, and ruled notes pages that, with the back cover after
them (backcover.py), make a whole number of sheets.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer

from ...core.units import mm
from ...draw import bidi, fonts
from ...layout import flowables as flow
from ...layout.beside import Beside
from ...layout.paragraph import Paragraph
from ...layout.prose import whole_sentences
from ...layout.textblock import Span, TextBlock, bold
from ...schedule.labels import time_range
from ...schedule.model import Speaker
from ...schedule.views import sessions_by_room, speakers_a_to_z, talks_of
from .furniture import LetterRule, Rule, RuledPage, SetHead, new_section

if TYPE_CHECKING:
    from .context import Context



def notes(story: Context, page: int) -> list[Flowable]:
    """Ruled pages after ``page`` (the last one in use) so that, with the back cover that
    follows them, the booklet has a multiple of 4 pages and folds from whole sheets (the
    plan's page budget, when it has one: none when the budget is already used up); made
    when the layout gets there (Later)."""
    target = story.plan.pages
    # To the page budget when there is one (less the back cover), else to whole sheets.
    padding = max(0, target - 1 - page) if target else (-(page + 1)) % 4
    if not padding:
        return []
    out: list[Flowable] = [*new_section(story, 1, []), SetHead(story, "Notes"),
                           story.anchor("notes", "Notes")]
    for i in range(padding):
        out += [RuledPage(story)] + ([PageBreak()] if i < padding - 1 else [])
    return out


def speakers(story: Context) -> list[Flowable]:
    """Speakers A to Z in the theme's columns: a small portrait or initials disc beside
    name and affiliation, then the bio (whole sentences) and the talks with their pages.
    Each entry stays in one column; a letter's heading stays with its first entry. Under
    the plan's ``speaker_lines``, one line a speaker (:func:`_index_line`) in two or three
    columns. None when the plan leaves the index out."""
    if not story.plan.speakers:
        return []
    head: list[Flowable] = [
        SetHead(story, "Speakers A to Z"), story.anchor("speakers", "Speakers A to Z"),
        story.block("Speakers A to Z", "section_title", "accent", after="section")]
    lines = story.plan.speaker_lines
    columns = index_columns(story) if lines else story.theme.sections.booklet.speaker_columns
    out = new_section(story, columns, head)
    letter = ""
    for sp in speakers_a_to_z(story.conf):
        first = sp.sort_key[0][:1].upper()
        first = first if first.isalnum() else "#"  # a name of nothing but symbols
        entry = [_index_line(story, sp)] if lines else _speaker_entry(story, sp)
        if first != letter:  # the letter's heading goes with the start of its first entry
            letter = first
            if isinstance(out[-1], Rule):  # the letter's own rule stands for it
                out.pop()
            entry[0] = flow.HeadWith(LetterRule(story, letter), entry[0])
        # Entries flow on into the next column (no orphan, no widow, the name kept with the
        # start of the bio): kept whole, the column feet were a fifth empty.
        out += entry
    return out


def index_columns(story: Context) -> int:
    """Columns of the short speakers' index: with the talks' titles, the theme's
    ``speaker_columns``; one line a speaker, as many of at least the theme's
    ``index_column`` as the text width holds, two or three."""
    if story.plan.index_titles:
        return story.theme.sections.booklet.speaker_columns
    gap = story.space_mm("column_gap")
    fit = int((story.geometry.text_width + gap) // (story.space_mm("index_column") + gap))
    return max(2, min(3, fit))


def _index_line(story: Context, sp: Speaker) -> Flowable:
    """A speaker in a paragraph (the plan's ``speaker_lines``): the name (bold), then each
    talk's title and page (the plan's ``index_titles``), else in one line the name and the
    pages of their talks; pages link to the talk; lines that wrap hang indented."""
    M = fonts.markup
    talks = [(story.recorded.get(f"talk-{s.id}", 0), s) for s in talks_of(story.conf, sp)]
    if story.plan.index_titles:
        refs = " \u00b7 ".join(f'<a href="#talk-{s.id}">{M(s.title)}\u2002<b>{page}</b></a>'
                               for page, s in talks if page)
        text = f"<b>{M(sp.name)}</b>\u2002{refs}" if refs else f"<b>{M(sp.name)}</b>"
    else:
        pages: dict[int, str] = {}
        for page, s in talks:
            pages.setdefault(page, s.id)
        refs = ", ".join(f'<a href="#talk-{sid}">{page}</a>'
                         for page, sid in sorted(pages.items()) if page)
        text = f"{M(sp.name)}\u2002<b>{refs}</b>" if refs else M(sp.name)
    return IndexLine(story.anchor(f"speaker-{sp.id}"), Paragraph(text, _index_style(story)))


def _index_style(story: Context) -> ParagraphStyle:
    base = story.ps("small")
    return ParagraphStyle(f"{base.name}-index", parent=base, leftIndent=mm(3),
                          firstLineIndent=-mm(3), spaceAfter=base.leading * 0.15)


class IndexLine(Flowable):
    """A line of the one-line speakers' index with its anchor at its top; kept whole (a
    line or two): it moves to the next column rather than split."""

    def __init__(self, anchor: Flowable, text: Flowable):
        super().__init__()
        self.anchor, self.text = anchor, text

    def wrap(self, availWidth, availHeight):
        self.width, self.height = self.text.wrap(availWidth, availHeight)
        return self.width, self.height

    def getSpaceAfter(self):
        return self.text.getSpaceAfter()

    def draw(self):
        self.anchor.drawOn(self.canv, 0, self.height)
        self.text.drawOn(self.canv, 0, 0)


def _speaker_entry(story: Context, sp: Speaker) -> list[Flowable]:
    """Name, affiliation, bio and talks, beside the portrait and on below it."""
    size = mm(story.theme.sections.booklet.photo_size)
    text: list[Flowable] = [story.anchor(f"speaker-{sp.id}"),
                            story.block(sp.name, "speaker_name")]
    if sp.affiliation:
        text.append(story.block(sp.affiliation, "meta", "muted"))
    keep = len(text) + 1
    cap = story.theme.sections.booklet.bio_sentences
    bio = whole_sentences(sp.bio, sp.bio_truncated, cap) if story.plan.bios else ()
    if sp.bio_truncated and bio:
        story.report.warn(f"speaker {sp.id}: the source cut the bio short; the booklet "
                          "prints it to its last whole sentence")
    text += [story.block(p, "bio", after="paragraph") for p in bio]
    font = story.font("meta")
    hang = len(text)  # the talks: each one item, its lines beside the portrait or below it
    for s in talks_of(story.conf, sp):
        role = " (moderator)" if sp.id in s.moderators and sp.id not in s.speakers else ""
        when = f"{s.start:%a %H:%M}"
        link = f"#talk-{s.id}"
        style = story.bs("meta")
        text.append(TextBlock([Span(s.title, bold(font), link), story.ref_span(
            f"{role} \u00b7 {when} \u00b7 ", f"talk-{s.id}", font, style.size, link)],
            style))
    gap = story.space("paragraph")
    if story.plan.photos:
        avatar: Flowable = flow.Avatar(sp, size, story.theme, story.theme.sections.text["initials"],
                                       story.report, story.conf.source)
        beside = story.space("image_gap")
    else:  # a list of names: nothing beside them (Beside still keeps the start together)
        avatar, beside = Spacer(0, 0), 0.0
    # A directory, not an essay: entries closer than talks (a third of the pages).
    # The bio runs on under the portrait (a line's leading clears it).
    return [Beside(avatar, text, side="left", gap=beside, below=0, keep=keep, hang=hang),
            Spacer(1, gap * 0.6), Rule(story, gap * 0.6)]


def venues(story: Context) -> list[Flowable]:
    """Venues and rooms: each room with its address and what happens there, with pages
    (without the sessions when the plan leaves the rooms' lists out)."""
    c = story.conf
    head: list[Flowable] = [
        SetHead(story, "Venues and rooms"), story.anchor("venues", "Venues and rooms"),
        story.block("Venues and rooms", "section_title", "accent", after="section")]
    if not shows_venues(story):
        return []
    columns = story.body_columns
    out = new_section(story, columns, head)
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


def shows_venues(story: Context) -> bool:
    """Whether the booklet has "Venues and rooms": not when the plan leaves the rooms'
    sessions out and no room has an address (a list of bare room names says nothing the
    grid does not)."""
    return story.plan.room_lists or any(r.address for r in story.conf.rooms)


def _room_entry(story: Context, room) -> list[Flowable]:
    """A room's name, address and what happens there; without the rooms' sessions (the
    plan), one line: the name, then the address."""
    if not story.plan.room_lists:
        font = story.font("meta")
        spans = [Span(room.name, bold(font))]
        if room.address:
            spans.append(Span(f" \u00b7 {room.address}", font))
        return [TextBlock(spans, story.bs("meta", after="paragraph"))]
    sessions = sessions_by_room(story.conf).get(room.id, ())
    lines: list[Flowable] = [TextBlock([Span(room.name, bold(story.font("body")))],
                                       story.bs("body"))]
    if room.address:
        lines.append(story.block(room.address, "meta", "muted"))
    font = story.font("meta")
    for s in sessions:
        style = story.bs("meta")
        lines.append(TextBlock([story.ref_span(
            f"{s.start:%a %-d %b} {time_range(s)} \u00b7 {bidi.isolate(s.title)} \u00b7 ",
            f"talk-{s.id}", font, style.size, f"#talk-{s.id}")], style))
    lines.append(Spacer(1, story.space("entry")))
    if len(sessions) > 8:
        return [KeepTogether(lines[:4]), *lines[4:]]
    return [KeepTogether(lines)]
