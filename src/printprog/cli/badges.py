"""``printprog badges``: name badges for the speakers, or for the attendees of a CSV export.

Only argparse is imported here; the product is imported inside :func:`run`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .common import add_data, add_print_options, finish, load_theme_for, run_product

#: Runs with more badges than this show a progress bar (on a terminal only).
PROGRESS_FROM = 300


def register(sub) -> None:
    p = sub.add_parser(
        "badges", help="name badges on sheets: speakers, or attendees from a CSV",
        description="Name badges placed N-up on sheets. Without --attendees, one for every "
                    "speaker and moderator of the schedule; with it, one for every attendee "
                    "of the CSV too (a speaker found in the CSV gets one SPEAKER badge).")
    add_data(p)
    p.add_argument("--attendees", type=Path, default=None, metavar="FILE.csv",
                   help="registration export: UTF-8, comma or semicolon, a header with "
                        "First Name / Last Name or Name, and optionally Company, Ticket, "
                        "Role, Pronouns, Email, share_contact")
    p.add_argument("--event", default=None, metavar="NAME",
                   help="the event's name on the badges (default: the name of --data's "
                        "event; with --attendees and no --data, badges name no event)")
    p.add_argument("--columns", type=columns_arg, default=None, metavar="MAP|FILE.yaml",
                   help="header names of the attendee file for printprog's columns, e.g. "
                        "name=jmeno,organisation=firma,role=funkce, or a YAML file of the same")
    p.add_argument("--sheet", default=None, metavar="PRESET|FILE",
                   help="sheet preset in templates/sheets/ (a6-4up, 86x54-10up, 4x3in-6up, "
                        "1up-86x54) or a preset YAML file (default: the theme's, a6-4up)")
    p.add_argument("--layout", default=None, metavar="NAME|FILE",
                   help="badge layout in templates/badges/ or a layout YAML file "
                        "(default: the preset's, else the theme's)")
    p.add_argument("--duplex", action="store_true",
                   help="add a back after each sheet, mirrored for long-edge duplex: the "
                        "person's sessions, or the event's information")
    p.add_argument("--cut-marks", action="store_true",
                   help="short marks at the badge corners, outside the badges")
    p.add_argument("--out", type=Path, default=Path("output/badges.pdf"), metavar="PATH",
                   help="where to write (default: output/badges.pdf)")
    p.add_argument("--theme", default="default", metavar="NAME|FILE",
                   help="theme name in templates/ or a theme YAML file (default: default)")
    p.add_argument("--jobs", type=jobs_count, default=1, metavar="N",
                   help="draw the sheets in N processes and join them in order (default 1; "
                        "faster for thousands of badges when N cores are free)")
    p.add_argument("--calibrate", action="store_true",
                   help="print only the sheet's badge outlines, centre marks and a "
                        "millimetre ruler, to check a printer's feed against the stock")
    p.add_argument("--offset", type=offset_mm, default=(0.0, 0.0), metavar="X,Y",
                   help="shift the print by X mm right and Y mm down (negative: left, up) "
                        "to correct a printer's feed; remembered nowhere (default 0,0)")
    add_print_options(p)
    p.set_defaults(func=run)


def offset_mm(text: str) -> tuple[float, float]:
    """--offset X,Y: two numbers of mm, each within 20 mm."""
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
    from ..importers.attendees import parse_columns

    try:
        return parse_columns(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def jobs_count(text: str) -> int:
    """--jobs N: a whole number of processes, 1 to 64."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if not 1 <= value <= 64:
        raise argparse.ArgumentTypeError(f"{value}: use 1 to 64")
    return value


class Progress:
    """A one-line bar on stderr, redrawn with \\r; silent when stderr is not a terminal."""

    def __init__(self, stream=None, width: int = 30):
        self.stream = stream or sys.stderr
        self.width = width
        self.shown = -1

    def __call__(self, done: int, total: int) -> None:
        if total <= PROGRESS_FROM or not self.stream.isatty():
            return
        percent = done * 100 // total
        if percent == self.shown:
            return
        self.shown = percent
        filled = self.width * done // total
        self.stream.write(f"\rbadges [{'#' * filled}{'.' * (self.width - filled)}] "
                          f"{done}/{total}")
        if done == total:
            self.stream.write("\n")
        self.stream.flush()


def run(args: argparse.Namespace) -> int:
    from ..importers.attendees import read_columns
    from ..products.base import Options

    if args.calibrate:
        from ..core.report import Report
        from ..layout.sheets import load_sheet
        from ..products.badges import calibrate as badge_calibrate

        theme = load_theme_for(args)
        sheet = load_sheet(args.sheet or str(theme.get("badges", "sheet")))
        out = badge_calibrate.write(sheet, args.out, args.offset)
        code = finish(args, [out], Report(), product="badges")
        print(f"wrote {out}: calibration page of {sheet.name}")
        return code
    columns = read_columns(args.columns) if isinstance(args.columns, Path) else args.columns
    # --attendees alone: exactly the file's people, not the bundled event's speakers.
    extra = {"sheet": args.sheet, "layout": args.layout, "attendees": args.attendees,
             "columns": columns, "duplex": args.duplex, "cut_marks": args.cut_marks,
             "with_speakers": args.data is not None or args.attendees is None,
             "offset": args.offset}
    options = Options(jobs=args.jobs, progress=Progress(), extra=extra)
    conf = _event_of(args)
    output, code = run_product(args, "badges", options, args.out, conf=conf)
    if conf is not None and not conf.name:  # said once the badges exist, as other warnings
        from ..core.console import warning

        warning("badges name no event: --attendees without --data reads no schedule; pass "
                "--event NAME (or --data with the event's schedule)")
    print(f"wrote {args.out}: {output.summary}")
    return code


def _event_of(args: argparse.Namespace):
    """The Conference the badges name, or None for --data's (loaded as every product does).

    ``--attendees`` without ``--data`` is a registration desk's own list: nothing of the
    bundled event (its name, dates, city, Wi-Fi, website) may reach those badges, so they get
    an event of no sessions named by ``--event`` (no name without it, and a warning says so).
    With ``--data``, ``--event`` renames its event on the badges."""
    from dataclasses import replace
    from datetime import date

    from ..schedule.model import Conference
    from .common import load_conference

    name = " ".join((args.event or "").split())
    if args.data is None and args.attendees is not None:
        # A fixed date, never printed (an event without sessions has no dates on a badge):
        # the same input gives the same bytes.
        return Conference(name=name, short_name=name, start_date=date(2000, 1, 1),
                          end_date=date(2000, 1, 1), timezone="UTC")
    if name:
        conf = load_conference(args)
        return replace(conf, name=name, short_name=name)
    return None
