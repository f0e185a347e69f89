"""The contract every product keeps: ``build(conference, theme, options, out) -> Output``.

A product draws its PDFs at trim size (see :mod:`printprog.production.rewrite`) to ``out`` (a file,
or a folder for a product of several files), atomically, and returns what it wrote with the
report of its layout. It never applies print production itself: :func:`printprog.render`
does that for every product the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from ..core.report import Report

if TYPE_CHECKING:
    from ..schedule.model import Conference, Room
    from ..schedule.scope import Scope
    from ..theme.loader import Theme


@dataclass(frozen=True)
class Options:
    """What a run asks of a product beyond the event and the theme. ``extra`` holds what
    only one product reads (badges: sheet, layout, attendees, duplex, cut_marks)."""

    paper: str | None = None
    day: date | None = None
    rooms: tuple[Room, ...] | None = None  # None: every room (signage)
    jobs: int = 1
    progress: Callable[[int, int], None] | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)


@dataclass
class Output:
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


class Product(Protocol):
    """A product: a name (the CLI command and the report's ``product``) and a build."""

    name: str

    def build(self, conference: Conference, theme: Theme, options: Options,
              out: Path) -> Output: ...


@dataclass(frozen=True)
class ProductEntry:
    """A product made from a build function: what each product module exports as
    ``PRODUCT``."""

    name: str
    build: Callable[[Conference, Theme, Options, Path], Output]
