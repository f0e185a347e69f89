"""The changes sheet's options (:class:`printprog.products.changes.Changes`), typed."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..base import Options as Common


@dataclass(frozen=True)
class Options(Common):
    """``since``: the PDF as it was printed (the booklet, or any PDF printprog made: a
    room's sign compares only its room), whose embedded schedule is compared with the event
    given to the build (today's). None: the event against itself ("no changes")."""

    since: Path | None = None
