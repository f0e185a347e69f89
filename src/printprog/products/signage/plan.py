"""What goes on a room sign, computed without a PDF: style, header, and the fitted entries.

A sign is one sheet for a room's day (brief: "Room signage (revised)"). The list's type runs
from the theme's top sizes (``signage.time``, ``title``, ``speakers``, ``break``) down to its
floors (``signage.min``): :func:`list_at` sets it at a factor between them (1: top, 0:
floors); :mod:`.sheets` chooses the factor and the columns. Entries are laid out for one
column (the time in a column of its own beside the title) or for two (the time on a line
above the title). Lengths come from the theme's ``signage`` section times
``paper_scale[paper]``, type sizes times ``type_scale[paper]``.

A sign lists the room's own sessions, and the breaks, meals and registration of its own
venue (the main venue's rooms, or the same off-site address) that fall between its first and
last session; never anything held in another room or at another venue. Keynotes and
plenaries are main events (accent colour, a bar beside them); breaks are one grey line.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from reportlab.lib.colors import Color

from ...core.records import Record, record
from ...core.report import Report
from ...core.text import slug as _slug
from ...core.units import mm, paper
from ...draw import bidi, fonts
from ...draw.qr import qr_quiet
from ...draw.urls import short_url
from ...layout import text as fit
from ...layout.text import Fitted
from ...schedule.labels import day_label, time_range
from ...schedule.model import Conference, Kind, Room, Session
from ...schedule.views import day_of, people_names, sessions_in_room
from ...theme.loader import TextStyle, Theme

__all__ = ["Entry", "Header", "SignStyle", "day_label", "entries", "header", "list_at",
           "qr_quiet", "sessions_for_sign", "short_url", "slug"]

#: Events for everyone that a sign lists as one grey line (its own or its venue's).
RHYTHM_KINDS = frozenset({Kind.BREAK, Kind.MEAL, Kind.REGISTRATION})
#: The list's texts: set between the theme's top size and its floor (``signage.min``).
LIST_TEXTS = ("time", "title", "speakers", "break")
TEXTS = ("event", "room_name", "address", "date", "time", "title", "speakers", "break", "url",
         "continued")
#: Longest file name stem; with a date suffix and ".pdf" a name stays far below the 255
#: bytes file systems allow (a 300-character room name made the write fail).
SLUG_MAX = 60


def slug(name: str, fallback: str = "room") -> str:
    """A safe ASCII file name stem (:func:`printprog.core.text.slug`), at most SLUG_MAX long."""
    return _slug(name, fallback=fallback, max_length=SLUG_MAX)


@record(frozen=True)
class SignStyle(Record):
    """The theme's ``signage`` section, scaled to the paper, in points. ``text`` holds the
    sizes the sheet is set in (the list's at :attr:`factor` between ``top`` and ``min``)."""

    page: tuple[float, float]
    margin: float
    band: float
    rule: float
    hairline: float
    qr: float  # printed symbol side, quiet zone not included
    qr_min_mm: float  # what preflight is told the brief asks of it
    column_gap: float
    header_gap: float
    entry_gap: float
    speakers_gap: float
    title_lines: int
    speaker_lines: int
    room_lines: int
    url_lines: int
    columns: int  # list columns tried before a "continued" sheet
    text: dict[str, TextStyle]
    top: dict[str, float]  # the largest size of each text
    min: dict[str, float]  # the floor of each text
    colour: dict[str, Color]
    factor: float = 1.0  # where the list's sizes sit between the floors (0) and the top (1)
    cols: int = 1  # the list's columns on this sheet

    @classmethod
    def from_theme(cls, theme: Theme, paper_name: str | None = None,
                   landscape: bool | None = None) -> SignStyle:
        sec = theme.sections.signage
        name = (paper_name or sec.paper).lower()
        scale = float(dict(sec.paper_scale).get(name, 1.0))
        type_scale = float(dict(sec.type_scale).get(name, 1.0))
        turned = sec.landscape if landscape is None else landscape
        text = {k: (s := sec.text[k]).at(s.size * type_scale) for k in TEXTS}
        return cls(
            page=paper(name, landscape=bool(turned)),
            margin=mm(sec.margin) * scale, band=mm(sec.band) * scale,
            rule=mm(sec.rule) * scale, hairline=mm(sec.hairline) * scale,
            qr=mm(sec.qr_size) * scale, qr_min_mm=sec.qr_min,
            column_gap=mm(sec.column_gap) * scale, header_gap=mm(sec.header_gap) * scale,
            entry_gap=mm(sec.entry_gap) * scale, speakers_gap=mm(sec.speakers_gap) * scale,
            title_lines=sec.title_lines, speaker_lines=sec.speaker_lines,
            room_lines=sec.room_name_lines, url_lines=sec.url_lines, columns=sec.columns,
            text=text, top={k: s.size for k, s in text.items()},
            min={k: float(dict(sec.min)[k]) * type_scale for k in TEXTS},
            colour={k: theme.colour(str(v)) for k, v in dict(sec.colours).items()})


def list_at(st: SignStyle, factor: float, cols: int = 1) -> SignStyle:
    """The style with the list's type at ``factor`` between its floor (0) and its top (1),
    set in ``cols`` columns."""
    text = dict(st.text)
    for key in LIST_TEXTS:
        lo, hi = st.min[key], st.top[key]
        text[key] = text[key].at(round(lo + (hi - lo) * factor, 2))
    return replace(st, text=text, factor=factor, cols=cols)


@dataclass(frozen=True)
class Entry:
    session: Session
    short: bool  # held elsewhere at the venue (a break, meal, registration)
    brk: bool  # drawn as a break line: grey, time and title on one line
    main: bool  # a keynote or plenary: accent colour and bar
    time: str
    title: Fitted
    speakers: Fitted | None
    height: float
    #: Down from the entry's top: the time's baseline, and the tops (first line's ascent)
    #: of the title and the speakers. Lines stack baseline to baseline, by their leading:
    #: a font's ascent and descent are a third more than its size, and each block's own
    #: would leave a blank stripe between time, title and speakers.
    time_y: float = 0.0
    title_y: float = 0.0
    speakers_y: float = 0.0


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


def is_main(conf: Conference, s: Session, plenary: set[str]) -> bool:
    """A keynote or a plenary: what everyone comes to, styled as the main event."""
    if s.kind in RHYTHM_KINDS:
        return False
    title = s.title.lower()
    return (s.kind is Kind.KEYNOTE or title.startswith(("keynote", "plenary"))
            or s.id in plenary)


def sessions_for_sign(conf: Conference, room: Room, when: date) -> list[tuple[Session, bool]]:
    """(session, held elsewhere) in time order: the room's sessions, and the breaks, meals
    and registration held at the same venue (same off-site address, or both at the main
    venue) that fall between its first and last session, unless the room holds its own
    then: JuliaCon 2023 has a "Morning Break" in each of eight rooms, and each room's
    sign listed all eight (two sheets where one would do); its reader takes the one here."""
    own = sessions_in_room(conf, room.id, when)
    if not own:
        return []
    first, last = min(s.start for s in own), max(s.end for s in own)
    own_rhythm = [s for s in own if s.kind in RHYTHM_KINDS]
    day = day_of(conf, when)
    plenary = {s.id for s in day.plenary}  # by id: comparing whole sessions took seconds
    rooms = conf.room_by_id

    def elsewhere(s: Session) -> bool:
        return (s.id in plenary and s.kind in RHYTHM_KINDS
                and rooms[s.room].address == room.address and s.start < last and s.end > first
                and not any(o.start < s.end and s.start < o.end for o in own_rhythm))

    # Day.sessions is already in (start, room order) order; keep it, never re-sort.
    return [(s, s.room != room.id) for s in day.sessions
            if s.room == room.id or elsewhere(s)]


def list_width(st: SignStyle, head: Header) -> float:
    """Width of the whole list (all its columns)."""
    return st.page[0] - 2 * st.margin - head.inset


def column_width(st: SignStyle, head: Header) -> float:
    """Width of one of the list's ``st.cols`` columns."""
    return (list_width(st, head) - st.column_gap * (st.cols - 1)) / st.cols


def columns(st: SignStyle, col_w: float) -> tuple[float, float, float]:
    """For one column of the list ``col_w`` wide, from its left edge: x of the time, x and
    width of the text. In one column the time range has a column of its own; in two the
    start time does, the end under it, and the titles keep most of the narrower width."""
    t = st.text["time"]
    if st.cols > 1:
        time_w = fonts.width("00:00", t.font, t.size)
        gap = st.column_gap / 2
    else:
        time_w = max(fonts.width("00:00\u201300:00", st.text[k].font, st.text[k].size)
                     for k in ("time", "break"))
        gap = st.column_gap
    return 0.0, time_w + gap, col_w - time_w - gap


def end_label(s: Session) -> str:
    """The end time under the start in a column's narrow time column: "–11:00"; none for
    a session of no length (printed with its start only)."""
    return "\u2013" + time_range(s).split("\u2013")[-1] if s.end != s.start else ""


def _fit(text: str, st: SignStyle, key: str, width: float, lines: int, report: Report,
         what: str, whole_words: bool = False) -> Fitted:
    return fit.fit(text, st.text[key], width, max_lines=lines, min_size=st.min[key],
                   report=report, what=what, whole_words=whole_words)


def _entry(conf: Conference, s: Session, short: bool, main: bool, st: SignStyle,
           head: Header, report: Report, where: str) -> Entry:
    when = time_range(s)
    _, _, width = columns(st, column_width(st, head))
    what = f"{where}: '{s.title}'"
    if s.kind in RHYTHM_KINDS:
        # One grey line: "Coffee break · Atrium" (the room only when it is another);
        # each piece keeps its own direction (an Arabic title beside a Latin room name).
        line = bidi.isolate(s.title)
        if short:
            line += f" \u00b7 {bidi.isolate(conf.room_by_id[s.room].name)}"
        if st.cols > 1:
            line = f"{when}  {line}"
        title = fit.fit(line, st.text["break"], width, max_lines=1, min_size=st.min["break"])
        if title.cut:  # a long title for everyone wraps rather than lose its words
            title = _fit(line, st, "break", width, st.title_lines, report, what)
        return Entry(s, short, True, False, when, title, None, title.height)
    # A column is narrower: a title may take two lines more there before it shrinks.
    lines = st.title_lines + (2 if st.cols > 1 else 0)
    title = _fit(s.title, st, "title", width, lines, report, what)
    # Four names a line at most: the rest would not fit the sign's lines anyway.
    names = people_names(conf, s, st.speaker_lines * 4)
    speakers = (_fit(names, st, "speakers", width, st.speaker_lines, report,
                     f"{where}: speakers of '{s.title}'") if names else None)
    t, h = st.text["time"], title.style
    # The time and the title's first line share a baseline.
    time_y = base = max(fonts.ascent(t.font, t.size), fonts.ascent(h.font, h.size))
    title_y = base - fonts.ascent(h.font, h.size)
    last = base + h.leading * (len(title.lines) - 1)
    bottom = last + fonts.descent(h.font, h.size)
    speakers_y = 0.0
    if speakers is not None:
        p = speakers.style
        first = last + p.leading + st.speakers_gap
        speakers_y = first - fonts.ascent(p.font, p.size)
        bottom = first + p.leading * (len(speakers.lines) - 1) + fonts.descent(p.font, p.size)
    bottom = max(bottom, time_y + fonts.descent(t.font, t.size))
    if st.cols > 1:  # the end time under the start, at the speakers' size
        e = st.text["speakers"]
        bottom = max(bottom, time_y + e.leading + fonts.descent(e.font, e.size))
    return Entry(s, short, False, main, when, title, speakers, bottom, time_y, title_y,
                 speakers_y)


def entries(conf: Conference, room: Room, when: date, st: SignStyle, report: Report,
            head: Header) -> list[Entry]:
    """The room's day as entries in the style ``st`` (its sizes and columns)."""
    where = f"sign {room.name} {when.isoformat()}"
    day = day_of(conf, when)
    plenary = {s.id for s in day.plenary} if day else set()
    return [_entry(conf, s, short, is_main(conf, s, plenary), st, head, report, where)
            for s, short in sessions_for_sign(conf, room, when)]


def header(conf: Conference, room: Room, when: date, st: SignStyle, report: Report,
           url: str) -> Header:
    """The conference, room name, address, date and the QR's URL (broken only after '/' or
    '.') in a stack beside the QR. The room name is as large as fits beside the QR on one
    line, down to the theme's minimum (the brief's 48 pt), else on two; a name that needs
    more takes the whole width on up to ``room_name_lines`` (the QR then sits at the top
    right of the list, :attr:`Header.inset`), and only past that is it cut."""
    quiet = qr_quiet(st.qr, url) if url else 0.0
    full = st.page[0] - 2 * st.margin
    # The quiet zone is white already: the text may come up to it, less a hair.
    width = full - (st.qr + quiet + st.header_gap if url else 0)
    event = _fit(conf.name, st, "event", width, 1, report, "conference name")
    what = f"room name '{room.name}'"
    # Beside the QR on one line, then on its lines, and only then across the whole width,
    # with the QR moved down beside the list: a wide name over the QR block made a header
    # of two thirds of the sheet, with one talk under it.
    # First as large as keeps the text stack no taller than the QR beside it (a compact
    # header: every millimetre is the list's).
    name, wide = None, False
    floor = st.min["room_name"]
    s = st.text["date"]
    rest = event.height + (s.leading * 2 if url else s.leading)  # date, URL (one line)
    tall = st.qr + qr_quiet(st.qr, url) - rest if url else None
    tries = [(width, 1, tall), (width, 1, None), (width, 2, None)] + [
        (full, n, None) for n in range(1, st.room_lines + 1)]  # as few lines as it takes
    for w, lines, most in tries:
        trial = fit.fit(room.name, st.text["room_name"], w, max_lines=lines,
                        whole_words=True, min_size=floor, max_height=most)
        if not trial.cut:
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
    link = (_fit(short_url(url), st, "url", text_w, st.url_lines, report, f"URL {url}",
                 whole_words=True) if url else None)
    stack = event.height + name.height + label.height + (
        address.height + st.header_gap if address else 0) + (
        link.height + st.speakers_gap if link else 0)
    if wide:
        return Header(event, name, address, label, url, link, stack,
                      inset=st.qr + quiet + st.column_gap if url else 0.0)
    return Header(event, name, address, label, url, link,
                  max(stack, st.qr + quiet if url else 0.0))


def footer_height(st: SignStyle) -> float:
    s = st.text["continued"]
    return fonts.ascent(s.font, s.size) + fonts.descent(s.font, s.size) + st.header_gap


def list_height(st: SignStyle, head: Header) -> float:
    """Height left for the entries under the header and its rule."""
    return st.page[1] - 2 * st.margin - head.height - 2 * st.header_gap - st.rule
