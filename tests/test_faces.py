"""draw.faces: the faces shipped parsed are current, and a face read from them is the face
reportlab's own parse gives (the expected value is always reportlab's parse of the file)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from reportlab.pdfbase import ttfonts

from printprog.core.resources import fonts_dir
from printprog.draw import faces, rlfonts


def _comparable(face: ttfonts.TTFontFace) -> dict:
    values = dict(vars(face))
    scale = values.pop("_pdfScale")
    values["_pdfScale"] = [scale(v) for v in (0, 1, 333, 1000, 2048)]
    values["filename"] = Path(values["filename"]).resolve()
    for name, value in values.items():  # names: their decoded text too
        if isinstance(value, ttfonts.TTFNameBytes):
            values[name] = (bytes(value), value.ustr)
    return values


@pytest.mark.parametrize("name", faces.SHIPPED)
def test_shipped_face_is_current_and_is_reportlabs_parse(name):
    font = fonts_dir() / name
    saved = faces.saved_path(font)
    assert saved.is_file(), f"{saved} is missing: run python -m printprog.draw.faces"
    assert faces._load(saved, font.read_bytes()) is not None, \
        f"{saved} is stale: run python -m printprog.draw.faces"
    assert _comparable(faces.face(font)) == _comparable(ttfonts.TTFontFace(str(font)))


def test_a_saved_face_of_another_file_is_not_used(tmp_path):
    """A font replaced under its name (a saved face of Noto Sans Regular beside Noto Sans
    Bold's file) is parsed from its file."""
    font = tmp_path / "NotoSans-Regular.ttf"
    shutil.copy(fonts_dir() / "NotoSans-Bold.ttf", font)
    faces.saved_path(font).parent.mkdir()
    faces.saved_path(font).write_bytes(faces.dumps(fonts_dir() / "NotoSans-Regular.ttf"))
    got = faces.face(font)
    assert got.name == ttfonts.TTFontFace(str(font)).name
    assert b"Bold" in bytes(got.name)
    faces.saved_path(font).write_bytes(b"not marshal data")
    assert _comparable(faces.face(font)) == _comparable(ttfonts.TTFontFace(str(font)))


def test_font_over_a_read_face_is_what_reportlab_makes_of_the_file():
    font = fonts_dir() / "NotoSans-Regular.ttf"
    ours = rlfonts.UnicodeTTFont.of_face("T1", faces.face(font))
    theirs = rlfonts.UnicodeTTFont("T1", str(font))
    mine, expected = dict(vars(ours)), dict(vars(theirs))
    assert mine.keys() == expected.keys()
    assert _comparable(mine.pop("face")) == _comparable(expected.pop("face"))
    for name in ("encoding", "state"):  # fresh per-font objects: the same kind, empty
        assert type(mine.pop(name)) is type(expected.pop(name))
    assert mine == expected
