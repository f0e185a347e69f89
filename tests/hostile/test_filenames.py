"""Room names become sign file names: whatever a room is called, the signs land inside the
output folder, one file per room, with short safe names, and nothing is overwritten."""

from __future__ import annotations

import re

import pytest

from .harness import (
    Case,
    Event,
    check_tree_untouched,
    event_case,
    module_batch,
    params,
    product_names,
    verify,
)

#: Every product of the registry: each prints room names (signage also makes files of them).
PRODUCTS = product_names()


def _rooms(*names: str):
    """Rooms with these names, each holding one talk on the first day."""
    def change(ev: Event) -> None:
        for n, name in enumerate(names):
            ev.rooms.append({"id": f"x{n}", "name": name})
            ev.sessions["2030-05-06"].append({
                "id": f"x{n}-talk", "start": "11:00", "end": "11:45", "room": f"x{n}",
                "title": f"Talk {n}", "speakers": ["ada"], "abstract": "x"})
    return change


def _files(run) -> list[str]:
    return sorted(p.name for p in (run.out / "signage").iterdir())


def _one_file_per_room(count: int):
    """``count`` rooms of their own plus all-rooms.pdf, every name short and safe."""
    def check(run) -> None:
        files = _files(run)
        assert len(files) == count + 1, files
        assert "all-rooms.pdf" in files
        for name in files:
            assert re.fullmatch(r"[a-z0-9][a-z0-9-]*\.pdf", name), name
            assert len(name.encode()) <= 100, name
        printed = [line for line in run.stdout.splitlines() if line.endswith(".pdf")]
        assert len(printed) == count + 1 and len(set(printed)) == len(printed), printed
    return check


#: Rooms of the base event that hold sessions, each with a sign: Main Hall, Small Room, the
#: foyer (registration, breaks) and the off-site pub (signage --all signs them all, #15).
BASE = 4
NASTY = ["../x", "..\\x", "/etc/passwd", ".", "..", "~", "~/.bashrc", "CON", "nul.txt",
         "x/../../y", "a\\..\\..\\b", "-rf", "$(touch pwned)", "`touch pwned`", "*", "?",
         "|cat /etc/passwd", "%2e%2e%2f"]

CASES: list[Case] = [
    event_case("path-like-room-names", _rooms(*NASTY), products=PRODUCTS,
               then={"signage": _one_file_per_room(BASE + len(NASTY))}),
    # Names whose slugs collide, including with the numbered name a collision produces: the
    # numbering must look for a free name. After Main Hall and Small Room, "A" and "A 4",
    # the next "a" was numbered a-4 (taken) again and again: signage looped forever.
    event_case("colliding-slugs", _rooms("A", "A 4", "A!", "a?", "A 4!", "A-5", "a"),
               products=PRODUCTS, then={"signage": _one_file_per_room(BASE + 7)}),
    # A room called "All rooms" must not be overwritten by the combined file.
    event_case("room-called-all-rooms", _rooms("All rooms", "all-rooms", "ALL ROOMS!"),
               products=("signage",), then={"signage": _one_file_per_room(BASE + 3)}),
    # 300 characters of name: more than a file name may have (255 bytes).
    event_case("room-name-300-chars", _rooms("Very long room name " * 15, "é" * 300),
               products=PRODUCTS, then={"signage": _one_file_per_room(BASE + 2)}),
    # Nothing ASCII in the name: the slug falls back to the room id, never to an empty name.
    event_case("room-names-without-ascii", _rooms("会议室", "غرفة الاجتماعات", "Ωμέγα", "🎤",
                                                  "☃☃"),
               products=PRODUCTS, then={"signage": _one_file_per_room(BASE + 5)}),
]


@pytest.fixture(scope="module")
def batch(request, hostile_root):
    return module_batch(request, hostile_root, CASES)


@pytest.mark.parametrize("case, product", params(CASES))
def test_room_names_as_file_names(batch, case: Case, product: str):
    run = verify(batch, case, product)
    assert not (run.out.parent / "pwned").exists()


def test_room_names_touch_nothing_outside_output(batch):
    check_tree_untouched(batch)
