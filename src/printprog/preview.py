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
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from .errors import PrintprogError
from .pdf import atomic_output
from .resources import fonts_dir

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


def parse_pages(spec: str, count: int) -> list[int]:
    """'1-4', '2,5-7' or 'all' as 1-based page numbers, each once, in order."""
    if spec.strip().lower() == "all":
        return list(range(1, count + 1))
    pages: set[int] = set()
    for part in spec.split(","):
        first, dash, last = part.strip().partition("-")
        try:
            lo, hi = int(first), int(last) if dash else int(first)
        except ValueError:
            raise PrintprogError(f"pages '{spec}': write them as 1-4, 2,5-7 or all") from None
        if not 1 <= lo <= hi <= count:
            raise PrintprogError(f"pages '{part.strip()}': the PDF has pages 1 to {count}")
        pages.update(range(lo, hi + 1))
    return sorted(pages)


def _open(path: Path):
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(str(path))
    except (OSError, pdfium.PdfiumError) as exc:
        raise PrintprogError(f"{path}: cannot open the PDF to preview: {exc}") from None


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
        for number in parse_pages(pages, len(doc)):
            image = doc[number - 1].render(scale=dpi / 72).to_pil().convert("RGB")
            written.append(_save(image, out_dir / f"page-{number:0{digits}d}.png"))
        return written
    finally:
        doc.close()


@dataclass(frozen=True)
class SheetLayout:
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

    from .production import embedded_report

    with pikepdf.open(path) as pdf:
        return (embedded_report(pdf) or {}).get("product") == "booklet"


def _thumbnail(page, height: int, width: int) -> Image.Image:
    """The page trimmed to its TrimBox, ``width`` x ``height`` px."""
    left, bottom, right, top = page.get_cropbox()
    t_left, t_bottom, t_right, t_top = page.get_trimbox()
    crop = (max(0.0, t_left - left), max(0.0, t_bottom - bottom), max(0.0, right - t_right),
            max(0.0, top - t_top))
    image = page.render(scale=height / (t_top - t_bottom), crop=crop).to_pil().convert("RGB")
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
        left, bottom, right, top = doc[0].get_trimbox()
        width = round((right - left) / (top - bottom) * THUMB_HEIGHT)
        layout = SheetLayout(len(doc), (width, THUMB_HEIGHT), spreads)
        sheet = Image.new("RGB", layout.size, GROUND)
        draw = ImageDraw.Draw(sheet)
        font = ImageFont.truetype(str(fonts_dir() / "NotoSans-Regular.ttf"), LABEL_SIZE)
        w, h = layout.thumb
        for number in range(1, len(doc) + 1):
            x, y = layout.origin(number)
            sheet.paste(_thumbnail(doc[number - 1], h, w), (x, y))
            draw.rectangle((x - 1, y - 1, x + w, y + h), outline=EDGE)
            draw.text((x + w / 2, y + h + LABEL / 2), str(number), fill=INK, font=font,
                      anchor="mm")
        return _save(sheet, target)
    finally:
        doc.close()
