"""PDFs joined page after page into one, in memory that does not grow with the pages.

pikepdf (qpdf) joins by building the whole result in memory, every page of every part
opened at once: 640 MB for 100,000 badges. :func:`join` instead reads one part at a time
(pikepdf) and writes the output file itself as it goes: each page's objects (its content,
resources, fonts and images; the part's shared objects once per part) renumbered and
written out at once. What stays in memory is a file offset per object and an object number
per page; the page tree, the outline, the document information and the catalogue come at
the end, then the cross-reference table and a trailer whose /ID is the MD5 of the bytes
before it, so the same parts always give the same file.

The parts are trusted: PDFs printprog has just drawn (reportlab). Indirect numbers, booleans
and nulls are written in place of their references (the same value to every reader).
"""

from __future__ import annotations

import contextlib
import hashlib
import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from .atomic import atomic_output, latest
from .writer import Meta

if TYPE_CHECKING:
    import pikepdf


@dataclass
class Bookmark:
    title: str
    page: int  # 0-based, in the joined PDF
    children: list[Bookmark] = field(default_factory=list)


#: Page attributes a page may take from its ancestors in the page tree (PDF 32000 7.7.3.4):
#: written on each page, which has no such ancestors in the output.
_INHERITED = ("/Resources", "/MediaBox", "/CropBox", "/Rotate")


def join(paths: Sequence[Path], out: Path, bookmarks: Sequence[Bookmark] = (),
         meta: Meta | None = None, dests: Collection[str] = (),
         outlines_open: bool = False) -> Path:
    """Concatenate the PDFs at ``paths`` in order into ``out`` (atomically), with the first
    one's document information (its title, author and subject replaced by ``meta``'s), its
    PDF version, and the given bookmarks. Each part after the first gets font subset tags
    of its own (:func:`retag_subsets`).

    ``dests``: names of places one part links to in another (a link whose /Dest is a
    name): the output's catalogue lists each under its name, from the /Dests of the part
    that has it (:func:`printprog.draw.rlprivate.name_destinations`). ``outlines_open``: a
    reader opens the file with its bookmarks shown."""
    import pikepdf

    if not paths:
        raise ValueError("nothing to join")
    with atomic_output(out) as tmp, tmp.open("wb") as f:
        w = Writer(f)
        root = w.reserve()
        info = w.reserve()
        pages: list[int] = []
        wanted, named = frozenset(dests), {}
        for k, path in enumerate(paths):
            with pikepdf.open(latest(path)) as part:
                if k == 0:
                    w.header(part.pdf_version)
                else:
                    retag_subsets(part, k)
                copier = Copier(w, part, root)
                pages += [copier.page(page.obj) for page in part.pages]
                if k == 0:
                    w.obj(info, copier.value(_docinfo(part, meta)))
                if wanted:
                    for name, dest in part.Root.get("/Dests", {}).items():
                        if name[1:] in wanted and name[1:] not in named:
                            named[name[1:]] = copier.value(dest)
        finish_catalog(w, root, info, pages, bookmarks, named, outlines_open)
    return out


def finish_catalog(w: Writer, root: int, info: int, pages: list[int],
                   bookmarks: Sequence[Bookmark], named: dict[str, bytes],
                   outlines_open: bool, extra: bytes = b"",
                   string: Callable[[str], bytes] | None = None) -> None:
    """After the parts' pages: the outline, the page tree ``root``, the named destinations
    (name -> its array), the catalogue (with ``extra`` entries, PDF syntax), the
    cross-reference table and the trailer. ``string``: how the bookmarks' titles are
    written (default: as qpdf writes them)."""
    outlines = _outline(w, bookmarks, pages, string or _qpdf_string) if bookmarks else None
    w.obj(root, b"<< /Count %d /Kids [ %s ] /Type /Pages >>"
          % (len(pages), b" ".join(b"%d 0 R" % p for p in pages)))
    entries = extra  # the caller's, then the tables made here
    if named:
        table = w.reserve()
        w.obj(table, b"<< " + b" ".join(pdf_name(name) + b" " + named[name]
                                        for name in sorted(named)) + b" >>")
        entries += b"/Dests %d 0 R " % table
    if outlines:
        entries += b"/Outlines %d 0 R " % outlines
        if outlines_open:
            entries += b"/PageMode /UseOutlines "
    catalog = w.reserve()
    w.obj(catalog, b"<< " + entries + b"/Pages %d 0 R /Type /Catalog >>" % root)
    w.finish(catalog, info)


def _docinfo(part: pikepdf.Pdf, meta: Meta | None) -> pikepdf.Dictionary:
    import pikepdf

    info = pikepdf.Dictionary({k: v for k, v in part.docinfo.items()}) \
        if part.trailer.get("/Info") is not None else pikepdf.Dictionary()
    if meta is not None:
        info["/Title"], info["/Author"] = pikepdf.String(meta.title), pikepdf.String(meta.author)
        info["/Subject"] = pikepdf.String(meta.subject)
    return info


def subset_mark(part: int) -> str:
    """The two letters part ``part``'s subset tags start with (AA, AB, ...)."""
    return chr(65 + part // 26 % 26) + chr(65 + part % 26)


def retag_subsets(pdf: pikepdf.Pdf, part: int) -> None:
    """Each part embeds its own subsets of the fonts under reportlab's tags (AAAAAA+...): two
    different font programs under one name, which a RIP that caches fonts by name would mix
    up. Part k's tags start with two letters of its own instead (AB, AC, ...)."""
    import pikepdf

    mark = subset_mark(part)
    for obj in pdf.objects:
        if not isinstance(obj, pikepdf.Dictionary):
            continue
        for key in ("/BaseFont", "/FontName"):
            name = str(obj.get(key, ""))
            if len(name) > 8 and name[7] == "+" and name[1:7].isupper():
                obj[key] = pikepdf.Name(f"/{mark}{name[3:]}")


class Writer:
    """The output file: objects written as they come, their offsets kept for the xref."""

    def __init__(self, f: IO[bytes]) -> None:
        self.f = f
        self.md5 = hashlib.md5(usedforsecurity=False)
        self.at = 0
        self.offsets: list[int] = [0]  # by object number; 0 until written

    def _put(self, data: bytes) -> None:
        self.f.write(data)
        self.md5.update(data)
        self.at += len(data)

    def header(self, version: str) -> None:
        self._put(b"%%PDF-%s\n%%\xbf\xf7\xa2\xfe\n" % version.encode("ascii"))

    def reserve(self) -> int:
        self.offsets.append(0)
        return len(self.offsets) - 1

    def obj(self, num: int, body: bytes, stream: bytes | None = None) -> None:
        self.offsets[num] = self.at
        self._put(b"%d 0 obj\n%s\n" % (num, body))
        if stream is not None:
            self._put(b"stream\n%s\nendstream\n" % stream)
        self._put(b"endobj\n")

    def finish(self, root: int, info: int) -> None:
        missing = [n for n, at in enumerate(self.offsets) if n and not at]
        if missing:  # a bug here, never the data's: the file would point at nothing
            raise RuntimeError(f"PDF objects reserved and never written: {missing[:5]}")
        start = self.at
        ident = self.md5.hexdigest().encode("ascii")
        rows = b"".join(b"%010d 00000 n \n" % at for at in self.offsets[1:])
        self._put(b"xref\n0 %d\n0000000000 65535 f \n%s" % (len(self.offsets), rows))
        self._put(b"trailer << /Info %d 0 R /Root %d 0 R /Size %d /ID [<%s><%s>] >>\n"
                  b"startxref\n%d\n%%%%EOF\n"
                  % (info, root, len(self.offsets), ident, ident, start))


class Copier:
    """One part's objects into the writer: each renumbered once, written as soon as it is
    met, its part's page tree replaced by the output's (``root``)."""

    def __init__(self, writer: Writer, part: pikepdf.Pdf, root: int = 0) -> None:
        self.w = writer
        self.numbers: dict[tuple[int, int], int] = {}
        self.todo: list[Any] = []
        if root:  # the part's page tree is never copied: the output's is every page's parent
            with contextlib.suppress(AttributeError, KeyError):
                self.numbers[part.Root.Pages.objgen] = root
        self.root = root
        self.part = part

    def page(self, page: pikepdf.Dictionary) -> int:
        """Write ``page`` (and all it refers to); its object number."""
        num = self._number(page)
        self._drain()
        return num

    def value(self, obj: Any) -> bytes:
        """``obj`` as PDF syntax, with its references renumbered (and their objects queued)."""
        out = Serial(self._ref, self.part, self.numbers)(obj)
        self._drain()
        return out

    def _number(self, obj: Any) -> int:
        key = obj.objgen
        num = self.numbers.get(key)
        if num is None:
            num = self.numbers[key] = self.w.reserve()
            self.todo.append(obj)
        return num

    def _ref(self, obj: Any) -> bytes:
        return b"%d 0 R" % self._number(obj)

    def _drain(self) -> None:
        import pikepdf

        serial = Serial(self._ref, self.part, self.numbers)
        while self.todo:
            obj = self.todo.pop()
            num = self.numbers[obj.objgen]
            if isinstance(obj, pikepdf.Stream):  # its data as stored: no decoding
                raw = obj.read_raw_bytes()
                self.w.obj(num, serial.dictionary(obj, skip=("/Length",),
                                                  extra=b"/Length %d" % len(raw)), raw)
            elif isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/Page":
                self.w.obj(num, serial.dictionary(obj, skip=("/Parent",),
                                                  extra=b"/Parent %d 0 R" % self.root,
                                                  add=_inherited(obj)))
            else:
                self.w.obj(num, serial(obj))


def _inherited(page: pikepdf.Dictionary) -> dict[str, Any]:
    """The attributes ``page`` takes from its ancestors (nearest first) and lacks itself."""
    found: dict[str, Any] = {}
    node, seen = page.get("/Parent"), 0
    while node is not None and seen < 64:  # a cycle in a broken tree ends here
        for key in _INHERITED:
            if key not in page and key not in found and key in node:
                found[key] = node[key]
        node, seen = node.get("/Parent"), seen + 1
    return found


class Serial:
    """PDF syntax of pikepdf objects; indirect dictionaries, arrays and streams become
    references through ``ref``. Names and strings are written as qpdf writes them.

    A direct array or dictionary is written by qpdf (``unparse``) and only its references
    are renumbered here, looked up in ``part`` (the PDF the objects come from): the same
    bytes as taking it apart value by value, at a fraction of the cost (a font's widths, a
    page's rectangles: most of a join's time went there)."""

    def __init__(self, ref: Callable[[Any], bytes], part: pikepdf.Pdf,
                 known: dict[tuple[int, int], int]) -> None:
        self.ref = ref
        self.part = part
        #: Object numbers already given out, by (number, generation) in ``part``.
        self.known = known

    def __call__(self, obj: Any, top: bool = True) -> bytes:
        import pikepdf

        if obj is None:
            return b"null"
        if isinstance(obj, bool):
            return b"true" if obj else b"false"
        if isinstance(obj, int):
            return b"%d" % obj
        if isinstance(obj, Decimal):
            return _real(obj)
        if isinstance(obj, float):
            return _real(Decimal(repr(obj)))
        if not top and obj.is_indirect:
            return self.ref(obj)
        if isinstance(obj, pikepdf.Array | pikepdf.Dictionary):
            return self.fast(obj)
        return obj.unparse()  # a name or a string

    def fast(self, obj: Any) -> bytes:
        """A direct array or dictionary as qpdf writes it, its references renumbered."""
        part, known = self.part, self.known

        def renumber(m: re.Match) -> bytes:
            if m.group(1) is None:  # a string: as it is
                return m.group(0)
            key = (int(m.group(1)), int(m.group(2)))
            num = known.get(key)
            if num is not None:
                return b"%d 0 R" % num
            return self(part.get_object(key), False)

        text = obj.unparse(resolved=True)
        return _TOKENS.sub(renumber, text) if b" R" in text else text  # else no reference

    def dictionary(self, obj: Any, skip: Sequence[str] = (), extra: bytes = b"",
                   add: dict[str, Any] | None = None) -> bytes:
        import pikepdf

        items = {**(add or {}), **{k: obj[k] for k in obj if k not in skip}}
        body = [pikepdf.Name(k).unparse() + b" " + self(items[k], False) for k in sorted(items)]
        body += [extra] if extra else []
        return b"<< " + b" ".join(body) + b" >>" if body else b"<< >>"


#: In qpdf's syntax of a direct object: a literal string (qpdf escapes the parentheses in
#: it), a hex string, or an indirect reference (its number and generation in groups 1, 2).
_TOKENS = re.compile(rb"\((?:[^\\()]|\\.)*\)|<[0-9A-Fa-f\s]*>|(\d+) (\d+) R")


def _qpdf_string(text: str) -> bytes:
    import pikepdf

    return pikepdf.String(text).unparse()


#: Bytes a PDF name writes as they are (PDF 32000 7.3.5: regular characters).
_REGULAR = frozenset(range(0x21, 0x7F)) - frozenset(b"#()<>[]{}/%")


def pdf_name(text: str) -> bytes:
    """``text`` as a PDF name (``/a#20b``), its UTF-8 bytes escaped where they must be."""
    return b"/" + b"".join(bytes([c]) if c in _REGULAR else b"#%02X" % c
                           for c in text.encode("utf-8"))


def pdf_string(text: str) -> bytes:
    """``text`` as a PDF string: literal when ASCII, else UTF-16 with its byte-order mark."""
    if text.isascii():
        return b"(" + re.sub(rb"([\\()])", rb"\\\1", text.encode("ascii")) \
            .replace(b"\r", b"\\r").replace(b"\n", b"\\n") + b")"
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode("ascii") + b">"


def _real(value: Decimal) -> bytes:
    return format(value, "f").encode("ascii")  # never an exponent, which PDF has not


def _outline(w: Writer, bookmarks: Sequence[Bookmark], pages: list[int],
             string: Callable[[str], bytes]) -> int:
    """Write the outline (each item a whole-page view of its page, open); its root's number.
    The same objects pikepdf's outline writer makes, so a reader sees no difference."""
    root = w.reserve()
    total, first, last = _items(w, bookmarks, root, pages, string)
    w.obj(root, b"<< /Count %d /First %d 0 R /Last %d 0 R /Type /Outlines >>"
          % (total, first, last))
    return root


def _items(w: Writer, items: Sequence[Bookmark], parent: int,
           pages: list[int], string: Callable[[str], bytes]) -> tuple[int, int, int]:
    """Write ``items`` (and their children) under ``parent``: how many items that was, and
    the object numbers of the first and last of ``items``."""
    nums = [w.reserve() for _ in items]
    total = 0
    for i, item in enumerate(items):
        count, kids = 0, b""
        if item.children:
            count, first, last = _items(w, item.children, nums[i], pages, string)
            kids = b" /First %d 0 R /Last %d 0 R" % (first, last)
        body = b"<< /Count %d /Dest [ %d 0 R /Fit ]%s" % (count, pages[item.page], kids)
        if i + 1 < len(items):
            body += b" /Next %d 0 R" % nums[i + 1]
        body += b" /Parent %d 0 R" % parent
        if i:
            body += b" /Prev %d 0 R" % nums[i - 1]
        w.obj(nums[i], body + b" /Title " + string(item.title) + b" >>")
        total += 1 + count
    return total, nums[0], nums[-1]
