"""`printprog signage` (door signs per room and day) and `printprog poster` (the day grid).

Only argparse-level imports here; the products are imported inside the handlers. Each handler
turns what the user typed into model objects (:func:`find_room`, :func:`find_day`: one-line
PrintprogErrors that list the choices), calls the product, prints warnings on stderr and the
written paths on stdout, and returns the exit code.
"""

from __future__ import annotations

import argparse
import difflib
import re
from datetime import date
from typing import TYPE_CHECKING

from ..errors import PrintprogError
from .badges import jobs_count
from .common import add_product, finish, load_conference, load_theme_for, print_warnings

if TYPE_CHECKING:
    from ..model import Conference, Room


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "signage", help="room signs for the doors: one per room per day",
        description="Write a door sign for each day a room is used (one PDF per room), or for "
                    "every room with --all (plus all-rooms.pdf for the print shop).")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--room", metavar="NAME",
                       help="room or off-site venue, e.g. 'Stirling Suite' or 'stirling'")
    which.add_argument("--all", action="store_true", dest="all_rooms",
                       help="every room that holds sessions, and a combined all-rooms.pdf")
    p.add_argument("--day", metavar="DATE|WEEKDAY",
                   help="only this day: 2013-10-22 or tuesday (default: every day)")
    add_product(p, "output/signage", ["a4", "a3"])
    p.add_argument("--jobs", type=jobs_count, default=1, metavar="N",
                   help="share the rooms out among N processes; all-rooms.pdf is then their "
                        "files joined (default 1)")
    p.set_defaults(func=cmd_signage)

    p = subparsers.add_parser(
        "poster", help="the day's whole grid as a poster for the entrance hall",
        description="Write one poster page per day (or the day asked for) with the same grid "
                    "as the booklet's day at a glance, at poster scale.")
    p.add_argument("--day", metavar="DATE|WEEKDAY",
                   help="only this day: 2013-10-22 or tuesday (default: every day)")
    add_product(p, "output/poster.pdf", ["a2", "a3"])
    p.set_defaults(func=cmd_poster)


def cmd_signage(args: argparse.Namespace) -> int:
    from ..products import signage
    from ..report import Report

    conf = load_conference(args)
    rooms = None if args.all_rooms else [find_room(conf, args.room)]
    day = find_day(conf, args.day) if args.day else None
    report = Report()
    paths = signage.build(conf, load_theme_for(args), out_dir=args.out, report=report,
                          rooms=rooms, day=day, paper_name=args.paper, jobs=args.jobs)
    print_warnings(report.warnings, args.verbose)
    code = finish(args, paths, report, product="signage")
    for path in paths:
        print(path)
    return code


def cmd_poster(args: argparse.Namespace) -> int:
    from ..products import poster
    from ..report import Report

    conf = load_conference(args)
    report = Report()
    day = find_day(conf, args.day) if args.day else None
    path = poster.build(conf, load_theme_for(args), out=args.out, report=report,
                        day=day, paper_name=args.paper)
    print_warnings(report.warnings, args.verbose)
    code = finish(args, [path], report, product="poster")
    print(path)
    return code


def _key(name: str) -> str:
    """Case-, accent- and punctuation-free words: 'Stirling  Suite!' -> 'stirling suite'."""
    from ..model import fold

    return " ".join(re.sub(r"[^0-9a-z]+", " ", fold(name)).split())


def _short(name: str) -> str:
    return " ".join(w for w in _key(name).split() if w != "suite")


def find_room(conf: Conference, query: str) -> Room:
    """The room called ``query``, ignoring case, accents and a missing 'Suite'; or the one
    room whose name starts with the words given ('cargo' for Cargo Bar)."""
    word = _key(query)
    for same in (lambda r: r.id.casefold() == query.strip().casefold(),
                 lambda r: _key(r.name) == word,
                 lambda r: bool(_short(query)) and _short(r.name) == _short(query),
                 lambda r: len(word) >= 3 and f"{_key(r.name)} ".startswith(f"{word} ")):
        found = [r for r in conf.rooms if same(r)]
        if len(found) == 1:
            return found[0]
        if found:
            raise PrintprogError(f"room '{query}' is ambiguous: "
                                 f"{', '.join(r.name for r in found)}; give the full name")
    names = {_key(r.name): r for r in conf.rooms} | {_short(r.name): r for r in conf.rooms}
    close = difflib.get_close_matches(word, list(names), n=1, cutoff=0.6)
    hint = f"did you mean {names[close[0]].name}? " if close else ""
    rooms = ", ".join(r.name for r in conf.rooms)
    raise PrintprogError(f"unknown room '{query}'; {hint}Rooms: {rooms}")


def find_day(conf: Conference, query: str) -> date:
    """A conference day from an ISO date (2013-10-22) or a weekday name ('tuesday', 'tue')."""
    known = conf.days
    choices = ", ".join(f"{d.isoformat()} ({d:%A})" for d in known)
    try:
        when: date | None = date.fromisoformat(query.strip())
    except ValueError:
        word = _key(query)
        hits = [d for d in known if len(word) >= 3 and f"{d:%A}".lower().startswith(word)]
        if len(hits) > 1:
            raise PrintprogError(f"day '{query}' matches {len(hits)} days; give the date: "
                                 f"{choices}") from None
        when = hits[0] if hits else None
    if when not in known:
        raise PrintprogError(f"no sessions on day '{query}'; the conference days are: {choices}")
    return when

