"""The booklet's day at a glance: a page to start a spread on the left when the day needs
one, the grid pages (:mod:`printprog.layout.grid`), and the "Also today" list.

Each grid page is one flowable filling the frame: the plan knows the page's size before
anything is drawn, so the rows are fitted once and the page count is known up front.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.platypus import CondPageBreak, Flowable, PageBreak

from ...core.units import mm
from ...draw import bidi, fonts, rlprivate
from ...layout import grid as gridmod
from ...layout import text as fit
from ...layout.grid import draw as grid_draw
from ...schedule.labels import time_range
from ...schedule.model import Conference, Session
from ...schedule.views import Day, sessions_in_room
from ...theme.loader import Theme
from .furniture import SetHead, ruled_notes

if TYPE_CHECKING:
    from .context import Context, Geometry


def day_pages(conf: Conference, day: Day, style: gridmod.GridStyle, geometry: Geometry,
              title_height: float, ref_width: float
              ) -> tuple[list[gridmod.GridPage], tuple[Session, ...]]:
    """The day's grid pages as planned for the booklet's text block (less the day's title
    line), and the talks listed after them ("Also today", in the day's order): those of the
    rooms without a column and those of a run of many at once in one room. The grid takes
    a facing spread of main rooms, or a page of them when that makes the day's pages (grid
    and list) fewer: a grid cell costs about three times the paper of a list entry, so a
    day of 400 sessions is found faster in a short grid and a long list."""
    width = geometry.text_width

    def ref_for(s: Session) -> float:
        return 0.0 if s.plenary else ref_width  # breaks and meals have no entry to point at

    size = (width, geometry.text_height - title_height)
    colours = gridmod.event_colours(conf, width, style)
    best, tried = None, None
    for spreads in (True, False):
        rooms, also = gridmod.choose_rooms(conf, day, width, style, spreads)
        if rooms == tried:
            break
        tried = rooms
        pages = gridmod.plan(conf, day, rooms, size, style, ref_for, colours=colours)
        grouped = {m.id for p in pages for b in p.boxes if b.text for m in b.cell.members}
        if grouped:
            listed = {s.id for s in also} | grouped
            also = tuple(s for s in day.sessions if s.id in listed)
        count = len(pages) + len(gridmod.plan_list(conf, also, style, width,
                                                   geometry.text_height, None,
                                                   lambda s: ref_width))
        if best is None or count < best[2]:
            best = (pages, also, count)
        if not also:
            break
    return best[0], best[1]


def also_pages(story: Context, day: Day, pages: list[gridmod.GridPage],
               also: tuple[Session, ...]) -> tuple[bool, list[gridmod.ListPage]]:
    """The "Also today" list's pages, and whether it starts under the day's last grid page
    (when at least :data:`UNDER_GRID` of the text block is left there)."""
    st, geometry = story.grid_style, story.geometry
    if not also:
        return False, []
    frame = geometry.text_height
    heading = _AlsoHeading.height_for(story)
    under = frame - title_height(story.theme) - pages[-1].used - SLACK - heading
    below = under >= frame * UNDER_GRID
    ref_w = story.refs.width(st.time.font, st.min_size)
    return below, gridmod.plan_list(story.conf, also, st, geometry.text_width, frame - SLACK,
                                    (under if below else frame - heading) - SLACK,
                                    lambda s: ref_w, story.theme.colour("ink"))


#: The share of the text block the list needs under the last grid page to start there.
UNDER_GRID = 0.25
#: Points kept free at a page's foot, so that rounding never pushes a flowable over.
SLACK = 2.0


def spreads(story: Context, day: Day) -> bool:
    """Whether the day's grid takes more than a page: then it starts on a left-hand page
    (after the day's overview on a right-hand one, :func:`spread_start`)."""
    return len(_pages(story, day)[0]) > 1


def spread_start(story: Context, day: Day, label: str) -> Flowable:
    """The day's overview on a right-hand page; nothing on a left-hand one."""
    return _SpreadStart(story, day, label)


def _pages(story: Context, day: Day):
    """The day's planned grid pages, planned once per booklet (:attr:`Context.grid_pages`
    is shared by the parts of a booklet made in parts)."""
    found = story.grid_pages.get(day.date)
    if found is None:
        st = story.grid_style
        found = story.grid_pages[day.date] = day_pages(
            story.conf, day, st, story.geometry, title_height(story.theme),
            story.refs.width(st.time.font, st.time.size))
    return found


def grid_section(story: Context, day: Day, label: str, spread: bool = True) -> list[Flowable]:
    """The flowables of one day's grid, from a fresh page on; without ``spread``, the
    overview page a grid of several pages would start with (the page before it is in
    another part of the booklet, :mod:`.parts`, which ends with it when it is needed)."""
    pages, also = _pages(story, day)
    below, lists = also_pages(story, day, pages, also)
    out: list[Flowable] = []
    if len(pages) > 1 and spread:  # a reader sees the day's first two pages side by side
        # CondPageBreak: the anchors below go on the grid's first page, not on this one.
        out += [_SpreadStart(story, day, label), CondPageBreak(1)]
    head = f"{label} \u00b7 at a glance"
    key = f"also-{day.date}"
    grouped = {b.cell.session.id for p in pages for b in p.boxes if b.cell.members}

    def link_of(s: Session) -> str:
        return key if s.id in grouped else f"talk-{s.id}"

    for i, page in enumerate(pages):
        if i:
            out.append(PageBreak())
        out += [story.anchor(f"grid-{day.date}" if i == 0 else f"grid-{day.date}-{i}",
                             label if i == 0 else None),
                _GridPage(story, page, label, head, link_of,
                          shrink=below and i == len(pages) - 1)]
    for k, listing in enumerate(lists):
        if k or not below:
            out.append(PageBreak())
        if k == 0:
            out += [SetHead(story, head), story.anchor(key), _AlsoHeading(story, label)]
        out.append(_AlsoPage(story, listing))
    return out


def title_height(theme: Theme) -> float:
    """The day's title line over each grid page."""
    return theme.sections.text["day_title"].leading + mm(theme.sections.booklet.spacing.paragraph)


class _GridPage(Flowable):
    """One grid page: the day's title (and which rooms, and "continued") over the grid.
    With ``shrink``, only as tall as the grid is, so that the list can follow under it."""

    def __init__(self, story: Context, page: gridmod.GridPage, label: str, head: str,
                 link_of, shrink: bool = False):
        super().__init__()
        self.story, self.page, self.label, self.head = story, page, label, head
        self.link_of, self.shrink = link_of, shrink

    def wrap(self, availWidth, availHeight):
        self.width, self.height = availWidth, availHeight
        if self.shrink:
            self.height = min(availHeight, title_height(self.story.theme) + self.page.used
                              + SLACK)
        return self.width, self.height

    def draw(self):
        story, page, c = self.story, self.page, self.canv
        story.head = self.head  # here, not before: a spread's start page has its own head
        t = story.theme.sections.text["day_title"]
        top = self.height
        baseline = top - fonts.ascent(t.font, t.size)
        c.setFillColor(story.theme.colour("accent"))
        fonts.draw(c, 0, baseline, self.label, t.font, t.size)
        note = ", ".join(x for x in (page.rooms_note, "continued" if page.continued else "")
                         if x)
        if note:
            m = story.theme.sections.text["meta"]
            c.setFillColor(story.theme.colour("muted"))
            fonts.draw(c, self.width - fonts.width(note, m.font, m.size), baseline, note,
                       m.font, m.size)
        grid_draw.draw(c, story.conf, page, story.theme, 0, self.height - title_height(story.theme)
                       - page.size[1], story.refs, self.link_of)


class _SpreadStart(Flowable):
    """On a right-hand page, the day's overview, so that the grid's facing pages start on
    the left: its rooms (colour, name, how many sessions) and its events for everyone
    (time, what, where, the address of an off-site venue), then ruled lines for notes to
    the foot of the page. On a left-hand page, nothing. Never a bare page in the middle of
    the book, nor one left mostly white."""

    def __init__(self, story: Context, day: Day, label: str):
        super().__init__()
        self.story, self.day, self.label = story, day, label

    def wrap(self, availWidth, availHeight):
        recto = self.canv.getPageNumber() % 2 == 1
        self.width = availWidth
        self.height = availHeight if recto else 0
        return self.width, self.height

    def draw(self):
        if not self.height:
            return
        story, c, theme = self.story, self.canv, self.story.theme
        story.head = f"{self.label} \u00b7 overview"
        title, sub = theme.sections.text["day_title"], theme.sections.text["subhead"]
        y = self.height - fonts.ascent(title.font, title.size)
        c.setFillColor(theme.colour("accent"))
        fonts.draw(c, 0, y, self.label, title.font, title.size)
        y -= title.leading + story.space("paragraph") * 2
        conf, day = story.conf, self.day
        rooms = []
        for room in day.rooms:
            count = sum(1 for s in sessions_in_room(conf, room.id, day.date) if not s.plenary)
            rooms.append((room, f"{room.name} \u00b7 {count} session{'s' if count != 1 else ''}",
                          room.address or ""))
        events = [(None, f"{time_range(s)}  {bidi.isolate(s.title)} \u00b7 "
                         f"{bidi.isolate(conf.room_by_id[s.room].name)}",
                   conf.room_by_id[s.room].address or "") for s in day.plenary]
        for heading, entries in (("Rooms today", rooms), ("For everyone", events)):
            if not entries or y < sub.leading * 3:
                continue
            c.setFillColor(theme.colour("ink"))
            fonts.draw(c, 0, y, heading, sub.font, sub.size)
            y -= sub.leading + story.space("paragraph")
            y = self._entries(entries, y)
            y -= story.space("section")
        # The rest of the page, often two-thirds of it, is room to write in.
        if y > mm(theme.sections.booklet.spacing.notes_pitch) * 4 + sub.leading:
            ruled_notes(story, c, self.width, y + sub.size - sub.leading)

    def _entries(self, entries: list, y: float) -> float:
        """Each entry wrapped in full beside its room's colour chip; what does not fit the
        page is counted ("and 4 more: see the grid and the list after it")."""
        story, c, theme = self.story, self.canv, self.story.theme
        body, meta = theme.sections.text["body"], theme.sections.text["meta"]
        chip = story.space("chip")
        width = self.width - chip * 2
        for n, (room, text, address) in enumerate(entries):
            lines = [(t, body, "ink") for t in fit.wrap(text, body.font, body.size, width)]
            lines += [(t, meta, "muted") for t in fit.wrap(address, meta.font, meta.size, width)]
            need = sum(style.leading for _, style, _ in lines)
            if y - need < body.leading * 2 and n < len(entries) - 1:
                c.setFillColor(theme.colour("muted"))
                more = f"and {len(entries) - n} more: see the grid and the list after it"
                fonts.draw(c, chip * 2, y, more, meta.font, meta.size)
                return y - meta.leading
            if room is not None:
                c.setFillColor(theme.colour(room.colour) if room.colour
                               else theme.colour("accent"))
                c.rect(0, y - mm(0.3), chip, chip, stroke=0, fill=1)
            for t, style, colour in lines:
                c.setFillColor(theme.colour(colour))
                fonts.draw(c, chip * 2, y, t, style.font, style.size)
                y -= style.leading
        return y


class _AlsoHeading(Flowable):
    def __init__(self, story: Context, label: str):
        super().__init__()
        self.story, self.label = story, label

    @staticmethod
    def height_for(story: Context) -> float:
        return story.theme.sections.text["day_title"].leading + story.space("paragraph")

    def wrap(self, availWidth, availHeight):
        self.width, self.height = availWidth, self.height_for(self.story)
        return self.width, self.height

    def draw(self):
        t = self.story.theme.sections.text["day_title"]
        self.canv.setFillColor(self.story.theme.colour("accent"))
        fonts.draw(self.canv, 0, self.height - fonts.ascent(t.font, t.size),
                   f"{self.label}: also today", t.font, t.size)


class _AlsoPage(Flowable):
    """One page (or the foot of one) of the "Also today" list, as planned: hour headings
    and entries in columns, each entry a link to its talk with the page at its right."""

    def __init__(self, story: Context, listing: gridmod.ListPage):
        super().__init__()
        self.story, self.listing = story, listing

    def wrap(self, availWidth, availHeight):
        self.width, self.height = availWidth, self.listing.size[1]
        return self.width, self.height

    def draw(self):
        story, c, theme = self.story, self.canv, self.story.theme
        st = story.grid_style
        accent = theme.colour("accent")
        for item in self.listing.items:
            top = item.top - (self.listing.size[1] - self.height)
            if item.block is None:
                grid_draw.draw_lines(c, item.lines, item.x, top, theme, accent)
                continue
            item.block.wrap(item.w, item.h)
            item.block.drawOn(c, item.x, top - item.block.height)
            key = f"talk-{item.session.id}"
            if item.ref_line >= 0:
                baseline = top - st.min_size - item.ref_line * item.block.style.leading
                story.refs.draw(c, item.x + item.w, baseline, key, st.time.font,
                                st.min_size, accent)
            rlprivate.link(c, (item.x, top - item.h, item.x + item.w, top), f"#{key}")
