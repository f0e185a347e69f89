"""The booklet's options (:class:`printprog.products.booklet.Booklet`), typed."""

from __future__ import annotations

from pathlib import Path

from ...core.records import record
from ..base import Options as Common


@record(frozen=True)
class Options(Common):
    """``impose="saddle"``: also the printer's saddle-stitch spreads (two pages per sheet
    side, padded to a multiple of 4), print-ready like the booklet, to ``impose_out``
    (default: beside the booklet, ``<name>-saddle.pdf``). ``pages``: the page budget, a
    multiple of 4: exactly that many pages, giving up what does not fit
    (:mod:`printprog.products.booklet.budget`); None: as many pages as it takes."""

    impose: str | None = None  # None or "saddle"
    impose_out: Path | None = None
    pages: int | None = None

    def __post_init__(self) -> None:
        if self.pages is not None and (self.pages < 4 or self.pages % 4):
            from ...core.errors import UsageError

            raise UsageError(f"--pages {self.pages}: a booklet's pages come in whole sheets; "
                             "give a multiple of 4 (e.g. 96)")


def saddle_path(out: Path) -> Path:
    """Where the spreads of ``out`` go by default."""
    return out.with_name(f"{out.stem}-saddle{out.suffix or '.pdf'}")
