"""`printprog check`: what is wrong or doubtful in a loaded schedule.

Hard errors (unknown ids, end before start, duplicate ids) are raised by the importers;
what reaches here loaded, so everything found is a warning the organiser should look at.
Each warning names its item before the first ": " ("speaker anna 'Anna': has no bio"), so
:func:`printprog.core.report.summarise` gives each kind one line however many items it has.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime, timedelta
from itertools import pairwise

from ..draw import fonts, qr
from ..schedule.model import SERVICE_KINDS, Conference, fold
from ..schedule.views import sessions_of_person


def missing_glyphs(conf: Conference) -> list[str]:
    """One warning per item and field holding characters no bundled font can draw (they
    print as U+FFFD, visibly, rather than as empty boxes)."""
    out = []

    def look(what: str, field: str, text: str | None) -> None:
        if text and (chars := fonts.missing(text)):
            out.append(f"{what}: {field} has characters no bundled font covers "
                       f"({', '.join(f'U+{ord(c):04X}' for c in chars[:5])}); "
                       "they print as \ufffd")

    for r in conf.rooms:
        look(f"room {r.id}", "name", r.name)
        look(f"room {r.id}", "address", r.address)
    for sp in conf.speakers:
        for field in ("name", "job_title", "organisation"):
            look(f"speaker {sp.id} '{sp.name}'", field, getattr(sp, field))
        look(f"speaker {sp.id} '{sp.name}'", "bio", " ".join(sp.bio))
    for se in conf.sessions:
        look(f"session {se.id}", "title", se.title)
        look(f"session {se.id}", "abstract", " ".join(se.abstract))
    return out


def warnings(conf: Conference) -> list[str]:
    out: list[str] = missing_glyphs(conf) + dates_and_clocks(conf)
    by_room = defaultdict(list)
    for s in conf.sessions:
        by_room[s.room].append(s)
    for room_id, sessions in by_room.items():
        sessions.sort(key=lambda s: s.start)
        for a, b in pairwise(sessions):
            if b.start < a.end:
                out.append(f"{conf.room_by_id[room_id].name}: '{a.title}' and '{b.title}' "
                           f"overlap at {b.start:%a %H:%M}")
    for pid, sessions in sessions_of_person(conf).items():
        for a, b in _overlapping_pairs(sessions):
            if a.room != b.room:
                name = conf.speaker_by_id[pid].name
                out.append(f"{name} is in two places at once: '{a.title}' and '{b.title}' "
                           f"({a.start:%a %H:%M})")
    for s in conf.sessions:
        url = conf.url_for(s)
        if not url and s.kind not in SERVICE_KINDS:
            out.append(f"session {s.id} '{s.title}': has no URL, so its entry has no QR code "
                       "(give it a url, or set session_url in conference.yaml)")
        if url and not qr.fits(url, "L"):
            out.append(f"session {s.id}: its URL ({len(url.encode('utf-8')):,} bytes) is too "
                       f"long for a QR code (at most {qr.MAX_BYTES:,}); products print it "
                       "without one")
        if s.kind not in SERVICE_KINDS and not s.abstract:
            out.append(f"session {s.id} '{s.title}': has no abstract")
    people = sessions_of_person(conf)
    bios = defaultdict(list)
    for sp in conf.speakers:
        if sp.id not in people:
            out.append(f"speaker {sp.id} '{sp.name}': has no session")
        if not sp.bio:
            out.append(f"speaker {sp.id} '{sp.name}': has no bio")
        else:
            bios[" ".join(sp.bio)].append(sp.name)
        if sp.photo is not None and not sp.photo.is_file():
            out.append(f"speaker {sp.id} '{sp.name}': photo {sp.photo} is missing "
                       "(initials are printed instead)")
    out += look_alikes(conf)
    for names in bios.values():
        if len(names) > 1:
            out.append(f"{' and '.join(names)} have the same bio text; check it is not copied "
                       "from one to the other")
    return out


#: A session more than this far from the conference's dates is probably a typo in the year.
FAR = timedelta(days=366)


def dates_and_clocks(conf: Conference) -> list[str]:
    """Sessions dated far from the conference (2130 for 2030), a conference that spans more
    than a year (an importer takes its dates from the sessions), and times that do not exist
    (inside the hour the clocks skip in spring: read as an hour later)."""
    out = []
    if conf.end_date - conf.start_date > FAR:
        out.append(f"the conference runs from {conf.start_date} to {conf.end_date}, "
                   f"{(conf.end_date - conf.start_date).days:,} days: is a session's year "
                   "wrong?")
    for s in conf.sessions:
        day = s.conference_day
        if day < conf.start_date - FAR or day > conf.end_date + FAR:
            out.append(f"session {s.id} '{s.title}' is on {day}, more than a year from the "
                       f"conference ({conf.start_date} to {conf.end_date}): is the year right?")
        for what, when in (("starts", s.start), ("ends", s.end)):
            if when.tzinfo is not None and _skipped(when):
                out.append(f"session {s.id} '{s.title}' {what} at {when:%Y-%m-%d %H:%M}, a "
                           f"time that does not exist in {conf.timezone} (the clocks go "
                           "forward): check it")
    return out


def _skipped(when: datetime) -> bool:
    """Whether the wall-clock time does not exist in its zone (a spring-forward gap)."""
    back = when.astimezone(UTC).astimezone(when.tzinfo)
    return back.replace(tzinfo=None) != when.replace(tzinfo=None)


def look_alikes(conf: Conference) -> list[str]:
    """Speakers with different ids whose names fold alike ('Anna', 'anna'): the importer
    keeps them apart (ids say two people), the organiser knows whether they are one."""
    by_name = defaultdict(list)
    for sp in conf.speakers:
        by_name[fold(" ".join(sp.name.split()))].append(sp)
    return [f"speakers {' and '.join(f'{sp.id} {sp.name!r}' for sp in group)} look alike: "
            "one person or two? (merge them in speakers.yaml if one)"
            for group in by_name.values() if len(group) > 1]


def _overlapping_pairs(sessions):
    """Pairs (a, b) of sessions that overlap, a before b in the list, in the order of
    itertools.combinations; in start order (as sessions_of_person gives them) only the
    sessions starting before a ends are looked at, not every pair (a moderator of hundreds
    of sessions)."""
    in_order = all(a.start <= b.start for a, b in pairwise(sessions))
    for i, a in enumerate(sessions):
        for b in sessions[i + 1:]:
            if in_order and b.start >= a.end:
                break  # every later session starts after a ends
            if a.start < b.end and b.start < a.end:
                yield a, b
