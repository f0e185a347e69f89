"""Speaker photos as hostile input: bombs, FIFOs, truncated files, links and paths out of the
data folder. A bad photo is one warning naming the speaker and the booklet prints initials;
a path that leaves the data folder is an error at load naming speakers.yaml:line:col."""

from __future__ import annotations

import io
import os
import re
import struct
import zlib
from collections.abc import Callable
from pathlib import Path

import pypdf
import pytest
from PIL import Image

from .harness import (
    Case,
    Event,
    check_tree_untouched,
    event_case,
    module_batch,
    params,
    verify,
)

PRODUCTS = ("check", "booklet")
WHO = r"speaker ada 'Ada Lovelace': photo photos/ada\.\w+"


def png_header(width: int, height: int, payload: bytes = b"\0" * 1000) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))

    return (b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(payload, 9)) + chunk(b"IEND", b""))


def encoded(image: Image.Image, fmt: str, **kwargs) -> bytes:
    out = io.BytesIO()
    image.save(out, fmt, **kwargs)
    return out.getvalue()


def _photo(name: str, make: Callable[[Path], None]):
    """Ada's photo is ``photos/<name>``, made by ``make(path)`` after the folder is written."""
    def change(ev: Event) -> None:
        ev.speaker("ada")["photo"] = f"photos/{name}"

    def after(folder: Path) -> None:
        (folder / "photos").mkdir(exist_ok=True)
        make(folder / "photos" / name)

    return change, after


def photo_case(case_id: str, name: str, make: Callable[[Path], None], reason: str,
               **kwargs) -> Case:
    change, after = _photo(name, make)
    booklet_warning = rf"warning: {WHO} {reason}.*; initials are printed instead$"
    return event_case(case_id, change, after, products=PRODUCTS,
                      then={"booklet": _exactly_one_photo_warning(booklet_warning),
                            **kwargs.pop("then", {})}, **kwargs)


def _exactly_one_photo_warning(pattern: str):
    def check(run) -> None:
        about = [w for w in run.warnings() if "photo" in w and "ada" in w]
        assert len(about) == 1, about
        assert re.search(pattern, about[0]), (pattern, about[0])
        assert _images(run.out / "booklet.pdf") == 0  # initials, not a picture
    return check


def _images(pdf: Path) -> int:
    return sum(len(page.images) for page in pypdf.PdfReader(pdf).pages)


def _write(data: bytes) -> Callable[[Path], None]:
    return lambda path: path.write_bytes(data)


def _truncated_jpeg(path: Path) -> None:
    whole = encoded(Image.effect_noise((600, 600), 60).convert("RGB"), "JPEG", quality=95)
    path.write_bytes(whole[: len(whole) // 3])


def _sparse(size: int) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        with path.open("wb") as fh:
            fh.write(encoded(Image.new("RGB", (8, 8)), "JPEG"))
            fh.truncate(size)
    return make


def _link_to(target: Callable[[Path], Path]) -> Callable[[Path], None]:
    return lambda path: path.symlink_to(target(path))


def _outside_secret(path: Path) -> Path:
    # data/photos/x -> <module folder>/outside/secret.jpg (made by the harness)
    return path.parents[3] / "outside" / "secret.jpg"


def _good_photos(ev: Event) -> None:
    ev.speaker("ada")["photo"] = "photos/ada.jpg"
    ev.speaker("alan")["photo"] = "photos/alan.png"
    ev.speaker("grace")["photo"] = "photos/grace.webp"


def _make_good(folder: Path) -> None:
    photos = folder / "photos"
    photos.mkdir()
    exif = Image.Exif()
    exif[0x0112] = 6
    (photos / "ada.jpg").write_bytes(encoded(Image.new("CMYK", (300, 200), (0, 200, 200, 0)),
                                             "JPEG", exif=exif))
    (photos / "alan.png").write_bytes(encoded(Image.new("RGBA", (200, 200), (0, 0, 255, 90)),
                                              "PNG"))
    (photos / "grace.webp").write_bytes(encoded(Image.new("RGB", (120, 160), "green"), "WEBP"))


def _no_photo_warnings(run) -> None:
    assert [w for w in run.warnings() if "photo" in w] == []
    assert _images(run.out / "booklet.pdf") == 3


def _path_error(case_id: str, value: str) -> Case:
    return event_case(
        f"photo-path-{case_id}", lambda ev: ev.speaker("ada").update(photo=value),
        expect="error",
        errors=(r"speakers\.yaml:\d+:\d+: speakers\[0\]\.photo: '.*' is not a path inside the "
                r"data folder",))


CASES: list[Case] = [
    photo_case("png-header-100000x100000", "ada.png", _write(png_header(100_000, 100_000)),
               r"claims too many pixels"),
    photo_case("png-header-over-40-mpx", "ada.png", _write(png_header(8000, 6000)),
               r"is 8000×6000 pixels, over the limit of 40 million"),
    photo_case("fifo-as-photo", "ada.jpg", os.mkfifo, r"is not a regular file \(it is a FIFO\)"),
    photo_case("truncated-jpeg", "ada.jpg", _truncated_jpeg, r"cannot be decoded"),
    photo_case("text-named-jpg", "ada.jpg", _write(b"<html>not a photo</html>\n" * 40),
               r"is not a JPEG, PNG or WebP image"),
    photo_case("gif-photo", "ada.gif", _write(encoded(Image.new("RGB", (8, 8)), "GIF")),
               r"is not a JPEG, PNG or WebP image"),
    photo_case("sparse-25mb-file", "ada.jpg", _sparse(25 * 2**20),
               r"is 25 MB, over the limit of 20 MB"),
    photo_case("folder-as-photo", "ada.jpg", Path.mkdir,
               r"is not a regular file \(it is a folder\)"),
    photo_case("symlink-out-of-data-folder", "ada.jpg", _link_to(_outside_secret),
               r"is a link to a file outside the data folder"),
    photo_case("symlink-to-dev-zero", "ada.jpg", _link_to(lambda p: Path("/dev/zero")),
               r"is a link to a file outside the data folder"),
    photo_case("symlink-loop", "ada.jpg", _link_to(lambda p: p), r"cannot be read"),
    photo_case("missing-photo", "ada.jpg", lambda path: None, r"is missing",
               warnings={"check": (r"photo .*ada\.jpg is missing",)}),
    # Under the pixel cap but 36 Mpx of zeros (40 kB compressed, 108 MB decoded): decoded
    # within the memory bound, used.
    event_case("png-36-mpx-of-zeros", *_photo("ada.png", _write(png_header(
        6000, 6000, b"\0" * (6000 * (6000 * 3 + 1))))), products=PRODUCTS),
    event_case("good-jpeg-cmyk-exif-png-rgba-webp", _good_photos, _make_good,
               products=PRODUCTS, then={"booklet": _no_photo_warnings}),
    _path_error("dotdot", "../../outside/secret.jpg"),
    _path_error("absolute", "/etc/passwd"),
    _path_error("dotdot-inside", "photos/../../../etc/passwd"),
    _path_error("backslash-dotdot", "..\\..\\outside\\secret.jpg"),
    _path_error("windows-drive", "C:\\Windows\\win.ini"),
]


@pytest.fixture(scope="module")
def batch(request, hostile_root):
    return module_batch(request, hostile_root, CASES)


@pytest.mark.parametrize("case, product", params(CASES))
def test_photo(batch, case: Case, product: str):
    verify(batch, case, product)


def test_photos_touch_nothing_outside_output(batch):
    check_tree_untouched(batch)
