"""The badges product (name badges on sheets), declared here (``PRODUCT``); the modules only
it uses beside it.

The declaration imports no drawing code: :meth:`build` imports :mod:`.product` (or
:mod:`.calibrate`) when it runs.
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..base import Output, Product, argument, jobs_count
from .options import Options

if TYPE_CHECKING:
    from ...schedule.model import Conference
    from ...theme.loader import Theme


def offset_mm(text: str) -> tuple[float, float]:
    """--offset X,Y: two numbers of mm, each within 20 mm (``-1,2`` too: see
    :func:`printprog.cli.product.negative_values`)."""
    parts = text.split(",")
    try:
        x, y = (float(v) for v in parts) if len(parts) == 2 else (None, None)
    except ValueError:
        x = y = None
    if x is None or y is None or not (abs(x) <= 20 and abs(y) <= 20):
        raise argparse.ArgumentTypeError(f"'{text}': give X,Y in mm, each from -20 to 20, "
                                         "e.g. 1.5,-0.5")
    return (x, y)


def columns_arg(text: str) -> dict[str, str] | Path:
    """--columns: inline ``name=jmeno,…`` (checked here: exit 2) or a YAML file's path."""
    if "=" not in text:
        return Path(text)
    from ...importers.attendees import parse_columns

    try:
        return parse_columns(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


class Badges(Product):
    name = "badges"
    help = "name badges on sheets: speakers, or attendees from a CSV"
    description = ("Name badges placed N-up on sheets. Without --attendees, one for every "
                   "speaker and moderator of the schedule; with it, one for every attendee "
                   "of the CSV too (a speaker found in the CSV gets one SPEAKER badge).")
    theme_section = "badges"
    out = "output/badges.pdf"
    Options = Options
    arguments = (
        argument("--attendees", type=Path, default=None, metavar="FILE.csv",
                 help="registration export: UTF-8, comma or semicolon, a header with "
                      "First Name / Last Name or Name, and optionally Company, Ticket, "
                      "Role, Pronouns, Email, share_contact"),
        argument("--event", default=None, metavar="NAME",
                 help="the event's name on the badges (default: the name of --data's "
                      "event; with --attendees and no --data, badges name no event)"),
        argument("--columns", type=columns_arg, default=None, metavar="MAP|FILE.yaml",
                 help="header names of the attendee file for printprog's columns, e.g. "
                      "name=jmeno,organisation=firma,role=funkce, or a YAML file of the same"),
        argument("--sheet", default=None, metavar="PRESET|FILE",
                 help="sheet preset in templates/sheets/ (a6-4up, 86x54-10up, 4x3in-6up, "
                      "1up-86x54) or a preset YAML file (default: the theme's, a6-4up)"),
        argument("--layout", default=None, metavar="NAME|FILE",
                 help="badge layout in templates/badges/ or a layout YAML file "
                      "(default: the preset's, else the theme's)"),
        argument("--duplex", action="store_true",
                 help="add a back after each sheet, mirrored for long-edge duplex: the "
                      "person's sessions, or the event's information"),
        argument("--cut-marks", action="store_true",
                 help="short marks at the badge corners, outside the badges"),
        argument("--jobs", type=jobs_count, default=1, metavar="N",
                 help="draw the sheets in N processes and join them in order (default 1; "
                      "faster for thousands of badges when N cores are free)"),
        argument("--calibrate", action="store_true",
                 help="print only the sheet's badge outlines, centre marks and a "
                      "millimetre ruler, to check a printer's feed against the stock"),
        argument("--offset", type=offset_mm, negative=True, default=(0.0, 0.0), metavar="X,Y",
                 help="shift the print by X mm right and Y mm down (negative: left, up) "
                      "to correct a printer's feed; remembered nowhere (default 0,0)"),
    )

    def options(self, values: Mapping[str, Any]) -> Options:
        # --attendees alone: exactly the file's people, not the bundled event's speakers.
        with_speakers = values.get("data") is not None or values.get("attendees") is None
        return super().options({**values, "with_speakers": with_speakers})

    def needs_schedule(self, options: Options) -> bool:
        # --attendees alone is a registration desk's own list: no schedule is read, so
        # nothing of the bundled event (name, dates, city, Wi-Fi, website) reaches it.
        return not options.calibrate and options.with_speakers

    def build(self, conference: Conference | None, theme: Theme, options: Options,
              out: Path) -> Output:
        if options.calibrate:
            from .calibrate import calibration

            return calibration(theme, options, out)
        from .product import _product

        conference = event_of(conference, options)
        output = _product(conference, theme, options, out)
        if not conference.name:
            output.report.warn("badges name no event: --attendees without --data reads no "
                               "schedule; pass --event NAME (or --data with the event's "
                               "schedule)")
        return output

    def said(self, output: Output, out: Path) -> list[str]:
        return [f"wrote {out}: {output.summary}"]


def event_of(conference: Conference | None, options: Options) -> Conference:
    """The event the badges name: ``conference`` (renamed by ``options.event`` when given),
    or, with no schedule read, an event of no sessions named by ``options.event`` (no name
    without it: a badge never names an event it was not given)."""
    from dataclasses import replace
    from datetime import date

    from ...schedule.model import Conference

    name = " ".join((options.event or "").split())
    if conference is None:
        # A fixed date, never printed (an event without sessions has no dates on a badge):
        # the same input gives the same bytes.
        return Conference(name=name, short_name=name, start_date=date(2000, 1, 1),
                          end_date=date(2000, 1, 1), timezone="UTC")
    return replace(conference, name=name, short_name=name) if name else conference


PRODUCT = Badges()
