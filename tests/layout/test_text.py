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
