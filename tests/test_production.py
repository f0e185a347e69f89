"""Print production on every product: TrimBox/BleedBox/MediaBox, backgrounds into the bleed,
crop marks outside it, CMYK throughout, the embedded report, same bytes every run.

Each product is one line of PRODUCTS. A product whose command does not call
commands.common.finish() yet (no print options, or no report embedded in what it wrote) is
skipped, so it joins these tests by itself once it is wired.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageDraw

from conftest import KVM
from pdfcheck import chars_outside
from printprog.cli import main
from printprog.core.units import mm
from printprog.production.marks import MARK_GAP_MM, MARK_LENGTH_MM, SLUG_MM, mark_lines
from printprog.production.rewrite import embedded_report
from printprog.production.spec import MAX_BLEED_MM, Production, to_bleed
from printprog.theme.loader import load_theme, parse_colour

BLEED = 3.0
REACH = BLEED + MARK_GAP_MM + MARK_LENGTH_MM + SLUG_MM  # mm from trim to media edge
DPI = 150


@dataclass(frozen=True)
class Product:
    argv: tuple[str, ...]  # the command and its own options; --out and print options are added
    out: str  # file (or folder) name under tmp_path
    trim_mm: tuple[float, float]
    safe_mm: float  # no glyph nearer the trim than this
    #: A point (page, x mm, y mm from the trim's bottom-left) on a background that touches the
    #: trim edge, to find its colour in the bleed; None: the product has none.
    ground: tuple[int, float, float] | None = None
    #: Which edges that background touches: its colour must be found in the bleed there.
    edges: tuple[str, ...] = ("left", "top", "corner")


PRODUCTS = {
    "booklet": Product(("booklet", "--data", str(KVM)), "booklet.pdf", (148, 210), 5,
                       ground=(1, 3, 3)),
    "signage": Product(("signage", "--room", "stirling", "--day", "2013-10-22"), "signage",
                       (210, 297), 10, ground=(1, 105, 295), edges=("top",)),
    "poster": Product(("poster", "--day", "2013-10-22"), "poster.pdf", (420, 594), 10,
                      ground=(1, 210, 592), edges=("top",)),
    "badges": Product(("badges",), "badges.pdf", (210, 297), 3),
}


def _run(product: Product, folder: Path, *options: str) -> list[Path]:
    try:
        code = main([*product.argv, "--out", str(folder / product.out), *options])
    except SystemExit:  # argparse: the command has no such option yet
        pytest.skip(f"{product.argv[0]} has no print options yet")
    assert code == 0
    paths = sorted(folder.rglob("*.pdf"))
    with pikepdf.open(paths[0]) as pdf:
        if embedded_report(pdf) is None:
            pytest.skip(f"{product.argv[0]} does not call commands.common.finish() yet")
    return paths


@pytest.fixture(scope="module", params=list(PRODUCTS))
def produced(request, tmp_path_factory) -> tuple[Product, list[Path], list[Path]]:
    """(product, PDFs without print options, PDFs with --bleed 3 --crop-marks)."""
    product = PRODUCTS[request.param]
    plain = _run(product, tmp_path_factory.mktemp(f"{request.param}-plain"))
    bled = _run(product, tmp_path_factory.mktemp(f"{request.param}-bled"),
                "--bleed", str(BLEED), "--crop-marks")
    return product, plain, bled


def _boxes(path: Path) -> list[dict[str, list[float]]]:
    with pikepdf.open(path) as pdf:
        return [{k: [round(float(v) / mm(1), 2) for v in page.obj[k]]
                 for k in ("/MediaBox", "/CropBox", "/TrimBox", "/BleedBox")}
                for page in pdf.pages]


def test_production_boxes_without_bleed_are_the_paper(produced):
    product, plain, _ = produced
    w, h = product.trim_mm
    for path in plain:
        for boxes in _boxes(path):
            assert boxes == {k: [0, 0, w, h] for k in boxes}, path


def test_production_bleed_sets_trim_bleed_and_media_boxes(produced):
    product, _, bled = produced
    w, h = product.trim_mm
    for path in bled:
        for boxes in _boxes(path):
            assert boxes["/TrimBox"] == [REACH, REACH, REACH + w, REACH + h]
            assert boxes["/BleedBox"] == [REACH - BLEED, REACH - BLEED, REACH + w + BLEED,
                                          REACH + h + BLEED]
            assert boxes["/MediaBox"] == boxes["/CropBox"] == [0, 0, w + 2 * REACH,
                                                               h + 2 * REACH]


def _mark_segments(path: Path) -> list[list[tuple[float, float, float, float]]]:
    """Per page, the lines of the content stream drawn in the registration colour."""
    out = []
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            marks = page.obj.Contents[-1].read_bytes().decode("ascii")
            assert "/PrintprogRegistration CS" in marks
            numbers = re.findall(r"(\S+) (\S+) m (\S+) (\S+) l S", marks)
            out.append([tuple(float(v) for v in line) for line in numbers])
    return out


def test_production_crop_marks_lie_between_bleed_and_media_edge(produced):
    product, _, bled = produced
    w, h = (mm(v) for v in product.trim_mm)
    r, b = mm(REACH), mm(BLEED)
    for path in bled:
        for lines in _mark_segments(path):
            assert len(lines) == 8
            for x0, y0, x1, y1 in lines:
                for x, y in ((x0, y0), (x1, y1)):
                    assert 0 <= x <= w + 2 * r and 0 <= y <= h + 2 * r
                    outside_bleed = (x < r - b - 0.01 or x > r + w + b + 0.01
                                     or y < r - b - 0.01 or y > r + h + b + 0.01)
                    assert outside_bleed, (x, y)


def _render(path: Path, page: int) -> Image.Image:
    doc = pdfium.PdfDocument(str(path))
    try:
        return doc[page - 1].render(scale=DPI / 72).to_pil().convert("RGB")
    finally:
        doc.close()


def test_production_ground_reaches_into_bleed_and_marks_area_is_white(produced):
    product, _, bled = produced
    w, h = (mm(v) for v in product.trim_mm)
    image = _render(bled[0], 1)
    px = DPI / 72

    def at(x: float, y: float) -> tuple[int, int]:  # PDF points to pixels
        return round(x * px), round(image.height - y * px)

    r, b = mm(REACH), mm(BLEED)
    lines = mark_lines((r, r, r + w, r + h), b)
    # Dark pixels at every mark (a 0.25 pt line is half a pixel: grey, and maybe one off).
    grey = image.convert("L")
    for x0, y0, x1, y1 in lines:
        x, y = at((x0 + x1) / 2, (y0 + y1) / 2)
        assert grey.crop((x - 1, y - 1, x + 2, y + 2)).getextrema()[0] < 200, (x, y)
    # Everything outside the bleed, but the marks, is white.
    masked = image.copy()
    draw = ImageDraw.Draw(masked)
    (left, top), (right, bottom) = at(r - b, r + h + b), at(r + w + b, r - b)
    draw.rectangle((left - 1, top - 1, right + 1, bottom + 1), fill="white")
    for x0, y0, x1, y1 in lines:  # each mark and 2 px around it (antialiasing)
        (ax, ay), (bx, by) = at(x0, y0), at(x1, y1)
        draw.rectangle((min(ax, bx) - 2, min(ay, by) - 2, max(ax, bx) + 2, max(ay, by) + 2),
                       fill="white")
    assert masked.convert("L").getextrema()[0] >= 250
    if product.ground:
        _, gx, gy = product.ground
        ground = image.getpixel(at(r + mm(gx), r + mm(gy)))
        assert ground != (255, 255, 255)
        probes = {"left": (r - b / 2, r + mm(gy)), "top": (r + mm(gx), r + h + b / 2),
                  "corner": (r - b / 2, r - b / 2)}
        for edge in product.edges:
            assert image.getpixel(at(*probes[edge])) == ground, edge


def test_production_text_stays_inside_the_safe_area_of_the_trim(produced):
    product, _, bled = produced
    for path in bled:
        assert chars_outside(path, product.safe_mm) == []


def test_production_links_and_bookmarks_move_with_the_page(produced):
    _, plain, bled = produced
    shift = mm(REACH)
    with pikepdf.open(plain[0]) as a, pikepdf.open(bled[0]) as b:
        for pa, pb in zip(a.pages, b.pages, strict=True):
            for la, lb in zip(pa.obj.get("/Annots", []), pb.obj.get("/Annots", []), strict=True):
                assert [float(v) + shift for v in la.Rect] == pytest.approx(
                    [float(v) for v in lb.Rect], abs=1e-3)
        if "/Outlines" in a.Root and a.Root.Outlines.First.Dest[1] == "/XYZ":
            da, db = a.Root.Outlines.First.Dest, b.Root.Outlines.First.Dest
            assert float(db[2]) == pytest.approx(float(da[2]) + shift, abs=1e-3)
            assert float(db[3]) == pytest.approx(float(da[3]) + shift, abs=1e-3)


def test_production_report_is_embedded_in_the_pdf(produced):
    _, _, bled = produced
    with pikepdf.open(bled[0]) as pdf:
        report = embedded_report(pdf)
    assert report["bleed_mm"] == BLEED and report["crop_marks"] is True
    assert report["colour"] == "rgb"
    assert {"shrunk", "cut", "qr", "images", "warnings", "product"} <= set(report)


def test_to_bleed_pushes_out_only_the_sides_on_the_trim_edge():
    e = mm(MAX_BLEED_MM)
    page = (100.0, 200.0)
    assert to_bleed(0, 190, 100, 10, page) == pytest.approx((-e, 190, 100 + 2 * e, 10 + e))
    assert to_bleed(0, 0, 100, 200, page) == pytest.approx((-e, -e, 100 + 2 * e, 200 + 2 * e))
    assert to_bleed(10, 10, 5, 5, page) == (10, 10, 5, 5)


def test_mark_lines_start_past_the_bleed_and_run_five_mm():
    lines = mark_lines((0, 0, 100, 200), bleed=mm(3), folds=[50])
    assert len(lines) == 10
    assert lines[0] == pytest.approx((-mm(5), 0, -mm(10), 0))  # bottom-left, horizontal
    assert lines[1] == pytest.approx((0, -mm(5), 0, -mm(10)))  # bottom-left, vertical
    assert lines[-2] == pytest.approx((50, 200 + mm(5), 50, 200 + mm(10)))  # the fold, top


# -- CMYK -----------------------------------------------------------------------------------


def _rgb_left(path: Path) -> list[str]:
    """Every RGB colour operator or image in any content stream of the PDF."""
    found = []
    with pikepdf.open(path) as pdf:
        seen = set()
        todo = [(f"page {n}", page.obj, page.obj.get("/Resources"))
                for n, page in enumerate(pdf.pages, 1)]
        while todo:
            where, owner, resources = todo.pop()
            for inst in pikepdf.parse_content_stream(owner):
                op = str(getattr(inst, "operator", ""))
                if op in ("rg", "RG") or (op in ("cs", "CS")
                                          and inst.operands == [pikepdf.Name.DeviceRGB]):
                    found.append(f"{where}: {op}")
            for name, xobject in (resources or {}).get("/XObject", {}).items():
                if xobject.get("/ColorSpace") == "/DeviceRGB":
                    found.append(f"{where}: image {name}")
                if xobject.get("/Subtype") == "/Form" and xobject.objgen not in seen:
                    seen.add(xobject.objgen)
                    todo.append((f"{where} {name}", xobject, xobject.get("/Resources")))
    return found


@pytest.fixture(scope="module")
def cmyk_booklet(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("cmyk") / "booklet.pdf"
    assert main(["booklet", "--data", str(KVM), "--out", str(out), "--colour", "cmyk",
                 "--bleed", "3", "--crop-marks"]) == 0
    return out


def test_cmyk_booklet_has_no_rgb_colour_anywhere(cmyk_booklet):
    assert _rgb_left(cmyk_booklet) == []
    with pikepdf.open(cmyk_booklet) as pdf:
        assert embedded_report(pdf)["colour"] == "cmyk"


def test_cmyk_booklet_text_is_pure_black_ink(cmyk_booklet):
    with pikepdf.open(cmyk_booklet) as pdf:
        ops = [[float(v) for v in inst.operands]
               for inst in pikepdf.parse_content_stream(pdf.pages[1])
               if str(inst.operator) == "k"]
    assert [0.0, 0.0, 0.0, 1.0] in ops  # ink: K 100, not a rich black


def test_rgb_booklet_is_rgb_and_converts_to_cmyk_afterwards(tmp_path, kvm_booklet):
    from printprog.production.rewrite import rewrite

    out = tmp_path / "booklet.pdf"
    shutil.copyfile(kvm_booklet, out)  # the session's booklet, rewritten here
    assert _rgb_left(out)  # the default stays RGB
    rewrite(out, Production(cmyk=True))
    assert _rgb_left(out) == []


@pytest.mark.parametrize(("written", "cmyk"), [
    ("cmyk(0, 60, 100, 0)", (0, 0.6, 1, 0)),
    ([10, 20, 30, 40], (0.1, 0.2, 0.3, 0.4)),
    ("CMYK( 0,0,0,100 )", (0, 0, 0, 1)),
])
def test_theme_colour_parses_cmyk_in_percent(written, cmyk):
    c = parse_colour(written)
    assert (c.cyan, c.magenta, c.yellow, c.black) == pytest.approx(cmyk)


@pytest.mark.parametrize("bad", ["cmyk(0, 60, 100)", "cmyk(0, 160, 0, 0)", [1, 2, 3], "red"])
def test_theme_colour_refuses_malformed_values(bad):
    with pytest.raises(ValueError):
        parse_colour(bad)


@pytest.mark.parametrize(("name", "cmyk"), [
    ("ink", (0, 0, 0, 1)),          # near-black: solid K
    ("paper", (0, 0, 0, 0)),
    ("muted", (0, 0, 0, 0.6026)),   # a grey: black ink only
    ("accent", (0.777, 0.3165, 0, 0.4549)),
])
def test_theme_in_cmyk_mode_converts_rgb_with_greys_on_black_only(name, cmyk):
    c = load_theme().with_colour_mode("cmyk").colour(name)
    assert (c.cyan, c.magenta, c.yellow, c.black) == pytest.approx(cmyk, abs=1e-4)


def test_theme_in_rgb_mode_turns_cmyk_colours_into_rgb():
    c = load_theme().colour("cmyk(0, 0, 0, 100)")
    assert (c.red, c.green, c.blue) == (0, 0, 0) and not hasattr(c, "cyan")


# -- options and determinism -----------------------------------------------------------------


@pytest.mark.parametrize("bleed", ["-1", "5.5", "nan", "three"])
def test_bleed_out_of_range_is_a_usage_error(bleed, tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["booklet", "--out", str(tmp_path / "b.pdf"), "--bleed", bleed])
    assert exit_info.value.code == 2
    assert "--bleed" in capsys.readouterr().err


def test_production_same_input_gives_same_bytes(tmp_path):
    runs = []
    for n in (1, 2):
        out = tmp_path / f"run{n}" / "booklet.pdf"
        assert main(["booklet", "--data", str(KVM), "--out", str(out), "--bleed", "3",
                     "--crop-marks", "--colour", "cmyk"]) == 0
        runs.append(out.read_bytes())
    assert runs[0] == runs[1]
