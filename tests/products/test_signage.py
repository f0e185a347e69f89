"""Room signs, asserted on the PDF: which titles are on which sheet, type sizes, QR payload and
size, safe area, no overlaps, fonts embedded, qpdf clean, same bytes twice, room matching,
one-line errors, --all file names, continued sheets, off-site venues, and the schedule each
file embeds: only its room's part (printprog.schedule.scope)."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pypdf
import pytest
from PIL import Image

from conftest import KVM, MINI
from pdfcheck import (
    chars_outside,
    decode_qr,
    font_names,
    fonts_not_embedded,
    overlapping_lines,
    page_texts,
    parsed,
    qpdf_check,
    render,
    squash,
)
from printprog.cli import main
from printprog.core.report import Report
from printprog.core.units import PT_PER_MM
from printprog.draw import urls
from printprog.importers import load
from printprog.pdf import embedded as source
from printprog.products.signage import product as signage
from printprog.schedule.lookup import find_room
from printprog.schedule.model import Conference, Room
from printprog.schedule.views import sessions_in_room
from printprog.theme.loader import load_theme

THEME = load_theme()
MARGIN_MM = THEME.number("signage", "margin")
MINIMUM = {k: THEME.number("signage", "min", k) for k in ("room_name", "time", "title",
                                                          "speakers")}
#: Stirling Suite sessions per day in the bundled KVM Forum 2013 data, counted by hand.
KVM_STIRLING_PER_DAY = {date(2013, 10, 22): 7, date(2013, 10, 23): 4}
#: Sheets per day: one sheet per room and day (brief: Room signage, revised).
KVM_STIRLING_SHEETS = {date(2013, 10, 22): 1, date(2013, 10, 23): 1}


def _signs(args: list[str], out: Path) -> int:
    return main(["signage", *args, "--out", str(out)])


@pytest.fixture(scope="module")
def kvm() -> Conference:
    return load(KVM)


@pytest.fixture(scope="module")
def stirling(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("stirling")
    assert _signs(["--room", "Stirling Suite", "--data", str(KVM)], out) == 0
    return out / "stirling-suite.pdf"


def _expected_pages(conf: Conference, room: Room) -> list[tuple[date, list[str]]]:
    """(day, titles) per sheet, from the library's own plan of the signs."""
    st = signage.SignStyle.from_theme(THEME)
    _, planned = signage.plan_run(conf, st, [room], conf.days, Report())
    return [(sh.day, [e.session.title for e in sh.entries]) for _, sheets in planned
            for sh in sheets]


def _titles_on(conf: Conference, text: str) -> set[str]:
    body = squash(text)
    return {s.title for s in conf.sessions if squash(s.title) in body}


def _assert_titles_per_page(conf: Conference, room: Room, pdf: Path) -> None:
    expected = _expected_pages(conf, room)
    texts = page_texts(pdf)
    assert len(texts) == len(expected)
    for text, (day, titles) in zip(texts, expected, strict=True):
        assert signage.day_label(day) in text
        assert _titles_on(conf, text) == set(titles)
    for day in conf.days:
        own = {s.title for s in sessions_in_room(conf, room.id, day)}
        listed = {t for d, titles in expected if d == day for t in titles}
        # Every session of the room is on exactly one sheet; the rest are breaks elsewhere.
        assert own <= listed
        assert sum(t in own for d, titles in expected if d == day for t in titles) == len(own)
        assert all(s.plenary for s in conf.sessions
                   if s.title in listed - own and s.conference_day == day)


def test_signage_stirling_kvm_has_every_session_on_its_sheet_and_no_other_room(kvm, stirling):
    room = find_room(kvm, "Stirling Suite")
    per_day = {d: len(sessions_in_room(kvm, room.id, d)) for d in kvm.days}
    assert {d: n for d, n in per_day.items() if n} == KVM_STIRLING_PER_DAY
    sheets = {d: len([p for p in _expected_pages(kvm, room) if p[0] == d])
              for d in KVM_STIRLING_PER_DAY}
    assert sheets == KVM_STIRLING_SHEETS
    _assert_titles_per_page(kvm, room, stirling)
    others = {s.title for s in kvm.sessions if s.room != room.id and not s.plenary}
    assert not others & _titles_on(kvm, "\n".join(page_texts(stirling)))


def test_signage_mini_small_room_lists_its_one_session(tmp_path):
    assert _signs(["--room", "small", "--data", str(MINI)], tmp_path) == 0
    conf = load(MINI)
    room = conf.room_by_id["small"]
    assert {d: len(sessions_in_room(conf, "small", d)) for d in conf.days} == {
        date(2030, 5, 6): 1, date(2030, 5, 7): 0}
    pdf = tmp_path / "small-room.pdf"
    _assert_titles_per_page(conf, room, pdf)
    assert _titles_on(conf, page_texts(pdf)[0]) == {"Notes on the Engine"}
    assert "Ada Lovelace, Alan Turing" in page_texts(pdf)[0]


def _sizes(words: list[dict], text: str) -> list[float]:
    """Sizes of the words of ``text`` where they first appear one after another."""
    tokens = text.split()
    for i in range(len(words) - len(tokens) + 1):
        if [w["text"] for w in words[i:i + len(tokens)]] == tokens:
            return [w["size"] for w in words[i:i + len(tokens)]]
    raise AssertionError(f"{text!r} not found")


def _assert_minimum_sizes(conf: Conference, room: Room, pdf: Path) -> int:
    checked = 0
    for page, (_, titles) in zip(parsed(pdf), _expected_pages(conf, room), strict=True):
        assert min(_sizes(page.words, room.name)) >= MINIMUM["room_name"] - 1e-6
        for s in (s for s in conf.sessions if s.title in titles and s.room == room.id):
            times = f"{s.start:%H:%M}–{s.end:%H:%M}"
            assert min(_sizes(page.words, times)) >= MINIMUM["time"] - 1e-6
            assert min(_sizes(page.words, s.title)) >= MINIMUM["title"] - 1e-6
            names = ", ".join(conf.speaker_by_id[p].name for p in s.people)
            if names:
                assert min(_sizes(page.words, names)) >= MINIMUM["speakers"] - 1e-6
            checked += 1
    return checked


def test_signage_type_sizes_meet_the_brief_minimums(kvm, stirling):
    assert MINIMUM == {"room_name": 48, "time": 16, "title": 14, "speakers": 11}
    room = find_room(kvm, "stirling")
    assert _assert_minimum_sizes(kvm, room, stirling) == sum(KVM_STIRLING_PER_DAY.values())


def test_signage_qr_decodes_to_room_url_and_is_at_least_35mm(kvm, stirling, tmp_path):
    url = urls.room_url(kvm, find_room(kvm, "stirling"), date(2013, 10, 22), Report())
    assert url == "https://kvmforum2013.sched.org"
    dpi = 150
    for page in range(1, len(page_texts(stirling)) + 1):
        png = render(stirling, page, tmp_path / f"p{page}.png", dpi=dpi)
        assert decode_qr(png) == [url]
        assert "kvmforum2013.sched.org" in page_texts(stirling)[page - 1]
    # The symbol's dark modules, black on white, in the top right quarter of the sheet.
    image = Image.open(png).convert("L")
    w, h = image.size
    corner = image.crop((w // 2, 0, w, h // 2)).point(lambda v: 255 if v < 40 else 0)
    x0, y0, x1, y1 = corner.getbbox()
    assert min(x1 - x0, y1 - y0) / dpi * 25.4 >= 35 - 0.5


def test_signage_stays_in_safe_area_without_overlaps(stirling):
    assert MARGIN_MM >= 10
    assert chars_outside(stirling, MARGIN_MM) == []
    assert overlapping_lines(stirling) == []


def test_signage_fonts_embedded_and_qpdf_clean(stirling):
    assert fonts_not_embedded(stirling) == []
    assert all("NotoSans" in name for name in font_names(stirling))
    code, output = qpdf_check(stirling)
    assert code == 0, output


def test_signage_metadata_names_room_and_conference(stirling):
    meta = pypdf.PdfReader(stirling).metadata
    assert meta.title == "Stirling Suite: room sign"
    assert meta.author == "KVM Forum + oVirt Developers Summit 2013"
    assert meta.subject.startswith("Room sign for Stirling Suite")


def test_signage_same_input_gives_same_bytes(tmp_path):
    for run in ("a", "b"):
        assert _signs(["--room", "small", "--data", str(MINI)], tmp_path / run) == 0
    assert ((tmp_path / "a" / "small-room.pdf").read_bytes()
            == (tmp_path / "b" / "small-room.pdf").read_bytes())


@pytest.mark.parametrize("typed", ["Stirling Suite", "stirling", "STIRLING SUITE",
                                   "Stírling", "stirling suite ", "stirling-suite"])
def test_find_room_ignores_case_accents_and_missing_suite(kvm, typed):
    assert find_room(kvm, typed).name == "Stirling Suite"


def test_find_room_takes_a_unique_start_of_the_name(kvm):
    assert find_room(kvm, "cargo").name == "Cargo Bar"
    assert find_room(kvm, "national museum").name == "National Museum of Scotland"


def test_signage_room_matching_on_the_command_line(tmp_path, capsys):
    assert _signs(["--room", "sTírling", "--day", "tuesday", "--data", str(KVM)], tmp_path) == 0
    assert capsys.readouterr().out.splitlines() == [str(tmp_path / "stirling-suite-2013-10-22.pdf")]


def test_signage_unknown_room_is_one_line_error_with_suggestion(tmp_path, capsys):
    assert _signs(["--room", "Stirlin", "--data", str(KVM)], tmp_path) == 1
    captured = capsys.readouterr()
    assert captured.err == (
        "error: unknown room 'Stirlin'; did you mean Stirling Suite? Rooms: Edinburgh Suite, "
        "Melville Suite, Stirling Suite, Atrium & Foyer, Lebowski's Bar, Cargo Bar, "
        "National Museum of Scotland\n")
    assert "Traceback" not in captured.err and captured.out == ""
    assert list(tmp_path.iterdir()) == []


def test_signage_room_idle_on_the_day_asked_is_an_error_not_an_empty_page(tmp_path, capsys):
    assert _signs(["--room", "stirling", "--day", "2013-10-21", "--data", str(KVM)],
                  tmp_path) == 1
    assert capsys.readouterr().err == (
        "error: Stirling Suite has no sessions on Monday 21 October 2013 (it is used on "
        "Tuesday 22 October 2013, Wednesday 23 October 2013); nothing to print\n")
    assert list(tmp_path.iterdir()) == []


def test_signage_unknown_day_lists_the_days(tmp_path, capsys):
    assert _signs(["--room", "stirling", "--day", "friday", "--data", str(KVM)], tmp_path) == 1
    assert capsys.readouterr().err == (
        "error: no sessions on day 'friday'; the conference days are: 2013-10-21 (Monday), "
        "2013-10-22 (Tuesday), 2013-10-23 (Wednesday)\n")


def test_signage_all_writes_one_file_per_room_and_combined(tmp_path, capsys):
    """Every room that holds sessions: the foyer and the off-site venues too."""
    assert _signs(["--all", "--data", str(KVM)], tmp_path) == 0
    names = ["edinburgh-suite.pdf", "melville-suite.pdf", "stirling-suite.pdf",
             "atrium-foyer.pdf", "lebowskis-bar.pdf", "cargo-bar.pdf",
             "national-museum-of-scotland.pdf", "all-rooms.pdf"]
    assert capsys.readouterr().out.splitlines() == [str(tmp_path / n) for n in names]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(names)
    pages = {n: len(pypdf.PdfReader(tmp_path / n).pages) for n in names}
    assert pages["all-rooms.pdf"] == sum(v for n, v in pages.items() if n != "all-rooms.pdf")
    combined = pypdf.PdfReader(tmp_path / "all-rooms.pdf")
    outline = [[o.title for o in x] if isinstance(x, list) else x.title
               for x in combined.outline]
    mon, tue, wed = (signage.day_label(date(2013, 10, d)) for d in (21, 22, 23))
    assert outline == ["Edinburgh Suite", [mon, tue, wed], "Melville Suite", [mon, tue],
                       "Stirling Suite", [tue, wed], "Atrium & Foyer", [mon, tue, wed],
                       "Lebowski's Bar", [mon], "Cargo Bar", [tue],
                       "National Museum of Scotland", [wed]]
    assert page_texts(tmp_path / "all-rooms.pdf") == [
        t for n in names[:-1] for t in page_texts(tmp_path / n)]


@pytest.mark.parametrize(("name", "stem"), [
    ("Lebowski's Bar", "lebowskis-bar"), ("Atrium & Foyer", "atrium-foyer"),
    ("Salle Éole / 2", "salle-eole-2"), ("../../etc/passwd", "etc-passwd"),
    ("..", "room"), ("会议室", "room"),
])
def test_slug_is_a_safe_ascii_file_name(name, stem):
    assert signage.slug(name) == stem


def _event(folder: Path, talks: int, *, website: str = "https://big.example.org",
           title: str = "Talk {n} on a topic that needs a few words", minutes: int = 30) -> Path:
    """A one-day event with ``talks`` talks of ``minutes`` in one room and a lunch for
    everyone at 12:00 (the talks from then on start an hour later)."""
    folder.mkdir()
    (folder / "conference.yaml").write_text(
        "name: Big Day 2031\nshort_name: BigDay\nstart: 2031-03-04\nend: 2031-03-04\n"
        f"timezone: Europe/Paris\nwebsite: {website}\n")
    (folder / "rooms.yaml").write_text(
        "- id: hall\n  name: Grand Hall\n  colour: \"#7a4ea3\"\n- id: foyer\n  name: Foyer\n")
    (folder / "speakers.yaml").write_text(
        "- id: ann\n  name: Ann Example\n  bio: Speaks.\n"
        "- id: bo\n  name: Bo Sample-Longname\n  bio: Speaks too.\n")
    lines = ["2031-03-04:", "  - id: lunch", "    start: 12:00", "    end: 13:00",
             "    kind: meal", "    room: foyer", "    title: Lunch"]
    for i in range(talks):
        start = 9 * 60 + i * minutes
        if start >= 12 * 60:
            start += 60  # lunch from 12:00 to 13:00
        end = start + minutes
        lines += [f"  - id: t{i}", f"    start: {start // 60:02d}:{start % 60:02d}",
                  f"    end: {end // 60:02d}:{end % 60:02d}",
                  "    room: hall", f"    title: {title.format(n=i + 1)}",
                  "    speakers: [ann, bo]", "    abstract: Words."]
    (folder / "sessions.yaml").write_text("\n".join(lines) + "\n")
    return folder


def test_signage_a_day_too_long_for_two_columns_continues_on_a_sheet_marked_continued(
        tmp_path, capsys):
    """70 ten-minute talks: more than two columns hold at the floors."""
    data = _event(tmp_path / "big", 70, minutes=10)
    assert _signs(["--room", "grand hall", "--data", str(data)], tmp_path / "out") == 0
    assert ("warning: sign Grand Hall 2031-03-04: the day does not fit one sheet even in 2 "
            "columns at the smallest type" in capsys.readouterr().err)
    pdf = tmp_path / "out" / "grand-hall.pdf"
    conf = load(data)
    room = conf.room_by_id["hall"]
    texts = page_texts(pdf)
    assert len(texts) >= 2
    assert "continued" not in texts[0].split("Sheet")[0]
    assert "Sheet 1 of" in texts[0] and "continued on the next sheet" in texts[0]
    assert all("continued" in t for t in texts[1:])
    found = [re.findall(r"Talk (\d+) on", t) for t in texts]
    assert sorted(int(n) for page in found for n in page) == list(range(1, 71))
    assert "Lunch · Foyer" in "\n".join(texts)
    # Each sheet holds the talks its plan gives it (the titles wrap beside the times of the
    # other column, so they are found by number).
    planned = [sorted(int(t.split()[1]) for t in titles if t.startswith("Talk"))
               for _, titles in _expected_pages(conf, room)]
    assert [sorted(int(n) for n in page) for page in found] == planned
    assert chars_outside(pdf, MARGIN_MM) == [] and overlapping_lines(pdf) == []


def test_signage_offsite_venue_sign_shows_the_address(tmp_path):
    assert _signs(["--room", "Cargo Bar", "--data", str(KVM)], tmp_path) == 0
    (text,) = page_texts(tmp_path / "cargo-bar.pdf")
    assert "Cargo Bar" in text and "129 Fountainbridge, Edinburgh" in text
    assert "Attendee Reception at Cargo Bar" in text and "19:00–22:00" in text
    assert "Tuesday 22 October 2013" in text
    assert chars_outside(tmp_path / "cargo-bar.pdf", MARGIN_MM) == []


def _size_mm(pdf: Path) -> tuple[int, int]:
    box = pypdf.PdfReader(pdf).pages[0].mediabox
    return round(float(box.width) / PT_PER_MM), round(float(box.height) / PT_PER_MM)


def test_signage_is_a4_portrait_by_default_a3_and_landscape_on_request(tmp_path):
    for args, size in (([], (210, 297)), (["--paper", "a3"], (297, 420)),
                       (["--landscape"], (297, 210)),
                       (["--paper", "a3", "--landscape"], (420, 297))):
        out = tmp_path / "-".join(args or ["default"])
        assert _signs(["--room", "small", *args, "--data", str(MINI)], out) == 0
        assert _size_mm(out / "small-room.pdf") == size, args
        assert chars_outside(out / "small-room.pdf", MARGIN_MM) == []


def test_signage_theme_landscape_turns_the_sheet_without_the_flag(tmp_path):
    """signage.landscape: true in a theme turns the sheet on the command line too (the
    flag's absence is "the theme's", not "portrait")."""
    theme = tmp_path / "turned.yaml"
    theme.write_text("extends: default\nsignage:\n  landscape: true\n", encoding="utf-8")
    out = tmp_path / "out"
    assert _signs(["--room", "small", "--theme", str(theme), "--data", str(MINI)], out) == 0
    assert _size_mm(out / "small-room.pdf") == (297, 210)


def test_signage_bad_website_fails_before_writing_anything(tmp_path, capsys):
    data = _event(tmp_path / "bad", 3, website="ftp://big.example.org")
    out = tmp_path / "out"
    assert _signs(["--all", "--data", str(data)], out) == 1
    assert "is not an http(s) URL" in capsys.readouterr().err
    assert not out.exists() or list(out.iterdir()) == []


def test_signage_overlong_title_is_cut_with_ellipsis_and_warning(tmp_path, capsys):
    words = " ".join(f"word{i}" for i in range(80))
    data = _event(tmp_path / "long", 1, title=f"Talk {{n}} {words}")
    assert _signs(["--room", "hall", "--data", str(data)], tmp_path / "out") == 0
    err = capsys.readouterr().err
    assert "warning: cut short to fit: sign Grand Hall 2031-03-04: 'Talk 1 word0" in err
    pdf = tmp_path / "out" / "grand-hall.pdf"
    (text,) = page_texts(pdf)
    title_lines = [ln for ln in text.splitlines() if "word" in ln]
    assert len(title_lines) == THEME.number("signage", "title_lines")
    assert title_lines[-1].endswith("\u2026") and "word79" not in text
    sizes = [w["size"] for w in parsed(pdf)[0].words if w["text"].startswith("word")]
    assert min(sizes) >= MINIMUM["title"]


def embedded(pdf: Path) -> dict:
    """The schedule document a PDF carries, as data (its comment lines dropped)."""
    text = source.read(pdf).decode()
    return json.loads("".join(line for line in text.splitlines(keepends=True)
                              if not line.startswith("#")))


@pytest.fixture(scope="module")
def all_signs(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("all-signs")
    assert _signs(["--all", "--data", str(KVM)], out) == 0
    return out


def test_a_sign_embeds_only_what_it_prints(kvm, all_signs):
    """Stirling Suite's sign carries its own sessions and the breaks elsewhere its sheets
    list, the people and rooms they name: not the other rooms' talks."""
    pdf = all_signs / "stirling-suite.pdf"
    doc = embedded(pdf)
    assert doc["scope"] == {"room": "Stirling Suite",
                            "days": ["2013-10-21", "2013-10-22", "2013-10-23"]}
    entries = [e for day in doc["sessions"].values() for e in day]
    own = {s.id for d in kvm.days for s in sessions_in_room(kvm, "stirling-suite", d)}
    assert {e["id"] for e in entries if e["room"] == "stirling-suite"} == own
    assert len(own) == sum(KVM_STIRLING_PER_DAY.values())
    printed = squash(" ".join(page_texts(pdf)))
    others = [e for e in entries if e["room"] != "stirling-suite"]
    assert others and all(e["kind"] in ("break", "meal", "registration")
                          and squash(e["title"]) in printed for e in others)
    people = {p for e in entries for p in e.get("speakers", []) + e.get("moderators", [])}
    assert {s["id"] for s in doc["speakers"]} == people and len(people) < len(kvm.speakers)
    assert {r["id"] for r in doc["rooms"]} == {e["room"] for e in entries}
    assert doc["conference"]["name"] == kvm.name
    # Read back, it is that room's schedule: the same sessions as the data folder's.
    again = load(pdf)
    assert {s.id for s in again.sessions} == {e["id"] for e in entries}
    assert all(s == kvm.session_by_id[s.id] for s in again.sessions)
    # The combined file prints every room on every day: the whole schedule, no scope.
    whole = embedded(all_signs / "all-rooms.pdf")
    assert "scope" not in whole
    assert sum(len(v) for v in whole["sessions"].values()) == len(kvm.sessions)


def test_signs_for_one_day_embed_that_day(tmp_path):
    assert _signs(["--all", "--day", "wednesday", "--data", str(KVM)], tmp_path) == 0
    room = embedded(tmp_path / "stirling-suite-2013-10-23.pdf")
    assert room["scope"] == {"room": "Stirling Suite", "days": ["2013-10-23"]}
    assert list(room["sessions"]) == ["2013-10-23"]
    combined = embedded(tmp_path / "all-rooms-2013-10-23.pdf")
    assert combined["scope"] == {"days": ["2013-10-23"]}
    assert list(combined["sessions"]) == ["2013-10-23"]


def test_signs_all_sizes(all_signs):
    """Each room's sign carried the whole schedule (686 KB for --all, 0.19 MB of it the
    eight copies); now the rooms' signs are under 0.3 MB together. all-rooms.pdf prints
    every room, so it keeps the whole schedule; most of its 0.26 MB are the rooms' font
    subsets, one per joined file."""
    sizes = {p.name: p.stat().st_size for p in all_signs.glob("*.pdf")}
    rooms = [n for n in sizes if n != "all-rooms.pdf"]
    assert len(rooms) == 7
    assert sum(sizes[n] for n in rooms) < 300_000
    assert sum(sizes.values()) < 600_000
    whole = len(source.read(all_signs / "all-rooms.pdf"))
    assert max(len(source.read(all_signs / n)) for n in rooms) < whole * 0.6
    assert sorted(len(source.read(all_signs / n)) for n in rooms)[3] < whole * 0.1


def test_signs_with_their_parts_rebuild_byte_identically(tmp_path):
    for run in ("a", "b"):
        assert _signs(["--all", "--data", str(KVM)], tmp_path / run) == 0
    for pdf in (tmp_path / "a").iterdir():
        assert pdf.read_bytes() == (tmp_path / "b" / pdf.name).read_bytes(), pdf.name
