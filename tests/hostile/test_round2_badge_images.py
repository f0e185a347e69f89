"""Hardening round 2 (issue #19 item 8): badge layout ``image`` elements skipped the photo
checks: ``/etc/passwd``, ``../../`` paths, a truncated PNG, a symlink out of the data folder
(embedded in the PDF!) and a 13000² logo (1.6 GB) were all used. Now they get the checks and
the data-folder confinement of speaker photos: an error naming the layout, or with
``optional: true`` a warning and no image."""

from __future__ import annotations

import io
import os
import re
from pathlib import Path

import pytest
from PIL import Image

from .harness import Case, Event, check_tree_untouched, module_batch, params, verify

LAYOUT = Path(__file__).parents[2] / "templates" / "badges" / "default.yaml"
# The portrait front's QR element (the first QR in the file; the back's have `only:`). Found
# by its shape, not its exact box, so moving the QR a millimetre does not break these cases.
QR_LINE = re.compile(r"^      - \{type: qr, box: \[[0-9., ]+\]\}\n", re.MULTILINE)


def _png(size=(40, 20)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, format="PNG")
    return out.getvalue()


def _case(case_id: str, path: str, prepare=None, optional: bool = False, **kwargs) -> Case:
    """Badges with the bundled layout plus an image element ``path`` on the portrait front;
    ``prepare(data_folder)`` puts files in place."""
    def build(folder: Path) -> Path:
        data = Event().write(folder / "data")
        if prepare:
            prepare(data)
        text = LAYOUT.read_text(encoding="utf-8")
        qr = QR_LINE.search(text)
        assert qr and text.index("\n    front:") < qr.start() < text.index("\n    back:"), \
            "the bundled layout's portrait front has no QR line to add the image after"
        element = (f"      - {{type: image, path: \"{path}\", box: [74, 4, 20, 10]"
                   f"{', optional: true' if optional else ''}}}\n")
        (folder / "layout.yaml").write_text(text[:qr.end()] + element + text[qr.end():],
                                            encoding="utf-8")
        return data
    return Case(case_id, build, products=("badges",),
                extra={"badges": lambda folder: ["--layout", str(folder / "layout.yaml")]},
                **kwargs)


def _write(name: str, content: bytes):
    def prepare(data: Path) -> None:
        (data / name).write_bytes(content)
    return prepare


def _link_out(data: Path) -> None:
    os.symlink(data.parents[1] / "outside" / "secret.jpg", data / "logo.jpg")


def _huge(data: Path) -> None:
    Image.new("1", (13000, 13000)).save(data / "logo.png")  # 169 M pixels, a few KB


def _image_drawn(run) -> None:
    assert b"/Subtype /Image" in (run.out / "badges.pdf").read_bytes(), run.describe()


def _no_image(run) -> None:
    assert b"/Subtype /Image" not in (run.out / "badges.pdf").read_bytes(), run.describe()


LAYOUT_ERR = r"layout\.yaml: .*image '{}' {}"

CASES: list[Case] = [
    _case("logo-ok", "logo.png", _write("logo.png", _png()), then={"badges": _image_drawn}),
    _case("etc-passwd", "/etc/passwd", expect="error",
          errors=(LAYOUT_ERR.format("/etc/passwd", "is outside the data folder"),)),
    _case("climbs-out", "../../outside/secret.jpg", expect="error",
          errors=(LAYOUT_ERR.format(r"\.\./\.\./outside/secret\.jpg", "is outside"),)),
    _case("link-out", "logo.jpg", _link_out, expect="error",
          errors=(LAYOUT_ERR.format(r"logo\.jpg", "is a link to a file outside"),)),
    _case("truncated-png", "logo.png", _write("logo.png", _png((400, 400))[:300]),
          expect="error", errors=(LAYOUT_ERR.format(r"logo\.png", "cannot be decoded"),)),
    _case("not-an-image", "logo.png", _write("logo.png", b"#!/bin/sh\necho hi\n"),
          expect="error", errors=(LAYOUT_ERR.format(r"logo\.png", "is not a JPEG"),)),
    _case("huge-logo", "logo.png", _huge, expect="error",
          errors=(LAYOUT_ERR.format(r"logo\.png", "(claims too many|is 13000)"),)),
    _case("truncated-optional", "logo.png", _write("logo.png", _png((400, 400))[:300]),
          optional=True, warnings={"badges": (r"cannot be decoded.*left out",)},
          then={"badges": _no_image}),
]


@pytest.fixture(scope="module")
def batch(request, hostile_root):
    return module_batch(request, hostile_root, CASES)


@pytest.mark.parametrize("case, product", params(CASES))
def test_round2_badge_images(batch, case: Case, product: str):
    verify(batch, case, product)


def test_round2_badge_images_touch_nothing_outside_output(batch):
    check_tree_untouched(batch)
