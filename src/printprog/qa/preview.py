"""Previews as PNG, rendered with pypdfium2 (no system tool needed).

- :func:`render_pages`: chosen pages, whole (as a viewer shows them: with bleed and marks when
  the file has them), to ``page-001.png``, ``page-002.png``, ... (the number padded to the
  page count's digits, at least 3).
- :func:`contact_sheet`: every page, trimmed to its TrimBox and scaled to
  :data:`THUMB_HEIGHT` pixels high, in reading order, :data:`COLUMNS` to a row, the page
  number under each, on a grey ground so white pages show. A booklet (the report printprog
  embeds says so) is laid out as the reader sees it: page 1 alone on the right, then 2|3, 4|5
  as spreads with only a hairline between their pages.

The same PDF gives the same PNG bytes (with the same pypdfium2 and Pillow).

The PDF may be anyone's: a page is rendered at no more than :data:`MAX_PIXELS` (a 200-inch
page at 1200 dpi would need 230 GB; the resolution is lowered, with a warning), a contact
sheet shows at most :data:`MAX_SHEET_PAGES` pages (100,000 thumbnails would need 24 GB), one
run renders at most :data:`MAX_RENDER_PAGES` pages (with a warning naming the rest), and
a page tree qpdf or pdfium refuses (a loop in /Pages) is one error line.
"""

from __future__ import annotations

import logging
import math
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from ..core.errors import PrintprogError, UsageError
from ..core.records import Record, record
from ..core.resources import fonts_dir
from ..pdf.atomic import atomic_output

THUMB_HEIGHT = 220  # px
COLUMNS = 8
MARGIN = 16  # px around the sheet
GAP = 20  # px between thumbnails (between spreads, for a booklet)
SPINE = 2  # px between the two pages of a spread
LABEL = 24  # px band under a thumbnail for its page number
LABEL_SIZE = 14  # px
GROUND = (222, 224, 227)
INK = (40, 44, 50)
EDGE = (150, 155, 160)
CONTACT_SHEET = "contact-sheet.png"
#: Pixels of one rendered page: A1 at 200 dpi; 160 MB while pdfium holds it.
MAX_PIXELS = 40_000_000
#: Pages on one contact sheet: 50 rows of 8, about 70 MB of image.
MAX_SHEET_PAGES = 400
#: Pages one ``--pages`` run renders: a long booklet's worth (100,000 took minutes).
MAX_RENDER_PAGES = 500
#: A thumbnail is at most this many times as wide as it is high (a banner page).
MAX_ASPECT = 4

log = logging.getLogger("printprog.qa.preview")


def _ranges(spec: str) -> list[tuple[int, int]]:
    """'1-4', '2,5-7' as (first, last) pairs; UsageError when it is not written so."""
    ranges = []
    for part in spec.split(","):
        first, dash, last = part.strip().partition("-")
        try:
            lo, hi = int(first), int(last) if dash else int(first)
        except ValueError:
            raise UsageError(f"pages '{spec}': write them as 1-4, 2,5-7 or all") from None
        if not 1 <= lo <= hi:
            raise UsageError(f"pages '{part.strip()}': write first-last, from page 1 on")
        ranges.append((lo, hi))
    return ranges


def check_pages(spec: str) -> None:
    """Refuse a page spec that names no pages of any PDF (for the command line)."""
    if spec.strip().lower() != "all":
        _ranges(spec)


def parse_pages(spec: str, count: int) -> list[int]:
    """'1-4', '2,5-7' or 'all' as 1-based page numbers, each once, in order."""
    if spec.strip().lower() == "all":
        return list(range(1, count + 1))
    pages: set[int] = set()
    for lo, hi in _ranges(spec):
        if hi > count:  # checked before range() is made: 1-999999999 is no list of a billion
            raise UsageError(f"pages '{lo}-{hi}': the PDF has pages 1 to {count}")
        pages.update(range(lo, hi + 1))
    return sorted(pages)


def _open(path: Path):
    import pypdfium2 as pdfium

    try:
        doc = pdfium.PdfDocument(str(path))
        len(doc)  # a /Pages tree pdfium cannot count fails here, not while rendering
    except (OSError, pdfium.PdfiumError) as exc:
        raise PrintprogError(f"{path}: cannot open the PDF to preview: {exc}") from None
    return doc


def _page(doc, number: int, path: Path):
    """Page ``number`` (1-based); a page pdfium cannot load (a loop in /Pages) is an error."""
    import pypdfium2 as pdfium

    try:
        return doc[number - 1]
    except pdfium.PdfiumError as exc:
        raise PrintprogError(f"{path}: page {number} cannot be read: {exc}") from None


def _scale(page, number: int, dpi: float) -> float:
    """``dpi`` / 72, lowered (with a warning) so the page has at most MAX_PIXELS."""
    width, height = page.get_size()
    scale = dpi / 72
    pixels = max(width, 1e-3) * max(height, 1e-3) * scale * scale
    if pixels <= MAX_PIXELS:
        return scale
    lowered = scale * math.sqrt(MAX_PIXELS / pixels)
    log.warning(f"page {number} is {width / 72:.0f} x {height / 72:.0f} inches: rendered at "
                f"{lowered * 72:.0f} dpi, not {dpi:g} dpi (at most {MAX_PIXELS:,} pixels a "
                "page)")
    return lowered


def _save(image: Image.Image, target: Path) -> Path:
    with atomic_output(target) as tmp:
        image.save(tmp, format="PNG")
    return target


def render_pages(path: Path, pages: str, out_dir: Path, dpi: float = 100) -> list[Path]:
    """Render the pages ``pages`` names ('1-4', 'all': see :func:`parse_pages`) of the PDF at
    ``path`` to PNGs in ``out_dir``."""
    doc = _open(path)
    try:
        digits = max(3, len(str(len(doc))))
        written = []
        numbers = parse_pages(pages, len(doc))
        if len(numbers) > MAX_RENDER_PAGES:
            log.warning(f"{path}: rendered the first {MAX_RENDER_PAGES} of the {len(numbers):,} "
                        f"pages asked for (at most {MAX_RENDER_PAGES} a run); render the others "
                        f"with --pages {numbers[MAX_RENDER_PAGES]}-{numbers[-1]}")
            numbers = numbers[:MAX_RENDER_PAGES]
        for number in numbers:
            page = _page(doc, number, path)
            image = page.render(scale=_scale(page, number, dpi)).to_pil().convert("RGB")
            written.append(_save(image, out_dir / f"page-{number:0{digits}d}.png"))
        return written
    finally:
        doc.close()


@record(frozen=True)
class SheetLayout(Record):
    """Where each page's thumbnail goes on the contact sheet."""

    pages: int
    thumb: tuple[int, int]  # width, height in px
    spreads: bool

    @property
    def columns(self) -> int:
        slots = self.pages + self.spreads
        columns = min(COLUMNS, slots)
        return columns + (columns % 2 if self.spreads else 0)

    @property
    def rows(self) -> int:
        return math.ceil((self.pages + self.spreads) / self.columns)

    def _gap_before(self, column: int) -> int:
        return SPINE if self.spreads and column % 2 else GAP

    def x(self, column: int) -> int:
        return MARGIN + column * self.thumb[0] + sum(self._gap_before(c)
                                                     for c in range(1, column + 1))

    def origin(self, page: int) -> tuple[int, int]:
        """Top-left pixel of page ``page`` (1-based)."""
        slot = page - 1 + self.spreads
        row, column = divmod(slot, self.columns)
        return self.x(column), MARGIN + row * (self.thumb[1] + LABEL + GAP)

    @property
    def size(self) -> tuple[int, int]:
        width = self.x(self.columns - 1) + self.thumb[0] + MARGIN
        height = 2 * MARGIN + self.rows * (self.thumb[1] + LABEL) + (self.rows - 1) * GAP
        return width, height


def _is_booklet(path: Path) -> bool:
    import pikepdf

    from ..production.rewrite import embedded_report

    try:
        with pikepdf.open(path) as pdf:
            return (embedded_report(pdf) or {}).get("product") == "booklet"
    except (OSError, pikepdf.PdfError):  # pdfium opened it; qpdf need not agree
        return False


def _thumbnail(page, height: int, width: int) -> Image.Image:
    """The page trimmed to its TrimBox, ``width`` x ``height`` px."""
    left, bottom, right, top = page.get_cropbox()
    t_left, t_bottom, t_right, t_top = page.get_trimbox()
    crop = (max(0.0, t_left - left), max(0.0, t_bottom - bottom), max(0.0, right - t_right),
            max(0.0, top - t_top))
    # The lower of the two scales that fit: a page of another shape than the first (a
    # banner, a zero-height box) cannot make a giant render.
    scale = min(height / max(t_top - t_bottom, 1.0), width / max(t_right - t_left, 1.0))
    image = page.render(scale=scale, crop=crop).to_pil().convert("RGB")
    if image.size != (width, height):
        image = image.resize((width, height), Image.Resampling.LANCZOS)
    return image


def contact_sheet(path: Path, target: Path, spreads: bool | None = None) -> Path:
    """Write the contact sheet of the PDF at ``path`` to ``target``. ``spreads`` None: as
    spreads when the PDF is a printprog booklet."""
    doc = _open(path)
    try:
        if not len(doc):
            raise PrintprogError(f"{path}: the PDF has no pages")
        if spreads is None:
            spreads = _is_booklet(path)
        left, bottom, right, top = _page(doc, 1, path).get_trimbox()
        aspect = (right - left) / max(top - bottom, 1.0)
        width = round(min(max(aspect, 1 / MAX_ASPECT), MAX_ASPECT) * THUMB_HEIGHT)
        count = min(len(doc), MAX_SHEET_PAGES)
        if count < len(doc):
            log.warning(f"{path}: the contact sheet shows the first {count} of "
                        f"{len(doc):,} pages; render others with --pages")
        layout = SheetLayout(count, (width, THUMB_HEIGHT), spreads)
        sheet = Image.new("RGB", layout.size, GROUND)
        draw = ImageDraw.Draw(sheet)
        font = ImageFont.truetype(str(fonts_dir() / "NotoSans-Regular.ttf"), LABEL_SIZE)
        w, h = layout.thumb
        for number in range(1, count + 1):
            x, y = layout.origin(number)
            sheet.paste(_thumbnail(_page(doc, number, path), h, w), (x, y))
            draw.rectangle((x - 1, y - 1, x + w, y + h), outline=EDGE)
            draw.text((x + w / 2, y + h + LABEL / 2), str(number), fill=INK, font=font,
                      anchor="mm")
        return _save(sheet, target)
    finally:
        doc.close()
