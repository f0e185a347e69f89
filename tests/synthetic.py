"""Deterministic synthetic events and attendee lists, for the benchmark (bench/run.py) and
for layout tests at sizes the bundled data does not reach. Same seed, same event.

A test helper, not part of the installed package: tests import it as ``synthetic`` (the
tests folder is on sys.path), bench/run.py puts the tests folder on its path first."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from printprog.schedule.model import Conference, Kind, Room, Session, Speaker

WORDS = tuple("""virtual machine kernel memory device driver migration storage network block
scheduler interrupt cache latency throughput security container cloud guest host firmware
emulation performance testing upstream community release hardware""".split())


def _words(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def event(talks: int = 138, rooms: int = 4, day_count: int = 4, seed: int = 31,
          speakers: int | None = None, slot_minutes: int = 45) -> Conference:
    """An event like 31C3's: ``talks`` talks spread over ``rooms`` rooms and ``day_count``
    days, a lunch band each day, titles and abstracts of realistic length."""
    rng = random.Random(seed)
    tz = ZoneInfo("Europe/Berlin")
    colours = ("#1f5f8b", "#b4372f", "#2e7d4f", "#7a4ea3", "#b2671a")
    room_list = (*(Room(id=f"r{i}", name=f"Saal {i + 1}", order=i, colour=colours[i % 5])
                   for i in range(rooms)), Room(id="foyer", name="Foyer", order=rooms))
    n_speakers = speakers or max(1, talks * 2 // 3)
    people = tuple(Speaker(id=f"s{i}", name=f"{rng.choice(['Anna', 'Björn', 'Chen', 'Dana'])} "
                                            f"{rng.choice(['Meyer', 'Ørsted', 'Novak', 'Kim'])}{i}",
                           organisation=rng.choice(["ACME", "Example GmbH", ""]),
                           job_title=rng.choice(["Engineer", "Researcher", ""]),
                           bio=(_words(rng, rng.randint(20, 70)).capitalize() + ".",))
                   for i in range(n_speakers))
    start = date(2030, 12, 27)
    per_day = -(-talks // day_count)
    sessions: list[Session] = []
    n = 0
    for d in range(day_count):
        day = start + timedelta(days=d)
        lunch = datetime.combine(day, time(13, 0), tzinfo=tz)
        sessions.append(Session(id=f"lunch{d}", title="Lunch", kind=Kind.MEAL, room="foyer",
                                start=lunch, end=lunch + timedelta(hours=1)))
        slot = 0
        while n < talks and n < per_day * (d + 1):
            room = room_list[slot % rooms]
            begin = datetime.combine(day, time(10, 0), tzinfo=tz) + timedelta(
                minutes=(slot // rooms) * (slot_minutes + 15))
            if begin + timedelta(minutes=slot_minutes) > lunch:
                begin += timedelta(hours=1)  # everything from lunch on moves an hour later
            title = _words(rng, rng.randint(3, 12)).title()
            who = tuple(sorted({people[rng.randrange(n_speakers)].id
                                for _ in range(rng.randint(1, 3))}))
            sessions.append(Session(
                id=f"t{n}", title=title, room=room.id, start=begin,
                end=begin + timedelta(minutes=slot_minutes), speakers=who,
                abstract=tuple(_words(rng, rng.randint(30, 120)).capitalize() + "."
                               for _ in range(rng.randint(1, 3)))))
            n += 1
            slot += 1
    sessions.sort(key=lambda s: (s.start, s.room))
    return Conference(name="Synthetic Congress 2030", short_name="SynCon", start_date=start,
                      end_date=start + timedelta(days=day_count - 1), timezone="Europe/Berlin",
                      city="Hamburg", venue="Congress Centre", website="https://syn.example.org",
                      session_url="https://syn.example.org/talk/{id}", rooms=room_list,
                      speakers=people, sessions=tuple(sessions))


def attendees_csv(count: int, seed: int = 7) -> str:
    """A ticket export like ConfBadger's: First Name, Last Name, Company, Ticket title, Email."""
    rng = random.Random(seed)
    first = ["Anna", "Björn", "Chen", "Dana", "Émile", "Farah", "Giorgos", "Hana", "Ivan", "Jo"]
    last = ["Meyer", "Ørsted", "Novak", "Kim", "Dubois", "Haddad", "Papadopoulos", "Sato"]
    tickets = ["Regular", "Regular", "Regular", "Student", "Staff", "Press", "Sponsor"]
    rows = ["First Name,Last Name,Company,Ticket title,Email"]
    for i in range(count):
        rows.append(f"{rng.choice(first)},{rng.choice(last)}{i},Example {i % 97} GmbH,"
                    f"{rng.choice(tickets)},person{i}@example.org")
    return "\n".join(rows) + "\n"


def frab_export(events: int = 1000, rooms: int = 70, day_count: int = 2, seed: int = 13) -> str:
    """A frab schedule.xml as big conferences export it, with their mess: some events with a
    broken duration or start (skipped, with a warning), some with no speakers, titles with
    ``_x000D_`` and stray whitespace, one long title in fifty, the same name under two
    person ids. Times are staggered per room, 09:00 to 21:00, in Europe/Berlin."""
    rng = random.Random(seed)
    names = [f"{rng.choice(['Anna', 'Björn', 'Chen', 'Dana', 'Émile'])} "
             f"{rng.choice(['Meyer', 'Ørsted', 'Novak', 'Kim', 'Sato'])}{i}" for i in range(600)]
    names[1] = names[0]  # two people, one name
    start = date(2031, 8, 20)
    out = ["<?xml version='1.0' encoding='utf-8' ?>", "<schedule>", "<version>1</version>",
           "<conference>", "<acronym>big31</acronym>", "<title>Big Export Camp 2031</title>",
           f"<start>{start}</start>",
           f"<end>{start + timedelta(days=day_count - 1)}</end>",
           f"<days>{day_count}</days>", "<timeslot_duration>00:15</timeslot_duration>",
           "<time_zone_name>Europe/Berlin</time_zone_name>", "</conference>"]
    per_room_day = -(-events // (rooms * day_count))
    n = 0
    for d in range(day_count):
        day = start + timedelta(days=d)
        out.append(f"<day date='{day}' index='{d + 1}' start='{day}T09:00:00+02:00' "
                   f"end='{day}T23:00:00+02:00'>")
        for r in range(rooms):
            room = f"Tent {r + 1}" if r % 7 else f"Workshop Area {r // 7 + 1} (Hall {r})"
            out.append(f"<room name='{room}'>")
            minute = 9 * 60 + rng.choice((0, 15, 30, 45))
            for _ in range(per_room_day):
                if n >= events:
                    break
                length = rng.choice((30, 45, 60, 90))
                if minute + length > 21 * 60:
                    break
                n += 1
                title = _words(rng, rng.randint(2, 9)).title()
                if n % 50 == 0:
                    title = " ".join([title] * 6)
                if n % 23 == 0:
                    title = f"  {title}_x000D_ "
                duration = f"{length // 60:02d}:{length % 60:02d}"
                clock = f"{minute // 60:02d}:{minute % 60:02d}"
                if n % 97 == 0:
                    duration = "soon"
                if n % 131 == 0:
                    clock = "25:99"
                people = [] if n % 17 == 0 else rng.sample(range(len(names)), rng.randint(1, 3))
                out += [f"<event guid='g{n}' id='{n}'>", f"<date>{day}T{clock}:00+02:00</date>",
                        f"<start>{clock}</start>", f"<duration>{duration}</duration>",
                        f"<room>{room}</room>", f"<title>{title}</title>", "<subtitle></subtitle>",
                        "<track>Camp</track>", "<type>lecture</type>", "<language>en</language>",
                        f"<abstract>{_words(rng, 30)}.</abstract>", "<description></description>",
                        "<persons>",
                        *(f"<person id='{p}'>{names[p]}</person>" for p in people),
                        "</persons>", "<links></links>", "</event>"]
                minute += length + rng.choice((0, 15, 15, 30))
            out.append("</room>")
        out.append("</day>")
    out.append("</schedule>")
    return "\n".join(out) + "\n"
