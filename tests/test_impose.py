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
        # KVM's booklet: 40 pages since the finishing pass (the last is the back cover).
        assert len(s.pages) * 2 == len(b.pages) == 40
        trim = [round(float(v) / mm(1), 2) for v in s.pages[0].obj.TrimBox]
        bleed = [round(float(v) / mm(1), 2) for v in s.pages[0].obj.BleedBox]
    assert [trim[2] - trim[0], trim[3] - trim[1]] == [296, 210]
    assert [trim[0] - bleed[0], trim[1] - bleed[1], bleed[2] - trim[2]] == [3, 3, 3]
    front, back = sides_of(spreads)[:2]
    # Sheet 1 front: the back cover (40, no folio: the event's facts) and the cover (1);
    # its back: pages 2 and 39, each ending with its folio.
    assert "OFF-SITE VENUES" in front[0] and front[1].startswith("KVM Forum")
    assert back[0].endswith(" 2") and back[1].endswith(" 39")


COVER = (22, 56, 79)  # the theme's cover colour (#16384f), front and back cover


def _rgb_at(pdf_path: Path, sheet: int):
    """A pixel reader for sheet side ``sheet`` (0-based) at 100 dpi, and its TrimBox."""
    scale = 100 / 72
    doc = pdfium.PdfDocument(str(pdf_path))
    image = doc[sheet].render(scale=scale).to_pil().convert("RGB")
    doc.close()
    with pikepdf.open(pdf_path) as pdf:
        trim = tuple(float(v) for v in pdf.pages[sheet].obj.TrimBox)
        mx, my = (float(v) for v in pdf.pages[sheet].mediabox[:2])

    def pixel(x: float, y: float) -> tuple[int, int, int]:
        return image.getpixel((round((x - mx) * scale), round(image.height - (y - my) * scale)))
    return pixel, trim


def test_booklet_spread_bleeds_on_the_outside_only(kvm_spreads):
    """Sheet 1 front: the back cover (40) left, the cover (1) right, both on the cover
    colour: each ground runs into the bleed at its outer edges and meets the other at the
    spine (where neither has bleed: see the two-colour case below)."""
    _, spreads = kvm_spreads
    pixel, (x0, y0, x1, y1) = _rgb_at(spreads, 0)
    spine = (x0 + x1) / 2
    assert pixel(x1 - mm(5), y0 + mm(5)) == COVER
    assert pixel(x1 + mm(1.5), y0 + mm(5)) == COVER            # outer bleed, right
    assert pixel(x0 - mm(1.5), y0 + mm(5)) == COVER            # outer bleed, left
    assert pixel(x1 - mm(5), y1 + mm(1.5)) == COVER            # outer bleed, top
    assert pixel(x0 + mm(5), y0 - mm(1.5)) == COVER            # outer bleed, bottom
    assert pixel(spine + mm(1), y0 + mm(5)) == COVER           # the cover reaches the spine
    assert pixel(spine - mm(1), y0 + mm(5)) == COVER           # and so does the back cover
    # Sheet 1 back: pages 2 and 39 have no ground; their bleed stays white.
    pixel, (x0, y0, x1, y1) = _rgb_at(spreads, 1)
    assert pixel(x0 - mm(1.5), y0 + mm(5)) == pixel(x1 + mm(1.5), y0 + mm(5)) == (255, 255, 255)


def _grounds(path: Path, colours: list[tuple[float, float, float]], bleed: float) -> Path:
    """A5 pages each filled with its colour out to a ``bleed`` (pt) beyond the trim, with
    TrimBox and BleedBox saying so."""
    w, h = A5[0] + 2 * bleed, A5[1] + 2 * bleed
    canvas = Canvas(str(path), pagesize=(w, h), invariant=1)
    for colour in colours:
        canvas.setFillColorRGB(*colour)
        canvas.rect(0, 0, w, h, stroke=0, fill=1)
        canvas.showPage()
    canvas.save()
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        for page in pdf.pages:
            page.obj.TrimBox = pikepdf.Array([bleed, bleed, bleed + A5[0], bleed + A5[1]])
            page.obj.BleedBox = pikepdf.Array([0, 0, w, h])
        pdf.save(path)
    return path


def test_impose_spread_has_no_bleed_at_the_spine(tmp_path):
    """Four pages, each on its own full-bleed ground: sheet 1 front is page 4 (red) left
    and page 1 (blue) right. Each ground reaches its outer bleed; at the spine each stops
    at the fold, so neither page's bleed lies over the other (the right page is drawn
    last: with bleed at the spine, blue would cover 3 mm of the red page)."""
    red, blue, green = (1, 0, 0), (0, 0, 1), (0, 1, 0)
    source = _grounds(tmp_path / "grounds.pdf", [blue, green, green, red], mm(3))
    sheets = tmp_path / "sheets.pdf"
    saddle_file(source, sheets)
    with pikepdf.open(sheets) as pdf:  # reveal the bleed beyond the spread's trim
        for page in pdf.pages:
            x0, y0, x1, y1 = (float(v) for v in page.mediabox)
            page.obj.TrimBox = pikepdf.Array([x0, y0, x1, y1])
            page.obj.MediaBox = pikepdf.Array([x0 - mm(3), y0 - mm(3), x1 + mm(3), y1 + mm(3)])
        pdf.save(tmp_path / "shown.pdf")
    pixel, (x0, y0, x1, y1) = _rgb_at(tmp_path / "shown.pdf", 0)
    spine, y = (x0 + x1) / 2, (y0 + y1) / 2
    assert pixel(x0 - mm(1.5), y) == (255, 0, 0)       # page 4's outer bleed
    assert pixel(x1 + mm(1.5), y) == (0, 0, 255)       # page 1's outer bleed
    assert pixel(spine - mm(1), y) == (255, 0, 0)      # page 4 up to the fold
    assert pixel(spine + mm(1), y) == (0, 0, 255)      # page 1 from the fold
