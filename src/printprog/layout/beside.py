"""Text beside an image, then below it: a talk's heading and abstract around its QR code, a
speaker's entry beside the portrait.

platypus has ImageAndFlowables for this, and it was the largest single cost of a 1,000-talk
booklet (a third of the layout time): it wraps its content again at every attempt to fit it,
and deep-copies what it splits. :class:`Beside` lays its content out once per width, a
flowable at a time: one that starts beside the image is set at the narrow width (a long
paragraph is split where the image ends, the rest set full width), the rest full width
below. It splits between flowables, or inside the one that crosses the end of the frame.
"""

from __future__ import annotations

import copy

from reportlab.platypus import Flowable

from .textblock import TextBlock

#: Taller than any frame: what a flowable is offered to find its natural height.
_ANY = 1e9
_FUZZ = 1e-6


class Beside(Flowable):
    """``content`` beside ``image`` (on the ``side`` given), ``gap`` from it, the text below
    the image starting ``below`` under it. The first ``keep`` flowables are never parted
    (a heading and the start of its first paragraph). From ``hang`` on (an index into
    ``content``), a flowable keeps the edge of the one before it: after one set beside the
    image it is set in that column whole, below the image too (a hanging indent), never
    run on under it. A list, such as a speaker's talks in Speakers A to Z, reads as one
    list, each item one item, only when its lines start at one edge."""

    def __init__(self, image: Flowable, content: list[Flowable], side: str = "right",
                 gap: float = 0.0, below: float = 0.0, keep: int = 1,
                 hang: int | None = None):
        super().__init__()
        self.image, self.content, self.side = image, list(content), side
        self.gap, self.below, self.keep = gap, below, keep
        self.hang = len(self.content) if hang is None else hang
        self._laid: tuple[float, list[tuple[Flowable, float, float, float]], float] | None = None

    def deepcopy(self):
        """What KeepTogether copies before splitting: this object is never changed by a
        split (split makes new ones), so a shallow copy will do."""
        return copy.copy(self)

    # -- layout ---------------------------------------------------------------------------

    def _layout(self, width: float) -> tuple[list[tuple[Flowable, float, float, float]], float]:
        """(flowable, top, height, width set at) for each piece of content, top measured
        down from the top of the block; and the image's height. Cached per width."""
        if self._laid is not None and self._laid[0] == width:
            return self._laid[1], self._laid[2]
        canv = self.canv
        iw, ih = self.image.wrapOn(canv, width, _ANY)
        narrow, zone = width - iw - self.gap, ih + self.below
        placed: list[tuple[Flowable, float, float, float]] = []
        todo, y, after = list(self.content), 0.0, 0.0
        whole = set(map(id, self.content[self.hang:]))
        while todo:
            f = todo.pop(0)
            if placed:
                before = f.getSpaceBefore()
                y += max(before, after)
            hung = id(f) in whole and bool(placed) and placed[-1][3] < width - _FUZZ
            beside = hung or y < zone - _FUZZ
            h = f.wrapOn(canv, narrow if beside else width, _ANY)[1]
            if beside and not hung and y + h > zone + _FUZZ and hasattr(f, "split"):
                # Crosses the end of the image: the lines beside it narrow, the rest full width.
                # Not a page break: one line beside the image and the rest below will do.
                parts = (f.split_lines(narrow, zone - y, 1) if isinstance(f, TextBlock)
                         else f.splitOn(canv, narrow, zone - y))
                if len(parts) == 2:
                    todo[0:0] = parts[1:]
                    f = parts[0]
                if not parts:  # not even a line fits beside: start below the image
                    y = max(y, zone)
                    beside = False
                # (A paragraph that was asked to split needs wrapping again before drawing.)
                h = f.wrapOn(canv, narrow if beside else width, _ANY)[1]
            placed.append((f, y, h, narrow if beside else width))
            y += h
            after = f.getSpaceAfter()
        self._laid = (width, placed, ih)
        return placed, ih

    def wrap(self, availWidth, availHeight):
        placed, ih = self._layout(availWidth)
        text = max((top + h for _, top, h, _ in placed), default=0.0)
        self.width, self.height = availWidth, max(text, ih)
        return self.width, self.height

    def getSpaceAfter(self):
        return self.content[-1].getSpaceAfter() if self.content else 0

    def split(self, availWidth, availHeight):
        try:
            return self._split(availWidth, availHeight)
        finally:
            # Trying to split a paragraph leaves it unwrapped: lay out again when next asked.
            self._laid = None

    def _split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        placed, ih = self._layout(availWidth)
        if ih > availHeight + _FUZZ:
            return []
        # At the top of a frame nothing is gained by moving on: what is kept together (a
        # heading with 500 speakers, say) is parted rather than never placed.
        keep = 1 if getattr(getattr(self, "_frame", None), "_atTop", False) else self.keep
        first: list[Flowable] = []
        rest: list[Flowable] = []
        for i, (f, top, h, set_at) in enumerate(placed):
            if rest:
                rest.append(f)
            elif top + h <= availHeight + _FUZZ:
                first.append(f)
            else:
                # The last of the ``keep`` may be parted itself, once some of it stays.
                parts = (f.splitOn(self.canv, set_at, availHeight - top)
                         if i >= keep - 1 else [])
                if len(parts) == 2:
                    first.append(parts[0])
                    rest.append(parts[1])
                else:
                    rest.append(f)
        if len(first) < keep or not rest:
            return []
        # The hung flowables are the last ones placed (a split beside the image only ever
        # parts one before them): they start at the same place in ``first``.
        whole = set(map(id, self.content[self.hang:]))
        hang = next((i for i, (f, *_) in enumerate(placed) if id(f) in whole), len(placed))
        return [Beside(self.image, first, self.side, self.gap, self.below, self.keep,
                       min(hang, len(first))), *rest]

    # -- drawing --------------------------------------------------------------------------

    def draw(self):
        placed, ih = self._layout(self.width)
        canv = self.canv
        iw = self.image.width
        left_image = self.side == "left"
        self.image.drawOn(canv, 0 if left_image else self.width - iw, self.height - ih)
        for f, top, h, set_at in placed:
            x = iw + self.gap if left_image and set_at < self.width - _FUZZ else 0
            f.drawOn(canv, x, self.height - top - h)
