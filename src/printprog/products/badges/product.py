"""Name badges placed N-up on sheets: fronts, and with duplex mirrored backs with an agenda.

:func:`render` is the product: one badge per person (see :func:`attendees.badge_people`),
placed by a sheet preset (:mod:`layout.sheets`), laid out by a badge layout
(:mod:`products.badge_layout`), coloured by the theme's ``badges`` section, each side
composed and drawn by :mod:`products.badge_compose`.

Promises: characters no bundled font has are warned about by name; the role band's text
keeps a 4.5:1 contrast with every role colour (else an error naming the role); the PDF is
written atomically, deterministic, with every font embedded.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from ...core.errors import PrintprogError
from ...core.records import Record, record
from ...core.report import Report
from ...core.units import mm
from ...layout.sheets import Sheet
from ...pdf import parallel
from ...pdf.atomic import atomic_output
from ...pdf.writer import Meta, new_canvas
from ...production.spec import MAX_BLEED_MM
from ...schedule.attendee import Attendee
from ...schedule.model import Conference
from ...schedule.views import sessions_of_person
from ...theme.loader import Theme
from ..base import Output
from . import content
from .calibrate import shift
from .compose import Badge, Placed, compose, draw
from .layout import Layout, Variant
from .options import Options
from .style import Style

__all__ = ["Badge", "Placed", "compose", "draw", "render"]

SHEETS_PER_PART = 500  # sheets in one part file, then the next (reportlab keeps all pages)
#: ... and at most this many badges in one part: a part's memory is its badges' drawing, so
#: 10 cards a sheet take 200 sheets a part (100,000 badges: 227 MB peak with 500, as 4 a sheet)
BADGES_PER_PART = 2000


def _part_sheets(per_page: int) -> int:
    """Sheets in one part of a run drawn in parts (:data:`SHEETS_PER_PART`,
    :data:`BADGES_PER_PART`)."""
    return max(1, min(SHEETS_PER_PART, BADGES_PER_PART // per_page))


def _badge(person: Attendee, conf: Conference, event: dict[str, str], side: float,
           style: Style, report: Report) -> Badge:
    content.missing_glyphs(person, report)
    payload = (content.qr_for(conf, person, side, style.module_min, report) if side
               else ("", "M"))
    sessions = sessions_of_person(conf).get(person.speaker_id, ()) if person.speaker_id else ()
    return Badge(person, {**event, **content.person_fields(person)}, payload, sessions)


def _qr_side(variant: Variant, style: Style, report: Report) -> float:
    """The printed side of the front's badge QR (the smallest, if several); 0 for none."""
    sides = [e.box[2] for e in (*variant.front, *variant.back)
             if e.kind == "qr" and e.content == "badge"]
    for e in (*variant.front, *variant.back):
        if e.kind == "qr" and e.box[2] < style.side_min - 1e-6:
            report.warn(f"badge layout {variant.name}: {e.where} QR is {e.box[2]:g} mm, under "
                        f"the {style.side_min:g} mm a phone reads reliably")
    return min(sides, default=0.0)


def render(conf: Conference, people: list[Attendee], out: Path, *, sheet: Sheet,
           layout: Layout, theme: Theme, duplex: bool = False, cut_marks: bool = False,
           report: Report, progress: Callable[[int, int], None] | None = None,
           jobs: int = 1, offset: tuple[float, float] = (0.0, 0.0)) -> Path:
    """Write the badges of ``people`` to ``out``; return ``out``.

    With ``jobs`` > 1 the sheets are split into that many runs of whole sheets, each drawn
    by its own process into a PDF of its own, and the parts are joined in order (pdfjoin)
    with the same bookmarks; the report is the one a single process would give."""
    if not people:
        raise PrintprogError("no badges to print: the schedule has no speakers and no "
                             "attendees were given (--attendees FILE.csv)")
    style = Style.from_theme(theme)
    variant = layout.for_badge(*sheet.item)
    for el in (*variant.front, *variant.back):  # unknown colour names fail before any drawing
        style.colour(el.colour)
        if el.kind == "agenda":
            style.colour(el.meta_colour)
    event = content.event_fields(conf)
    if any(e.kind == "qr" and e.content == "schedule" for e in variant.back) and duplex:
        event["website"] = content.schedule_target(conf, report)  # "": backs without it
    side = _qr_side(variant, style, report)
    marks = (sheet.cut_marks(style.marks["length"], style.marks["offset"],
                             style.marks["shortest"]) if cut_marks else [])
    if cut_marks and not marks:
        report.warn(f"sheet {sheet.name} has no room outside its badges for cut marks")
    sheets = math.ceil(len(people) / sheet.per_page)
    job = _Job(conf, people, sheet, layout, variant, style, event, side, marks, duplex, offset,
               outline=sheets * (2 if duplex else 1) > 4,
               meta=Meta(title=f"{conf.short_name or conf.name}: badges", author=conf.name,
                         subject=f"{len(people)} name badges, "
                                 f"{sheet.description or sheet.name}"))
    jobs = max(1, min(jobs, sheets))
    per_part = _part_sheets(sheet.per_page)
    if jobs == 1 and sheets > per_part:  # 100,000 badges in flat memory
        smallest, drawn = {}, 0
        for part_smallest, part_drawn in parallel.in_parts(
                lambda p, a, b: job.write(p, a, b, report, progress),
                sheets, per_part, out, job.bookmarks(sheets)):
            _smallest(smallest, part_smallest.values())
            drawn += part_drawn
    elif jobs == 1:
        with atomic_output(out) as tmp:
            smallest, drawn = job.write(tmp, 0, sheets, report, progress)
    else:
        smallest, drawn = _render_parallel(job, out, sheets, jobs, report, progress)
    # One note per QR element of the layout, for its densest code: the preflight checks the
    # minimums without a list of thousands (each too-dense code was already warned about).
    for item, unit in smallest.values():
        report.note_qr(item.what, mm(item.rect.w), unit, style.side_min, style.module_min)
    report.count_qr(drawn - len(smallest))
    return out


@record(frozen=True)
class _Job(Record):
    """Everything the sheets are drawn from, checked: what a worker process is given."""

    conf: Conference
    people: list[Attendee]
    sheet: Sheet
    layout: Layout
    variant: Variant
    style: Style
    event: dict[str, str]
    side: float
    marks: list
    duplex: bool
    offset: tuple[float, float]  # mm, x right and y down: --offset, a printer's feed error
    outline: bool
    meta: Meta

    def sheet_title(self, n: int) -> str:
        """The bookmark of sheet ``n`` (from 1)."""
        chunk = self.people[(n - 1) * self.sheet.per_page:n * self.sheet.per_page]
        return f"Sheet {n}: {chunk[0].name} – {chunk[-1].name}"

    def bookmarks(self, sheets: int) -> list[parallel.Bookmark]:
        return [parallel.Bookmark(self.sheet_title(n), (n - 1) * (1 + self.duplex))
                for n in range(1, sheets + 1)] if self.outline else []

    def write(self, path: Path, first: int, stop: int, report: Report,
              progress: Callable[[int, int], None] | None = None
              ) -> tuple[dict[str, tuple[Placed, float]], int]:
        """Draw sheets ``first`` to ``stop`` - 1 (from 0) to ``path``; return the densest
        code of each QR element, and how many codes were drawn."""
        sheet, style, page_h = self.sheet, self.style, self.sheet.page[1]
        canvas = new_canvas(path, (mm(sheet.page[0]), mm(page_h)), self.meta)
        smallest: dict[str, tuple[Placed, float]] = {}
        drawn = 0
        done = first * sheet.per_page
        outside = sheet.outside(MAX_BLEED_MM)  # the same for every badge, front and back
        for n in range(first + 1, stop + 1):
            chunk = [_badge(p, self.conf, self.event, self.side, style, report)
                     for p in self.people[(n - 1) * sheet.per_page:n * sheet.per_page]]
            if self.outline:
                key = f"sheet-{n}"
                canvas.bookmarkPage(key)
                canvas.addOutlineEntry(self.sheet_title(n), key, level=0)
            shift(canvas, self.offset)
            for i, badge in enumerate(chunk):
                codes = draw(canvas, compose(badge, self.variant.front, sheet.slot(i), self.conf,
                                             style, self.layout, report, outside), page_h)
                _smallest(smallest, codes)
                drawn += len(codes)
                done += 1
                if progress is not None:
                    progress(done, len(self.people))
            style.draw_marks(canvas, self.marks, page_h)
            canvas.showPage()
            if self.duplex:
                shift(canvas, self.offset)
                for i, badge in enumerate(chunk):
                    codes = draw(canvas, compose(badge, self.variant.back,
                                                 sheet.slot(i, back=True), self.conf, style,
                                                 self.layout, report, outside), page_h)
                    _smallest(smallest, codes)
                    drawn += len(codes)
                canvas.showPage()
        canvas.save()
        return smallest, drawn


def _part(job: _Job, path: Path, first: int, stop: int
          ) -> tuple[dict[str, tuple[Placed, float]], int, Report]:
    """A worker process: one run of sheets to its own PDF."""
    report = Report()
    smallest, drawn = job.write(path, first, stop, report)
    return smallest, drawn, report


def _render_parallel(job: _Job, out: Path, sheets: int, jobs: int, report: Report,
                     progress: Callable[[int, int], None] | None
                     ) -> tuple[dict[str, tuple[Placed, float]], int]:
    # Runs of at most _part_sheets sheets, as in one process (a canvas keeps its pages
    # until it saves), as many as a multiple of the workers, so that they share the work
    # evenly (10,000 cards on 2 workers: 3.7 s in 4 runs, 4.9 s in 3), and no more: each
    # task carries the event, and 7 runs of a 5,000-talk event held 15 MB more than 4. Each
    # worker is given only its run's people: pickling all 100,000 for each of 50 runs would
    # take minutes. Their own outlines are not needed: join makes one.
    per_sheet = job.sheet.per_page
    runs = jobs * math.ceil(math.ceil(sheets / _part_sheets(per_sheet)) / jobs)
    bounds = [sheets * k // runs for k in range(runs + 1)]
    with parallel.parts(jobs, runs) as (pool, paths):
        futures = [pool.submit(_part, replace(job, outline=False,
                                              people=job.people[a * per_sheet:b * per_sheet]),
                               paths[k], 0, b - a)
                   for k, (a, b) in enumerate(itertools.pairwise(bounds))]
        for future in parallel.as_completed(futures):
            future.result()  # a worker's error, raised here
            if progress is not None:  # per finished part: the workers have no terminal
                finished = sum(bounds[k + 1] - bounds[k] for k, f in enumerate(futures)
                               if f.done())
                progress(min(len(job.people), finished * per_sheet), len(job.people))
        smallest: dict[str, tuple[Placed, float]] = {}
        drawn = 0
        for future in futures:  # in sheet order, as one process would have met them
            part_smallest, part_drawn, part_report = future.result()
            report.extend(part_report)
            _smallest(smallest, part_smallest.values())
            drawn += part_drawn
        parallel.join(paths, out, job.bookmarks(sheets))
    return smallest, drawn


def _smallest(smallest: dict[str, tuple[Placed, float]],
              codes: list[tuple[Placed, float]]) -> None:
    for item, unit in codes:
        key = item.what.split(" of ", 1)[0]
        if key not in smallest or unit < smallest[key][1]:
            smallest[key] = (item, unit)


def _product(conf: Conference, theme: Theme, options: Options, out: Path) -> Output:
    """``options``: :class:`printprog.products.badges.options.Options`."""
    from ...importers.attendees import badge_people, read_columns, read_csv
    from ...layout.sheets import load_sheet
    from .layout import load_layout

    sheet = load_sheet(options.sheet or theme.sections.badges.sheet)
    layout = load_layout(options.layout or sheet.layout
                         or theme.sections.badges.layout,
                         relative_to=sheet.source if not options.layout else None)
    report = Report()
    columns = (read_columns(options.columns) if isinstance(options.columns, Path)
               else options.columns)
    listed = (read_csv(options.attendees, columns, report.warnings)
              if options.attendees is not None else None)
    people = badge_people(conf, listed, with_speakers=options.with_speakers)
    duplex = options.duplex
    path = render(conf, people, out, sheet=sheet, layout=layout, theme=theme, duplex=duplex,
                  cut_marks=options.cut_marks, report=report,
                  progress=options.progress, jobs=options.jobs, offset=options.offset)
    sheets = -(-len(people) // sheet.per_page)
    return Output([path], report, summary=f"{len(people)} badges on {sheets} "
                  f"sheet{'s' if sheets > 1 else ''}{' with backs' if duplex else ''}")
