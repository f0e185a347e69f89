"""Text drawn before it is known: marks in a page filled in before the save
(draw/rllate.py) and a text block whose last word is drawn so
(layout/textblock.py, Span.later): the booklet's folios and back-matter page references."""

from __future__ import annotations

from pathlib import Path

import pypdf
from reportlab.lib.colors import Color
from reportlab.pdfgen.canvas import Canvas

from pdfcheck import page_chars, page_texts
from printprog.draw import fonts, rllate
from printprog.layout.textblock import BlockStyle, Span, TextBlock

RED = Color(1, 0, 0)


def _chars(path: Path, page: int, text: str) -> list[dict]:
    """The characters of ``text`` where it first appears on ``page`` (1-based)."""
    chars = page_chars(path)[page - 1]
    joined = "".join(c["text"] for c in chars)
    start = joined.index(text)
    return chars[start:start + len(text)]


def test_late_mark_filled_where_it_was_in_its_graphics_state(tmp_path: Path):
    fonts.register()
    out = tmp_path / "late.pdf"
    canvas = Canvas(str(out), pagesize=(200, 200))
    marks = {}
    for page in (1, 2):
        canvas.saveState()
        canvas.translate(50, 100)  # the mark's place: moved and red
        canvas.setFillColor(RED)
        marks[f"m{page}"] = rllate.late_mark(canvas, f"m{page}", 10, 5)
        canvas.restoreState()
        fonts.draw(canvas, 20, 20, f"after{page}", "Sans", 10)  # state after the mark
        canvas.showPage()

    def draw(what: str) -> None:
        fonts.draw(canvas, 0, 0, what, "Sans", 10)
    rllate.late_fill(canvas, {key: (index, f"late{key}") for key, index in marks.items()},
                        draw)
    canvas.save()
    assert marks == {"m1": 0, "m2": 1}
    assert [t.split() for t in page_texts(out)] == [["latem1", "after1"],
                                                    ["latem2", "after2"]]
    for page in (1, 2):
        first = _chars(out, page, f"latem{page}")[0]
        # x 50 + 10 from the left, baseline 100 + 5 from the foot (a char's bottom is the
        # baseline less the font's descent: Noto Sans 0.293 em)
        assert round(first["x0"], 1) == 60.0
        assert round(200 - first["bottom"] + 0.293 * 10, 1) == 105.0
        assert first["non_stroking_color"] == (1.0, 0.0, 0.0)
        assert _chars(out, page, f"after{page}")[0]["non_stroking_color"] == (0.0, 0.0, 0.0)
    assert b"printprog-late" not in out.read_bytes()


def test_late_fill_leaves_other_marks_and_needs_every_page_shown(tmp_path: Path):
    canvas = Canvas(str(tmp_path / "two.pdf"), pagesize=(200, 200), pageCompression=0)
    a = rllate.late_mark(canvas, "a")
    b = rllate.late_mark(canvas, "b", 5, 5)
    canvas.showPage()
    rllate.late_fill(canvas, {"a": (a, "x")}, lambda what: canvas.drawString(0, 0, what))
    rllate.late_fill(canvas, {"b": (b, "y")}, lambda what: canvas.drawString(0, 0, what))
    canvas.save()
    data = (tmp_path / "two.pdf").read_bytes()
    assert b"(x) Tj" in data and b"(y) Tj" in data and b"printprog-late" not in data
    open_page = Canvas(str(tmp_path / "open.pdf"))
    open_page.drawString(0, 0, "not shown")
    try:
        rllate.late_fill(open_page, {}, print)
    except ValueError as e:
        assert "last page" in str(e)
    else:  # pragma: no cover
        raise AssertionError("late_fill on an open page")


def _block(later=None, text="Fri 21:00 \u00b7 p.\u00a0123") -> TextBlock:
    fonts.register()
    return TextBlock([Span("Title Of It", "Sans-Bold", "#t"),
                      Span(f" \u00b7 {text}", "Sans", "#t", later=later)],
                     BlockStyle(8, 10, RED))


def test_textblock_later_word_drawn_by_its_callback_where_it_goes(tmp_path: Path):
    out = tmp_path / "block.pdf"
    canvas = Canvas(str(out), pagesize=(300, 200))
    calls = []
    block = _block(lambda c, x, y: calls.append((x, y)))
    block.wrap(200, 100)
    block.drawOn(canvas, 20, 100)
    canvas.bookmarkPage("t")
    canvas.showPage()
    canvas.save()
    # Where the word would start: after the bold title, " · ", the time and " · "; on the
    # first (only) line's baseline, the size below the top.
    before = fonts.width("Title Of It", "Sans-Bold", 8) + fonts.width(
        " \u00b7 Fri 21:00 \u00b7 ", "Sans", 8)
    assert [(round(x, 3), y) for x, y in calls] == [(round(before, 3), 2.0)]
    assert page_texts(out)[0].split() == ["Title", "Of", "It", "\u00b7", "Fri", "21:00", "\u00b7"]
    # The link still covers the word, though its text is not drawn.
    rect = [float(v) for v in pypdf.PdfReader(out).pages[0]["/Annots"][0].get_object()["/Rect"]]
    whole = before + fonts.width("p.\u00a0123", "Sans", 8)
    assert [round(v, 3) for v in rect] == [20.0, (102 - 1), round(20 + whole, 3),
                                           (102 - 1 + 10)]


def test_textblock_later_only_in_the_last_part_of_a_split(tmp_path: Path):
    calls = []
    block = _block(lambda c, x, y: calls.append((x, y)),
                   " ".join(["word"] * 60) + " p.\u00a0123")
    lines = len(block.lines(100))
    assert lines >= 4
    first, rest = block.split(100, 2 * 10)
    assert first.later is None and rest.later is block.later
    canvas = Canvas(str(tmp_path / "split.pdf"))
    for part in (first, rest):
        part.wrap(100, 1000)
        part.drawOn(canvas, 0, 0)
    assert len(calls) == 1
    # On the last line of the rest, after its words ("word" and spaces) less the reference.
    last = rest.lines(100)[-1]
    assert calls[0][1] == rest.height - 8 - 10 * (len(rest.lines(100)) - 1)
    kept = " ".join(w if isinstance(w, str) else "".join(t for _, t in w) for w in last[:-1])
    assert round(calls[0][0], 3) == round(fonts.width(kept + " ", "Sans", 8), 3)


def test_textblock_without_later_draws_the_whole_text(tmp_path: Path):
    out = tmp_path / "plain.pdf"
    canvas = Canvas(str(out), pagesize=(300, 200))
    block = _block()
    block.wrap(200, 100)
    block.drawOn(canvas, 20, 100)
    canvas.bookmarkPage("t")
    canvas.showPage()
    canvas.save()
    assert page_texts(out)[0].split()[-3:] == ["\u00b7", "p.", "123"]


def test_late_fill_leaves_text_that_reads_like_a_mark_alone(tmp_path: Path):
    """A talk titled like a mark is drawn as written: only a mark's own line is filled."""
    fonts.register()
    out = tmp_path / "hostile.pdf"
    canvas = Canvas(str(out), pagesize=(300, 200))
    hostile = "%printprog-late m1 0 0"
    canvas.setFont("Sans", 10)
    canvas.drawString(10, 150, hostile)
    fonts.draw(canvas, 10, 120, f"x {hostile} y", "Sans", 10)
    index = rllate.late_mark(canvas, "m1", 10, 50)
    canvas.showPage()
    rllate.late_fill(canvas, {"m1": (index, "p. 42")},
                     lambda what: fonts.draw(canvas, 0, 0, what, "Sans", 10))
    canvas.save()
    text = page_texts(out)[0]
    assert hostile in text and f"x {hostile} y" in text
    assert text.count("p. 42") == 1
