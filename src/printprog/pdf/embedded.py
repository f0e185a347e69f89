"""The schedule a PDF was made from, carried inside it: a printed booklet is a data source.

Print production (:func:`printprog.render.produce`) embeds one YAML document in every PDF
as an embedded file (``/Names /EmbeddedFiles`` and the catalogue's ``/AF``, relationship
``/Source``): the data folder's four files as the four top-level keys ``conference``,
``rooms``, ``speakers`` and ``sessions`` (written by
:func:`printprog.exporters.embedded.document`), plus
``printprog`` (the version that wrote it) and, for the booklet, ``pages`` (session id -> the
booklet page of its talk, for ``printprog changes``). A per-room file (a room's sign, one
room's chair kit) carries only what it prints, marked ``scope: {room: NAME, days: [...]}``
(:mod:`printprog.schedule.scope`). Nothing in it depends on the time of the run, so rebuilds stay
byte-identical.

Reading it back (``--data booklet.pdf``) treats the PDF as untrusted: the embedded file is
read raw and inflated to at most :data:`MAX_SOURCE_BYTES`, then goes through the same strict
YAML reader (safeyaml) and validator (importers.yaml_dir) as a data folder.
"""

from __future__ import annotations

import functools
import os
import re
import stat
import zlib
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.errors import DataError, PrintprogError, Problem
from ..core.safeyaml import MAX_BYTES, Marked

if TYPE_CHECKING:
    import pikepdf

#: Name of the embedded file.
FILENAME = "printprog-source.yaml"
#: Its description and MIME type (a PDF name: the slash written as #2F).
DESCRIPTION = "The schedule this PDF was printed from (printprog)"
SUBTYPE = "/application#2Fyaml"
#: The most an embedded source may inflate to: what safeyaml reads from a file.
MAX_SOURCE_BYTES = MAX_BYTES
#: The largest PDF read as a data source (a booklet with photos is a few MB).
MAX_PDF_BYTES = 512 * 2**20
#: Top-level key -> the data folder file it stands for.
PARTS = {"conference": "conference.yaml", "rooms": "rooms.yaml", "speakers": "speakers.yaml",
         "sessions": "sessions.yaml"}
@functools.lru_cache(maxsize=2)
def packed(data: bytes) -> bytes:
    """``data`` deflated once for all the files of a run (signage writes one per room)."""
    return zlib.compress(data, 1)  # level 6 or 9: a few % smaller, 5-10x slower


def attach(pdf: pikepdf.Pdf, data: bytes) -> None:
    """Embed ``data`` as the PDF's source file, replacing one embedded before."""
    import pikepdf

    stream = pikepdf.Stream(pdf, packed(data), Type=pikepdf.Name.EmbeddedFile,
                            Filter=pikepdf.Name.FlateDecode,
                            Subtype=pikepdf.Name(SUBTYPE),
                            Params=pikepdf.Dictionary(Size=len(data)))
    spec = pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Filespec, F=pikepdf.String(FILENAME), UF=pikepdf.String(FILENAME),
        Desc=pikepdf.String(DESCRIPTION),
        AFRelationship=pikepdf.Name.Source, EF=pikepdf.Dictionary(F=stream, UF=stream)))
    if "/Names" not in pdf.Root:
        pdf.Root.Names = pikepdf.Dictionary()
    pdf.Root.Names.EmbeddedFiles = pikepdf.Dictionary(
        Names=pikepdf.Array([pikepdf.String(FILENAME), spec]))
    pdf.Root.AF = pikepdf.Array([spec])


def is_pdf(path: Path) -> bool:
    """Whether ``path`` is a PDF file, by its header (what every PDF printprog writes
    starts with), not its name."""
    if not path.is_file():  # before opening: a FIFO would wait for a writer forever
        return False
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError:
        return False
    try:
        return stat.S_ISREG(os.fstat(fd).st_mode) and os.read(fd, 5) == b"%PDF-"
    except OSError:
        return False
    finally:
        os.close(fd)


def read(path: Path) -> bytes:
    """The embedded source's bytes, inflated within the cap; a one-line error when the
    PDF has none (not made by printprog, or by a version before sources were embedded)."""
    import pikepdf

    from .atomic import latest

    path_read = latest(path)  # inside a run: the file it staged, not the old one
    if path_read.stat().st_size > MAX_PDF_BYTES:
        raise PrintprogError(f"{path}: a PDF over {MAX_PDF_BYTES // 2**20} MB is not read "
                             "as a schedule; pass the data folder with --data")
    try:
        with pikepdf.open(path_read) as pdf:
            return _inflate(path, _stream(path, pdf))
    except pikepdf.PasswordError:  # not a PdfError
        raise PrintprogError(f"{path}: the PDF is encrypted with a password, and printprog "
                             "reads no encrypted PDF; pass the unencrypted file or the data "
                             "folder with --data") from None
    except (pikepdf.PdfError, OSError, ValueError, TypeError, AttributeError) as exc:
        raise PrintprogError(f"{path}: cannot read the schedule embedded in this PDF "
                             f"({type(exc).__name__}); pass the data folder with --data"
                             ) from None


def _stream(path: Path, pdf: pikepdf.Pdf) -> pikepdf.Stream:
    found = _sources(pdf)
    if len(found) > 1:  # which one is the schedule? not printprog's to guess
        raise PrintprogError(f"{path}: carries {len(found)} embedded schedules "
                             f"({FILENAME}), and printprog embeds one: the file was changed "
                             "after it was printed; pass the data folder with --data")
    if not found:
        raise PrintprogError(f"{path}: no {FILENAME} embedded (not a PDF printprog made, or "
                             "made before it embedded its source); pass the data folder "
                             "with --data")
    return found[0]


#: How far :func:`_sources` walks a name tree (printprog writes one level of one entry).
_MAX_TREE_DEPTH, _MAX_TREE_NODES = 16, 10_000


def _sources(pdf: pikepdf.Pdf) -> list[pikepdf.Stream]:
    """Every embedded file that says it is the source (named :data:`FILENAME` in the
    EmbeddedFiles name tree, by key or by file name, or in the catalogue's /AF), once each.
    Walked by hand: pikepdf's NameTree keeps only the last of two entries of one name."""
    import pikepdf

    specs: list = []
    root = pdf.Root.get("/Names", {})
    root = root.get("/EmbeddedFiles") if isinstance(root, pikepdf.Dictionary) else None
    seen: set[tuple[int, int]] = set()
    todo = [(root, 0)] if isinstance(root, pikepdf.Dictionary) else []
    while todo and len(seen) < _MAX_TREE_NODES:
        node, depth = todo.pop()
        if node.objgen != (0, 0):
            if node.objgen in seen:
                continue  # a loop of /Kids
            seen.add(node.objgen)
        names = node.get("/Names")
        if isinstance(names, pikepdf.Array):
            items = list(names)
            specs += [(str(k), v) for k, v in zip(items[::2], items[1::2], strict=False)
                      if isinstance(k, pikepdf.String)]
        kids = node.get("/Kids")
        if isinstance(kids, pikepdf.Array) and depth < _MAX_TREE_DEPTH:
            todo += [(kid, depth + 1) for kid in kids if isinstance(kid, pikepdf.Dictionary)]
    af = pdf.Root.get("/AF")
    if isinstance(af, pikepdf.Array):
        specs += [("", spec) for spec in af]
    streams: dict[tuple[int, int], pikepdf.Stream] = {}
    for key, spec in specs:
        if not isinstance(spec, pikepdf.Dictionary):
            continue
        named = {key, *(str(spec.get(k, "")) for k in ("/UF", "/F"))}
        ef = spec.get("/EF")
        stream = ef.get("/F") if isinstance(ef, pikepdf.Dictionary) else None
        if FILENAME in named and isinstance(stream, pikepdf.Stream):
            streams.setdefault(stream.objgen, stream)
    return list(streams.values())


def _inflate(path: Path, stream: pikepdf.Stream) -> bytes:
    """Inflate the stream ourselves, never past the cap: a small PDF can hold a bomb."""
    import pikepdf

    raw = stream.read_raw_bytes()
    flt = stream.get("/Filter")
    if isinstance(flt, pikepdf.Array) and len(flt) == 1:
        flt = flt[0]
    if flt is None:
        data = raw
    elif flt == pikepdf.Name.FlateDecode and "/DecodeParms" not in stream:
        inflater = zlib.decompressobj()
        try:
            data = inflater.decompress(raw, MAX_SOURCE_BYTES + 1)
        except zlib.error:
            raise PrintprogError(f"{path}: the embedded {FILENAME} is damaged; pass the data "
                                 "folder with --data") from None
    else:
        raise PrintprogError(f"{path}: the embedded {FILENAME} is encoded with {flt}, which "
                             "printprog does not write; pass the data folder with --data")
    if len(data) > MAX_SOURCE_BYTES:
        raise PrintprogError(f"{path}: the embedded {FILENAME} is over "
                             f"{MAX_SOURCE_BYTES // 2**20} MB; pass the data folder with --data")
    return data


def _parts(path: Path) -> tuple[Marked, dict[str, Marked | None]]:
    """The embedded document, checked to be a mapping of the known keys."""
    from ..core.safeyaml import load

    label = Path(f"{path} ({FILENAME})")
    try:
        text = read(path).decode("utf-8")
    except UnicodeDecodeError:
        raise DataError(Problem("the embedded schedule is not UTF-8 text", file=label)) from None
    doc = load(label, text)
    if doc is None or not isinstance(doc.value, dict):
        raise DataError(Problem("the embedded schedule is not a mapping", file=label))
    known = {*PARTS, "printprog", "pages", "scope"}
    for key in doc.value:
        if key not in known:
            node = doc.keys.get(key, doc)
            raise DataError(Problem("unknown key", file=label, line=node.line,
                                    column=node.column, path=str(key),
                                    hint=f"known keys: {', '.join(sorted(known))}"))
    _check_version(doc, label)
    return doc, {PARTS[k]: doc.value.get(k) for k in PARTS}


def _check_version(doc: Marked, label: Path) -> None:
    """A source written by a newer major version of printprog is refused: its format may
    mean what this version would misread. A source without the key is read (tests and
    hand-made files); one with a key that is not a version is damaged."""
    from .. import __version__

    node = doc.value.get("printprog")
    if node is None:
        return
    version = node.value.get("version") if isinstance(node.value, dict) else None
    text = version.value if version is not None else None
    major = re.match(r"^(\d{1,6})\.\d{1,6}", text) if isinstance(text, str) else None
    at = version if version is not None else node
    if major is None:
        raise DataError(Problem("is not a version such as 0.1.0", file=label, line=at.line,
                                column=at.column, path="printprog.version"))
    ours = int(__version__.split(".", 1)[0])
    if int(major[1]) > ours:
        raise DataError(Problem(f"written by printprog {text}, a newer major version than "
                                f"this printprog ({__version__}) reads", file=label,
                                line=at.line, column=at.column, path="printprog.version",
                                hint="update printprog, or pass the data folder with --data"))


def pages(path: Path) -> dict[str, int]:
    """Session id -> the booklet page of its talk, as embedded; empty for other products."""
    doc, _ = _parts(path)
    return pages_of(doc)


def pages_of(doc: Marked) -> dict[str, int]:
    """The ``pages`` of a document :func:`_parts` read; entries of another shape left out."""
    node = doc.value.get("pages")
    if node is None or not isinstance(node.value, dict):
        return {}
    out: dict[str, int] = {}
    for key, value in node.value.items():
        if isinstance(value.value, int) and not isinstance(value.value, bool):
            out[str(key)] = value.value
    return out


def scope_of(doc: Marked, label: Path) -> tuple[Marked | None, tuple[date, ...]] | None:
    """The ``scope`` of a document :func:`_parts` read: (the room's name as read, None for
    every room; the days), or None for a whole schedule. Untrusted: anything of another
    shape is a located DataError."""
    node = doc.value.get("scope")
    if node is None:
        return None

    def bad(at: Marked, key: str, message: str, hint: str = "") -> DataError:
        return DataError(Problem(message, file=label, line=at.line, column=at.column,
                                 path=key, hint=hint))

    if not isinstance(node.value, dict):
        raise bad(node, "scope", "must be a mapping of room and days")
    for key in node.value:
        if key not in ("room", "days"):
            raise bad(node.keys.get(key, node), f"scope.{key}", "unknown key",
                      "known keys: days, room")
    room = node.value.get("room")
    if room is not None and not (isinstance(room.value, str) and room.value.strip()):
        raise bad(room, "scope.room", "must be a room's name")
    days = node.value.get("days")
    if days is None or not isinstance(days.value, list) or not days.value:
        raise bad(days or node, "scope.days", "must be a list of dates (YYYY-MM-DD)")
    out: list[date] = []
    for i, item in enumerate(days.value):
        day = _day(item.value)
        if day is None:
            raise bad(item, f"scope.days[{i}]", "is not a date (YYYY-MM-DD)")
        out.append(day)
    return room, tuple(out)


def _day(value: object) -> date | None:
    """A date from the YAML reader (a date, or ISO text), else None."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None
