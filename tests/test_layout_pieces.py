"""The booklet's own layout pieces, read back from the PDF: page references filled in after
the layout (layout/pageref.py) and text beside an image (layout/beside.py)."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate

from pdfcheck import page_words
from printprog.draw import fonts
from printprog.layout.beside import Beside
from printprog.layout.pageref import PageRefs, reserve_digits

WORDS = ("virtual machines migrate between hosts while the guest keeps running and the "
         "network stays up ").split()


def _words(pdf: Path) -> list[list[dict]]:
    return page_words(pdf)


def test_reserve_digits_follows_the_number_of_entries():
    assert reserve_digits(0) == 2
    assert reserve_digits(64) == 2
    assert reserve_digits(1000) == 4


def test_page_reference_drawn_before_its_page_is_known(tmp_path: Path):
    """Drawn on page 1 while the anchor is unknown, filled in at the end: the text is the
    anchor's page, right-aligned where it was placed."""
    fonts.register()
    pdf = tmp_path / "refs.pdf"
    canvas = Canvas(str(pdf), pagesize=(300, 300), invariant=1)
    refs = PageRefs(digits=2, pages={})
    refs.draw(canvas, 200, 100, "talk-a", "Sans", 10)
    canvas.showPage()
    refs.pages["talk-a"] = 2
    canvas.drawString(10, 10, "page two")
    canvas.showPage()
    assert refs.define(canvas) == []
    canvas.save()
    first = _words(pdf)[0]
    assert "".join(w["text"] for w in first).replace("\u00a0", "") == "p.2"
    assert abs(first[-1]["x1"] - 200) < 0.5


def _one_reference(pdf: Path, pages: dict[str, int], key: str) -> tuple[PageRefs, list]:
    """A page with one reference to ``key`` (2 digits reserved, right edge at x=200), filled
    in from ``pages``; the reference and the missing keys define() returned."""
    fonts.register()
    canvas = Canvas(str(pdf), pagesize=(300, 300), invariant=1)
    refs = PageRefs(digits=2, pages=pages)
    refs.draw(canvas, 200, 100, key, "Sans", 10)
    canvas.showPage()
    missing = refs.define(canvas)
    canvas.save()
    return refs, missing


def test_page_number_longer_than_reserved_is_narrowed_into_its_room(tmp_path: Path):
    refs, _ = _one_reference(tmp_path / "squeeze.pdf", {"talk-a": 1234}, "talk-a")
    words = _words(tmp_path / "squeeze.pdf")[0]
    assert "1234" in "".join(w["text"] for w in words)
    room = refs.width("Sans", 10)
    assert min(w["x0"] for w in words) >= 200 - room - 0.5
    assert max(w["x1"] for w in words) <= 200 + 0.5


def test_missing_anchor_is_reported_and_printed_as_question_mark(tmp_path: Path):
    _, missing = _one_reference(tmp_path / "missing.pdf", {}, "nowhere")
    assert missing == ["nowhere"]
    assert "?" in "".join(w["text"] for w in _words(tmp_path / "missing.pdf")[0])


class _Box(Flowable):
    """A filled square standing in for a QR code."""

    def __init__(self, size: float):
        super().__init__()
        self.width = self.height = size

    def wrap(self, availWidth, availHeight):
        return self.width, self.height

    def draw(self):
        self.canv.rect(0, 0, self.width, self.height, stroke=0, fill=1)


def test_beside_narrow_next_to_the_image_full_width_below_and_split_across_pages(
        tmp_path: Path):
    """Lines next to the image stop before it; lines below it use the whole width; text too
    long for the page continues on the next one, in order, with no line lost."""
    fonts.register()
    style = ParagraphStyle("t", fontName="Sans", fontSize=10, leading=12)
    text = " ".join(WORDS[i % len(WORDS)] + str(i) for i in range(700))
    pdf = tmp_path / "beside.pdf"
    page, margin, side, gap = (300.0, 400.0), 20.0, 60.0, 6.0
    doc = SimpleDocTemplate(str(pdf), pagesize=page, leftMargin=margin, rightMargin=margin,
                            topMargin=margin, bottomMargin=margin, invariant=1)
    doc.build([Beside(_Box(side), [Paragraph("Heading", style), Paragraph(text, style)],
                      side="right", gap=gap, below=4, keep=2)])
    pages = _words(pdf)
    assert len(pages) >= 2
    right_edge = page[0] - margin
    image_left = right_edge - side
    first = pages[0]
    beside = [w for w in first if w["top"] < margin + side]
    below = [w for w in first if w["top"] > margin + side + 12]
    assert beside and below
    assert max(w["x1"] for w in beside) <= image_left - gap + 0.5
    assert max(w["x1"] for w in below) > image_left  # the full width is used below
    numbers = [int("".join(c for c in w["text"] if c.isdigit())) for p in pages for w in p
               if any(c.isdigit() for c in w["text"])]
    assert numbers == sorted(numbers) and numbers[0] == 0 and numbers[-1] == 699
    assert len(set(numbers)) == 700
    # No two words of a page overlap.
    for words in pages:
        boxes = sorted((round(w["top"]), w["x0"], w["x1"]) for w in words)
        for (t1, _, a1), (t2, b0, _) in pairwise(boxes):
            assert t1 != t2 or a1 <= b0 + 0.5



def test_beside_hung_items_keep_the_edge_of_the_text_above_them(tmp_path: Path):
    """From ``hang`` on, an item after one set beside the image keeps that column, below the
    image too (a speaker's talks in Speakers A to Z); a paragraph before ``hang`` runs on
    under the image, and an item after it takes the full width."""
    fonts.register()
    style = ParagraphStyle("t", fontName="Sans", fontSize=10, leading=12)
    long = " ".join(WORDS * 2)
    page, margin, side, gap = (300.0, 400.0), 20.0, 60.0, 6.0
    text_left = margin + 6 + side + gap  # 6: the frame's padding (SimpleDocTemplate's)

    image_bottom = margin + 6 + side

    def words(content: list[str], hang: int | None) -> list[dict]:
        pdf = tmp_path / f"hang-{len(content)}-{hang}.pdf"
        doc = SimpleDocTemplate(str(pdf), pagesize=page, leftMargin=margin,
                                rightMargin=margin, topMargin=margin, bottomMargin=margin,
                                invariant=1)
        doc.build([Beside(_Box(side), [Paragraph(t, style) for t in content],
                          side="left", gap=gap, hang=hang)])
        return _words(pdf)[0]

    def left_of_text(ws: list[dict]) -> list[dict]:
        return [w for w in ws if w["x0"] < text_left - 0.5]

    assert left_of_text(words(["Name", long], None))  # runs on under the image
    hung = words(["Name", long, "Talk " + long], 1)
    assert left_of_text(hung) == []  # the list keeps the column beside the image...
    assert any(w["top"] > image_bottom for w in hung)  # ...below the image too
    after_bio = words(["Name", long, "Talk " + long], 2)  # the bio ran on under the image
    talk = [w for w in after_bio if w["top"] >= min(
        x["top"] for x in after_bio if x["text"] == "Talk")]
    assert left_of_text(talk)  # so the talk after it takes the full width


def test_page_reference_keeps_its_cmyk_colour(tmp_path: Path):
    """A reference in a CMYK booklet is filled in with its CMYK colour (k), not an RGB
    stand-in that print production would convert back to other inks."""
    from reportlab.lib.colors import CMYKColor

    fonts.register()
    pdf = tmp_path / "cmyk.pdf"
    canvas = Canvas(str(pdf), pagesize=(300, 300), invariant=1, pageCompression=0)
    refs = PageRefs(digits=2, pages={"talk-a": 7})
    refs.draw(canvas, 200, 100, "talk-a", "Sans", 10, colour=CMYKColor(.1, .9, .2, .3))
    canvas.showPage()
    refs.define(canvas)
    canvas.save()
    data = pdf.read_bytes()
    assert b".1 .9 .2 .3 k" in data  # the colour as given
    assert b" rg" not in data
