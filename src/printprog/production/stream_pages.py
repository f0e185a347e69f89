"""Bleed and crop marks for :mod:`printprog.production.stream`: what
:func:`printprog.production.rewrite.apply` does to each page, done while the file is copied object
by object.

apply moves every page's drawing (so the trim sits at the reach from the origin), clips it
to the bleed, adds crop marks in registration colour, and moves the page's annotations and
every destination that names the page with the drawing. Streamed, the objects come in
number order, so an annotation or a bookmark may come before its page: :meth:`Moves.plan`
first reads the page tree, the annotations, the outline and the named destinations (not
the content streams) and keeps only small bookkeeping: each page's shift, the page of each
annotation, and the numbers of the objects holding destinations. What apply adds to every
page is written once and shared: the move-and-clip prefix per page size, the closing
``Q``, the crop marks per page size, the registration colour space. Each page's boxes,
move, clip and marks are its :func:`printprog.production.plan.page_plan`, as in apply.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from ..pdf.join import Writer
from .marks import DEST_AXES, REGISTRATION, registration
from .marks import shift as shift_by
from .plan import TAIL, PagePlan, page_plan

if TYPE_CHECKING:
    import pikepdf

    from .spec import Production

#: Page-tree depth (and outline length) past which a file is not one printprog drew.
_DEPTH = 64
_REF = re.compile(rb"(\d+) (\d+) R")


class NotStreamable(Exception):
    """The file is not one :mod:`printprog.production.stream` copies object by object."""


def media(page: pikepdf.Dictionary) -> tuple[float, float, float, float]:
    """The page's MediaBox, inherited from the page tree when the page has none."""
    return tuple(float(v) for v in _inherited(page, "/MediaBox"))  # type: ignore[return-value]


def boxes(plan: PagePlan) -> dict[str, tuple[float, float, float, float]]:
    """The page's boxes by key, in the order they are set."""
    return {"/MediaBox": plan.media, "/CropBox": plan.crop, "/BleedBox": plan.bleed,
            "/TrimBox": plan.trim}


def _inherited(page: pikepdf.Dictionary, key: str, required: bool = True) -> Any:
    value, node, depth = page.get(key), page, 0
    while value is None and depth < _DEPTH:
        node, depth = node.get("/Parent"), depth + 1
        if node is None:
            break
        value = node.get(key)
    if value is None and required:
        raise NotStreamable(f"a page without a {key[1:]}")
    return value


def _refs(obj: Any) -> list[int]:
    """The object numbers ``obj`` (an array or dictionary) refers to at its top level, read
    from its PDF syntax: taking them from pikepdf would read every object referred to."""
    nums = []
    for num, gen in _REF.findall(obj.unparse(resolved=True)):
        if int(gen):
            raise NotStreamable("object generations")
        nums.append(int(num))
    return nums


class Moves:
    """Print production with a reach (bleed or crop marks) of one file being streamed."""

    def __init__(self, production: Production, w: Writer) -> None:
        self.production, self.w = production, w
        self.shifts: dict[int, tuple[float, float]] = {}  # page -> its drawing's move
        self.annots: dict[int, int] = {}  # indirect annotation -> its page
        #: Objects with destinations in them to move: "item" (/Dest, /A /D), "value" (/D),
        #: "names" (a name tree node's /Names), "dests" (a /Dests dictionary); and "array",
        #: an indirect destination of its own.
        self.holders: dict[int, str] = {}
        self.streams: dict[bytes, int] = {}  # a move and clip, or marks -> its stream
        self.tail = self._stream(TAIL)
        self.registration = 0
        if production.crop_marks:
            import pikepdf

            with pikepdf.new() as scratch:
                self.registration = self.w.reserve()
                self.w.obj(self.registration, registration(scratch).unparse(resolved=True))

    # -- the first pass -------------------------------------------------------------------

    def plan(self, get: Callable[[int], Any], root: int) -> None:
        """Read the page tree, the outline and the named destinations through ``get``
        (object number -> object; an object is used only until the next ``get``, which may
        reopen the file); ``root`` is the catalogue's number."""
        catalogue = get(root)
        tops = [catalogue.get(k) for k in ("/Pages", "/Outlines", "/Dests")]
        tops.append(catalogue.Names.get("/Dests") if "/Names" in catalogue else None)
        if any(top is not None and not top.is_indirect for top in tops):
            raise NotStreamable("a page tree, outline or destinations in the catalogue itself")
        pages, outline, dests, names = (0 if t is None else t.objgen[0] for t in tops)
        moves: dict[tuple[float, float], tuple[float, float]] = {}  # one tuple per shift
        for num in self._tree(get, pages):
            page = get(num)
            shift = page_plan(media(page), self.production).shift
            self.shifts[num] = moves.setdefault(shift, shift)
            annots = page.get("/Annots")
            if annots is not None and annots.is_indirect:
                raise NotStreamable("an indirect /Annots array")
            indirect = []
            for annot in annots or []:
                if annot.is_indirect:
                    indirect.append(annot.objgen[0])
                else:  # moved with its page
                    self._note(None, annot, "item")
            for key in indirect:
                if key in self.annots:
                    raise NotStreamable("an annotation on two pages")
                self.annots[key] = num
                self._note(key, get(key), "item")
        if outline:
            self._outline(get, outline)
        for top, kind in ((dests, "dests"), (names, "names")):
            if top:
                self._named(get, top, kind)

    def _tree(self, get: Callable[[int], Any], top: int) -> Iterator[int]:
        """The page objects' numbers, in page order."""
        if not top:
            raise NotStreamable("no page tree")
        todo, seen = [(top, 0)], set()
        while todo:
            num, depth = todo.pop()
            node = get(num)
            kind = node.get("/Type")
            if kind == "/Page":
                yield num
                continue
            if kind != "/Pages":
                raise NotStreamable("a page tree node of no known type")
            if num in seen or depth > _DEPTH or "/Kids" not in node:
                raise NotStreamable("a broken page tree")
            seen.add(num)
            todo += [(kid, depth + 1) for kid in reversed(_refs(node.Kids))]

    def _outline(self, get: Callable[[int], Any], top: int) -> None:
        outline = get(top)
        todo = [outline.First.objgen[0]] if "/First" in outline else []
        seen: set[int] = set()
        while todo:
            num = todo.pop()
            if num in seen:
                continue
            seen.add(num)
            item = get(num)
            self._note(num, item, "item")
            todo += [item[k].objgen[0] for k in ("/Next", "/First") if k in item]

    def _named(self, get: Callable[[int], Any], top: int, kind: str) -> None:
        """The /Dests dictionary (``kind`` "dests") or the /Names /Dests name tree."""
        todo, seen = [top], set()
        while todo:
            num = todo.pop()
            if num in seen:
                raise NotStreamable("a broken name tree")
            seen.add(num)
            node = get(num)
            if kind == "names" and "/Kids" in node:
                todo += _refs(node.Kids)
            if kind == "names" and "/Names" in node and node.Names.is_indirect:
                raise NotStreamable("an indirect /Names array")
            values = (list(node.Names)[1::2] if "/Names" in node else []) \
                if kind == "names" else list(node.values())
            noted = [self._value(v) for v in values]  # every value noted, not just the first
            if any(noted):
                self.holders[num] = kind

    def _value(self, value: Any) -> bool:
        """Note a named destination's value; True when it is moved where it sits."""
        import pikepdf

        if isinstance(value, pikepdf.Dictionary):
            if value.is_indirect:
                self._note(value.objgen[0], value, "value")
                return False
            return self._note(None, value, "value")
        return self._dest(value)

    def _note(self, num: int | None, holder: Any, kind: str) -> bool:
        """Note the destinations ``holder`` (object ``num``, or a direct one) holds; True
        when one is in it, to be moved as it is written."""
        here = False
        dest = holder.get("/Dest" if kind == "item" else "/D")
        here |= dest is not None and self._dest(dest)
        action = holder.get("/A") if kind == "item" else None
        if action is not None and action.is_indirect:
            self._note(action.objgen[0], action, "value")
        elif action is not None:
            here |= self._note(None, action, "value")
        if here and num is not None:
            self.holders[num] = kind
        return here

    def _dest(self, dest: Any) -> bool:
        import pikepdf

        if not isinstance(dest, pikepdf.Array):
            return False  # a named destination: moved where its name is defined
        if len(dest) < 2 or str(dest[1]) not in DEST_AXES:
            return False  # no coordinates (/Fit): nothing to move
        if dest.is_indirect:
            self.holders[dest.objgen[0]] = "array"
            return False
        return True

    # -- the copy ---------------------------------------------------------------------------

    def page(self, num: int, obj: Any) -> bytes:
        """The page ``num`` as apply leaves it: boxes, contents, resources, annotations."""
        import pikepdf

        shift = self.shifts.get(num)
        if shift is None:  # not in the page tree: not a page of the document, left alone
            return copy.copy(obj).unparse()
        plan = page_plan(media(obj), self.production)
        contents = [*self._once(plan.head()), *self._contents(obj), self.tail]
        if self.registration:
            contents += self._once(plan.marks_stream())
        for annot in obj.get("/Annots", []):
            if not annot.is_indirect:
                self._annotation(annot, shift)
                self._moved(annot, "item")
        resources = _inherited(obj, "/Resources", required=False)
        mine = copy.copy(obj)
        for key in ("/Contents", "/Resources"):
            if key in mine:
                del mine[key]
        for key, value in boxes(plan).items():
            mine[key] = pikepdf.Array(value)
        body = mine.unparse()[:-2] + b"/Contents [ " \
            + b" ".join(b"%d 0 R" % n for n in contents) + b" ] "
        if resources is not None or self.registration:
            body += b"/Resources " + self._resources(resources) + b" "
        return body + b">>"

    def other(self, num: int, obj: Any) -> bytes | None:
        """Object ``num`` moved with its page (an annotation, or something holding
        destinations), as PDF syntax; None for an object apply leaves alone."""
        page, kind = self.annots.get(num), self.holders.get(num)
        if page is None and kind is None:
            return None
        if page is not None:
            self._annotation(obj, self.shifts[page])
        if kind is not None:
            self._moved(obj, kind)
        return copy.copy(obj).unparse()

    def _annotation(self, annot: Any, shift: tuple[float, float]) -> None:
        if any(k in annot and annot[k].is_indirect for k in ("/Rect", "/QuadPoints")):
            raise NotStreamable("an annotation's rectangle of its own")
        if "/Rect" in annot:
            shift_by(annot.Rect, "xyxy", shift)
        if "/QuadPoints" in annot:
            shift_by(annot.QuadPoints, "xy" * len(annot.QuadPoints), shift)

    def _moved(self, holder: Any, kind: str) -> None:
        """Move the direct destinations in ``holder`` (in place: the source is never saved)."""
        import pikepdf

        if kind == "array":
            self._move(holder, own=True)
        elif kind in ("names", "dests"):
            values = list(holder.Names)[1::2] if kind == "names" else list(holder.values())
            for value in values:
                if isinstance(value, pikepdf.Dictionary) and not value.is_indirect:
                    self._moved(value, "value")
                elif not isinstance(value, pikepdf.Dictionary):
                    self._move(value)
        else:
            dest = holder.get("/Dest" if kind == "item" else "/D")
            self._move(dest)
            action = holder.get("/A") if kind == "item" else None
            if action is not None and not action.is_indirect:
                self._moved(action, "value")

    def _move(self, dest: Any, own: bool = False) -> None:
        """Move one destination: a direct one, or (``own``) the indirect one being written;
        an indirect one met elsewhere is moved when it is written, once."""
        import pikepdf

        if not isinstance(dest, pikepdf.Array) or len(dest) < 2 or \
                not isinstance(dest[0], pikepdf.Dictionary) or not dest[0].is_indirect:
            return
        if dest.is_indirect and not own:
            return
        shift = self.shifts.get(dest[0].objgen[0])
        if shift is not None:
            shift_by(dest, DEST_AXES.get(str(dest[1]), ""), shift)

    def _contents(self, page: Any) -> list[int]:
        import pikepdf

        contents = page.get("/Contents")
        if contents is None:
            return []
        if isinstance(contents, pikepdf.Stream):
            return [contents.objgen[0]]
        if not isinstance(contents, pikepdf.Array):
            raise NotStreamable("page contents that are not streams")
        return _refs(contents)

    def _resources(self, resources: Any) -> bytes:
        """The page's resources, direct, with the registration colour space added."""
        if not self.registration:
            return resources.unparse()
        mine = copy.copy(resources) if resources is not None else None
        spaces = b"<< "
        if mine is not None and "/ColorSpace" in mine:
            own = copy.copy(mine.ColorSpace)
            if REGISTRATION in own:
                del own[REGISTRATION]
            spaces = own.unparse()[:-2]
            del mine["/ColorSpace"]
        spaces += REGISTRATION.encode("ascii") + b" %d 0 R >>" % self.registration
        head = mine.unparse()[:-2] if mine is not None else b"<< "
        return head + b"/ColorSpace " + spaces + b" >>"

    def _once(self, data: bytes | None) -> list[int]:
        """The stream of ``data`` (a move and clip, or marks), written once for every page
        that has the same: [] for None."""
        if data is None:
            return []
        num = self.streams.get(data)
        if num is None:
            num = self.streams[data] = self._stream(data)
        return [num]

    def _stream(self, data: bytes) -> int:
        num = self.w.reserve()
        self.w.obj(num, b"<< /Length %d >>" % len(data), data)
        return num
