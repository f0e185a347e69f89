"""What a badge says, apart from where: its text fields, its QR payload, its agenda lines.

Layout text is filled by :func:`fill`, one ``re.sub`` pass over ``{field}`` names with a dict
lookup, so data holding braces ("{name}", "{0}") is printed as it is and never formatted.
The badge QR is a URL for speakers (their first session, else the website) or for attendees
with a profile URL, else a vCard 3.0 (N, FN, ORG, and EMAIL only when the attendee agreed to
share it). :func:`qr_for` picks error correction M, else L, else drops optional vCard fields,
so that a module is never smaller than the theme's minimum at the printed size, and says so.
"""

from __future__ import annotations

import re
from datetime import date

from ...core.report import Report
from ...draw import fonts, qr
from ...schedule.attendee import Attendee
from ...schedule.labels import short_day, time_range
from ...schedule.model import Conference, Session, name_parts
from .layout import FIELD

#: An optional part of a layout text: left out when one of its fields is empty.
OPTIONAL = re.compile(r"\[([^\[\]]*)\]")
#: Joiners a layout puts between fields, trimmed at the ends when a field is empty.
SEPARATORS = " ·|,"


def fill(template: str, values: dict[str, str]) -> str:
    """``template`` with each ``{field}`` replaced by its value; an optional part in square
    brackets ("[Wi-Fi: {wifi}]") left out when a field in it is empty; dangling separators of
    empty fields ("21–23 October · " without a city) trimmed."""
    def group(m: re.Match[str]) -> str:
        names = FIELD.findall(m[1])
        return m[1] if all(values.get(n) for n in names) else ""

    text = OPTIONAL.sub(group, template)
    text = FIELD.sub(lambda m: values.get(m[1], m[0]), text)
    text = " ".join(text.split())
    # "a ·  · b" from an empty middle field becomes "a · b".
    text = text.replace("· ·", "·")
    return text.strip(SEPARATORS)


def date_range(start: date, end: date) -> str:
    """21–23 October 2013; 30 September – 2 October 2013; one day: 21 October 2013."""
    if start == end:
        return f"{start.day} {start:%B %Y}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {end:%B %Y}"
    if start.year == end.year:
        return f"{start.day} {start:%B} – {end.day} {end:%B %Y}"
    return f"{start.day} {start:%B %Y} – {end.day} {end:%B %Y}"


def event_fields(conf: Conference) -> dict[str, str]:
    """The event's texts; a Conference without sessions (attendee badges for no schedule)
    has no dates to print."""
    return {"event": conf.name, "short_name": conf.short_name or conf.name,
            "dates": date_range(conf.start_date, conf.end_date) if conf.sessions else "",
            "city": conf.city,
            "venue": conf.venue, "website": conf.website, "wifi": conf.wifi,
            "venue_address": conf.venue_address, "conduct_contact": conf.conduct_contact}


def schedule_target(conf: Conference, report: Report) -> str:
    """The URL the backs' schedule QR leads to (the website), or "" with one warning: a
    missing target leaves that QR off the backs, it does not stop the run."""
    if qr.is_url(conf.website):
        return conf.website
    said = f"'{conf.website}' is not an http(s) URL" if conf.website else "the event has none"
    report.warn(f"badge backs: no website for the schedule QR ({said}); the backs are "
                "printed without it: set website in conference.yaml")
    return ""


def person_fields(person: Attendee) -> dict[str, str]:
    return {"printed_name": person.first_name, "name": person.name,
            "family_name": _rest_of_name(person),
            "organisation": person.organisation, "pronouns": person.pronouns,
            "role": person.role}


def missing_glyphs(person: Attendee, report: Report) -> None:
    """Warn, naming the person, about characters no bundled font has (printed as U+FFFD)."""
    text = " ".join((person.name, person.first_name, person.organisation, person.pronouns))
    chars = fonts.missing(text)
    if chars:
        codes = ", ".join(f"U+{ord(c):04X}" for c in chars)
        report.warn(f"badge of {person.name}: no bundled font has {chars} ({codes}); "
                    f"printed as {fonts.REPLACEMENT}")


def _escape(value: str) -> str:
    """vCard 3.0 text value escaping (RFC 2426 section 4)."""
    return (value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
            .replace("\n", "\\n"))


def _given_family(person: Attendee) -> tuple[str, str]:
    if person.family_name:  # as the attendee list split it
        return person.given_name, person.family_name
    given = person.printed_name
    if given and person.name.startswith(given + " "):
        return given, " ".join(name_parts(person.name[len(given) + 1:]))
    parts = name_parts(person.name)  # "Prof. Dr. Sören Auer": Sören, Auer
    if len(parts) < 2:
        return person.name, ""
    return " ".join(parts[:-1]), parts[-1]


def _rest_of_name(person: Attendee) -> str:
    """The name the badge prints under the first name: the family name the attendee list
    gives, else the rest of the name after the first name ("Fernando Luis Vazquez Cao":
    Luis Vazquez Cao), titles and degrees left out; else the guessed family name."""
    if person.family_name:
        return person.family_name
    parts = name_parts(person.name)
    if len(parts) > 1 and parts[0] == person.first_name:
        return " ".join(parts[1:])
    return _given_family(person)[1]


def vcard(person: Attendee, email: bool = True, organisation: bool = True) -> str:
    """A vCard 3.0 with N and FN; ORG and EMAIL when asked for and present (EMAIL only with
    the person's consent)."""
    given, family = _given_family(person)
    lines = ["BEGIN:VCARD", "VERSION:3.0", f"N:{_escape(family)};{_escape(given)};;;",
             f"FN:{_escape(person.name)}"]
    if organisation and person.organisation:
        lines.append(f"ORG:{_escape(person.organisation)}")
    if email and person.email and person.share_contact:
        lines.append(f"EMAIL;TYPE=INTERNET:{person.email}")
    lines.append("END:VCARD")
    return "\r\n".join(lines)


def _level(payload: str, most: int) -> str | None:
    """M if its code has at most ``most`` modules a side (quiet zone included), else L, else
    None."""
    for level in ("M", "L"):
        if qr.fits(payload, level) and qr.modules(payload, level) <= most:
            return level
    return None


def qr_for(conf: Conference, person: Attendee, side_mm: float, module_min: float,
           report: Report) -> tuple[str, str]:
    """(payload, error-correction level) for the person's badge QR printed ``side_mm`` wide."""
    most = int(side_mm / module_min + 1e-9)
    if person.speaker_id and not conf.speaker_url:
        report.warn("no speaker_url in conference.yaml: a speaker's badge QR leads to their "
                    "first talk, not to a page with all of their talks")
    if person.url:
        url = qr.check_url(person.url, f"badge QR of {person.name}")
        level = _level(url, most)
        if level is None and not qr.fits(url, "L"):
            report.warn(f"badge of {person.name}: the URL is too long for any QR code; "
                        "the badge has none")
            return "", ""
        if level is None:
            report.warn(f"badge of {person.name}: the URL is too long for a QR of "
                        f"{side_mm:g} mm; printed with modules under {module_min:g} mm")
            return url, "L"
        return url, level
    full = vcard(person)
    tries = [(full, ""), (vcard(person, email=False), "EMAIL"),
             (vcard(person, email=False, organisation=False), "EMAIL and ORG")]
    seen = set()
    for payload, dropped in tries:
        if payload in seen:
            continue
        seen.add(payload)
        level = _level(payload, most)
        if level is not None:
            if dropped and payload != full:
                report.warn(f"badge of {person.name}: vCard QR without {dropped} to keep "
                            f"modules at least {module_min:g} mm on a {side_mm:g} mm code")
            return payload, level
    if not qr.fits(tries[-1][0], "L"):
        report.warn(f"badge of {person.name}: even the shortest vCard is too long for a QR "
                    "code; the badge has none")
        return "", ""
    report.warn(f"badge of {person.name}: even the shortest vCard makes a QR with modules "
                f"under {module_min:g} mm at {side_mm:g} mm")
    return tries[-1][0], "L"


def agenda_lines(session: Session, conf: Conference, person: Attendee,
                 moderator: str) -> tuple[str, str]:
    """(day, time and room; title) for one session on the back of a badge."""
    day = session.conference_day
    room = conf.room_by_id[session.room].name
    meta = f"{short_day(day)} · {time_range(session)} · {room}"
    if person.speaker_id in session.moderators and person.speaker_id not in session.speakers:
        meta += f" · {moderator}"
    return meta, session.title
