"""What the booklet says, as a platypus story: cover, contents, each day's grid and talks,
then the back matter; and what those parts share (styles, anchors, page references).

Every string from data goes through :func:`fonts.markup` (escaped, fallback runs tagged)
before it meets platypus markup. Sizes and colours come from the theme. The parts are
modules of their own: booklet_grid (day grids), booklet_talks (talk entries), booklet_back
(speakers, venues, notes), booklet_furniture (running heads, folios, rules).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer

from ...core.units import mm
from ...draw import fonts
from ...layout import flowables as flow
from ...layout.flowables import Later
from ...layout.paragraph import Paragraph
from ...schedule.labels import day_label
from ...schedule.views import Day, days
from . import back, backcover, furniture
from .context import Context, PageLayout
from .furniture import Chip, SetHead, SetLayout, new_section
from .grid import grid_section, spread_start
from .talks import talks

M = fonts.markup


class Story(Context):
    """The booklet's content as flowables: cover, contents, each day's grid and talks, then
    the back matter, made by the parts from the shared :class:`Context`."""

    # -- the story ------------------------------------------------------------------------

    def flowables(self) -> list[Flowable]:
        """The booklet in one document: the front with every day, then the back matter."""
        return [*self.front_part(days(self.conf), None), Later(lambda page: self.back_matter())]

    # -- the story in parts (.parts) -----------------------------------------------------

    def front_part(self, own: list[Day], next_day: Day | None) -> list[Flowable]:
        """Cover, contents and the days ``own`` (those before the first part of its own);
        then the overview page of ``next_day`` if the page after the last is a recto."""
        out: list[Flowable] = [*self._cover(), PageBreak(), *self._contents()]
        for day in own:
            out += self._day(day)
        return [*out, *self._spread_tail(next_day)]

    def day_part(self, own: list[Day], next_day: Day | None) -> list[Flowable]:
        """The days ``own``, the first from its grid's first page (a verso: its overview
        page, if any, ends the part before); then as :meth:`front_part`."""
        first, *rest = own
        out = [*self._grid(first, spread=False), *talks(self, first, self.body_columns)]
        for day in rest:
            out += self._day(day)
        return [*out, *self._spread_tail(next_day)]

    def back_part(self, tail: Callable[[int], list[Flowable]]) -> list[Flowable]:
        """The back matter from its first page on (its layout set for that page here, not
        by a page break that would leave a blank page before it), ending with what
        ``tail`` makes when the layout gets there (the notes and the back cover)."""
        out = [*back.speakers(self), *back.venues(self), Later(tail)]
        if len(out) > 1 and isinstance(out[0], SetLayout) and isinstance(out[1], PageBreak):
            self.layout = out[0].layout
            out = out[2:]
        return out

    def _day(self, day: Day) -> list[Flowable]:
        return [*new_section(self, 1, []), *self._grid(day),
                *talks(self, day, self.body_columns)]

    def _spread_tail(self, day: Day | None) -> list[Flowable]:
        """The overview page of ``day`` when the page after the current one is a recto (so
        that the day's grid starts on a verso, as :func:`.grid.grid_section` does)."""
        if day is None:
            return []
        label = day_label(day.date, year=False)

        def make(page: int) -> list[Flowable]:
            if page % 2:  # the next page is a verso: the day's grid starts there
                return []
            return [SetLayout(self, PageLayout()), PageBreak(), spread_start(self, day, label)]
        return [Later(make)]

    def back_matter(self) -> list[Flowable]:
        """Speakers, venues, notes, back cover: made when the layout reaches them
        (:class:`Later`), so their references to talks print the pages the talks took."""
        return [*back.speakers(self), *back.venues(self),
                Later(lambda page: [*back.notes(self, page), *backcover.back_cover(self)])]

    def _cover(self) -> list[Flowable]:
        c = self.conf
        dates = _date_span(c.start_date, c.end_date)
        where = ", ".join(x for x in (c.venue, c.city) if x)
        return [
            self.anchor("cover", c.short_name),
            Spacer(1, self.geometry.text_height * 0.32),
            Paragraph(M(c.name), self.ps("cover_title", "cover_text", after="section")),
            Paragraph(M(dates), self.ps("cover_sub", "cover_text")),
            Paragraph(M(where), self.ps("cover_sub", "cover_muted", after="section")),
            Paragraph(M("Programme"), self.ps("subhead", "cover_muted")),
        ]

    def _contents(self) -> list[Flowable]:
        entries: list[tuple[str, str, int]] = []
        for day in days(self.conf):
            label = day_label(day.date, year=False)
            entries.append((f"{label}: at a glance", f"grid-{day.date}", 0))
            entries.append((f"{label}: talks", f"talks-{day.date}", 1))
        if self.plan.speakers:
            entries.append(("Speakers A to Z", "speakers", 0))
        if back.shows_venues(self):
            entries.append(("Venues and rooms", "venues", 0))
        left, number = self.ps("contents"), self.theme.sections.text["contents"]
        accent = self.theme.colour("accent")
        rows = [[Paragraph(f'<a href="#{key}">{M(title)}</a>', left),
                 flow.PageRef(self.refs, key, number, accent)]
                for title, key, _ in entries]
        table = flow.table(rows, [self.geometry.text_width * 0.82,
                                  self.geometry.text_width * 0.18], [
            ("LINEBELOW", (0, 0), (-1, -1), self.space("rule"), self.theme.colour("faint")),
            ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("VALIGN", (0, 0), (-1, -1), "BOTTOM")])
        return [SetHead(self, "Contents"), self.anchor("contents", "Contents"),
                Paragraph("Contents", self.ps("section_title", "accent", after="section")),
                table, Spacer(1, self.space("section")), *self._how_to_read()]

    def _how_to_read(self) -> list[Flowable]:
        c = self.conf
        body = self.ps("small", "muted", after="paragraph")
        tz_note = ("All times are local." if c.timezone_guessed  # never "(UTC)" for a guess
                   else f"All times are local ({c.timezone}).")
        text = [
            Paragraph("How to read this programme", self.ps("subhead", "accent", after="paragraph",
                                                            keep=True)),
            Paragraph(M(f"Each day opens with the day at a glance: rooms side by side, time "
                        f"running down the page. Page numbers in the grid lead to the talk. "
                        f"{tz_note} Scan a talk's QR code to open its page on the web."),
                      body),
        ]
        # At most about 75 characters a line, on A4 as on A5: set in a measure of its own.
        measure = min(self.geometry.text_width, mm(100))
        box = flow.table([[text]], [measure], [
            ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0)],
            hAlign="LEFT")
        # The legend after it, a table of its own that may run on to the next page: a
        # 70-room event's legend is taller than a page (kept with the text, it could not be
        # set at all).
        return [KeepTogether([box]),
                *self._room_legend([r for r in c.rooms if not r.offsite and r.colour])]

    def _room_legend(self, rooms) -> list[Flowable]:
        """A chip and a name per room, in as many columns as the text width holds at about
        45 mm each once there are more than eight rooms."""
        if not rooms:
            return []
        chip = self.space("chip")
        style = self.ps("small")
        cols = 1 if len(rooms) <= 8 else max(1, min(4, int(self.geometry.text_width // mm(45))))
        per = -(-len(rooms) // cols)
        rows = []
        for i in range(per):
            row: list = []
            for k in range(cols):
                j = k * per + i
                row += ([Chip(self.theme.colour(rooms[j].colour), chip),
                         Paragraph(M(rooms[j].name), style)] if j < len(rooms) else ["", ""])
            rows.append(row)
        name_w = (self.geometry.text_width - cols * chip * 2) / cols if cols > 1 else None
        table = flow.table(rows, [chip * 2, name_w] * cols, [
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1)],
            hAlign="LEFT")
        return [table]

    def _grid(self, day: Day, spread: bool = True) -> list[Flowable]:
        return grid_section(self, day, day_label(day.date, year=False), spread)

    # -- page furniture -------------------------------------------------------------------

    def draw_cover(self, canvas, doc) -> None:
        furniture.draw_cover(self, canvas)

    def draw_furniture(self, canvas, doc) -> None:
        furniture.draw_furniture(self, canvas, doc.page)

    def draw_back(self, canvas, doc) -> None:
        backcover.draw_back(self, canvas, doc.page)

    def back_foot(self) -> float:
        """Height kept free at the foot of the back cover's frame (its QR code)."""
        return backcover.foot_height(self)


def _date_span(start: date, end: date) -> str:
    if start == end:
        return f"{start.day} {start:%B %Y}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}\u2013{end.day} {start:%B %Y}"
    return f"{start.day} {start:%B} \u2013 {end.day} {end:%B %Y}"
