"""A whole run of room signs, asserted on the PDF (issue #15 items 1-7): every sign names the
conference and the day; one title size and one title column for the run; A3 holds in one
column what A4 sets in two; a long room name wraps in full; break lines at the title's size and the
URL at 12 pt or more; the QR leads to the room's page, else the day's, else the home page
with a warning."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from conftest import KVM
from pdfcheck import chars_outside, decode_qr, overlapping_lines, page_texts, parsed, render
from printprog.cli import main
from printprog.core.report import Report
from printprog.draw import urls
from printprog.importers import load
from printprog.products.signage import product as signage
from printprog.theme.loader import load_theme

THEME = load_theme()
LONG_NAME = "ChaosTrawler Stubnitz/Gängeviertel Hamburg"
DAY = date(2031, 3, 4)


def _event(folder: Path, *, links: str = "day_url: https://big.example.org/day/{day}\n"
           ) -> Path:
    """One day: 15 talks in a hall, two on a ship with a long name, registration and lunch
    in the foyer."""
    folder.mkdir()
    (folder / "conference.yaml").write_text(
        "name: Big Day 2031\nshort_name: BigDay\nstart: 2031-03-04\nend: 2031-03-04\n"
        f"timezone: Europe/Paris\nwebsite: https://big.example.org\n{links}")
    (folder / "rooms.yaml").write_text(
        "- id: hall\n  name: Grand Hall\n- id: foyer\n  name: Foyer\n"
        f"- id: ship\n  name: {LONG_NAME}\n  address: Sandtorkai, Hamburg\n")
    (folder / "speakers.yaml").write_text("- id: ann\n  name: Ann Example\n  bio: Speaks.\n")
    lines = ["2031-03-04:"]

    def add(ident: str, start: int, end: int, room: str, title: str, kind: str = "talk"):
        nonlocal lines
        lines += [f"  - id: {ident}", f"    start: {start // 60:02d}:{start % 60:02d}",
                  f"    end: {end // 60:02d}:{end % 60:02d}", f"    room: {room}",
                  f"    title: {title}", f"    kind: {kind}"]
        if kind == "talk":
            lines += ["    speakers: [ann]", "    abstract: Words."]

    add("reg", 8 * 60, 9 * 60, "foyer", "Registration", "registration")
    add("lunch", 12 * 60, 13 * 60, "foyer", "Lunch", "meal")
    for i in range(15):
        start = 9 * 60 + i * 30 + (60 if i >= 6 else 0)
        add(f"t{i}", start, start + 30, "hall", f"Talk {i + 1} on a topic that needs words")
    add("s1", 10 * 60, 11 * 60, "ship", "Sea shanties")
    add("s2", 14 * 60, 15 * 60, "ship", "Knots")
    (folder / "sessions.yaml").write_text("\n".join(lines) + "\n")
    return folder


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> Path:
    return _event(tmp_path_factory.mktemp("ev") / "big")


@pytest.fixture(scope="module")
def a4(data, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("a4")
    assert main(["signage", "--all", "--data", str(data), "--out", str(out)]) == 0
    return out / "all-rooms.pdf"


@pytest.fixture(scope="module")
def a3(data, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("a3")
    assert main(["signage", "--all", "--paper", "a3", "--data", str(data), "--out",
                 str(out)]) == 0
    return out / "all-rooms.pdf"


@pytest.fixture(scope="module")
def kvm_all(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("kvm")
    assert main(["signage", "--all", "--data", str(KVM), "--out", str(out)]) == 0
    return out / "all-rooms.pdf"


def _words(page, text: str) -> list[dict]:
    tokens = text.split()
    for i in range(len(page.words) - len(tokens) + 1):
        if [w["text"] for w in page.words[i:i + len(tokens)]] == tokens:
            return page.words[i:i + len(tokens)]
    raise AssertionError(f"{text!r} not on the page")


def _title_words(page) -> list[dict]:
    """The first word of each talk title on the page ("Talk", "Sea", "Knots", "Keynote"...):
    the word right after a time range that is not a break line."""
    out = []
    for i, w in enumerate(page.words[:-1]):
        if "\u2013" in w["text"] and w["text"][:2].isdigit() and w["text"][-2:].isdigit():
            out.append(page.words[i + 1])
    return out


def test_every_sign_of_an_all_run_names_the_conference_and_day(kvm_all, a4):
    conf = load(KVM)
    for pdf, name in ((kvm_all, conf.name), (a4, "Big Day 2031")):
        texts = page_texts(pdf)
        assert len(texts) >= 7 if pdf == kvm_all else len(texts) >= 3
        for text in texts:
            assert name in text
            assert any(signage.day_label(d) in text for d in [*conf.days, DAY])


def test_one_title_size_and_one_title_column_for_the_whole_run(kvm_all):
    """The signs the run's sizes fill (KVM: Edinburgh Suite on Monday and Tuesday, its
    fullest days) share one title size and one title column."""
    pages = [p for p in parsed(kvm_all) if "Edinburgh Suite" in p.text
             and ("Monday" in p.text or "Tuesday" in p.text)]
    assert len(pages) == 2
    firsts = [w for page in pages for w in _title_words(page)]
    assert len(firsts) > 10
    assert len({round(w["size"], 2) for w in firsts}) == 1
    assert len({round(w["x0"], 1) for w in firsts}) == 1


def test_a3_holds_in_one_column_what_a4_sets_in_two(a4, a3):
    """The hall's fifteen talks: two columns on A4 (start times only in the time column),
    one on A3 (time ranges beside every title); one sheet for each room on both."""
    def hall(pdf):
        (page,) = [p for p in parsed(pdf) if "Grand Hall" in p.text]
        return page

    assert len(_title_words(hall(a3))) == 15 + 1  # the talks and the lunch
    assert len(_title_words(hall(a4))) == 1  # the lunch line only
    assert len(page_texts(a3)) == len(page_texts(a4)) == 3
    floor = THEME.number("signage", "min", "title")
    assert min(w["size"] for w in _title_words(hall(a3))) >= floor - 1e-6


def test_a_long_room_name_wraps_in_full_before_it_shrinks(a4):
    """Too wide for two lines beside the QR at 48 pt: the whole width, on its lines."""
    page = next(p for p in parsed(a4) if "Sandtorkai" in p.text)
    assert "\u2026" not in page.text
    lines = [ln for ln in page.text.splitlines() if ln in LONG_NAME or "Gängev" in ln]
    assert " ".join(lines).replace("/ ", "/") == LONG_NAME
    assert len(lines) <= THEME.number("signage", "room_name_lines")
    name = [w for w in page.words if w["text"] in ("ChaosTrawler", "Stubnitz/", "Gängeviertel",
                                                   "Stubnitz/Gängeviertel")]
    assert len(name) >= 2 and min(w["size"] for w in name) >= 48 - 1e-6
    assert chars_outside(a4, THEME.number("signage", "margin")) == []
    assert overlapping_lines(a4) == []


def test_break_lines_at_the_title_size_and_the_url_at_12pt_or_more(a4):
    pages = parsed(a4)
    (hall1,) = [p for p in pages if "Grand Hall" in p.text and "Lunch" in p.text]
    lunch = _words(hall1, "Lunch")[0]
    title = _title_words(hall1)[0]
    assert lunch["size"] >= title["size"] - 1e-6
    for p in pages:
        url = [w for w in p.words if "big.example.org" in w["text"]]
        assert url and min(w["size"] for w in url) >= 12 - 1e-6


def test_qr_leads_to_the_day_page_without_a_room_page(a4, tmp_path):
    png = render(a4, 1, tmp_path / "p.png", dpi=100)
    assert decode_qr(png) == ["https://big.example.org/day/2031-03-04"]


def test_room_url_day_url_and_the_home_page_fallback(tmp_path):
    room_links = "room_url: https://big.example.org/room/{room}?d={day}\n"
    conf = load(_event(tmp_path / "r", links=room_links))
    report = Report()
    hall = conf.room_by_id["hall"]
    assert urls.room_url(conf, hall, DAY, report) == "https://big.example.org/room/hall?d=2031-03-04"
    assert report.warnings == []
    conf = load(_event(tmp_path / "h", links=""))
    assert urls.room_url(conf, hall, DAY, report) == "https://big.example.org"
    assert report.warnings == ["no day_url in conference.yaml: the QR codes of the room signs "
                               "lead to the home page"]
    assert urls.room_url(replace(conf, website=""), hall, DAY, report) == ""
    assert report.warnings[-1] == ("no day_url or website in conference.yaml: no QR code on "
                                   "the room signs")


def test_a_long_room_name_keeps_the_header_short(a4):
    """The name shrinks (not under 60 pt) to stay beside the QR code before it takes the
    whole width: above the QR, it made a header of two thirds of the sheet, and a sheet
    for each talk. The ship's two talks and the lunch fit one sheet, the list starting in the
    upper 60 % of it."""
    pages = [p for p in parsed(a4) if "Sandtorkai" in p.text]
    assert len(pages) == 1 and "Sheet" not in pages[0].text
    first = _words(pages[0], "10:00\u201311:00")[0]
    assert first["top"] < pages[0].height * 0.6


WIDE = "Auditorium Maximum der Universität"  # at 60 pt, two lines only at full width


def test_a_room_name_too_wide_beside_the_qr_moves_the_qr_beside_the_list(tmp_path):
    data = _event(tmp_path / "wide")
    rooms = data / "rooms.yaml"
    rooms.write_text(rooms.read_text().replace(LONG_NAME, WIDE))
    out = tmp_path / "out"
    assert main(["signage", "--room", "ship", "--data", str(data), "--out", str(out)]) == 0
    (pdf,) = out.glob("*.pdf")
    (page,) = parsed(pdf)
    assert "\u2026" not in page.text
    assert _words(page, "Auditorium")[0]["size"] >= 60 - 1e-6
    width = page.width
    margin = THEME.number("signage", "margin") * 72 / 25.4
    qr_side = THEME.number("signage", "qr_size") * 72 / 25.4
    titles = [w for w in page.words if w["top"] > _words(page, "10:00\u201311:00")[0]["top"] - 1
              and w["size"] > THEME.text("url", "signage").size]  # not the URL under the QR
    assert titles and max(w["x1"] for w in titles) < width - margin - qr_side
    assert _words(page, "10:00\u201311:00")[0]["top"] < page.height * 0.6
    assert chars_outside(pdf, THEME.number("signage", "margin")) == []
    assert overlapping_lines(pdf) == []
    png = render(pdf, 1, tmp_path / "p.png", dpi=100)
    assert decode_qr(png) == ["https://big.example.org/day/2031-03-04"]
