"""The conference logo (``logo:`` in conference.yaml), checked once and drawn into a box.

Contract: :func:`draw` puts ``conf.logo`` into the box ``(x, y, w, h)`` (points, PDF
coordinates, y up), as large as fits with its proportions kept, aligned ``left``, ``center``
or ``right`` and centred vertically, and returns the rectangle it drew, or ``None`` when the
conference has no logo. Every product calls it: the booklet cover, each sign, the poster,
badges and the chair kit, so a logo looks the same everywhere.

- SVG: drawn as vector paths (svglib), inside one form XObject per PDF, so 10,000 badges
  carry one copy. External references (``<image href="file.png">``, ``<use>`` of another
  file) are never followed (the SVG is parsed from its bytes), entities are not expanded,
  and text is refused (svglib would set it in a font the PDF does not embed).
- PNG, JPEG, WebP: checked like speaker photos (confined to the data folder, size and pixel
  limits, decodes completely: :mod:`printprog.draw.images`) and at least :data:`MIN_DPI` at
  the size it prints; transparency is kept.
- PDF: its first page drawn as vectors (its CropBox, else MediaBox, fitted like an SVG),
  one form XObject per PDF; at most :data:`MAX_PDF_BYTES`, parsed from its bytes; encrypted,
  empty, unreadable, oversized or bare-font (not embedded) PDFs are refused
  (:mod:`printprog.draw.pdfpage`).

Anything wrong is a :class:`PrintprogError`, one line naming conference.yaml's ``logo``, the
file and what to do: a missing logo is an error, not a silent blank on a thousand badges.
"""

from __future__ import annotations

import functools
import io
import logging
import re
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.errors import PrintprogError
from ..core.inputs import read_bytes
from ..core.records import Record, record
from ..schedule.model import Conference
from . import images, pdfpage

if TYPE_CHECKING:  # reportlab.graphics imports platypus: only an SVG logo needs it
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib.colors import Color
    from reportlab.pdfgen.canvas import Canvas

#: Least resolution of a raster logo at its printed size.
MIN_DPI = 300
#: Largest SVG read: a logo, not a map.
MAX_SVG_BYTES = 4 * 2**20
#: Largest PDF read: a logo exported with its fonts, not a brochure.
MAX_PDF_BYTES = 8 * 2**20
_FORM = "printprogLogo"
#: Margin of a plate around the logo, as a share of the box's smaller side.
PLATE_PAD = 0.12


@record(frozen=True)
class Logo(Record):
    """A checked logo: ``kind`` "svg" (``drawing``), "pdf" (``data``: the file's bytes) or
    "raster" (``path``)."""

    kind: str
    shown: str  # the name conference.yaml gives, for messages
    size: tuple[float, float]  # natural size: pt for SVG, pixels for raster
    path: Path | None = None
    drawing: Drawing | None = None
    data: bytes | None = None


def _fail(shown: str, reason: str) -> PrintprogError:
    return PrintprogError(f"conference.yaml: logo '{shown}' {reason}")


def _shown(conf: Conference) -> str:
    assert conf.logo is not None
    if conf.source is not None:
        try:
            return Path(conf.logo).relative_to(conf.source).as_posix()
        except ValueError:
            pass
    return str(conf.logo)


def load(conf: Conference) -> Logo | None:
    """The conference's logo, checked; ``None`` without one. Raises PrintprogError."""
    if conf.logo is None:
        return None
    root = conf.source if conf.source is not None else Path(conf.logo).parent
    return _load(Path(conf.logo), Path(root), _shown(conf))


@functools.lru_cache(maxsize=8)
def _load(path: Path, root: Path, shown: str) -> Logo:
    try:
        real = images.inside(path, root)  # the photos' confinement, same reasons
    except images.Refused as exc:
        raise _fail(shown, f"{exc}; write a path relative to the data folder") from None
    try:
        with open(real, "rb") as fh:  # a regular file (checked): reading cannot block
            head = fh.read(1024)
    except OSError as exc:
        raise _fail(shown, f"cannot be read ({exc.strerror})") from None
    if head.lstrip().startswith(b"%PDF"):
        return _pdf(real, shown)
    if b"<svg" in head or head.lstrip().startswith(b"<?xml"):
        return _svg(real, shown)
    try:
        image = images.load(real, root)
    except images.Refused as exc:
        raise _fail(shown, f"{exc}; use an SVG, or a PNG or JPEG of at least {MIN_DPI} dpi") \
            from None
    return Logo("raster", shown, (float(image.width), float(image.height)), path=real)


def _svg(path: Path, shown: str) -> Logo:
    from svglib.svglib import svg2rlg  # imported only when a logo is an SVG

    data = read_bytes(path, MAX_SVG_BYTES)
    if re.search(rb"<!(DOCTYPE|ENTITY)", data):
        raise _fail(shown, "declares a DOCTYPE or entities; save it as plain SVG")
    logging.getLogger("svglib.svglib").setLevel(logging.CRITICAL)  # its own log lines
    try:
        drawing = svg2rlg(io.BytesIO(data), resolve_entities=False)
    except Exception as exc:  # svglib raises many kinds for broken SVG
        raise _fail(shown, f"is not an SVG printprog can read ({type(exc).__name__})") \
            from None
    if drawing is None or drawing.width <= 0 or drawing.height <= 0:
        raise _fail(shown, "is not an SVG printprog can read (no size: give the <svg> a "
                    "width and height or a viewBox)")
    if _has_text(drawing):
        raise _fail(shown, "has text in it; convert the text to paths (Inkscape: Path > "
                    "Object to Path) so it prints in the logo's own lettering")
    return Logo("svg", shown, (float(drawing.width), float(drawing.height)), drawing=drawing)


def _pdf(path: Path, shown: str) -> Logo:
    data = read_bytes(path, MAX_PDF_BYTES)
    try:
        x0, y0, x1, y1 = pdfpage.check(data)
    except pdfpage.Refused as exc:
        raise _fail(shown, str(exc)) from None
    return Logo("pdf", shown, (x1 - x0, y1 - y0), data=data)


def _has_text(node) -> bool:
    from reportlab.graphics.shapes import String

    if isinstance(node, String):
        return True
    return any(_has_text(child) for child in getattr(node, "contents", ()))


def fitted(logo: Logo, x: float, y: float, w: float, h: float,
           align: str = "center") -> tuple[float, float, float, float]:
    """Where the logo goes in the box: as large as fits, proportions kept (pt)."""
    nat_w, nat_h = logo.size
    scale = min(w / nat_w, h / nat_h)
    dw, dh = nat_w * scale, nat_h * scale
    left = {"left": x, "center": x + (w - dw) / 2, "right": x + w - dw}[align]
    return left, y + (h - dh) / 2, dw, dh


def draw(canvas: Canvas, x: float, y: float, w: float, h: float, conf: Conference,
         align: str = "center", plate: Color | None = None
         ) -> tuple[float, float, float, float] | None:
    """Draw the conference's logo in the box (pt, y up); the rectangle drawn, or None.
    ``plate``: a colour drawn behind the logo, a margin around it (on a dark cover, where
    a logo made for white paper would vanish)."""
    logo = load(conf)
    if logo is None or w <= 0 or h <= 0:
        return None
    return place(canvas, logo, x, y, w, h, align, plate)


def place(canvas: Canvas, logo: Logo, x: float, y: float, w: float, h: float,
          align: str = "center", plate: Color | None = None
          ) -> tuple[float, float, float, float]:
    """:func:`draw` for a logo already loaded (a badge sheet draws it hundreds of times)."""
    pad = min(w, h) * PLATE_PAD if plate is not None else 0.0
    bx, by, bw, bh = fitted(logo, x + pad, y + pad, w - 2 * pad, h - 2 * pad, align)
    if plate is not None:
        canvas.saveState()
        canvas.setFillColor(plate)
        canvas.roundRect(bx - pad, by - pad, bw + 2 * pad, bh + 2 * pad, pad / 2, stroke=0,
                         fill=1)
        canvas.restoreState()
    if logo.kind == "raster":
        dpi = logo.size[0] / (bw / 72.0)
        if dpi < MIN_DPI - 0.5:
            need_w, need_h = (round(v / 72.0 * MIN_DPI) for v in (bw, bh))
            raise _fail(logo.shown, f"is {logo.size[0]:.0f} x {logo.size[1]:.0f} pixels, "
                        f"{dpi:.0f} dpi at {bw / 72 * 25.4:.0f} x {bh / 72 * 25.4:.0f} mm; "
                        f"it needs {need_w} x {need_h} pixels ({MIN_DPI} dpi) there, or "
                        "use an SVG")
        canvas.drawImage(str(logo.path), bx, by, bw, bh, mask="auto")
        return bx, by, bw, bh
    if logo.kind == "pdf" and not canvas.hasForm(_FORM):
        assert logo.data is not None
        pdfpage.form(canvas, _FORM, logo.data)
    if not canvas.hasForm(_FORM):
        assert logo.drawing is not None
        from reportlab.graphics import renderPDF

        canvas.beginForm(_FORM, 0, 0, logo.size[0], logo.size[1])
        # renderPDF sets its default font (Helvetica, never embedded) at the start of every
        # drawing; a logo has no text (refused on load), so that font would be a reference to
        # an unembedded font for nothing: preflight fails it. Shadow setFont while it draws.
        canvas.setFont = lambda *args, **kwargs: None  # type: ignore[method-assign]
        try:
            renderPDF.draw(logo.drawing, canvas, 0, 0)
        finally:
            del canvas.setFont
        canvas.endForm()
    canvas.saveState()
    canvas.translate(bx, by)
    canvas.scale(bw / logo.size[0], bh / logo.size[1])
    canvas.doForm(_FORM)
    canvas.restoreState()
    return bx, by, bw, bh
