"""Print production as one page plan (printprog.production.plan): the boxes, the move, the
clip and the marks of a page, on numbers worked out by hand (1 mm = 72 / 25.4 pt), and both
writers (in memory and streamed) putting exactly that plan into a file."""

from __future__ import annotations

import io

import pikepdf
import pytest

from printprog.production import stream
from printprog.production.plan import TAIL, page_plan
from printprog.production.rewrite import apply
from printprog.production.spec import Production

A5 = (0.0, 0.0, 419.52756, 595.27559)  # 148 x 210 mm
SPREAD = (0.0, 0.0, 839.05512, 595.27559)  # two A5 pages side by side


def near(values, expected) -> bool:
    return len(values) == len(expected) and all(
        v == pytest.approx(e, abs=1e-3) for v, e in zip(values, expected, strict=True))


def same_lines(lines, expected) -> bool:
    def key(line):
        return tuple(round(v, 2) for v in line)
    return sorted(map(key, lines)) == sorted(map(key, expected))


#: A5 with bleed 3 and crop marks: reach 3 + 2 (gap) + 5 (mark) + 1 (slug) = 11 mm
#: = 31.181 pt; marks from 5 mm (14.173 pt) to 10 mm (28.346 pt) past the trim.
A5_CORNER_MARKS = [
    (17.008, 31.181, 2.835, 31.181), (31.181, 17.008, 31.181, 2.835),        # bottom left
    (17.008, 626.457, 2.835, 626.457), (31.181, 640.630, 31.181, 654.803),   # top left
    (464.882, 31.181, 479.055, 31.181), (450.709, 17.008, 450.709, 2.835),   # bottom right
    (464.882, 626.457, 479.055, 626.457), (450.709, 640.630, 450.709, 654.803),  # top right
]


def test_plan_a5_bleed_3_with_crop_marks():
    plan = page_plan(A5, Production(bleed_mm=3, crop_marks=True))
    assert near(plan.media, (0, 0, 481.890, 657.638))  # 148 + 22 mm by 210 + 22 mm
    assert plan.crop == plan.media
    assert near(plan.trim, (31.181, 31.181, 450.709, 626.457))
    assert near(plan.bleed, (22.677, 22.677, 459.213, 634.961))  # 8 mm from the origin
    assert near(plan.shift, (31.181, 31.181))
    assert near(plan.clip, (-8.504, -8.504, 436.535, 612.283))  # the bleed, before the move
    assert same_lines(plan.marks, A5_CORNER_MARKS)
    assert plan.head() == b"q 1 0 0 1 31.1811 31.1811 cm -8.5039 -8.5039 436.5354 612.2835 re W n\n"
    assert plan.marks_stream().startswith(b"q /PrintprogRegistration CS 1 SCN 0.25 w")
    assert b"17.0079 31.1811 m 2.8346 31.1811 l S" in plan.marks_stream()


def test_plan_a5_bleed_alone_has_no_marks_and_media_is_the_bleed():
    plan = page_plan(A5, Production(bleed_mm=3))
    assert near(plan.media, (0, 0, 436.535, 612.283))  # 154 x 216 mm
    assert near(plan.trim, (8.504, 8.504, 428.031, 603.780))
    assert near(plan.bleed, plan.media)
    assert near(plan.shift, (8.504, 8.504))
    assert near(plan.clip, (-8.504, -8.504, 436.535, 612.283))
    assert plan.marks == () and plan.marks_stream() is None


def test_plan_spread_with_fold_marks_the_spine_above_and_below():
    plan = page_plan(SPREAD, Production(bleed_mm=3, crop_marks=True, folds=(419.52756,)))
    assert near(plan.media, (0, 0, 901.417, 657.638))  # 296 + 22 mm by 210 + 22 mm
    assert near(plan.trim, (31.181, 31.181, 870.236, 626.457))
    right = [(884.409, 31.181, 898.583, 31.181), (870.236, 17.008, 870.236, 2.835),
             (884.409, 626.457, 898.583, 626.457), (870.236, 640.630, 870.236, 654.803)]
    fold = [(450.709, 640.630, 450.709, 654.803), (450.709, 17.008, 450.709, 2.835)]
    assert same_lines(plan.marks, A5_CORNER_MARKS[:4] + right + fold)


def test_plan_without_production_leaves_the_drawing_where_it_is():
    plan = page_plan(A5, Production())
    assert near(plan.media, A5) and near(plan.trim, A5) and near(plan.bleed, A5)
    assert plan.shift == (0, 0) and plan.clip is None and plan.head() is None
    assert plan.marks == ()


def test_plan_page_drawn_off_the_origin_is_moved_to_it():
    plan = page_plan((10.0, 20.0, 110.0, 220.0), Production())
    assert near(plan.media, (0, 0, 100, 200)) and near(plan.trim, (0, 0, 100, 200))
    assert plan.shift == (-10.0, -20.0)
    assert near(plan.clip, (10, 20, 100, 200))
    assert plan.head() == b"q 1 0 0 1 -10 -20 cm 10 20 100 200 re W n\n"


# -- both writers emit the plan --------------------------------------------------------------

def _one_page_pdf(path, box=A5) -> None:
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(box[2], box[3]))
    page = pdf.pages[0]
    page.obj.Contents = pdf.make_stream(b"0 0 1 rg 0 0 100 100 re f")
    link = pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link,
                              Rect=[10, 10, 50, 30], Border=[0, 0, 0])
    page.obj.Annots = pikepdf.Array([pdf.make_indirect(link)])
    pdf.save(path)


def _page(pdf: pikepdf.Pdf) -> dict:
    page = pdf.pages[0].obj
    contents = page.Contents if isinstance(page.Contents, pikepdf.Array) else [page.Contents]
    return {"boxes": [[float(v) for v in page[k]] for k in
                      ("/MediaBox", "/CropBox", "/BleedBox", "/TrimBox")],
            "contents": [bytes(s.read_bytes()) for s in contents],
            "link": [float(v) for v in page.Annots[0].Rect]}


@pytest.mark.parametrize("production", [Production(bleed_mm=3, crop_marks=True),
                                        Production(bleed_mm=3), Production()],
                         ids=["bleed-marks", "bleed", "none"])
def test_plan_both_writers_write_exactly_the_plan(tmp_path, production):
    source = tmp_path / "page.pdf"
    _one_page_pdf(source)
    plan = page_plan(A5, production)
    with pikepdf.open(source) as pdf:
        apply(pdf, production)
        in_memory = _page(pdf)
    out = io.BytesIO()
    stream.rewrite(source, out, {}, production=production)
    out.seek(0)
    with pikepdf.open(out) as pdf:
        streamed = _page(pdf)
    for got in (in_memory, streamed):
        assert [near(box, want) for box, want in
                zip(got["boxes"], (plan.media, plan.crop, plan.bleed, plan.trim),
                    strict=True)] == [True] * 4
        expected = [b"0 0 1 rg 0 0 100 100 re f"]
        if plan.head() is not None:
            expected = [plan.head(), *expected, TAIL]
        if plan.marks:
            expected.append(plan.marks_stream())
        assert got["contents"] == expected
        dx, dy = plan.shift
        assert near(got["link"], (10 + dx, 10 + dy, 50 + dx, 30 + dy))
