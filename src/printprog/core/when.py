"""Time zone names and dates from data, checked before the standard library sees them.

A date in the year 9999 parses, then overflows the first time a day is added to it (a
session past midnight): every importer checks dates with :func:`date_problem`.

``ZoneInfo(name)`` opens a file named by the data: "Europe" is a folder (IsADirectoryError),
300 characters are "file name too long", "../x" is refused with a ValueError. Every importer
asks :func:`zone` instead, so a name is either a zone of the tz database or None.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

#: The shape of a tz database name ("UTC", "Europe/Berlin", "America/Argentina/Salta",
#: "Etc/GMT-1"); the longest real one has 32 characters.
_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_+-]*(?:/[A-Za-z0-9_+-]+){0,2}$")
MAX_NAME = 64


#: ``timezone: local`` in a data folder: the zone is not known, the times are printed as
#: written and the booklet names no zone (what ``import`` writes for a zone it guessed).
LOCAL = "local"


@lru_cache(maxsize=64)
def zone(name: str) -> ZoneInfo | None:
    """The zone called ``name``, or None when the tz database has no such zone."""
    if len(name) > MAX_NAME or not _NAME.match(name):
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # a folder, a non-TZif file
        return None


#: Years a schedule may be in: far wider than any event, far from datetime's limits.
FIRST_YEAR, LAST_YEAR = 1900, 2999


def date_problem(day: date) -> str:
    """Why ``day`` cannot be a day of a schedule, or ''."""
    if FIRST_YEAR <= day.year <= LAST_YEAR:
        return ""
    return f"{day.isoformat()} is outside the years {FIRST_YEAR} to {LAST_YEAR} printprog reads"
