"""Preflight: what a print shop checks before it prints, on any PDF, as a short report.

From the PDF itself: page sizes and boxes (per distinct size), fonts and whether each is
embedded (an unembedded font is an error), images with their effective resolution at the size
they are placed (from the ``cm`` operators in force at each ``Do``; under 300 ppi a warning,
under 150 an error), and the colour spaces used (operators and images). From the report
printprog embeds (:mod:`printprog.production.rewrite`), when there is one: the product (a booklet's
page count must suit the fold), texts shrunk or cut short during layout, QR codes under their
minimum size (an error), photo names for the images, and the colour mode asked for (RGB left
in a CMYK file is an error). :attr:`Result.exit_code` is 1 when there is an error.

The PDF may be anyone's, so is the report in it: both are read through
:mod:`printprog.qa.pdfinput` (a Flate bomb is an error, not 2 GB of memory; report entries of
the wrong shape are dropped), and a page tree qpdf refuses is one error line.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core.console import printable
from ..core.errors import PrintprogError
from ..core.records import Record, record
from ..core.report import ImageNote, Report
from ..core.units import to_mm
from ..pdf.atomic import latest
from ..production.rewrite import embedded_report, trim_of
from .pdfinput import MAX_CONTENT_BYTES, ContentTooLarge, instructions, untrusted_report
from .pdfx import problems as pdfx_problems

if TYPE_CHECKING:
    import pikepdf

WARN_PPI = 300
ERROR_PPI = 150
#: How many names a list in the report shows unless asked for all.
SHOWN = 5
#: Forms nested deeper than this are not followed (a loop in a broken file ends here).
_MAX_DEPTH = 12

_OPERATOR_SPACE = {"rg": "DeviceRGB", "RG": "DeviceRGB", "k": "DeviceCMYK", "K": "DeviceCMYK",
                   "g": "DeviceGray", "G": "DeviceGray"}


@dataclass(frozen=True)
class Placed:
    """An image as it lands on a page."""

    page: int
    pixels: tuple[int, int]
    size_mm: tuple[float, float]
    ppi: float
    space: str


@record
class Scan(Record):
    """What walking every content stream of a PDF found."""

    spaces: Counter = field(default_factory=Counter)
    images: list[Placed] = field(default_factory=list)
    fonts: dict[str, bool] = field(default_factory=dict)  # name -> embedded
    #: Content streams not looked into, and why (each is an error).
    skipped: list[str] = field(default_factory=list)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


@record
class Result(Record):
    path: Path
    info: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        return 1 if self.errors else 0

    def text(self) -> str:
        lines = [f"preflight {self.path}", *(f"  {line}" for line in self.info)]
        lines += [f"  warning: {w}" for w in self.warnings]
        lines += [f"  error: {e}" for e in self.errors]
        # A hostile PDF's font names or report must not drive the terminal it is shown on.
        lines = [printable(line) for line in lines]
        verdict = "failed" if self.errors else "passed"
        lines.append(f"  result: {verdict}, {_count(len(self.errors), 'error')}, "
                     f"{_count(len(self.warnings), 'warning')}")
        return "\n".join(lines)


# -- walking the PDF --------------------------------------------------------------------------


def _space_name(space: Any, resources: Any) -> str:
    """A readable name for a colour space operand or an image's /ColorSpace."""
    import pikepdf

    if isinstance(space, pikepdf.Name) and not str(space).startswith(("/Device", "/Pattern")):
        space = (resources or {}).get("/ColorSpace", {}).get(str(space), space)  # a named one
    if isinstance(space, pikepdf.Array) and len(space):
        family = str(space[0])[1:]
        if family == "ICCBased":
            return f"ICCBased ({int(space[1].get('/N', 0))} channels)"
        if family in ("Separation", "DeviceN") and len(space) > 1:
            return f"{family} {str(space[1]).lstrip('/')}"
        return family
    return str(space).lstrip("/") if space is not None else "none"


def _font_name(font: Any) -> str:
    name = str(font.get("/BaseFont", font.get("/Name", "(unnamed)"))).lstrip("/")
    prefix, plus, rest = name.partition("+")
    return rest if plus and len(prefix) == 6 and prefix.isupper() else name


def _embedded(font: Any) -> bool:
    if font.get("/Subtype") == "/Type3":
        return True  # its glyphs are content streams in the file
    parts = [font, *font.get("/DescendantFonts", [])]
    return any(key in part.get("/FontDescriptor", {}) for part in parts
               for key in ("/FontFile", "/FontFile2", "/FontFile3"))


def _walk(pdf: pikepdf.Pdf, owner: Any, resources: Any, ctm: pikepdf.Matrix, page: int,
          scan: Scan, depth: int = 0) -> None:
    import pikepdf

    for font in (resources or {}).get("/Font", {}).values():
        name = _font_name(font)
        scan.fonts[name] = scan.fonts.get(name, True) and _embedded(font)
    stack: list[pikepdf.Matrix] = []
    try:
        ops = instructions(pdf, owner)
    except ContentTooLarge:
        scan.skipped.append(f"page {page}: a content stream decompresses to more than "
                            f"{MAX_CONTENT_BYTES // 2**20} MB; not checked (a damaged or "
                            "hostile file)")
        return
    for inst in ops:
        if isinstance(inst, pikepdf.ContentStreamInlineImage):
            scan.spaces["inline image"] += 1
            continue
        op, operands = str(inst.operator), inst.operands
        if op == "q":
            stack.append(ctm)
        elif op == "Q" and stack:
            ctm = stack.pop()
        elif op == "cm" and len(operands) == 6:
            ctm = pikepdf.Matrix(*(float(v) for v in operands)) @ ctm
        elif op in _OPERATOR_SPACE:
            scan.spaces[_OPERATOR_SPACE[op]] += 1
        elif op in ("cs", "CS") and operands:
            scan.spaces[_space_name(operands[0], resources)] += 1
        elif op == "Do" and operands:
            xobject = (resources or {}).get("/XObject", {}).get(str(operands[0]))
            if xobject is None:
                continue
            if xobject.get("/Subtype") == "/Image":
                scan.images.append(_placed(xobject, ctm, page, resources))
                scan.spaces[scan.images[-1].space] += 1
            elif xobject.get("/Subtype") == "/Form" and depth < _MAX_DEPTH:
                matrix = pikepdf.Matrix(*(float(v) for v in xobject.get("/Matrix",
                                                                         [1, 0, 0, 1, 0, 0])))
                _walk(pdf, xobject, xobject.get("/Resources", resources), matrix @ ctm, page,
                      scan, depth + 1)


def _placed(image: Any, ctm: pikepdf.Matrix, page: int, resources: Any) -> Placed:
    """The image's effective resolution: its pixels over the size the CTM gives its unit
    square (the lower of the two directions)."""
    w_px, h_px = int(image.get("/Width", 0)), int(image.get("/Height", 0))
    w_pt, h_pt = math.hypot(ctm.a, ctm.b), math.hypot(ctm.c, ctm.d)
    ppi = min(w_px / (w_pt / 72) if w_pt else math.inf, h_px / (h_pt / 72) if h_pt else math.inf)
    space = "image mask" if image.get("/ImageMask") else _space_name(image.get("/ColorSpace"),
                                                                     resources)
    return Placed(page, (w_px, h_px), (round(to_mm(w_pt), 1), round(to_mm(h_pt), 1)),
                  round(ppi, 1), space)


def scan(pdf: pikepdf.Pdf) -> Scan:
    import pikepdf

    found = Scan()
    for number, page in enumerate(pdf.pages, 1):
        _walk(pdf, page.obj, page.obj.get("/Resources"), pikepdf.Matrix(), number, found)
    return found


# -- the checks ------------------------------------------------------------------------------


def _ranges(numbers: list[int]) -> str:
    out, start = [], numbers[0]
    for prev, cur in zip(numbers, [*numbers[1:], None], strict=True):
        if cur != prev + 1:
            out.append(f"{start}" if start == prev else f"{start}-{prev}")
            start = cur
    return ", ".join(out)


def _mm(value: float) -> str:
    return f"{round(to_mm(value), 1):g}"


def _some(items: list[str], full: bool, total: int | None = None) -> str:
    """The first few of ``items`` (all with ``full``), and how many more of ``total`` there
    are (a report names only the first texts shrunk: ``core.report.MAX_SHRUNK_NAMED``)."""
    shown = items if full else items[:SHOWN]
    more = (len(items) if total is None else max(total, len(items))) - len(shown)
    if not more:
        return "; ".join(shown)
    if len(shown) == len(items):  # every one named is shown: the rest are only counted
        return "; ".join(shown) + f"; and {more:,} more, not named in the report"
    lists = "all" if more == len(items) - len(shown) else f"the first {len(items):,}"
    return "; ".join(shown) + f"; and {more:,} more (--full lists {lists})"


def _boxes(pdf: pikepdf.Pdf, result: Result) -> None:
    groups: dict[str, list[int]] = {}
    missing = []
    for number, page in enumerate(pdf.pages, 1):
        x0, y0, x1, y1 = trim_of(page)
        media = [float(v) for v in page.obj.MediaBox]
        bleed_box = [float(v) for v in page.obj.get("/BleedBox", [x0, y0, x1, y1])]
        bleed = min(x0 - bleed_box[0], y0 - bleed_box[1], bleed_box[2] - x1, bleed_box[3] - y1)
        if "/TrimBox" not in page.obj:
            missing.append(number)
        key = (f"trim {_mm(x1 - x0)} x {_mm(y1 - y0)} mm, bleed {_mm(max(bleed, 0))} mm, "
               f"media {_mm(media[2] - media[0])} x {_mm(media[3] - media[1])} mm")
        groups.setdefault(key, []).append(number)
    for key, pages in groups.items():
        result.info.append(f"{'pages' if len(pages) > 1 else 'page'} {_ranges(pages)}: {key}")
    if missing:
        result.warnings.append(f"no TrimBox on pages {_ranges(missing)}: the printer will "
                               "take the MediaBox as the trim")


def _fonts(found: Scan, result: Result) -> None:
    names = sorted(found.fonts)
    bad = [n for n in names if not found.fonts[n]]
    result.info.append(f"fonts: {len(names)}, " + ("all embedded" if not bad else
                       f"{len(bad)} not embedded") + (f" ({', '.join(names)})" if names else ""))
    result.errors += [f"font {n} is not embedded: the printer may substitute it" for n in bad]


def _image_name(placed: Placed, notes: list[ImageNote]) -> str:
    for note in notes:
        if note.page == placed.page and abs(note.ppi - placed.ppi) <= max(1.0, placed.ppi / 50):
            return note.what
    return f"image {placed.pixels[0]} x {placed.pixels[1]} px"


def _images(found: Scan, report: Report | None, result: Result) -> None:
    if not found.images:
        result.info.append("images: none")
        return
    lowest = min(p.ppi for p in found.images)
    result.info.append(f"images: {len(found.images)} placed, lowest {lowest:g} ppi")
    notes = report.images if report else []
    for p in found.images:
        if p.ppi >= WARN_PPI:
            continue
        text = (f"page {p.page}: {_image_name(p, notes)} is {p.ppi:.0f} ppi at "
                f"{p.size_mm[0]:g} x {p.size_mm[1]:g} mm")
        if p.ppi < ERROR_PPI:
            result.errors.append(f"{text}, under {ERROR_PPI} ppi: it will print blurred")
        else:
            result.warnings.append(f"{text}, under {WARN_PPI} ppi: it may print soft")


def _colour(found: Scan, meta: dict[str, Any], result: Result) -> None:
    spaces = ", ".join(f"{name} ({count})" for name, count in sorted(found.spaces.items()))
    result.info.append(f"colour: {spaces or 'none set (black)'}")
    rgb = sum(n for name, n in found.spaces.items()
              if name == "DeviceRGB" or name.startswith("ICCBased (3"))
    if meta.get("colour") == "cmyk" and rgb:
        result.errors.append(f"RGB in a PDF made for CMYK ({rgb} colour operators or images)")


def _layout(report: Report, full: bool, result: Result) -> None:
    shrunk = max(report.shrunk_count, len(report.shrunk))
    result.info.append(f"layout: {_count(shrunk, 'text')} shrunk to fit, "
                       f"{len(report.cut)} cut short")
    if report.shrunk:
        result.info.append(f"shrunk: {_some(report.shrunk, full, shrunk)}")
    if report.cut:
        result.warnings.append(f"{_count(len(report.cut), 'text')} cut short with an ellipsis: "
                               f"{_some(report.cut, full)}")


def _qr(report: Report, result: Result) -> None:
    if not report.qr:
        result.info.append("QR codes: none reported")
        return
    side = min(report.qr, key=lambda q: q.side_mm)
    module = min(report.qr, key=lambda q: q.module_mm)
    result.info.append(f"QR codes: {max(report.qr_count, len(report.qr))}, smallest side "
                       f"{side.side_mm:g} mm ({side.what}), smallest module "
                       f"{module.module_mm:g} mm ({module.what})")
    result.errors += [f"QR code {q.what}: {q.problem()}" for q in report.qr if q.problem()]


def _fold(product: str, pages: int, result: Result) -> None:
    if product == "booklet":
        if pages % 4:
            result.errors.append(f"{pages} pages: a saddle-stitched booklet needs a multiple "
                                 f"of 4 (add {-pages % 4})")
        else:
            result.info.append(f"fold: {pages} pages, {pages // 4} sheets folded in half")
    elif product == "booklet-saddle":
        if pages % 2:
            result.errors.append(f"{pages} sheet sides: spreads print front and back, so "
                                 "the count must be even")
        else:
            result.info.append(f"fold: {pages // 2} sheets, printed both sides")


def check(pdf: pikepdf.Pdf, path: Path, full: bool = False) -> Result:
    result = Result(path)
    meta = embedded_report(pdf) or {}
    report = untrusted_report(meta) if meta else None
    product = meta["product"] if isinstance(meta.get("product"), str) else ""
    result.info.append(f"{product or 'PDF'}, {_count(len(pdf.pages), 'page')}")
    _boxes(pdf, result)
    found = scan(pdf)
    result.errors += found.skipped
    _fonts(found, result)
    _images(found, report, result)
    _colour(found, meta, result)
    if report is None:
        result.info.append("no printprog report in the file: layout and QR checks skipped")
    else:
        _layout(report, full, result)
        _qr(report, result)
    _fold(product, len(pdf.pages), result)
    _pdfx(pdf, found, result)
    return result


def _pdfx(pdf: pikepdf.Pdf, found: Scan, result: Result) -> None:
    """Whether the file meets PDF/X-4 and, when not, why (:mod:`printprog.qa.pdfx`): a note
    for any PDF, an error for one that says it is PDF/X (its /GTS_PDFXVersion)."""
    reasons = pdfx_problems(pdf, found.fonts, found.spaces)
    if not reasons:
        result.info.append("PDF/X-4: meets it")
        return
    info = pdf.trailer.get("/Info")
    claims = info is not None and "/GTS_PDFXVersion" in info
    if claims:
        result.errors += [f"PDF/X-4: {reason}" for reason in reasons]
    else:
        result.info.append("PDF/X-4: does not meet it: " + "; ".join(reasons))


def preflight(path: Path, full: bool = False) -> Result:
    """Check the PDF at ``path``."""
    import pikepdf

    try:
        pdf = pikepdf.open(latest(path))  # the run's own file, before its rename
    except FileNotFoundError:
        raise PrintprogError(f"{path}: no such file") from None
    except pikepdf.PasswordError:  # not a PdfError
        raise PrintprogError(f"{path}: the PDF is encrypted with a password; preflight the "
                             "unencrypted file") from None
    except (OSError, pikepdf.PdfError) as exc:
        raise PrintprogError(f"{path}: not a readable PDF: {exc}") from None
    with pdf:
        try:
            return check(pdf, path, full)
        except (pikepdf.PdfError, TypeError, ValueError) as exc:
            # A page tree or object of the wrong type (a loop in /Pages, /Width a name):
            # the file is damaged, whoever wrote it.
            raise PrintprogError(f"{path}: cannot check this PDF, its structure is damaged: "
                                 f"{exc}") from None

