"""Room signs for doors: one sheet (or more) per room per day; off-site venues on request.

Contract:

- :func:`plan` computes what goes on each sheet of one room's day (fitted text, entries split
  into sheets) without touching a PDF; :func:`draw_sheet` puts one sheet on a canvas.
- :func:`build` is what ``printprog signage`` calls: it validates everything first, then writes
  one PDF per room (``<slug>.pdf``, ``<slug>-<date>.pdf`` for one day) and, for ``--all``, a
  combined ``all-rooms.pdf``; each file is written atomically and is byte-for-byte reproducible.

A sign lists every session held in the room that day (time, title, speakers), and the day's
breaks, meals and registration held elsewhere that fall between the room's first and last
session as one-line entries, so a reader sees the rhythm of the day. Nothing is drawn below the
theme's minimum sizes: entries that do not fit continue on another sheet marked "continued";
a title longer than its lines is cut with an ellipsis and reported. All sizes, lengths and
colours come from the theme's ``signage`` section.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from reportlab.lib.colors import Color
from reportlab.pdfgen.canvas import Canvas

from .. import fonts, qr
from ..errors import PrintprogError
from ..labels import day_label, time_range
from ..layout import text as fit
from ..layout.text import Fitted
from ..model import Conference, Kind, Room, Session
from ..pdf import Meta, atomic_output, new_canvas
from ..production import to_bleed
from ..report import Report
from ..schedule import days, sessions_in_room
from ..text import slug as _slug
from ..theme import TextStyle, Theme
from ..units import mm, paper
from .base import Options, Output, ProductEntry

#: Events for everyone that a sign lists as one line when they happen elsewhere.
RHYTHM_KINDS = frozenset({Kind.BREAK, Kind.MEAL, Kind.REGISTRATION})
#: The list's type, set smaller (to its minimum at most) when that saves a sheet.
LIST_TEXTS = ("time", "title", "speakers", "break")
SHRINK_STEP = 0.05
_TEXTS = ("room_name", "address", "date", "time", "title", "speakers", "break", "url",
          "continued")


# ---------------------------------------------------------------- names

#: Longest file name stem; with a date suffix and ".pdf" a name stays far below the 255
#: bytes file systems allow (a 300-character room name made the write fail).
SLUG_MAX = 60


def slug(name: str, fallback: str = "room") -> str:
    """A safe ASCII file name stem (:func:`printprog.text.slug`), at most SLUG_MAX long."""
    return _slug(name, fallback=fallback, max_length=SLUG_MAX)


def short_url(url: str) -> str:
    """The URL as printed for people who cannot scan: no scheme, no trailing slash."""
    return re.sub(r"^https?://", "", url).rstrip("/")


# ---------------------------------------------------------------- style

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
    text: dict[str, TextStyle]
    min: dict[str, float]
    colour: dict[str, Color]

    @classmethod
    def from_theme(cls, theme: Theme, paper_name: str | None = None) -> SignStyle:
        name = (paper_name or str(theme.get("signage", "paper"))).lower()
        scale = float(dict(theme.get("signage", "paper_scale")).get(name, 1.0))

        def length(key: str) -> float:
            return mm(theme.number("signage", key)) * scale

        return cls(
            page=paper(name, landscape=bool(theme.get("signage", "landscape"))),
            margin=length("margin"), band=length("band"), rule=length("rule"),
            hairline=length("hairline"), qr=length("qr_size"),
            column_gap=length("column_gap"), header_gap=length("header_gap"),
            entry_gap=length("entry_gap"), speakers_gap=length("speakers_gap"),
            title_lines=int(theme.number("signage", "title_lines")),
            speaker_lines=int(theme.number("signage", "speaker_lines")),
            room_lines=int(theme.number("signage", "room_name_lines")),
            text={k: (s := theme.text(k, "signage")).at(s.size * scale) for k in _TEXTS},
            min={k: theme.number("signage", "min", k) * scale for k in _TEXTS},
            colour={k: theme.colour(str(v))
                    for k, v in dict(theme.get("signage", "colours")).items()})


# ---------------------------------------------------------------- plan

@dataclass(frozen=True)
class Entry:
    session: Session
    short: bool  # an event for everyone held elsewhere, on one line
    time: str
    title: Fitted
    speakers: Fitted | None
    height: float


@dataclass(frozen=True)
class Sheet:
    room: Room
    day: date
    name: Fitted
    address: Fitted | None
    date: Fitted
    url: str  # the QR's target; '' for none
    link: Fitted | None  # the URL printed under the QR
    header_height: float  # text stack or QR block, whichever is taller
    style: SignStyle  # the list may be set smaller than the theme's sizes to save a sheet
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
    # Day.sessions is already in (start, room order) order; keep it, never re-sort.
    return [(s, s.room != room.id) for s in day.sessions
            if s.room == room.id or (s in day.plenary and s.kind in RHYTHM_KINDS
                                     and s.start < last and s.end > first)]


def _columns(st: SignStyle) -> tuple[float, float, float]:
    """x of the time column, x and width of the text column."""
    time_w = fonts.width("00:00\u201300:00", st.text["time"].font, st.text["time"].size)
    x_text = st.margin + time_w + st.column_gap
    return st.margin, x_text, st.page[0] - st.margin - x_text


def _fit(text: str, st: SignStyle, key: str, width: float, lines: int, report: Report,
         what: str, fewest: bool = False) -> Fitted:
    """Fit to the style's ``key`` text; with ``fewest``, one line at a smaller size beats two
    at the full size (a room name, a URL)."""
    for n in range(1, lines) if fewest else ():
        fitted = fit.fit(text, st.text[key], width, max_lines=n, min_size=st.min[key])
        if not fitted.cut:
            if fitted.shrunk:
                report.note_shrunk(f"{what} ({fitted.style.size:g} pt)")
            return fitted
    return fit.fit(text, st.text[key], width, max_lines=lines, min_size=st.min[key],
                   report=report, what=what)


def _entry(conf: Conference, s: Session, short: bool, st: SignStyle, width: float,
           report: Report, where: str) -> Entry:
    when = time_range(s)
    if short:
        # Each piece keeps its own direction (an Arabic title beside a Latin room name).
        line = f"{fonts.isolate(s.title)} \u00b7 {fonts.isolate(conf.room_by_id[s.room].name)}"
        title = _fit(line, st, "break", width, 1, report, f"{where}: '{s.title}'")
        return Entry(s, True, when, title, None, title.height)
    title = _fit(s.title, st, "title", width, st.title_lines, report, f"{where}: '{s.title}'")
    names = ", ".join(conf.speaker_by_id[p].name for p in s.people)
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


def qr_quiet(symbol: float, url: str) -> float:
    """Width of the quiet zone around a QR symbol ``symbol`` wide (quiet zone not included).

    Signs and posters put the symbol's corner on the margin's corner: the quiet zone is blank
    and may lie in the margin, which only has to keep text out."""
    return symbol * qr.QUIET / (qr.modules(url) - 2 * qr.QUIET)


def _header(room: Room, when: date, st: SignStyle, report: Report,
            url: str) -> tuple[Fitted, Fitted | None, Fitted, Fitted | None, float]:
    """Room name, address, date, the URL under the QR, and the header's height (the text
    stack or the QR block, whichever is taller)."""
    quiet = qr_quiet(st.qr, url) if url else 0.0
    width = st.page[0] - 2 * st.margin - (st.qr + quiet + st.column_gap if url else 0)
    name = _fit(room.name, st, "room_name", width, st.room_lines, report,
                f"room name '{room.name}'", fewest=True)
    address = (_fit(room.address, st, "address", width, 2, report, f"address of {room.name}",
                    fewest=True) if room.address else None)
    s = st.text["continued"]
    label_w = fonts.width("continued", s.font, s.size) + st.column_gap / 2
    label = _fit(day_label(when), st, "date", width - label_w, 1, report, "date")
    link = (_fit(short_url(url), st, "url", st.qr + quiet, 2, report, f"URL {url}",
                 fewest=True) if url else None)
    text_h = name.height + label.height + (address.height + st.header_gap if address else 0)
    qr_h = st.qr + quiet + link.height if link else 0.0
    return name, address, label, link, max(text_h, qr_h)


def _footer_height(st: SignStyle) -> float:
    s = st.text["continued"]
    return fonts.ascent(s.font, s.size) + fonts.descent(s.font, s.size) + st.header_gap


def plan(conf: Conference, room: Room, when: date, st: SignStyle, report: Report,
         url: str) -> list[Sheet]:
    """The sheets of one room's day; empty when the room holds nothing that day.

    When the entries need more than one sheet, the list is set smaller, never below the
    minimum sizes, if that saves a sheet: the largest size that needs the fewest sheets wins.
    The entries are then spread evenly over the sheets.
    """
    listed = sessions_for_sign(conf, room, when)
    if not listed:
        return []
    where = f"sign {room.name} {when.isoformat()}"
    name, address, label, link, header_h = _header(room, when, st, report, url)
    room_for_list = st.page[1] - 2 * st.margin - header_h - 2 * st.header_gap - st.rule

    def attempt(factor: float, into: Report) -> tuple[SignStyle, list[list[Entry]]]:
        style = _list_at(st, factor)
        width = _columns(style)[2]
        entries = [_entry(conf, s, short, style, width, into, where) for s, short in listed]
        return style, _paginate(entries, room_for_list, style)

    fewest = len(attempt(0.0, Report())[1])
    factor = 1.0
    while factor > 0 and len(attempt(factor, Report())[1]) > fewest:
        factor = round(factor - SHRINK_STEP, 2)
    style, pages = attempt(max(factor, 0.0), report)
    if style.text["title"].size < st.text["title"].size:
        report.note_shrunk(f"{where}: list at {style.text['title'].size:g} pt titles")
    return [Sheet(room, when, name, address, label, url, link, header_h, style, tuple(p), i,
                  len(pages)) for i, p in enumerate(pages, 1)]


def _list_at(st: SignStyle, factor: float) -> SignStyle:
    """The style with the list's type at ``factor`` of its size, each at least its minimum."""
    text = dict(st.text)
    for key in LIST_TEXTS:
        text[key] = text[key].at(max(st.min[key], text[key].size * factor))
    return replace(st, text=text)


def _paginate(entries: list[Entry], height: float, st: SignStyle) -> list[list[Entry]]:
    pages = _pack(entries, height, st.entry_gap)
    if len(pages) == 1:
        return pages
    height -= _footer_height(st)
    pages = _pack(entries, height, st.entry_gap)
    # Spread evenly: the lowest sheet height that still needs no more sheets.
    low, high = 0.0, height
    for _ in range(24):
        mid = (low + high) / 2
        if len(_pack(entries, mid, st.entry_gap)) <= len(pages):
            high = mid
        else:
            low = mid
    return _pack(entries, high, st.entry_gap)


def _pack(entries: list[Entry], height: float, gap: float) -> list[list[Entry]]:
    pages: list[list[Entry]] = [[]]
    used = 0.0
    for e in entries:
        need = e.height + (gap if pages[-1] else 0)
        if pages[-1] and used + need > height + 1e-6:
            pages.append([])
            need, used = e.height, 0.0
        pages[-1].append(e)
        used += need
    return pages


# ---------------------------------------------------------------- draw

def draw_sheet(canvas: Canvas, theme: Theme, sheet: Sheet, report: Report | None) -> None:
    """Draw one sheet: room-colour band, header with QR, rule, entries, 'continued' footer."""
    st = sheet.style
    width, height = st.page
    c = st.colour
    accent = theme.colour(sheet.room.colour) if sheet.room.colour else c["band"]
    # Colour is an accent only: the room name is always there in words, no text on colour.
    canvas.setFillColor(accent)
    # Touches the top edge: runs on into the bleed when the print shop asks for one.
    canvas.rect(*to_bleed(0, height - st.band, width, st.band, (width, height)), stroke=0,
                fill=1)
    y = fit.draw(canvas, sheet.name, st.margin, height - st.margin, colour=c["room_name"])
    if sheet.address is not None:
        y = fit.draw(canvas, sheet.address, st.margin, y, colour=c["address"]) - st.header_gap
    fit.draw(canvas, sheet.date, st.margin, y, colour=c["date"])
    if sheet.number > 1:
        s, d = st.text["continued"], sheet.date.style
        baseline = y - fonts.ascent(d.font, d.size)
        canvas.setFillColor(c["continued"])
        fonts.draw(canvas, st.margin + sheet.date.width() + st.column_gap / 2, baseline,
                   "continued", s.font, s.size)
    if sheet.url and sheet.link:
        quiet, right, top = qr_quiet(st.qr, sheet.url), width - st.margin, height - st.margin
        unit = qr.draw(canvas, right - st.qr - quiet, top - st.qr - quiet, st.qr + 2 * quiet,
                       sheet.url, "M", colour=c["qr"])
        if report is not None:  # None for the combined copy: each code noted once
            report.note_qr(f"sign {sheet.room.name} {sheet.day}", st.qr, unit, min_side_mm=40)
        # Centred under the symbol, but never past the right margin.
        w = sheet.link.width()
        fit.draw(canvas, sheet.link, min(right - st.qr / 2 - w / 2, right - w),
                 top - st.qr - quiet, colour=c["url"])
    y = height - st.margin - sheet.header_height - st.header_gap
    canvas.setFillColor(accent)
    canvas.rect(st.margin, y - st.rule, width - 2 * st.margin, st.rule, stroke=0, fill=1)
    y -= st.rule + st.header_gap
    x_time, x_text, _ = _columns(st)
    canvas.setStrokeColor(c["hairline"])
    canvas.setLineWidth(st.hairline)
    for i, e in enumerate(sheet.entries):
        if i:
            canvas.line(x_time, y - st.entry_gap / 2, width - st.margin, y - st.entry_gap / 2)
            y -= st.entry_gap
        _draw_entry(canvas, e, st, x_time, x_text, y)
        y -= e.height
    if sheet.count > 1:
        s = st.text["continued"]
        note = f"Sheet {sheet.number} of {sheet.count}"
        if sheet.number < sheet.count:
            note += " \u00b7 continued on the next sheet"
        canvas.setFillColor(c["continued"])
        fonts.draw(canvas, width - st.margin - fonts.width(note, s.font, s.size),
                   st.margin + fonts.descent(s.font, s.size), note, s.font, s.size)


def _draw_entry(canvas: Canvas, e: Entry, st: SignStyle, x_time: float, x_text: float,
                top: float) -> None:
    c = st.colour
    if e.short:
        s = e.title.style
        canvas.setFillColor(c["break"])
        fonts.draw(canvas, x_time, top - fonts.ascent(s.font, s.size), e.time, s.font, s.size)
        fit.draw(canvas, e.title, x_text, top)
        return
    t, h = st.text["time"], e.title.style
    baseline = top - max(fonts.ascent(t.font, t.size), fonts.ascent(h.font, h.size))
    canvas.setFillColor(c["time"])
    fonts.draw(canvas, x_time, baseline, e.time, t.font, t.size)
    y = fit.draw(canvas, e.title, x_text, baseline + fonts.ascent(h.font, h.size),
                 colour=c["title"])
    if e.speakers is not None:
        fit.draw(canvas, e.speakers, x_text, y - st.speakers_gap, colour=c["speakers"])


def write(path: Path, theme: Theme, st: SignStyle, meta: Meta, sheets: list[Sheet],
          report: Report | None) -> Path:
    """One PDF of one room's sheets, atomically; a bookmark per day when over 4 pages.
    (Several rooms in one file are these files joined: see :func:`build`.)"""
    with atomic_output(path) as tmp:
        canvas = new_canvas(tmp, st.page, meta)
        for sheet in sheets:
            draw_sheet(canvas, theme, sheet, report)
            if len(sheets) > 4 and sheet.number == 1:
                # One destination per outline entry: reportlab keys entries by it.
                key = f"d-{sheet.day.isoformat()}"
                canvas.bookmarkPage(key)
                canvas.addOutlineEntry(day_label(sheet.day), key, level=0)
            canvas.showPage()
        canvas.save()
    return path


# ---------------------------------------------------------------- the command

def room_url(conf: Conference, room: Room, report: Report) -> str:
    """The QR target: the room's page, else the schedule's; '' (and a warning) when none."""
    url = conf.url_for_room(room)
    if not url:
        report.warn(f"no room_url or website in conference.yaml: the signs for {room.name} "
                    "have no QR code")
        return ""
    return qr.check_url(url, f"QR code for {room.name}")


def build(conf: Conference, theme: Theme, *, out_dir: Path, report: Report,
          rooms: list[Room] | None = None, day: date | None = None,
          paper_name: str | None = None, jobs: int = 1) -> list[Path]:
    """Write the signs of ``rooms`` (on ``day``, or every day they are used); return the paths.

    ``rooms=None`` means every room that holds sessions of its own (not the foyer or off-site
    venues, which get signs on request), plus the combined ``all-rooms.pdf``. Everything is
    planned and checked before the first file is written. With ``jobs`` > 1 the rooms are
    shared out among that many processes (each plans and writes its rooms once every URL
    is checked), and ``all-rooms.pdf`` is their files joined in order, not drawn again.
    """
    st = SignStyle.from_theme(theme, paper_name)
    combined = rooms is None
    if rooms is None:
        in_grid = {r.id for d in days(conf) for r in d.rooms}
        rooms = [r for r in conf.rooms if r.id in in_grid]
    wanted = [day] if day else conf.days
    if jobs > 1 and len(rooms) > 1:
        return _build_parallel(conf, theme, st, rooms, wanted, day, combined, report, out_dir,
                               jobs)
    planned: list[tuple[Room, list[Sheet]]] = []
    for r in rooms:
        url = room_url(conf, r, report)
        sheets = [sh for d in wanted for sh in plan(conf, r, d, st, report, url)]
        if sheets:
            planned.append((r, sheets))
    if not planned:
        _nothing_to_print(conf, rooms, day, combined)
    suffix = f"-{day.isoformat()}" if day else ""
    dates = ", ".join(day_label(d) for d in sorted({sh.day for _, s in planned for sh in s}))
    written: list[Path] = []
    for (r, sheets), stem in zip(planned, _stems([r for r, _ in planned], combined),
                                 strict=True):
        written.append(write(out_dir / f"{stem}{suffix}.pdf", theme, st,
                             _room_meta(conf, r, dates), sheets, report))
    if combined:  # the rooms' files joined, not drawn again (0.3 s of 1,000 talks' signs)
        written.append(_join_rooms(conf, [r for r, _ in planned],
                                   [_day_counts(sheets) for _, sheets in planned], written,
                                   out_dir / f"all-rooms{suffix}.pdf", dates))
    return written


def _day_counts(sheets: list[Sheet]) -> list[tuple[date, int]]:
    """(day, number of sheets) for each day of one room's sheets."""
    return [(sh.day, sh.count) for sh in sheets if sh.number == 1]


def _join_rooms(conf: Conference, rooms: list[Room], counts: list[list[tuple[date, int]]],
                paths: list[Path], target: Path, dates: str) -> Path:
    """all-rooms.pdf: the rooms' files in order, with a room > day outline."""
    from .. import parallel

    return parallel.join(paths, target, _bookmarks(rooms, counts),
                         meta=_combined_meta(conf, dates))


def _nothing_to_print(conf: Conference, rooms: list[Room], day: date | None,
                      combined: bool) -> None:
    on = f" on {day_label(day)}" if day else ""
    if combined:
        raise PrintprogError(f"no room holds sessions{on}; nothing to print")
    used = [d for d in conf.days if sessions_in_room(conf, rooms[0].id, d)]
    where = f" (it is used on {', '.join(map(day_label, used))})" if used else ""
    raise PrintprogError(f"{rooms[0].name} has no sessions{on}{where}; nothing to print")


def _stems(rooms: list[Room], combined: bool) -> list[str]:
    """File name stems of the rooms' PDFs, unique."""
    # all-rooms is taken by the combined file: a room called "All rooms" must not be lost.
    stems: set[str] = {"all-rooms"} if combined else set()
    out = []
    for r in rooms:
        base = stem = slug(r.name, slug(r.id))
        n = 2
        while stem in stems:  # rooms whose names differ only in punctuation: number them
            stem, n = f"{base}-{n}", n + 1  # the next free number ("a", "a 2", "a!")
        stems.add(stem)
        out.append(stem)
    return out


def _room_meta(conf: Conference, room: Room, dates: str) -> Meta:
    return Meta(title=f"{room.name}: room sign", author=conf.name,
                subject=f"Room sign for {room.name}, {conf.short_name}: {dates}")


def _combined_meta(conf: Conference, dates: str) -> Meta:
    return Meta(title=f"{conf.short_name}: room signs", author=conf.name,
                subject=f"Room signs for every room, {dates}")


def _build_parallel(conf: Conference, theme: Theme, st: SignStyle, rooms: list[Room],
                    wanted: list[date], day: date | None, combined: bool, report: Report,
                    out_dir: Path, jobs: int) -> list[Path]:
    from .. import parallel

    for r in rooms:  # every URL checked before any file is written
        room_url(conf, r, Report())
    # A room has sheets on the days it holds sessions of its own (plan() is empty otherwise).
    used = [(r, [d for d in wanted if sessions_in_room(conf, r.id, d)]) for r in rooms]
    used = [(r, ds) for r, ds in used if ds]
    if not used:
        _nothing_to_print(conf, rooms, day, combined)
    suffix = f"-{day.isoformat()}" if day else ""
    dates = ", ".join(day_label(d) for d in sorted({d for _, ds in used for d in ds}))
    stems = _stems([r for r, _ in used], combined)
    # Contiguous groups of rooms with about the same number of sessions each.
    work = [sum(len(sessions_in_room(conf, r.id, d)) for d in ds) for r, ds in used]
    total, groups, acc = sum(work), [[] for _ in range(jobs)], 0
    for i, (r, _) in enumerate(used):
        groups[min(jobs - 1, acc * jobs // max(total, 1))].append(
            (r, out_dir / f"{stems[i]}{suffix}.pdf"))
        acc += work[i]
    groups = [g for g in groups if g]
    with parallel.parts(len(groups)) as (pool, _):
        futures = [pool.submit(_write_rooms, conf, theme, st, group, wanted, dates)
                   for group in groups]
        results = [f.result() for f in futures]  # in room order
    written: list[Path] = []
    counts: list[list[tuple[date, int]]] = []
    for paths, days_sheets, part_report in results:
        parallel.merge_report(report, part_report)
        written += paths
        counts += days_sheets
    if combined:
        written.append(_join_rooms(conf, [r for r, _ in used], counts, written,
                                   out_dir / f"all-rooms{suffix}.pdf", dates))
    return written


def _write_rooms(conf: Conference, theme: Theme, st: SignStyle,
                 group: list[tuple[Room, Path]], wanted: list[date], dates: str
                 ) -> tuple[list[Path], list[list[tuple[date, int]]], Report]:
    """A worker process: plan and write the signs of some rooms, each to its own PDF;
    return the paths, each room's (day, number of sheets), and the report."""
    report = Report()
    paths, counts = [], []
    for room, path in group:
        url = room_url(conf, room, report)
        sheets = [sh for d in wanted for sh in plan(conf, room, d, st, report, url)]
        paths.append(write(path, theme, st, _room_meta(conf, room, dates), sheets, report))
        counts.append(_day_counts(sheets))
    return paths, counts, report


def _bookmarks(rooms: list[Room], counts: list[list[tuple[date, int]]]) -> list:
    """The bookmarks :func:`write` gives a file of these rooms: over 4 pages, a room's name
    (with several rooms) above an entry for each of its days."""
    from ..parallel import Bookmark

    if sum(n for days_ in counts for _, n in days_) <= 4:
        return []
    out, page = [], 0
    for room, days_ in zip(rooms, counts, strict=True):
        entries = []
        for when, n in days_:
            entries.append(Bookmark(day_label(when), page))
            page += n
        out.append(Bookmark(room.name, entries[0].page, entries))
    return out if len(rooms) > 1 else out[0].children


def _product(conf: Conference, theme: Theme, options: Options, out: Path) -> Output:
    report = Report()
    rooms = list(options.rooms) if options.rooms is not None else None
    paths = build(conf, theme, out_dir=out, report=report, rooms=rooms, day=options.day,
                  paper_name=options.paper, jobs=options.jobs)
    return Output(paths, report)


PRODUCT = ProductEntry("signage", _product)
