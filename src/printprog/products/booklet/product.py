"""The programme booklet: cover, contents, each day's grid and talks, speakers A to Z,
venues and rooms, notes pages to a multiple of 4 less one, and the back cover.

Laid out once with platypus, written atomically. Page numbers the front needs before the
talks are placed (contents, day grids) are forms filled in at the end (layout.pageref); the
back matter is made after the talks and prints their pages directly. A large booklet is
made in parts, on ``--jobs`` processes, and joined (:mod:`.parts`); the same bytes for any
number of processes.
"""

from __future__ import annotations

import gc
import io
import logging
from pathlib import Path

from ...core.report import Report
from ...core.units import mm, paper
from ...draw import fonts
from ...layout.paragraph import clear_caches
from ...pdf.atomic import atomic_output
from ...pdf.writer import Meta, PrintCanvas
from ...schedule.model import Conference
from ...theme.loader import Theme
from ..base import Output
from .context import Geometry
from .document import BookletDoc
from .options import Options, saddle_path
from .plan import SPLIT_FROM, Plan
from .story import Story


def _geometry(theme: Theme, paper_name: str | None) -> Geometry:
    name = paper_name or theme.sections.booklet.paper
    margins = theme.sections.booklet.margins
    return Geometry(paper(name), mm(margins.inside), mm(margins.outside), mm(margins.top),
                    mm(margins.bottom))


def meta_for(conf: Conference) -> Meta:
    return Meta(title=f"{conf.name}: programme", author=conf.name,
                subject=f"Programme of {conf.name}, {conf.city} "
                        f"{conf.start_date:%-d %B %Y}".strip())


def build(conf: Conference, out: Path, theme: Theme, paper_name: str | None = None) -> Report:
    """Write the booklet to ``out``; return the report of the layout."""
    return _build(conf, out, theme, paper_name).report


def _build(conf: Conference, out: Path, theme: Theme, paper_name: str | None,
           plan: Plan | None = None) -> Story:
    with atomic_output(out) as tmp:
        return _lay_out(conf, str(tmp), theme, paper_name, plan)


def _lay_out(conf: Conference, target: str | io.BytesIO, theme: Theme,
             paper_name: str | None, plan: Plan | None) -> Story:
    """The booklet under ``plan`` written to ``target`` (a path or a file in memory)."""
    fonts.register()
    story = Story(conf, theme, _geometry(theme, paper_name), Report(), plan)
    clear_caches()
    gc.freeze()  # what exists now outlives the build: the collection below skips it
    # No automatic collection during the build: a booklet laid out whole is one of fewer
    # than SPLIT_FROM sessions (or a budget's try), whose build leaves a few hundred cyclic
    # objects, all freed by the collection below; the 15 collections the build set off
    # looked at every object it made and found next to nothing (1.4 ms of 110).
    enabled = gc.isenabled()
    gc.disable()
    try:
        doc = BookletDoc(target, story.geometry, story, meta_for(conf))
        doc.build(story.flowables(), canvasmaker=PrintCanvas)
        del doc
    finally:
        clear_caches()
        # The document, its canvas and frames are cycles the collector would free some time
        # later: free them now, so print production (pikepdf) reuses their memory rather than
        # adding to it (the 5,000-talk booklet's peak: ~500 MB without this).
        gc.collect()
        gc.unfreeze()
        if enabled:
            gc.enable()
    return story


def _product(conf: Conference, theme: Theme, options: Options, out: Path) -> Output:
    """The booklet at ``out``; with ``options.impose``, the spreads asked of print production
    (:attr:`Output.spreads`)."""
    spreads = _spreads(options, out)
    lines: list[str] = []
    layout = None if options.pages else _parts_of(conf, theme, options.paper)
    if options.pages:
        story, line = _to_budget(conf, theme, options, out)
        lines.append(line)
        report, recorded = story.report, story.recorded
    elif layout is not None:  # a large booklet: in parts, on options.jobs processes
        from . import parts

        fonts.register()
        report, recorded = parts.build(conf, theme, _geometry(theme, options.paper), layout,
                                       out, meta_for(conf), options.jobs)
    else:
        story = _build(conf, out, theme, options.paper)
        report, recorded = story.report, story.recorded
    pages = {key.removeprefix("talk-"): page for key, page in recorded.items()
             if key.startswith("talk-")}
    return Output([out], report, pages=pages, spreads=spreads, lines=lines)


def _parts_of(conf: Conference, theme: Theme, paper_name: str | None):
    """The parts of a booklet made in parts (:mod:`.parts`), or None."""
    if len(conf.sessions) < SPLIT_FROM:
        return None
    from . import parts

    fonts.register()
    return parts.plan(conf, theme, _geometry(theme, paper_name))


def _to_budget(conf: Conference, theme: Theme, options: Options, out: Path
               ) -> tuple[Story, str]:
    """The booklet at ``out`` in exactly ``options.pages`` pages (:mod:`.budget`), and the
    line that says what it gave up. Each plan tried is laid out in memory; the one kept is
    written to ``out``."""
    assert options.pages
    from . import budget  # here: only a booklet to a page budget needs it

    fonts.register()
    geometry = _geometry(theme, options.paper)

    def build(plan: Plan) -> budget.Built:
        pdf = io.BytesIO()
        story = _lay_out(conf, pdf, theme, options.paper, plan)
        return budget.Built(plan, (story, pdf.getvalue()), story.recorded["back-cover"],
                            dict(story.recorded))

    best = budget.fit(Story(conf, theme, geometry, Report()), options.pages, build,
                      conf.short_name or conf.name)
    story, data = best.result  # type: ignore[misc]
    with atomic_output(out) as tmp:
        tmp.write_bytes(data)
    return story, budget.said(best, options.pages, any(sp.photo for sp in conf.speakers))


def _spreads(options: Options, out: Path) -> dict[Path, Path]:
    from ...core.errors import PrintprogError

    if options.impose is None:
        if options.impose_out:
            raise PrintprogError("--impose-out names where the spreads go: add --impose saddle")
        return {}
    if options.impose != "saddle":
        raise PrintprogError(f"unknown imposition '{options.impose}'; use saddle")
    target = options.impose_out or saddle_path(out)
    if target.resolve() == out.resolve():
        target = saddle_path(out)
        # Logged (the CLI prints it as a warning), not reported: the report is embedded in the
        # booklet itself.
        logging.getLogger("printprog").warning(
            f"--impose-out is the booklet itself ({out}): the spreads go to {target} so the "
            "booklet is kept")
    return {out: target}
