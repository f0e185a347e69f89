"""PDFs reportlab has just written, joined byte by byte (a booklet made in parts).

:func:`printprog.pdf.join.join` reads each part with pikepdf and writes every object anew:
a third of a second for a 1,000-page booklet, a cost ``--jobs 1`` pays too once the
booklet is made in parts. Here each part's file is read as the bytes reportlab wrote
(objects one after another, a cross-reference table, a trailer): from each page, the
objects it needs are found by their references, given numbers in the output and copied
as they are, only their references renumbered (a stream's data is never touched). The
parts' catalogues, page trees, outlines and document information are left behind; the
output gets its own, as :func:`~printprog.pdf.join.join` makes them (the same page tree,
bookmarks, named destinations, /ID), and font subsets renamed per part the same way.

Only for files reportlab wrote in this run: anything else is refused (``ValueError``).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Collection, Iterable, Sequence
from pathlib import Path
from typing import IO

from . import embedded
from .atomic import atomic_output, defer_save, latest
from .join import Bookmark, Writer, finish_catalog, pdf_name, pdf_string, subset_mark
from .writer import Meta

_REF = re.compile(rb"\((?:[^\\()]|\\.)*\)|<[0-9A-Fa-f\s]*>|(\d+) 0 R")
_TAG = re.compile(rb"/(BaseFont|FontName) /([A-Z]{6})\+")
_DEST = re.compile(rb"(/[^\s/\[\]<>()]+)\s*(\[[^\]]*\])")


def join_drawn(paths: Iterable[Path], out: Path,
               bookmarks: Sequence[Bookmark] | Callable[[], Sequence[Bookmark]] = (),
               meta: Meta | None = None,
               dests: Collection[str] | Callable[[], Collection[str]] = (),
               outlines_open: bool = False) -> Path:
    """:func:`printprog.pdf.join.join` for parts reportlab wrote: the same arguments, the
    same pages, bookmarks, named destinations and document information. Each page also gets
    its CropBox, BleedBox and TrimBox (its MediaBox: what print production gives a page
    without bleed). Inside :func:`printprog.pdf.atomic.deferred_saves`, the file's ending
    (document information, catalogue, cross-references) waits for print production
    (:meth:`Joined.finish`), as a canvas does; else it is written at once. ``paths`` may
    yield each part when it is ready (those before it are copied meanwhile), and
    ``bookmarks`` and ``dests`` be functions, called when every part is copied."""
    if isinstance(paths, Sequence) and not paths:
        raise ValueError("nothing to join")
    named: dict[str, bytes] = {}
    with atomic_output(out) as tmp:
        f = tmp.open("wb")
        try:
            w = Writer(f)
            root, info = w.reserve(), w.reserve()
            pages: list[int] = []
            for k, path in enumerate(paths):
                part = _Part(latest(path).read_bytes(), path)
                if k == 0:
                    w.header(part.version)
                    base = _info(part, meta)
                pages += part.copy(w, root, k, named)
            if not pages:
                raise ValueError("nothing to join")
        except BaseException:
            f.close()
            raise
        wanted = frozenset(dests() if callable(dests) else dests)
        named = {key: array for key, array in named.items() if key in wanted}
        marks = list(bookmarks() if callable(bookmarks) else bookmarks)
        defer_save(tmp, Joined(f, w, root, info, base, pages, marks, named, outlines_open))
    return out


class Joined:
    """A joined file whose pages are written and whose ending is not: print production
    adds its report and the embedded schedule (:meth:`finish`), or :meth:`save_now` ends
    it as it is."""

    def __init__(self, f: IO[bytes], w: Writer, root: int, info: int, base: bytes,
                 pages: list[int], bookmarks: list[Bookmark], named: dict[str, bytes],
                 outlines_open: bool) -> None:
        self.f, self.w, self.root, self.info, self.base = f, w, root, info, base
        self.pages, self.bookmarks, self.named = pages, bookmarks, named
        self.outlines_open = outlines_open

    def save_now(self) -> None:
        """End the file as it is (once)."""
        self.finish()

    def finish(self, key: str | None = None, report: str | None = None,
               source: bytes | None = None) -> None:
        """End the file: its document information with ``report`` under ``key``, and
        ``source`` (the schedule) embedded as the catalogue's source file."""
        if self.f.closed:
            return
        with self.f:
            info = self.base
            if key is not None and report is not None:
                info = info.rstrip()[:-2] + pdf_name(key.lstrip("/")) + b" " \
                    + pdf_string(report) + b" >>"
            self.w.obj(self.info, info)
            extra = _attach(self.w, source) if source is not None else b""
            finish_catalog(self.w, self.root, self.info, self.pages, self.bookmarks,
                           self.named, self.outlines_open, extra, pdf_string)


def _attach(w: Writer, data: bytes) -> bytes:
    """The schedule as the document's source file (what :func:`printprog.pdf.embedded.attach`
    gives a written PDF): its objects written; the catalogue's entries returned."""
    packed = embedded.packed(data)
    stream, spec = w.reserve(), w.reserve()
    w.obj(stream, b"<< /Filter /FlateDecode /Length %d /Params << /Size %d >> /Subtype %s "
          b"/Type /EmbeddedFile >>" % (len(packed), len(data), embedded.SUBTYPE.encode()),
          packed)
    name = pdf_string(embedded.FILENAME)
    w.obj(spec, b"<< /AFRelationship /Source /Desc %s /EF << /F %d 0 R /UF %d 0 R >> /F %s "
          b"/Type /Filespec /UF %s >>" % (pdf_string(embedded.DESCRIPTION),
                                          stream, stream, name, name))
    return b"/AF [ %d 0 R ] /Names << /EmbeddedFiles << /Names [ %s %d 0 R ] >> >> " \
        % (spec, name, spec)


def _info(part: _Part, meta: Meta | None) -> bytes:
    """The first part's document information, its title, author and subject ``meta``'s."""
    info = part.body(part.info)[0] if part.info else b"<< >>"
    if meta is not None:
        for key, value in (("Title", meta.title), ("Author", meta.author),
                           ("Subject", meta.subject)):
            entry = b"/%s %s" % (key.encode(), pdf_string(value))
            info, found = re.subn(rb"/%s (\((?:[^\\()]|\\.)*\)|<[0-9A-Fa-f\s]*>)"
                                  % key.encode(), lambda m, e=entry: e, info)
            if not found:
                info = info.rstrip()[:-2] + entry + b" >>"
    return info


class _Part:
    """One file as reportlab wrote it: each object's bytes by number."""

    def __init__(self, data: bytes, path: Path) -> None:
        self.data, self.path = data, path
        if not data.startswith(b"%PDF-") or b"ReportLab" not in data[:200]:
            raise ValueError(f"{path}: not a PDF reportlab wrote")
        self.version = data[5:8].decode("ascii")
        at = int(data[data.rindex(b"startxref") + 9:].split()[0])
        rows = data[at:data.index(b"trailer", at)].split(b"\n")
        count = int(rows[1].split()[1])
        self.offsets = [int(r[:10]) for r in rows[2:2 + count]]
        self.ends = dict(itertools.pairwise([*sorted(self.offsets[1:]), at]))
        trailer = data[at:]
        self.root = int(re.search(rb"/Root (\d+) 0 R", trailer)[1])
        catalog = self.body(self.root)[0]
        self.tree = int(re.search(rb"/Pages (\d+) 0 R", catalog)[1])
        found = re.search(rb"/Info (\d+) 0 R", trailer)
        self.info = int(found[1]) if found else 0
        found = re.search(rb"/Dests (\d+) 0 R", catalog)
        self.dests = self.body(int(found[1]))[0] if found else b""

    def body(self, num: int) -> tuple[bytes, bytes | None]:
        """Object ``num``: its dictionary (or whole value) and its stream data, if any."""
        start = self.offsets[num]
        chunk = self.data[start:self.ends.get(start, len(self.data))]
        head = chunk.index(b" obj\n") + 5
        split = chunk.find(b">>\nstream\n")
        if split < 0:
            return chunk[head:chunk.rindex(b"endobj")].rstrip(), None
        length = int(re.search(rb"/Length (\d+)", chunk[head:split])[1])
        return chunk[head:split + 2], chunk[split + 10:split + 10 + length]

    def kids(self) -> list[int]:
        tree = self.body(self.tree)[0]
        kids = tree[tree.index(b"/Kids"):]
        return [int(n) for n in re.findall(rb"(\d+) 0 R", kids[:kids.index(b"]")])]

    def copy(self, w: Writer, root: int, k: int, named: dict[str, bytes]) -> list[int]:
        """Write this part's pages and what they need; their numbers, in order. The names
        this part has and no part before it go into ``named`` (their arrays, renumbered)."""
        numbers = {self.tree: root}
        todo: list[int] = []

        def renumber(m: re.Match) -> bytes:
            if m.group(1) is None:
                return m.group(0)
            old = int(m.group(1))
            num = numbers.get(old)
            if num is None:
                num = numbers[old] = w.reserve()
                todo.append(old)
            return b"%d 0 R" % num

        mark = subset_mark(k).encode("ascii")

        def retag(m: re.Match) -> bytes:
            return b"/%s /%s%s+" % (m.group(1), mark, m.group(2)[2:])

        pages = []
        kids = self.kids()
        leaves = set(kids)
        for page in kids:
            pages.append(_REF.sub(renumber, b"%d 0 R" % page))
            while todo:
                old = todo.pop()
                body, stream = self.body(old)
                if k and b"Font" in body:  # only a font's dictionaries name a subset
                    body = _TAG.sub(retag, body)
                if old in leaves:
                    body = _boxed(body)
                if b" R" in body:  # else nothing to renumber (the commonest: a stream's)
                    body = _REF.sub(renumber, body)
                w.obj(numbers[old], body, stream)
        for name, array in _DEST.findall(self.dests):
            key = _unname(name)
            if key not in named:
                named[key] = _REF.sub(renumber, array)
        if todo:  # a destination's page is always one of the part's pages
            raise ValueError(f"{self.path}: a named destination outside its pages")
        return [int(p.split()[0]) for p in pages]


def _boxed(page: bytes) -> bytes:
    """A page's dictionary with its CropBox, BleedBox and TrimBox: its MediaBox."""
    media = re.search(rb"/MediaBox (\[[^\]]*\])", page)
    if media is None or b"/TrimBox" in page:
        return page
    box = media[1]
    return page.rstrip()[:-2] + b"/BleedBox %s /CropBox %s /TrimBox %s\n>>" % (box, box, box)


def _unname(name: bytes) -> str:
    """A PDF name's text (``/a#20b`` -> ``a b``)."""
    raw = re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes([int(m[1], 16)]), name[1:])
    return raw.decode("utf-8", "replace")
