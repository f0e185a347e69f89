"""Sizes and shapes at the edge: very long texts, unbreakable URLs, crowds of speakers and
rooms, empty and extreme schedules, unicode no font covers. Each prints (cut with an
ellipsis and a warning where it must), in time and memory, or ends in a located error."""

from __future__ import annotations

import random

import pytest

from .harness import (
    Case,
    Event,
    check_tree_untouched,
    event_case,
    module_batch,
    params,
    verify,
)
from .harness import pdf_text as text_of

ALL = ("check", "booklet", "signage", "poster", "badges", "ical")

WORDS = ("virtual machine kernel memory device driver migration storage network block "
         "scheduler interrupt cache latency throughput security container").split()


def _long_abstract(ev: Event) -> None:
    rng = random.Random(20_000)
    words = [rng.choice(WORDS) for _ in range(20_000)]
    # Paragraphs of 2,000 words, as an abstract pasted from a paper would have.
    ev.session("t1")["abstract"] = "\n\n".join(" ".join(words[i:i + 2000])
                                               for i in range(0, 20_000, 2000))


def _printed(*texts: str, product_file: str = "booklet.pdf"):
    def check(run) -> None:
        text = text_of(run.out / product_file)
        for t in texts:
            assert t in text, f"{t[:60]!r}... not printed"
    return check


NAME_200 = ("Maximiliana Alexandrina Konstantinopoulou-Vandenberghe-Oyelaran-Nakamura " * 3)[:200]
URL_500 = "https://example.org/" + "a1b2c3d4e5" * 48


def _names_200(ev: Event) -> None:
    ev.speaker("ada").update(name=NAME_200, organisation=NAME_200.upper(), job_title=NAME_200)
    ev.room("main")["name"] = NAME_200
    ev.conference.update(name=NAME_200, short_name=NAME_200[:100])
    ev.session("opening")["title"] = NAME_200


def _url_500(ev: Event) -> None:
    ev.session("t1").update(title=f"See {URL_500} now", abstract=f"Read {URL_500} first.",
                            url=URL_500)
    ev.speaker("alan")["bio"] = URL_500


def _many_speakers(ev: Event) -> None:
    ids = [f"p{n:02d}" for n in range(60)]
    ev.speakers += [{"id": i, "name": f"Speaker Number {n:02d} Surname", "bio": "x"}
                    for n, i in enumerate(ids)]
    ev.session("t1")["speakers"] = ids[:40]
    ev.session("t1")["moderators"] = ids[40:]


def _many_rooms(ev: Event) -> None:
    for n in range(30):
        ev.rooms.append({"id": f"r{n:02d}", "name": f"Seminar Room {n:02d}",
                         "colour": f"#{(n * 8) % 256:02x}30{255 - n * 8:02x}"})
        ev.sessions["2030-05-06"].append({
            "id": f"s{n:02d}", "start": "14:00", "end": "15:00", "room": f"r{n:02d}",
            "title": f"Parallel talk {n}", "speakers": ["grace"], "abstract": "x"})


def _crowded_slot(ev: Event) -> None:
    for n in range(40):  # forty talks at once in one room: overlaps, reported by check
        ev.sessions["2030-05-06"].append({
            "id": f"c{n:02d}", "start": "15:00", "end": "15:30", "room": "small",
            "title": f"Crowded {n}", "speakers": ["ada"], "abstract": "x"})


def _extreme_times(ev: Event) -> None:
    ev.sessions["2030-05-06"] += [
        {"id": "allday", "start": "00:00", "end": "23:59", "room": "small",
         "title": "All day long", "abstract": "x"},
        {"id": "oneminute", "start": "23:58", "end": "23:59", "room": "main",
         "title": "One minute", "speakers": ["alan"], "abstract": "x"},
        {"id": "overnight", "start": "23:59", "end": "23:59 +1", "room": "main",
         "title": "Through the night", "abstract": "x"}]


def _no_sessions(ev: Event) -> None:
    ev.sessions = {}
    ev.replace["sessions.yaml"] = "{}\n"


def _only_breaks(ev: Event) -> None:
    ev.sessions = {"2030-05-06": [
        {"id": "b1", "start": "10:00", "end": "10:30", "kind": "break", "room": "foyer",
         "title": "Coffee"}]}
    ev.speakers = [ev.speaker("ada")]


def _unicode_extremes(ev: Event) -> None:
    ev.speaker("ada")["name"] = "Zoë 👩🏽‍💻 Z̵̡̢̛̗̘̙̜̝̞̟̠͇͈͉͍͎̀́̂̃̄̅̆̇̈̉̊̋̌̍̎̏̐̑̒̓̔̽̾̿͂͆͊͋͌͐͑͒͗͛ͣͤͥͦͧͨͩͪͫͬͭͮͯalgo"
    ev.speaker("alan")["name"] = "தமிழ் Tamil 𠀀𠀁 ꦗꦮ"  # no bundled font: U+FFFD and a warning
    ev.session("t1")["title"] = "\u202eevil override\u202c and \u2066isolate\u2069 stripped"
    ev.room("small")["name"] = "𝕱𝖗𝖆𝖐𝖙𝖚𝖗 Room ⅷ ﬁ ℌ"


CASES: list[Case] = [
    event_case("abstract-20000-words", _long_abstract, products=("check", "booklet", "ical")),
    event_case("names-200-chars", _names_200, products=ALL,
               then={"booklet": _printed(" ".join(NAME_200.split()))}),
    event_case("url-500-unbreakable", _url_500, products=ALL,
               then={"booklet": lambda run: _squashed_in(run, URL_500)}),
    event_case("sixty-speakers-one-talk", _many_speakers, products=ALL),
    # Thirty rooms at once: the poster's grid holds the main rooms, the rest are listed
    # under "Also today", and every parallel talk is printed in full (no narrow columns).
    event_case("thirty-parallel-rooms", _many_rooms, products=ALL,
               then={"poster": _printed("Also today", *(f"Parallel talk {n}"
                                                        for n in range(30)),
                                        product_file="poster.pdf")}),
    event_case("forty-talks-one-slot", _crowded_slot, products=ALL,
               warnings={"check": (r"'Crowded 0' and 'Crowded 1' overlap",)}),
    event_case("extreme-times", _extreme_times, products=ALL),
    event_case("no-sessions", _no_sessions, products=ALL, expect="either",
               errors=(r"^error: no (room holds sessions|sessions on any day|badges to print)",)),
    event_case("only-a-break", _only_breaks, products=ALL, expect="either",
               errors=(r"^error: no (room holds sessions|sessions on any day|badges to print)",)),
    event_case("unicode-extremes", _unicode_extremes, products=ALL,
               warnings={"check": (r"speaker alan .*: name has characters no bundled font "
                                   r"covers",)}),
]


def _squashed_in(run, url: str) -> None:
    # An unbreakable URL is broken across lines: compare without whitespace.
    assert url in "".join(text_of(run.out / "booklet.pdf").split())


@pytest.fixture(scope="module")
def batch(request, hostile_root):
    return module_batch(request, hostile_root, CASES)


@pytest.mark.parametrize("case, product", params(CASES))
def test_size(batch, case: Case, product: str):
    verify(batch, case, product)


def test_sizes_touch_nothing_outside_output(batch):
    check_tree_untouched(batch)
