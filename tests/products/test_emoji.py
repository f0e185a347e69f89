"""Emoji and rare marks print as glyphs from the bundled fonts, never as U+FFFD (issue #15
item 15): a booklet of the 31C3 sample with emoji added to a title, built once. A character
no bundled font has is still a warning naming it."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest

from conftest import FIXTURES
from pdfcheck import page_chars, page_texts
from printprog.cli import main
from printprog.draw import fonts

SAMPLE = FIXTURES / "samples" / "frab-xml" / "31c3.xml"
EMOJI = "\U0001f9ee \u2615 \U0001f3f3\ufe0f\u200d\u26a7\ufe0f"  # 🧮 ☕ 🏳️‍⚧️
NOBODY = "\U0001d800"  # Sutton SignWriting: no bundled font has it


def _booklet(folder: Path, extra: str = "") -> tuple[Path, str]:
    """The 31C3 sample with emoji added to the first talk's title (and ``extra`` to the
    second's), as a booklet; its path and what the run printed on stderr."""
    text = SAMPLE.read_text(encoding="utf-8")
    first = text.index("</title>", text.index("<event"))
    text = text[:first] + f" {EMOJI}" + text[first:]
    if extra:
        second = text.index("</title>", text.index("<event", text.index("<event") + 1))
        text = text[:second] + f" {extra}" + text[second:]
    data = folder / "31c3-emoji.xml"
    data.write_text(text, encoding="utf-8")
    out = folder / "booklet.pdf"
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        assert main(["booklet", "--data", str(data), "--out", str(out)]) == 0
    return out, err.getvalue()


@pytest.fixture(scope="module")
def booklet(tmp_path_factory) -> tuple[Path, str]:
    return _booklet(tmp_path_factory.mktemp("emoji"))


def test_bundled_fonts_have_the_emoji_and_the_31c3_tibetan_mark():
    assert fonts.missing(EMOJI) == ""
    assert fonts.missing("Claudio \u0fd3 vecna") == ""
    assert fonts.missing(NOBODY) == NOBODY


def test_booklet_with_emoji_has_no_replacement_character(booklet):
    pdf, _ = booklet
    chars = [c for page in page_chars(pdf) for c in page]
    assert not [c for c in chars if c["text"] == fonts.REPLACEMENT]
    emoji = [c for c in chars if c["fontname"].endswith("NotoEmoji-Regular")]
    assert len(emoji) >= 3 * 3  # three glyphs, in the grid, the talk and the contents at least
    tibetan = [c for c in chars if "NotoSerifTibetan" in c["fontname"]]
    assert tibetan  # 'Claudio ࿓ vecna' among the speakers


def test_a_character_no_font_has_is_still_a_warning(booklet, tmp_path):
    assert "U+1F9EE" not in booklet[1] and "U+0FD3" not in booklet[1]
    pdf, err = _booklet(tmp_path, NOBODY)
    assert f"U+{ord(NOBODY):04X}" in err and "U+1F9EE" not in err
    assert any(fonts.REPLACEMENT in text for text in page_texts(pdf))


def test_emoji_copy_out_of_the_pdf_as_themselves(booklet):
    """The text layer gives the emoji back (copy and paste, search, screen readers): the
    font subsets' ToUnicode maps write them as UTF-16 surrogate pairs."""
    pdf, _ = booklet
    text = "".join(page_texts(pdf))
    assert "\U0001f9ee" in text and "\u2615" in text
