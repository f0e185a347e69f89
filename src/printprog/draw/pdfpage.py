"""The first page of a PDF (a logo) as vectors: checked, then placed as a form XObject.

Contract: :func:`check` takes the PDF's bytes (already read with a size cap) and returns the
page's visible box ``(x0, y0, x1, y1)`` in pt (its CropBox, else its MediaBox), or raises
:class:`Refused` with a phrase that follows the file's name and says what to do. A PDF is
refused when it is encrypted, has no pages, is rotated, cannot be parsed (any exception of the
parser), has more than :data:`MAX_CONTENT` bytes of decoded page content (the page's streams
and the forms it uses), or uses a font that is not embedded (a print shop's preflight and
PDF/X reject those: the text would print in whatever font the RIP has). :func:`form` draws the
page into a canvas as a form XObject of size ``w x h`` with its origin at the box's corner,
clipped to the box; the caller scales and places it.

Only the first page is read. The parser is pdfrw (pure Python; it copies a page's content
stream and resources into reportlab's document objects unchanged, so the page stays vectors
and its embedded fonts stay embedded). :func:`check` converts the page once into a scratch
document so every object the real drawing touches has been parsed and found sound.
"""

from __future__ import annotations

import base64
import io
import logging
import zlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas

#: Most decoded bytes of content (page streams and the forms they draw) a logo page may have.
MAX_CONTENT = 4 * 2**20
#: Most objects :func:`_walk` visits: a logo has dozens; a hostile file could have millions.
MAX_OBJECTS = 20_000


class Refused(Exception):
    """Why a PDF cannot be used as a logo, as a phrase that follows its name."""


def _reader(data: bytes):
    from pdfrw import PdfReader

    logging.getLogger("pdfrw").setLevel(logging.CRITICAL)  # its warnings are not the user's
    return PdfReader(fdata=data, decompress=False, verbose=False)


def check(data: bytes) -> tuple[float, float, float, float]:
    """The first page's visible box (pt); Refused when the PDF cannot be placed."""
    try:
        reader = _reader(data)
        if reader.Encrypt is not None:
            raise Refused("is encrypted (password-protected); save it again without a "
                          "password, or export the logo as SVG")
        pages = reader.pages
        if not pages:
            raise Refused("has no pages; export the logo again as PDF or SVG")
        page = pages[0]
        box = _box(page)
        if int(float(page.inheritable.Rotate or 0)) % 360:
            raise Refused("has a rotated page; save it unrotated, or export it as SVG")
        _walk(page)
        _scratch(page)
    except Refused:
        raise
    except ImportError:
        raise
    except Exception as exc:  # pdfrw raises many kinds (and RecursionError) for broken PDFs
        raise Refused(f"is not a PDF printprog can read ({type(exc).__name__}); export the "
                      "logo again as PDF, or as SVG") from None
    return box


def _box(page) -> tuple[float, float, float, float]:
    media = [float(v) for v in page.inheritable.MediaBox]
    crop = page.inheritable.CropBox
    x0, y0, x1, y1 = [float(v) for v in crop] if crop is not None else media
    # Normalised and kept inside the MediaBox, as a viewer shows it.
    mx0, my0, mx1, my1 = min(media[0], media[2]), min(media[1], media[3]), \
        max(media[0], media[2]), max(media[1], media[3])
    x0, x1 = max(min(x0, x1), mx0), min(max(x0, x1), mx1)
    y0, y1 = max(min(y0, y1), my0), min(max(y0, y1), my1)
    if x1 - x0 <= 0 or y1 - y0 <= 0:
        raise Refused("has an empty page (no size); export the logo again as PDF or SVG")
    return x0, y0, x1, y1


def _streams(contents) -> list:
    if contents is None:
        return []
    return list(contents) if not hasattr(contents, "stream") else [contents]


def _decoded_size(stream, budget: int) -> int:
    """Bytes of one content stream once decoded, counted up to ``budget`` + 1."""
    raw = (stream.stream or "").encode("latin-1")
    filters = stream.Filter
    names = [] if filters is None else list(filters) if isinstance(filters, list) else [filters]
    if not names:
        return len(raw)
    names = [str(n) for n in names]
    if names[0] in ("/ASCII85Decode", "/A85"):  # reportlab's own PDFs: text-safe Flate
        body = raw.strip()
        body = body[2:] if body.startswith(b"<~") else body
        raw = base64.a85decode(body.removesuffix(b"~>"))
        names = names[1:]
    if not names:
        return len(raw)
    if names != ["/FlateDecode"]:
        raise Refused("has page content in a compression printprog does not read; save it "
                      "again as PDF (any PDF export does) or export it as SVG")
    if stream.DecodeParms is not None:
        raise Refused("has predicted page content; save it again as PDF or export it as SVG")
    inflater = zlib.decompressobj()
    # A zip bomb stops at the budget: decompress never returns more than max_length.
    return len(inflater.decompress(raw, budget + 1))


def _walk(page) -> None:
    """Count decoded content (page and forms) and look at every font, in resources nested
    through forms, patterns and Type 3 fonts; Refused past the caps or at a bare font."""
    used = 0
    for stream in _streams(page.Contents):
        used += _decoded_size(stream, MAX_CONTENT - used)
        if used > MAX_CONTENT:
            raise _too_much()
    seen: set[int] = set()
    todo = [page.inheritable.Resources]
    while todo:
        res = todo.pop()
        if res is None or id(res) in seen:
            continue
        seen.add(id(res))
        if len(seen) > MAX_OBJECTS:
            raise Refused("has too many objects for a logo; simplify it or export it as SVG")
        for font in (res.Font or {}).values():
            _font(font, todo)
        for xobj in (res.XObject or {}).values():
            if xobj is not None and xobj.Subtype == "/Form":
                used += _decoded_size(xobj, MAX_CONTENT - used)
                if used > MAX_CONTENT:
                    raise _too_much()
                todo.append(xobj.Resources)
        for pattern in (res.Pattern or {}).values():
            if pattern is not None:
                todo.append(pattern.Resources)


def _too_much() -> Refused:
    return Refused(f"has more than {MAX_CONTENT // 2**20} MB of drawing on its page; "
                   "simplify it or export it as SVG")


def _font(font, todo: list) -> None:
    if font is None:
        return
    if font.Subtype == "/Type3":  # glyphs drawn with the PDF's own operators
        todo.append(font.Resources)
        return
    described = font.DescendantFonts[0] if font.Subtype == "/Type0" else font
    desc = described.FontDescriptor if described is not None else None
    if desc is None or (desc.FontFile is None and desc.FontFile2 is None
                        and desc.FontFile3 is None):
        name = str(font.BaseFont or "?").lstrip("/")
        raise Refused(f"uses the font {name} without embedding it; export the PDF with "
                      "fonts embedded (or text converted to outlines), or as SVG")


def _scratch(page) -> None:
    """Convert the page into a throwaway document: every object it needs gets parsed."""
    from pdfrw.buildxobj import pagexobj
    from pdfrw.toreportlab import makerl
    from reportlab.pdfgen.canvas import Canvas

    makerl(Canvas(io.BytesIO()), pagexobj(page))


def form(canvas: Canvas, name: str, data: bytes) -> None:
    """Define form ``name`` in the canvas: the PDF's first page (checked by :func:`check`),
    its visible box moved to the origin and clipped to it."""
    from pdfrw.buildxobj import pagexobj
    from pdfrw.toreportlab import makerl

    # Parsed again for each document: pdfrw caches converted objects on its own objects per
    # reportlab document, so a shared parse would keep every finished document alive.
    page = _reader(data).pages[0]
    x0, y0, x1, y1 = _box(page)
    inner = makerl(canvas, pagexobj(page))
    canvas.beginForm(name, 0, 0, x1 - x0, y1 - y0)
    canvas.translate(-x0, -y0)
    canvas.doForm(inner)
    canvas.endForm()
