"""The booklet, asserted on the PDF: every title and speaker, safe area, no overlaps,
fonts embedded, qpdf clean, pages to a multiple of 4, page references that point true."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pypdf
import pytest

import synthetic
from conftest import KVM, MINI, SAMPLE_31C3
from pdfcheck import (
    PAGE_REF,
    chars_outside,
    fonts_not_embedded,
    internal_links,
    overlapping_lines,
    page_texts,
    parsed,
    pdffonts_embedded,
    qpdf_check,
    squash,
)
from printprog.cli import main
from printprog.core.units import PT_PER_MM
from printprog.importers import load
from printprog.products.booklet.product import build
from printprog.schedule.views import speakers_a_to_z
from printprog.theme.loader import load_theme

SAFE_MM = 5


@pytest.fixture(scope="module")
def big_booklet(tmp_path_factory) -> tuple[Path, object]:
    """An event of 31C3's size: 138 talks, 4 rooms, 4 days."""
    conf = synthetic.event(talks=138, rooms=4, day_count=4)
    out = tmp_path_factory.mktemp("big") / "big.pdf"
    build(conf, out, load_theme("default"))
    return out, conf


def _links_with_page_refs(path: Path) -> list[tuple[int, str, int]]:
    """(page, text in the link's rectangle, page the link goes to) for links showing 'p. N'."""
    return [link for link in internal_links(path) if PAGE_REF.search(link[1])]


def test_booklet_kvm_has_every_title_and_speaker(kvm_booklet: Path):
    conf = load(KVM)
    titles = {s.title for s in conf.sessions}
    assert len(titles) == 56  # Registration, Break and Lunch counted once
    text = squash("".join(page_texts(kvm_booklet)))
    missing = [t for t in titles if squash(t) not in text]
    assert missing == []
    names = [sp.name for sp in speakers_a_to_z(conf)]
    assert len(names) == len({p for s in conf.sessions for p in s.people})
    assert [n for n in names if squash(n) not in text] == []


def test_booklet_kvm_text_inside_safe_area(kvm_booklet: Path):
    assert chars_outside(kvm_booklet, SAFE_MM) == []


def test_booklet_kvm_no_overlapping_lines(kvm_booklet: Path):
    assert overlapping_lines(kvm_booklet) == []


def test_booklet_kvm_fonts_embedded_and_bundled(kvm_booklet: Path):
    assert fonts_not_embedded(kvm_booklet) == []
    assert all(emb == "yes" for _, emb in pdffonts_embedded(kvm_booklet))
    names = {name for name, _ in pdffonts_embedded(kvm_booklet)}
    assert names and all("NotoSans" in n for n in names), names


def test_booklet_kvm_qpdf_clean(kvm_booklet: Path):
    code, output = qpdf_check(kvm_booklet)
    assert code == 0, output


def test_booklet_kvm_page_count_folds_and_size_is_a5(kvm_booklet: Path):
    reader = pypdf.PdfReader(kvm_booklet)
    assert len(reader.pages) % 4 == 0
    w, h = (float(v) / PT_PER_MM for v in reader.pages[0].mediabox[2:])
    assert (round(w), round(h)) == (148, 210)


def test_booklet_kvm_page_references_point_at_the_talk(kvm_booklet: Path):
    refs = _links_with_page_refs(kvm_booklet)
    conf = load(KVM)
    texts = [squash(t) for t in page_texts(kvm_booklet)]
    talks = [s for s in conf.sessions if not s.plenary]
    # Every talk cell in the grids and every talk line in the speaker index carries one.
    assert len(refs) >= len(talks) * 2
    for page, text, target in refs:
        printed = int(re.search(r"p\.\s?(\d+)", text)[1])
        assert printed == target, (page, text)
        words = [w for w in re.sub(r"p\.\s?\d+|\d\d:\d\d(–\d\d:\d\d)?|→|·", " ", text).split()
                 if w not in {"Mon", "Tue", "Wed", "(moderator)"}]
        lead = squash(" ".join(words[:2]).rstrip("…"))
        assert lead in texts[target - 1], (page, text, target)


def test_booklet_kvm_bookmarks_for_days_and_sections(kvm_booklet: Path):
    reader = pypdf.PdfReader(kvm_booklet)
    top = [o.title for o in reader.outline if not isinstance(o, list)]
    for title in ("Contents", "Monday 21 October", "Tuesday 22 October",
                  "Wednesday 23 October", "Speakers A to Z", "Venues and rooms"):
        assert title in top


def test_booklet_kvm_metadata(kvm_booklet: Path):
    meta = pypdf.PdfReader(kvm_booklet).metadata
    assert meta.author == "KVM Forum + oVirt Developers Summit 2013"
    assert meta.title == "KVM Forum + oVirt Developers Summit 2013: programme"
    assert meta.subject.startswith("Programme of KVM Forum")


def test_booklet_kvm_offsite_addresses_printed(kvm_booklet: Path):
    conf = load(KVM)
    text = squash("".join(page_texts(kvm_booklet)))
    offsite = [r for r in conf.rooms if r.offsite]
    assert len(offsite) == 3
    assert all(squash(r.address) in text for r in offsite)


def test_booklet_same_input_same_bytes(tmp_path: Path):
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    assert main(["booklet", "--data", str(MINI), "--out", str(a)]) == 0
    assert main(["booklet", "--data", str(MINI), "--out", str(b)]) == 0
    assert a.read_bytes() == b.read_bytes()


def _check_printable(path: Path, conf) -> None:
    """Every title present, nothing outside the safe area, no overlapping lines, fonts
    embedded, qpdf clean, pages in whole sheets."""
    text = squash("".join(page_texts(path)))
    assert [s.title for s in conf.sessions if squash(s.title) not in text] == []
    assert chars_outside(path, SAFE_MM) == []
    assert overlapping_lines(path) == []
    assert fonts_not_embedded(path) == []
    assert qpdf_check(path)[0] == 0
    assert len(pypdf.PdfReader(path).pages) % 4 == 0


def _check_page_references(path: Path) -> None:
    """There are "p. N" links, and each lands on page N."""
    refs = _links_with_page_refs(path)
    assert refs
    assert [(p, t, d) for p, t, d in refs
            if int(re.search(r"p\.\s?(\d+)", t)[1]) != d] == []


def test_booklet_31c3_size_titles_safe_area_fonts(big_booklet):
    _check_printable(*big_booklet)


def test_booklet_31c3_size_page_references_point_true(big_booklet):
    _check_page_references(big_booklet[0])


def test_booklet_many_rooms_main_rooms_in_the_grid_the_rest_in_the_list(tmp_path: Path):
    """8 rooms on A5 (3 columns a page at >= 30 mm): the grid takes at most a facing spread
    of them (brief: at conference scale), the other rooms' sessions are in the day's "also
    today" list, every title on the day's glance pages."""
    conf = synthetic.event(talks=40, rooms=8, day_count=1)
    out = tmp_path / "wide.pdf"
    build(conf, out, load_theme("default"))
    reader = pypdf.PdfReader(out)
    texts = page_texts(out)
    glance = [t for t in texts if "at a glance" in t]
    assert 1 <= len(glance) <= 4
    assert not any(re.search(r"rooms \d+\u2013\d+ of 8", t) for t in glance)
    assert any("also today" in t for t in glance)
    # (the list's columns interleave in the text layer: a title's words, each)
    said = set(" ".join(glance).split())
    assert all(set(s.title.split()) <= said for s in conf.sessions)
    assert len(reader.pages) % 4 == 0
    assert chars_outside(out, SAFE_MM) == []
    assert overlapping_lines(out) == []


@pytest.mark.parametrize(("paper", "size"), [("a4", (210, 297)), ("letter", (216, 279)),
                                              ("half-letter", (140, 216))])
def test_booklet_paper_sizes(tmp_path: Path, paper: str, size: tuple[int, int]):
    out = tmp_path / f"{paper}.pdf"
    assert main(["booklet", "--data", str(MINI), "--paper", paper, "--out", str(out)]) == 0
    page = pypdf.PdfReader(out).pages[0]
    w, h = (float(v) / PT_PER_MM for v in page.mediabox[2:])
    assert (round(w), round(h)) == size
    assert chars_outside(out, SAFE_MM) == []


def test_booklet_theme_inherits_and_overrides(tmp_path: Path):
    theme = tmp_path / "dark.yaml"
    theme.write_text('extends: default\ncolours:\n  accent: "#aa0000"\n')
    out = tmp_path / "dark.pdf"
    assert main(["booklet", "--data", str(MINI), "--theme", str(theme), "--out", str(out)]) == 0
    colours = {c["non_stroking_color"] for c in parsed(out)[1].chars if c["text"] == "C"}
    assert (0.667, 0.0, 0.0) in {tuple(round(v, 3) for v in col) for col in colours if col}


def test_booklet_unknown_theme_one_line_error_keeps_old_pdf(tmp_path: Path, capsys):
    out = tmp_path / "b.pdf"
    out.write_bytes(b"old")
    code = main(["booklet", "--data", str(MINI), "--theme", "nope", "--out", str(out)])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 1
    assert err == ["error: unknown theme 'nope'; use one of: default or a path to a .yaml file"]
    assert out.read_bytes() == b"old"
    assert list(tmp_path.iterdir()) == [out]


def test_booklet_real_31c3_export_meets_the_same_checks(booklet_31c3: Path):
    out, conf = booklet_31c3, load(SAMPLE_31C3)  # booklet built once, in conftest
    assert len(conf.sessions) == 138
    _check_printable(out, conf)
    _check_page_references(out)


def test_booklet_talks_without_a_qr_code_share_pages_as_talks_with_one(tmp_path: Path,
                                                                      kvm_booklet: Path):
    """The bundled event without its session URLs (so no QR codes, as in JuliaCon 2023's
    export) takes no more pages than with them: each entry is shorter. A talk without a QR
    code once started a page of its own (a KeepTogether inside the entry's KeepTogether),
    and this booklet went from 40 pages to 72."""
    data = tmp_path / "kvm"
    shutil.copytree(KVM, data)
    conference = data / "conference.yaml"
    lines = conference.read_text(encoding="utf-8").splitlines(keepends=True)
    conference.write_text("".join(ln for ln in lines if not ln.startswith("session_url:")),
                          encoding="utf-8")
    out = tmp_path / "no-qr.pdf"
    assert main(["booklet", "--data", str(data), "--out", str(out)]) == 0
    with_qr = len(pypdf.PdfReader(kvm_booklet).pages)
    without = page_texts(out)
    assert not any("sched.org/event/" in t for t in without)  # no talk URLs: no QR codes
    assert len(without) <= with_qr
