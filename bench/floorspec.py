"""What the floor (bench/floor.py) draws for each product: the strings the product prints,
each with a font and a size, and the QR payloads it encodes, read from the same event and
attendee list as the product (bench/run.py writes them into the floor's SPEC).
"""

from __future__ import annotations

from pathlib import Path


def booklet_strings(conf) -> tuple[list, list]:
    strings = [["Bold", 11, s.title] for s in conf.sessions]
    strings += [["Regular", 9, p] for s in conf.sessions for p in s.abstract]
    strings += [["Bold", 9, sp.name] for sp in conf.speakers]
    strings += [["Regular", 9, p] for sp in conf.speakers for p in sp.bio]
    codes = [[conf.url_for(s), "M"] for s in conf.sessions
             if conf.url_for(s) and not (s.plenary and not s.abstract)]
    return strings, codes


def schedule_strings(conf) -> list:
    """What signs and posters print: titles, speakers, times, rooms."""
    out = []
    for s in conf.sessions:
        out += [["Regular", 12, f"{s.start:%H:%M}\u2013{s.end:%H:%M}"], ["Bold", 14, s.title]]
        names = ", ".join(conf.speaker_by_id[p].name for p in s.people)
        if names:
            out.append(["Regular", 12, names])
    return out + [["Bold", 30, r.name] for r in conf.rooms]


def badge_strings(conf, csv: Path) -> tuple[list, list]:
    from printprog.core.report import Report
    from printprog.importers.attendees import badge_people, read_csv
    from printprog.products.badges.content import qr_for

    people = badge_people(conf, read_csv(csv))
    strings, codes = [], []
    for p in people:
        strings += [["Bold", 24, p.first_name], ["Regular", 11, p.name],
                    ["Regular", 9, p.organisation], ["Bold", 10, p.role]]
        codes.append(list(qr_for(conf, p, 18.0, 0.25, Report())))
    return strings, codes
