"""The contract every product keeps: one :class:`Product` declaring itself, built by
``build(conference, theme, options, out) -> Output``.

A product (pretalx's exporter base is the model) declares its ``name`` (the CLI command and
the report's ``product``), its ``help``, its theme section, the command-line options it adds
(:class:`Argument`, or its own :meth:`Product.add_arguments`) and a frozen, typed ``Options``
dataclass of its own (a subclass of :class:`Options`: no untyped extras). The registry
(:mod:`printprog.products`), the CLI subcommand (:mod:`printprog.cli.product`), the contract
tests and the hostile harness all derive from the list of products.

A product draws its PDFs at trim size (see :mod:`printprog.production.rewrite`) to ``out`` (a
file, or a folder for a product of several files), atomically, and returns what it wrote with
the report of its layout. It never applies print production itself: :func:`printprog.render`
does that for every product the same way (and the saddle spreads a product asks for in
:attr:`Output.spreads`).

A product's declaration lives in its package's ``__init__`` and imports only this module, so
``printprog --help`` lists every product without importing reportlab; ``build`` imports the
drawing code when it runs.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import field, fields
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from ..core.records import Record, record
from ..core.report import Report

if TYPE_CHECKING:
    import argparse

    from ..schedule.model import Conference, Room
    from ..schedule.scope import Scope
    from ..theme.loader import Theme


@record(frozen=True)
class Options(Record):
    """What a run asks of any product beyond the event and the theme; a product's own
    options are the fields of its subclass (e.g. :class:`printprog.products.badges.Options`)."""

    paper: str | None = None
    day: date | None = None
    rooms: tuple[Room, ...] | None = None  # None: every room (signage, chair)
    jobs: int = 1
    progress: Callable[[int, int], None] | None = None


@record
class Output(Record):
    """What a product wrote: its files in order, the layout's report (the whole run's),
    fold positions for the marks (pt from the trim's left edge), a one-line summary for the
    terminal and the pages of the talks."""

    paths: list[Path]
    report: Report
    folds: tuple[float, ...] = ()
    summary: str = ""
    #: Session id -> page of its talk (the booklet), embedded with the source for
    #: ``printprog changes`` to cite.
    pages: dict[str, int] = field(default_factory=dict)
    #: Path -> the part of the schedule that file prints (a room's sign), embedded instead
    #: of the whole schedule; a file not named carries the whole.
    scopes: dict[Path, Scope] = field(default_factory=dict)
    #: Path -> the report of what that file draws (a room's sign: its own cut titles and QR
    #: codes), embedded for preflight instead of the run's; a file not named carries
    #: ``report``, which stays the whole run's (what the terminal is told).
    reports: dict[Path, Report] = field(default_factory=dict)
    #: File -> where its saddle-stitch spreads go: :func:`printprog.render.render` imposes
    #: the print-ready file and appends the spreads to ``paths``.
    spreads: dict[Path, Path] = field(default_factory=dict)
    #: False: the files print nothing of the schedule (a calibration page), so none is
    #: embedded.
    embeds_source: bool = True
    #: What the terminal is told on stdout besides the files (the list of changes, signs to
    #: take down), in order; see :meth:`Product.said`.
    lines: list[str] = field(default_factory=list)
    #: The preflight of each file, when :func:`printprog.render.render` was asked for it.
    preflight: list[Any] = field(default_factory=list)


@record(frozen=True)
class Argument(Record):
    """One command-line option a product declares: argparse's flags and keywords. Its
    ``dest`` (argparse's, from the first long flag) names the field of the product's
    ``Options`` it fills."""

    flags: tuple[str, ...]
    kwargs: Mapping[str, Any] = field(default_factory=dict)
    #: Its value may start with '-' (``--offset -1,2``), which argparse would take for an
    #: option: the CLI joins such a value to its flag.
    negative: bool = False


def argument(*flags: str, negative: bool = False, **kwargs: Any) -> Argument:
    """``argument("--duplex", action="store_true", help=...)``: as for argparse."""
    return Argument(flags, kwargs, negative)


def jobs_count(text: str) -> int:
    """--jobs N: a whole number of processes, 1 to 64."""
    import argparse

    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if not 1 <= value <= 64:
        raise argparse.ArgumentTypeError(f"{value}: use 1 to 64")
    return value


#: The most processes the booklet's ``--jobs`` default uses: each holds a part of about
#: 70 MB, and a long event on a many-core server would otherwise start one per day.
MOST_JOBS = 8


def cores() -> int:
    """The processors this process may run on (at least 1, at most :data:`MOST_JOBS`): the
    booklet's ``--jobs`` default, since its bytes do not depend on N."""
    import os

    try:
        available = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - macOS and Windows have no affinity call
        available = os.cpu_count() or 1
    return max(1, min(MOST_JOBS, available))


#: --day: the CLI finds the day in the event (``Options.day``).
DAY = argument("--day", metavar="DATE|WEEKDAY",
               help="only this day: 2013-10-22 or tuesday (default: every day)")


def add_rooms(parser: argparse.ArgumentParser, room_help: str, all_help: str,
              *more: Argument) -> None:
    """--room NAME or --all (or one of ``more``), one of them required: the CLI finds the
    room in the event (``Options.rooms``: that room; None with --all)."""
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--room", metavar="NAME", help=room_help)
    which.add_argument("--all", action="store_true", dest="all_rooms", help=all_help)
    for arg in more:
        which.add_argument(*arg.flags, **arg.kwargs)


class Product:
    """A product: declared by class attributes, built by :meth:`build`.

    Subclasses set ``name``, ``help``, ``theme_section`` (the key of its section in
    templates/default.yaml and :mod:`printprog.theme.schema`; None: it reads only the
    shared keys), ``out`` (the default output), ``paper`` (the default paper shown in
    ``--help``; None: no ``--paper`` option), ``arguments`` and ``Options``, and implement
    :meth:`build`."""

    name: ClassVar[str]
    help: ClassVar[str]
    description: ClassVar[str] = ""
    theme_section: ClassVar[str | None] = None
    out: ClassVar[str]
    paper: ClassVar[str | None] = None
    #: The papers it can be printed on, when not every size of templates/papers.yaml.
    papers: ClassVar[tuple[str, ...] | None] = None
    arguments: ClassVar[tuple[Argument, ...]] = ()
    Options: ClassVar[type[Options]] = Options

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        """The product's own command-line options (override for groups and the like)."""
        for arg in self.arguments:
            parser.add_argument(*arg.flags, **arg.kwargs)

    def options(self, values: Mapping[str, Any]) -> Options:
        """The product's Options from named values (the parsed command line, with ``day``
        and ``rooms`` already found in the event): every field of ``Options`` that
        ``values`` names; the others keep their defaults."""
        names = {f.name for f in fields(self.Options)}
        return self.Options(**{k: v for k, v in values.items() if k in names})

    def needs_schedule(self, options: Options) -> bool:
        """Whether a build reads the event (a badge calibration page does not)."""
        return True

    def build(self, conference: Conference, theme: Theme, options: Options,
              out: Path) -> Output:
        raise NotImplementedError

    def said(self, output: Output, out: Path) -> list[str]:
        """The lines the CLI prints on stdout after a run: ``output.lines``, then each file
        written (products override to say it their way)."""
        return [*output.lines, *map(str, output.paths)]
