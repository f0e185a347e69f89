"""The library's front door: a product, print-ready, in one call.

    from printprog import render
    from printprog.products.booklet import Options as BookletOptions
    output = render.render("booklet", conference, theme, BookletOptions(impose="saddle"),
                           Path("out/b.pdf"), Production(bleed_mm=3, crop_marks=True),
                           preflight=True)

:func:`render` builds the product (``products.get(name).build``, with the product's own
typed ``Options``) and then applies the print production to every file it wrote: boxes,
bleed, crop and fold marks, CMYK when asked (the theme is put in the same colour mode
first), the run's report (or the file's own: ``Output.reports``) embedded for a later
``printprog preflight``, and the schedule itself embedded (:mod:`printprog.pdf.embedded`);
then the saddle spreads the product asked for (``Output.spreads``: imposed from the
print-ready file, then given the same production, fold marks included), then, with
``preflight``, the preflight of every file. All in one output transaction
(:func:`printprog.pdf.atomic.transaction`): the old files are replaced only when every
step succeeded, so a failed preflight (:class:`PreflightFailed`) leaves every previous
file byte for byte. The CLI is a thin layer over this.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import fields, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import products
from .core.errors import PrintprogError
from .core.report import Report
from .exporters.embedded import document
from .pdf.atomic import deferred_saves, take, transaction
from .production.direct import finish
from .production.rewrite import Production, rewrite
from .products.base import Options, Output

if TYPE_CHECKING:
    from .schedule.model import Conference
    from .theme.loader import Theme

__all__ = ["Options", "Output", "PreflightFailed", "Production", "produce", "render"]


class PreflightFailed(PrintprogError):
    """The preflight of a file a run made found an error: nothing was replaced. ``results``:
    every file's preflight (:class:`printprog.qa.preflight.Result`), to show."""

    def __init__(self, results: Sequence[Any], output: Output):
        self.results = list(results)
        self.output = output
        failed = [r for r in self.results if r.exit_code]
        errors = sum(len(r.errors) for r in failed)
        super().__init__(f"{', '.join(str(r.path) for r in failed)}: preflight found "
                         f"{errors} error{'s' if errors != 1 else ''}; nothing was written, "
                         "the previous files are left as they were")


def embedded(product: str, production: Production, report: Report) -> dict[str, Any]:
    """The report as preflight reads it back from the PDF."""
    return {"product": product, "colour": "cmyk" if production.cmyk else "rgb",
            "bleed_mm": production.bleed_mm, "crop_marks": production.crop_marks,
            **report.to_dict()}


def produce(paths: Sequence[Path], product: str, production: Production,
            report: Report, source: bytes | Callable[[Path], bytes] | None = None,
            reports: Mapping[Path, Report] | None = None) -> None:
    """Print production for finished PDFs, each rewritten (inside the run's transaction:
    the staged file, :func:`printprog.pdf.atomic.latest`), with the ``source`` document
    (:func:`printprog.exporters.embedded.document`) embedded in each: the same for all, or
    each file's own (``source(path)``: a room's sign carries its room's part). Each file
    embeds its own report from ``reports`` (a room's sign: its QR codes, not the run's 1,600), else
    ``report``."""
    own = {Path(p): r for p, r in (reports or {}).items()}
    run = embedded(product, production, report)
    for path in map(Path, paths):
        data = embedded(product, production, own[path]) if path in own else run
        data_source = source(path) if callable(source) else source
        taken = take(path)  # drawn and not yet written: finished in memory when it can be
        finished = taken is not None and finish(taken.canvas, production, data, data_source)
        if taken is not None:
            taken.save()
        if not finished:
            rewrite(path, production, data, data_source)


def render(product: str, conference: Conference | None, theme: Theme,
           options: Options | None, out: Path, production: Production | None = None, *,
           preflight: bool = False) -> Output:
    """Build ``product`` to ``out`` and make it print-ready; return what was written (the
    spreads included; with ``preflight``, each file's preflight in ``Output.preflight``).
    ``options``: the product's own Options (common ``Options`` are taken as its defaults
    plus those). ``conference`` may be None only for a build that reads no event (a badge
    calibration page). A preflight error raises :class:`PreflightFailed`, before any file
    is replaced."""
    made = products.get(product)
    options = _typed(made.Options, options)
    if conference is None and made.needs_schedule(options):
        raise PrintprogError(f"{product}: no event given to print")
    production = production or Production()
    theme = theme.with_colour_mode("cmyk" if production.cmyk else "rgb")
    # The files replaced once, print-ready (the CLI's transaction, when inside it); a
    # product's last canvas waits unsaved for print production to finish it.
    with transaction(), deferred_saves():
        output = made.build(conference, theme, options, Path(out))
        # No schedule read (badges from an attendee list alone, a calibration page): none
        # to embed.
        sources = (_sources(conference, output)
                   if output.embeds_source and conference is not None else None)
        produce(output.paths, product, replace(production, folds=output.folds or
                                               production.folds), output.report,
                sources, output.reports)
        for source, target in output.spreads.items():
            output.paths.append(_impose(source, target, product, production, output.report))
        if preflight:
            output.preflight = _preflight(output.paths)
            if any(r.exit_code for r in output.preflight):
                raise PreflightFailed(output.preflight, output)
    return output


def _typed(cls: type[Options], options: Options | None) -> Options:
    """``options`` as the product's own Options class (common options: its defaults)."""
    if options is None:
        return cls()
    if isinstance(options, cls):
        return options
    if type(options) is Options:
        return cls(**{f.name: getattr(options, f.name) for f in fields(Options)})
    raise PrintprogError(f"options of type {type(options).__name__} are not "
                         f"{cls.__module__}.{cls.__name__}")


def _impose(source: Path, target: Path, product: str, production: Production,
            report: Report) -> Path:
    """The saddle spreads of the print-ready ``source`` at ``target``, print-ready too (the
    fold marked at the spine), carrying ``source``'s schedule (none under PDF/X, which
    allows no embedded file)."""
    from .pdf.embedded import read
    from .production.impose import saddle_file

    page_width = saddle_file(source, target)
    produce([target], f"{product}-saddle", replace(production, folds=(page_width,)), report,
            None if production.pdfx else read(source))
    return target


def _preflight(paths: Sequence[Path]) -> list[Any]:
    """Each file's preflight, read from the run's staged files (before their rename)."""
    from .qa.preflight import preflight

    return [preflight(Path(path)) for path in paths]


def _sources(conference: Conference | None, output: Output) -> Callable[[Path], bytes]:
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
