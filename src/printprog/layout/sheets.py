"""N-up sheets: named presets as data, item placement, duplex mirroring and cut marks.

A preset (``templates/sheets/NAME.yaml`` or any YAML file) says the page size, the item size,
how many columns and rows, the margins to the first item and the gaps between items, all in
mm. This module turns it into rectangles; it knows nothing about what is drawn in them, so any
product placed N-up (badges, table tents, labels) can use it.

Geometry here is in mm with the origin at the page's top-left corner and y growing downward,
as a designer measures a sheet; :meth:`Rect.pdf` converts to PDF points (origin bottom-left)
in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..core.errors import DataError, Problem
from ..core.resources import template, template_names
from ..core.safeyaml import Marked, load
from ..core.units import mm, papers

#: Keys a preset may hold; anything else is a typo worth an error.
_KEYS = {"description", "page", "badge", "item", "columns", "rows", "margins", "gaps", "layout"}
_EPS = 1e-6


@dataclass(frozen=True)
class Rect:
    """A rectangle in mm from the page's top-left corner (y downward)."""

    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    def inset(self, d: float) -> Rect:
        return Rect(self.x + d, self.y + d, self.w - 2 * d, self.h - 2 * d)

    def pdf(self, page_height: float) -> tuple[float, float, float, float]:
        """(x, y, w, h) in points with y measured up from the page's bottom edge."""
        return mm(self.x), mm(page_height - self.bottom), mm(self.w), mm(self.h)


@dataclass(frozen=True)
class Segment:
    """A straight mark from (x0, y0) to (x1, y1), mm, page coordinates."""

    x0: float
    y0: float
    x1: float
    y1: float


@dataclass(frozen=True)
class Sheet:
    name: str
    page: tuple[float, float]  # mm, width and height as printed
    item: tuple[float, float]  # mm
    columns: int
    rows: int
    top: float  # mm, page top edge to the first row
    left: float  # mm, page left edge to the first column
    gap_x: float = 0.0  # mm between columns
    gap_y: float = 0.0  # mm between rows
    description: str = ""
    #: Item layout the preset asks for (a name or file), or None for the product's default.
    layout: str | None = None
    source: Path | None = None

    @property
    def per_page(self) -> int:
        return self.columns * self.rows

    def slot(self, index: int, back: bool = False) -> Rect:
        """Where item ``index`` (0-based within a page, row by row) lies.

        On the back of a sheet turned over its long (vertical) edge, left and right swap:
        the item is mirrored across the page's vertical centre line, which also keeps it
        behind its front when the left and right margins differ.
        """
        row, col = divmod(index, self.columns)
        w, h = self.item
        x = self.left + col * (w + self.gap_x)
        y = self.top + row * (h + self.gap_y)
        if back:
            x = self.page[0] - x - w
        return Rect(x, y, w, h)

    def slots(self, back: bool = False) -> list[Rect]:
        return [self.slot(i, back) for i in range(self.per_page)]

    def outside(self, page_edge: float) -> tuple[float, float]:
        """Room outside every item's trim that belongs to that item alone, mm: (beside its
        left and right edges, above and below its top and bottom edges), the least any item
        of the sheet has, the same on the back. Half a gutter between items, the margin at
        the sheet's edge; 0 where neighbours share a cut. A trim on the page edge (a margin
        of 0) has ``page_edge``: the print shop's bleed. What draws into this room draws
        the same on every item, so every item looks the same once cut."""
        def least(margins: tuple[float, float], gap: float, count: int) -> float:
            room = [m if m > _EPS else page_edge for m in margins]
            if count > 1:
                room.append(gap / 2)
            return max(0.0, min(room))

        right = self.page[0] - self.left - self.columns * self.item[0] \
            - (self.columns - 1) * self.gap_x
        bottom = self.page[1] - self.top - self.rows * self.item[1] - (self.rows - 1) * self.gap_y
        return (least((self.left, right), self.gap_x, self.columns),
                least((self.top, bottom), self.gap_y, self.rows))

    def cut_marks(self, length: float, offset: float, shortest: float) -> list[Segment]:
        """Short marks extending each item edge outward from every corner.

        Each mark starts ``offset`` mm from its corner and runs ``length`` mm away from the
        item, stopping before any other item (marks stay outside every item, in the gaps and
        margins) and at the page edge; a mark left shorter than ``shortest`` is dropped.
        Items that touch their neighbours thus get marks only in the page margins, where a
        guillotine needs them. Marks shared by neighbours are returned once.
        """
        rects = self.slots()
        pw, ph = self.page
        found: dict[tuple[float, ...], Segment] = {}
        for r in rects:
            for cx, dx in ((r.x, -1), (r.right, 1)):
                for cy, dy in ((r.y, -1), (r.bottom, 1)):
                    # Horizontal mark along the top/bottom edge, outward in x.
                    for seg in (_mark(cx, cy, dx, 0, length, offset, rects, pw, ph),
                                _mark(cx, cy, 0, dy, length, offset, rects, pw, ph)):
                        if seg is None:
                            continue
                        span = abs(seg.x1 - seg.x0) + abs(seg.y1 - seg.y0)
                        if span + _EPS >= shortest:
                            key = tuple(round(v, 3) for v in (min(seg.x0, seg.x1),
                                        min(seg.y0, seg.y1), max(seg.x0, seg.x1),
                                        max(seg.y0, seg.y1)))
                            found.setdefault(key, Segment(*key))
        return [found[k] for k in sorted(found)]


def _mark(cx: float, cy: float, dx: int, dy: int, length: float, offset: float,
          rects: list[Rect], pw: float, ph: float) -> Segment | None:
    """A mark from the corner (cx, cy) in direction (dx, dy), cut short by items and page."""
    start, end = offset, offset + length
    for r in rects:
        # Distance along the direction at which the mark would enter ``r`` (its closed box).
        if dy == 0 and r.y - _EPS <= cy <= r.bottom + _EPS:
            lo, hi = sorted(((r.x - cx) * dx, (r.right - cx) * dx))
        elif dx == 0 and r.x - _EPS <= cx <= r.right + _EPS:
            lo, hi = sorted(((r.y - cy) * dy, (r.bottom - cy) * dy))
        else:
            continue
        if hi <= _EPS:
            continue  # behind the corner (the item the corner belongs to, or further back)
        end = min(end, lo)
    limit = (pw - cx if dx > 0 else cx) if dx else (ph - cy if dy > 0 else cy)
    end = min(end, limit)
    if end - start <= _EPS:
        return None
    return Segment(cx + dx * start, cy + dy * start, cx + dx * end, cy + dy * end)


def preset_names() -> list[str]:
    return template_names("sheets")


def load_sheet(name_or_path: str) -> Sheet:
    """A validated preset; any problem is a one-line DataError naming the file, line and key."""
    path = template(name_or_path, "sheets", "sheet preset")
    root = load(path)
    if root is None or not isinstance(root.value, dict):
        raise DataError(Problem("a sheet preset must be a mapping of keys such as page, badge, "
                                "columns, rows", file=path, line=root.line if root else None))
    data: dict[str, Marked] = root.value

    def fail(key: str, message: str, node: Marked | None = None) -> DataError:
        where = node or data.get(key) or root
        return DataError(Problem(message, file=path, line=where.line, path=key))

    for key in data:
        if key not in _KEYS:
            raise fail(key, f"unknown key; use {', '.join(sorted(_KEYS - {'item'}))}",
                       root.keys.get(key))
    item_key = "badge" if "badge" in data else "item"
    for key in ("page", item_key, "columns", "rows"):
        if key not in data:
            raise fail(key, "missing; every sheet preset needs page, badge, columns and rows")

    page = _page(data["page"], lambda m, n=None: fail("page", m, n))
    item = _pair(data[item_key], lambda m, n=None: fail(item_key, m, n), "[width, height] in mm")
    columns = _count(data["columns"], lambda m, n=None: fail("columns", m, n))
    rows = _count(data["rows"], lambda m, n=None: fail("rows", m, n))
    gap_x, gap_y = 0.0, 0.0
    if "gaps" in data:
        gaps = _mapping(data["gaps"], {"columns", "rows"}, "gaps", fail)
        gap_x, gap_y = gaps.get("columns", 0.0), gaps.get("rows", 0.0)
    used_w = columns * item[0] + (columns - 1) * gap_x
    used_h = rows * item[1] + (rows - 1) * gap_y
    # Without margins the items are centred on the page.
    left, top = (page[0] - used_w) / 2, (page[1] - used_h) / 2
    if "margins" in data:
        margins = _mapping(data["margins"], {"top", "left"}, "margins", fail)
        left, top = margins.get("left", left), margins.get("top", top)
    # Room needed: the items and gaps, plus the margin when the preset gives one.
    need_w = used_w + (left if "margins" in data else 0)
    need_h = used_h + (top if "margins" in data else 0)
    if need_w > page[0] + _EPS:
        raise fail("margins" if "margins" in data else item_key,
                   f"{columns} columns need {need_w:g} mm but the page is {page[0]:g} mm "
                   "wide; make the badges, gaps or margins smaller")
    if need_h > page[1] + _EPS:
        raise fail("margins" if "margins" in data else item_key,
                   f"{rows} rows need {need_h:g} mm but the page is {page[1]:g} mm "
                   "high; make the badges, gaps or margins smaller")
    return Sheet(
        name=path.stem, page=page, item=item, columns=columns, rows=rows, top=top, left=left,
        gap_x=gap_x, gap_y=gap_y, description=_text(data.get("description")),
        layout=_text(data.get("layout")) or None, source=path)


def _text(node: Marked | None) -> str:
    return "" if node is None or node.value is None else str(node.value)


def _number(node: Marked, fail, what: str = "a number of mm") -> float:
    value = node.value
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        raise fail(f"'{value}' is not {what}", node)
    return float(value)


def _pair(node: Marked, fail, what: str) -> tuple[float, float]:
    if not isinstance(node.value, list) or len(node.value) != 2:
        raise fail(f"must be {what}", node)
    w, h = (_number(v, fail, f"a length in mm ({what})") for v in node.value)
    if w <= 0 or h <= 0:
        raise fail(f"must be {what}, both above 0", node)
    return w, h


def _page(node: Marked, fail) -> tuple[float, float]:
    if isinstance(node.value, str):
        known = papers()
        if node.value.lower() not in known:
            raise fail(f"unknown paper '{node.value}'; use one of {', '.join(known)} "
                       "or [width, height] in mm", node)
        return known[node.value.lower()]
    return _pair(node, fail, "a paper name or [width, height] in mm")


def _count(node: Marked, fail) -> int:
    value = node.value
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise fail(f"'{value}' is not a whole number of at least 1", node)
    return value


def _mapping(node: Marked, keys: set[str], name: str, fail) -> dict[str, float]:
    """A mapping of lengths in mm; ``fail(path, message, node)`` makes the error."""
    if not isinstance(node.value, dict):
        raise fail(name, f"must be a mapping with {', '.join(sorted(keys))}", node)
    out: dict[str, float] = {}
    value: dict[Any, Marked] = node.value
    for key, child in value.items():
        if key not in keys:
            raise fail(f"{name}.{key}", f"unknown key; use {', '.join(sorted(keys))}", child)
        out[key] = _number(child, lambda m, n=None, k=key: fail(f"{name}.{k}", m, n))
    return out
