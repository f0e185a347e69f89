"""What the booklet says, as a platypus story: sections, entries, page furniture.

Every string from data goes through :func:`fonts.markup` (escaped, fallback runs tagged)
before it meets platypus markup. Sizes and colours come from the theme.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable
from datetime import date
from typing import TYPE_CHECKING

from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import getAscentDescent, stringWidth
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    PageBreak,
    Spacer,
)
from reportlab.platypus import Paragraph as _RLParagraph

from .. import fonts, qr
from ..labels import day_label, time_range
from ..layout import flowables as flow
from ..layout import grid as gridmod
from ..layout.beside import Beside
from ..layout.flowables import Anchor
from ..layout.pageref import PREFIX, PageRefs, reserve_digits
from ..model import Conference, Session, Speaker
from ..production import bleed_rect
from ..report import Report
from ..rlprivate import _processed_frags, cleanBlockQuotedText
from ..rlprivate import split as _rl_split
from ..rlprivate import strip as _rl_strip
from ..schedule import Day, days, sessions_by_room, speakers_a_to_z, talks_of
from ..theme import Theme
from ..units import mm
from .booklet_grid import grid_section

if TYPE_CHECKING:
    from .booklet import Geometry

M = fonts.markup
#: Data inside a line this module composes ("09:00–09:45 · <room>") keeps its own direction.
iso = fonts.isolate


# -- speed ------------------------------------------------------------------------------
# Paragraph text is wrapped many times at the same widths (beside a QR code, then full
# width, again when a frame splits it), so it is parsed once per text and broken into lines
# once per width.

#: Per page (BookletDoc clears them at each page's end): parsed fragments per (markup,
#: style name), and broken lines per (text, font, size, widths, style name).
_FRAGS: dict[tuple[str, str], tuple[str, list]] = {}
_LINES: dict[tuple, tuple] = {}


_PLAIN: dict[str, object] = {}
_MULTI: dict[tuple, tuple] = {}
#: Word widths per (font, size).
_WORDS: dict[tuple[str, float], dict[str, float]] = {}


def clear_caches(keep_words: bool = False) -> None:
    _FRAGS.clear()
    _LINES.clear()
    _MULTI.clear()
    if not keep_words:
        _PLAIN.clear()
        _WORDS.clear()


def _plain_frag(style: ParagraphStyle):
    """The fragment reportlab's parser makes of text without markup in ``style``."""
    frag = _PLAIN.get(style.name)
    if frag is None:
        frag = _PLAIN[style.name] = _RLParagraph("x", style).frags[0]
    return frag


class Paragraph(_RLParagraph):
    """reportlab's Paragraph, parsed once per text and style and broken into lines once per
    text and width (the results are shared, not copied: platypus only reads them for text
    in one font, which is almost all of it)."""

    def __init__(self, text, style=None, bulletText=None, frags=None, caseSensitive=1,
                 encoding="utf8"):
        if frags is not None or text is None or style is None or bulletText is not None:
            super().__init__(text, style, bulletText, frags, caseSensitive, encoding)
            return
        key = (text, style.name)
        parsed = _FRAGS.get(key)
        if parsed is None:
            if "<" not in text and "&" not in text and style.textTransform is None:
                clean = cleanBlockQuotedText(text)  # what reportlab parses
                if clean:  # plain text: the parser's one fragment, without parsing
                    frag = _plain_frag(style).clone(text=clean, link=[], us_lines=[])
                    super().__init__(clean, style, None, [frag], caseSensitive, encoding)
                    return
            super().__init__(text, style, None, None, caseSensitive, encoding)
            if self.style is style:  # markup that changes the style (<para>) is not kept
                _FRAGS[key] = (self.text, [f.clone() for f in self.frags])
            return
        clean, fragments = parsed
        super().__init__(clean, style, None, [f.clone() for f in fragments], caseSensitive,
                         encoding)

    def breakLines(self, width):
        key = self._lines_key(width)
        if key is None:
            # Text in several fonts (bold, links): breakLines replaces the fragments with a
            # word list and returns lines of word fragments, none of which platypus changes
            # afterwards; so they are shared too, per markup text (a paragraph made from it)
            # or else per paragraph (the halves of a split one), and width.
            widths = tuple(width) if isinstance(width, (list, tuple)) else width
            multi = (self.text, self.style.name, widths) if self.text else (id(self), widths)
            store = _MULTI if self.text else self.__dict__.setdefault("_memo", {})
            hit = store.get(multi)
            if hit is None:
                result = super().breakLines(width)
                hit = store[multi] = (result, self.frags, self._width_max,
                                      self._splitLongWordCount, self._hyphenations)
            self.height = 0
            result, self.frags, self._width_max, self._splitLongWordCount, \
                self._hyphenations = hit
            return result
        else:
            hit = _LINES.get(key)
            if hit is None:
                result = self._simple_lines(width)
                if result is None:
                    result = super().breakLines(width)
                hit = _LINES[key] = (result, self._width_max, self._splitLongWordCount,
                                     self._hyphenations)
        self.height = 0  # as breakLines leaves it
        result, self._width_max, self._splitLongWordCount, self._hyphenations = hit
        return result

    def _simple_lines(self, width):
        """reportlab's line breaking for text in one font, as its breakLines does it (the
        same greedy fit, in the same arithmetic), with each word measured once per build
        rather than at every wrap; None when the paragraph needs more than that (a word
        longer than the line, soft hyphens, hyphenation, bullets, shaping, bidi)."""
        style, f = self.style, self.frags[0]
        text = getattr(f, "text", None)
        if (text is None or "\xad" in text or style.endDots or style.shaping or style.wordWrap
                or style.hyphenationLang or style.uriWasteReduce or style.embeddedHyphenation
                or hasattr(f, "cbDefn") or hasattr(f, "backColor")):
            return None
        font, size = f.fontName, f.fontSize
        ascent, descent = getAscentDescent(font, size)
        text = _rl_strip(text)
        if not text:
            return None
        max_widths = list(width) if isinstance(width, (list, tuple)) else [width]
        last = len(max_widths) - 1
        known = _WORDS.setdefault((font, size), {})
        space = known.get(" ")
        if space is None:
            space = known[" "] = stringWidth(" ", font, size, self.encoding)
        shrink = style.spaceShrinkage * space
        lines, line, current, lineno, widest = [], [], -space, 0, 0
        max_width = max_widths[0]
        for word in _rl_split(text):
            word_width = known.get(word)
            if word_width is None:
                word_width = known[word] = stringWidth(word, font, size, self.encoding)
            new = current + space + word_width
            limit = max_width + shrink * len(line)
            if new > limit and style.splitLongWords and word_width > max_widths[
                    min(lineno, last)]:
                return None  # reportlab splits the word: leave it to reportlab
            if new <= limit or not line:
                line.append(word)
                current = new
            else:
                widest = max(widest, current)
                lines.append((max_width - current, line))
                line, current, lineno = [word], word_width, lineno + 1
                max_width = max_widths[min(last, lineno)]
        if line:
            widest = max(widest, current)
            lines.append((max_width - current, line))
        self._width_max, self._splitLongWordCount, self._hyphenations = widest, 0, 0
        return f.clone(kind=0, lines=lines, ascent=ascent, descent=descent, fontSize=size)

    def _lines_key(self, width) -> tuple | None:
        """The key of a paragraph in one font (reportlab's simple case), else None."""
        frags = self.frags
        if len(frags) != 1 or self.bulletText or _processed_frags(frags):
            return None
        f = frags[0]
        text = getattr(f, "text", None)
        if text is None:  # the second half of a split paragraph: its words
            words = getattr(f, "words", None)
            if words is None or any(type(w) is not str for w in words):
                return None  # split or hyphenated words are str subclasses that matter
            text = tuple(words)
        widths = tuple(width) if isinstance(width, (list, tuple)) else width
        return (text, f.fontName, f.fontSize, widths, self.style.name)

    def deepcopy(self):
        """What KeepTogether copies before splitting a paragraph: for
        text in one font a shallow copy will do (split changes nothing it shares); other text
        is made anew from its parsed fragments (split would change them). Either instead of
        deep-copying the style and every fragment."""
        if len(self.frags) == 1 and not _processed_frags(self.frags):
            return copy.copy(self)
        if self.text is not None and (self.text, self.style.name) in _FRAGS:
            return Paragraph(self.text, self.style)  # the same, anew from the parse cache
        return copy.deepcopy(self)



def _attr(value: str) -> str:
    """Data text as a markup attribute value: escaped, quotes included, and without the
    <font> runs of :func:`fonts.markup`, which would break the tag (a URL with CJK in it)."""
    return fonts.escape(value).replace('"', "&quot;")


class Later(Flowable):
    """Stands for flowables made when the layout reaches it; BookletDoc puts what
    ``make(page)`` returns in its place (``page``: the page in progress). The back matter
    is made so, to print the pages the talks took; the notes, to count the pages before
    them; and each talk, so that only what is being laid out holds parsed paragraphs (a
    5,000-talk story made up front held hundreds of MB)."""

    _ZEROSIZE = 1

    def __init__(self, make: Callable[[int], list[Flowable]]):
        super().__init__()
        self.make = make

    def wrap(self, availWidth, availHeight):
        return 0, 0

    def draw(self):
        pass


class _SetHead(Flowable):
    """Zero-size: from here on, pages carry this running head."""

    _ZEROSIZE = 1

    def __init__(self, story: Story, text: str):
        super().__init__()
        self.story, self.text = story, text

    def wrap(self, availWidth, availHeight):
        return 0, 0

    def draw(self):
        self.story.head = self.text


class _RuledPage(Flowable):
    """Fills the rest of the frame with a 'Notes' label and ruled lines. With
    ``only_on_recto`` it takes space only on a right-hand page, so what follows starts on
    a left-hand page (a grid split across a facing spread)."""

    def __init__(self, story: Story, only_on_recto: bool = False):
        super().__init__()
        self.story, self.only_on_recto = story, only_on_recto

    def wrap(self, availWidth, availHeight):
        on_recto = self.canv.getPageNumber() % 2 == 1
        self.width = availWidth
        self.height = availHeight if (on_recto or not self.only_on_recto) else 0
        return self.width, self.height

    def draw(self):
        if not self.height:
            return
        st, c = self.story, self.canv
        label = st.theme.text("subhead")
        c.setFillColor(st.theme.colour("muted"))
        fonts.draw(c, 0, self.height - label.size, "Notes", label.font, label.size)
        c.setStrokeColor(st.theme.colour("faint"))
        c.setLineWidth(st.space("rule"))
        y = self.height - label.leading - mm(st.theme.number("booklet", "spacing", "notes_pitch"))
        while y > 0:
            c.line(0, y, self.width, y)
            y -= mm(st.theme.number("booklet", "spacing", "notes_pitch"))


class Story:
    def __init__(self, conf: Conference, theme: Theme, geometry: Geometry, report: Report):
        self.conf, self.theme, self.geometry, self.report = conf, theme, geometry, report
        #: Anchors write the page they land on here during the build.
        self.recorded: dict[str, int] = {}
        #: References printed before their page is known (contents, day grids).
        self.refs = PageRefs(reserve_digits(len(conf.sessions)), self.recorded)
        self.head = ""
        self._styles: dict[str, ParagraphStyle] = {}
        self.grid_style = gridmod.GridStyle.from_theme(theme, "booklet.grid")

    # -- styles ---------------------------------------------------------------------------

    def space(self, key: str) -> float:
        value = self.theme.number("booklet", "spacing", key)
        return value if key == "rule" else mm(value)

    def ps(self, name: str, colour: str = "ink", align: int = TA_LEFT, after: str | None = None,
           before: str | None = None, keep: bool = False) -> ParagraphStyle:
        key = f"{name}-{colour}-{align}-{after}-{before}-{keep}"
        style = self._styles.get(key)  # made once per pass: platypus only reads styles
        if style is None:
            t = self.theme.text(name)
            style = self._styles[key] = ParagraphStyle(
                key, fontName=t.font, fontSize=t.size, leading=t.leading,
                textColor=self.theme.colour(colour), alignment=align,
                spaceAfter=self.space(after) if after else 0,
                spaceBefore=self.space(before) if before else 0, keepWithNext=int(keep),
                linkUnderline=0)
        return style

    def ref(self, key: str) -> str:
        """'p. N' for an anchor already placed: the back matter, made after the talks (see
        :class:`Later`). What comes before them uses :attr:`refs`."""
        page = self.recorded.get(key)
        if page is None:  # pragma: no cover - every talk has its anchor
            self.report.warn(f"no page for '{key}'")
            return ""
        return f"{PREFIX}{page}"

    def anchor(self, key: str, outline: str | None = None, level: int = 0) -> Anchor:
        return Anchor(key, self.recorded, outline, level)

    # -- the story ------------------------------------------------------------------------

    def flowables(self) -> list[Flowable]:
        out: list[Flowable] = [*self._cover(), PageBreak(), *self._contents()]
        for day in days(self.conf):
            out += [PageBreak(), *self._grid(day), PageBreak(), *self._talks(day)]
        return [*out, PageBreak(), Later(lambda page: self.back_matter())]

    def back_matter(self) -> list[Flowable]:
        """Speakers, venues, notes: made when the layout reaches them (:class:`Later`), so
        their references to talks print the pages the talks took."""
        return [*self._speakers(), PageBreak(), *self._venues(), Later(self.notes)]

    def notes(self, page: int) -> list[Flowable]:
        """Ruled pages after ``page`` (the last one in use) up to a multiple of 4 pages, so
        the booklet folds from whole sheets; made when the layout gets there (Later)."""
        padding = (-page) % 4
        if not padding:
            return []
        out: list[Flowable] = [PageBreak(), _SetHead(self, "Notes"), self.anchor("notes", "Notes")]
        for i in range(padding):
            out += [_RuledPage(self)] + ([PageBreak()] if i < padding - 1 else [])
        return out

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
        entries += [("Speakers A to Z", "speakers", 0), ("Venues and rooms", "venues", 0)]
        left, number = self.ps("contents"), self.theme.text("contents")
        accent = self.theme.colour("accent")
        rows = [[Paragraph(f'<a href="#{key}">{M(title)}</a>', left),
                 flow.PageRef(self.refs, key, number, accent)]
                for title, key, _ in entries]
        table = flow.table(rows, [self.geometry.text_width * 0.82,
                                  self.geometry.text_width * 0.18], [
            ("LINEBELOW", (0, 0), (-1, -1), self.space("rule"), self.theme.colour("faint")),
            ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("VALIGN", (0, 0), (-1, -1), "BOTTOM")])
        return [_SetHead(self, "Contents"), self.anchor("contents", "Contents"),
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
        legend = self._room_legend([r for r in c.rooms if not r.offsite and r.colour])
        return [KeepTogether(text + legend)]

    def _room_legend(self, rooms) -> list[Flowable]:
        if not rooms:
            return []
        chip = self.space("chip")
        style = self.ps("small")
        rows = [[_Chip(self.theme.colour(r.colour), chip), Paragraph(M(r.name), style)]
                for r in rooms]
        table = flow.table(rows, [chip * 2, None], [
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1)],
            hAlign="LEFT")
        return [table]

    def _grid(self, day: Day) -> list[Flowable]:
        return grid_section(self, day, day_label(day.date, year=False))

    def set_head(self, text: str) -> Flowable:
        """From here on, pages carry this running head."""
        return _SetHead(self, text)

    def _talks(self, day: Day) -> list[Flowable]:
        label = day_label(day.date, year=False)
        out: list[Flowable] = [
            _SetHead(self, f"{label} \u00b7 talks"),
            self.anchor(f"talks-{day.date}", f"Talks, {label}", 1),
            Paragraph(M(f"{label}: talks"), self.ps("day_title", "accent", after="section",
                                                   keep=True)),
        ]
        for n, session in enumerate(day.sessions):
            if session.plenary and not session.abstract:
                out.append(self._service_line(session))
            elif n == 0:  # made now: the day's title is kept with it
                out += self._talk(session)
            else:
                out.append(Later(lambda page, s=session: self._talk(s)))
        return out

    def _service_line(self, s: Session) -> Flowable:
        room = self.conf.room_by_id[s.room].name
        text = f"{time_range(s)}  {iso(s.title)} \u00b7 {iso(room)}"
        return KeepTogether([self.anchor(f"talk-{s.id}"),
                             Paragraph(M(text), self.ps("meta", "muted", after="entry"))])

    def _people_line(self, ids: Iterable[str], prefix: str = "") -> str:
        parts = []
        for pid in ids:
            sp = self.conf.speaker_by_id[pid]
            who = f'<a href="#speaker-{sp.id}"><b>{M(sp.name)}</b></a>'
            if sp.organisation:
                who += f", {M(sp.organisation)}"
            parts.append(who)
        return (M(prefix) if prefix else "") + "; ".join(parts)

    def _talk(self, s: Session) -> list[Flowable]:
        c = self.conf
        room = c.room_by_id[s.room]
        meta = f"{time_range(s)} \u00b7 {iso(room.name)}"
        if s.track:
            meta += f" \u00b7 {iso(s.track)}"
        head: list[Flowable] = [
            self.anchor(f"talk-{s.id}"),
            Paragraph(M(meta), self.ps("meta_bold", "accent")),
            Paragraph(M(s.title), self.ps("talk_title", after="paragraph")),
        ]
        if s.speakers:
            head.append(Paragraph(self._people_line(s.speakers), self.ps("speaker_line")))
        if s.moderators:
            label = "Moderator: " if len(s.moderators) == 1 else "Moderators: "
            head.append(Paragraph(self._people_line(s.moderators, label), self.ps("speaker_line")))
        if room.address:
            head.append(Paragraph(M(room.address), self.ps("meta", "muted")))
        url = c.url_for(s)
        if url:
            head.append(Paragraph(f'<a href="{_attr(url)}">{M(url)}</a>',
                                  self.ps("url", "muted", after="paragraph")))
        body = [Paragraph(M(p), self.ps("abstract", after="paragraph")) for p in s.abstract]
        end = [Spacer(1, self.space("entry")), _Rule(self)]
        level = qr.level_for(url) if url else None
        if url and level is None:
            self.report.warn(f"talk {s.id}: its URL is too long for a QR code; the booklet "
                             "prints the URL without one")
        if level is None:
            # Heading and first paragraph stay together; the rest may flow on.
            return [KeepTogether(head + body[:1]), *body[1:], *end]
        qr_size = mm(self.theme.number("booklet", "qr_size"))
        code = flow.QRFlowable(url, qr_size, self.theme.colour("qr"), self.report,
                               f"talk {s.id}", min_side_mm=self.theme.number("booklet", "qr_min"),
                               level=level)
        return [Beside(code, [*head, *body, *end], side="right", gap=self.space("image_gap"),
                       below=self.space("paragraph"), keep=len(head) + min(1, len(body)))]

    def _speakers(self) -> list[Flowable]:
        out: list[Flowable] = [
            _SetHead(self, "Speakers A to Z"), self.anchor("speakers", "Speakers A to Z"),
            Paragraph("Speakers A to Z", self.ps("section_title", "accent", after="section"))]
        letter = ""
        size = mm(self.theme.number("booklet", "photo_size"))
        for sp in speakers_a_to_z(self.conf):
            first = sp.sort_key[0][:1].upper()
            if first != letter:
                letter = first
                out += [CondPageBreak(size * 2),
                        Paragraph(M(letter), self.ps("subhead", "accent", keep=True))]
            # An entry is short: keep it on one page rather than strand its talk lines.
            body = self._speaker_body(sp)
            out.append(KeepTogether([Beside(
                flow.Avatar(sp, size, self.theme, self.theme.text("initials"), self.report,
                            self.conf.source),
                body, side="left", gap=self.space("image_gap"), below=self.space("paragraph"),
                keep=3)]))
        return out

    def _speaker_body(self, sp: Speaker) -> list[Flowable]:
        out: list[Flowable] = [self.anchor(f"speaker-{sp.id}"),
                               Paragraph(M(sp.name), self.ps("subhead"))]
        if sp.affiliation:
            out.append(Paragraph(M(sp.affiliation), self.ps("meta", "muted", after="paragraph")))
        bio = list(sp.bio)
        if bio and sp.bio_truncated:
            bio[-1] = bio[-1].rstrip(" .\u2026") + "\u2026"
        out += [Paragraph(M(p), self.ps("body", after="paragraph")) for p in bio]
        for s in talks_of(self.conf, sp):
            role = " (moderator)" if sp.id in s.moderators and sp.id not in s.speakers else ""
            when = f"{s.start:%a %H:%M}"
            out.append(Paragraph(
                f'<a href="#talk-{s.id}"><b>{M(s.title)}</b>{M(role)} \u00b7 {when} '
                f'\u00b7 {self.ref("talk-" + s.id)}</a>', self.ps("meta")))
        out += [Spacer(1, self.space("entry")), _Rule(self)]
        return out

    def _venues(self) -> list[Flowable]:
        c = self.conf
        out: list[Flowable] = [
            _SetHead(self, "Venues and rooms"), self.anchor("venues", "Venues and rooms"),
            Paragraph("Venues and rooms", self.ps("section_title", "accent", after="section"))]
        venue_rooms = [r for r in c.rooms if not r.offsite]
        if venue_rooms:
            where = ", ".join(x for x in (c.venue, c.city) if x) or "At the venue"
            out.append(Paragraph(M(where), self.ps("subhead", keep=True, after="paragraph")))
            for r in venue_rooms:
                out += self._room_entry(r)
        offsite = [r for r in c.rooms if r.offsite]
        if offsite:
            out.append(Paragraph("Off-site venues", self.ps("subhead", keep=True,
                                                            before="section", after="paragraph")))
            for r in offsite:
                out += self._room_entry(r)
        return out

    def _room_entry(self, room) -> list[Flowable]:
        sessions = sessions_by_room(self.conf).get(room.id, ())
        lines = [Paragraph(f"<b>{M(room.name)}</b>", self.ps("body"))]
        if room.address:
            lines.append(Paragraph(M(room.address), self.ps("meta", "muted")))
        for s in sessions:
            lines.append(Paragraph(
                f'<a href="#talk-{s.id}">{s.start:%a %-d %b} {time_range(s)} \u00b7 '
                f'{M(s.title)} \u00b7 {self.ref("talk-" + s.id)}</a>', self.ps("meta")))
        lines.append(Spacer(1, self.space("entry")))
        if len(sessions) > 8:
            return [KeepTogether(lines[:4]), *lines[4:]]
        return [KeepTogether(lines)]

    # -- page furniture -------------------------------------------------------------------

    def draw_cover(self, canvas, doc) -> None:
        # Oversized to the largest bleed: print production reveals as much as was asked for.
        canvas.saveState()
        canvas.setFillColor(self.theme.colour("cover"))
        canvas.rect(*bleed_rect(*self.geometry.page), stroke=0, fill=1)
        canvas.restoreState()

    def draw_furniture(self, canvas, doc) -> None:
        g, page = self.geometry, doc.page
        recto = page % 2 == 1
        x0, x1 = g.frame_x(page), g.frame_x(page) + g.text_width
        head, folio = self.theme.text("running_head"), self.theme.text("folio")
        y_head = g.page[1] - g.top + self.space("head_rule")
        canvas.saveState()
        canvas.setStrokeColor(self.theme.colour("faint"))
        canvas.setLineWidth(self.space("rule"))
        canvas.line(x0, y_head - mm(1), x1, y_head - mm(1))
        canvas.setFillColor(self.theme.colour("muted"))
        left, right = (self.conf.short_name, self.head) if recto else (self.head,
                                                                       self.conf.short_name)
        fonts.draw(canvas, x0, y_head, left, head.font, head.size)
        fonts.draw(canvas, x1 - fonts.width(right, head.font, head.size), y_head, right,
                   head.font, head.size)
        number = str(page)
        y_folio = g.bottom - self.space("folio_drop")
        canvas.setFillColor(self.theme.colour("accent"))
        x = x1 - fonts.width(number, folio.font, folio.size) if recto else x0
        fonts.draw(canvas, x, y_folio, number, folio.font, folio.size)
        canvas.restoreState()


class _Rule(Flowable):
    """A hairline between entries."""

    def __init__(self, story: Story):
        super().__init__()
        self.story = story

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        return availWidth, self.story.space("entry")

    def draw(self):
        self.canv.setStrokeColor(self.story.theme.colour("faint"))
        self.canv.setLineWidth(self.story.space("rule"))
        self.canv.line(0, self.story.space("entry"), self.width, self.story.space("entry"))


class _Chip(Flowable):
    def __init__(self, colour, size: float):
        super().__init__()
        self.colour, self.size = colour, size

    def wrap(self, availWidth, availHeight):
        return self.size, self.size

    def draw(self):
        self.canv.setFillColor(self.colour)
        self.canv.rect(0, 0, self.size, self.size, stroke=0, fill=1)


def _date_span(start: date, end: date) -> str:
    if start == end:
        return f"{start.day} {start:%B %Y}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}\u2013{end.day} {start:%B %Y}"
    return f"{start.day} {start:%B} \u2013 {end.day} {end:%B %Y}"

