"""layout/text.py's word wrap, which every fitted box uses (grid cells, signs, badges):
lines measured word by word must be the lines measuring each whole line would give."""

from __future__ import annotations

from itertools import pairwise

from printprog.draw import fonts
from printprog.layout.text import wrap

TEXT = ("Live migration of virtual machines with large memory footprints over a 10 Gbit "
        "network, 東京 and القاهرة included, without stopping the guest for long")


def test_wrap_is_greedy_and_every_line_fits():
    fonts.register()
    for width in (60, 90, 120, 200):
        lines = wrap(TEXT, "Sans", 9, width)
        assert " ".join(lines).split() == TEXT.split()
        for line, after in pairwise(lines):
            assert fonts.width(line, "Sans", 9) <= width
            assert fonts.width(f"{line} {after.split()[0]}", "Sans", 9) > width


def test_wrap_breaks_a_word_longer_than_the_line_and_keeps_newlines():
    fonts.register()
    url = "https://example.org/" + "x" * 60
    lines = wrap(f"see\n{url} now", "Sans", 9, 80)
    assert lines[0] == "see"
    assert "".join(lines[1:]).replace(" ", "") == url + "now"
    assert all(fonts.width(line, "Sans", 9) <= 80 for line in lines)


def test_fit_keeps_words_whole_at_a_smaller_size_before_breaking_one():
    from printprog.core.report import Report
    from printprog.layout.text import fit
    from printprog.theme import TextStyle

    style = TextStyle("Sans", 20, 24)
    word = "Hohenzollern"
    # wide enough for the word whole at 16 pt, not at 20: 16 pt, no break, no warning
    width = fonts.width(word, "Sans", 16) + 1
    report = Report()
    fitted = fit(f"{word} Sigmaringen", style, width, min_size=12, report=report)
    assert fitted.style.size < 20
    assert " ".join(fitted.lines).split() == [word, "Sigmaringen"]
    assert not any("broken" in w for w in report.warnings)


def test_fit_breaks_a_word_only_when_no_size_holds_it_and_says_so():
    from printprog.core.report import Report
    from printprog.layout.text import fit
    from printprog.theme import TextStyle

    style = TextStyle("Sans", 20, 24)
    word = "Hohenzollern"
    width = fonts.width(word, "Sans", 12) * 0.8  # not whole even at the 12 pt floor
    report = Report()
    fitted = fit(word, style, width, min_size=12, max_lines=3, report=report, what="name")
    assert len(fitted.lines) >= 2
    assert report.warnings == ["name: a word broken across lines, no room for it whole at "
                               "12 pt"]


def test_plain_text_is_exactly_text_one_font_draws_as_it_is():
    """fonts.plain (drawing skips fonts.runs for it) holds for text whose every character
    the font's own cmap has and that has no right-to-left letter, and for no other: such
    text is one run of itself."""
    import unicodedata

    from reportlab.pdfbase import pdfmetrics

    fonts.register()
    samples = ["Live migration (10 Gbit)", "Müller – Gängeviertel, café", "", "tab\there",
               "東京", "القاهرة", "שלום", "emoji 🧮", "a\u200db", "mixed القاهرة text",
               "x\x07y", "Ελληνικά и кириллица", "\xa0no-break", "سلام", "abc"]
    fonts.runs("".join(samples), "Sans")  # registers the fallback fonts it needs
    for font in ("Sans", "Sans-Bold", "Fallback-Arabic", "Fallback-Hebrew"):
        cmap = pdfmetrics.getFont(font).face.charWidths
        for text in samples:
            drawable = all(ord(c) in cmap for c in text) and not any(
                unicodedata.bidirectional(c) in ("R", "AL") for c in text)
            assert fonts.plain(text, font) == drawable, (font, text)
            if drawable:
                assert fonts.runs(text, font) == (fonts.Run(text, font),)


def test_missing_printable_ascii_is_nothing_only_in_fonts_with_every_ascii_glyph():
    """fonts.missing skips looking at printable ASCII text only in a font whose cmap has
    every character from " " to "~" (Arabic and Hebrew fallbacks have not); a control
    character in ASCII text is still looked at, and reported."""
    from reportlab.pdfbase import pdfmetrics

    fonts.register()
    fonts.runs("שלום سلام", "Sans")  # registers the fallback fonts
    text = "Live migration (10 Gbit) & more: 'x' ~ y"
    for font in ("Fallback-Arabic", "Sans", "Fallback-Hebrew", "Sans-Bold"):
        cmap = pdfmetrics.getFont(font).face.charWidths
        full = all(c in cmap for c in range(32, 127))
        assert full == (font in ("Sans", "Sans-Bold"))
        assert fonts.missing(text, font) == ""
        assert (font in fonts._FULL_ASCII) == full
        assert fonts.missing(text + "\x07", font) == "\x07"


def test_break_word_cuts_each_piece_as_long_as_fits():
    """A word with no soft break cut between characters (found by bisection for plain
    text): every piece fits, one character more would not, and a glyph wider than the
    line still goes, alone."""
    from printprog.layout.text import break_word

    fonts.register()
    word = "Wii" * 30 + "M" * 20 + "lllll" + "W"
    for width in (3.0, 25.0, 61.5, 140.0):
        pieces = break_word(word, "Sans", 9, width)
        assert "".join(pieces) == word
        start = 0
        for piece in pieces:
            assert len(piece) == 1 or fonts.width(piece, "Sans", 9) <= width
            end = start + len(piece)
            if end < len(word):
                assert fonts.width(word[start:end + 1], "Sans", 9) > width
            start = end
    assert break_word("MW", "Sans", 9, 3.0) == ["M", "W"]
