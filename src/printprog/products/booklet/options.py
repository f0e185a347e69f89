"""The booklet's options (:class:`printprog.products.booklet.Booklet`), typed."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..base import Options as Common


@dataclass(frozen=True)
class Options(Common):
    """``impose="saddle"``: also the printer's saddle-stitch spreads (two pages per sheet
    side, padded to a multiple of 4), print-ready like the booklet, to ``impose_out``
    (default: beside the booklet, ``<name>-saddle.pdf``). ``pages``: the page budget (not
    read yet: the page-budget work fills it)."""

    impose: str | None = None  # None or "saddle"
    impose_out: Path | None = None
    pages: int | None = None


def saddle_path(out: Path) -> Path:
    """Where the spreads of ``out`` go by default."""
    return out.with_name(f"{out.stem}-saddle{out.suffix or '.pdf'}")
