"""The sheet for the registration desk: "Changes since the programme was printed".

``options.since`` is the PDF as printed: the schedule it carries
(:mod:`printprog.importers.printed`) and the booklet page of each talk are compared with the
event passed in, today's.
Each change is a block: its QR code (the session's page) on the left, its title and what
changed on the right, grouped under a heading per kind (compare.KINDS): a cancelled
session's title struck through, a new time and room in bold. "As of <day, time>" under the
title says which sheet is current (SOURCE_DATE_EPOCH when set, so a rebuild is the same
bytes). Type for a notice board: 14 pt and up on A4 (the theme's changes.text). Meant for one or
two pages: more is drawn too, with a warning, since leaving a change off would be worse.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

from ...core.report import Report
from ...core.units import mm
from ...core.when import zone
from ...draw import fonts, qr
from ...draw.qr import qr_quiet
from ...importers.printed import printed
from ...layout import text as fit
from ...layout.plain import Cursor, PlainStyle
from ...pdf.atomic import atomic_output
from ...pdf.writer import Meta, new_canvas
from ...schedule.compare import KINDS, NOTHING, TITLE, Change, compare, details, summary, when
from ...schedule.labels import day_label
from ...schedule.model import Conference
from ...theme.loader import Theme
from ..base import Output
from .options import Options

#: More pages than this and the sheet is no longer a sheet: say so.
MAX_PAGES = 2
#: Height of the strike-through line over the baseline, as a share of the type size.
STRIKE = 0.3


def _lines(change: Change, before: Conference, after: Conference) -> list[tuple[str, str]]:
    """(text, style) under the title: the new time and room in bold, then the old one, what
    else changed and the booklet page (compare.details for the rest)."""
    a, b = change.before, change.after
    page = f" (booklet p.\u00a0{change.page})" if change.page else ""
    if a is not None and b is not None and "moved" in change.kinds:
        rest = details(change, before, after)[1:]
        return [(f"now {when(after, b)}", "when"), (f"was {when(before, a)}{page}", "detail"),
                *((line, "detail") for line in rest)]
    lines = details(change, before, after)
    if a is None and b is not None and lines:  # a new session: its time in bold too
        return [(lines[0], "when"), *((line, "detail") for line in lines[1:])]
    return [(line, "detail") for line in lines]


def _strike(cur: Cursor, fitted: fit.Fitted, x: float, top: float) -> None:
    """A line through each line of ``fitted`` (drawn at ``top``), at half the x-height."""
    s = fitted.style
    canvas = cur.canvas
    canvas.saveState()
    canvas.setStrokeColor(cur.theme.colour("ink"))
    canvas.setLineWidth(max(0.8, s.size / 14))
    baseline = top - fonts.ascent(s.font, s.size)
    for line in fitted.lines:
        y = baseline + s.size * STRIKE
        canvas.line(x, y, x + fonts.width(line, s.font, s.size), y)
        baseline -= s.leading
    canvas.restoreState()


def _entry(cur: Cursor, change: Change, before: Conference, after: Conference,
           report: Report) -> None:
    """One change: QR (when the session has a URL) beside its title and details; a cancelled
    session's title struck through."""
    st, theme = cur.st, cur.theme
    url = after.url_for(change.after) if change.after else before.url_for(change.session)
    if url and not qr.fits(url):
        report.warn(f"changes: the URL of '{change.session.title[:40]}' is too long for a QR "
                    "code; the sheet has none for it")
        url = ""
    symbol = mm(theme.sections.changes.qr_size)
    quiet = qr_quiet(symbol, url) if url else 0.0
    block = symbol + 2 * quiet if url else 0.0
    x = st.margin + (block + st.gap if url else 0.0)
    width = st.inner - (x - st.margin)
    what = f"changes: {change.session.title[:40]}"
    title = fit.fit(change.session.title, st.text["entry"], width, max_lines=3, report=report,
                    what=what)
    lines = [(fit.fit(text, st.text[key], width, max_lines=3, report=report, what=what), key)
             for text, key in _lines(change, before, after)]
    height = max(block, title.height + sum(f.height + mm(1) for f, _ in lines))
    cur.need(height)
    top = cur.y
    if url:
        unit = qr.draw(cur.canvas, st.margin, top - block, block, url, "M",
                       colour=theme.colour("qr"))
        report.note_qr(what, symbol, unit, min_side_mm=15)
    if change.kind == "cancelled":
        _strike(cur, title, x, cur.y)
    cur.draw(title, x)
    for n, (line, key) in enumerate(lines):
        cur.draw(line, x, colour="ink" if n == 0 or key == "when" else "muted", after=0)
        cur.y -= mm(1)
    cur.y = min(cur.y, top - block) - st.gap


def as_of(conf: Conference, now: datetime | None = None) -> str:
    """"As of Tuesday 22 October 2013, 14:05": ``now``, else SOURCE_DATE_EPOCH (so that a
    rebuild gives the same bytes), else the clock; in the conference's time zone."""
    tz = zone(conf.timezone)
    if now is None:
        epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
        now = (datetime.fromtimestamp(int(epoch), UTC) if epoch.isdigit()
               else datetime.now(UTC))
    local = now.astimezone(tz) if tz is not None else now.astimezone()
    return f"As of {day_label(local.date())}, {local:%H:%M}"


def draw_sheet(out: Path, before: Conference, after: Conference, changes: list[Change],
               theme: Theme, paper_name: str | None, report: Report,
               now: datetime | None = None) -> int:
    """Write the sheet to ``out``; return its number of pages. ``now``: the time the sheet
    says it is as of (default: :func:`as_of`'s)."""
    st = PlainStyle.from_theme(theme.sections.changes, paper_name)
    stamp = as_of(after, now)

    def head(cur: Cursor) -> None:
        suffix = " (continued)" if cur.pages > 1 else ""
        cur.draw(fit.fit(TITLE + suffix, st.text["title"], st.inner, max_lines=2,
                         report=report, what="changes: title"), colour="accent")
        cur.draw(fit.fit(after.name, st.text["event"], st.inner, max_lines=2, report=report,
                         what="changes: event"), colour="muted", after=st.gap / 2)
        cur.draw(fit.fit(stamp, st.text["as_of"], st.inner, max_lines=1, report=report,
                         what="changes: as of"), after=st.gap)

    meta = Meta(title=f"{after.short_name}: {TITLE.lower()}", author=after.name,
                subject=f"{TITLE}: {len(changes)}")
    with atomic_output(out) as tmp:
        cur = Cursor(new_canvas(tmp, st.page, meta), st, theme, head)
        if not changes:
            cur.draw(fit.fit("No changes: the printed programme is up to date.",
                             st.text["heading"], st.inner, max_lines=3, report=report,
                             what="changes: none"))
        for kind, heading in KINDS.items():
            group = [c for c in changes if c.kind == kind]
            if not group:
                continue
            label = fit.fit(f"{heading} ({len(group)})", st.text["heading"], st.inner,
                            max_lines=2, report=report, what=f"changes: {heading}")
            cur.need(label.height + st.gap + mm(20))  # the heading stays with an entry
            cur.draw(label, colour="accent", after=st.gap / 2)
            for change in group:
                _entry(cur, change, before, after, report)
            cur.y -= st.gap / 2
        pages = cur.pages
        cur.finish()
    if pages > MAX_PAGES:
        report.warn(f"the changes sheet runs to {pages} pages, more than {MAX_PAGES}: "
                    f"{len(changes)} changes; consider reprinting the booklet")
    return pages


def _product(conf: Conference, theme: Theme, options: Options, out: Path) -> Output:
    report = Report()
    # A room's sign: only its room and days compared.
    was = printed(options.since, "--since") if options.since is not None else None
    before = was.conference if was is not None else conf
    changes = compare(before, conf, was and was.pages, was and was.scope)
    pages = draw_sheet(out, before, conf, changes, theme, options.paper, report,
                       options.as_of)
    text = f"{len(changes)} changes on {pages} page(s)" if changes else NOTHING
    return Output([out], report, summary=text, lines=[summary(changes, before, conf)])
