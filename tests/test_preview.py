"""Previews: the contact sheet of the bundled booklet (size, spreads, page 1 where it belongs),
page renders for --pages, same bytes every run."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from conftest import KVM
from printprog.cli import main
from printprog.qa.preview import GROUND, MARGIN, THUMB_HEIGHT, SheetLayout, parse_pages


@pytest.fixture(scope="module")
def kvm_booklet(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("preview") / "booklet.pdf"
    assert main(["booklet", "--data", str(KVM), "--out", str(out), "--bleed", "3",
                 "--crop-marks"]) == 0
    return out


@pytest.fixture(scope="module")
def contact(kvm_booklet, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("contact")
    assert main(["preview", str(kvm_booklet), "--out", str(folder)]) == 0
    assert sorted(p.name for p in folder.iterdir()) == ["contact-sheet.png"]
    return folder / "contact-sheet.png"


def test_contact_sheet_of_the_booklet_has_40_pages_as_spreads(contact):
    # KVM's booklet: 40 pages since the finishing pass, the last the dark back cover.
    # A5 thumbnails 155 x 220 px; 8 columns; page 1 alone on the right of the first spread,
    # so 41 slots in 6 rows; gaps of 20 px between spreads, 2 px at each spine.
    with Image.open(contact) as image:
        assert image.format == "PNG"
        assert image.size == (16 + 8 * 155 + 3 * 20 + 4 * 2 + 16,
                              16 + 6 * (220 + 24) + 5 * 20 + 16) == (1340, 1596)
        assert SheetLayout(40, (155, THUMB_HEIGHT), spreads=True).size == image.size
        rgb = image.convert("RGB")
        first_slot = rgb.getpixel((MARGIN + 20, MARGIN + 20))
        cover = rgb.getpixel((MARGIN + 155 + 2 + 20, MARGIN + 20))
        # Page 40 is slot 41: row 6, column 1, at y = 16 + 5 * (220 + 24 + 20) = 1336.
        back = rgb.getpixel((MARGIN + 20, 1336 + 20))
        after = rgb.getpixel((MARGIN + 155 + 2 + 20, 1336 + 20))
    assert first_slot == GROUND  # no page before page 1
    assert cover != GROUND and max(cover) < 128  # the dark cover, trimmed: no white margin
    assert back != GROUND and max(back) < 128  # the dark back cover, last
    assert after == GROUND  # no page after it


def test_preview_pages_writes_one_png_per_page(kvm_booklet, tmp_path):
    assert main(["preview", str(kvm_booklet), "--pages", "1-4", "--out", str(tmp_path),
                 "--dpi", "50"]) == 0
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["page-001.png", "page-002.png", "page-003.png", "page-004.png"]
    with Image.open(tmp_path / "page-001.png") as image:
        # The whole page as printed: 170 x 232 mm with bleed and marks, at 50 dpi.
        assert image.size == (round(170 / 25.4 * 50), round(232 / 25.4 * 50))


def test_preview_same_input_gives_same_bytes(kvm_booklet, contact, tmp_path):
    assert main(["preview", str(kvm_booklet), "--out", str(tmp_path / "a")]) == 0
    assert (tmp_path / "a" / "contact-sheet.png").read_bytes() == contact.read_bytes()
    for run in ("b", "c"):
        assert main(["preview", str(kvm_booklet), "--pages", "2", "--out",
                     str(tmp_path / run)]) == 0
    assert ((tmp_path / "b" / "page-002.png").read_bytes()
            == (tmp_path / "c" / "page-002.png").read_bytes())


@pytest.mark.parametrize(("spec", "pages"), [("1-4", [1, 2, 3, 4]), ("3,1-2", [1, 2, 3]),
                                             ("all", [1, 2, 3, 4, 5]), ("5", [5])])
def test_parse_pages_takes_ranges_lists_and_all(spec, pages):
    assert parse_pages(spec, 5) == pages


@pytest.mark.parametrize("spec", ["0-2", "two", "3-1"])
def test_preview_bad_pages_is_a_usage_error(spec, kvm_booklet, tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["preview", str(kvm_booklet), "--pages", spec, "--out", str(tmp_path)])
    assert exit_.value.code == 2
    assert "argument --pages: pages " in capsys.readouterr().err


def test_preview_pages_the_pdf_lacks_is_a_one_line_usage_error(kvm_booklet, tmp_path, capsys):
    assert main(["preview", str(kvm_booklet), "--pages", "40-50", "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: pages '40-50': the PDF has pages 1 to ")
    assert err.count("\n") == 1 and not list(tmp_path.glob("*.png"))
