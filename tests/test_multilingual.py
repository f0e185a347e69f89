"""Every name prints right: the multilingual fixture (Latin with diacritics, Greek, Cyrillic,
Chinese, Japanese, Korean, Arabic, Hebrew) in the booklet, on signs and on badges.

How extracted text is compared. pdfplumber gives characters in the order they stand on the
page, left to right (it sorts them by position), which is the order reportlab drew them in.
(With ``y_tolerance=6``: pdfminer puts Noto Sans Arabic glyphs 3.8 pt lower than Latin ones
on the same baseline, from the font's deep descent, and the default 3 pt would split every
mixed line and drop the spaces between Arabic words.)
What reportlab draws is :func:`bidi.visual` of the logical text: Arabic shaped into its
joined presentation forms (U+FE70-U+FEFF, one glyph per letter in its initial, medial or
final form) and reversed by the bidi algorithm, Hebrew reversed. So the extracted text equals
``bidi.visual(logical)``, and for right-to-left text it never equals the logical string
(asserted, so the comparison cannot pass by accident). For left-to-right scripts the two are
the same string.
"""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pdfplumber
import pytest

from conftest import FIXTURES
from pdfcheck import page_texts, render
from printprog.core.report import Report
from printprog.core.resources import fonts_dir
from printprog.draw import bidi
from printprog.importers.yaml_dir import load_folder
from printprog.qa import checks
from printprog.theme.loader import load_theme

FIXTURE = FIXTURES / "multilingual"
#: One sample block per script the fixture must hold.
SCRIPTS = {"latin-diacritics": "\u00c0-\u017f", "greek": "\u0370-\u03ff",
           "cyrillic": "\u0400-\u04ff", "han": "\u4e00-\u9fff", "kana": "\u3040-\u30ff",
           "hangul": "\uac00-\ud7a3", "arabic": "\u0600-\u06ff", "hebrew": "\u0590-\u05ff"}


def folded(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def conf():
    return load_folder(FIXTURE)


@pytest.fixture(scope="module")
def booklet(conf, tmp_path_factory) -> tuple[Path, Report]:
    from printprog.products.booklet.product import build

    out = tmp_path_factory.mktemp("ml") / "booklet.pdf"
    return out, build(conf, out, load_theme("default"))


@pytest.fixture(scope="module")
def signs(conf, tmp_path_factory) -> tuple[Path, Report]:
    from printprog.products.signage import product as signage

    out = tmp_path_factory.mktemp("ml-signs")
    report = Report()
    signage.build(conf, load_theme("default"), out_dir=out, report=report)
    return out, report


def text_of(pdf: Path) -> str:
    with pdfplumber.open(pdf) as doc:
        return folded(" ".join(p.extract_text(y_tolerance=6) or "" for p in doc.pages))


@pytest.fixture(scope="module")
def booklet_text(booklet) -> str:
    return text_of(booklet[0])


def test_multilingual_fixture_holds_every_script(conf):
    text = " ".join([s.name for s in conf.speakers] + [s.title for s in conf.sessions]
                    + [r.name for r in conf.rooms])
    for script, block in SCRIPTS.items():
        assert re.search(f"[{block}]", text), f"no {script} in the fixture"


def test_multilingual_every_character_has_a_bundled_font(conf, booklet, signs):
    assert checks.missing_glyphs(conf) == []
    for report in (booklet[1], signs[1]):
        assert [w for w in report.warnings if "font" in w] == []


def test_multilingual_booklet_prints_names_titles_rooms_in_visual_order(conf, booklet_text):
    for s in conf.sessions:
        room = conf.room_by_id[s.room].name
        speaker = conf.speaker_by_id[s.speakers[0]].name
        for logical in (s.title, room, speaker):
            assert folded(bidi.visual(logical)) in booklet_text, logical
            if bidi.has_rtl(logical):  # the comparison means something
                assert folded(logical) not in booklet_text


def test_multilingual_arabic_is_shaped_hebrew_is_reversed(booklet_text):
    arabic = bidi.visual("الجبر والمقابلة")
    assert all(0xFE70 <= ord(c) <= 0xFEFF or c == " " for c in arabic)
    assert arabic in booklet_text
    assert "םלוע םולש" in booklet_text  # שלום עולם, drawn right to left


def test_multilingual_time_keeps_its_order_beside_a_right_to_left_room(conf, booklet_text):
    """A talk's line "11:00–11:45 · <room>": an Arabic or Hebrew room name must not turn
    the whole line right to left (which printed the time as "11:45–11:00")."""
    for ident in ("arabic", "hebrew"):
        s = conf.session_by_id[ident]
        room = conf.room_by_id[s.room].name
        line = f"{s.start:%H:%M}\u2013{s.end:%H:%M} \u00b7 {bidi.visual(room)}"
        assert line in booklet_text, line


def test_multilingual_sign_per_room(conf, signs):
    folder, _ = signs
    text = {p.name: text_of(p) for p in folder.glob("*.pdf") if p.name != "all-rooms.pdf"}
    for s in conf.sessions:
        room = conf.room_by_id[s.room]
        holding = [n for n, t in text.items() if folded(bidi.visual(room.name)) in t]
        assert len(holding) == 1, (room.name, list(text))
        sign = text[holding[0]]
        assert folded(bidi.visual(s.title)) in sign
        assert f"{s.start:%H:%M}\u2013{s.end:%H:%M}" in sign


def test_multilingual_badges(conf, tmp_path):
    pytest.importorskip("printprog.products.badges.product",
                        reason="printprog badges is not importable yet")
    out = tmp_path / "badges.pdf"
    r = subprocess.run([sys.executable, "-m", "printprog.cli", "badges", "--data",
                        str(FIXTURE), "--out", str(out)], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert "font" not in r.stderr
    text = text_of(out)
    for sp in conf.speakers:
        first = sp.name.split()[0]
        assert folded(bidi.visual(first)) in text, sp.name
    assert_real_glyphs(out)


def test_multilingual_no_replacement_or_empty_box(booklet_text, signs):
    texts = [booklet_text] + [text_of(p) for p in signs[0].glob("*.pdf")]
    for text in texts:
        for bad in ("\ufffd", "\u25a0", "\u25a1", "\u25af"):
            assert bad not in text


@functools.cache
def _cmaps() -> dict[str, dict[int, int]]:
    """PostScript name -> character -> glyph of every bundled font."""
    from reportlab.pdfbase.ttfonts import TTFontFile

    return {TTFontFile(str(f)).name.decode(): TTFontFile(str(f)).charToGlyph
            for f in fonts_dir().glob("*.ttf")}


def assert_real_glyphs(pdf: Path) -> int:
    """Every character on every page comes from a font whose cmap has it (not glyph 0,
    .notdef, which viewers draw as an empty box). Returns how many were checked."""
    count = 0
    with pdfplumber.open(pdf) as doc:
        for n, page in enumerate(doc.pages, 1):
            for ch in page.chars:
                font = ch["fontname"].split("+", 1)[-1]
                cmap = _cmaps()[font]
                for c in ch["text"]:
                    assert cmap.get(ord(c), 0) != 0, (pdf.name, n, c, font)
                    count += 1
    return count


def test_multilingual_every_glyph_is_a_real_glyph(booklet, signs):
    assert assert_real_glyphs(booklet[0]) > 500
    assert assert_real_glyphs(signs[0] / "all-rooms.pdf") > 100


def test_multilingual_pages_render_with_ink(booklet, signs, tmp_path):
    """The talks pages and the Arabic sign render (pypdfium2) to PNGs with ink on them.
    Looked at by eye when the fixture was made (pdftoppm -r 100): Arabic joined and right to
    left, Hebrew right to left, kana, Han and Hangul drawn, times beside right-to-left room
    names in order; a Tamil name shows one U+FFFD per character."""
    from PIL import Image

    with pdfplumber.open(booklet[0]) as doc:
        pages = [n for n, p in enumerate(doc.pages, 1)
                 if "talks" in (p.extract_text() or "")[:80]]
    sign = next(p for p in signs[0].glob("*.pdf") if p.name.startswith("qaa"))
    for pdf, page in [(booklet[0], n) for n in pages] + [(sign, 1)]:
        png = render(pdf, page, tmp_path / f"{pdf.stem}-{page}.png", dpi=60)
        grey = Image.open(png).convert("L")
        dark = sum(grey.histogram()[:128])
        assert dark > 500, (pdf.name, page)


# -- a script no bundled font has ---------------------------------------------------------

@pytest.fixture
def tamil(tmp_path) -> Path:
    folder = tmp_path / "tamil"
    shutil.copytree(FIXTURE, folder)
    with (folder / "speakers.yaml").open("a", encoding="utf-8") as fh:
        fh.write("- id: selvi\n  name: தமிழ்செல்வி Raman\n  bio: Kernel hacker.\n")
    text = (folder / "sessions.yaml").read_text(encoding="utf-8")
    (folder / "sessions.yaml").write_text(
        text.replace("speakers: [zoe]", "speakers: [zoe, selvi]"), encoding="utf-8")
    return folder


def test_multilingual_missing_script_one_warning_and_visible_replacement(tamil, tmp_path):
    from printprog.products.booklet.product import build

    conf = load_folder(tamil)
    found = checks.missing_glyphs(conf)
    assert len(found) == 1
    assert found[0].startswith("speaker selvi 'தமிழ்செல்வி Raman': name has characters no "
                               "bundled font covers (U+0BA4, U+0BAE, U+0BBF, U+0BB4, U+0BCD)")
    out = tmp_path / "booklet.pdf"
    build(conf, out, load_theme("default"))
    text = " ".join(page_texts(out))
    assert "\ufffd" * 11 + " Raman" in text  # every Tamil character, visibly replaced
    assert "\u25a0" not in text
    assert_real_glyphs(out)  # U+FFFD itself is a real glyph of the main font


def test_multilingual_missing_script_warned_by_check(tamil):
    r = subprocess.run([sys.executable, "-m", "printprog.cli", "check", "--data", str(tamil)],
                       capture_output=True, text=True)
    assert r.returncode == 0
    lines = [ln for ln in r.stderr.splitlines() if "no bundled font" in ln]
    assert len(lines) == 1 and lines[0].startswith("warning: speaker selvi")


def test_multilingual_missing_script_warned_by_products(tamil, tmp_path):
    r = subprocess.run([sys.executable, "-m", "printprog.cli", "booklet", "--data", str(tamil),
                        "--out", str(tmp_path / "b.pdf")], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    lines = [ln for ln in r.stderr.splitlines() if "no bundled font" in ln]
    assert len(lines) == 1 and lines[0].startswith("warning: speaker selvi")
