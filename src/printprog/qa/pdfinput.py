"""Reading a PDF that may be anyone's: its content streams and the report printprog embeds.

``preflight`` checks files from anywhere, so neither the streams nor the report can be
trusted. A Flate stream is inflated with a cap (qpdf inflates it whole: a 600 KB bomb is
2 GB), and the report is rebuilt from entries of the shape printprog writes (a list where a
number belongs would be a TypeError deep in the checks).
"""

from __future__ import annotations

import math
import zlib
from dataclasses import MISSING, fields
from typing import TYPE_CHECKING, Any

from ..core.report import ImageNote, QRNote, Report, count_at_least

if TYPE_CHECKING:
    import pikepdf

#: A content stream decoded to more than this is not parsed (a busy poster page is ~1 MB).
MAX_CONTENT_BYTES = 8 * 2**20


class ContentTooLarge(Exception):
    """A content stream decodes to more than MAX_CONTENT_BYTES."""


def _decoded(stream: Any) -> bytes:
    """A content stream's bytes, Flate decoded with a cap (qpdf would decode it all)."""
    import pikepdf

    filters = stream.get("/Filter")
    names = ([str(f) for f in filters] if isinstance(filters, pikepdf.Array) else
             [str(filters)] if filters is not None else [])
    if not names:
        return stream.read_raw_bytes()  # no larger than the file
    if names in (["/FlateDecode"], ["/Fl"]) and "/DecodeParms" not in stream:
        inflate = zlib.decompressobj()
        try:
            data = inflate.decompress(stream.read_raw_bytes(), MAX_CONTENT_BYTES)
        except zlib.error as exc:
            raise pikepdf.PdfError(f"damaged content stream: {exc}") from None
        if inflate.unconsumed_tail:
            raise ContentTooLarge
        return data
    return stream.read_bytes()


def decoded(stream: Any) -> bytes:
    """A stream's bytes, Flate decoded with the cap (:class:`ContentTooLarge` past it)."""
    return _decoded(stream)


def instructions(pdf: pikepdf.Pdf, owner: Any) -> list:
    """The operators of a page (its /Contents: one stream or an array) or a form."""
    import pikepdf

    contents = owner if isinstance(owner, pikepdf.Stream) else owner.get("/Contents")
    streams = (list(contents) if isinstance(contents, pikepdf.Array) else
               [contents] if isinstance(contents, pikepdf.Stream) else [])
    data = b"\n".join(_decoded(s) for s in streams if isinstance(s, pikepdf.Stream))
    return pikepdf.parse_content_stream(pikepdf.Stream(pdf, data)) if data else []


def _note(item: Any, cls: type) -> Any:
    """``cls`` (QRNote, ImageNote) from a dict of the right shape, else None."""
    if not isinstance(item, dict):
        return None
    values = {}
    for f in fields(cls):
        value = item.get(f.name, f.default)
        if value is MISSING:
            return None
        good = (isinstance(value, str) if f.name == "what" else
                isinstance(value, (int, float)) and not isinstance(value, bool)
                and math.isfinite(value))
        if not good:
            return None
        values[f.name] = value
    return cls(**values)


def untrusted_report(meta: dict[str, Any]) -> Report:
    """The embedded report, keeping only entries of the shape printprog writes: anyone can
    put a /PrintprogReport in a PDF."""
    def texts(key: str) -> list[str]:
        value = meta.get(key)
        return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []

    def notes(key: str, cls: type) -> list:
        value = meta.get(key)
        found = (_note(v, cls) for v in value) if isinstance(value, list) else ()
        return [n for n in found if n is not None]

    qr, shrunk = notes("qr", QRNote), texts("shrunk")
    # Every code drawn and every text shrunk: the lists name only some of them.
    return Report(warnings=texts("warnings"), shrunk=shrunk, cut=texts("cut"),
                  qr=qr, images=notes("images", ImageNote),
                  qr_count=count_at_least(meta.get("qr_count"), len(qr)),
                  shrunk_count=count_at_least(meta.get("shrunk_count"), len(shrunk)))
