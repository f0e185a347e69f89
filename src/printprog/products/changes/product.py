"""The sheet for the registration desk: "Changes since the programme was printed".

``options.since`` is the PDF as printed: the schedule it carries
(:mod:`printprog.importers.printed`) and the booklet page of each talk are compared with the
event passed in, today's.
Each change is a block: its QR code (the session's page) on the left, its title and what
changed on the right, grouped under a heading per kind (compare.KINDS). Meant for one or
two pages: more is drawn too, with a warning, since leaving a change off would be worse.
"""

from __future__ import annotations

from pathlib import Path

from ...core.report import Report
from ...core.units import mm
from ...draw import qr
from ...draw.qr import qr_quiet
from ...importers.printed import printed
from ...layout import text as fit
from ...layout.plain import Cursor, PlainStyle
from ...pdf.writer import Meta, atomic_output, new_canvas
from ...schedule.compare import KINDS, NOTHING, TITLE, Change, compare, details, summary
from ...schedule.model import Conference
from ...theme.loader import Theme
from ..base import Output
from .options import Options

#: More pages than this and the sheet is no longer a sheet: say so.
MAX_PAGES = 2


def _entry(cur: Cursor, change: Change, before: Conference, after: Conference,
           report: Report) -> None:
    """One change: QR (when the session has a URL) beside its title and details."""
    st, theme = cur.st, cur.theme
    url = after.url_for(change.after) if change.after else before.url_for(change.session)
    if url and not qr.fits(url):
        report.warn(f"changes: the URL of '{change.session.title[:40]}' is too long for a QR "
                    "code; the sheet has none for it")
        url = ""
    symbol = mm(float(theme.number("changes", "qr_size")))
    quiet = qr_quiet(symbol, url) if url else 0.0
    block = symbol + 2 * quiet if url else 0.0
    x = st.margin + (block + st.gap if url else 0.0)
    width = st.inner - (x - st.margin)
    what = f"changes: {change.session.title[:40]}"
    title = fit.fit(change.session.title, st.text["entry"], width, max_lines=3, report=report,
                    what=what)
    lines = [fit.fit(line, st.text["detail"], width, max_lines=3, report=report, what=what)
             for line in details(change, before, after)]
    height = max(block, title.height + sum(f.height + mm(1) for f in lines))
    cur.need(height)
    top = cur.y
    if url:
        unit = qr.draw(cur.canvas, st.margin, top - block, block, url, "M",
                       colour=theme.colour("qr"))
        report.note_qr(what, symbol, unit, min_side_mm=15)
    cur.draw(title, x)
    for line in lines:
        cur.draw(line, x, colour="muted" if line is not lines[0] else "ink", after=0)
        cur.y -= mm(1)
    cur.y = min(cur.y, top - block) - st.gap


def draw_sheet(out: Path, before: Conference, after: Conference, changes: list[Change],
               theme: Theme, paper_name: str | None, report: Report) -> int:
    """Write the sheet to ``out``; return its number of pages."""
    st = PlainStyle.from_theme(theme, "changes", paper_name)

    def head(cur: Cursor) -> None:
        suffix = " (continued)" if cur.pages > 1 else ""
        cur.draw(fit.fit(TITLE + suffix, st.text["title"], st.inner, max_lines=2,
                         report=report, what="changes: title"), colour="accent")
        cur.draw(fit.fit(after.name, st.text["event"], st.inner, max_lines=2, report=report,
                         what="changes: event"), colour="muted", after=st.gap)

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
    pages = draw_sheet(out, before, conf, changes, theme, options.paper, report)
    text = f"{len(changes)} changes on {pages} page(s)" if changes else NOTHING
    return Output([out], report, summary=text, lines=[summary(changes, before, conf)])
