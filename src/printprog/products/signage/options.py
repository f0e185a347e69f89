"""The door signs' options (:class:`printprog.products.signage.Signage`), typed."""

from __future__ import annotations

from pathlib import Path

from ...core.records import record
from ..base import Options as Common


@record(frozen=True)
class Options(Common):
    """``changed_since``: a PDF printprog made (the booklet as printed, or a room's sign):
    only the signs (room and day) whose sessions changed since are written, one file per
    room and day (:mod:`printprog.products.signage.changed`); ``rooms`` is then ignored,
    ``day`` keeps to that day. ``landscape``: the sheet turned (the theme's paper is
    portrait: a day is a list, and a list runs down); None: the theme's
    ``signage.landscape``."""

    changed_since: Path | None = None
    landscape: bool | None = None
