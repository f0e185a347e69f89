"""The changes sheet's options (:class:`printprog.products.changes.Changes`), typed."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from ...core.records import record
from ..base import Options as Common


@record(frozen=True)
class Options(Common):
    """``since``: the PDF as it was printed (the booklet, or any PDF printprog made: a
    room's sign compares only its room), whose embedded schedule is compared with the event
    given to the build (today's). None: the event against itself ("no changes").
    ``as_of``: the moment the sheet says it is as of (default: SOURCE_DATE_EPOCH, else the
    clock: :func:`printprog.products.changes.product.as_of`)."""

    since: Path | None = None
    as_of: datetime | None = None
