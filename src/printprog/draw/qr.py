"""QR codes drawn as vector paths (one rectangle per run of dark modules in a row).

Error correction M for URLs as the brief asks; badges may pick the level by payload length.
The quiet zone (4 modules) is part of the drawn size, so ``size`` is the whole printed square.

Encoding: zxing-cpp (compiled) when it is importable, else the pure-Python ``qrcode``. Both
pick the smallest version for the level and the mask by the standard's penalty rules. Text
that is not ASCII is written as UTF-8 behind an ECI header saying so: without it readers
guess the charset, and zbar reads "Müller" as "M羹ller" (the QR default is ISO-8859-1).
ASCII needs no header. Data too long for a level raises :class:`TooLong` (a PrintprogError);
:func:`level_for` is how a product falls back: the level it asks for, else a lower one, else
None (print the text without a code, with a warning). zxing-cpp takes 0.1-0.5 ms a code
where ``qrcode`` takes 12-18 ms, which matters when every badge's vCard is a different code.
"""

from __future__ import annotations

import functools
import re
from itertools import compress
from operator import sub

from ..core.errors import PrintprogError
from .rlprivate import append_ops

try:  # pragma: no cover - which branch runs depends on the installation
    import zxingcpp as _zxing
except ImportError:  # pragma: no cover
    _zxing = None

QUIET = 4
LEVELS = ("L", "M", "Q", "H")
_URL = re.compile(r"^https?://[^\s<>\"]+$")
#: Which encoder :func:`matrix` uses: "zxing-cpp" or "qrcode" (tests switch it).
ENCODER = "zxing-cpp" if _zxing is not None else "qrcode"
#: 8-bit image (0 = dark) -> one byte per module, 1 = dark.
_DARK = bytes([1] + [0] * 255)
#: ECI designator of UTF-8.
_ECI_UTF8 = 26
#: Bytes the largest symbol (version 40) holds in byte mode at each level (ISO/IEC 18004,
#: table 7): data no longer fits whatever modes an encoder picks (the others are denser).
BYTE_CAPACITY = {"L": 2953, "M": 2331, "Q": 1663, "H": 1273}
#: Bytes of the largest symbol at its lowest level: anything longer cannot fit, and is
#: refused before an encoder spends time on it.
MAX_BYTES = BYTE_CAPACITY["L"]


class TooLong(PrintprogError):
    """The data does not fit a QR code at the level asked for."""


def is_url(url: str) -> bool:
    """Whether ``url`` is an http(s) URL a QR code may carry."""
    return bool(_URL.match(url or ""))


def check_url(url: str, what: str = "QR code") -> str:
    if not _URL.match(url or ""):
        raise PrintprogError(f"{what}: '{url}' is not an http(s) URL; "
                             "set session_url / website in conference.yaml")
    return url


def _encode_zxing(data: str, level: str) -> tuple[int, bytes]:
    options = {} if data.isascii() else {"eci": "UTF8"}
    code = _zxing.create_barcode(data, _zxing.BarcodeFormat.QRCode, ec_level=level, **options)
    image = memoryview(code.to_image(scale=1, add_quiet_zones=True))
    side = image.shape[0]
    if image.shape != (side, side) or side < 21 + 2 * QUIET:  # pragma: no cover
        raise RuntimeError(f"zxing-cpp returned a {image.shape} image for a QR code")
    return side, image.tobytes().translate(_DARK)


def _encode_qrcode(data: str, level: str) -> tuple[int, bytes]:
    import qrcode
    from qrcode import base, util
    from qrcode.constants import ERROR_CORRECT_H, ERROR_CORRECT_L, ERROR_CORRECT_M, ERROR_CORRECT_Q

    ec = {"L": ERROR_CORRECT_L, "M": ERROR_CORRECT_M, "Q": ERROR_CORRECT_Q,
          "H": ERROR_CORRECT_H}[level]
    code = qrcode.QRCode(error_correction=ec, border=QUIET, box_size=1)
    if data.isascii():
        code.add_data(data)
        code.make(fit=True)
    else:
        # qrcode has no ECI segments: write the bit stream as its create_data would, with
        # the UTF-8 ECI header first, and let it add error correction and pick the mask.
        payload = data.encode("utf-8")
        for version in range(1, 41):
            blocks = base.rs_blocks(version, ec)
            limit = sum(block.data_count * 8 for block in blocks)
            length_bits = util.length_in_bits(util.MODE_8BIT_BYTE, version)
            if 4 + 8 + 4 + length_bits + 8 * len(payload) <= limit:
                break
        else:
            raise ValueError(f"{len(payload)} bytes do not fit a QR code at level {level}")
        bits = util.BitBuffer()
        bits.put(0b0111, 4)  # ECI
        bits.put(_ECI_UTF8, 8)
        bits.put(util.MODE_8BIT_BYTE, 4)
        bits.put(len(payload), length_bits)
        for byte in payload:
            bits.put(byte, 8)
        for _ in range(min(limit - len(bits), 4)):  # terminator
            bits.put_bit(False)
        while len(bits) % 8:
            bits.put_bit(False)
        for i in range((limit - len(bits)) // 8):
            bits.put(util.PAD0 if i % 2 == 0 else util.PAD1, 8)
        code.version = version
        code.data_cache = util.create_bytes(bits, blocks)
        code.make(fit=False)
    rows = code.get_matrix()  # with the border of QUIET light modules
    return len(rows), bytes(bool(v) for row in rows for v in row)


@functools.lru_cache(maxsize=256)  # a badge asks twice, a sign per sheet: unique codes need no more
def _symbol(data: str, level: str) -> tuple[int, bytes]:
    """(side, side*side bytes) of the symbol with its quiet zone, row by row from the top,
    one byte per module: 1 dark, 0 light."""
    if level not in LEVELS:
        raise ValueError(f"QR error correction level {level!r}; use L, M, Q or H")
    size = len(data.encode("utf-8"))
    if size > MAX_BYTES:
        raise TooLong(f"{size:,} bytes do not fit a QR code (at most {MAX_BYTES:,})")
    try:
        if ENCODER == "zxing-cpp" and data:  # zxing-cpp refuses empty data; qrcode makes one
            return _encode_zxing(data, level)
        return _encode_qrcode(data, level)
    except ValueError:  # both encoders say "too long" with a ValueError
        raise TooLong(f"{size:,} bytes do not fit a QR code at level {level}") from None


@functools.lru_cache(maxsize=1024)
def fits(data: str, level: str = "M") -> bool:
    """Whether ``data`` makes a QR code at ``level``. Decided by its length when that is
    enough, without encoding it: the check of every session's URL on loading an event
    encoded them all (0.2 ms each: 0.2 s for 1,000 talks, for a sign that draws none)."""
    # Text that is not ASCII carries a 12-bit ECI header (UTF-8): a byte less.
    if data and len(data.encode("utf-8")) <= BYTE_CAPACITY[level] - (not data.isascii()):
        return True
    try:
        _symbol(data, level)
    except TooLong:
        return False
    return True


def level_for(data: str, level: str = "M") -> str | None:
    """``level`` when the data fits it, else the highest lower level it fits, else None."""
    return next((lv for lv in reversed(LEVELS[:LEVELS.index(level) + 1]) if fits(data, lv)),
                None)


def matrix(data: str, level: str = "M") -> tuple[tuple[bool, ...], ...]:
    """The module matrix without quiet zone (True = dark)."""
    side, cells = _symbol(data, level)
    return tuple(tuple(map(bool, cells[r * side + QUIET:(r + 1) * side - QUIET]))
                 for r in range(QUIET, side - QUIET))


def modules(data: str, level: str = "M") -> int:
    """Modules per side including the quiet zone."""
    return _symbol(data, level)[0]


@functools.lru_cache(maxsize=256)  # a badge asks twice, a sign per sheet: unique codes need no more
def _path_ops(data: str, level: str) -> tuple[str, int]:
    """PDF path operators for the dark modules, one rectangle per run in a row, in module
    units with the origin at the top-left corner of the quiet zone and y growing downwards
    (:func:`draw` flips it); built once per code.

    Every code on a badge is new, so this runs at C speed, with no Python loop over rows or
    runs: the symbol as one big integer (a byte per module) XOR itself shifted by a module
    marks where runs start and end (the quiet zone separates the rows, so they alternate);
    ``compress`` picks those positions, and tables made once per symbol size turn them into
    "x y " and "w 1 re" text.
    """
    side, cells = _symbol(data, level)
    positions, corners = _tables(side)
    bits = int.from_bytes(cells, "little")
    edges = list(compress(positions, (bits ^ (bits << 8)).to_bytes(len(cells) + 1, "little")))
    starts, ends = edges[0::2], edges[1::2]
    ops = [""] * len(edges)
    ops[0::2] = map(corners.__getitem__, starts)
    ops[1::2] = map(_WIDTHS.__getitem__, map(sub, ends, starts))
    return "".join(ops) + "f", side


#: "w 1 re\n" for every run length a symbol can have (177 modules + quiet zone).
_WIDTHS = [f"{w} 1 re\n" for w in range(200)]


@functools.cache
def _tables(side: int) -> tuple[list[int], list[str]]:
    """Module positions 0..side²-1, and the "x y " text of each (a few sizes occur)."""
    return list(range(side * side)), [f"{p % side} {p // side} " for p in range(side * side)]


def draw(canvas, x: float, y: float, size: float, data: str, level: str = "M",
         colour=None) -> float:
    """Draw the code with its quiet zone in a ``size`` square at (x, y) bottom-left, as one
    filled path. Returns the module size in points (preflight checks it)."""
    ops, n = _path_ops(data, level)
    unit = size / n
    canvas.saveState()
    if colour is not None:
        canvas.setFillColor(colour)
    # Module units to points, y downwards from the top-left corner; the path itself is
    # integers, so it is compact and exact.
    canvas.transform(unit, 0, 0, -unit, x, y + size)
    append_ops(canvas, ops)  # reportlab has no public call for a prebuilt path
    canvas.restoreState()
    return unit


def qr_quiet(symbol: float, url: str) -> float:
    """Width of the quiet zone around a QR symbol ``symbol`` wide (quiet zone not included).

    Signs and posters put the symbol's corner on the margin's corner: the quiet zone is blank
    and may lie in the margin, which only has to keep text out."""
    return symbol * QUIET / (modules(url) - 2 * QUIET)
