"""Saddle-stitch imposition: a booklet's pages two-up on sheets twice the page size, ordered so
the folded, nested sheets read 1..N.

Input: a PDF whose pages share one trim size (TrimBox, else MediaBox) and may carry a bleed
(BleedBox; the content reaches that far). Output: a new PDF of sheet sides, front then back of
each sheet, each side a spread of two pages. The page count is padded with blank pages to a
multiple of 4 (the blanks come last, before nothing: the back cover stays the last page only
when the booklet already is a multiple of 4, as printprog's booklet always is).

Each page is placed as a form XObject (:meth:`pikepdf.Page.as_form_xobject`) whose BBox is the
page's trim plus its bleed on the three outer sides and none at the spine, where the two pages
meet. A spread's MediaBox is its trim, so, like a page fresh from a product, its bleed lies
beyond the MediaBox until :func:`printprog.production.rewrite.apply` reveals it with boxes
and marks.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..core.errors import PrintprogError
from ..pdf.atomic import latest
from .marks import number
from .rewrite import save, trim_of

if TYPE_CHECKING:
    import pikepdf

Side = tuple[int | None, int | None]  # (left, right) page numbers, 1-based; None = blank


def saddle_order(pages: int) -> list[Side]:
    """The sheet sides in print order for ``pages`` pages: for 16, (16, 1), (2, 15), (14, 3),
    (4, 13), ... Pages past ``pages`` (the padding to a multiple of 4) are None."""
    if pages < 1:
        raise PrintprogError("nothing to impose: the PDF has no pages")
    n = pages + (-pages) % 4
    sides: list[Side] = []
    for sheet in range(n // 4):
        sides.append((n - 2 * sheet, 1 + 2 * sheet))        # front: outside of the sheet
        sides.append((2 + 2 * sheet, n - 1 - 2 * sheet))    # back: inside
    return [tuple(p if p <= pages else None for p in side) for side in sides]  # type: ignore[misc]


def _bleed(page: pikepdf.Page, trim: tuple[float, ...]) -> float:
    box = page.obj.get("/BleedBox")
    if box is None:
        return 0.0
    return max(0.0, min(trim[0] - float(box[0]), trim[1] - float(box[1]),
                        float(box[2]) - trim[2], float(box[3]) - trim[3]))


def _place(sheet: pikepdf.Page, form: pikepdf.Object, name: str, dx: float, dy: float) -> bytes:
    import pikepdf

    sheet.add_resource(form, pikepdf.Name.XObject, pikepdf.Name(name))
    return f"q 1 0 0 1 {number(dx)} {number(dy)} cm {name} Do Q\n".encode("ascii")


def impose_saddle(src: pikepdf.Pdf) -> pikepdf.Pdf:
    """A new PDF with the saddle-stitch spreads of ``src``'s pages."""
    import pikepdf

    if not len(src.pages):
        raise PrintprogError("nothing to impose: the PDF has no pages")
    trims = [trim_of(page) for page in src.pages]
    x0, y0, x1, y1 = trims[0]
    w, h = x1 - x0, y1 - y0
    if any(abs((t[2] - t[0]) - w) > 0.01 or abs((t[3] - t[1]) - h) > 0.01 for t in trims):
        raise PrintprogError("cannot impose pages of different sizes on one sheet")
    dst = pikepdf.new()
    dst.docinfo = dst.copy_foreign(src.docinfo)
    for left, right in saddle_order(len(src.pages)):
        sheet = dst.add_blank_page(page_size=(2 * w, h))
        content = b""
        for folio, slot in ((left, 0), (right, 1)):
            if folio is None:
                continue
            page = src.pages[folio - 1]
            tx0, ty0, tx1, ty1 = trims[folio - 1]
            bleed = _bleed(page, trims[folio - 1])
            # No bleed at the spine: there the page meets its neighbour on the sheet.
            bbox = [tx0 - (bleed if slot == 0 else 0), ty0 - bleed,
                    tx1 + (bleed if slot == 1 else 0), ty1 + bleed]
            form = page.as_form_xobject()
            form.BBox = pikepdf.Array(bbox)
            form.Matrix = pikepdf.Array([1, 0, 0, 1, 0, 0])
            content += _place(sheet, dst.copy_foreign(form), f"/Page{folio}",
                              slot * w - tx0, -ty0)
        sheet.obj.Contents = pikepdf.Stream(dst, content)
    return dst


def saddle_file(source: Path, target: Path) -> float:
    """Write the spreads of the PDF at ``source`` to ``target`` (atomically); return the page
    width in points (the spine's position on the spread, for fold marks)."""
    import pikepdf

    try:
        src = pikepdf.open(latest(source))  # the booklet as this run staged it
    except (OSError, pikepdf.PdfError) as exc:
        raise PrintprogError(f"{source}: cannot read the PDF to impose: {exc}") from None
    with src:
        x0, _, x1, _ = trim_of(src.pages[0]) if len(src.pages) else (0, 0, 0, 0)
        with impose_saddle(src) as dst:
            save(dst, target)
    return x1 - x0
