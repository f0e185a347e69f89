"""Name badges placed N-up on sheets: fronts, and with duplex mirrored backs with an agenda.

:func:`render` is the product: one badge per person (see :func:`attendees.badge_people`),
placed by a sheet preset (:mod:`layout.sheets`), laid out by a badge layout
(:mod:`products.badge_layout`), coloured by the theme's ``badges`` section. :func:`compose`
computes what goes where on one side of one badge as :class:`Placed` items (mm, page
coordinates), testable without a PDF; :func:`draw` puts them on the canvas.

Promises: text keeps the theme's safe distance from its badge's edge (element boxes are
clipped to it); the printed name starts at its largest size and shrinks on one line to its
smallest before it wraps onto two, then is cut with an ellipsis and a warning naming the
person; characters no bundled font has are warned about by name; the role band's text keeps
a 4.5:1 contrast with every role colour (else an error naming the role); the PDF is written
atomically, deterministic, with every font embedded.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.colors import Color

from .. import fonts, qr
from ..errors import PrintprogError
from ..layout import text as fit
from ..layout.sheets import Rect, Sheet
from ..model import Attendee, Conference, Session
from ..pdf import Meta, atomic_output, new_canvas
from ..report import Report
from ..schedule import sessions_of_person
from ..theme import TextStyle, Theme
from ..units import mm, to_mm
from . import badge_content as content
from .badge_layout import FIELD, Element, Layout, Variant
from .badge_style import Style
from .base import Options, Output, ProductEntry

STEP = 0.5  # pt between tried type sizes


@dataclass(frozen=True)
class Placed:
    """One thing to draw: a filled rectangle, fitted text, a QR code or an image."""

    kind: str  # "fill" | "text" | "qr" | "image"
    rect: Rect  # mm on the page; for text, x/width for alignment and y = top of first line
    colour: Color | None = None
    text: fit.Fitted | None = None
    align: str = "left"
    data: str = ""  # QR payload or image path
    level: str = "M"
    what: str = ""  # for the report: which code this is


@dataclass(frozen=True)
class Badge:
    """One person's badge content, computed once and drawn on front and back."""

    person: Attendee
    fields: dict[str, str]
    qr: tuple[str, str]  # payload, level; empty payload = no code
    sessions: tuple[Session, ...]


def _box(el: Element, badge: Rect) -> Rect:
    x, y, w, h = el.box
    return Rect(badge.x + x, badge.y + y, w, h)


def _clip(box: Rect, safe: Rect, least: float) -> Rect:
    """The part of the box inside the safe area, at least ``least`` mm high: a box lower than
    one line at the smallest size (a layout scaled down) grows to one line, moved inside the
    safe area as needed, since its line would not be cut, only needs the room."""
    x0, y0 = max(box.x, safe.x), max(box.y, safe.y)
    x1, y1 = min(box.right, safe.right), min(box.bottom, safe.bottom)
    w, h = max(x1 - x0, 0.0), max(y1 - y0, least)
    y0 = max(safe.y, min(y0, safe.bottom - h))
    return Rect(x0, y0, w, h)


def fit_name(text: str, style: TextStyle, min_size: float, width: float, height: float,
             lines: int, report: Report, what: str) -> fit.Fitted:
    """One line from ``style.size`` down to ``min_size``; then two lines split where they
    come out most even (at a space, or after a hyphen: Anna-|Lena); then layout.text.fit,
    which breaks words and ends with the ellipsis and a warning. Width and height in pt."""
    unit_h = fonts.ascent(style.font, 1.0) + fonts.descent(style.font, 1.0)
    size = _largest([text], style, width, height, unit_h)
    if size < min_size - 1e-6 and lines >= 2:
        splits = [(text[:i].rstrip(), text[i:].lstrip()) for i, c in enumerate(text)
                  if c == " " or (c.isalpha() and i and text[i - 1] == "-")]
        splits = [pair for pair in splits if all(pair)]
        if splits:
            two = max(splits, key=lambda pair: _largest(list(pair), style, width, height,
                                                       unit_h))
            size = _largest(list(two), style, width, height, unit_h)
            if size >= min_size - 1e-6:
                report.note_shrunk(f"{what} ({size:g} pt, 2 lines)")
                return fit.Fitted(two, style.at(size), shrunk=True)
    if size >= min_size - 1e-6:
        if size < style.size:
            report.note_shrunk(f"{what} ({size:g} pt)")
        return fit.Fitted((text,), style.at(size), shrunk=size < style.size)
    return fit.fit(text, style, width, max_lines=lines, max_height=height, min_size=min_size,
                   step=STEP, report=report, what=what)


def _largest(lines: list[str], style: TextStyle, width: float, height: float,
             unit_h: float) -> float:
    """The largest size (a multiple of STEP, at most the style's) at which ``lines`` fit."""
    # Widths and line heights grow linearly with the size, so solve, then round down.
    unit_w = max(fonts.width(line, style.font, 1.0) for line in lines)
    leading = style.leading / style.size
    best = min(style.size, width / unit_w if unit_w else style.size,
               height / (unit_h + leading * (len(lines) - 1)))
    size = math.floor(best / STEP + 1e-6) * STEP
    while size > 0 and max(fonts.width(line, style.font, size) for line in lines) > width:
        size -= STEP  # guard against rounding in the linear solve
    return size


def _text(el: Element, badge: Badge, box: Rect, design: Rect, colour: Color, report: Report,
          text: str) -> Placed:
    """Text fitted to ``box`` (the safe part of the element's box), aligned vertically in
    ``design`` (the whole box, so a role's name sits in the middle of its band) as far as
    the safe part allows."""
    style = TextStyle(el.font, el.size, el.size * el.leading)
    w, h = mm(box.w), mm(box.h)
    what = f"badge of {badge.person.name}, {_label(el.text)}"
    if el.shrink_first:
        fitted = fit_name(text, style, el.min_size, w, h, el.lines, report, what)
    else:
        fitted = fit.fit(text, style, w, max_lines=el.lines, max_height=h,
                         min_size=el.min_size, step=STEP, report=report, what=what)
    tall = to_mm(fitted.height)
    share = {"top": 0, "middle": 0.5, "bottom": 1}[el.valign]
    top = design.y + max(0.0, design.h - tall) * share
    top = max(box.y, min(top, box.bottom - tall))
    return Placed("text", Rect(box.x, top, box.w, box.h), colour, fitted, el.align)


def _label(template: str) -> str:
    """"{printed_name}" → "printed name", for warnings."""
    return FIELD.sub(lambda m: m[1].replace("_", " "), template)


def _agenda(el: Element, badge: Badge, conf: Conference, box: Rect, style: Style,
            report: Report) -> list[Placed]:
    """The person's sessions, at the largest size where all fit; else cut and say so."""
    entries = [content.agenda_lines(s, conf, badge.person, el.moderator) for s in badge.sessions]
    if not entries:
        return []
    w, h, gap = mm(box.w), mm(box.h), mm(el.gap)
    meta_colour, colour = style.colour(el.meta_colour), style.colour(el.colour)

    def blocks(size: float, shown: int, rep: Report | None) -> tuple[list, float]:
        k = size / el.size
        meta = TextStyle(el.meta_font, el.meta_size * k, el.meta_size * k * el.leading)
        title = TextStyle(el.font, size, size * el.leading)
        out, y = [], 0.0
        for n, (m, t) in enumerate(entries[:shown]):
            what = f"agenda on the badge of {badge.person.name}"
            fm = fit.fit(m, meta, w, max_lines=2, report=rep, what=what)
            ft = fit.fit(t, title, w, max_lines=el.lines, report=rep, what=what)
            if n:
                y += gap
            out += [(fm, y, meta_colour), (ft, y + fm.height + meta.size * 0.25, colour)]
            y += fm.height + meta.size * 0.25 + ft.height
        return out, y

    size, shown = el.size, len(entries)
    while True:
        trial, height = blocks(size, shown, None)
        if height <= h + 1e-6 and not any(f.cut for f, _, _ in trial):
            break
        if size - STEP >= el.min_size - 1e-6:
            size -= STEP
            continue
        if shown > 1 and height > h + 1e-6:
            shown -= 1  # at the smallest size: fewer sessions, and a line saying how many more
            continue
        break
    placed, _ = blocks(size, shown, report)
    out = [Placed("text", Rect(box.x, box.y + to_mm(y), box.w, box.h), c, f)
           for f, y, c in placed]
    if shown < len(entries):
        more = content.fill(el.more, {**badge.fields, "count": str(len(entries) - shown)})
        note = fit.fit(more, TextStyle(el.meta_font, el.meta_size * el.min_size / el.size,
                                       el.meta_size * el.min_size / el.size * el.leading),
                       w, max_lines=1)
        out.append(Placed("text", Rect(box.x, box.bottom - to_mm(note.height), box.w, box.h),
                          meta_colour, note))
        report.warn(f"badge of {badge.person.name}: {shown} of {len(entries)} sessions fit "
                    "on the back")
    return out


def compose(badge: Badge, elements: tuple[Element, ...], rect: Rect, conf: Conference,
            style: Style, layout: Layout, report: Report) -> list[Placed]:
    """What to draw for one side of one badge whose trim is ``rect`` (mm, page coordinates)."""
    safe = rect.inset(style.safe)
    speaker = bool(badge.sessions)
    out: list[Placed] = []
    seen: set[str] = set()
    for el in elements:
        if el.only == ("others" if speaker else "speakers"):
            continue
        box = _box(el, rect)
        if el.kind == "band":
            out.append(Placed("fill", box, style.colour(el.colour, badge.person.role)))
        elif el.kind == "qr":
            data, level = (badge.qr if el.content == "badge"
                           else (badge.fields["website"], "M"))
            if data:
                out.append(Placed("qr", box, style.colour(el.colour), data=data, level=level,
                                  what=f"{el.where} of {badge.person.name}"))
        elif el.kind == "image":
            path = _image(el, conf, layout)
            if path is not None:
                out.append(Placed("image", box, data=str(path)))
        else:
            line = to_mm(fonts.ascent(el.font, el.min_size) + fonts.descent(el.font, el.min_size))
            clipped = _clip(box, safe, line)
            if clipped.w <= 0:
                continue
            if el.kind == "agenda":
                out += _agenda(el, badge, conf, clipped, style, report)
                continue
            text = content.fill(el.text, badge.fields)
            text = text.upper() if el.upper else text
            if not text or text in seen:
                continue  # no pronouns given; a one-word name already printed large
            seen.add(text)
            colour = style.colour(el.colour, badge.person.role)
            out.append(_text(el, badge, clipped, box, colour, report, text))
    return out


def _image(el: Element, conf: Conference, layout: Layout) -> Path | None:
    for base in (conf.source, layout.source.parent):
        if base is not None and (Path(base) / el.path).is_file():
            return Path(base) / el.path
    if el.optional:
        return None
    raise PrintprogError(f"{layout.source}: {el.where}.path: image '{el.path}' not found in "
                         "the data folder or beside the layout; add it or set optional: true")


def draw(canvas, items: list[Placed], page_height: float) -> list[tuple[Placed, float]]:
    """Draw the items; return each QR code drawn with its module size in points."""
    codes = []
    for item in items:
        x, y, w, h = item.rect.pdf(page_height)
        if item.kind == "fill":
            canvas.setFillColor(item.colour)
            canvas.rect(x, y, w, h, stroke=0, fill=1)
        elif item.kind == "qr":
            codes.append((item, qr.draw(canvas, x, y, w, item.data, item.level,
                                        colour=item.colour)))
        elif item.kind == "image":
            canvas.drawImage(item.data, x, y, w, h, preserveAspectRatio=True, anchor="c",
                             mask="auto")
        else:
            fit.draw(canvas, item.text, x, y + h, w, item.align, item.colour)
    return codes


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
           jobs: int = 1) -> Path:
    """Write the badges of ``people`` to ``out``; return ``out``.

    With ``jobs`` > 1 the sheets are split into that many runs of whole sheets, each drawn
    by its own process into a PDF of its own, and the parts are joined in order (pikepdf)
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
        qr.check_url(event["website"], "schedule QR on the badge backs")
    side = _qr_side(variant, style, report)
    marks = (sheet.cut_marks(style.marks["length"], style.marks["offset"],
                             style.marks["shortest"]) if cut_marks else [])
    if cut_marks and not marks:
        report.warn(f"sheet {sheet.name} has no room outside its badges for cut marks")
    sheets = math.ceil(len(people) / sheet.per_page)
    job = _Job(conf, people, sheet, layout, variant, style, event, side, marks, duplex,
               outline=sheets * (2 if duplex else 1) > 4,
               meta=Meta(title=f"{conf.short_name or conf.name}: badges", author=conf.name,
                         subject=f"{len(people)} name badges, "
                                 f"{sheet.description or sheet.name}"))
    jobs = max(1, min(jobs, sheets))
    if jobs == 1:
        with atomic_output(out) as tmp:
            smallest = job.write(tmp, 0, sheets, report, progress)
    else:
        smallest = _render_parallel(job, out, sheets, jobs, report, progress)
    # One note per QR element of the layout, for its densest code: the preflight checks the
    # minimums without a list of thousands (each too-dense code was already warned about).
    for item, unit in smallest.values():
        report.note_qr(item.what, mm(item.rect.w), unit, style.side_min, style.module_min)
    return out


@dataclass(frozen=True)
class _Job:
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
    outline: bool
    meta: Meta

    def sheet_title(self, n: int) -> str:
        """The bookmark of sheet ``n`` (from 1)."""
        chunk = self.people[(n - 1) * self.sheet.per_page:n * self.sheet.per_page]
        return f"Sheet {n}: {chunk[0].name} – {chunk[-1].name}"

    def write(self, path: Path, first: int, stop: int, report: Report,
              progress: Callable[[int, int], None] | None = None
              ) -> dict[str, tuple[Placed, float]]:
        """Draw sheets ``first`` to ``stop`` - 1 (from 0) to ``path``; return the densest
        code of each QR element."""
        sheet, style, page_h = self.sheet, self.style, self.sheet.page[1]
        canvas = new_canvas(path, (mm(sheet.page[0]), mm(page_h)), self.meta)
        smallest: dict[str, tuple[Placed, float]] = {}
        done = first * sheet.per_page
        for n in range(first + 1, stop + 1):
            chunk = [_badge(p, self.conf, self.event, self.side, style, report)
                     for p in self.people[(n - 1) * sheet.per_page:n * sheet.per_page]]
            if self.outline:
                key = f"sheet-{n}"
                canvas.bookmarkPage(key)
                canvas.addOutlineEntry(self.sheet_title(n), key, level=0)
            for i, badge in enumerate(chunk):
                codes = draw(canvas, compose(badge, self.variant.front, sheet.slot(i), self.conf,
                                             style, self.layout, report), page_h)
                _smallest(smallest, codes)
                done += 1
                if progress is not None:
                    progress(done, len(self.people))
            _draw_marks(canvas, self.marks, style, page_h)
            canvas.showPage()
            if self.duplex:
                for i, badge in enumerate(chunk):
                    codes = draw(canvas, compose(badge, self.variant.back,
                                                 sheet.slot(i, back=True), self.conf, style,
                                                 self.layout, report), page_h)
                    _smallest(smallest, codes)
                canvas.showPage()
        canvas.save()
        return smallest


def _part(job: _Job, path: Path, first: int, stop: int
          ) -> tuple[dict[str, tuple[Placed, float]], Report]:
    """A worker process: one run of sheets to its own PDF."""
    report = Report()
    return job.write(path, first, stop, report), report


def _render_parallel(job: _Job, out: Path, sheets: int, jobs: int, report: Report,
                     progress: Callable[[int, int], None] | None
                     ) -> dict[str, tuple[Placed, float]]:
    from .. import parallel

    bounds = [sheets * k // jobs for k in range(jobs + 1)]
    per_sheet = job.sheet.per_page
    with parallel.parts(jobs) as (pool, paths):
        futures = [pool.submit(_part, job, paths[k], bounds[k], bounds[k + 1])
                   for k in range(jobs)]
        for future in parallel.as_completed(futures):
            future.result()  # a worker's error, raised here
            if progress is not None:  # per finished part: the workers have no terminal
                finished = sum(bounds[k + 1] - bounds[k] for k, f in enumerate(futures)
                               if f.done())
                progress(min(len(job.people), finished * per_sheet), len(job.people))
        smallest: dict[str, tuple[Placed, float]] = {}
        for future in futures:  # in sheet order, as one process would have met them
            part_smallest, part_report = future.result()
            parallel.merge_report(report, part_report)
            _smallest(smallest, part_smallest.values())
        step = 2 if job.duplex else 1
        bookmarks = ([parallel.Bookmark(job.sheet_title(n), (n - 1) * step)
                      for n in range(1, sheets + 1)] if job.outline else [])
        parallel.join(paths, out, bookmarks)
    return smallest


def _smallest(smallest: dict[str, tuple[Placed, float]],
              codes: list[tuple[Placed, float]]) -> None:
    for item, unit in codes:
        key = item.what.split(" of ", 1)[0]
        if key not in smallest or unit < smallest[key][1]:
            smallest[key] = (item, unit)


def _draw_marks(canvas, marks: list, style: Style, page_h: float) -> None:
    if not marks:
        return
    canvas.saveState()
    canvas.setStrokeColor(style.colour("cut"))
    canvas.setLineWidth(mm(style.marks["line"]))
    for m in marks:
        canvas.line(mm(m.x0), mm(page_h - m.y0), mm(m.x1), mm(page_h - m.y1))
    canvas.restoreState()


def _product(conf: Conference, theme: Theme, options: Options, out: Path) -> Output:
    """options.extra: sheet and layout (preset names or YAML files; default the theme's),
    attendees (a CSV path or None), columns (header names for its fields), with_speakers
    (add the event's speakers to the list; default yes), duplex, cut_marks."""
    from ..attendees import badge_people, read_csv
    from ..layout.sheets import load_sheet
    from .badge_layout import load_layout

    extra = options.extra
    sheet = load_sheet(extra.get("sheet") or str(theme.get("badges", "sheet")))
    layout = load_layout(extra.get("layout") or sheet.layout
                         or str(theme.get("badges", "layout")),
                         relative_to=sheet.source if not extra.get("layout") else None)
    report = Report()
    attendees = extra.get("attendees")
    listed = (read_csv(attendees, extra.get("columns"), report.warnings)
              if attendees is not None else None)
    people = badge_people(conf, listed, with_speakers=extra.get("with_speakers", True))
    duplex = bool(extra.get("duplex"))
    path = render(conf, people, out, sheet=sheet, layout=layout, theme=theme, duplex=duplex,
                  cut_marks=bool(extra.get("cut_marks")), report=report,
                  progress=options.progress, jobs=options.jobs)
    sheets = -(-len(people) // sheet.per_page)
    return Output([path], report, summary=f"{len(people)} badges on {sheets} "
                  f"sheet{'s' if sheets > 1 else ''}{' with backs' if duplex else ''}")


PRODUCT = ProductEntry("badges", _product)
