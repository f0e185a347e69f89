"""Crop marks and moved coordinates: the geometry of print production
(:mod:`printprog.production.rewrite`), shared with its streamed form
(:mod:`printprog.production.stream_pages`).

Pure geometry and content-stream text, so both write the same marks and move coordinates
the same way; pikepdf is imported only by the functions that make pikepdf objects.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..core.units import mm

if TYPE_CHECKING:
    import pikepdf

#: Marks start this far outside the bleed, so a slightly off cut never shows them.
MARK_GAP_MM = 2.0
MARK_LENGTH_MM = 5.0
MARK_LINE_PT = 0.25
#: Paper left beyond the ends of the marks.
SLUG_MM = 1.0
#: Resource name of the registration colour space the marks are drawn in.
REGISTRATION = "/PrintprogRegistration"

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in points
Line = tuple[float, float, float, float]  # x0, y0, x1, y1 in points


def grow(box: Box, by: float) -> Box:
    x0, y0, x1, y1 = box
    return x0 - by, y0 - by, x1 + by, y1 + by


def mark_lines(trim: Box, bleed: float, folds: Sequence[float] = ()) -> list[Line]:
    """Crop marks at the four corners, in line with the trim edges, plus a mark above and below
    each fold; all beyond the bleed. Pure geometry, so it can be tested without a PDF."""
    x0, y0, x1, y1 = trim
    near, far = bleed + mm(MARK_GAP_MM), bleed + mm(MARK_GAP_MM + MARK_LENGTH_MM)
    lines: list[Line] = []
    for x, out_x in ((x0, -1), (x1, 1)):
        for y, out_y in ((y0, -1), (y1, 1)):
            lines.append((x + out_x * near, y, x + out_x * far, y))  # along the horizontal edge
            lines.append((x, y + out_y * near, x, y + out_y * far))  # along the vertical edge
    for fold in folds:
        lines += [(x0 + fold, y1 + near, x0 + fold, y1 + far),
                  (x0 + fold, y0 - near, x0 + fold, y0 - far)]
    return lines


def number(value: float) -> str:
    """A coordinate for a content stream: at most 4 decimals, no trailing zeros."""
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def marks_stream(lines: Sequence[Line]) -> bytes:
    ops = [f"q /{REGISTRATION[1:]} CS 1 SCN {number(MARK_LINE_PT)} w 0 J [] 0 d"]
    ops += [f"{number(a)} {number(b)} m {number(c)} {number(d)} l S" for a, b, c, d in lines]
    return ("\n".join([*ops, "Q"]) + "\n").encode("ascii")


def registration(pdf: pikepdf.Pdf) -> pikepdf.Object:
    """The /All separation: marks print on every plate, as registration marks must."""
    import pikepdf

    tint = pikepdf.Dictionary(FunctionType=2, Domain=[0, 1], C0=[0, 0, 0, 0], C1=[1, 1, 1, 1],
                              N=1)
    return pdf.make_indirect(pikepdf.Array([pikepdf.Name.Separation, pikepdf.Name.All,
                                            pikepdf.Name.DeviceCMYK, tint]))


def shift(values: pikepdf.Array, axes: str, shift: tuple[float, float]) -> None:
    """Add the shift to the numbers of ``values`` in place, each by the axis ('x', 'y', or
    ' ' for none) ``axes`` gives its position; nulls and names stay as they are."""
    from decimal import Decimal  # pikepdf's reals (decimal is not needed before pikepdf)

    for i, axis in enumerate(axes[:len(values)]):
        value = values[i]
        if axis != " " and isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
            values[i] = round(float(value) + shift[axis == "y"], 4)


#: Which operands of an explicit destination are x or y, by its kind (PDF 32000 12.3.2.2).
DEST_AXES = {"/XYZ": "  xy", "/FitH": "  y", "/FitBH": "  y", "/FitV": "  x", "/FitBV": "  x",
              "/FitR": "  xyxy"}
