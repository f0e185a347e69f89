"""``logo:`` in conference.yaml (issue #24 item 4): drawn on the booklet cover, a sign, the
poster, the badge fronts and the chair kit, where each product puts it; a clear one-line error
for a missing, too coarse, PDF or text-bearing logo."""

from __future__ import annotations

import shutil
from pathlib import Path

import pdfplumber
import pytest
from PIL import Image

from conftest import FIXTURES, KVM
from printprog.cli import main
from printprog.core.units import PT_PER_MM
from printprog.importers import load

LOGO = FIXTURES / "logo"
#: The fixture SVG's mark: #a0522d, as pdfplumber reports a fill colour. A colour no theme
#: or bundled event uses (it was the theme's accent, which the poster's keynote band now fills).
MARK = (0xA0 / 255, 0x52 / 255, 0x2D / 255)


def _event(folder: Path, logo: str | None = "logo.svg") -> Path:
    shutil.copytree(KVM, folder)
    for name in ("logo.svg", "logo.png", "logo.pdf", "logo-text.pdf", "logo-helvetica.pdf"):
        shutil.copy(LOGO / name, folder / name)
    if logo:
        with (folder / "conference.yaml").open("a") as fh:
            fh.write(f"logo: {logo}\n")
    return folder


@pytest.fixture(scope="module", params=["logo.svg", "logo.pdf"])
def event(request, tmp_path_factory) -> Path:
    """The bundled event with a vector logo: the SVG, then the PDF (same mark, same place)."""
    return _event(tmp_path_factory.mktemp("logo") / "kvm", request.param)


def _marks(pdf: Path, page: int = 0) -> list[tuple[float, float, float, float]]:
    """Boxes (x0, top, x1, bottom in mm from the top-left) of the logo's mark-coloured fills."""
    with pdfplumber.open(pdf) as doc:
        p = doc.pages[page]
        out = []
        for shape in (*p.rects, *p.curves):
            colour = shape.get("non_stroking_color")
            if shape["x0"] < 0 or shape["top"] < 0:
                continue  # a band into the bleed in the accent colour, not the logo
            if shape.get("fill") and colour and len(colour) == 3 and all(
                    abs(a - b) < 0.01 for a, b in zip(colour, MARK, strict=True)):
                out.append(tuple(v / PT_PER_MM for v in (shape["x0"], shape["top"],
                                                          shape["x1"], shape["bottom"])))
        return out


def _forms(pdf: Path, page: int = 0) -> int:
    import pikepdf
    with pikepdf.open(pdf) as doc:
        xobjects = doc.pages[page].Resources.get("/XObject", {})
        return sum(1 for _, x in xobjects.items() if x.get("/Subtype") == "/Form")


def test_logo_is_read_into_the_model_and_written_back(event, tmp_path):
    conf = load(event)
    name = "logo.svg" if conf.logo == event / "logo.svg" else "logo.pdf"
    assert conf.logo == event / name
    from printprog.exporters.yaml_folder import data
    assert data(conf)["conference"]["logo"] == name


def test_logo_on_the_booklet_cover_at_its_head(event, tmp_path):
    out = tmp_path / "b.pdf"
    assert main(["booklet", "--data", str(event), "--out", str(out)]) == 0
    marks = _marks(out)
    assert _forms(out) == 1
    # A5: inside the text block's top fifth (top margin 12 mm, 210 mm page).
    assert marks and all(m[1] >= 12 - 0.1 and m[3] <= 12 + 0.22 * 183 + 0.1 for m in marks)
    assert _marks(out, 1) == []  # the cover only


def test_logo_on_the_sign_in_the_header(event, tmp_path):
    out = tmp_path / "signs"
    assert main(["signage", "--data", str(event), "--room", "Stirling Suite", "--out",
                 str(out)]) == 0
    pdf = next(out.glob("*.pdf"))
    marks = _marks(pdf)
    assert _forms(pdf) == 1
    assert marks and all(m[3] < 30 for m in marks)  # in the header's top lines


def test_logo_on_the_poster_at_its_foot(event, tmp_path):
    out = tmp_path / "p.pdf"
    assert main(["poster", "--data", str(event), "--day", "2013-10-21", "--out", str(out)]) == 0
    marks = _marks(out)
    assert marks and all(m[1] > 594 - 80 for m in marks)  # A2: the bottom 80 mm


def test_logo_on_every_badge_front_once(event, tmp_path):
    out = tmp_path / "badges.pdf"
    assert main(["badges", "--data", str(event), "--sheet", "a6-4up", "--out",
                 str(out)]) == 0
    marks = _marks(out)
    # a6-4up: badges at x 5 and 105, y 8.5 and 148.5; the logo in each badge's top 14 mm.
    corners = {(round(m[0] // 100), round((m[1] - 8.5) // 140)) for m in marks}
    assert corners == {(0, 0), (1, 0), (0, 1), (1, 1)}
    for m in marks:
        top = 8.5 if m[1] < 148.5 else 148.5
        assert top + 4 - 0.1 <= m[1] and m[3] <= top + 13 + 0.1


def test_logo_on_the_chair_kit(event, tmp_path):
    out = tmp_path / "chair.pdf"
    assert main(["chair", "--data", str(event), "--room", "Stirling Suite", "--day",
                 "tuesday", "--out", str(out)]) == 0
    assert _marks(out)


def test_raster_logo_at_300_dpi_is_drawn_as_an_image(tmp_path):
    folder = _event(tmp_path / "kvm", "logo.png")
    out = tmp_path / "b.pdf"
    assert main(["badges", "--data", str(folder), "--out", str(out)]) == 0
    with pdfplumber.open(out) as doc:
        assert len(doc.pages[0].images) == 4


def test_coarse_raster_logo_is_one_line_naming_dpi_and_pixels(tmp_path, capsys):
    folder = _event(tmp_path / "kvm", "small.png")
    Image.new("RGB", (60, 60), (31, 95, 139)).save(folder / "small.png")
    assert main(["booklet", "--data", str(folder), "--out", str(tmp_path / "b.pdf")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert "conference.yaml: logo 'small.png' is 60 x 60 pixels" in err[0]
    assert "dpi" in err[0] and "300 dpi" in err[0] and "pixels (300 dpi)" in err[0]


@pytest.mark.parametrize(("content", "said"), [
    (None, "is missing"),
    (b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text>K</text></svg>',
     "has text in it"),
    (b"not an image at all", "is not a JPEG, PNG or WebP image"),
])
def test_bad_logo_is_one_line(tmp_path, capsys, content, said):
    folder = _event(tmp_path / "kvm", "bad.svg" if content and b"<svg" in content
                    else "bad.png")
    name = "bad.svg" if content and b"<svg" in content else "bad.png"
    if content is not None:
        (folder / name).write_bytes(content)
    assert main(["poster", "--data", str(folder), "--out", str(tmp_path / "p.pdf")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and f"logo '{name}' {said}" in err[0]


def test_logo_outside_the_data_folder_is_refused(tmp_path, capsys):
    folder = _event(tmp_path / "kvm", "../outside.svg")
    assert main(["check", "--data", str(folder)]) == 1
    assert "not a path inside the data folder" in capsys.readouterr().err


def test_svg_logo_brings_no_unembedded_font(event, tmp_path):
    from pdfcheck import fonts_not_embedded
    out = tmp_path / "badges.pdf"
    assert main(["badges", "--data", str(event), "--out", str(out)]) == 0
    assert fonts_not_embedded(out) == []


# --- A PDF logo: its first page as vectors -------------------------------------------------

def _page_content(pdf: Path) -> bytes:
    import pikepdf
    with pikepdf.open(pdf) as doc:
        return doc.pages[0].Contents.read_bytes()


def _logo_forms(pdf: Path, page: int = 0) -> tuple[list[bytes], int, set[str]]:
    """The decoded content of every form XObject drawn on the page (forms nested in forms
    included), the number of images among them, and the fonts their resources use, each
    with an embedded font file or not (``"name:bare"``)."""
    import pikepdf
    contents, images, fonts = [], 0, set()
    with pikepdf.open(pdf) as doc:
        todo = [doc.pages[page].Resources]
        while todo:
            res = todo.pop()
            for _, font in res.get("/Font", {}).items():
                described = font.DescendantFonts[0] if font.Subtype == "/Type0" else font
                desc = described.get("/FontDescriptor", {})
                embedded = any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3"))
                fonts.add(f"{font.BaseFont}:{'embedded' if embedded else 'bare'}")
            for _, x in res.get("/XObject", {}).items():
                if x.get("/Subtype") == "/Image":
                    images += 1
                elif x.get("/Subtype") == "/Form":
                    contents.append(x.read_bytes())
                    todo.append(x.get("/Resources", pikepdf.Dictionary()))
    return contents, images, fonts


@pytest.fixture(scope="module")
def pdf_event(tmp_path_factory) -> Path:
    return _event(tmp_path_factory.mktemp("pdflogo") / "kvm", "logo-text.pdf")


@pytest.mark.parametrize("product", [
    ["booklet"], ["signage", "--room", "Stirling Suite"], ["poster", "--day", "2013-10-21"],
    ["badges", "--sheet", "a6-4up"], ["chair", "--room", "Stirling Suite", "--day", "tuesday"],
])
def test_pdf_logo_is_drawn_as_its_page_content_in_a_form(pdf_event, tmp_path, product):
    out = tmp_path / ("signs" if product[0] == "signage" else "out.pdf")
    assert main([product[0], "--data", str(pdf_event), "--out", str(out), *product[1:]]) == 0
    pdf = next(out.glob("*.pdf")) if out.is_dir() else out
    contents, images, fonts = _logo_forms(pdf)
    # The logo PDF's own page content, byte for byte, inside a form: vectors, not a picture.
    assert _page_content(LOGO / "logo-text.pdf") in contents
    assert images == 0
    # Its text keeps its embedded font (a subset of Noto Sans), embedded.
    assert any(f.endswith(":embedded") and "Noto" in f for f in fonts)
    assert not any(f.endswith(":bare") for f in fonts)


def test_pdf_logo_is_drawn_once_per_pdf(pdf_event, tmp_path):
    import pikepdf
    out = tmp_path / "badges.pdf"
    assert main(["badges", "--data", str(pdf_event), "--out", str(out)]) == 0
    with pikepdf.open(out) as doc:
        forms = {x.objgen for page in doc.pages[:3]
                 for _, x in page.Resources.get("/XObject", {}).items()
                 if x.get("/Subtype") == "/Form"}
    assert len(forms) == 1  # 48 badges on 12 sheets, one copy of the logo


def test_pdf_logo_fits_its_cropbox_into_the_box(tmp_path):
    """logo.pdf: a 240 x 120 pt page whose CropBox is the 200 x 80 pt logo (5:2) at (20, 20);
    its mark is the 80 x 80 square at the crop's left. Into a 100 x 100 box: 100 x 40 pt,
    the mark 40 x 40 at the box's left, centred vertically (y 30 to 70)."""
    from datetime import date

    from reportlab.pdfgen.canvas import Canvas

    from printprog.draw import logo
    from printprog.schedule.model import Conference
    conf = Conference(name="T", short_name="T", start_date=date(2026, 1, 1),
                      end_date=date(2026, 1, 1), timezone="UTC", logo=LOGO / "logo.pdf",
                      source=LOGO)
    out = tmp_path / "fit.pdf"
    canvas = Canvas(str(out), pagesize=(200, 200), invariant=1)
    drawn = logo.draw(canvas, 10, 10, 100, 100, conf, align="left")
    canvas.showPage()
    canvas.save()
    assert drawn == pytest.approx((10, 40, 100, 40))
    mm = PT_PER_MM
    (x0, top, x1, bottom), = _marks(out)
    assert (x0 * mm, x1 * mm) == pytest.approx((10, 50), abs=0.01)
    assert (200 - bottom * mm, 200 - top * mm) == pytest.approx((40, 80), abs=0.01)


def test_pdf_logo_output_is_the_same_bytes_twice(pdf_event, tmp_path):
    one, two = tmp_path / "1.pdf", tmp_path / "2.pdf"
    for out in (one, two):
        assert main(["booklet", "--data", str(pdf_event), "--out", str(out)]) == 0
    assert one.read_bytes() == two.read_bytes()


def _encrypted(path: Path) -> None:
    import pikepdf
    with pikepdf.open(LOGO / "logo.pdf") as doc:
        doc.save(path, encryption=pikepdf.Encryption(owner="o", user="u"))


def _no_pages(path: Path) -> None:
    import pikepdf
    pikepdf.new().save(path)


def _too_much_drawing(path: Path) -> None:
    """A 12 kB file whose page content inflates to 6 MB (a zip bomb in a logo)."""
    import pikepdf
    doc = pikepdf.new()
    doc.add_blank_page(page_size=(100, 100))
    doc.pages[0].Contents = doc.make_stream(b"0 0 m 1 1 l S\n" * 450_000)
    doc.save(path, compress_streams=True)


def _huge(path: Path) -> None:
    path.write_bytes(b"%PDF-1.4\n" + b"%" * (8 * 2**20 + 10))


@pytest.mark.parametrize(("make", "said"), [
    (_encrypted, "is encrypted (password-protected); save it again without a password"),
    (_no_pages, "has no pages"),
    (lambda p: p.write_bytes(b"%PDF-1.4\nthis is not a PDF at all\n"),
     "is not a PDF printprog can read"),
    (lambda p: p.write_bytes((LOGO / "logo-helvetica.pdf").read_bytes()),
     "uses the font Helvetica without embedding it; export the PDF with fonts embedded"),
    (_too_much_drawing, "has more than 4 MB of drawing on its page"),
    (_huge, "8 MB"),
])
def test_bad_pdf_logo_is_one_line(tmp_path, capsys, make, said):
    folder = _event(tmp_path / "kvm", "bad.pdf")
    make(folder / "bad.pdf")
    assert main(["poster", "--data", str(folder), "--out", str(tmp_path / "p.pdf")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "bad.pdf" in err[0] and said in err[0], err
