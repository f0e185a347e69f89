"""images.open_photo: only regular JPEG/PNG/WebP files inside the data folder, checked from
the header before decoding; anything else is None and one warning naming the speaker."""

from __future__ import annotations

import io
import os
import struct
import time
import zlib
from pathlib import Path

import pytest
from PIL import Image, ImageFile

from printprog.core.report import Report
from printprog.draw import images

WHO = "speaker ada 'Ada Lovelace'"


def png_header(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims ``width`` x ``height`` (a decompression bomb's
    signature: a few bytes that would decode to gigabytes)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr)
            + chunk(b"IDAT", zlib.compress(b"\0" * 1000)) + chunk(b"IEND", b""))


def save(image: Image.Image, fmt: str, **kwargs) -> bytes:
    out = io.BytesIO()
    image.save(out, fmt, **kwargs)
    return out.getvalue()


@pytest.fixture
def root(tmp_path: Path) -> Path:
    folder = tmp_path / "event"
    (folder / "photos").mkdir(parents=True)
    return folder


def put(root: Path, name: str, data: bytes) -> Path:
    path = root / "photos" / name
    path.write_bytes(data)
    return path


def refused(path: Path, root: Path) -> str:
    """The one warning for a refused photo (and check that it is one, naming the speaker)."""
    report = Report()
    assert images.open_photo(path, root, report, WHO) is None
    assert len(report.warnings) == 1, report.warnings
    assert report.warnings[0].startswith(f"{WHO}: photo ")
    assert report.warnings[0].endswith("initials are printed instead")
    return report.warnings[0]


def used(path: Path, root: Path, **kwargs) -> Image.Image:
    report = Report()
    image = images.open_photo(path, root, report, WHO, **kwargs)
    assert report.warnings == []
    assert image is not None and image.mode == "RGB"
    return image


# -- formats, by content ---------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_open_photo_accepts_jpeg_png_webp(root, fmt):
    path = put(root, f"a.{fmt.lower()}", save(Image.new("RGB", (40, 30), (200, 10, 10)), fmt))
    image = used(path, root)
    assert image.size == (40, 30)
    r, g, b = image.getpixel((20, 15))
    assert r > 180 and g < 40 and b < 40


def test_open_photo_format_is_read_from_content_not_extension(root):
    jpeg_named_png = put(root, "a.png", save(Image.new("RGB", (8, 8)), "JPEG"))
    assert used(jpeg_named_png, root).size == (8, 8)
    text_named_jpg = put(root, "b.jpg", b"this is not an image\n" * 10)
    assert "is not a JPEG, PNG or WebP image" in refused(text_named_jpg, root)


@pytest.mark.parametrize("fmt", ["GIF", "BMP", "TIFF"])
def test_open_photo_refuses_other_formats(root, fmt):
    path = put(root, "a.jpg", save(Image.new("RGB", (8, 8)), fmt))
    assert "is not a JPEG, PNG or WebP image" in refused(path, root)


def test_open_photo_refuses_empty_file(root):
    assert "is empty" in refused(put(root, "a.jpg", b""), root)


# -- modes ----------------------------------------------------------------------------

def test_open_photo_flattens_alpha_on_white(root):
    image = Image.new("RGBA", (10, 10), (255, 0, 0, 0))
    image.putpixel((0, 0), (0, 0, 255, 255))
    got = used(put(root, "a.png", save(image, "PNG")), root)
    assert got.getpixel((5, 5)) == (255, 255, 255)  # transparent red shows the white paper
    assert got.getpixel((0, 0)) == (0, 0, 255)


def test_open_photo_flattens_palette_transparency(root):
    image = Image.new("P", (4, 4), 1)
    image.putpalette([0, 0, 0, 255, 0, 0] + [0] * 762)
    got = used(put(root, "a.png", save(image, "PNG", transparency=1)), root)
    assert got.getpixel((1, 1)) == (255, 255, 255)


def test_open_photo_converts_cmyk_to_rgb(root):
    # Cyan ink only: no red, full green and blue.
    path = put(root, "a.jpg", save(Image.new("CMYK", (16, 16), (255, 0, 0, 0)), "JPEG"))
    r, g, b = used(path, root).getpixel((8, 8))
    assert r < 30 and g > 220 and b > 220


def test_open_photo_scales_16_bit_grey(root):
    path = put(root, "a.png", save(Image.new("I;16", (4, 4), 40000), "PNG"))
    r, g, b = used(path, root).getpixel((1, 1))
    assert r == g == b and abs(r - 40000 / 257) <= 1  # not clipped to white


def test_open_photo_applies_exif_orientation(root):
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90 CW to display"
    path = put(root, "a.jpg", save(Image.new("RGB", (60, 20)), "JPEG", exif=exif))
    assert used(path, root).size == (20, 60)


def test_open_photo_decodes_large_jpeg_at_reduced_scale(root):
    path = put(root, "a.jpg", save(Image.new("RGB", (2000, 1600), "white"), "JPEG"))
    image = used(path, root, size=300)
    assert 300 <= min(image.size) < 800


# -- what is refused before decoding -----------------------------------------------------

def test_open_photo_refuses_decompression_bomb_from_header_fast(root):
    path = put(root, "bomb.png", png_header(100_000, 100_000))
    start = time.process_time()  # CPU: the same under a loaded suite
    message = refused(path, root)
    assert time.process_time() - start < 1.0
    assert "claims too many pixels" in message


def test_open_photo_refuses_over_pixel_cap_below_pillow_limit(root):
    path = put(root, "big.png", png_header(8000, 6000))  # 48 Mpx: Pillow only warns
    assert "8000\u00d76000 pixels, over the limit of 40 million" in refused(path, root)


def test_open_photo_refuses_oversized_file_without_reading_it(root):
    path = root / "photos" / "huge.jpg"
    with path.open("wb") as fh:  # sparse: 21 MB on paper, nothing on disk
        fh.write(save(Image.new("RGB", (8, 8)), "JPEG"))
        fh.truncate(21 * 2**20)
    assert "is 21 MB, over the limit of 20 MB" in refused(path, root)


def test_open_photo_refuses_truncated_jpeg(root):
    whole = save(Image.effect_noise((400, 300), 60).convert("RGB"), "JPEG", quality=95)
    path = put(root, "cut.jpg", whole[: len(whole) // 2])
    assert "cannot be decoded" in refused(path, root)
    assert ImageFile.LOAD_TRUNCATED_IMAGES is False


def test_open_photo_refuses_corrupt_png_data(root):
    data = bytearray(save(Image.effect_noise((64, 64), 50).convert("RGB"), "PNG"))
    data[60:80] = b"\xff" * 20  # inside IDAT: the CRC and the zlib stream no longer agree
    assert "cannot be decoded" in refused(put(root, "bad.png", bytes(data)), root)


# -- where the file is, and what kind of file ---------------------------------------------

def test_open_photo_refuses_dotdot_escape_without_touching_disk(root, tmp_path):
    secret = tmp_path / "secret.jpg"
    secret.write_bytes(save(Image.new("RGB", (8, 8)), "JPEG"))
    message = refused(root / "photos" / ".." / ".." / "secret.jpg", root)
    assert "is outside the data folder" in message


def test_open_photo_refuses_absolute_path_outside(root):
    assert "is outside the data folder" in refused(Path("/etc/passwd"), root)


def test_open_photo_refuses_symlink_out_of_the_folder(root, tmp_path):
    secret = tmp_path / "secret.jpg"
    secret.write_bytes(save(Image.new("RGB", (8, 8)), "JPEG"))
    link = root / "photos" / "ada.jpg"
    link.symlink_to(secret)
    assert "is a link to a file outside the data folder" in refused(link, root)


def test_open_photo_refuses_symlinked_folder_out_of_the_folder(root, tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "a.jpg").write_bytes(save(Image.new("RGB", (8, 8)), "JPEG"))
    (root / "linked").symlink_to(outside, target_is_directory=True)
    assert "outside the data folder" in refused(root / "linked" / "a.jpg", root)


def test_open_photo_follows_symlink_inside_the_folder(root):
    real = put(root, "real.png", save(Image.new("RGB", (8, 8)), "PNG"))
    link = root / "photos" / "ada.png"
    link.symlink_to(real.name)
    assert used(link, root).size == (8, 8)


def test_open_photo_refuses_symlink_to_device(root):
    link = root / "photos" / "zero.jpg"
    link.symlink_to("/dev/zero")
    assert "outside the data folder" in refused(link, root)


def test_open_photo_refuses_fifo_without_blocking(root):
    fifo = root / "photos" / "ada.jpg"
    os.mkfifo(fifo)
    start = time.monotonic()
    assert "is not a regular file (it is a FIFO)" in refused(fifo, root)
    assert time.monotonic() - start < 5.0  # an open that blocked would never return


def test_open_photo_refuses_folder(root):
    (root / "photos" / "dir.jpg").mkdir()
    assert "is not a regular file (it is a folder)" in refused(root / "photos" / "dir.jpg",
                                                               root)


def test_open_photo_refuses_symlink_loop(root):
    loop = root / "photos" / "loop.jpg"
    loop.symlink_to(loop.name)
    assert "cannot be read" in refused(loop, root)


def test_open_photo_missing_file_warns_once_naming_the_photo(root):
    message = refused(root / "photos" / "nobody.jpg", root)
    assert message == (f"{WHO}: photo photos/nobody.jpg is missing; initials are printed "
                       "instead")


def test_open_photo_relative_paths_are_relative_to_the_working_directory(root, monkeypatch):
    put(root, "a.jpg", save(Image.new("RGB", (8, 8)), "JPEG"))
    monkeypatch.chdir(root.parent)
    rel_root = Path(root.name)
    assert used(rel_root / "photos" / "a.jpg", rel_root).size == (8, 8)
    message = refused(rel_root / ".." / "elsewhere.jpg", rel_root)
    assert "is outside the data folder" in message
