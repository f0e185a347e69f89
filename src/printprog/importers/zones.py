"""Which zone an export's times are printed in: ``--timezone``, the file's own, or as written.

Contract: :func:`zone_of` returns the IANA name, the ZoneInfo and whether the zone was
guessed (the file stated none, or only UTC): the booklet then names no zone. Every guess,
and every disagreement between a declared zone and the events' UTC offsets, is one warning
ending in :data:`SET_ZONE` (how to set it).
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, available_timezones

from ..core.errors import PrintprogError
from ..core.when import LOCAL
from ..core.when import zone as tz_zone

log = logging.getLogger("printprog.importers")

if TYPE_CHECKING:
    from .draft import Draft, Event

def folder_zone(stated: str, override: str, where: str) -> tuple[str, bool]:
    """The zone name a data folder's times are read in, and whether it is unknown (local).

    The folder's ``timezone`` wins over ``--timezone`` (``override``): its times were
    written in that zone, so the flag is one warning naming ``where`` (conference.yaml), not
    a silent no-op. A folder that states ``local`` takes ``--timezone`` as its zone.
    """
    if stated.strip().lower() == LOCAL:
        return (override, False) if override else ("UTC", True)
    if override and stated and override != stated:
        log.warning(f"--timezone {override} ignored: {where} states timezone {stated}; "
                    "edit it there")
    return stated, False


def offset_text(offset: timedelta) -> str:
    minutes = int(offset.total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _fits(zone: ZoneInfo, events: list[Event]) -> bool:
    return all(e.offset is None or e.start.replace(tzinfo=zone).utcoffset() == e.offset
               for e in events)


#: How the organiser sets the zone; every "zone was guessed" warning ends with it.
SET_ZONE = ("pass --timezone ZONE (e.g. Europe/Berlin) or set timezone in conference.yaml "
            "(the times there stay as printed)")


def zone_of(draft: Draft, events: list[Event]) -> tuple[str, ZoneInfo, bool]:
    """The zone the times are printed in, and whether it was guessed (not stated).

    ``--timezone`` wins; else a declared zone the events' offsets agree with; else the times
    are printed as written (UTC, or the zone of the offsets they carry), with one warning.
    """
    if draft.options.timezone:
        zone = tz_zone(draft.options.timezone)  # the command line checked it; the API did not
        if zone is None:
            raise PrintprogError(f"timezone '{draft.options.timezone}' is not an IANA time "
                                 "zone, e.g. Europe/Berlin")
        return draft.options.timezone, zone, False
    offsets = sorted({e.offset for e in events if e.offset is not None})
    declared = draft.timezone
    if declared:
        zone = tz_zone(declared)  # never a file named by the data ("Europe", 300 chars)
        if zone is None:
            draft.warn(f"'{declared}' is not an IANA time zone; ignored")
            declared = ""
        else:
            if declared.upper() in ("UTC", "ETC/UTC", "Z", "GMT") and _fits(zone, events):
                draft.warn(f"the file states only UTC as its time zone; times are printed as "
                           f"written, in UTC: {SET_ZONE}")
                return "UTC", zone, True
            if _fits(zone, events):
                return declared, zone, False
            odd = [e for e in events if not _fits(zone, [e])]
            if len(odd) * 2 < len(events):  # a few events elsewhere (a talk from New York)
                draft.warn(f"{len(odd)} event(s) carry a UTC offset other than {declared}'s; "
                           f"their times are printed in {declared}: "
                           f"{', '.join(e.ident or e.title for e in odd[:10])}")
                return declared, zone, False
            draft.warn(f"the time zone {declared} disagrees with the events' own times "
                       f"(UTC{', UTC'.join(offset_text(o) for o in offsets)}); the events' "
                       f"offsets are used: {SET_ZONE}")
    if not offsets:
        if not declared:
            draft.warn("the file names no time zone and its times carry no UTC offset; they "
                       f"are printed as written: {SET_ZONE}")
        return "UTC", ZoneInfo("UTC"), True
    hours, rest = divmod(int(offsets[0].total_seconds()), 3600)
    if len(offsets) == 1 and not rest:
        name = "UTC" if not hours else f"Etc/GMT{-hours:+d}"  # POSIX sign: GMT-1 is UTC+01
    else:  # several offsets (summer time began) or a half hour: a zone that has them all
        name = next((z for z in sorted(available_timezones())
                     if "/" in z and _fits(ZoneInfo(z), events)), "UTC")
    if not declared:
        draft.warn(f"the file names no time zone; its times (UTC"
                   f"{', UTC'.join(offset_text(o) for o in offsets)}) are printed as written "
                   f"({name}): {SET_ZONE}")
    return name, ZoneInfo(name), True
