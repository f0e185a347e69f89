"""Badge details an organiser notices at the desk (issue #15 items 8-14), asserted on the PDF:
URLs break only after '/', '.' or '@'; names in Arabic, Hebrew, CJK and Korean print bold;
the role as given; the back names the person, lists the agenda at 10 pt or more and the
event information; a speaker's QR leads to their page; colour bands keep off a shared cut;
--calibrate draws the preset's outlines where the badges are, --offset moves them."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pdfplumber
import pypdf
import pytest

from conftest import KVM, MINI
from printprog.cli import main
from printprog.core.units import PT_PER_MM
from printprog.importers import load
from printprog.importers.attendees import badge_people, read_csv
from printprog.layout.sheets import load_sheet

URL = "https://mini.example.org/2030/schedule/all-talks/"
INFO = {"wifi": "MiniConf / engines2030", "venue_address": "Karl-Marx-Allee 1, 10178 Berlin",
        "conduct_contact": "conduct@mini.example.org"}
PEOPLE = ("First Name,Last Name,Company,Role\n"
          "محمد,الخوارزمي,بيت الحكمة,VOLUNTEER\n"
          "דוד,לוי,האוניברסיטה העברית,Crew\n"
          "小明,王,北京大学,\n"
          "민준,김,서울대학교,\n"
          "Grace,Hopper,Navy,\n")


def _data(folder: Path, speaker_url: bool = True) -> Path:
    shutil.copytree(MINI, folder)
    conf = folder / "conference.yaml"
    text = conf.read_text().replace("website: https://mini.example.org", f"website: {URL}")
    text += "".join(f"{k}: {v}\n" for k, v in INFO.items())
    if speaker_url:
        text += "speaker_url: https://mini.example.org/speaker/{speaker}\n"
    conf.write_text(text)
    return folder


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> Path:
    return _data(tmp_path_factory.mktemp("d") / "data")


@pytest.fixture(scope="module")
def people(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("p") / "people.csv"
    path.write_text(PEOPLE, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def card(data, people, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("card") / "card.pdf"
    assert main(["badges", "--data", str(data), "--attendees", str(people), "--sheet",
                 "86x54-10up", "--duplex", "--out", str(out)]) == 0
    return out


@pytest.fixture(scope="module")
def portrait(data, people, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("a6") / "a6.pdf"
    assert main(["badges", "--data", str(data), "--attendees", str(people), "--sheet",
                 "a6-4up", "--duplex", "--out", str(out)]) == 0
    return out


def _lines(pdf: Path) -> list[list[str]]:
    with pdfplumber.open(pdf) as doc:
        return [(p.extract_text() or "").splitlines() for p in doc.pages]


def _pieces(lines: list[str], whole: str) -> list[list[str]]:
    """Runs of consecutive lines that are parts of ``whole`` (a URL, an address)."""
    runs, run = [], []
    for line in lines:
        part = line.strip()
        if len(part) >= 3 and part in whole:
            run.append(part)
            continue
        if run:
            runs.append(run)
        run = []
    return runs + ([run] if run else [])


def _slot_lines(pdf: Path, preset: str) -> list[list[str]]:
    """The text lines of each badge on the backs."""
    sheet = load_sheet(preset)
    out = []
    with pdfplumber.open(pdf) as doc:
        for page in doc.pages[1::2]:
            for slot in sheet.slots(back=True):
                box = (slot.x * PT_PER_MM, slot.y * PT_PER_MM, slot.right * PT_PER_MM,
                       slot.bottom * PT_PER_MM)
                out.append((page.crop(box).extract_text() or "").splitlines())
    return out


def test_urls_on_badge_backs_break_only_after_slash_dot_or_at(card, portrait):
    found = 0
    for pdf, preset in ((card, "86x54-10up"), (portrait, "a6-4up")):
        for lines in _slot_lines(pdf, preset):
            for run in _pieces(lines, URL):
                found += 1
                assert "".join(run) == URL, run
                assert all(p[-1] in "/.@" for p in run[:-1]), run
    assert found >= 5


def test_role_prints_as_the_data_gives_it_with_a_colour_for_unlisted_roles(card):
    fronts = "\n".join("\n".join(p) for p in _lines(card)[0::2])
    assert "VOLUNTEER" in fronts and "CREW" in fronts  # the layout prints roles in capitals
    assert "STAFF" not in fronts
    conf = load(MINI)
    roles = {p.name: p.role for p in badge_people(conf, read_csv(Path(card).parent.parent
                                                               / "p0" / "people.csv"))}
    assert roles["محمد الخوارزمي"] == "VOLUNTEER" and roles["דוד לוי"] == "Crew"


def test_names_in_other_scripts_are_bold(portrait):
    with pdfplumber.open(portrait) as doc:
        fronts = [doc.pages[i] for i in range(0, len(doc.pages), 2)]
        big = [c for p in fronts for c in p.chars if c["size"] >= 30]
    reader = pypdf.PdfReader(portrait)
    stream = b"".join(reader.pages[i].get_contents().get_data()
                      for i in range(0, len(reader.pages), 2))

    def fonts_of(chars: str) -> set[str]:
        return {c["fontname"].split("+")[-1] for c in big if c["text"] in chars}

    assert fonts_of("ﻣﺤﻤﺪمحمد") and all("Bold" in f for f in fonts_of("ﻣﺤﻤﺪمحمد"))
    assert fonts_of("דוד") and all("Bold" in f for f in fonts_of("דוד"))
    assert fonts_of("민준") and all("Bold" in f for f in fonts_of("민준"))
    # The CJK font has no bold face: drawn bold (text render mode 2: fill, then stroke).
    assert fonts_of("小明") and b" 2 Tr" in stream


def test_name_centred_like_latin_names(portrait):
    sheet = load_sheet("a6-4up")
    with pdfplumber.open(portrait) as doc:
        for n in range(0, len(doc.pages), 2):
            big = [c for c in doc.pages[n].chars if c["size"] >= 30]
            for slot in sheet.slots():
                chars = [c for c in big if slot.x * PT_PER_MM <= c["x0"] < slot.right * PT_PER_MM
                         and slot.y * PT_PER_MM <= c["top"] < slot.bottom * PT_PER_MM]
                if chars:
                    middle = (min(c["x0"] for c in chars) + max(c["x1"] for c in chars)) / 2
                    assert abs(middle / PT_PER_MM - (slot.x + slot.w / 2)) < 1.0


def test_back_names_the_person_and_carries_agenda_and_event_info(portrait):
    pages = _lines(portrait)
    backs = "\n".join("\n".join(p) for p in pages[1::2])
    for name in ("Ada Lovelace", "Alan Turing", "Grace Hopper"):
        assert name in backs
    assert f"Wi-Fi: {INFO['wifi']}" in backs and INFO["venue_address"] in backs
    assert f"Code of conduct: {INFO['conduct_contact']}" in backs
    with pdfplumber.open(portrait) as doc:
        titles = [c for p in doc.pages[1::2] for c in p.chars if c["fontname"].endswith("Bold")
                  and "Engine" in "".join(x["text"] for x in p.chars)]
        agenda = [w for p in doc.pages[1::2]
                  for w in p.extract_words(extra_attrs=["size"]) if w["text"] == "Engine"]
    assert titles and agenda and min(w["size"] for w in agenda) >= 10 - 1e-6


def test_event_info_left_out_when_not_given(tmp_path, capsys):
    data = shutil.copytree(MINI, tmp_path / "plain")
    out = tmp_path / "b.pdf"
    assert main(["badges", "--data", str(data), "--duplex", "--out", str(out)]) == 0
    backs = "\n".join("\n".join(p) for p in _lines(out)[1::2])
    assert "Wi-Fi" not in backs and "Code of conduct" not in backs
    err = capsys.readouterr().err
    assert "no speaker_url in conference.yaml: a speaker's badge QR leads to their first talk" \
        in err


def test_speaker_qr_leads_to_their_page(data):
    conf = load(data)
    people = badge_people(conf)
    ada = next(p for p in people if p.speaker_id)
    assert ada.url == f"https://mini.example.org/speaker/{ada.speaker_id}"


def _band_rects(pdf: Path, page: int = 0) -> list[dict]:
    with pdfplumber.open(pdf) as doc:
        return [r for r in doc.pages[page].rects
                if r["fill"] and r["width"] > 20 * PT_PER_MM
                and r["non_stroking_color"] not in ((1, 1, 1), [1, 1, 1], (1,), None)]


def _band_offsets(pdf: Path, sheet_name: str, count: int) -> list[tuple[float, ...]]:
    """Each badge's band as (left, top, right, bottom) distances in mm from its trim edges
    (positive: inside the trim), badge by badge."""
    sheet = load_sheet(sheet_name)
    bands = _band_rects(pdf)
    assert len(bands) == count  # one role band per badge
    out = []
    for slot in sheet.slots()[:count]:
        band = next(b for b in bands if slot.y * PT_PER_MM < b["top"] < slot.bottom * PT_PER_MM
                    and slot.x * PT_PER_MM - 10 < b["x0"] < slot.right * PT_PER_MM)
        out.append(tuple(round(v, 2) for v in (
            band["x0"] / PT_PER_MM - slot.x, band["top"] / PT_PER_MM - slot.y,
            slot.right - band["x1"] / PT_PER_MM, slot.bottom - band["bottom"] / PT_PER_MM)))
    return out


def test_band_is_the_same_on_every_badge_of_a_sheet_without_gutters(card):
    # 86 x 54 mm cards touching each other: the band (layout box [0, 42.5, 86, 11.5]) keeps
    # the 2 mm band_inset off the left, right and bottom trim of EVERY badge, those at the
    # sheet's outer edge too, so all ten look the same once cut.
    assert _band_offsets(card, "86x54-10up", 7) == [(2.0, 42.5, 2.0, 2.0)] * 7


def test_band_runs_into_the_gutter_on_a_preset_with_gutters(data, tmp_path):
    preset = tmp_path / "gutters.yaml"
    # Gutters of 6 mm (3 mm each side: the 3 mm band_bleed fits) and 3 mm (1.5 mm each).
    preset.write_text("page: a4\nbadge: [86, 54]\ncolumns: 2\nrows: 5\n"
                      "margins: {top: 10, left: 15}\ngaps: {columns: 6, rows: 3}\n")
    out = tmp_path / "g.pdf"
    assert main(["badges", "--data", str(data), "--sheet", str(preset), "--out", str(out)]) == 0
    bands = _band_rects(out)
    assert bands and all(abs(b["width"] / PT_PER_MM - 92) < 0.05 for b in bands)
    # The first row's badges run from 10 to 64 mm; the band from 42.5 into the gutter, 1.5 mm.
    assert {(round(b["top"] / PT_PER_MM, 2), round(b["bottom"] / PT_PER_MM, 2))
            for b in bands if b["top"] < 64 * PT_PER_MM} == {(52.5, 65.5)}


def test_band_runs_into_the_page_bleed_on_a_one_up_card(data, tmp_path):
    out = tmp_path / "one.pdf"
    assert main(["badges", "--data", str(data), "--sheet", "1up-86x54", "--out", str(out)]) == 0
    (band,) = _band_rects(out)[:1]
    # The page is the card: the band runs 5 mm (the largest bleed) past left, right, bottom.
    assert (round(band["x0"] / PT_PER_MM, 2), round(band["x1"] / PT_PER_MM, 2),
            round(band["bottom"] / PT_PER_MM, 2)) == (-5.0, 91.0, 59.0)


@pytest.mark.parametrize("offset", [None, (1.5, -2.0)])
def test_calibrate_draws_the_preset_outlines_where_the_badges_are(tmp_path, capsys, offset):
    out = tmp_path / "cal.pdf"
    args = ["badges", "--calibrate", "--sheet", "86x54-10up", "--out", str(out)]
    if offset:
        args += ["--offset", f"{offset[0]},{offset[1]}"]
    assert main(args) == 0
    dx, dy = offset or (0.0, 0.0)
    sheet = load_sheet("86x54-10up")
    with pdfplumber.open(out) as doc:
        (page,) = doc.pages
        rects = [(r["x0"] / PT_PER_MM, r["top"] / PT_PER_MM, r["x1"] / PT_PER_MM,
                  r["bottom"] / PT_PER_MM) for r in page.rects]
        text = page.extract_text()
    assert len(rects) == sheet.per_page
    for slot in sheet.slots():
        want = (slot.x + dx, slot.y + dy, slot.right + dx, slot.bottom + dy)
        assert any(all(abs(a - b) <= 0.1 for a, b in zip(r, want, strict=True))
                   for r in rects), want
    assert re.search(r"\b50\b", text)  # the millimetre ruler's labels
    assert "calibration page of 86x54-10up" in capsys.readouterr().out


def test_offset_moves_every_badge_and_is_checked(data, tmp_path, capsys):
    outs = {}
    for off in ("0,0", "2,1"):
        outs[off] = tmp_path / f"{off.replace(',', '_')}.pdf"
        assert main(["badges", "--data", str(data), "--sheet", "86x54-10up", "--offset", off,
                     "--out", str(outs[off])]) == 0
    a, b = _band_rects(outs["0,0"]), _band_rects(outs["2,1"])
    assert len(a) == len(b) > 0
    for ra, rb in zip(a, b, strict=True):
        assert abs((rb["x0"] - ra["x0"]) / PT_PER_MM - 2) < 0.05
        assert abs((rb["top"] - ra["top"]) / PT_PER_MM - 1) < 0.05
    with pytest.raises(SystemExit) as stop:
        main(["badges", "--offset", "1", "--out", str(tmp_path / "x.pdf")])
    assert stop.value.code == 2 and "--offset" in capsys.readouterr().err


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_preflight_counts_every_qr_code_of_a_48_badge_file(tmp_path, capsys, jobs):
    out = tmp_path / "kvm.pdf"
    assert main(["badges", "--data", str(KVM), "--sheet", "86x54-10up", "--jobs", jobs,
                 "--out", str(out)]) == 0
    assert "48 badges" in capsys.readouterr().out
    assert main(["preflight", str(out)]) == 0
    line = next(ln for ln in capsys.readouterr().out.splitlines() if "QR codes" in ln)
    assert re.search(r"QR codes: 48, smallest side 18 mm \(card\.front\[4\] of .+\), "
                     r"smallest module [0-9.]+ mm", line), line


@pytest.mark.parametrize("sheet_name", ["a6-4up", "86x54-10up", "4x3in-6up"])
def test_family_name_is_20_pt_or_more_on_every_variant(tmp_path, sheet_name):
    out = tmp_path / "kvm.pdf"
    assert main(["badges", "--data", str(KVM), "--sheet", sheet_name, "--out", str(out)]) == 0
    with pdfplumber.open(out) as doc:
        words = doc.pages[0].extract_words(extra_attrs=["size"])
    # The first sheet's speakers: Airlie, Armbruster (and on larger sheets Auld, Berrangé...).
    sizes = {w["text"]: w["size"] for w in words}
    assert sizes["Airlie"] >= 20 - 1e-6 and sizes["Armbruster"] >= 20 - 1e-6


def test_back_lists_both_sessions_of_a_two_talk_speaker_on_a_card(card, tmp_path):
    out = tmp_path / "kvm.pdf"
    assert main(["badges", "--data", str(KVM), "--sheet", "86x54-10up", "--duplex", "--out",
                 str(out)]) == 0
    sheet = load_sheet("86x54-10up")

    def back_of(index: int) -> str:  # the 4th and 3rd badges: Berrangé, Auld (by name)
        r = sheet.slot(index, back=True)
        with pdfplumber.open(out) as doc:
            area = doc.pages[1].crop((r.x * PT_PER_MM, r.y * PT_PER_MM, r.right * PT_PER_MM,
                                      r.bottom * PT_PER_MM))
            return " ".join((area.extract_text() or "").split())

    back = back_of(3) + " " + back_of(2)
    assert "Daniel Berrangé" in back and "Will Auld" in back
    # Daniel Berrangé gives two talks; both titles print in full, no "+1 more".
    assert "An Introduction to OpenStack and its use of KVM Virtualization" in back
    assert "New Developments and Advanced Features in the Libvirt Management API" in back
    assert "more" not in back
    # Will Auld's one long title prints whole, not cut with an ellipsis.
    assert "Connecting High Performance End Users with Leading KVM Developers" in back
    assert "\u2026" not in back


def test_initials_and_first_name_skip_honorifics():
    from printprog.schedule.attendee import Attendee
    from printprog.schedule.model import Speaker
    assert Speaker("sa", "Prof. Dr. Sören Auer").initials == "SA"
    assert Speaker("jd", "Jane Doe, PhD").initials == "JD"
    assert Speaker("sa", "Prof. Dr. Sören Auer").family_name == "Auer"
    assert Attendee("Prof. Dr. Sören Auer").first_name == "Sören"
    assert Speaker("m", "Madonna").initials == "M"
    assert Speaker("dr", "Dr.").initials == "D"  # nothing but a title: kept


def test_badge_of_a_professor_prints_the_name_not_the_title(tmp_path):
    csv = tmp_path / "p.csv"
    csv.write_text("Name,Company\nProf. Dr. Sören Auer,TIB\n", encoding="utf-8")
    out = tmp_path / "p.pdf"
    assert main(["badges", "--attendees", str(csv), "--sheet", "a6-4up", "--out",
                 str(out)]) == 0
    with pdfplumber.open(out) as doc:
        words = doc.pages[0].extract_words(extra_attrs=["size"])
    big = max(words, key=lambda w: w["size"])
    assert big["text"] == "Sören"
    assert any(w["text"] == "Auer" and w["size"] >= 20 for w in words)
