"""``printprog chair``: a page per session for the chair, then the timing cards."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pikepdf
import pytest

from conftest import KVM
from pdfcheck import (
    chars_outside,
    font_sizes_of,
    overlapping_lines,
    page_texts,
    parsed,
    squash,
)
from printprog.cli import main
from printprog.importers import load
from printprog.products.chair.product import chaired, sentences
from printprog.schedule.labels import day_label
from printprog.schedule.views import sessions_in_room

TUESDAY = date(2013, 10, 22)


@pytest.fixture(scope="module")
def kit(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("chair") / "chair.pdf"
    assert main(["chair", "--room", "Stirling Suite", "--day", "tuesday", "--out",
                 str(out)]) == 0
    return out


def test_a_page_per_stirling_suite_session_of_the_day_in_order(kit: Path):
    conf = load(KVM)
    talks = sessions_in_room(conf, "stirling-suite", TUESDAY)
    assert len(talks) == 7
    pages = page_texts(kit)
    assert len(pages) == len(talks) + 4
    for n, (s, text) in enumerate(zip(talks, pages, strict=False), 1):
        head = squash(text.split("NEXT IN THIS ROOM")[0])
        assert squash(f"session {n} of 7") in head
        assert squash(s.title) in head
        # No other session's title above the foot of the page.
        assert not [t.title for t in talks if t is not s and squash(t.title) in head]
        for sid in s.speakers:
            sp = conf.speaker_by_id[sid]
            assert squash(sp.name) in head and squash(sp.organisation) in head
    foot = [squash(p.split("NEXT IN THIS ROOM")[1]) for p in pages[:7]]
    assert [squash(t.title) in f for t, f in zip(talks[1:], foot, strict=False)] == [True] * 6
    assert squash("the last session in the room today") in foot[6]


def test_page_gives_time_length_and_the_bio(kit: Path):
    first = page_texts(kit)[0]
    assert "13:00–13:45 (45 min)" in first
    assert ("Daniel is a long term contributor in the open source virtualization space "
            "working at Red Hat.") in " ".join(first.split())
    assert "libosinfo" in first


def test_timing_cards_each_alone_at_200_pt_at_least(kit: Path):
    cards = parsed(kit)[7:]
    assert [p.text.strip() for p in cards] == ["10 min", "5 min", "1 min", "STOP"]
    for n, word in enumerate(["10", "5", "1", "STOP"], 8):
        sizes = font_sizes_of(kit, n, word)
        assert sizes and min(sizes) >= 200
    assert all(p.width > p.height for p in cards)  # landscape
    assert all(p.width < p.height for p in parsed(kit)[:7])


def test_safe_area_and_no_overlaps(kit: Path):
    assert chars_outside(kit, 10) == []
    assert overlapping_lines(kit) == []


def test_all_rooms_once_per_room_and_day(tmp_path: Path):
    out = tmp_path / "all.pdf"
    assert main(["chair", "--all", "--out", str(out)]) == 0
    with pikepdf.open(out) as pdf, pdf.open_outline() as outline:
        titles = [item.title for item in outline.root]
    conf = load(KVM)
    expected = [f"{r.name}, {day_label(d)}" for r in conf.rooms for d in conf.days
                if chaired(conf, r, d)]
    assert titles == expected and len(expected) == 7
    assert "Stirling Suite, Wednesday 23 October 2013" in titles
    assert sum(t.strip() == "STOP" for t in page_texts(out)) == len(titles)


def test_room_without_sessions_to_chair_is_one_line(tmp_path: Path, capsys):
    assert main(["chair", "--room", "atrium", "--out", str(tmp_path / "c.pdf")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["error: Atrium & Foyer has no session to chair; nothing to print"]
    assert not (tmp_path / "c.pdf").exists()


def test_paper_too_small_for_the_cards_is_one_line(tmp_path: Path, capsys):
    assert main(["chair", "--room", "stirling", "--paper", "a5", "--out",
                 str(tmp_path / "c.pdf")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["error: the timing cards need 200 pt type: use A4 or larger paper for "
                   "printprog chair"]


@pytest.mark.parametrize(("bio", "expected"), [
    (("One. Two! Three?",), "One. Two!"),
    (("Just one sentence with v2.0 in it",), "Just one sentence with v2.0 in it"),
    (("First. ", "Second \u201cquoted.\u201d Third."), "First. Second \u201cquoted.\u201d"),
    ((), ""),
])
def test_sentences(bio, expected):
    assert sentences(bio, 2) == expected


def test_same_input_same_bytes(kit: Path, tmp_path: Path):
    again = tmp_path / "again.pdf"
    assert main(["chair", "--room", "Stirling Suite", "--day", "tuesday", "--out",
                 str(again)]) == 0
    assert again.read_bytes() == kit.read_bytes()


def test_one_rooms_kit_embeds_only_that_room_and_day(kit: Path, tmp_path: Path):
    from printprog.pdf import embedded as source

    text = source.read(kit).decode()
    assert '"scope": {\n  "room": "Stirling Suite",\n  "days": [\n   "2013-10-22"\n  ]' in text
    again = load(kit)
    assert [s.id for s in again.sessions] == [
        s.id for s in sessions_in_room(load(KVM), "stirling-suite", TUESDAY)]
    every = tmp_path / "all.pdf"
    assert main(["chair", "--all", "--out", str(every)]) == 0
    assert '"scope"' not in source.read(every).decode()  # every room: the whole schedule
    assert len(load(every).sessions) == len(load(KVM).sessions)


def test_session_page_prints_the_whole_bio_when_the_page_holds_it(kit: Path):
    # Martin Sivak's bio has three sentences; the theme's floor is two: all three print.
    page = " ".join(page_texts(kit)[3].split())
    assert "Martin has been working for Red Hat" in page
    assert "He started in the installerteam" in page
    assert "First as part of KubeVirt" in page


def test_session_page_grows_its_type_into_the_room_it_has(kit: Path):
    # A page with a short bio sets the title above the theme's 24 pt.
    assert max(font_sizes_of(kit, 3, "Kimchi:")) > 24


#: The timing cards' grounds (chair.cards in the default theme), as pdfplumber gives them.
CARD_COLOURS = {"10 min": (0x2E, 0x7D, 0x32), "5 min": (0xF2, 0xB7, 0x05),
                "1 min": (0xE8, 0x68, 0x0C), "STOP": (0xC6, 0x28, 0x28)}


def test_timing_cards_green_amber_orange_and_a_red_stop(kit: Path):
    import pdfplumber
    with pdfplumber.open(kit) as doc:
        for page, (word, rgb) in zip(doc.pages[7:], CARD_COLOURS.items(), strict=True):
            assert " ".join(page.extract_text().split()) == word
            (ground,) = [r for r in page.rects if r["width"] >= page.width]
            assert tuple(round(v * 255) for v in ground["non_stroking_color"]) == rgb, word
            # The ground fills the page, into the bleed.
            assert ground["x0"] < 0 and ground["top"] < 0
            assert ground["x1"] > page.width and ground["bottom"] > page.height


def test_timing_card_words_fill_the_page_width(kit: Path):
    import pdfplumber
    with pdfplumber.open(kit) as doc:
        page = doc.pages[7]  # "10 min", the widest word
        chars = page.chars
        width = max(c["x1"] for c in chars) - min(c["x0"] for c in chars)
    # Between the 18 mm margins of landscape A4 (261 mm): at least 90 % of it.
    assert width / PT >= 0.9 * 261


PT = 72 / 25.4
