"""Talk-page text without platypus paragraphs (layout/textblock.py), read back from the PDF:
lines inside the width, splits between lines with no word lost, links over their words,
right-to-left names in visual order."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pypdf
from reportlab.lib.colors import black
from reportlab.platypus import SimpleDocTemplate

from pdfcheck import overlapping_lines, parsed, squash
from printprog.draw import bidi, fonts
from printprog.layout.flowables import Anchor
from printprog.layout.textblock import SHRINK, BlockStyle, Span, TextBlock

WORDS = ("virtual machines migrate between hosts while the guest keeps running and the "
         "network stays up").split()
STYLE = BlockStyle(10, 13, black, space_after=4)


def _text(n: int) -> str:
    return " ".join(WORDS[i % len(WORDS)] for i in range(n))


def _build(tmp_path: Path, flowables, size=(300, 300)) -> Path:
    fonts.register()
    pdf = tmp_path / "block.pdf"
    doc = SimpleDocTemplate(str(pdf), pagesize=size, leftMargin=50, rightMargin=50,
                            topMargin=50, bottomMargin=50, invariant=1)
    doc.build(flowables)
    return pdf


def test_lines_stay_inside_the_width_and_are_filled_greedily(tmp_path: Path):
    text = _text(60)
    block = TextBlock([Span(text, "Sans")], STYLE)
    lines = block.texts(200)
    assert block.wrap(200, 1000)[1] == len(lines) * 13
    assert " ".join(lines) == text
    space = fonts.width(" ", "Sans", 10)
    for line, after in pairwise(lines):
        # Within the width, give or take platypus' tolerance of 5 % of a space per space.
        spaces = line.count(" ")
        assert fonts.width(line, "Sans", 10) <= 200 + SHRINK * space * spaces
        longer = f"{line} {after.split()[0]}"
        assert fonts.width(longer, "Sans", 10) > 200 + SHRINK * space * (spaces + 1)
    pdf = _build(tmp_path, [block])
    page = parsed(pdf)[0]
    assert max(c["x1"] for c in page.chars) <= 250.5 + SHRINK * space * 12
    assert squash(page.text) == squash(text)
    assert overlapping_lines(pdf) == []


def test_lines_of_one_span_are_those_of_the_same_text_in_several_spans():
    """A block of one span (words kept as plain strings) breaks where the same text cut
    into spans of the same font (word tuples) breaks, at every width, to the last bit of
    the tolerance of :data:`SHRINK`."""
    text = _text(90) + " " + "x" * 80
    one = TextBlock([Span(text, "Sans")], STYLE)
    cut = text.index("guest keeps")
    several = TextBlock([Span(text[:cut], "Sans"), Span(text[cut:cut + 40], "Sans"),
                         Span(text[cut + 40:], "Sans")], STYLE)
    for width in [60 + 0.7 * i for i in range(400)]:  # some fill a line to its tolerance
        assert one.texts(width) == several.texts(width)
        assert len(one.texts(width)) > 1


def test_word_widths_are_reportlabs_string_widths():
    """fonts.widths (a dictionary per font and size) gives what reportlab's stringWidth
    gives for each word, asked once or again, in any font and size."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    fonts.register()
    words = [*WORDS, "Gängeviertel", "(1)", "x", *WORDS]
    for font, size in (("Sans", 10), ("Sans-Bold", 10), ("Sans", 7.5)):
        fonts.ensure(font)
        for _ in range(2):
            assert fonts.widths(words, font, size) == [stringWidth(w, font, size)
                                                       for w in words]


def test_split_across_pages_loses_no_word_and_keeps_two_lines(tmp_path: Path):
    text = _text(400)
    pdf = _build(tmp_path, [TextBlock([Span(text, "Sans")], STYLE)])
    pages = parsed(pdf)
    assert len(pages) > 1
    assert squash("".join(p.text for p in pages)) == squash(text)
    block = TextBlock([Span(text, "Sans")], STYLE)
    assert block.split(200, 13 * 1.5) == []  # one line would be an orphan
    first, rest = block.split(200, 13 * 3)
    assert len(first.lines(200)) == 3
    assert first.words + rest.words == block.words


def test_a_word_longer_than_the_line_is_broken(tmp_path: Path):
    url = "https://example.org/" + "a" * 120
    pdf = _build(tmp_path, [TextBlock([Span(url, "Sans", url)], STYLE)])
    page = parsed(pdf)[0]
    assert max(c["x1"] for c in page.chars) <= 250.5
    assert squash(page.text) == squash(url)


def test_links_cover_their_words_only(tmp_path: Path):
    spans = [Span("Speaker: ", "Sans"), Span("Ada Lovelace", "Sans-Bold", "#speaker-ada"),
             Span(", Analytical Engines", "Sans")]
    pdf = _build(tmp_path, [Anchor("speaker-ada", {}), TextBlock(spans, STYLE)])
    annots = [a.get_object() for a in pypdf.PdfReader(pdf).pages[0]["/Annots"]]
    assert len(annots) == 1
    x0, _, x1, _ = (float(v) for v in annots[0]["/Rect"])
    chars = parsed(pdf)[0].chars
    linked = "".join(c["text"] for c in chars if x0 - 0.1 <= (c["x0"] + c["x1"]) / 2 <= x1)
    assert linked.replace(" ", "") == "AdaLovelace"


def test_right_to_left_name_is_in_visual_order(tmp_path: Path):
    name = "שלום עולם"
    spans = [Span("With ", "Sans"), Span(name, "Sans-Bold", "#speaker-x")]
    pdf = _build(tmp_path, [Anchor("speaker-x", {}), TextBlock(spans, STYLE)])
    assert bidi.visual(name).replace(" ", "") in parsed(pdf)[0].text.replace(" ", "")


def test_one_span_in_scripts_the_font_lacks_is_drawn_in_fallback_fonts(tmp_path: Path):
    """A paragraph of one span with Japanese and Hebrew words in it, over several lines:
    those words come out in the fallback fonts (the Hebrew in visual order), the rest in
    the block's font, and no character is lost."""
    words = ["Tokyo", "東京", "and", "שלום", "Gängeviertel", "again"] * 6
    text = " ".join(words)
    pdf = _build(tmp_path, [TextBlock([Span(text, "Sans")], STYLE)])
    page = parsed(pdf)[0]
    assert len({round(c["top"]) for c in page.chars}) > 2
    fonts_of = {c["text"]: c["fontname"].split("+")[-1] for c in page.chars}
    assert "Fallback" not in "".join(fonts_of[c] for c in "TokyoGängeviertel")
    assert {fonts_of[c] for c in "東京"} != {fonts_of["T"]}
    assert {fonts_of[c] for c in "שלום"} != {fonts_of["T"]}
    assert squash(page.text).replace("םולש", "שלום") == squash(text)


def test_words_split_only_at_spaces_tabs_and_line_ends():
    """A block's words are split at runs of " ", tab, CR and LF only: every other white
    space character (no-break, thin, ideographic, vertical tab, file separator...) stays
    inside its word, in ASCII text and in any other."""
    import re
    import sys

    from printprog.layout.textblock import split_words

    others = [c for c in map(chr, range(sys.maxunicode + 1))
              if c.isspace() and c not in " \t\r\n"]
    assert "\xa0" in others and "\x0b" in others and "\u3000" in others
    for c in [*others, "", " "]:
        for text in (f"a{c}b  c\td\r\ne", f" Müller{c}Gängeviertel ", f"{c}x{c}", "plain text"):
            expected = [p for p in re.split(r"[ \t\r\n]+", text) if p]
            assert split_words(text) == expected, (c, text)
            assert TextBlock([Span(text, "Sans")], STYLE).words == expected
