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
    for name in ("logo.svg", "logo.png"):
        shutil.copy(LOGO / name, folder / name)
    if logo:
        with (folder / "conference.yaml").open("a") as fh:
            fh.write(f"logo: {logo}\n")
    return folder


@pytest.fixture(scope="module")
def event(tmp_path_factory) -> Path:
    return _event(tmp_path_factory.mktemp("logo") / "kvm")


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
    assert conf.logo == event / "logo.svg"
    from printprog.exporters.yaml_folder import data
    assert data(conf)["conference"]["logo"] == "logo.svg"


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
    (b"%PDF-1.4\n", "is a PDF"),
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
