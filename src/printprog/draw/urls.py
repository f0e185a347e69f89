"""Where a QR code leads: the URL templates of conference.yaml, filled in one place.

``room_url`` (``{room}``, optionally ``{day}``), ``day_url`` (``{day}``, an ISO date) and
``speaker_url`` (``{speaker}``, a speaker id) are plain text replacements, never ``format``,
so braces in ids print as they are. Each function returns a checked http(s) URL or '', and
says in the report when it falls back to a less precise page, because a QR that leads to the
home page instead of the room's is something the organiser should know before printing. A
URL too long for a QR code is '' with a warning (the product prints no code), never an error.
"""

from __future__ import annotations

import re
from datetime import date

from ..core.report import Report
from ..schedule.model import Conference, Room
from . import qr


def _fill(template: str, **values: str) -> str:
    for key, value in values.items():
        template = template.replace(f"{{{key}}}", value)
    return template


def _coded(url: str, report: Report, what: str) -> str:
    """``url`` when it makes a QR code at level M, else '' with a warning."""
    if qr.fits(url):
        return url
    report.warn(f"{what}: the URL ({len(url.encode('utf-8')):,} bytes) is too long for a QR "
                "code; printed without one")
    return ""


def day_url(conf: Conference, day: date, report: Report, what: str) -> str:
    """The day's schedule page (``day_url``), else the home page with a warning, else ''
    with a warning. ``what`` names the product for the warnings ("the poster")."""
    if conf.day_url:
        return _coded(qr.check_url(_fill(conf.day_url, day=day.isoformat()),
                                   f"day_url for {what}"), report, what)
    if conf.website:
        report.warn(f"no day_url in conference.yaml: the QR codes of {what} lead to the home "
                    "page")
        return _coded(qr.check_url(conf.website, f"website for {what}"), report, what)
    report.warn(f"no day_url or website in conference.yaml: no QR code on {what}")
    return ""


def room_url(conf: Conference, room: Room, day: date, report: Report) -> str:
    """The room's page (``room_url``), else the day's schedule page, else the home page
    (a warning), else '' (a warning)."""
    if conf.room_url:
        return _coded(qr.check_url(_fill(conf.room_url, room=room.id, day=day.isoformat()),
                                   f"room_url for {room.name}"), report, f"the sign of {room.name}")
    return day_url(conf, day, report, "the room signs")


def speaker_url(conf: Conference, speaker_id: str) -> str:
    """The speaker's page listing all of their talks; '' when there is no template."""
    if not conf.speaker_url:
        return ""
    return qr.check_url(_fill(conf.speaker_url, speaker=speaker_id), "speaker_url")


def short_url(url: str) -> str:
    """The URL as printed for people who cannot scan: no scheme, no trailing slash."""
    return re.sub(r"^https?://", "", url).rstrip("/")
