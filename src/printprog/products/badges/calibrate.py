"""``printprog badges --calibrate``: one page that shows where a sheet preset's badges lie.

Printed on plain paper and held against the label stock (or cut along the outlines), it
tells how far a printer's feed shifts the print; ``--offset X,Y`` then moves every badge by
that much. The offset lives only on the command line: a preset describes the stock, not
one printer. Outlines are hairlines at the preset's exact positions, with a cross at each
badge's centre and millimetre rulers along the top and left edges.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from reportlab.pdfgen.canvas import Canvas

from ...core.units import mm
from ...draw import fonts
from ...layout.sheets import Sheet
from ...pdf.atomic import atomic_output
from ...pdf.writer import Meta, new_canvas

if TYPE_CHECKING:
    from ...theme.loader import Theme
    from ..base import Output
    from .options import Options

#: Outline weight in pt: thin enough that its position is the preset's within 0.05 mm.
HAIRLINE = 0.25
CROSS = 4.0  # mm, arm length of the centre marks
RULER = 100  # mm of ruler along each edge (from the ruler's start)
RULER_START = 10.0  # mm from the page's top and left edges


def shift(canvas: Canvas, offset: tuple[float, float]) -> None:
    """Move what follows on the page by ``offset`` mm: x to the right, y down."""
    if offset != (0.0, 0.0):
        canvas.translate(mm(offset[0]), -mm(offset[1]))


def write(sheet: Sheet, out: Path, offset: tuple[float, float] = (0.0, 0.0)) -> Path:
    """The calibration page of ``sheet``, shifted by ``offset`` mm, written atomically."""
    page_w, page_h = sheet.page
    meta = Meta(title=f"Calibration: {sheet.name}", author="printprog",
                subject=f"Badge outlines of {sheet.description or sheet.name}")
    with atomic_output(out) as tmp:
        canvas = new_canvas(tmp, (mm(page_w), mm(page_h)), meta)
        shift(canvas, offset)
        canvas.setLineWidth(HAIRLINE)
        for rect in sheet.slots():
            x, y, w, h = rect.pdf(page_h)
            canvas.rect(x, y, w, h, stroke=1, fill=0)
            cx, cy = x + w / 2, y + h / 2
            canvas.line(cx - mm(CROSS), cy, cx + mm(CROSS), cy)
            canvas.line(cx, cy - mm(CROSS), cx, cy + mm(CROSS))
        _rulers(canvas, page_w, page_h)
        label = (f"{sheet.name}: {sheet.columns} x {sheet.rows} badges of "
                 f"{sheet.item[0]:g} x {sheet.item[1]:g} mm; offset {offset[0]:g}, "
                 f"{offset[1]:g} mm (x right, y down)")
        fonts.draw(canvas, mm(RULER_START + 12), mm(4), label, "Sans", 7)
        canvas.showPage()
        canvas.save()
    return out


def _rulers(canvas: Canvas, page_w: float, page_h: float) -> None:
    """Millimetre ticks along the top edge (rightwards) and the left edge (downwards)."""
    top, left = page_h - RULER_START, RULER_START
    length = min(RULER, page_w - 2 * RULER_START, page_h - 2 * RULER_START)
    for n in range(int(length) + 1):
        tick = 3.0 if n % 10 == 0 else 2.0 if n % 5 == 0 else 1.0
        canvas.line(mm(left + n), mm(top), mm(left + n), mm(top - tick))
        canvas.line(mm(left), mm(top - n), mm(left + tick), mm(top - n))
        if n % 10 == 0 and n:
            fonts.draw(canvas, mm(left + n) + 1, mm(top - 3.5), str(n), "Sans", 5)
            fonts.draw(canvas, mm(left + 3.5), mm(top - n) - 1.5, str(n), "Sans", 5)


def calibration(theme: Theme, options: Options, out: Path) -> Output:
    """The calibration page of ``options.sheet`` (default: the theme's), shifted by
    ``options.offset``, as a product's output: it prints nothing of the schedule."""
    from ...core.report import Report
    from ...layout.sheets import load_sheet
    from ..base import Output

    sheet = load_sheet(options.sheet or theme.sections.badges.sheet)
    return Output([write(sheet, out, options.offset)], Report(), embeds_source=False,
                  summary=f"calibration page of {sheet.name}")
