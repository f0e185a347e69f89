"""Print production (all but CMYK) of a long PDF, rewritten object by object in flat memory.

:func:`printprog.production.rewrite.rewrite` opens the whole file with pikepdf, which keeps every
object it has read (qpdf caches them): 380 MB for the 25,000 pages of 100,000 badges, 431
MB with bleed and crop marks. Without bleed or crop marks print production only sets each
page's boxes and adds the report (document information) and the source document
(catalogue, and one new file specification and stream); with them it also moves and clips
each page's drawing, adds crop marks and moves links and bookmarks
(:mod:`printprog.production.stream_pages`). :func:`rewrite` does that streaming: every object of
the file is copied under its own number (references stay as they are), the pages with
their boxes, and the file is opened afresh every :data:`REOPEN` objects so qpdf's cache
never holds more than that. Only the CMYK clean-up, which rewrites content streams and
images, keeps the in-memory rewrite. The result is the document the in-memory rewrite gives
(tests/test_restream.py compares them; objects nothing refers to are kept, not dropped),
and the same bytes every time (:class:`printprog.pdf.join.Writer`).

Meant for the PDFs printprog has just drawn (reportlab, :mod:`printprog.pdf.join`): every
object of generation 0, a classic cross-reference table. Object streams are refused with
:class:`NotStreamable` (the caller rewrites the file in memory instead).
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from ..pdf.atomic import atomic_output, latest
from ..pdf.join import Copier, Writer
from .plan import page_plan
from .spec import Production
from .stream_pages import Moves, NotStreamable, boxes, media

if TYPE_CHECKING:
    import pikepdf


#: Objects read between two openings of the source: what qpdf may hold at once.
REOPEN = 2000


def pages(path: Path) -> int:
    """The page count the PDF's page tree states, read without reading the pages (pikepdf
    by default reads every page as it opens a file, to push inherited attributes down)."""
    import pikepdf

    with pikepdf.open(path, inherit_page_attributes=False) as pdf:
        try:
            return int(pdf.Root.Pages.Count)
        except (AttributeError, KeyError, TypeError, ValueError):
            return 0


def rewrite_file(path: Path, info: dict[str, Any], source: bytes | None,
                 production: Production | None = None) -> bool:
    """:func:`rewrite` of the file at ``path`` (inside a run's transaction: its staged file)
    over itself, atomically, with the ``source`` document embedded
    (:func:`printprog.pdf.embedded.attach`); False, and nothing written, for a file this module
    does not stream."""
    from ..pdf.embedded import attach

    try:
        with atomic_output(path) as tmp, tmp.open("wb") as out:
            rewrite(latest(path), out, info,
                    None if source is None else lambda pdf: attach(pdf, source), production)
    except NotStreamable:
        return False
    return True


def rewrite(source: Path, out: IO[bytes], info: dict[str, Any],
            attach: Any | None = None, production: Production | None = None) -> None:
    """Copy the PDF at ``source`` to ``out`` with each page's boxes set as print production
    sets them (and, with a ``production`` that has bleed or crop marks, the drawing moved,
    clipped and marked: :class:`printprog.production.stream_pages.Moves`), ``info`` added to its
    document information (key -> pikepdf object), and, when given, ``attach(pdf)`` run on
    a scratch PDF whose catalogue's /AF and /Names /EmbeddedFiles (and the objects they
    refer to) are carried over.

    Each object is written as qpdf unparses a shallow copy of it: its references stay
    references, never read (reading the page tree's /Kids, say, would cache every page)."""
    import pikepdf

    opened = _Source(source)
    trailer = opened.pdf.trailer
    size, root = int(trailer.Size), trailer.Root.objgen[0]
    old_info = trailer.Info.objgen[0] if "/Info" in trailer and trailer.Info.is_indirect \
        else 0
    w = Writer(out)
    w.header(opened.pdf.pdf_version)
    del trailer
    w.offsets = [0] * size
    info_num = old_info or w.reserve()
    attached = _attached(w, attach) if attach is not None else None
    moves = Moves(production, w) if production is not None and production.reach else None
    if moves is not None:
        moves.plan(opened.get, root)
    for num in range(1, size):
        obj = opened.get(num)
        if num == root and attached is not None:
            w.obj(num, _catalog(obj, *attached))
        elif num == old_info:
            w.obj(num, _with(obj, info))
        elif isinstance(obj, pikepdf.Stream):
            if obj.get("/Type") in ("/ObjStm", "/XRef"):
                raise NotStreamable(f"{source}: object streams")
            raw = obj.read_raw_bytes()
            w.obj(num, _with(obj.stream_dict, {"/Length": len(raw)}), raw)
        elif isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/Page":
            w.obj(num, moves.page(num, obj) if moves else _with(obj, _boxes(obj, production)))
        elif moves is not None and (body := moves.other(num, obj)) is not None:
            w.obj(num, body)
        elif isinstance(obj, (pikepdf.Dictionary, pikepdf.Array)):
            w.obj(num, copy.copy(obj).unparse())
        else:  # a number, name, string or null of its own
            w.obj(num, pikepdf.Array([obj]).unparse()[1:-1].strip())
    if not old_info:
        w.obj(info_num, pikepdf.Dictionary(info).unparse())
    opened.close()
    w.finish(root, info_num)


class _Source:
    """The source PDF, opened afresh every :data:`REOPEN` objects (qpdf's cache dropped)."""

    def __init__(self, path: Path) -> None:
        self.path, self.read = path, 0
        self.pdf = self._open()

    def _open(self) -> pikepdf.Pdf:
        import pikepdf

        # Not pushing inherited page attributes onto every page: that reads every page.
        return pikepdf.open(self.path, inherit_page_attributes=False)

    def get(self, num: int) -> Any:
        self.read += 1
        if self.read % REOPEN == 0:
            self.pdf.close()
            self.pdf = self._open()
        obj = self.pdf.get_object((num, 0))
        if getattr(obj, "is_indirect", False) and obj.objgen[1]:
            raise NotStreamable(f"{self.path}: object generations")
        return obj

    def close(self) -> None:
        self.pdf.close()


def _boxes(page: pikepdf.Dictionary, production: Production | None) -> dict[str, Any]:
    """The boxes of a page print production does not move (no bleed, no marks), as
    :func:`printprog.production.plan.page_plan` plans them."""
    import pikepdf

    # The MediaBox is inherited from the page tree when the page has none.
    plan = page_plan(media(page), production or Production())
    if plan.moves:  # drawn off the origin: its links would move too, which Moves does
        raise NotStreamable("a page drawn off the origin")
    return {key: pikepdf.Array(value) for key, value in boxes(plan).items()}


def _with(obj: Any, entries: dict[str, Any]) -> bytes:
    """The dictionary ``obj`` with ``entries`` put in (replacing any under the same keys),
    unparsed: its own references as they are."""
    mine = copy.copy(obj)
    for key, value in entries.items():
        mine[key] = value
    return mine.unparse()


def _catalog(obj: Any, af: bytes, embedded: bytes) -> bytes:
    """The catalogue with the new /AF and /Names /EmbeddedFiles (given as PDF syntax, their
    objects written under new numbers); its other names kept."""
    import pikepdf

    mine = copy.copy(obj)
    names = mine.get("/Names")
    names = copy.copy(names) if names is not None else pikepdf.Dictionary()
    for key, d in (("/AF", mine), ("/Names", mine), ("/EmbeddedFiles", names)):
        if key in d:
            del d[key]
    return (mine.unparse()[:-2] + b"/AF " + af + b" /Names "
            + names.unparse()[:-2] + b"/EmbeddedFiles " + embedded + b" >> >>")


def _attached(w: Writer, attach: Any) -> tuple[bytes, bytes]:
    """The catalogue's /AF and /Names /EmbeddedFiles as ``attach`` makes them on an empty
    PDF, the objects they refer to written to ``w`` under new numbers."""
    import pikepdf

    with pikepdf.new() as scratch:
        attach(scratch)
        copier = Copier(w, scratch)
        return copier.value(scratch.Root.AF), copier.value(scratch.Root.Names.EmbeddedFiles)
