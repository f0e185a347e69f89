"""Badges: every person at their sheet position front and back, the safe area per badge,
names that fit (or warn), QR payloads that decode, and a clean, deterministic PDF."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pypdf
import pytest

from conftest import FIXTURES, KVM, MINI
from pdfcheck import (
    MM,
    decode_qr,
    extract_text,
    fonts_not_embedded,
    page_chars,
    pdffonts_embedded,
    qpdf_check,
    render,
    squash,
)
from printprog.cli import main
from printprog.core.report import Report
from printprog.draw import bidi, fonts, qr
from printprog.importers import load
from printprog.importers.attendees import badge_people, read_csv
from printprog.layout.sheets import Rect, Sheet, load_sheet
from printprog.products.badges.content import agenda_lines, qr_for, vcard
from printprog.products.badges.layout import load_layout
from printprog.schedule.attendee import Attendee
from printprog.schedule.views import sessions_of_person

SAMPLE = FIXTURES / "attendees-confbadger.csv"
PRESETS = ["a6-4up", "86x54-10up", "4x3in-6up", "1up-86x54"]
SAFE = 3.0  # mm, the brief's safe area on badges


def _badges(tmp_path: Path, *args: str, name: str = "badges.pdf", capsys=None) -> Path:
    out = tmp_path / name
    assert main(["badges", *args, "--out", str(out)]) == 0
    if capsys is not None:
        assert capsys.readouterr().out.startswith(f"wrote {out}: ")
    return out


def _page_chars(pdf_path: Path) -> list[list[dict]]:
    """Every page's characters, parsed once."""
    return page_chars(pdf_path)


def _in(c: dict, rect: Rect) -> bool:
    cx, cy = (c["x0"] + c["x1"]) / 2 / MM, (c["top"] + c["bottom"]) / 2 / MM
    return rect.x <= cx <= rect.right and rect.y <= cy <= rect.bottom


def _slot_chars(chars: list[dict], rect: Rect) -> list[dict]:
    """Visible characters whose centre lies in the rectangle (mm)."""
    return [c for c in chars if not c["text"].isspace() and _in(c, rect)]


def _slot_text(chars: list[dict], rect: Rect) -> str:
    return extract_text([c for c in chars if _in(c, rect)])


def _printed(chars: list[dict], role: str = "") -> str:
    """The text in the largest type other than the role band's: the printed name."""
    for size in sorted({round(c["size"], 1) for c in chars}, reverse=True):
        text = "".join(c["text"] for c in chars if round(c["size"], 1) == size)
        if text != role:
            return text
    return ""


def _pages(sheet: Sheet, people: list, duplex: bool):
    """(page number 0-based, slot index, person, back?) for every badge."""
    per = sheet.per_page
    for i, person in enumerate(people):
        sheet_no, slot = divmod(i, per)
        yield (sheet_no * (2 if duplex else 1), slot, person, False)
        if duplex:
            yield (sheet_no * 2 + 1, slot, person, True)


def _check(pdf_path: Path, sheet: Sheet, people: list, duplex: bool, conf) -> None:
    """Each person's name on their front, their sessions (or the event's URL) on their back
    behind it, and every glyph inside one badge, at least SAFE mm from its edges."""
    pages = _page_chars(pdf_path)
    assert len(pages) == -(-len(people) // sheet.per_page) * (2 if duplex else 1)
    sessions = sessions_of_person(conf)
    for page_no, slot, person, back in _pages(sheet, people, duplex):
        chars, rect = pages[page_no], sheet.slot(slot, back=back)
        if not back:
            printed = _printed(_slot_chars(chars, rect), person.role)
            assert printed == person.first_name.replace(" ", ""), person.name
            assert squash(person.name) in squash(_slot_text(chars, rect)), person.name
            continue
        text = squash(_slot_text(chars, rect))
        assert squash(person.name) in text, person.name  # a flipped badge says who it is
        own = sessions.get(person.speaker_id, ()) if person.speaker_id else ()
        # Day, time and room of their first sessions (a line may wrap on a small badge); at
        # 10 pt or more a small back may hold fewer, and then says how many more there are.
        listed = {s.id for s in conf.sessions
                  if squash(agenda_lines(s, conf, person, "moderator")[0]) in text}
        shown = list(own[:len(listed)])
        assert listed == {s.id for s in shown} and (shown or not own), person.name
        if len(shown) < len(own):
            assert squash(f"+{len(own) - len(shown)} more") in text, person.name
        for s in shown:
            assert squash(s.title)[:24] in text, (person.name, s.title)
        if not own:
            assert squash(conf.website) in text
    tol = 0.3 / MM
    for n, chars in enumerate(pages):
        slots = sheet.slots(back=duplex and n % 2 == 1)
        for c in chars:
            if c["text"].isspace():
                continue
            home = [r for r in slots if _in(c, r)]
            assert len(home) == 1, (n + 1, c["text"], c["x0"], c["top"])
            safe = home[0].inset(SAFE)
            assert (c["x0"] / MM >= safe.x - tol and c["x1"] / MM <= safe.right + tol
                    and c["top"] / MM >= safe.y - tol
                    and c["bottom"] / MM <= safe.bottom + tol), (n + 1, c["text"], c["x0"],
                                                                 c["top"])


@pytest.mark.parametrize("preset", PRESETS)
def test_badges_kvm_speakers_at_positions(tmp_path: Path, preset: str):
    conf = load(KVM)
    people = badge_people(conf)
    assert len(people) == 48
    out = _badges(tmp_path, "--data", str(KVM), "--sheet", preset)
    _check(out, load_sheet(preset), people, False, conf)


def test_badges_kvm_speakers_backs_behind_fronts(tmp_path: Path):
    conf = load(KVM)
    out = _badges(tmp_path, "--data", str(KVM), "--sheet", "86x54-10up", "--duplex")
    _check(out, load_sheet("86x54-10up"), badge_people(conf), True, conf)


@pytest.mark.parametrize("preset", PRESETS)
def test_badges_sample_csv_at_positions(tmp_path: Path, preset: str):
    conf = load(KVM)
    people = badge_people(conf, read_csv(SAMPLE))
    assert len(people) == 48 + 16
    out = _badges(tmp_path, "--data", str(KVM), "--attendees", str(SAMPLE), "--sheet", preset,
                  "--duplex", "--cut-marks")
    sheet = load_sheet(preset)
    _check(out, sheet, people, True, conf)


def test_badges_mirrored_back_for_uneven_margins(tmp_path: Path):
    preset = tmp_path / "uneven.yaml"
    preset.write_text("page: a4\nbadge: [90, 60]\ncolumns: 2\nrows: 4\n"
                      "margins: {top: 10, left: 5}\ngaps: {columns: 4, rows: 2}\n")
    sheet = load_sheet(str(preset))
    assert sheet.slot(0) == Rect(5, 10, 90, 60)
    assert sheet.slot(1) == Rect(99, 10, 90, 60)
    # Turned over the long edge, the first badge's back is at the right, as far from the
    # right edge as its front is from the left.
    assert sheet.slot(0, back=True) == Rect(210 - 5 - 90, 10, 90, 60)
    assert sheet.slot(7, back=True) == Rect(210 - 99 - 90, 10 + 3 * 62, 90, 60)
    conf = load(MINI)
    out = _badges(tmp_path, "--data", str(MINI), "--sheet", str(preset), "--duplex")
    _check(out, sheet, badge_people(conf), True, conf)


def test_badges_speaker_back_lists_exactly_their_sessions(tmp_path: Path):
    out = _badges(tmp_path, "--data", str(MINI), "--sheet", "a6-4up", "--duplex")
    sheet = load_sheet("a6-4up")
    back = _page_chars(out)[1]
    ada = _slot_text(back, sheet.slot(0, back=True))
    alan = _slot_text(back, sheet.slot(1, back=True))
    assert "Mon 6 May · 09:00–09:45 · Main Hall" in ada
    assert "Mon 6 May · 10:00–10:45 · Small Room" in ada
    assert "Opening Keynote" in ada and "Notes on the Engine" in ada
    assert "Codes & Ciphers <in practice>" not in ada
    assert "Mon 6 May · 10:00–10:45 · Main Hall" in alan
    # Alan moderates t2: it is on his back, marked as such.
    assert "Mon 6 May · 10:00–10:45 · Small Room · moderator" in alan
    assert "Opening Keynote" not in alan


def test_badges_cut_marks_outside_badges(tmp_path: Path):
    sheet = load_sheet("86x54-10up")
    marks = sheet.cut_marks(length=5, offset=1, shortest=2)
    rects = sheet.slots()
    assert marks
    for m in marks:
        for r in rects:  # no mark enters a badge (touching its edge line outside is fine)
            inside_x = r.x + 1e-6 < max(m.x0, m.x1) and min(m.x0, m.x1) < r.right - 1e-6
            inside_y = r.y + 1e-6 < max(m.y0, m.y1) and min(m.y0, m.y1) < r.bottom - 1e-6
            assert not (inside_x and inside_y and (m.x0 == m.x1 or m.y0 == m.y1)
                        and (r.x < m.x0 < r.right and r.y < m.y0 < r.bottom)), m
    # Badges touch: marks only in the margins. 3 vertical cut lines x 2 ends, 6 horizontal x 2.
    assert len(marks) == 3 * 2 + 6 * 2
    assert {round(m.x0, 2) for m in marks if m.x0 == m.x1} == {19.0, 105.0, 191.0}
    gapped = load_sheet("a6-4up")  # touching too; a sheet with gaps gets marks between
    assert len(gapped.cut_marks(5, 1, 2)) == 3 * 2 + 3 * 2


def test_badges_cut_marks_drawn_in_margins(tmp_path: Path):
    out = _badges(tmp_path, "--data", str(MINI), "--sheet", "86x54-10up", "--cut-marks")
    rects = load_sheet("86x54-10up").slots()
    with pdfplumber.open(out) as pdf:
        lines = pdf.pages[0].lines
    assert len(lines) == 18
    for line in lines:
        cx, cy = (line["x0"] + line["x1"]) / 2 / MM, (line["top"] + line["bottom"]) / 2 / MM
        assert not any(r.x < cx < r.right and r.y < cy < r.bottom for r in rects), line


def test_badges_cut_marks_in_gaps(tmp_path: Path):
    preset = tmp_path / "gaps.yaml"
    preset.write_text("page: a4\nbadge: [90, 60]\ncolumns: 2\nrows: 2\ngaps: {columns: 10, "
                      "rows: 10}\n")
    marks = load_sheet(str(preset)).cut_marks(length=5, offset=1, shortest=2)
    # Every corner has two marks: 4 badges x 4 corners x 2, none merged (gaps are wide).
    assert len(marks) == 32
    assert max(abs(m.x1 - m.x0) + abs(m.y1 - m.y0) for m in marks) == pytest.approx(5)


def _uncovered() -> str:
    """A letter no bundled font has (Tamil, Devanagari, Thai or Ethiopic)."""
    for char in "தकกሀ":
        if fonts.missing(char) == char:
            return char
    pytest.skip("the bundled fonts cover every test script; pick another letter")


def _edge_csv(tmp_path: Path, uncovered: str = "த") -> Path:
    path = tmp_path / "edge.csv"
    path.write_text(
        "First Name,Last Name,Company,Pronouns,Ticket\n"
        "Maximiliana-Wilhelmina-Konstantina,Hohenzollern-Sigmaringen von und zu Altenburg,"
        "Long Organisation Name Incorporated,she/her,Staff\n"
        "Αλέξανδρος,Παπαδόπουλος,Πανεπιστήμιο Αθηνών,,Press\n"
        "Владимир,Кузнецов,Яндекс,он/его,Sponsor\n"
        "Zoë,Ðặng-Łukasiewicz,Université de Montréal,they/them,Volunteer\n"
        "小明,王,北京大学,,\n"
        "محمد,الخوارزمي,بيت الحكمة,,\n"
        "דוד,לוי,האוניברסיטה העברית,,\n"
        f"{uncovered * 3},Murugan,Chennai Mathematical Institute,,\n", encoding="utf-8")
    return path


def test_badges_names_long_and_scripts_fit_or_warn(tmp_path: Path, capsys):
    char = _uncovered()
    csv = _edge_csv(tmp_path, char)
    out = tmp_path / "edge.pdf"
    assert main(["badges", "--data", str(MINI), "--attendees", str(csv), "--sheet", "a6-4up",
                 "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert (f"warning: badge of {char * 3} Murugan: no bundled font has {char} "
            f"(U+{ord(char):04X}); printed as \ufffd") in err
    for name in ("Αλέξανδρος", "Владимир", "Zoë", "小明", "محمد", "דוד"):
        assert name not in err  # every script the bundled fonts cover: no warning
    people = badge_people(load(MINI), read_csv(csv))
    sheet = load_sheet("a6-4up")
    pages = _page_chars(out)
    for page_no, slot, person, _ in _pages(sheet, people, False):
        # The portrait front's printed-name box, [6, 17, 88, 34] mm (a6-4up is the layout's
        # own 100 x 140 size, unscaled): the family name under it now wraps to two lines at
        # the same 20 pt as a long first name, so size alone no longer tells them apart.
        at = sheet.slot(slot)
        chars = _slot_chars(pages[page_no], Rect(at.x + 6, at.y + 17, 88, 34))
        drawn = set(person.first_name) | set(bidi.visual(person.first_name)) | {"\ufffd"}
        name = [c for c in chars if c["text"] in drawn]  # Arabic is drawn in joined forms
        big = max(c["size"] for c in name)
        name = [c for c in name if c["size"] == big]
        assert big >= 18 - 1e-6, person.name  # the name's size
        tops = {round(c["top"]) for c in name}
        assert len(tops) <= 2, person.name  # the name's lines
        if person.name.startswith(("Αλέξανδρος", "Владимир", "Zoë", "小明")):
            assert _printed(chars) == person.first_name
            assert len(tops) == 1 and big >= 36
        if person.name.startswith("Maximiliana"):  # wrapped at the hyphen, not cut
            assert _printed(chars) == "Maximiliana-Wilhelmina-Konstantina"
            assert len(tops) == 2
        if person.name.startswith(char):
            assert _printed(chars) == "\ufffd" * 3  # visible, not an empty box


def test_badges_name_cut_with_warning_naming_person(tmp_path: Path, capsys):
    long = "Wolfeschlegelsteinhausenbergerdorffwelchevoralternwarengewissenhaft"
    csv = tmp_path / "long.csv"
    csv.write_text(f"First Name,Last Name\n{long},Senior\n", encoding="utf-8")
    out = tmp_path / "long.pdf"
    assert main(["badges", "--data", str(MINI), "--attendees", str(csv), "--sheet",
                 "86x54-10up", "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert f"warning: cut short to fit: badge of {long} Senior, printed name" in err
    sheet = load_sheet("86x54-10up")
    people = badge_people(load(MINI), read_csv(csv))
    slot = [p.name for p in people].index(f"{long} Senior")
    chars = _slot_chars(_page_chars(out)[0], sheet.slot(slot))
    # The printed name is the bold text (the family name under it is regular, 20 pt).
    big = max(c["size"] for c in chars if "Bold" in c["fontname"])
    assert big == pytest.approx(18)
    assert len({round(c["top"]) for c in chars if c["size"] == big}) == 2
    bold = [c for c in chars if "Bold" in c["fontname"]]
    assert _printed(bold, "ATTENDEE").endswith("\u2026")


def _decode_slot(pdf_path: Path, page: int, rect: Rect, tmp_path: Path) -> str:
    png = render(pdf_path, page, tmp_path / f"p{page}.png", dpi=300)
    from PIL import Image

    scale = 300 / 25.4
    with Image.open(png) as image:
        crop = image.crop((int(rect.x * scale), int(rect.y * scale),
                           int(rect.right * scale), int(rect.bottom * scale)))
        path = tmp_path / f"p{page}-{rect.x:g}-{rect.y:g}.png"
        crop.save(path)
    return "\n".join(decode_qr(path))


def test_badges_qr_decodes_to_vcard_and_url(tmp_path: Path):
    csv = tmp_path / "qr.csv"
    csv.write_text("Name,Company,Email,share_contact\n"
                   "Rosalind Franklin,King's College,rf@example.org,yes\n"
                   "Alan Turing,Bletchley,alan@example.org,yes\n"
                   "Grace Hopper,Navy,grace@example.org,no\n", encoding="utf-8")
    out = _badges(tmp_path, "--data", str(MINI), "--attendees", str(csv), "--sheet",
                  "86x54-10up", "--duplex")
    sheet = load_sheet("86x54-10up")
    people = [p.name for p in badge_people(load(MINI), read_csv(csv))]
    assert people == ["Rosalind Franklin", "Grace Hopper", "Ada Lovelace", "Alan Turing"]
    assert _decode_slot(out, 1, sheet.slot(0), tmp_path) == (
        "BEGIN:VCARD\nVERSION:3.0\nN:Franklin;Rosalind;;;\nFN:Rosalind Franklin\n"
        "ORG:King's College\nEMAIL;TYPE=INTERNET:rf@example.org\nEND:VCARD")
    assert _decode_slot(out, 1, sheet.slot(1), tmp_path) == (
        "BEGIN:VCARD\nVERSION:3.0\nN:Hopper;Grace;;;\nFN:Grace Hopper\nORG:Navy\nEND:VCARD")
    # Speakers: their first session's page.
    assert _decode_slot(out, 1, sheet.slot(2), tmp_path) == "https://mini.example.org/talk/opening"
    assert _decode_slot(out, 1, sheet.slot(3), tmp_path) == "https://mini.example.org/talk/t1"
    # An attendee's back: the schedule's URL.
    assert _decode_slot(out, 2, sheet.slot(1, back=True), tmp_path) == "https://mini.example.org"


def test_badges_qr_printed_side_and_module_size():
    layout = load_layout("default")
    for preset in PRESETS:
        variant = layout.for_badge(*load_sheet(preset).item)
        (front_qr,) = [e for e in variant.front if e.kind == "qr"]
        assert front_qr.box[2] >= 12, preset


def test_badges_qr_drops_vcard_fields_to_keep_modules_large():
    kj = Attendee(name="Katherine Johnson", printed_name="Katherine",
                  organisation="National Aeronautics and Space Administration, Langley",
                  email="katherine.johnson@nasa.example.org", share_contact=True)
    conf = load(MINI)
    full, short = vcard(kj), vcard(kj, email=False)
    assert qr.modules(full, "L") > qr.modules(short, "L")
    # Large enough for everything: error correction M, e-mail included.
    side = 0.25 * qr.modules(full, "M")
    assert qr_for(conf, kj, side, 0.25, Report()) == (full, "M")
    # Too small for the e-mail at either level: the e-mail goes, and a warning says so.
    side = 0.25 * qr.modules(short, "L")
    report = Report()
    payload, level = qr_for(conf, kj, side, 0.25, report)
    assert payload == short and "EMAIL" not in payload
    assert side / qr.modules(payload, level) >= 0.25 - 1e-9
    assert report.warnings == [f"badge of Katherine Johnson: vCard QR without EMAIL to keep "
                               f"modules at least 0.25 mm on a {side:g} mm code"]


def test_badges_pdf_clean_embedded_deterministic(tmp_path: Path, capsys):
    a = _badges(tmp_path, "--data", str(KVM), "--attendees", str(SAMPLE), "--sheet",
                "86x54-10up", "--duplex", "--cut-marks", name="a.pdf", capsys=capsys)
    b = _badges(tmp_path, "--data", str(KVM), "--attendees", str(SAMPLE), "--sheet",
                "86x54-10up", "--duplex", "--cut-marks", name="b.pdf")
    assert a.read_bytes() == b.read_bytes()
    code, message = qpdf_check(a)
    assert code == 0, message
    assert fonts_not_embedded(a) == []
    assert all(emb == "yes" for _, emb in pdffonts_embedded(a))
    meta = pypdf.PdfReader(a).metadata
    assert meta.title == "KVM Forum 2013: badges"
    assert meta.author == "KVM Forum + oVirt Developers Summit 2013"
    assert meta.subject == "64 name badges, 86 x 54 mm card badges, 10 per A4"
    outline = pypdf.PdfReader(a).outline
    assert len(outline) == 7 and outline[0].title.startswith("Sheet 1: Dave Airlie – ")


def test_badges_custom_preset_file(tmp_path: Path):
    preset = tmp_path / "custom.yaml"
    preset.write_text("description: test cards\npage: [150, 110]\nbadge: [70, 50]\n"
                      "columns: 2\nrows: 2\nmargins: {top: 4, left: 3}\n"
                      "gaps: {columns: 4, rows: 2}\n")
    conf = load(MINI)
    out = _badges(tmp_path, "--data", str(MINI), "--attendees", str(SAMPLE), "--sheet",
                  str(preset), "--duplex")
    sheet = load_sheet(str(preset))
    assert (sheet.page, sheet.per_page) == ((150, 110), 4)
    box = pypdf.PdfReader(out).pages[0].mediabox
    assert (round(float(box.width) / MM, 2), round(float(box.height) / MM, 2)) == (150, 110)
    _check(out, sheet, badge_people(conf, read_csv(SAMPLE)), True, conf)


@pytest.mark.parametrize(("yaml", "message"), [
    ("page: a4\nbadge: [86, 54]\ncolumns: 2\nrows: 0\n",
     "{path}:4: rows: '0' is not a whole number of at least 1"),
    ("page: a4\nbadge: [86, 54]\ncolumns: 3\nrows: 5\n",
     "{path}:2: badge: 3 columns need 258 mm but the page is 210 mm wide; make the badges, "
     "gaps or margins smaller"),
    ("page: b7\nbadge: [86, 54]\ncolumns: 2\nrows: 5\n",
     "{path}:1: page: unknown paper 'b7'; use one of a2, a3, a4, a5, a6, letter, half-letter, "
     "tabloid, a1, a0 or [width, height] in mm"),
    ("page: a4\nbadge: [86]\ncolumns: 2\nrows: 5\n",
     "{path}:2: badge: must be [width, height] in mm"),
    ("page: a4\nbadge: [86, 54]\ncolumns: 2\nrows: 5\ncolums: 2\n",
     "{path}:5: colums: unknown key; use badge, columns, description, gaps, layout, margins, "
     "page, rows"),
    ("page: a4\nbadge: [86, 54]\ncolumns: 2\nrows: 5\nmargins: {top: 5, lft: 3}\n",
     "{path}:5: margins.lft: unknown key; use left, top"),
    ("page: a4\nbadge: [86, 54]\ncolumns: 2\n",
     "{path}:1: rows: missing; every sheet preset needs page, badge, columns and rows"),
    ("page: a4\nbadge: [86, 54\n",
     "{path}:3:1: did not find expected ',' or ']' (close the list with ']')"),
])
def test_badges_broken_preset_one_line_exit_1(tmp_path: Path, capsys, yaml: str, message: str):
    preset = tmp_path / "broken.yaml"
    preset.write_text(yaml)
    code = main(["badges", "--data", str(MINI), "--sheet", str(preset),
                 "--out", str(tmp_path / "b.pdf")])
    err = capsys.readouterr().err
    assert code == 1
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith("error: " + message.format(path=preset)), err


def test_badges_unknown_preset_lists_names(capsys, tmp_path: Path):
    code = main(["badges", "--data", str(MINI), "--sheet", "a7-99up",
                 "--out", str(tmp_path / "b.pdf")])
    assert code == 1
    assert capsys.readouterr().err == (
        "error: unknown sheet preset 'a7-99up'; use one of: 1up-86x54, 4x3in-6up, 86x54-10up, "
        "a6-4up or a path to a .yaml file\n")


def test_badges_broken_layout_one_line_exit_1(tmp_path: Path, capsys):
    layout = tmp_path / "layout.yaml"
    layout.write_text("variants:\n  card:\n    size: [86, 54]\n    front:\n"
                      "      - {type: text, text: \"{first}\", box: [4, 4, 50, 10], size: 12}\n")
    code = main(["badges", "--data", str(MINI), "--layout", str(layout),
                 "--out", str(tmp_path / "b.pdf")])
    err = capsys.readouterr().err
    assert code == 1
    assert err.startswith(f"error: {layout}:5: card.front[0].text: unknown field {{first}}; use ")
    assert err.count("\n") == 1


def test_badges_data_braces_printed_not_formatted(tmp_path: Path):
    csv = tmp_path / "braces.csv"
    csv.write_text("Name,Company\n{name} {0.__class__},{event}\n", encoding="utf-8")
    out = _badges(tmp_path, "--data", str(MINI), "--attendees", str(csv), "--sheet", "a6-4up")
    text = extract_text(_page_chars(out)[0])
    # First name and the rest of the name on lines of their own, each as written.
    assert "{name}\n{0.__class__}" in text and "{event}" in text


class _Stream:
    def __init__(self, tty: bool):
        self.tty, self.text = tty, ""

    def isatty(self) -> bool:
        return self.tty

    def write(self, text: str) -> None:
        self.text += text

    def flush(self) -> None:
        pass


def test_progress_bar_only_on_terminal_for_long_runs():
    from printprog.cli.product import Progress

    quiet = _Stream(tty=False)
    bar = Progress(quiet)
    for n in range(1, 1001):
        bar(n, 1000)
    assert quiet.text == ""
    short = _Stream(tty=True)
    bar = Progress(short)
    for n in range(1, 301):
        bar(n, 300)
    assert short.text == ""
    long = _Stream(tty=True)
    bar = Progress(long, width=10)
    for n in range(1, 1001):
        bar(n, 1000)
    assert long.text.count("\r") == 101  # 0 % to 100 %: once per percent, not per badge
    assert long.text.endswith("\rbadges [##########] 1000/1000\n")


def test_badges_role_colour_without_contrast_one_line_exit_1(tmp_path: Path, capsys):
    theme = tmp_path / "pale.yaml"
    theme.write_text("extends: default\nbadges:\n  roles:\n    PRESS: \"#b2671a\"\n")
    code = main(["badges", "--data", str(MINI), "--theme", str(theme),
                 "--out", str(tmp_path / "b.pdf")])
    assert code == 1
    assert capsys.readouterr().err == (
        f"error: theme '{theme}': badges.roles.PRESS gives 4.3:1 with badges.colours.band_text; "
        "the band text needs 4.5:1, use a darker colour\n")


def test_badges_default_role_colours_keep_contrast_with_band_text():
    from printprog.products.badges.style import Style, contrast
    from printprog.theme.loader import load_theme

    style = Style.from_theme(load_theme())
    assert set(style.roles) == {"SPEAKER", "ORGANISER", "STAFF", "SPONSOR", "PRESS", "ATTENDEE",
                                "VOLUNTEER", "CREW"}
    assert min(contrast(c, style.colour("band_text")) for c in style.roles.values()) >= 4.5


def test_badges_pronouns_in_the_italic_face_read_on_first_use(tmp_path: Path):
    """The italics are not read at start (fonts._EAGER); a layout that asks for one gets it,
    embedded, for exactly the text it styles."""
    csv = tmp_path / "p.csv"
    csv.write_text("name,organisation,pronouns\nAda Lovelace,Analytical Engines,she/her\n",
                   encoding="utf-8")
    out = tmp_path / "p.pdf"
    assert main(["badges", "--data", str(MINI), "--attendees", str(csv), "--sheet", "a6-4up",
                 "--out", str(out)]) == 0
    chars = page_chars(out)[0]
    italic = "".join(c["text"] for c in chars if c["fontname"].endswith("NotoSans-Italic"))
    assert italic == "she/her"
