"""QR codes: both encoders (zxing-cpp, and qrcode as the fallback) make codes that decode to
the payload, and the vector path draws exactly the dark modules.

Every payload is checked twice: the module matrix read back by zxing-cpp's reader, and the
code as drawn in a PDF (pypdfium2 render, zbarimg decode: what a phone sees on paper).
"""

from __future__ import annotations

import importlib
import os
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from conftest import need_tool
from pdfcheck import render_image
from printprog.draw import qr
from printprog.pdf.writer import Meta, new_canvas

ENCODERS = ("zxing-cpp", "qrcode")


def _need_zxing():
    try:
        import zxingcpp
    except ImportError:
        if os.environ.get("CI") == "true":
            pytest.fail("zxing-cpp is a dependency; .ci/run must install it")
        pytest.skip("zxing-cpp not installed")
    return zxingcpp


def payloads(count: int, seed: int = 5) -> list[str]:
    """URLs, vCards with names in many scripts, and plain text, of 1 to ~1,800 bytes."""
    rng = random.Random(seed)
    names = ["Anna Meyer", "Björn Ørsted", "Émile Dubois", "Zoë O'Brien", "Chen Wei 陈伟",
             "Sato Hana 佐藤花", "김민준", "Farah Haddad فرح حداد", "Dana Levi דנה לוי",
             "Giorgos Papadopoulos Γιώργος", "Ivan Petrov Иван Петров", "Jo 🎉 Smith",
             "Ana-Lena Müller-Lüdenscheidt", "X"]
    orgs = ["", "ACME", "Example GmbH", "Université de Montréal", "東京大学", "Red Hat, Inc.",
            "Ludwig-Maximilians-Universität München; Institut für Informatik"]
    out: list[str] = []
    for i in range(count):
        kind = i % 3
        if kind == 0:
            parts = ["talk", "event", "schedule", "2030", "a" * rng.randint(1, 40),
                     f"{rng.randrange(10**6)}"]
            path = "/".join(rng.choice(parts) for _ in range(rng.randint(0, 8)))
            query = f"?id={rng.randrange(10**9)}&lang=de" if rng.random() < 0.3 else ""
            out.append(f"https://{rng.choice(['syn.example.org', 'kvm.sched.org', 'x.io'])}/"
                       f"{path}{query}")
        elif kind == 1:
            name = rng.choice(names)
            given, _, family = name.partition(" ")
            lines = ["BEGIN:VCARD", "VERSION:3.0", f"N:{family};{given};;;", f"FN:{name}"]
            org = rng.choice(orgs)
            if org:
                lines.append(f"ORG:{org.replace(',', chr(92) + ',').replace(';', chr(92) + ';')}")
            if rng.random() < 0.5:
                lines.append(f"EMAIL;TYPE=INTERNET:person{i}@example.org")
            lines.append("END:VCARD")
            out.append("\r\n".join(lines))
        else:
            length = rng.choice([1, 2, 7, 20, 50, 120, 300, 600])
            alphabets = ["0123456789", "ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:",
                         "abcdefghijklmnopqrstuvwxyz ,.;", "äöüßéèçñøå", "漢字かなカナ"]
            alphabet = rng.choice(alphabets)
            out.append("".join(rng.choice(alphabet) for _ in range(length)))
    return out


@pytest.fixture(params=ENCODERS)
def encoder(request, monkeypatch):
    if request.param == "zxing-cpp":
        _need_zxing()
    monkeypatch.setattr(qr, "ENCODER", request.param)
    qr._symbol.cache_clear()
    qr._path_ops.cache_clear()
    yield request.param
    qr._symbol.cache_clear()
    qr._path_ops.cache_clear()


def _image(matrix: tuple[tuple[bool, ...], ...], scale: int = 4) -> Image.Image:
    n = len(matrix)
    img = Image.new("L", (n + 2 * qr.QUIET, n + 2 * qr.QUIET), 255)
    img.putdata([0 if dark else 255 for row in _with_quiet(matrix) for dark in row])
    return img.resize((img.width * scale, img.height * scale), Image.Resampling.NEAREST)


def _with_quiet(matrix):
    n = len(matrix) + 2 * qr.QUIET
    blank = (False,) * n
    pad = (False,) * qr.QUIET
    return [blank] * qr.QUIET + [pad + row + pad for row in matrix] + [blank] * qr.QUIET


def test_every_payload_decodes_from_the_matrix(encoder):
    zxingcpp = _need_zxing()
    # qrcode (the fallback encoder) is slow, 12-18 ms a code: a sample of the same payloads
    count = 300 if encoder == "zxing-cpp" else 75
    bad = []
    for data in payloads(count):
        for level in ("M", "L") if len(data) < 200 else ("M",):
            found = zxingcpp.read_barcode(_image(qr.matrix(data, level)),
                                          formats=zxingcpp.BarcodeFormat.QRCode)
            if found is None or found.bytes != data.encode("utf-8"):
                bad.append((level, data))
    assert bad == []


def test_unicode_is_utf8_behind_an_eci_header(encoder):
    """Text that is not ASCII is UTF-8 with ECI 26 before it, so no reader has to guess the
    charset (zbar, guessing, reads "Müller" as "M羹ller": see the PDF test)."""
    zxingcpp = _need_zxing()
    for data in ("Björn Ørsted", "Müller", "陈伟", "فرح", "Zoë 🎉"):
        found = zxingcpp.read_barcode(_image(qr.matrix(data)), text_mode=zxingcpp.TextMode.ECI)
        assert found.text == "]Q2\\000026" + data
        assert found.bytes == data.encode("utf-8")


def test_path_draws_exactly_the_dark_modules(encoder):
    for data in payloads(60 if encoder == "zxing-cpp" else 30, seed=11):
        for level in ("L", "H") if len(data) < 200 else ("L",):
            ops, side = qr._path_ops(data, level)
            expected = _with_quiet(qr.matrix(data, level))
            assert side == qr.modules(data, level) == len(expected)
            drawn = [[False] * side for _ in range(side)]
            lines = ops.splitlines()
            assert lines[-1] == "f"
            for line in lines[:-1]:
                x, y, w, h = map(int, re.fullmatch(r"(\d+) (\d+) (\d+) (\d+) re", line).groups())
                assert h == 1 and w >= 1
                assert not any(drawn[y][x:x + w]), "rectangles overlap"
                drawn[y][x:x + w] = [True] * w
                # A run is maximal: light modules (the quiet zone at the edges) on both sides.
                assert not expected[y][x - 1] and not expected[y][x + w]
            assert [tuple(r) for r in drawn] == expected


def _zbar(pngs: list[Path]) -> list[list[str]]:
    """Payloads zbarimg finds in each image, one call for all (a call per image costs more
    than the decoding). Not --xml: zbar 0.23 garbles non-ASCII in its base64 there."""
    tool = need_tool("zbarimg")
    out = subprocess.run([tool, "--quiet", "-Sdisable", "-Sqrcode.enable", *map(str, pngs)],
                         capture_output=True, text=True).stdout
    # One "QR-Code:<payload>" per symbol, images in order; a payload may hold newlines.
    symbols = [s[:-1] if s.endswith("\n") else s for s in out.split("QR-Code:")[1:]]
    return [[sym] for sym in symbols]


def test_every_payload_decodes_from_the_pdf(encoder, tmp_path: Path):
    """The drawn codes, 20 to an A4 page, rendered at 300 dpi, each cut out and decoded by
    zbar (which reads "Müller" without the ECI header as "M羹ller")."""
    count = 200 if encoder == "zxing-cpp" else 60
    data = payloads(count, seed=23)
    mm = 72 / 25.4
    path = tmp_path / "codes.pdf"
    canvas = new_canvas(path, (210 * mm, 297 * mm), Meta("QR test", "printprog", "QR test"))
    per_page, side, boxes = 20, 45, []
    for first in range(0, len(data), per_page):
        for i, payload in enumerate(data[first:first + per_page]):
            row, col = divmod(i, 4)
            x, top = 5 + col * 50, 10 + row * 57  # mm from the top-left corner
            # 45 mm squares: the largest codes (~160 modules) keep modules of 0.28 mm.
            qr.draw(canvas, x * mm, (297 - top - side) * mm, side * mm, payload,
                    "L" if len(payload.encode()) > 400 else "M")
            boxes.append((first // per_page + 1, x, top))
        canvas.showPage()
    canvas.save()
    crops, scale = [], 300 / 25.4
    for page in sorted({b[0] for b in boxes}):
        with render_image(path, page, dpi=300, grey=True) as image:
            for n, (p, x, top) in enumerate(boxes):
                if p == page:
                    crop = tmp_path / f"c{n:04d}.pgm"  # uncompressed: PNG's took a third
                    image.crop((round((x - 2) * scale), round((top - 2) * scale),
                                round((x + side + 2) * scale),
                                round((top + side + 2) * scale))).save(crop)
                    crops.append(crop)
    found = [s.replace("\r\n", "\n") for found in _zbar(crops) for s in found]
    assert len(found) == len(data)
    assert [p for p in data if p.replace("\r\n", "\n") not in found] == []


def test_fallback_to_qrcode_without_zxing(monkeypatch):
    """Without zxing-cpp importable the module loads and encodes with qrcode."""
    monkeypatch.setitem(sys.modules, "zxingcpp", None)  # import raises ImportError
    try:
        fresh = importlib.reload(qr)
        assert fresh.ENCODER == "qrcode"
        assert fresh.modules("https://example.org/x") == 25 + 2 * fresh.QUIET
    finally:
        monkeypatch.delitem(sys.modules, "zxingcpp")
        importlib.reload(qr)


def test_both_encoders_agree_on_size_within_a_version(monkeypatch):
    """The two encoders may pick different masks and segments, but never a version more
    than one apart (zint segments mixed text better, never worse)."""
    _need_zxing()
    for data in payloads(40, seed=3):
        sizes = []
        for name in ENCODERS:
            monkeypatch.setattr(qr, "ENCODER", name)
            qr._symbol.cache_clear()
            sizes.append(qr.modules(data, "M"))
        assert sizes[0] <= sizes[1] and sizes[1] - sizes[0] <= 4, (data, sizes)
    qr._symbol.cache_clear()


def test_fits_by_length_agrees_with_the_encoder_at_every_level_edge():
    """fits() answers from the length up to the byte-mode capacity (no encoding); at and
    just past it, the encoders themselves say whether the data fits."""
    for level, capacity in qr.BYTE_CAPACITY.items():
        for data in ("a" * capacity, "a" * (capacity + 1), "é" + "a" * (capacity - 3),
                     "é" + "a" * (capacity - 2), "A" * (capacity + 5)):
            qr.fits.cache_clear()
            qr._symbol.cache_clear()
            try:
                qr._symbol(data, level)  # the encoder itself, not fits()
                encodes = True
            except qr.TooLong:
                encodes = False
            qr._symbol.cache_clear()
            assert qr.fits(data, level) == encodes, (level, len(data.encode()))
    qr.fits.cache_clear()
    qr._symbol.cache_clear()
