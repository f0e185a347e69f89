"""The default print production of a long PDF, rewritten object by object in flat memory.

:func:`printprog.production.rewrite` opens the whole file with pikepdf, which keeps every
object it has read (qpdf caches them): 600 MB for the 25,000 pages of 100,000 badges. With
no bleed, no crop marks and no CMYK, print production only sets each page's boxes and
adds the report (document information) and the source document (catalogue, and one new
file specification and stream). :func:`rewrite` does just that, streaming: every object of
the file is copied under its own number (references stay as they are), the pages with
their boxes, and the file is opened afresh every :data:`REOPEN` objects so qpdf's cache
never holds more than that. The result is what the in-memory rewrite gives, object for
object, and the same bytes every time (:class:`printprog.pdfjoin.Writer`).

Files with object streams or cross-reference streams (not what reportlab or
:mod:`printprog.pdfjoin` write) are refused with :class:`NotStreamable`: the caller
rewrites them in memory instead.
"""

from __future__ import annotations

from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from .pdf import atomic_output, hold_for_test, latest
from .pdfjoin import Copier, Serial, Writer

if TYPE_CHECKING:
    import pikepdf

#: Objects read between two openings of the source: what qpdf may hold at once.
REOPEN = 2000
#: The boxes print production sets on every page (to the MediaBox, moved to the origin).
_BOXES = ("/MediaBox", "/CropBox", "/BleedBox", "/TrimBox")


class NotStreamable(Exception):
    """The file is not one this module copies object by object."""


def pages(pdf: pikepdf.Pdf) -> int:
    """The page count the page tree states (reading every page would cache every page)."""
    try:
        return int(pdf.Root.Pages.Count)
    except (AttributeError, KeyError, TypeError, ValueError):
        return 0


def rewrite_file(path: Path, info: dict[str, Any], source: bytes | None) -> bool:
    """:func:`rewrite` of the file at ``path`` (inside a run's transaction: its staged file)
    over itself, atomically, with the ``source`` document embedded
    (:func:`printprog.source.attach`); False, and nothing written, for a file this module
    does not stream."""
    from .source import attach

    try:
        with atomic_output(path) as tmp, tmp.open("wb") as out:
            rewrite(latest(path), out, info,
                    None if source is None else lambda pdf: attach(pdf, source))
            hold_for_test()  # test-only: see printprog.pdf.TEST_HOLD_ENV
    except NotStreamable:
        return False
    return True


def rewrite(source: Path, out: IO[bytes], info: dict[str, Any],
            attach: Any | None = None) -> None:
    """Copy the PDF at ``source`` to ``out`` with each page's boxes set as print production
    without bleed or marks sets them, ``info`` added to its document information (key ->
    pikepdf object), and, when given, ``attach(pdf)`` run on a scratch PDF whose catalogue's
    /AF and /Names /EmbeddedFiles (and the objects they refer to) are carried over."""
    import pikepdf

    opened = _Source(source)
    pdf = opened.pdf
    size, trailer = int(pdf.trailer.Size), pdf.trailer
    root = trailer.Root.objgen[0]
    old_info = trailer.Info.objgen[0] if "/Info" in trailer and trailer.Info.is_indirect \
        else 0
    w = Writer(out)
    w.header(pdf.pdf_version)
    w.offsets = [0] * size
    info_num = old_info or w.reserve()
    attached = _attached(w, attach) if attach is not None else None
    serial = Serial(_same_ref)
    for num in range(1, size):
        obj = opened.get(num)
        if num == root:
            w.obj(num, _catalog(obj, attached, serial) if attached else serial(obj))
        elif num == old_info:
            w.obj(num, _with(obj, info, serial))
        elif isinstance(obj, pikepdf.Stream):
            if obj.get("/Type") in ("/ObjStm", "/XRef"):
                raise NotStreamable(f"{source}: object streams")
            raw = obj.read_raw_bytes()
            w.obj(num, serial.dictionary(obj, skip=("/Length",),
                                         extra=b"/Length %d" % len(raw)), raw)
        elif isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/Page":
            w.obj(num, serial.dictionary(obj, skip=_BOXES, extra=_boxes(obj)))
        else:
            w.obj(num, serial(obj))
    if not old_info:
        w.obj(info_num, _with(pikepdf.Dictionary(), info, serial))
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


def _same_ref(obj: Any) -> bytes:
    num, gen = obj.objgen
    if gen:
        raise NotStreamable("object generations")
    return b"%d 0 R" % num


def _boxes(page: pikepdf.Dictionary) -> bytes:
    """The boxes of a page drawn at its trim: all four the MediaBox, its corner at 0, 0
    (:func:`printprog.production.apply` without bleed or marks)."""
    import pikepdf

    media, node, depth = page.get("/MediaBox"), page, 0
    while media is None and depth < 64:  # inherited from the page tree
        node, depth = node.get("/Parent"), depth + 1
        if node is None:
            break
        media = node.get("/MediaBox")
    if media is None:
        raise NotStreamable("a page without a MediaBox")
    x0, y0, x1, y1 = (float(v) for v in media)
    box = pikepdf.Array((0.0, 0.0, x1 - x0, y1 - y0)).unparse()
    return b" ".join(pikepdf.Name(k).unparse() + b" " + box for k in _BOXES)


def _with(obj: Any, entries: dict[str, Any], serial: Serial) -> bytes:
    """The dictionary ``obj`` with ``entries`` (key -> pikepdf object, or bytes of PDF syntax)
    put in, replacing any it had under the same keys."""
    import pikepdf

    extra = b" ".join(pikepdf.Name(k).unparse() + b" "
                      + (v if isinstance(v, bytes) else serial(v, False))
                      for k, v in sorted(entries.items()))
    return serial.dictionary(obj, skip=tuple(entries), extra=extra)


def _catalog(obj: Any, attached: tuple[bytes, bytes], serial: Serial) -> bytes:
    """The catalogue with the new /AF and /Names /EmbeddedFiles; its other names kept."""
    import pikepdf

    af, embedded = attached
    names = obj.get("/Names")
    names = _with(names if names is not None else pikepdf.Dictionary(),
                  {"/EmbeddedFiles": embedded}, serial)
    return _with(obj, {"/AF": af, "/Names": names}, serial)


def _attached(w: Writer, attach: Any) -> tuple[bytes, bytes]:
    """The catalogue's /AF and /Names /EmbeddedFiles as ``attach`` makes them on an empty
    PDF, the objects they refer to written to ``w`` under new numbers."""
    import pikepdf

    with pikepdf.new() as scratch:
        attach(scratch)
        copier = Copier(w, scratch)
        return copier.value(scratch.Root.AF), copier.value(scratch.Root.Names.EmbeddedFiles)
