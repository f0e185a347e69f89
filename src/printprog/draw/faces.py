"""TrueType faces read from tables parsed ahead, shipped beside the fonts (``fonts/faces/``).

reportlab parses a face's tables (character map, widths, glyph locations) each time a font
is registered: 2.6-3.1 ms for each Noto Sans style, 7 ms for DejaVu Sans, and every run
registers two to four faces (issue #28: a badge run's start is a race). The same tables,
saved once with :mod:`marshal`, load in under 1 ms. :func:`face` gives the face either way,
the same object: its attributes are what reportlab's parse set, the file's bytes included
(the subsets a document embeds are cut from them).

A saved face is used only when it was saved from the same file (size and CRC-32), by the same
reportlab and in this format (:func:`key`); anything else (a font replaced, reportlab
upgraded, no file) parses the font as before. ``python -m printprog.draw.faces`` writes them
again; tests/test_faces.py fails while one is stale.
"""

from __future__ import annotations

import marshal
import zlib
from pathlib import Path

import reportlab
from reportlab.pdfbase import ttfonts

from . import rlfonts

#: Bump when what is saved changes.
FORMAT = 1
#: The fonts whose faces are shipped parsed: the main family and the fallbacks of Latin-script
#: text (DejaVu's symbols, emoji). The CJK and Hangul fonts are left out: 6 MB of tables for
#: the events that need them, which parse in 13-43 ms.
SHIPPED = ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "NotoSans-Italic.ttf",
           "NotoSans-BoldItalic.ttf", "DejaVuSans.ttf", "NotoEmoji-Regular.ttf")
#: Attributes reportlab keeps as ``TTFNameBytes`` (bytes with the decoded text beside).
_NAMES = "__printprog_names__"


def saved_path(font: Path) -> Path:
    return font.parent / "faces" / f"{font.name}.face"


def key(data: bytes) -> tuple:
    """What a saved face must have been saved from (see the module's docstring)."""
    return (FORMAT, reportlab.Version, len(data), zlib.crc32(data))


def face(font: Path) -> ttfonts.TTFontFace:
    """The face of the TrueType file ``font``: from its saved tables when they are current,
    else parsed by reportlab."""
    saved_file = saved_path(font)
    if not saved_file.is_file():  # a font shipped unparsed: reportlab reads it, once
        return ttfonts.TTFontFace(str(font))
    data = font.read_bytes()
    saved = _load(saved_file, data)
    if saved is None:
        return ttfonts.TTFontFace(str(font))
    return rlfonts.face_from(saved, data, str(font))


def _load(path: Path, data: bytes) -> dict | None:
    try:
        saved_key, attributes = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if tuple(saved_key) != key(data):
        return None
    for name, (raw, text) in attributes.pop(_NAMES).items():
        value = bytes.__new__(ttfonts.TTFNameBytes, raw)
        value.ustr = text
        attributes[name] = value
    return attributes


def dumps(font: Path) -> bytes:
    """The saved face of ``font``, from reportlab's parse."""
    data = font.read_bytes()
    parsed = ttfonts.TTFontFace(str(font))
    attributes, names = {}, {}
    for name, value in rlfonts.face_state(parsed).items():
        if isinstance(value, ttfonts.TTFNameBytes):
            names[name] = (bytes(value), value.ustr)
        else:
            attributes[name] = value
    attributes[_NAMES] = names
    return marshal.dumps((key(data), attributes))


def main() -> None:  # pragma: no cover - run by hand after a font or reportlab changes
    from ..core.resources import fonts_dir

    for name in SHIPPED:
        font = fonts_dir() / name
        target = saved_path(font)
        target.parent.mkdir(exist_ok=True)
        target.write_bytes(dumps(font))
        print(f"wrote {target}")


if __name__ == "__main__":  # pragma: no cover
    main()
