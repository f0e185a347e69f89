"""The library's front door: a product, print-ready, in one call.

    from printprog import render
    output = render.render("booklet", conference, theme, Options(), Path("out/b.pdf"),
                           Production(bleed_mm=3, crop_marks=True))

:func:`render` builds the product (``products.get(name).build``) and then applies the print
production to every file it wrote: boxes, bleed, crop and fold marks, CMYK when asked (the
theme is put in the same colour mode first), the run's report (or the file's own:
``Output.reports``) embedded for a later ``printprog preflight``, and the schedule itself
embedded (:mod:`printprog.pdf.embedded`), all in one output transaction
(:func:`printprog.pdf.writer.transaction`): the old files are replaced only
when every step succeeded. The CLI is a thin layer over this.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import products
from .core.report import Report
from .exporters.embedded import document
from .pdf.writer import transaction
from .production.rewrite import Production, rewrite
from .products.base import Options, Output

if TYPE_CHECKING:
    from .schedule.model import Conference
    from .theme.loader import Theme

__all__ = ["Options", "Output", "Production", "produce", "render"]


def embedded(product: str, production: Production, report: Report) -> dict[str, Any]:
    """The report as preflight reads it back from the PDF."""
    return {"product": product, "colour": "cmyk" if production.cmyk else "rgb",
            "bleed_mm": production.bleed_mm, "crop_marks": production.crop_marks,
            **report.to_dict()}


def produce(paths: Sequence[Path], product: str, production: Production,
            report: Report, source: bytes | Callable[[Path], bytes] | None = None,
            reports: Mapping[Path, Report] | None = None) -> None:
    """Print production for finished PDFs, each rewritten (inside the run's transaction:
    the staged file, :func:`printprog.pdf.writer.latest`), with the ``source`` document
    (:func:`printprog.exporters.embedded.document`) embedded in each: the same for all, or
    each file's own (``source(path)``: a room's sign carries its room's part). Each file
    embeds its own report from ``reports`` (a room's sign: its QR codes, not the run's 1,600), else
    ``report``."""
    own = {Path(p): r for p, r in (reports or {}).items()}
    run = embedded(product, production, report)
    for path in map(Path, paths):
        data = embedded(product, production, own[path]) if path in own else run
        rewrite(path, production, data, source(path) if callable(source) else source)


def render(product: str, conference: Conference, theme: Theme, options: Options | None,
           out: Path, production: Production | None = None) -> Output:
    """Build ``product`` to ``out`` and make it print-ready; return what was written."""
    production = production or Production()
    theme = theme.with_colour_mode("cmyk" if production.cmyk else "rgb")
    with transaction():  # the files replaced once, print-ready (the CLI's, when inside it)
        output = products.get(product).build(conference, theme, options or Options(),
                                             Path(out))
        produce(output.paths, product, replace(production, folds=output.folds or
                                               production.folds), output.report,
                _sources(conference, output), output.reports)
    return output


def _sources(conference: Conference, output: Output) -> Callable[[Path], bytes]:
    """Each file's source document (the whole schedule, or its scope's part), each made
    once."""
    scopes = {Path(p): s for p, s in output.scopes.items()}
    made: dict[Any, bytes] = {}

    def source(path: Path) -> bytes:
        scope = scopes.get(path)
        if scope not in made:
            made[scope] = document(conference, output.pages, scope)
        return made[scope]

    return source
