"""Preflight: the bundled booklet passes; a coarse photo is named; an unembedded font, a QR
code under its minimum, RGB in a CMYK file and a booklet off the fold are errors (exit 1)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PIL import Image
from reportlab.pdfgen.canvas import Canvas

from conftest import KVM, MINI
from printprog.cli import main
from printprog.core.report import Report
from printprog.core.units import paper
from printprog.production.rewrite import Production, rewrite

PHOTO_MM = 12  # the default theme's booklet.photo_size (12 mm since the finishing pass)


def preflight(path: Path, capsys, *extra: str) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["preflight", str(path), *extra])
    return code, capsys.readouterr().out


@pytest.fixture(scope="module")
def kvm_booklet(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("preflight") / "booklet.pdf"
    assert main(["booklet", "--data", str(KVM), "--out", str(out), "--bleed", "3",
                 "--crop-marks"]) == 0
    return out


def test_preflight_bundled_booklet_passes(kvm_booklet, capsys):
    code, out = preflight(kvm_booklet, capsys)
    assert code == 0
    # KVM's booklet: 40 pages since the finishing pass.
    assert "pages 1-40: trim 148 x 210 mm, bleed 3 mm, media 170 x 232 mm" in out
    assert "fonts: 2, all embedded (NotoSans-Bold, NotoSans-Regular)" in out
    assert "fold: 40 pages, 10 sheets folded in half" in out
    # The day grids print every title in full now: nothing cut, nothing to warn about.
    assert "cut short with an ellipsis" not in out and "0 cut short" in out
    assert out.rstrip().endswith("result: passed, 0 errors, 0 warnings")


def test_preflight_option_on_the_product_command_reports_too(tmp_path, capsys):
    out = tmp_path / "mini.pdf"
    assert main(["booklet", "--data", str(MINI), "--out", str(out), "--preflight"]) == 0
    assert f"preflight {out}" in capsys.readouterr().out


def _booklet_with_photo(tmp_path: Path, pixels: int) -> Path:
    data = tmp_path / "data"
    shutil.copytree(MINI, data)
    (data / "photos").mkdir()
    Image.new("RGB", (pixels, pixels), (180, 60, 40)).save(data / "photos" / "ada.png")
    speakers = (data / "speakers.yaml").read_text()
    (data / "speakers.yaml").write_text(
        speakers.replace("  name: Ada Lovelace\n", "  name: Ada Lovelace\n"
                                                   "  photo: photos/ada.png\n", 1))
    out = tmp_path / "booklet.pdf"
    assert main(["booklet", "--data", str(data), "--out", str(out)]) == 0
    return out


def test_preflight_72_ppi_photo_is_named_and_an_error(tmp_path, capsys):
    pixels = round(PHOTO_MM / 25.4 * 72)  # 34 px across 12 mm: 34 / (12 / 25.4) = 71.97
    code, out = preflight(_booklet_with_photo(tmp_path, pixels), capsys)
    assert code == 1
    assert ("error: page 7: photo of Ada Lovelace (ada.png) is 72 ppi at 12 x 12 mm, "
            "under 150 ppi") in out


def test_preflight_200_ppi_photo_is_a_warning_by_name(tmp_path, capsys):
    pixels = round(PHOTO_MM / 25.4 * 200)  # 94 px across 12 mm: 94 / (12 / 25.4) = 198.97
    code, out = preflight(_booklet_with_photo(tmp_path, pixels), capsys)
    assert code == 0
    assert "warning: page 7: photo of Ada Lovelace (ada.png) is 199 ppi" in out


def test_preflight_unembedded_font_is_an_error(tmp_path, capsys):
    path = tmp_path / "helvetica.pdf"
    canvas = Canvas(str(path), pagesize=paper("a5"), invariant=1)
    canvas.setFont("Helvetica", 12)
    canvas.drawString(72, 72, "Not embedded")
    canvas.save()
    code, out = preflight(path, capsys)
    assert code == 1
    assert "error: font Helvetica is not embedded" in out
    assert "no printprog report in the file" in out


def _plain_pdf(path: Path, pages: int = 4) -> Path:
    canvas = Canvas(str(path), pagesize=paper("a5"), invariant=1)
    for _ in range(pages):
        canvas.setFillColorRGB(0.8, 0.2, 0.2)
        canvas.rect(20, 20, 100, 100, stroke=0, fill=1)
        canvas.showPage()
    canvas.save()
    return path


def test_preflight_qr_under_its_minimum_is_an_error(tmp_path, capsys):
    report = Report()
    report.note_qr("talk 12", side_pt=30, module_pt=30 / 33, min_side_mm=15)
    path = _plain_pdf(tmp_path / "qr.pdf")
    rewrite(path, Production(), {"product": "booklet", **report.to_dict()})
    code, out = preflight(path, capsys)
    assert code == 1
    assert "error: QR code talk 12: side 10.6 mm, under the minimum 15 mm" in out


def test_preflight_rgb_left_in_a_cmyk_pdf_is_an_error(tmp_path, capsys):
    path = _plain_pdf(tmp_path / "rgb.pdf")
    rewrite(path, Production(), {"product": "booklet", "colour": "cmyk"})
    code, out = preflight(path, capsys)
    assert code == 1
    assert "colour: DeviceRGB (4)" in out
    assert "error: RGB in a PDF made for CMYK (4 colour operators or images)" in out


def test_preflight_booklet_off_the_fold_is_an_error(tmp_path, capsys):
    path = _plain_pdf(tmp_path / "six.pdf", pages=6)
    rewrite(path, Production(), {"product": "booklet"})
    code, out = preflight(path, capsys)
    assert code == 1
    assert "error: 6 pages: a saddle-stitched booklet needs a multiple of 4 (add 2)" in out


def test_preflight_missing_file_is_a_one_line_error(tmp_path, capsys):
    assert main(["preflight", str(tmp_path / "none.pdf")]) == 1
    assert capsys.readouterr().err.strip() == f"error: {tmp_path / 'none.pdf'}: no such file"


def test_preflight_same_file_gives_same_report(kvm_booklet, capsys):
    assert preflight(kvm_booklet, capsys) == preflight(kvm_booklet, capsys)


def test_preflight_of_one_room_sign_counts_that_signs_codes(tmp_path, capsys):
    """Each sign file carries its own report: Stirling Suite's 2 sheets (one QR each), not
    the run's 13, which all-rooms.pdf reports."""
    out = tmp_path / "signs"
    assert main(["signage", "--all", "--data", str(KVM), "--out", str(out)]) == 0
    code, text = preflight(out / "stirling-suite.pdf", capsys)
    assert code == 0 and "signage, 2 pages" in text
    assert "QR codes: 2, smallest side 36 mm (sign Stirling Suite 2013-10-22)" in text
    code, text = preflight(out / "all-rooms.pdf", capsys)
    assert code == 0 and "signage, 13 pages" in text and "QR codes: 13," in text


def test_preflight_counts_every_shrunk_text_past_those_the_report_names(tmp_path, capsys):
    """A report names the first 1,000 texts shrunk to fit and counts the rest (100,000
    badges shrink some 200,000 names): preflight gives the whole count, and says the rest
    are not named rather than offering to list them."""
    from printprog.core import report as reports

    report = Report()
    for n in range(1500):
        report.note_shrunk(f"name {n} (18 pt)")
    part = Report()
    part.note_shrunk("name extra (17 pt)")
    report.extend(part)
    assert (len(report.shrunk), report.shrunk_count) == (1000, 1501)
    assert report.shrunk[-1] == "name 999 (18 pt)"
    assert reports.Report.from_dict(report.to_dict()).shrunk_count == 1501
    path = _plain_pdf(tmp_path / "shrunk.pdf")
    rewrite(path, Production(), {"product": "badges", **report.to_dict()})
    code, out = preflight(path, capsys)
    assert code == 0, out
    assert "layout: 1501 texts shrunk to fit" in out, out
    assert "and 1,496 more (--full lists the first 1,000)" in out, out
    _, out = preflight(path, capsys, "--full")
    assert "name 999 (18 pt); and 501 more, not named in the report" in out, out
