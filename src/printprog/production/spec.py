"""What the print shop asked for (:class:`Production`: bleed, crop marks, CMYK, folds,
PDF/X-4) and the one rule products follow for it: a background that touches the trim is drawn out to
:func:`bleed_rect` so any bleed up to :data:`MAX_BLEED_MM` has something to reveal. Pure data
and arithmetic, shared by the in-memory (:mod:`.rewrite`) and streamed (:mod:`.stream`)
writers and the products.
"""

from __future__ import annotations

from ..core.errors import PrintprogError
from ..core.records import Record, record
from ..core.units import mm
from .marks import MARK_GAP_MM, MARK_LENGTH_MM, SLUG_MM

#: The largest bleed a product can be asked for; backgrounds are drawn this far past the trim.
MAX_BLEED_MM = 5.0

def bleed_rect(width: float, height: float) -> tuple[float, float, float, float]:
    """(x, y, w, h) of a background that touches every edge of a ``width`` x ``height`` page:
    the page plus the largest bleed anyone may ask for. Without bleed, the MediaBox (or the
    clip to the BleedBox) hides what lies beyond the trim."""
    return to_bleed(0, 0, width, height, (width, height))


def to_bleed(x: float, y: float, w: float, h: float, page: tuple[float, float]
             ) -> tuple[float, float, float, float]:
    """The rectangle (x, y, w, h) with every side that lies on the trim edge of ``page`` pushed
    out by the largest bleed: for a band along the top of a sign, say."""
    extra, eps = mm(MAX_BLEED_MM), 1e-6
    x0, y0, x1, y1 = x, y, x + w, y + h
    x0 -= extra if x0 <= eps else 0
    y0 -= extra if y0 <= eps else 0
    x1 += extra if x1 >= page[0] - eps else 0
    y1 += extra if y1 >= page[1] - eps else 0
    return x0, y0, x1 - x0, y1 - y0


@record(frozen=True)
class Production(Record):
    """What the print shop asked for."""

    bleed_mm: float = 0.0
    crop_marks: bool = False
    cmyk: bool = False
    #: Folds to mark, as x offsets (pt) from the trim's left edge: a spread's spine.
    folds: tuple[float, ...] = ()
    #: PDF/X-4 (:mod:`printprog.production.pdfx`); implies ``cmyk``.
    pdfx: bool = False

    def __post_init__(self) -> None:
        if not 0 <= self.bleed_mm <= MAX_BLEED_MM:
            raise PrintprogError(f"bleed {self.bleed_mm:g} mm: use 0 to {MAX_BLEED_MM:g} mm")
        if self.pdfx and not self.cmyk:  # PDF/X-4 with a CMYK output intent: no RGB
            object.__setattr__(self, "cmyk", True)

    @property
    def bleed(self) -> float:
        return mm(self.bleed_mm)

    @property
    def reach(self) -> float:
        """How far the MediaBox reaches past the trim."""
        if not self.crop_marks:
            return self.bleed
        return self.bleed + mm(MARK_GAP_MM + MARK_LENGTH_MM + SLUG_MM)
