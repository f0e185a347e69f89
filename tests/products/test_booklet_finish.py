"""The booklet's finishing pass (#24): page breaks (no widow, no orphan, no heading at a
page or column foot, a talk that fits a page on one page), Speakers A to Z in two columns
in at most six pages with whole-sentence bios, the back cover as the last page, two
columns on A4 (lines of at most 95 characters), Markdown in abstracts rendered."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pypdf
import pytest

from conftest import KVM, MINI
from pdfcheck import decode_qr, page_chars, page_texts, render, squash
from printprog.cli import main
from printprog.core.units import mm
from printprog.draw import fonts
from printprog.importers import load
from printprog.importers.richtext import rich_text
from printprog.layout.prose import whole_sentences
from printprog.layout.textblock import BlockStyle, Span, TextBlock
from printprog.schedule.views import speakers_a_to_z

SAMPLE_39C3 = (Path(__file__).parents[1] / "fixtures" / "samples" / "schedule-json-v2"
               / "39c3-everything.schedule.json")
#: Sizes of the booklet's headings (default theme): subhead and speaker letters, talk
#: titles, day titles, section titles.
HEADING_SIZES = (10.5, 11.5, 16.0, 20.0)


def _lines(chars: list[dict]) -> list[tuple[float, float, float, list[dict]]]:
    """(top, x0, x1, chars) of each run of text on a line: characters on one baseline,
    parted where a gap wider than most of an em separates them (columns, grid cells)."""
    rows: dict[float, list[dict]] = {}
    for c in chars:
        if c["text"].strip():
            rows.setdefault(round(c["bottom"], 1), []).append(c)
    out = []
    for _, cs in sorted(rows.items()):
        cs.sort(key=lambda c: c["x0"])
        run = [cs[0]]
        for a, b in itertools.pairwise(cs):
            if b["x0"] - a["x1"] > 0.9 * max(a["size"], b["size"]):
                out.append(run)
                run = []
            run.append(b)
        out.append(run)
    return [(r[0]["top"], r[0]["x0"], r[-1]["x1"], r) for r in out]


def _text(run: list[dict]) -> str:
    s = run[0]["text"]
    for a, b in itertools.pairwise(run):
        s += (" " if b["x0"] - a["x1"] > 0.15 * b["size"] else "") + b["text"]
    return s


def _column_texts(path: Path) -> list[str]:
    """Each page's text column by column (left, then right), line by line."""
    width = float(pypdf.PdfReader(path).pages[0].mediabox[2])
    out = []
    for chars in page_chars(path):
        columns = _columns(_lines(chars), width)
        out.append("\n".join(_text(run) for column in columns for *_, run in column))
    return out


def _section_pages(texts: list[str], first: str, after: str) -> list[int]:
    """Pages (1-based) from the one whose text starts with ``first`` to before ``after``."""
    start = next(i for i, t in enumerate(texts) if t.lstrip().startswith(first))
    end = next(i for i, t in enumerate(texts) if t.lstrip().startswith(after))
    return list(range(start + 1, end + 1))


# -- widows and orphans, on the layout -------------------------------------------------------

def _block(lines: int) -> TextBlock:
    fonts.register()
    words = " ".join(f"word{i:02d}" for i in range(lines * 4))
    block = TextBlock((Span(words, "Sans"),), BlockStyle(9, 11, None))
    width = fonts.width("word00 word01 word02 word03", "Sans", 9) + 1
    assert len(block.lines(width)) == lines
    return block, width


@pytest.mark.parametrize("lines", [2, 3, 4, 5, 8])
def test_textblock_split_leaves_no_widow_and_no_orphan(lines: int):
    block, width = _block(lines)
    for room in range(0, lines + 1):
        parts = block.split(width, room * 11 + 0.5)
        sizes = [len(p.lines(width)) for p in parts]
        if len(parts) == 2:
            assert min(sizes) >= 2, (lines, room, sizes)
            assert sum(sizes) == lines


def test_textblock_beside_an_image_may_leave_one_line():
    block, width = _block(4)
    parts = block.split_lines(width, 11.5, 1)  # a change of width, not a page turn
    assert [len(p.lines(width)) for p in parts] == [1, 3]


# -- page breaks, on the PDF ---------------------------------------------------------------

def _columns(lines, page_width: float):
    """Lines of the page's text block by column: left and right of the page's middle
    when both halves hold text that does not cross it."""
    middle = page_width / 2
    if any(x0 < middle - 5 < middle + 5 < x1 for _, x0, x1, _ in lines):
        return [lines]
    return [[ln for ln in lines if ln[2] <= middle], [ln for ln in lines if ln[1] >= middle]]


def test_booklet_kvm_no_page_or_column_ends_in_a_heading(kvm_booklet: Path):
    reader = pypdf.PdfReader(kvm_booklet)
    width, height = (float(v) for v in reader.pages[0].mediabox[2:])
    texts = page_texts(kvm_booklet)
    last = len(texts)
    bad = []
    for n, chars in enumerate(page_chars(kvm_booklet), start=1):
        if n in (1, last) or "at a glance" in texts[n - 1][:200]:
            continue  # covers; the day grid is one drawing
        body = [ln for ln in _lines(chars)
                if mm(15) < ln[0] < height - mm(15)]  # not running head, not folio
        for column in _columns(body, width):
            if column:
                _top, _, _, run = max(column, key=lambda ln: ln[0])
                if round(run[0]["size"], 1) in HEADING_SIZES and "Bold" in run[0]["fontname"]:
                    bad.append((n, _text(run)))
    assert bad == []


def test_booklet_kvm_talk_that_fits_a_page_is_on_one_page(kvm_booklet: Path):
    conf = load(KVM)
    raw = page_texts(kvm_booklet)
    texts = [squash(t) for t in raw]
    split = []
    for s in conf.sessions:
        if not s.abstract:
            continue
        title = squash(s.title)
        end = squash(" ".join(s.abstract[-1].split()[-4:]))
        pages = [i for i, t in enumerate(texts) if title in t and "at a glance" not in raw[i]]
        talk_page = next(i for i in pages if end in texts[i] or end in texts[i + 1])
        if end not in texts[talk_page]:
            split.append(s.title)
    # Every talk of the bundled event is shorter than a page: none is parted.
    assert split == []


# -- speakers A to Z -------------------------------------------------------------------------

def test_whole_sentences_leave_out_what_the_source_cut():
    bio = ("Dave works on graphics. He is employed by Red Hat in Brisbane as the",)
    assert whole_sentences(bio, cut_short=True) == ("Dave works on graphics.",)
    assert whole_sentences(bio, cut_short=False) == bio
    assert whole_sentences(("Ends well.",), cut_short=True) == ("Ends well.",)
    assert whole_sentences(("Only a fragment of",), cut_short=True) == ()


def test_whole_sentences_cap_counts_sentences_across_paragraphs():
    bio = ("One. Two! Three?", "Four. Five.")
    assert whole_sentences(bio, cap=2) == ("One. Two!",)
    assert whole_sentences(bio, cap=4) == ("One. Two! Three?", "Four.")
    assert whole_sentences(bio, cap=0) == bio


def test_booklet_kvm_speakers_in_six_pages_two_columns_no_ellipsis(kvm_booklet: Path):
    texts = _column_texts(kvm_booklet)
    pages = _section_pages(page_texts(kvm_booklet), "Speakers A to Z", "Venues and rooms")
    assert len(pages) <= 6
    section = "".join(texts[p - 1] for p in pages)
    assert "\u2026" not in section and "..." not in section
    width = float(pypdf.PdfReader(kvm_booklet).pages[0].mediabox[2])
    chars = page_chars(kvm_booklet)
    for p in pages:  # text on both halves of every page but perhaps the last
        xs = [c["x0"] for c in chars[p - 1] if c["size"] < 10]
        if p != pages[-1]:
            assert min(xs) < width / 2 - 20 and max(xs) > width / 2 + 5, p
    conf = load(KVM)
    flat = squash(section)
    assert [sp.name for sp in speakers_a_to_z(conf) if squash(sp.name) not in flat] == []
    # A bio the source cut short ends at its last whole sentence: the fragment is gone.
    dave = conf.speaker_by_id["dave-airlie"]
    assert dave.bio_truncated
    assert squash("Red Hat in Brisbane as the enterprise") not in flat
    assert squash("as a major contributor to graphics driver development.") in flat


def test_booklet_kvm_speaker_disc_is_about_12_mm(kvm_booklet: Path):
    texts = page_texts(kvm_booklet)
    page = _section_pages(texts, "Speakers A to Z", "Venues and rooms")[0]
    initials = [c for c in page_chars(kvm_booklet)[page - 1]
                if c["text"] == "D" and "Bold" in c["fontname"] and c["size"] == 11]
    assert initials  # "DA": Dave Airlie's initials at the disc's size


# -- back cover ------------------------------------------------------------------------------

def test_booklet_kvm_last_page_is_the_back_cover(kvm_booklet: Path, tmp_path: Path):
    conf = load(KVM)
    assert conf.wifi and conf.website and conf.emergency
    texts = page_texts(kvm_booklet)
    assert len(texts) % 4 == 0
    back = texts[-1]
    for value in (conf.wifi, conf.website, conf.venue_address, conf.conduct_contact,
                  conf.emergency, *(r.address for r in conf.rooms if r.offsite)):
        assert squash(value) in squash(back), value
    assert "Notes" not in back
    assert not re.search(rf"(^|\s){len(texts)}(\s|$)", back)  # no folio
    png = render(kvm_booklet, len(texts), tmp_path / "back.png", dpi=200)
    assert decode_qr(png) == [conf.website]


def test_booklet_notes_pages_go_before_the_back_cover(tmp_path: Path):
    out = tmp_path / "mini.pdf"
    assert main(["booklet", "--data", str(MINI), "--out", str(out)]) == 0
    texts = page_texts(out)
    assert len(texts) % 4 == 0
    notes = [i + 1 for i, t in enumerate(texts) if "Notes" in t.splitlines()[0]]
    assert notes and notes[-1] == len(texts) - 1  # padding, then the back cover
    assert "Notes" not in texts[-1] and "mini.example.org" in texts[-1]


# -- two columns on A4 -----------------------------------------------------------------------

@pytest.fixture(scope="module")
def a4_booklet(built) -> Path:
    return built("booklet", "--data", str(KVM), "--paper", "a4")


def test_booklet_a4_lines_at_most_95_characters(a4_booklet: Path):
    texts = page_texts(a4_booklet)
    longest = (0, "")
    for n, chars in enumerate(page_chars(a4_booklet), start=1):
        if "at a glance" in texts[n - 1][:200]:
            continue  # the day grid (another module): its lines are its cells
        for *_, run in _lines(chars):
            text = _text(run)
            longest = max(longest, (len(text), f"p. {n}: {text}"))
    assert longest[0] <= 95, longest


def test_booklet_a4_talks_in_two_columns(a4_booklet: Path):
    texts = page_texts(a4_booklet)
    width = float(pypdf.PdfReader(a4_booklet).pages[0].mediabox[2])
    page = next(i for i, t in enumerate(texts)
                if "Monday 21 October: talks" in t and "Contents" not in t)
    lines = [ln for ln in _lines(page_chars(a4_booklet)[page]) if ln[3][0]["size"] == 9]
    assert any(x1 < width / 2 for _, _, x1, _ in lines)
    assert any(x0 > width / 2 for _, x0, _, _ in lines)


# -- Markdown --------------------------------------------------------------------------------

def test_rich_text_markdown_headings_lists_links_images():
    text = ("### In a few words\n\nSome **bold**, *italic* and a [link](https://x.org).\n\n"
            "![A diagram](https://x.org/a.png) ![](https://x.org/b.png)\n\n"
            "- one\n- two `code`\n\n3. three\n4. four")
    assert rich_text(text) == ("In a few words", "Some bold, italic and a link.", "A diagram",
                               "\u2022 one", "\u2022 two code", "3. three", "4. four")


def test_rich_text_plain_text_stays_as_it_is():
    assert rich_text("5 * 3 is snake_case_name.\nSecond line.") == (
        "5 * 3 is snake_case_name. Second line.",)


def test_rich_text_drops_paragraphs_without_a_letter_or_digit():
    """39C3's bio ".", jev22's "-": a stray mark under a speaker's name, in every reader."""
    for junk in (".", "-", "---", "\u2022", "<p>.</p>", "- \n\n  ", "*", "…"):
        assert rich_text(junk) == (), junk
    assert rich_text("Hi.\n\n.\n\n42") == ("Hi.", "42")
    assert rich_text("<p>Hi</p><p>-</p>") == ("Hi",)


def test_booklet_39c3_prints_no_markdown(tmp_path: Path):
    out = tmp_path / "39c3.pdf"
    assert main(["booklet", "--data", str(SAMPLE_39C3), "--out", str(out)]) == 0
    text = "\n".join(page_texts(out))
    assert "###" not in text and "![" not in text and ")](" not in text
    # "**" stays where it is a word's own ("No f**ing Day"), never as a bold pair.
    assert re.findall(r"\*\*[^*\s][^*\n]*?\*\*", text) == []
