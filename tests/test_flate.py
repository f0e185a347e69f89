"""pdf.flate: every stream printprog writes is deflated by it (ISA-L), as a zlib stream any
reader inflates; reportlab's own filter is untouched outside printprog's saves."""

from __future__ import annotations

import io
import zlib

from reportlab.pdfbase import pdfdoc
from reportlab.pdfgen.canvas import Canvas

from printprog.draw import rlprivate
from printprog.pdf import flate
from printprog.pdf.writer import Meta, new_canvas


def test_flate_output_is_a_zlib_stream_of_the_input():
    for data in (b"", b"BT /F1 9 Tf 72 720 Td (Stirling Suite) Tj ET\n" * 500,
                 bytes(range(256)) * 64):
        assert zlib.decompress(flate.compress(data)) == data


def test_flate_by_deflates_the_streams_of_a_save_and_only_those():
    seen: list[bytes] = []

    def recording(data: bytes) -> bytes:
        seen.append(data)
        return zlib.compress(data)

    canvas = Canvas(io.BytesIO(), pageCompression=1)
    canvas.drawString(72, 720, "Stirling Suite")
    with rlprivate.flate_by(recording):
        canvas.save()
    assert any(b"Stirling Suite" in d for d in seen)
    assert "encode" not in vars(pdfdoc.PDFZCompress)  # reportlab's own again
    seen.clear()
    other = Canvas(io.BytesIO(), pageCompression=1)
    other.drawString(72, 720, "x")
    other.save()
    assert seen == []


def test_every_printprog_canvas_is_saved_through_flate(tmp_path, monkeypatch):
    calls: list[int] = []

    def counting(data: bytes) -> bytes:
        calls.append(len(data))
        return zlib.compress(data)

    monkeypatch.setattr(flate, "_compress", counting)
    canvas = new_canvas(tmp_path / "x.pdf", (200, 200), Meta("t", "a", "s"))
    canvas.drawString(20, 100, "Stirling Suite")
    canvas.showPage()
    canvas.save_now()
    assert calls, "PrintCanvas.save_now did not deflate through printprog.pdf.flate"
    assert (tmp_path / "x.pdf").read_bytes().startswith(b"%PDF")


def test_flate_falls_back_to_zlib_where_isal_does_not_import(monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "isal.isal_zlib", None)  # import raises ImportError
    monkeypatch.setattr(flate, "_compress", None)
    data = b"q 1 0 0 1 10 20 cm BT /F1 9 Tf (Stirling Suite) Tj ET Q\n" * 100
    assert flate.compress(data) == zlib.compress(data)
