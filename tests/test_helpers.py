"""The shared helpers, one of each: slugs, transliteration, day and time labels, and the
room and day matching every command uses (``ical --room stirling`` as ``signage --room
stirling``)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest

from conftest import KVM
from printprog.cli import main
from printprog.core.errors import PrintprogError
from printprog.core.text import ascii_fold, slug, transliterate
from printprog.importers import load
from printprog.products.signage import plan as sign_plan
from printprog.products.signage import product as signage
from printprog.schedule.labels import clock, day_label, short_day, time_range
from printprog.schedule.lookup import find_day, find_room
from printprog.schedule.model import Room, fold


@pytest.fixture(scope="module")
def kvm():
    return load(KVM)


@pytest.mark.parametrize(("name", "expected"), [
    ("Großes Haus", "grosses-haus"), ("Łódź Øresund", "lodz-oresund"),
    ("Lebowski's Bar", "lebowskis-bar"), ("Lebowski’s Bar", "lebowskis-bar"),
    ("Salle Éole / 2", "salle-eole-2"), ("../../etc/passwd", "etc-passwd"), ("", "item"),
    ("会议室", "item"), ("Þórr Æsir", "thorr-aesir"),
])
def test_slug_is_ascii_transliterated_and_safe(name, expected):
    assert slug(name) == expected


def test_slug_unique_within_taken_and_capped():
    taken: set[str] = set()
    assert [slug("Room", taken), slug("room!", taken), slug("ROOM", taken)] == \
        ["room", "room-2", "room-3"]
    assert slug("a" * 100 + " b", max_length=60) == "a" * 60
    assert slug("..", fallback="room") == "room"


def test_the_sign_file_stem_is_the_same_slug():
    """signage names its files with text.slug, ß and all (it used to drop ß)."""
    assert signage.slug("Großer Saal") == slug("Großer Saal") == "grosser-saal"
    assert signage.slug("x" * 300) == "x" * sign_plan.SLUG_MAX


def test_one_transliteration_for_ids_sorting_and_matching():
    assert transliterate("Straße, Ørsted, Łukasz") == "Strasse, Orsted, Lukasz"
    assert ascii_fold("Łódź, Färber, 日本") == "Lodz, Farber, 日本"
    assert fold("Łukasz") == "lukasz"  # sorts among the Ls, not after Z
    assert fold("Färber") == fold("farber")


def test_labels():
    day = date(2013, 10, 22)
    assert day_label(day) == "Tuesday 22 October 2013"
    assert day_label(day, year=False) == "Tuesday 22 October"
    assert short_day(day) == "Tue 22 Oct"

    class Slot:
        start = datetime(2013, 10, 22, 9, 5)
        end = datetime(2013, 10, 22, 10, 0)

    assert clock(Slot.start) == "09:05"
    assert time_range(Slot) == "09:05\u201310:00"


@pytest.mark.parametrize("typed", ["Stirling Suite", "stirling", "STIRLING", "stirling-suite",
                                   " Stírling  suite! "])
def test_find_room_forgiving(kvm, typed):
    assert find_room(kvm, typed).id == "stirling-suite"


def test_find_room_miss_says_did_you_mean(kvm):
    with pytest.raises(PrintprogError, match=r"^unknown room 'stirlng'; did you mean Stirling "
                                             r"Suite\? Rooms: Edinburgh Suite, "):
        find_room(kvm, "stirlng")


def test_find_room_ambiguous(kvm):
    two = replace(kvm, rooms=(*kvm.rooms, Room(id="cargo-hold", name="Cargo Hold", order=99)))
    with pytest.raises(PrintprogError, match=r"^room 'cargo' is ambiguous: Cargo Bar, Cargo "
                                             r"Hold; give the full name$"):
        find_room(two, "cargo")


def test_find_day(kvm):
    assert find_day(kvm, "tue") == date(2013, 10, 22)
    assert find_day(kvm, "2013-10-23") == date(2013, 10, 23)
    with pytest.raises(PrintprogError, match=r"^no sessions on day 'sunday'; the conference"):
        find_day(kvm, "sunday")


def test_ical_room_matches_as_signage_does(tmp_path: Path, kvm, capsys):
    out = tmp_path / "stirling.ics"
    assert main(["ical", "--data", str(KVM), "--room", "stirling", "--out", str(out)]) == 0
    assert capsys.readouterr().out == f"wrote {out}: 11 events\n"
    data = out.read_bytes()
    assert data.count(b"LOCATION:Stirling Suite\r\n") == 11
    assert main(["ical", "--data", str(KVM), "--room", "stirlng", "--out", str(out)]) == 1
    assert "did you mean Stirling Suite?" in capsys.readouterr().err
