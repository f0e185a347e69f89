"""Room signs for doors: one sheet per room and day, for every room that holds sessions (the
foyer and off-site venues too).

Contract:

- :mod:`.plan` computes what goes on a sign (style, header, fitted entries) and
  :mod:`.sheets` how it goes on its sheet (type sizes, columns) without touching a PDF;
  :mod:`.draw` puts one sheet on a canvas.
- :func:`build` is what ``printprog signage`` calls: it validates everything first, then writes
  one PDF per room (``<slug>.pdf``, ``<slug>-<date>.pdf`` for one day) and, for ``--all``, a
  combined ``all-rooms.pdf``; each file is byte-for-byte reproducible, and inside a run's
  transaction (:func:`printprog.pdf.atomic.transaction`) none replaces its old file before all are
  ready. A room's file embeds only the part of the schedule it prints (:func:`scope_of`),
  and only the report of what it draws (its headers, entries and QR codes, and the run's
  list size): preflight of one sign counts that sign's codes. ``all-rooms.pdf`` carries the
  run's report, which is the same with any ``jobs``.

A sign names the conference and the day and lists every session held in the room that day
(time, title, speakers), and the breaks, meals and registration of its own venue that fall
between the room's first and last session as one grey line each. A whole run shares one set
of list sizes (:func:`run_factor`) between the theme's top sizes and floors; a day that does
not fit one column at the floors is set in two, and only past that continues on a sheet
marked "continued", with a warning. The QR leads to the room's page, else the day's
(:mod:`printprog.draw.urls`).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ...core.errors import PrintprogError
from ...core.report import Report
from ...draw import urls
from ...pdf.atomic import atomic_output
from ...pdf.writer import Meta, new_canvas
from ...schedule.model import Conference, Room
from ...schedule.scope import Scope
from ...schedule.views import sessions_by_room, sessions_in_room
from ...theme.loader import Theme
from ..base import Options, Output
from .draw import draw_sheet
from .plan import Header, SignStyle, day_label, header, qr_quiet, sessions_for_sign, short_url, slug
from .sheets import Sheet, best_factor, plan

__all__ = ["Sheet", "SignStyle", "build", "day_label", "draw_sheet", "plan", "plan_run",
           "qr_quiet", "run_factor", "short_url", "slug"]

#: (room, day) -> that sign's header, for the room-days that have a sign.
Heads = dict[tuple[Room, date], Header]
#: Room -> the report of what its file draws (headers, entries, QR codes): embedded in that
#: file alone, so preflight of one sign counts its own codes, not the run's.
Reports = dict[Room, Report]
#: A file written: its path, its room (None: all-rooms.pdf) and its report (None: the run's).
Written = tuple[Path, Room | None, Report | None]


def write(path: Path, theme: Theme, st: SignStyle, meta: Meta, sheets: list[Sheet],
          report: Report | None, conf: Conference | None = None) -> Path:
    """One PDF of one room's sheets, atomically; a bookmark per day when over 4 pages.
    (Several rooms in one file are these files joined: see :func:`build`.)"""
    with atomic_output(path) as tmp:
        canvas = new_canvas(tmp, st.page, meta)
        for sheet in sheets:
            draw_sheet(canvas, theme, sheet, report, conf)  # conf: for its logo
            if len(sheets) > 4 and sheet.number == 1:
                # One destination per outline entry: reportlab keys entries by it.
                key = f"d-{sheet.day.isoformat()}"
                canvas.bookmarkPage(key)
                canvas.addOutlineEntry(day_label(sheet.day), key, level=0)
            canvas.showPage()
        canvas.save()
    return path


# ---------------------------------------------------------------- the command

def own_reports(rooms: list[Room]) -> Reports:
    """An empty report for each room."""
    return {r: Report() for r in rooms}


def heads(conf: Conference, rooms: list[Room], wanted: list[date], st: SignStyle,
          reports: Reports) -> Heads:
    """The header of each room-day with sessions, noted in its room's report; checks every
    QR URL."""
    out: Heads = {}
    for r in rooms:
        for d in wanted:
            if sessions_in_room(conf, r.id, d):
                report = reports[r]
                out[(r, d)] = header(conf, r, d, st, report, urls.room_url(conf, r, d, report))
    return out


def run_factor(conf: Conference, st: SignStyle, heads_: Heads) -> float:
    """One set of list sizes for the whole run: the largest factor at which every room-day
    that fits one column at the floors still does (the fullest one's); 1.0 (the top sizes)
    when none does."""
    found = [best_factor(conf, r, d, st, h) for (r, d), h in heads_.items()]
    return min((f for f in found if f is not None), default=1.0)


def _plan_rooms(conf: Conference, st: SignStyle, factor: float, heads_: Heads,
                rooms: list[Room], wanted: list[date], reports: Reports
                ) -> list[tuple[Room, list[Sheet]]]:
    planned = []
    for r in rooms:
        sheets = [sh for d in wanted if (r, d) in heads_
                  for sh in plan(conf, r, d, st, factor, reports[r], heads_[(r, d)])]
        if sheets:
            planned.append((r, sheets))
    return planned


def plan_run(conf: Conference, st: SignStyle, rooms: list[Room], wanted: list[date],
             report: Report) -> tuple[float, list[tuple[Room, list[Sheet]]]]:
    """The run's list factor and each room's sheets (rooms without sessions left out);
    ``report`` gets the run's notes."""
    factor, common, planned, own = _plan_all(conf, st, rooms, wanted)
    _run_report(report, common, [own[r] for r in rooms])
    return factor, planned


def _plan_all(conf: Conference, st: SignStyle, rooms: list[Room], wanted: list[date]
              ) -> tuple[float, Report, list[tuple[Room, list[Sheet]]], Reports]:
    """:func:`plan_run`'s factor and sheets, with the notes of every sheet (the run's list
    size) apart from each room's own."""
    own = own_reports(rooms)
    heads_ = heads(conf, rooms, wanted, st, own)
    factor, common = run_factor(conf, st, heads_), Report()
    _note_run(st, factor, common)
    return factor, common, _plan_rooms(conf, st, factor, heads_, rooms, wanted, own), own


def _run_report(report: Report, common: Report, rooms: list[Report]) -> None:
    """The run's report, the same with any --jobs: the notes of every sheet once, then each
    room's in room order."""
    report.extend(common)
    for own in rooms:
        report.extend(own)


def _signed_rooms(conf: Conference) -> list[Room]:
    """Every room that holds sessions: the foyer (registration, breaks) and off-site venues
    too."""
    used = sessions_by_room(conf)
    return [r for r in conf.rooms if used.get(r.id)]


def build(conf: Conference, theme: Theme, *, out_dir: Path, report: Report,
          rooms: list[Room] | None = None, day: date | None = None,
          paper_name: str | None = None, jobs: int = 1,
          landscape: bool | None = None) -> list[Path]:
    """Write the signs of ``rooms`` (on ``day``, or every day they are used); return the paths
    (:func:`write_signs`' files)."""
    return [path for path, _, _ in write_signs(conf, theme, out_dir=out_dir, report=report,
                                               rooms=rooms, day=day, paper_name=paper_name,
                                               jobs=jobs, landscape=landscape)]


def write_signs(conf: Conference, theme: Theme, *, out_dir: Path, report: Report,
                rooms: list[Room] | None = None, day: date | None = None,
                paper_name: str | None = None, jobs: int = 1,
                landscape: bool | None = None) -> list[Written]:
    """Write the signs of ``rooms`` (on ``day``, or every day they are used); return each
    file with its room and its own report (None, None: the combined file, whose report is
    the run's: ``report``, which gets every room's notes).

    ``rooms=None`` means every room that holds sessions, plus the combined ``all-rooms.pdf``.
    Everything is planned and checked before the first file is written. With ``jobs`` > 1
    the rooms are shared out among that many processes (each plans and writes its rooms in
    the run's style), and ``all-rooms.pdf`` is their files joined in order, not drawn again.
    """
    st = SignStyle.from_theme(theme, paper_name, landscape)
    combined = rooms is None
    if rooms is None:
        rooms = _signed_rooms(conf)
    wanted = [day] if day else conf.days
    if jobs > 1 and len(rooms) > 1:
        return _build_parallel(conf, theme, st, rooms, wanted, day, combined, report, out_dir,
                               jobs)
    _, common, planned, own = _plan_all(conf, st, rooms, wanted)
    if not planned:
        _nothing_to_print(conf, rooms, day, combined)
    suffix = f"-{day.isoformat()}" if day else ""
    dates = ", ".join(day_label(d) for d in sorted({sh.day for _, s in planned for sh in s}))
    written: list[Path] = []
    for (r, sheets), stem in zip(planned, _stems([r for r, _ in planned], combined),
                                 strict=True):
        written.append(write(out_dir / f"{stem}{suffix}.pdf", theme, st,
                             _room_meta(conf, r, dates), sheets, own[r], conf))
    _run_report(report, common, [own[r] for r in rooms])
    out: list[Written] = [(path, r, Report.joined(common, own[r]))
                          for path, (r, _) in zip(written, planned, strict=True)]
    if combined:  # the rooms' files joined, not drawn again (0.3 s of 1,000 talks' signs)
        out.append((_join_rooms(conf, [r for r, _ in planned],
                                [_day_counts(sheets) for _, sheets in planned], written,
                                out_dir / f"all-rooms{suffix}.pdf", dates), None, None))
    return out


def _note_run(st: SignStyle, factor: float, report: Report) -> None:
    if factor < 1:
        size = round(st.min["title"] + (st.top["title"] - st.min["title"]) * factor, 2)
        report.note_shrunk(f"signs: every sheet's list at {size:g} pt titles (the fullest "
                           "room-day's size)")


def _day_counts(sheets: list[Sheet]) -> list[tuple[date, int]]:
    """(day, number of sheets) for each day of one room's sheets."""
    return [(sh.day, sh.count) for sh in sheets if sh.number == 1]


def _join_rooms(conf: Conference, rooms: list[Room], counts: list[list[tuple[date, int]]],
                paths: list[Path], target: Path, dates: str) -> Path:
    """all-rooms.pdf: the rooms' files in order, with a room > day outline."""
    from ...pdf import parallel

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
                    out_dir: Path, jobs: int) -> list[Written]:
    """Two rounds over the same groups of rooms: each group's largest list factors, then,
    in the run's style (the smallest of them), each group's files."""
    from ...pdf import parallel

    for r in rooms:  # every URL checked before any file is written
        for d in wanted:
            if sessions_in_room(conf, r.id, d):
                urls.room_url(conf, r, d, Report())
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
        factors = [f.result() for f in [pool.submit(_factor, conf, st, [r for r, _ in g],
                                                    wanted) for g in groups]]
        found = [f for f in factors if f is not None]
        factor, common = min(found, default=1.0), Report()
        _note_run(st, factor, common)
        # Each worker's files are staged, then renamed with the run's others (or not at all).
        futures = [parallel.submit(pool, _write_rooms, conf, theme, st, factor, group,
                                   wanted, dates) for group in groups]
        results = [parallel.result(f) for f in futures]  # in room order
    written: list[Path] = []
    counts: list[list[tuple[date, int]]] = []
    own: list[Report] = []
    for paths, days_sheets, reports in results:
        written += paths
        counts += days_sheets
        own += reports
    _run_report(report, common, own)
    out: list[Written] = [(path, r, Report.joined(common, mine)) for path, (r, _), mine
                          in zip(written, used, own, strict=True)]
    if combined:
        out.append((_join_rooms(conf, [r for r, _ in used], counts, written,
                                out_dir / f"all-rooms{suffix}.pdf", dates), None, None))
    return out


def _factor(conf: Conference, st: SignStyle, rooms: list[Room], wanted: list[date]
            ) -> float | None:
    """A worker process: the list factor some rooms need (see :func:`run_factor`); None
    when none of them fits one column."""
    found = [best_factor(conf, r, d, st, h)
             for (r, d), h in heads(conf, rooms, wanted, st, own_reports(rooms)).items()]
    return min((f for f in found if f is not None), default=None)


def _write_rooms(conf: Conference, theme: Theme, st: SignStyle, factor: float,
                 group: list[tuple[Room, Path]], wanted: list[date], dates: str
                 ) -> tuple[list[Path], list[list[tuple[date, int]]], list[Report]]:
    """A worker process: plan and write the signs of some rooms at the run's factor, each
    to its own PDF; return the paths, each room's (day, number of sheets), and each room's
    report."""
    paths, counts = [], []
    rooms = [r for r, _ in group]
    own = own_reports(rooms)
    heads_ = heads(conf, rooms, wanted, st, own)
    planned = dict(_plan_rooms(conf, st, factor, heads_, rooms, wanted, own))
    for room, path in group:
        sheets = planned[room]
        paths.append(write(path, theme, st, _room_meta(conf, room, dates), sheets, own[room],
                           conf))
        counts.append(_day_counts(sheets))
    return paths, counts, [own[r] for r in rooms]


def _bookmarks(rooms: list[Room], counts: list[list[tuple[date, int]]]) -> list:
    """The bookmarks :func:`write` gives a file of these rooms: over 4 pages, a room's name
    (with several rooms) above an entry for each of its days."""
    from ...pdf.parallel import Bookmark

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


def scope_of(conf: Conference, room: Room | None, wanted: list[date]) -> Scope | None:
    """What a sign file prints, so it embeds only that (printprog.schedule.scope): the room's
    sessions on the run's days and the breaks and meals elsewhere its sheets list. The combined file
    of every day prints everything: None (the whole schedule)."""
    if room is None:
        return None if wanted == conf.days else Scope(None, tuple(wanted))
    also = frozenset(s.id for d in wanted for s, short in sessions_for_sign(conf, room, d)
                     if short)
    return Scope(room.id, tuple(wanted), also)


def _product(conf: Conference, theme: Theme, options: Options, out: Path) -> Output:
    report = Report()
    rooms = list(options.rooms) if options.rooms is not None else None
    files = write_signs(conf, theme, out_dir=out, report=report, rooms=rooms,
                        day=options.day, paper_name=options.paper, jobs=options.jobs,
                        landscape=options.landscape)
    wanted = [options.day] if options.day else conf.days
    scopes = {path: scope for path, room, _ in files
              if (scope := scope_of(conf, room, wanted)) is not None}
    reports = {path: own for path, _, own in files if own is not None}
    return Output([path for path, _, _ in files], report, scopes=scopes, reports=reports)
