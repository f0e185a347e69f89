"""Saddle-stitch imposition: the order of pages on each sheet side, blank padding, sheet size,
bleed on the outer edges only, and the booklet's --impose saddle."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pytest
from reportlab.pdfgen.canvas import Canvas

from conftest import KVM
from pdfcheck import page_words, parsed
from printprog.cli import main
from printprog.core.units import mm, paper
from printprog.production.impose import saddle_file, saddle_order

A5 = paper("a5")


def numbered_pdf(path: Path, pages: int) -> Path:
    """``pages`` A5 pages, each with its number drawn large in the middle."""
    canvas = Canvas(str(path), pagesize=A5, invariant=1)
    for n in range(1, pages + 1):
        canvas.setFont("Helvetica-Bold", 60)
        canvas.drawCentredString(A5[0] / 2, A5[1] / 2, str(n))
        canvas.showPage()
    canvas.save()
    return path


def sides_of(path: Path) -> list[tuple[str | None, str | None]]:
    """(left, right) page numbers printed on each sheet side; None where a half is empty."""
    out = []
    for page, words in zip(parsed(path), page_words(path), strict=True):
        half = page.width / 2
        left = [w["text"] for w in words if w["x1"] <= half]
        right = [w["text"] for w in words if w["x0"] >= half]
        assert len(words) == len(left) + len(right)  # nothing straddles the spine
        out.append((" ".join(left) or None, " ".join(right) or None))
    return out


def test_saddle_order_sixteen_pages_nests_to_read_one_to_sixteen():
    assert saddle_order(16) == [(16, 1), (2, 15), (14, 3), (4, 13), (12, 5), (6, 11),
                                (10, 7), (8, 9)]


def test_saddle_order_pads_to_a_multiple_of_four_with_blanks():
    assert saddle_order(10) == [(None, 1), (2, None), (10, 3), (4, 9), (8, 5), (6, 7)]
    assert saddle_order(1) == [(None, 1), (None, None)]


@pytest.fixture(scope="module")
def imposed_ten(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("impose")
    target = folder / "sheets.pdf"
    assert saddle_file(numbered_pdf(folder / "ten.pdf", 10), target) == pytest.approx(A5[0])
    return target


def test_impose_ten_pages_gives_three_sheets_in_saddle_order(imposed_ten):
    assert sides_of(imposed_ten) == [(None, "1"), ("2", None), ("10", "3"), ("4", "9"),
                                     ("8", "5"), ("6", "7")]


def test_impose_sheet_is_twice_the_page_wide(imposed_ten):
    with pikepdf.open(imposed_ten) as pdf:
        sizes = {tuple(round(float(v) / mm(1), 1) for v in page.mediabox) for page in pdf.pages}
    assert sizes == {(0, 0, 296, 210)}


def test_impose_blank_halves_carry_nothing(imposed_ten):
    with pikepdf.open(imposed_ten) as pdf:
        placed = [[str(i.operands[0]) for i in pikepdf.parse_content_stream(page)
                   if str(i.operator) == "Do"] for page in pdf.pages[:2]]
    assert placed == [["/Page1"], ["/Page2"]]


def test_impose_same_input_gives_same_bytes(imposed_ten, tmp_path):
    again = tmp_path / "sheets.pdf"
    saddle_file(numbered_pdf(tmp_path / "ten.pdf", 10), again)
    assert again.read_bytes() == imposed_ten.read_bytes()


@pytest.fixture(scope="module")
def kvm_spreads(tmp_path_factory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("spreads")
    out = folder / "booklet.pdf"
    assert main(["booklet", "--data", str(KVM), "--out", str(out), "--impose", "saddle",
                 "--bleed", "3", "--crop-marks"]) == 0
    return out, folder / "booklet-saddle.pdf"


def test_booklet_impose_saddle_writes_spreads_beside_the_booklet(kvm_spreads):
    booklet, spreads = kvm_spreads
    with pikepdf.open(booklet) as b, pikepdf.open(spreads) as s:
        assert len(s.pages) * 2 == len(b.pages) == 48
        trim = [round(float(v) / mm(1), 2) for v in s.pages[0].obj.TrimBox]
        bleed = [round(float(v) / mm(1), 2) for v in s.pages[0].obj.BleedBox]
    assert [trim[2] - trim[0], trim[3] - trim[1]] == [296, 210]
    assert [trim[0] - bleed[0], trim[1] - bleed[1], bleed[2] - trim[2]] == [3, 3, 3]
    first = sides_of(spreads)[0]
    assert first[0].endswith("48") and first[1].startswith("KVM Forum")


def test_booklet_spread_bleeds_on_the_outside_only(kvm_spreads):
    """Sheet 1 front: the notes page (48) left, the cover (1) right. The cover's ground runs
    into the bleed at the right edge, but stops at the spine."""
    _, spreads = kvm_spreads
    scale = 100 / 72
    doc = pdfium.PdfDocument(str(spreads))
    image = doc[0].render(scale=scale).to_pil().convert("RGB")
    doc.close()
    with pikepdf.open(spreads) as pdf:
        x0, y0, x1, y1 = (float(v) for v in pdf.pages[0].obj.TrimBox)

    def pixel(x: float, y: float) -> tuple[int, int, int]:
        return image.getpixel((round(x * scale), round(image.height - y * scale)))

    cover = pixel(x1 - mm(5), y0 + mm(5))
    assert cover != (255, 255, 255)
    assert pixel(x1 + mm(1.5), y0 + mm(5)) == cover            # outer bleed, right
    assert pixel(x1 - mm(5), y1 + mm(1.5)) == cover            # outer bleed, top
    spine = (x0 + x1) / 2
    assert pixel(spine + mm(1), y0 + mm(5)) == cover           # the cover reaches the spine
    assert pixel(spine - mm(1), y0 + mm(5)) == (255, 255, 255)  # and not over it
