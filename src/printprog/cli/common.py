"""Options and steps the commands share: data and how it is read, paper, print production
(bleed, crop marks, colour mode, preflight), theme, warnings.

A product command (:mod:`printprog.cli.product`) loads its theme with :func:`load_theme_for`
(so ``--colour cmyk`` reaches every colour it draws) and its print production with
:func:`production_of`, and hands both to :func:`printprog.render.render`. Only
argparse-level imports at module level: ``printprog --help`` stays fast.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..production.spec import Production
    from ..theme.loader import Theme


def add_data(p: argparse.ArgumentParser) -> None:
    p.add_argument("--data", type=Path, default=None, metavar="PATH",
                   help="data folder or schedule file (default: the bundled KVM Forum 2013)")
    p.add_argument("--verbose", action="store_true",
                   help="list every warning, not each kind once with a count")
    p.add_argument("--photos", type=Path, default=None, metavar="DIR",
                   help="with a PDF as --data: the folder of the speakers' photos it names "
                        "(never looked for beside a PDF you received; default: none)")
    add_import_options(p)


def zone_name(text: str) -> str:
    """--timezone ZONE: an IANA zone name (exit 2 for anything else)."""
    from ..core.when import zone

    if zone(text) is None:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not an IANA time zone, e.g. Europe/Berlin")
    return text


def add_import_options(p: argparse.ArgumentParser) -> None:
    """--timezone, --language and --strict: how a schedule file is read (a data folder
    states its own zone: --timezone only sets one that says ``local``)."""
    p.add_argument("--timezone", type=zone_name, default=None, metavar="ZONE",
                   help="IANA zone to print the times in, e.g. Europe/London (default: the "
                        "file's own; a file without one is printed as written; a data "
                        "folder's conference.yaml wins unless it says 'timezone: local')")
    p.add_argument("--language", default="", metavar="CODE",
                   help="language of multilingual texts, e.g. en (default: the event's)")
    p.add_argument("--strict", action="store_true",
                   help="an event that cannot be placed is an error (exit 1), not a warning")


def import_options(args: argparse.Namespace):
    """The importers' Options from ``add_import_options``' flags."""
    from ..importers.draft import Options

    return Options(strict=getattr(args, "strict", False),
                   timezone=getattr(args, "timezone", "") or "",
                   language=getattr(args, "language", "") or "",
                   photos=getattr(args, "photos", None))


def paper_name(text: str) -> str:
    """--paper NAME: any size of templates/papers.yaml (read only when --paper is given, so
    ``printprog --help`` does not load YAML)."""
    from ..core.units import papers

    name = text.strip().lower()
    if name not in papers():
        raise argparse.ArgumentTypeError(
            f"unknown paper size '{text}'; use one of: {', '.join(papers())}")
    return name


def _bleed(text: str) -> float:
    from ..production.spec import MAX_BLEED_MM

    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of mm") from None
    if not 0 <= value <= MAX_BLEED_MM:  # also refuses nan
        raise argparse.ArgumentTypeError(f"{text} mm: use 0 to {MAX_BLEED_MM:g} mm")
    return value


def add_print_options(p: argparse.ArgumentParser) -> None:
    """--bleed, --crop-marks, --colour and --preflight; part of :func:`add_product`, and for
    commands with options of their own (badges) to call directly."""
    g = p.add_argument_group("print production")
    g.add_argument("--bleed", type=_bleed, default=0.0, metavar="MM",
                   help="bleed beyond the trim on every side, in mm (default 0; printers "
                        "usually ask for 3); backgrounds that touch the edge run into it")
    g.add_argument("--crop-marks", action="store_true",
                   help="crop marks at the trim corners, outside the bleed")
    g.add_argument("--colour", choices=["rgb", "cmyk"], default="rgb",
                   help="colour mode of the PDF: rgb for screens (default) or cmyk for print")
    g.add_argument("--pdfx", action="store_true", help="PDF/X-4 for the print shop (implies "
                   "--colour cmyk; no links or embedded schedule): printprog preflight checks it")
    g.add_argument("--preflight", action="store_true",
                   help="check the written PDF (boxes, fonts, images, colour, fitted texts, "
                        "QR sizes) and exit 1 when it has an error")


def load_conference(args: argparse.Namespace, audit: bool = True):
    """The event of ``--data``; with ``audit``, warn about characters no font can draw."""
    from ..core.resources import default_data
    from ..importers import load

    verbose = getattr(args, "verbose", False)
    with _collected() as said:
        try:
            conf = load(args.data or default_data(), import_options(args))
        finally:  # what the importer skipped or assumed, also when it then failed
            print_warnings(said, verbose)
    if audit:
        from ..qa.checks import missing_glyphs

        print_warnings(missing_glyphs(conf), verbose)
    return conf


@contextlib.contextmanager
def _collected() -> Iterator[list[str]]:
    """The library's logged warnings (an importer's skipped events) gathered instead of
    printed one by one, to be summarised: a 1,000-event export with 100 broken events
    printed 100 lines."""
    log = logging.getLogger("printprog")
    said: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            said.append(record.getMessage())

    saved = log.handlers, log.propagate
    log.handlers, log.propagate = [Collect(logging.WARNING)], False
    try:
        yield said
    finally:
        log.handlers, log.propagate = saved


def load_theme_for(args: argparse.Namespace) -> Theme:
    """The theme of ``--theme`` in the colour mode of ``--colour``."""
    from ..theme.loader import load_theme

    return load_theme(args.theme).with_colour_mode(getattr(args, "colour", "rgb"))


def production_of(args: argparse.Namespace, folds: Sequence[float] = ()) -> Production:
    """The print production of --bleed, --crop-marks and --colour."""
    from ..production.spec import Production

    return Production(bleed_mm=getattr(args, "bleed", 0.0),
                      crop_marks=getattr(args, "crop_marks", False),
                      cmyk=getattr(args, "colour", "rgb") == "cmyk", folds=tuple(folds),
                      pdfx=getattr(args, "pdfx", False))


def print_warnings(warnings: list[str], verbose: bool = False) -> None:
    """Each kind of warning once with a count (see report.summarise); all with --verbose."""
    from ..core.console import warning
    from ..core.report import summarise

    for w in summarise(warnings, verbose):
        warning(w)
