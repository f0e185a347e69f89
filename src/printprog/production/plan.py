"""Print production of one page as a plan: a pure function from the page as drawn (its
MediaBox, which a product draws at the trim size) and the :class:`Production` asked for to
everything print production does to that page.

:func:`page_plan` gives the page's boxes (MediaBox = CropBox, TrimBox, BleedBox), the move of
its drawing (and of its links and destinations) so the trim's corner lands at the reach from
the origin, the clip to the bleed (in the drawing's own coordinates) and the crop and fold
marks as line segments. Both writers emit exactly this plan: the in-memory one
(:func:`printprog.production.rewrite.apply`, pikepdf) and the streamed one
(:class:`printprog.production.stream_pages.Moves`, object by object); the content-stream text
they add (:meth:`PagePlan.head`, :data:`TAIL`, :meth:`PagePlan.marks_stream`) is made here, so
the two cannot drift apart.

The numbers, for a page drawn at ``(x0, y0, x1, y1)`` with bleed ``b`` and reach ``r`` (the
bleed, plus :data:`~printprog.production.marks.MARK_GAP_MM`, the mark length and the slug
when there are crop marks):

- TrimBox ``(r, r, r + x1 - x0, r + y1 - y0)``; BleedBox the trim grown by ``b``; MediaBox
  and CropBox the trim grown by ``r`` (so their corner is at the origin);
- shift ``(r - x0, r - y0)``, applied with one ``cm`` when there is a reach;
- clip ``(x0 - b, y0 - b, x1 - x0 + 2b, y1 - y0 + 2b)``: the BleedBox before the move;
- marks :func:`printprog.production.marks.mark_lines` of the trim (with the folds), only with
  crop marks.

Without a reach (no bleed, no marks) nothing is moved or clipped: the boxes are the page's
size at the origin. A page drawn off the origin (``x0, y0`` not 0) is moved then too.
"""

from __future__ import annotations

from dataclasses import dataclass

from .marks import Box, Line, grow, mark_lines, marks_stream, number
from .spec import Production

#: What closes the drawing :meth:`PagePlan.head` opened (the drawing's own ``q``/``Q`` stay
#: balanced inside).
TAIL = b"\nQ\n"

Rect = tuple[float, float, float, float]  # x, y, width, height in points


@dataclass(frozen=True)
class PagePlan:
    """What print production does to one page. Boxes are (x0, y0, x1, y1) in points."""

    media: Box
    trim: Box
    bleed: Box
    #: Added to every coordinate of the drawing, its annotations and its destinations.
    shift: tuple[float, float]
    #: The drawing clipped to this rectangle (x, y, w, h, in its own coordinates, before the
    #: shift); None: the drawing is left as it is (no ``cm``, no clip).
    clip: Rect | None
    #: Crop and fold marks, each a line segment (x0, y0, x1, y1) in page coordinates.
    marks: tuple[Line, ...]

    @property
    def crop(self) -> Box:
        """The CropBox: the whole sheet, as the MediaBox."""
        return self.media

    @property
    def moves(self) -> bool:
        """Whether the drawing (and its links and destinations) is moved and clipped."""
        return self.clip is not None

    def head(self) -> bytes | None:
        """The content stream put before the page's own: the move and the clip (closed by
        :data:`TAIL` after it); None when the page is not moved."""
        if self.clip is None:
            return None
        dx, dy = self.shift
        x, y, w, h = self.clip
        return (f"q 1 0 0 1 {number(dx)} {number(dy)} cm {number(x)} {number(y)} "
                f"{number(w)} {number(h)} re W n\n").encode("ascii")

    def marks_stream(self) -> bytes | None:
        """The content stream of the marks (in the registration colour space
        :data:`printprog.production.marks.REGISTRATION`); None without marks."""
        return marks_stream(self.marks) if self.marks else None


def page_plan(page: Box, production: Production) -> PagePlan:
    """The plan for a page drawn at ``page`` (its MediaBox as the product left it: the trim)."""
    x0, y0, x1, y1 = page
    reach, bleed = production.reach, production.bleed
    # The same expressions, in the same order, as the writers always used: the boxes' floats
    # (and so the files' bytes) stay what they were.
    trim = (reach, reach, reach + x1 - x0, reach + y1 - y0)
    moved = bool(reach) or x0 != 0 or y0 != 0
    clip = (x0 - bleed, y0 - bleed, x1 - x0 + 2 * bleed, y1 - y0 + 2 * bleed) if moved else None
    marks = tuple(mark_lines(trim, bleed, production.folds)) if production.crop_marks else ()
    return PagePlan(media=grow(trim, reach), trim=trim, bleed=grow(trim, bleed),
                    shift=(reach - x0, reach - y0), clip=clip, marks=marks)
