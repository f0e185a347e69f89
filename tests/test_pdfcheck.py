"""The PDF checks themselves: they read what pdfplumber reads (their reference until they
moved to pdfium), and each one fails on a PDF made to break it."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest
from reportlab.pdfgen.canvas import Canvas

from conftest import MINI
from pdfcheck import (
    MM,
    chars_outside,
    extract_text,
    fonts_not_embedded,
    overlapping_lines,
    page_texts,
    page_words,
    parsed,
    squash,
)
from printprog.cli import main


@pytest.fixture(scope="module")
def mini_booklet(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("pdfcheck") / "booklet.pdf"
    assert main(["booklet", "--data", str(MINI), "--out", str(out)]) == 0
    return out


def _rounded(objs: list[dict], keys: tuple[str, ...]) -> list[tuple]:
    return [tuple(Near(o[k]) if isinstance(o[k], float) else o[k] for k in keys)
            for o in objs]


class Near(float):
    """A length equal to another within 0.02 pt: the two readers round a coordinate's
    last digit differently (68.375 -> 68.37 or 68.38)."""

    def __eq__(self, other) -> bool:
        return isinstance(other, float) and abs(float(self) - float(other)) <= 0.02

    __hash__ = float.__hash__


def test_chars_words_and_text_are_pdfplumbers(mini_booklet: Path):
    pages = parsed(mini_booklet)
    boxes = ("text", "x0", "x1", "top", "bottom")
    with pdfplumber.open(mini_booklet) as pdf:
        assert len(pdf.pages) == len(pages)
        for page, ref in zip(pages, pdf.pages, strict=True):
            assert (round(page.width, 2), round(page.height, 2)) == (
                round(float(ref.width), 2), round(float(ref.height), 2))
            assert _rounded(page.chars, (*boxes, "size")) == _rounded(ref.chars,
                                                                     (*boxes, "size"))
            assert [c["fontname"] for c in page.chars] == [
                c["fontname"].split("+", 1)[-1] for c in ref.chars]
            assert _rounded(page.words, (*boxes, "size")) == _rounded(
                ref.extract_words(use_text_flow=True, extra_attrs=["size"]), (*boxes, "size"))
            assert page.text == ref.extract_text()
            assert extract_text(page.chars, y_tolerance=6) == ref.extract_text(y_tolerance=6)
    assert _rounded(page_words(mini_booklet)[1], boxes) == _rounded(
        pdfplumber.open(mini_booklet).pages[1].extract_words(), boxes)


def _broken(path: Path) -> Path:
    """An A5 page in a font not embedded, with a word 2 mm from the edge and two lines
    drawn over each other."""
    canvas = Canvas(str(path), pagesize=(148 * MM, 210 * MM), invariant=1)
    canvas.setFont("Helvetica", 10)
    canvas.drawString(2 * MM, 100 * MM, "Edge")
    canvas.drawString(30 * MM, 150 * MM, "First line of text")
    canvas.drawString(32 * MM, 148.5 * MM, "Second line on top")
    canvas.save()
    return path


def test_checks_fail_on_a_broken_pdf(tmp_path: Path):
    pdf = _broken(tmp_path / "broken.pdf")
    assert [c[1] for c in chars_outside(pdf, 5)] == ["E", "d"]  # "ge" starts past 5 mm
    assert chars_outside(pdf, 1) == []
    assert overlapping_lines(pdf)
    assert fonts_not_embedded(pdf) == ["/Helvetica"]
    assert squash("Second line on top") in squash(page_texts(pdf)[0])
    assert squash("Not printed") not in squash(page_texts(pdf)[0])
