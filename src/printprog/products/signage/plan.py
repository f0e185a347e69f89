"""What goes on each room sign, computed without a PDF: style, fitted text, sheets.

One run of signs shares one set of list type sizes (:func:`run_style`): the largest sizes at
which the fullest room-day needs no more sheets than it would at the minimum sizes, so the
title column sits in the same place and titles have the same size on every sheet of the run.
Sheets are filled top to bottom; a break line is kept with the session before it, so a
"continued" sheet never starts with one. All sizes, lengths and colours come from the
theme's ``signage`` section: lengths times ``paper_scale[paper]``, type times
``type_scale[paper]`` (A3 uses its larger area for more sessions, not larger type alone).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from reportlab.lib.colors import Color

from ...core.report import Report
from ...core.text import slug as _slug
from ...core.units import mm, paper
from ...draw import fonts
from ...draw.qr import qr_quiet
from ...draw.urls import short_url
from ...layout import text as fit
from ...layout.text import Fitted
from ...schedule.labels import day_label, time_range
from ...schedule.model import Conference, Kind, Room, Session
from ...schedule.views import days, people_names, sessions_in_room
from ...theme.loader import TextStyle, Theme

#: Events for everyone that a sign lists as one line when they happen elsewhere.
RHYTHM_KINDS = frozenset({Kind.BREAK, Kind.MEAL, Kind.REGISTRATION})
#: The list's type, set smaller (to its minimum at most) when that saves a sheet.
LIST_TEXTS = ("time", "title", "speakers", "break")
SHRINK_STEP = 0.05
TEXTS = ("event", "room_name", "address", "date", "time", "title", "speakers", "break", "url",
         "continued")
#: Longest file name stem; with a date suffix and ".pdf" a name stays far below the 255
#: bytes file systems allow (a 300-character room name made the write fail).
SLUG_MAX = 60


def slug(name: str, fallback: str = "room") -> str:
    """A safe ASCII file name stem (:func:`printprog.core.text.slug`), at most SLUG_MAX long."""
    return _slug(name, fallback=fallback, max_length=SLUG_MAX)


@dataclass(frozen=True)
class SignStyle:
    """The theme's ``signage`` section, scaled to the paper, in points."""

    page: tuple[float, float]
    margin: float
    band: float
    rule: float
    hairline: float
    qr: float  # printed symbol side, quiet zone not included
    column_gap: float
    header_gap: float
    entry_gap: float
    speakers_gap: float
    title_lines: int
    speaker_lines: int
    room_lines: int
    url_lines: int
    text: dict[str, TextStyle]
    min: dict[str, float]
    colour: dict[str, Color]

    @classmethod
    def from_theme(cls, theme: Theme, paper_name: str | None = None) -> SignStyle:
        name = (paper_name or str(theme.get("signage", "paper"))).lower()
        scale = float(dict(theme.get("signage", "paper_scale")).get(name, 1.0))
        type_scale = float(dict(theme.get("signage", "type_scale")).get(name, 1.0))

        def length(key: str) -> float:
            return mm(theme.number("signage", key)) * scale

        def count(key: str) -> int:
            return int(theme.number("signage", key))

        return cls(
            page=paper(name, landscape=bool(theme.get("signage", "landscape"))),
            margin=length("margin"), band=length("band"), rule=length("rule"),
            hairline=length("hairline"), qr=length("qr_size"),
            column_gap=length("column_gap"), header_gap=length("header_gap"),
            entry_gap=length("entry_gap"), speakers_gap=length("speakers_gap"),
            title_lines=count("title_lines"), speaker_lines=count("speaker_lines"),
            room_lines=count("room_name_lines"), url_lines=count("url_lines"),
            text={k: (s := theme.text(k, "signage")).at(s.size * type_scale) for k in TEXTS},
            min={k: theme.number("signage", "min", k) * type_scale for k in TEXTS},
            colour={k: theme.colour(str(v))
                    for k, v in dict(theme.get("signage", "colours")).items()})


@dataclass(frozen=True)
class Entry:
    session: Session
    short: bool  # an event for everyone held elsewhere, time and title in the break style
    time: str
    title: Fitted
    speakers: Fitted | None
    height: float


@dataclass(frozen=True)
class Header:
    """The top of every sheet of one room's day: the text stack left, the QR block right."""

    event: Fitted
    name: Fitted
    address: Fitted | None
    date: Fitted
    url: str  # the QR's target; '' for none
    link: Fitted | None  # the URL printed under the QR
    height: float  # text stack or QR block, whichever is taller
    #: The width the QR block takes from the list, at whose top right it sits when the
    #: room name needs the whole width (0: the QR is in the header, beside the name).
    inset: float = 0.0


@dataclass(frozen=True)
class Sheet:
    room: Room
    day: date
    header: Header
    style: SignStyle  # the run's style: the list may be set smaller than the theme's sizes
    entries: tuple[Entry, ...]
    number: int  # 1-based within the room's day
    count: int


def sessions_for_sign(conf: Conference, room: Room, when: date) -> list[tuple[Session, bool]]:
    """(session, short) in time order: the room's sessions, and the breaks, meals and
    registration held elsewhere that fall between its first and last session."""
    own = list(sessions_in_room(conf, room.id, when))
    if not own:
        return []
    first, last = min(s.start for s in own), max(s.end for s in own)
    day = next(d for d in days(conf) if d.date == when)
    plenary = {s.id for s in day.plenary}  # by id: comparing whole sessions took seconds
    # Day.sessions is already in (start, room order) order; keep it, never re-sort.
    return [(s, s.room != room.id) for s in day.sessions
            if s.room == room.id or (s.id in plenary and s.kind in RHYTHM_KINDS
                                     and s.start < last and s.end > first)]


def columns(st: SignStyle) -> tuple[float, float, float]:
    """x of the time column, x and width of the text column: the same for a whole run."""
    time_w = max(fonts.width("00:00\u201300:00", st.text[k].font, st.text[k].size)
                 for k in ("time", "break"))
    x_text = st.margin + time_w + st.column_gap
    return st.margin, x_text, st.page[0] - st.margin - x_text


def _fit(text: str, st: SignStyle, key: str, width: float, lines: int, report: Report,
         what: str, whole_words: bool = False) -> Fitted:
    return fit.fit(text, st.text[key], width, max_lines=lines, min_size=st.min[key],
                   report=report, what=what, whole_words=whole_words)


def _entry(conf: Conference, s: Session, short: bool, st: SignStyle, width: float,
           report: Report, where: str) -> Entry:
    when = time_range(s)
    if short:
        # Each piece keeps its own direction (an Arabic title beside a Latin room name).
        line = f"{fonts.isolate(s.title)} \u00b7 {fonts.isolate(conf.room_by_id[s.room].name)}"
        # A break is one line; a long title for everyone ("HOW TO BREAK YOUR FACE: ...")
        # wraps onto as many lines as a talk's title before it shrinks or is cut.
        title = _fit(line, st, "break", width, st.title_lines, report, f"{where}: '{s.title}'")
        return Entry(s, True, when, title, None, title.height)
    title = _fit(s.title, st, "title", width, st.title_lines, report, f"{where}: '{s.title}'")
    # Four names a line at most: the rest would not fit the sign's lines anyway.
    names = people_names(conf, s, st.speaker_lines * 4)
    speakers = (_fit(names, st, "speakers", width, st.speaker_lines, report,
                     f"{where}: speakers of '{s.title}'") if names else None)
    t, h = st.text["time"], title.style
    # The time and the title's first line share a baseline.
    below = title.height - fonts.ascent(h.font, h.size)
    if speakers is not None:
        below += st.speakers_gap + speakers.height
    return Entry(s, False, when, title, speakers,
                 max(fonts.ascent(t.font, t.size), fonts.ascent(h.font, h.size))
                 + max(below, fonts.descent(t.font, t.size)))


def header(conf: Conference, room: Room, when: date, st: SignStyle, report: Report,
           url: str) -> Header:
    """The conference, room name, address, date, and the URL under the QR (broken only after
    '/' or '.'). The room name wraps onto its lines beside the QR, and shrinks there to the
    theme's minimum; a name that needs more takes the whole width (the QR then sits at the
    top right of the list, :attr:`Header.inset`), and only past that is it cut."""
    quiet = qr_quiet(st.qr, url) if url else 0.0
    full = st.page[0] - 2 * st.margin
    width = full - (st.qr + quiet + st.column_gap if url else 0)
    event = _fit(conf.name, st, "event", width, 1, report, "conference name")
    what = f"room name '{room.name}'"
    # Beside the QR at full size, then beside it at the smallest size the theme allows,
    # and only then across the whole width, with the QR moved down beside the list: a wide
    # name over the QR block made a header of two thirds of the sheet, with one talk under.
    name, wide = None, False
    for w, floor in ((width, None), (width, st.min["room_name"]), (full, None)):
        trial = fit.fit(room.name, st.text["room_name"], w, max_lines=st.room_lines,
                        whole_words=True, min_size=floor)
        if not trial.cut and (floor is not None or not trial.shrunk):
            name, wide = trial, w > width
            break
    if name is None:
        name, wide = _fit(room.name, st, "room_name", full, st.room_lines, report, what,
                          whole_words=True), True
    text_w = full if wide else width
    address = (_fit(room.address, st, "address", text_w, 2, report, f"address of {room.name}")
               if room.address else None)
    s = st.text["continued"]
    label_w = fonts.width("continued", s.font, s.size) + st.column_gap / 2
    label = _fit(day_label(when), st, "date", text_w - label_w, 1, report, "date")
    # Under the QR, and as wide as the space the text stack leaves free beside it.
    link = (_fit(short_url(url), st, "url", st.qr + quiet + st.column_gap, st.url_lines,
                 report, f"URL {url}", whole_words=True) if url else None)
    stack = event.height + name.height + label.height + (
        address.height + st.header_gap if address else 0)
    if wide:
        return Header(event, name, address, label, url, link, stack,
                      inset=st.qr + quiet + st.column_gap if url else 0.0)
    qr_h = st.qr + quiet + link.height if link else 0.0
    return Header(event, name, address, label, url, link, max(stack, qr_h))


def footer_height(st: SignStyle) -> float:
    s = st.text["continued"]
    return fonts.ascent(s.font, s.size) + fonts.descent(s.font, s.size) + st.header_gap


def list_height(st: SignStyle, head: Header) -> float:
    """Height left for the entries under the header and its rule."""
    return st.page[1] - 2 * st.margin - head.height - 2 * st.header_gap - st.rule


def list_at(st: SignStyle, factor: float) -> SignStyle:
    """The style with the list's type at ``factor`` of its size, each at least its minimum."""
    text = dict(st.text)
    for key in LIST_TEXTS:
        text[key] = text[key].at(max(st.min[key], text[key].size * factor))
    return replace(st, text=text)


def _entries(conf: Conference, room: Room, when: date, st: SignStyle, report: Report,
             head: Header) -> list[Entry]:
    where = f"sign {room.name} {when.isoformat()}"
    width = columns(st)[2] - head.inset
    return [_entry(conf, s, short, st, width, report, where)
            for s, short in sessions_for_sign(conf, room, when)]


def best_factor(conf: Conference, room: Room, when: date, st: SignStyle, head: Header) -> float:
    """The largest list factor at which the room's day needs no more sheets than at the
    minimum sizes (1.0 when it fits at full size)."""
    def sheets(factor: float) -> int:
        style = list_at(st, factor)
        return len(paginate(_entries(conf, room, when, style, Report(), head),
                            list_height(style, head), style))

    fewest, factor = sheets(0.0), 1.0
    while factor > 0 and sheets(factor) > fewest:
        factor = round(factor - SHRINK_STEP, 2)
    return max(factor, 0.0)


def plan(conf: Conference, room: Room, when: date, st: SignStyle, report: Report,
         head: Header) -> list[Sheet]:
    """The sheets of one room's day in the run's style ``st``; empty when the room holds
    nothing that day."""
    entries = _entries(conf, room, when, st, report, head)
    if not entries:
        return []
    pages = paginate(entries, list_height(st, head), st)
    return [Sheet(room, when, head, st, tuple(p), i, len(pages))
            for i, p in enumerate(pages, 1)]


def paginate(entries: list[Entry], height: float, st: SignStyle) -> list[list[Entry]]:
    """Sheets filled top to bottom; room for the footer once there is more than one."""
    pages = _pack(entries, height, st.entry_gap)
    if len(pages) == 1:
        return pages
    return _pack(entries, height - footer_height(st), st.entry_gap)


def _pack(entries: list[Entry], height: float, gap: float) -> list[list[Entry]]:
    """Greedy filling; a break line goes with the session before it, so no sheet after the
    first starts with one (a block taller than a sheet is split where it must)."""
    blocks: list[list[Entry]] = []
    for e in entries:
        if e.short and blocks:
            blocks[-1].append(e)
        else:
            blocks.append([e])
    pages: list[list[Entry]] = [[]]
    used = 0.0
    for block in blocks:
        need = sum(e.height for e in block) + gap * (len(block) - (0 if pages[-1] else 1))
        if pages[-1] and used + need > height + 1e-6:
            pages.append([])
            used, need = 0.0, need - gap
        for e in block:
            step = e.height + (gap if pages[-1] else 0)
            if pages[-1] and used + step > height + 1e-6 and need > height + 1e-6:
                pages.append([])  # a block taller than a whole sheet
                used, step = 0.0, e.height
            pages[-1].append(e)
            used += step
    return pages
