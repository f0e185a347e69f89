"""The back matter of a booklet made in parts (products/booklet/backpart.py), laid out with
guessed page references while the last day parts are still being laid out: a wrong guess
gives the same bytes as a right one, on one process or several; the references print the
real page of the talk they link to; the back matter starts on the page after the last talk,
on either side (no Notes page before it), its text, running heads, folios, links and places
on that page's side; its folios are its pages' numbers; the booklet still folds from whole
sheets, the back cover last."""

from __future__ import annotations

import re
from pathlib import Path

import pypdf
import pypdfium2 as pdfium
import pytest

import synthetic
from pdfcheck import squash
from printprog.core.units import PT_PER_MM
from printprog.products.booklet import backpart, parts
from printprog.products.booklet.options import Options
from printprog.render import render
from printprog.theme.loader import load_theme

#: As test_booklet_parts: 322 sessions, parts [27] and [28, 29]; the talks end on page 264,
#: a left-hand page: the speakers follow on a right-hand one (laid out as a left-hand one,
#: then moved).
EVENT = dict(talks=320, rooms=10, day_count=2, speakers=200)
#: One talk less: the talks end on page 263, a right-hand page, the speakers follow on a
#: left-hand one, as laid out.
SHORTER = dict(EVENT, talks=319)


def _wrong(guess: backpart.Guess) -> backpart.Guess:
    """Every talk guessed on page 1: one digit where the real pages have two or three."""
    return {}, 1


@pytest.fixture(scope="module")
def conf():
    return synthetic.event(**EVENT)


@pytest.fixture(scope="module")
def built(conf, tmp_path_factory) -> dict[str, Path]:
    """The booklet on one process (the guess is the real pages), with a wrong guess on one
    process and on two (the speakers start on a right-hand page), and (the other event, one
    talk less) on one process (on a left-hand page)."""
    folder = tmp_path_factory.mktemp("back")
    theme = load_theme("default")
    out: dict = {name: folder / f"{name}.pdf" for name in ("right", "wrong", "wrong2",
                                                            "shorter")}
    render("booklet", conf, theme, Options(jobs=1), out["right"])
    render("booklet", synthetic.event(**SHORTER), theme, Options(jobs=1), out["shorter"])
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(backpart, "adjust", _wrong)
        attempts = []
        attempt = backpart._attempt
        mp.setattr(backpart, "_attempt", lambda *a: attempts.append(1) or attempt(*a))
        render("booklet", conf, theme, Options(jobs=1), out["wrong"])
        out["attempts"] = len(attempts)
        render("booklet", conf, theme, Options(jobs=2), out["wrong2"])  # workers fork it
    return out


def _texts(path: Path) -> list[str]:
    """Each page's text, by pdfium alone (the whole booklet parsed into words took seconds)."""
    doc = pdfium.PdfDocument(str(path))
    return [doc[n].get_textpage().get_text_range().replace("\r\n", "\n")
            for n in range(len(doc))]


def _speakers_page(texts: list[str]) -> int:
    return next(i for i, t in enumerate(texts) if t.startswith("Speakers A to Z")) + 1


def _links_from(path: Path, first: int) -> list[tuple[int, str, int]]:
    """(page, text in the link's rectangle, page it leads to) of every link to a place in
    the booklet (by name, as the parts link) on the pages from ``first`` on."""
    reader = pypdf.PdfReader(path)
    named = {k[1:]: reader.get_page_number(v.get_object()[0]) + 1
             for k, v in reader.trailer["/Root"]["/Dests"].get_object().items()}
    doc = pdfium.PdfDocument(str(path))
    out = []
    for n in range(first, len(reader.pages) + 1):
        textpage = doc[n - 1].get_textpage()
        for annot in reader.pages[n - 1].get("/Annots") or []:
            a = annot.get_object()
            if a.get("/Subtype") == "/Link" and "/Dest" in a:
                x0, y0, x1, y1 = (float(v) for v in a["/Rect"])
                text = textpage.get_text_bounded(x0, y0 + 1, x1, y1 - 1)
                out.append((n, " ".join(text.split()), named[a["/Dest"][1:]]))
    return out


def test_back_part_wrong_guess_gives_the_same_bytes_as_a_right_one(built):
    assert built["attempts"] == 2  # laid out with the guess, then with the real pages
    right = built["right"].read_bytes()
    assert built["wrong"].read_bytes() == right
    assert built["wrong2"].read_bytes() == right


def test_back_part_references_print_the_page_they_lead_to(built, conf):
    path = built["right"]
    texts = _texts(path)
    first = _speakers_page(texts)
    refs = [(page, text, target) for page, text, target in _links_from(path, first)
            if re.search(r"p\.\s?\d+", text)]
    # Every talk of every speaker (speakers A to Z) and every session in a room (venues).
    talks = {s.id for s in conf.sessions if s.speakers}
    assert len(refs) >= len(talks) + len(conf.sessions) - 3  # less the three lunches' rooms
    wrong = []
    for page, text, target in refs:
        # The reference ends the link's text ("... · Fri 21:00 · p. 123", or its last line
        # alone: "p. 123"), on the talk's page.
        found = re.search(r"(^|\u00b7 )p\.\s?(\d+)$", text)
        title = squash(re.sub(r"\d\d:\d\d(–\d\d:\d\d)?|·|p\.\s?\d+|\b(Fri|Sat|Sun)\b|\d+ Dec",
                              " ", text))[:12]
        if found is None or int(found[2]) != target or title not in squash(texts[target - 1]):
            wrong.append((page, text, target))
    assert wrong == []
    # Talks of the last part (guessed when the back matter begins on two workers) among
    # them, with three-digit pages.
    assert max(int(re.search(r"(\d+)$", t)[1]) for _, t, _ in refs) > 200


def test_back_part_starts_on_the_page_after_the_talks_on_either_side(built):
    for name, first in (("right", 265), ("shorter", 264)):
        texts = _texts(built[name])
        assert _speakers_page(texts) == first, name
        # No ruled Notes page anywhere before the speakers: the last talk is right before.
        assert [n for n, t in enumerate(texts[:first - 1], 1) if t.startswith("Notes")] == []
        assert texts[first - 2].split()[-1] == str(first - 1)  # a talk page's folio
        assert re.match(r"\d\d:\d\d", texts[first - 2]), (name, texts[first - 2][:80])
        assert len(texts) % 4 == 0
        assert "https://syn.example.org" in texts[-1]  # the back cover, last


def _boxes(textpage, low: float, high: float) -> list[tuple[float, float, float, float]]:
    """The boxes of the characters lying between ``low`` and ``high`` (points up)."""
    boxes = [textpage.get_charbox(i) for i in range(textpage.count_chars())]
    return [b for b in boxes if low <= b[1] and b[3] <= high and b[2] > b[0]]


def test_back_part_on_a_right_hand_start_is_on_that_pages_side(built):
    """The speakers start on page 265, a right-hand page: its text starts at the inside
    margin (at the left), its running head has the event's name at the left and the section
    at the right, its folio ends at the outer edge (the right); page 266 the other way; the
    contents' link to the speakers leads to the text's left edge."""
    path = built["right"]
    m = load_theme("default").sections.booklet.margins
    doc = pdfium.PdfDocument(str(path))
    width, height = doc[0].get_size()
    mm, top = PT_PER_MM, height - m.top * PT_PER_MM
    for n, left in ((265, m.inside), (266, m.outside)):
        right = m.inside + m.outside - left
        textpage = doc[n - 1].get_textpage()
        # The first glyph's left edge: its origin plus a side bearing (a tenth of a mm).
        assert abs(min(b[0] for b in _boxes(textpage, 40, top)) / mm - left) < 0.5, n
        head = textpage.get_text_bounded(0, top, width, height).split()
        section = ["Speakers", "A", "to", "Z"]
        assert head == (["SynCon", *section] if n % 2 else [*section, "SynCon"]), (n, head)
        heads = _boxes(textpage, top, height)
        assert abs(min(b[0] for b in heads) / mm - left) < 0.5, n
        assert abs((width - max(b[2] for b in heads)) / mm - right) < 0.5, n
        assert textpage.get_text_bounded(0, 0, width, 40).split() == [str(n)]
        foot = _boxes(textpage, 0, 40)
        # Right-aligned on the right-hand page, left-aligned on the left-hand one.
        edge = (width - max(b[2] for b in foot)) if n % 2 else min(b[0] for b in foot)
        assert abs(edge / mm - (right if n % 2 else left)) < 0.5, (n, edge / mm)
    reader = pypdf.PdfReader(path)
    dest = reader.trailer["/Root"]["/Dests"]["/speakers"]
    assert reader.get_page_number(dest[0]) + 1 == 265
    assert dest[1] == "/XYZ" and abs(float(dest[2]) / mm - m.inside) < 0.01


def test_back_part_folios_are_the_pages_numbers_on_the_outside(built):
    path = built["right"]
    texts = _texts(path)
    doc = pdfium.PdfDocument(str(path))
    width = doc[0].get_size()[0]
    wrong = []
    for n in range(_speakers_page(texts), len(texts)):  # the speakers on, less the cover
        textpage = doc[n - 1].get_textpage()
        foot = textpage.get_text_bounded(0, 0, width, 40).split()
        boxes = [textpage.get_charbox(i) for i in range(textpage.count_chars())]
        left = min(b[0] for b in boxes if b[3] < 40) / PT_PER_MM
        # The number itself, at the outer edge: right on a recto (odd), left on a verso.
        if foot != [str(n)] or (left > width / PT_PER_MM / 2) != (n % 2 == 1):
            wrong.append((n, foot, round(left)))
    assert wrong == []


def test_back_part_guessable_once_the_first_day_part_is_counted_and_no_digit_is_gained():
    days = synthetic.event(talks=300, rooms=10, day_count=3)
    layout = parts.Layout([], [[d] for d in parts.days(days)])  # three parts of ~100 sessions

    def sequence(front: int, counted: list[int]) -> parts._Sequence:
        order = parts._Sequence(front, {})
        for k, count in enumerate(counted, 1):
            order.start_of(k, count, {})
        return order
    assert not parts._guessable(layout, sequence(4, []), 1)  # nothing counted: page 5
    # Part 1: 100 pages (5-104) for 101 sessions; the other 202 end by page 105 + 220.
    assert parts._guessable(layout, sequence(4, [100]), 2)
    # Part 1: 60 pages (5-64): the others would end near page 65 + 132, past 99: wait.
    assert not parts._guessable(layout, sequence(4, [60]), 2)
    # Parts 1 and 2 counted, 80 pages each (to 164): part 3 ends near 165 + 88.
    assert parts._guessable(layout, sequence(4, [80, 80]), 3)
    # Near 1,000: part 3 from page 655 at 650 pages for 202 sessions would end on page
    # 980, but a tenth more (the margin) is 1,013: wait.
    assert not parts._guessable(layout, sequence(4, [325, 325]), 3)
    assert parts._guessable(layout, sequence(4, [300, 300]), 3)  # 605 + 330
