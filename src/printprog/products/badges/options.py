"""The badges' options (:class:`printprog.products.badges.Badges`), typed."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from ...core.records import record
from ..base import Options as Common


@record(frozen=True)
class Options(Common):
    """``sheet`` and ``layout``: preset names or YAML files (default: the theme's; the
    layout: the sheet's, else the theme's). ``attendees``: a registration CSV, with
    ``columns`` naming its headers for printprog's fields (a mapping, or a YAML file of
    one); ``with_speakers``: the event's speakers too (the CLI: unless ``--attendees`` is
    given without ``--data``). ``duplex``: a back after each sheet; ``cut_marks``: marks at
    the badge corners. ``calibrate``: only the sheet's outlines, centre marks and a ruler
    (no event read); ``offset``: (x right, y down) mm to correct a printer's feed.
    ``event``: the name the badges give the event (over the schedule's; the only name
    attendee-only badges get)."""

    sheet: str | None = None
    layout: str | None = None
    attendees: Path | None = None
    columns: Mapping[str, str] | Path | None = None
    with_speakers: bool = True
    duplex: bool = False
    cut_marks: bool = False
    calibrate: bool = False
    offset: tuple[float, float] = (0.0, 0.0)
    event: str | None = None
