"""Assertions on a PDF itself, shared by every product's tests.

Characters, words and text come from pdfium (:mod:`pypdfium2`, C: about eight times faster
than pdfplumber on these files, which was most of the suite's time), in pdfplumber's terms
so the tests read the same: top-left origin, points, a character's box from the font's
descent to one em above it, words and lines grouped as ``pdfplumber`` groups them (same
tolerances, same order). Two differences: ``fontname`` has no subset prefix (``NotoSans-Bold``
rather than ``AAAAAA+NotoSans-Bold``) and ``non_stroking_color`` is pdfium's RGB (0-1, three
values, also for CMYK text). Fonts come from pypdf, the file's structure from ``qpdf
--check``, QR codes from rendering with pypdfium2 and decoding with ``zbarimg``. Each
function returns what it found so a test can assert exact values.

pdfplumber stays (a test dependency) only where pdfium cannot stand in: Arabic as drawn
(pdfium gives presentation forms back as base letters; test_multilingual), vector lines as
line objects (the badge cut marks), and as the reference test_pdfcheck compares this with.
"""

from __future__ import annotations

import ctypes
import functools
import itertools
import re
import subprocess
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import pypdf
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from conftest import need_tool

MM = 72 / 25.4
#: pdfplumber's default tolerances (points) for joining characters into words and lines.
X_TOLERANCE = 3.0
Y_TOLERANCE = 3.0
#: pdfium's marks for a hyphen at a line end (FPDFText_GetUnicode, FPDFText_GetText).
HYPHEN_MARKS = (0x02, 0xFFFE)
#: Ligatures pdfplumber spells out in words and text.
LIGATURES = {"\ufb00": "ff", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb01": "fi", "\ufb02": "fl",
             "\ufb06": "st", "\ufb05": "st"}


def squash(s: str) -> str:
    """Text without whitespace or hyphens, lower-cased: for 'is this title on the page'."""
    return re.sub(r"[\s\-\u00ad\u2010\u2011]+", "", s).lower()


@dataclass(frozen=True)
class Page:
    """One page as read: its size, characters, and (worked out on first use) its words in
    content order (pdfplumber's ``extract_words(use_text_flow=True, extra_attrs=["size"])``)
    and its text (``extract_text()``)."""

    width: float
    height: float
    chars: list[dict]

    @functools.cached_property
    def words(self) -> list[dict]:
        return extract_words(self.chars, text_flow=True, extra=("size",))

    @functools.cached_property
    def text(self) -> str:
        return extract_text(self.chars)


def _page_chars(page: pdfium.PdfPage) -> list[dict]:
    """Every character of the page's content, in content order, as pdfplumber's char dicts
    (the keys the tests use).

    A character's box is pdfminer's: from the origin to the advance, from the font's descent
    to one em above it, through the text matrix. What pdfium does differently is undone:
    characters it makes up (line breaks, spaces between runs) are dropped, except where a
    text object of only spaces stood (pdfium swallows it and makes up a space in its place,
    which then spans the gap between its neighbours); its marks for a hyphen at a line end
    (U+0002, U+FFFE) are the hyphen; and runs it orders by position (a form drawn inside a
    line comes after it) are put back in content order, text object by text object."""
    left, _, _, top_edge = page.get_mediabox()
    textpage = page.get_textpage()
    tp = textpage.raw
    tp_address = ctypes.cast(tp, ctypes.c_void_p).value
    matrix, box = pdfium_c.FS_MATRIX(), pdfium_c.FS_RECTF()
    x, y, width, descent = ctypes.c_double(), ctypes.c_double(), ctypes.c_float(), \
        ctypes.c_float()
    x_at, y_at = ctypes.addressof(x), ctypes.addressof(y)
    rgba = [ctypes.c_uint() for _ in range(4)]
    name = ctypes.create_string_buffer(256)
    styles: dict[int | None, tuple] = {}
    chars: list[dict] = []
    keys: list[int | None] = []  # each char's text object; None for a made-up space
    widths: dict[tuple[int | None, int], float] = {}
    try:
        codes = _codes(tp)
        for i, code in enumerate(codes):
            if code <= 32 and pdfium_c.FPDFText_IsGenerated(tp, i):  # only spaces, breaks
                if code == 32 and chars:
                    keys.append(None)
                    chars.append(dict(chars[-1], text=" ", x0=chars[-1]["x1"]))
                continue
            if 0xDC00 <= code < 0xE000 and chars and "\ud800" <= chars[-1]["text"] < "\udc00":
                # pdfium gives a character past U+FFFF as its two surrogates; pdfplumber,
                # as one character (the first's box)
                high = ord(chars[-1]["text"])
                chars[-1]["text"] = chr(0x10000 + ((high - 0xD800) << 10) + code - 0xDC00)
                continue
            key = _text_object(tp_address, i)
            style = styles.get(key)
            if style is None:  # one text object: one font, size, matrix and colour
                font = pdfium_c.FPDFTextObj_GetFont(ctypes.cast(key, pdfium_c.FPDF_PAGEOBJECT))
                n = pdfium_c.FPDFFont_GetBaseFontName(font, name, len(name))
                em = pdfium_c.FPDFText_GetFontSize(tp, i)
                pdfium_c.FPDFFont_GetDescent(font, ctypes.c_float(em), descent)
                pdfium_c.FPDFText_GetMatrix(tp, i, matrix)
                pdfium_c.FPDFText_GetFillColor(tp, i, *rgba)
                style = styles[key] = (
                    font, ctypes.c_float(em), descent.value, descent.value + em,
                    (matrix.a, matrix.b, matrix.c, matrix.d),
                    name.raw[:max(n - 1, 0)].decode("utf-8", "replace"),
                    matrix.a * matrix.d > 0 and matrix.b * matrix.c <= 0,
                    tuple(round(c.value / 255, 4) for c in rgba[:3]))
            font, em, down, up, (a, b, c, d), fontname, upright, colour = style
            text = "-" if code in HYPHEN_MARKS else chr(code)
            _char_origin(tp_address, i, x_at, y_at)
            w = widths.get((key, code))
            if w is None:
                pdfium_c.FPDFFont_GetGlyphWidth(font, ord(text), em, width)
                w = widths[key, code] = width.value
            if not w and not text.isspace():  # a code pdfium normalised (Arabic forms)
                pdfium_c.FPDFText_GetLooseCharBox(tp, i, box)
                w = (box.right - box.left) / (a or 1)
            # the box (0, descent)-(advance, descent + em) in text space, onto the page
            ox, oy = x.value, y.value
            if b == c == 0 and a > 0 and d > 0:  # upright, not turned: most text
                x0, x1 = ox - left, ox + a * w - left
                top, bottom = top_edge - (oy + d * up), top_edge - (oy + d * down)
            else:
                xs = (ox + c * down, ox + a * w + c * down, ox + c * up, ox + a * w + c * up)
                ys = (oy + d * down, oy + b * w + d * down, oy + d * up, oy + b * w + d * up)
                x0, x1 = min(xs) - left, max(xs) - left
                top, bottom = top_edge - max(ys), top_edge - min(ys)
            if keys and keys[-1] is None:  # a made-up space ends where this starts
                chars[-1]["x1"] = max(chars[-1]["x0"], x0)
            keys.append(key)
            chars.append({"text": text, "x0": x0, "x1": x1, "top": top, "bottom": bottom,
                          "size": bottom - top if upright or b == 0 else x1 - x0,
                          "fontname": fontname, "non_stroking_color": colour,
                          "upright": upright})
    finally:
        textpage.close()
    return _in_content_order(page, chars, keys)


#: The two calls made for every character, declared with plain addresses (pypdfium2's typed
#: bindings convert pointer arguments and results on each call: most of the parse's time).
_text_object = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)(
    ctypes.cast(pdfium_c.FPDFText_GetTextObject, ctypes.c_void_p).value)
_char_origin = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p,
                                ctypes.c_void_p)(
    ctypes.cast(pdfium_c.FPDFText_GetCharOrigin, ctypes.c_void_p).value)


def _codes(tp) -> list[int]:
    """The text page's characters as code points, in one call where they are all in the
    Basic Multilingual Plane (one UTF-16 unit each), else one call per character."""
    count = pdfium_c.FPDFText_CountChars(tp)
    buffer = ctypes.create_string_buffer(2 * count + 2)
    pdfium_c.FPDFText_GetText(tp, 0, count, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)))
    text = buffer.raw[:2 * count].decode("utf-16-le", "surrogatepass")
    if len(text) == count and not any(0xD800 <= ord(c) < 0xE000 for c in text):
        return [ord(c) for c in text]
    return [pdfium_c.FPDFText_GetUnicode(tp, i) for i in range(count)]


def _in_content_order(page: pdfium.PdfPage, chars: list[dict],
                      keys: list[int | None]) -> list[dict]:
    """``chars`` sorted by their text object's place in the content (forms expanded where
    they are drawn: pdfminer's order), each object's own in their order. A made-up space
    is kept only where the content has a text object pdfium left out (one of only spaces),
    and goes in its place."""
    rank: dict[int | None, int] = {}

    def walk(count: Callable, get: Callable, parent, depth: int) -> None:
        for i in range(count(parent)):
            obj = get(parent, i)
            kind = pdfium_c.FPDFPageObj_GetType(obj)
            if kind == pdfium_c.FPDF_PAGEOBJ_TEXT:
                rank.setdefault(ctypes.cast(obj, ctypes.c_void_p).value, len(rank))
            elif kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth < 16:
                walk(pdfium_c.FPDFFormObj_CountObjects, pdfium_c.FPDFFormObj_GetObject, obj,
                     depth + 1)

    walk(pdfium_c.FPDFPage_CountObjects, pdfium_c.FPDFPage_GetObject, page.raw, 0)
    present = set(keys)
    missing = sorted(r for k, r in rank.items() if k not in present)
    ranked: list[tuple[float, int, dict]] = []
    for n, (key, char) in enumerate(zip(keys, chars, strict=True)):
        if key is not None:
            ranked.append((rank.get(key, len(rank)), n, char))
            continue
        before = rank.get(keys[n - 1], -1)
        after = next((rank.get(k, len(rank)) for k in keys[n + 1:] if k is not None),
                     len(rank))
        lo, hi = min(before, after), max(before, after)
        hole = next((r for r in missing if lo < r < hi), None)
        if hole is not None:
            missing.remove(hole)
            ranked.append((hole, n, char))
    return [c for _, _, c in sorted(ranked, key=lambda t: (t[0], t[1]))]


def _clusters(items: list[dict], key: Callable[[dict], float], tolerance: float,
              keep_order: bool = False) -> list[list[dict]]:
    """pdfplumber's cluster_objects: values within ``tolerance`` of the previous one (in
    sorted order) share a cluster; items grouped by cluster in cluster order, or in their
    own order (runs of one cluster) with ``keep_order``."""
    ids: dict[float, int] = {}
    last, cluster = None, -1
    for value in sorted(set(map(key, items))):
        if last is None or tolerance == 0 or value > last + tolerance:
            cluster += 1
        ids[value] = cluster
        last = value
    ordered = items if keep_order else sorted(items, key=lambda o: ids[key(o)])
    return [list(g) for _, g in itertools.groupby(ordered, key=lambda o: ids[key(o)])]


def _new_word(prev: dict, cur: dict, direction: str, x_tol: float, y_tol: float) -> bool:
    if direction == "ltr":
        start, end, at, prev_line, line, tol = (prev["x0"], prev["x1"], cur["x0"],
                                                prev["top"], cur["top"], y_tol)
        gap = x_tol
    else:  # ttb: text turned on its side
        start, end, at, prev_line, line, tol = (prev["top"], prev["bottom"], cur["top"],
                                                prev["x0"], cur["x0"], x_tol)
        gap = y_tol
    return at < start or at > end + gap or abs(line - prev_line) > tol


def _word(chars: list[dict], extra: Iterable[str]) -> dict:
    first = chars[0]
    x0, x1, top, bottom = first["x0"], first["x1"], first["top"], first["bottom"]
    for c in chars[1:]:  # one pass: this runs for every word of every page
        x0, x1 = min(x0, c["x0"]), max(x1, c["x1"])
        top, bottom = min(top, c["top"]), max(bottom, c["bottom"])
    word = {"text": "".join(LIGATURES.get(c["text"], c["text"]) for c in chars),
            "x0": x0, "x1": x1, "top": top, "bottom": bottom, "upright": first["upright"],
            "height": bottom - top, "width": x1 - x0}
    word.update({k: first[k] for k in extra})
    return word


def extract_words(chars: list[dict], *, text_flow: bool = False, extra: tuple[str, ...] = (),
                  x_tolerance: float = X_TOLERANCE,
                  y_tolerance: float = Y_TOLERANCE) -> list[dict]:
    """pdfplumber's ``extract_words`` on these chars: runs of the same uprightness (and
    ``extra`` attributes) split into lines (unless ``text_flow``: content order), lines into
    words at spaces and gaps over ``x_tolerance``."""
    words = []
    for _, run in itertools.groupby(chars, key=lambda c: (c["upright"], *(c[k] for k in extra))):
        run = list(run)
        upright = run[0]["upright"]
        if text_flow:
            lines, direction = [run], "ltr"
        elif upright:
            lines = [sorted(line, key=lambda c: c["x0"])
                     for line in _clusters(run, lambda c: c["top"], y_tolerance)]
            direction = "ltr"
        else:
            lines = [sorted(line, key=lambda c: (c["top"], c["bottom"]))
                     for line in _clusters(run, lambda c: c["x0"], x_tolerance)]
            direction = "ttb"
        for line in lines:
            current: list[dict] = []
            for c in line:
                if c["text"].isspace():
                    if current:
                        words.append(_word(current, extra))
                    current = []
                elif current and _new_word(current[-1], c, direction, x_tolerance,
                                           y_tolerance):
                    words.append(_word(current, extra))
                    current = [c]
                else:
                    current.append(c)
            if current:
                words.append(_word(current, extra))
    return words


def extract_text(chars: list[dict], x_tolerance: float = X_TOLERANCE,
                 y_tolerance: float = Y_TOLERANCE) -> str:
    """pdfplumber's ``page.extract_text()``: words one space apart, lines one newline."""
    words = extract_words(chars, x_tolerance=x_tolerance, y_tolerance=y_tolerance)
    lines = _clusters(words, lambda w: w["top"], y_tolerance, keep_order=True)
    return "\n".join(" ".join(w["text"] for w in line) for line in lines)


@functools.lru_cache(maxsize=16)
def _parse(path: str, mtime: float, size: int) -> tuple[Page, ...]:
    """Every check on one file shares one parse."""
    pages = []
    doc = pdfium.PdfDocument(path)
    try:
        for page in doc:
            chars = _page_chars(page)
            width, height = page.get_size()
            pages.append(Page(width, height, chars))
            page.close()
    finally:
        doc.close()
    return tuple(pages)


def parsed(path: Path) -> tuple[Page, ...]:
    st = Path(path).stat()
    return _parse(str(path), st.st_mtime, st.st_size)


def page_texts(path: Path) -> list[str]:
    return [p.text for p in parsed(path)]


def page_chars(path: Path) -> list[list[dict]]:
    """Every page's characters (pdfplumber's ``page.chars``)."""
    return [p.chars for p in parsed(path)]


def page_chars_at(path: Path, index: int) -> list[dict]:
    """One page's characters (0-based ``index``), as :func:`page_chars` gives them, without
    reading the other pages (a 768-page booklet's whole parse takes 6 s)."""
    doc = pdfium.PdfDocument(str(path))
    try:
        page = doc[index]
        try:
            return _page_chars(page)
        finally:
            page.close()
    finally:
        doc.close()


@functools.lru_cache(maxsize=4)
def page_words(path: Path) -> list[list[dict]]:
    """Every page's words as pdfplumber's ``page.extract_words()`` gives them (by line, not
    in content order as :attr:`Page.words`); made once per file (a 500-page booklet's words
    take seconds), so callers must not change them."""
    return [extract_words(p.chars) for p in parsed(path)]


def words_in(path: Path, page: int, rect: tuple[float, float, float, float]) -> list[dict]:
    """Words of a page (1-based) whose centre lies in a PDF-space rectangle (x0, y0, x1, y1)."""
    p = parsed(path)[page - 1]
    x0, y0, x1, y1 = rect
    top, bottom = p.height - y1, p.height - y0
    return [w for w in p.words if x0 <= (w["x0"] + w["x1"]) / 2 <= x1
            and top <= (w["top"] + w["bottom"]) / 2 <= bottom]


def chars_outside(path: Path, safe_mm: float, page_box: str = "/TrimBox") -> list[tuple]:
    """(page, char, x0, top) of every glyph closer than ``safe_mm`` to the trim edge."""
    reader = pypdf.PdfReader(path)
    trims = []
    for pg in reader.pages:
        mb = [float(v) for v in pg.mediabox]
        tb = [float(v) for v in pg[page_box]] if page_box in pg else mb
        trims.append((tb[0] - mb[0], mb[3] - tb[3], tb[2] - mb[0], mb[3] - tb[1]))
    out = []
    m = safe_mm * MM
    for n, page in enumerate(parsed(path)):
        x0, top, x1, bottom = trims[n]
        for c in page.chars:
            if c["text"].isspace():
                continue
            if (c["x0"] < x0 + m - 0.5 or c["x1"] > x1 - m + 0.5
                    or c["top"] < top + m - 0.5 or c["bottom"] > bottom - m + 0.5):
                out.append((n + 1, c["text"], round(c["x0"], 1), round(c["top"], 1)))
    return out


def overlapping_lines(path: Path) -> list[tuple]:
    """Pairs of words on different lines whose boxes intersect (more than 0.6 pt each way)."""
    return [(n + 1, a, b) for n, page in enumerate(parsed(path))
            for a, b in overlapping_words(page.words)]


def overlapping_words(words: list[dict]) -> list[tuple[str, str]]:
    """(text, text) of words of one page on different lines whose boxes intersect (more
    than 0.6 pt each way), or on one line by more than 1.5 pt."""
    hits = []
    words = sorted(words, key=lambda w: w["top"])
    for i, a in enumerate(words):
        for b in words[i + 1:]:
            if b["top"] > a["bottom"]:
                break
            same_line = (abs(a["top"] - b["top"]) < 0.5
                         and abs(a["bottom"] - b["bottom"]) < 0.5)
            dx = min(a["x1"], b["x1"]) - max(a["x0"], b["x0"])
            dy = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
            if (same_line and dx > 1.5) or (not same_line and dx > 0.6 and dy > 0.6):
                hits.append((a["text"], b["text"]))
    return hits


def fonts_not_embedded(path: Path) -> list[str]:
    """Names of fonts used without an embedded font file."""
    missing = set()
    reader = pypdf.PdfReader(path)
    for page in reader.pages:
        resources = page.get("/Resources") or {}
        fonts = resources.get("/Font") or {}
        for ref in fonts.values():
            font = ref.get_object()
            descriptors = []
            if "/FontDescriptor" in font:
                descriptors.append(font["/FontDescriptor"].get_object())
            for desc in font.get("/DescendantFonts", []):
                d = desc.get_object()
                if "/FontDescriptor" in d:
                    descriptors.append(d["/FontDescriptor"].get_object())
            if not descriptors or not any(
                    k in d for d in descriptors for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                missing.add(str(font.get("/BaseFont")))
    return sorted(missing)


def font_names(path: Path) -> set[str]:
    names = set()
    for page in pypdf.PdfReader(path).pages:
        fonts = (page.get("/Resources") or {}).get("/Font") or {}
        names |= {str(f.get_object().get("/BaseFont")) for f in fonts.values()}
    return names


def qpdf_check(path: Path) -> tuple[int, str]:
    qpdf = need_tool("qpdf")
    r = subprocess.run([qpdf, "--check", str(path)], capture_output=True, text=True)
    return r.returncode, (r.stdout + r.stderr).strip()


def pdffonts_embedded(path: Path) -> list[tuple[str, str]]:
    """(name, emb) from poppler's pdffonts, a second opinion on embedding."""
    tool = need_tool("pdffonts")
    out = subprocess.run([tool, str(path)], capture_output=True, text=True).stdout.splitlines()
    return [(p[0], p[-5]) for p in (line.split() for line in out[2:]) if len(p) >= 7]


def render(path: Path, page: int, out: Path, dpi: int = 200) -> Path:
    """Render one page (1-based) to PNG with pypdfium2 (no system tool needed)."""
    image = render_image(path, page, dpi)
    image.save(out, compress_level=1)  # lossless all the same; level 6 took most of the time
    return out


def render_image(path: Path, page: int, dpi: int = 200, grey: bool = False):
    """One page (1-based) as a PIL image, in memory."""
    doc = pdfium.PdfDocument(str(path))
    try:
        return doc[page - 1].render(scale=dpi / 72, grayscale=grey).to_pil()
    finally:
        doc.close()


def decode_qr(png: Path) -> list[str]:
    """Every QR payload zbarimg finds in an image."""
    tool = need_tool("zbarimg")
    r = subprocess.run([tool, "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", str(png)],
                       capture_output=True, text=True)
    return [line for line in r.stdout.splitlines() if line]


def font_sizes_of(path: Path, page: int, text: str) -> list[float]:
    """Sizes (pt) of the characters making up the first occurrence of each word of ``text``."""
    words = parsed(path)[page - 1].words
    target = text.split()[0]
    return [round(w["size"], 2) for w in words if w["text"] == target]


@functools.lru_cache(maxsize=8)
def fast_texts(path: Path) -> tuple[str, ...]:
    """Every page's text, by pdfium (C, fifty times pdfplumber's speed): enough to find
    pages by their running head."""
    doc = pdfium.PdfDocument(str(path))
    return tuple(doc[i].get_textpage().get_text_range().replace("\r\n", "\n")
                 for i in range(len(doc)))


@functools.lru_cache(maxsize=8)
def glance_words(path: Path) -> dict[int, tuple[list[dict], float, float]]:
    """Page number -> (pdfplumber's words, page width, page height) of a booklet's "at a
    glance" pages only (found by :func:`fast_texts`): a 500-page booklet parsed whole takes
    20 s. Read with pdfium (:func:`_page_chars`, :func:`extract_words`: pdfplumber's words,
    tests/test_pdfcheck.py) at a fifth of pdfplumber's time."""
    numbers = [i + 1 for i, t in enumerate(fast_texts(path)) if "at a glance" in t]
    out = {}
    doc = pdfium.PdfDocument(str(path))
    try:
        for k in numbers:
            page = doc[k - 1]
            try:
                width, height = page.get_size()
                out[k] = (extract_words(_page_chars(page)), float(width), float(height))
            finally:
                page.close()
    finally:
        doc.close()
    return out


def glance_words_in(path: Path, page: int, rect: tuple[float, float, float, float]
                    ) -> list[dict]:
    """Words of a glance page whose centre lies in a PDF-space rectangle (x0, y0, x1, y1)."""
    words, _, height = glance_words(path)[page]
    x0, y0, x1, y1 = rect
    top, bottom = height - y1, height - y0
    return [w for w in words if x0 <= (w["x0"] + w["x1"]) / 2 <= x1
            and top <= (w["top"] + w["bottom"]) / 2 <= bottom]


def glance_faults(path: Path, safe_mm: float) -> list[tuple[int, str]]:
    """(page, what) for each word of a glance page over another (:func:`overlapping_words`)
    or closer than ``safe_mm`` to the page's edge (a page without bleed: its trim)."""
    safe = safe_mm * MM - 0.5
    out = []
    for k, (words, width, height) in glance_words(path).items():
        out += [(k, f"{a} over {b}") for a, b in overlapping_words(words)]
        out += [(k, w["text"]) for w in words if w["x0"] < safe or w["x1"] > width - safe
                or w["top"] < safe or w["bottom"] > height - safe]
    return out


#: A link's text that names a page: "p. 12", "p.12".
PAGE_REF = re.compile(r"p\.\s?\d+")


def internal_links(path: Path) -> list[tuple[int, str, int]]:
    """(page, text in the link's rectangle, page it goes to; pages 1-based) for every link
    to a place in the document, by explicit destination or by name (the catalogue's /Dests,
    as a booklet joined from parts links across them)."""
    reader = pypdf.PdfReader(path)
    dests = reader.trailer["/Root"].get("/Dests")
    named = {k[1:]: reader.get_page_number(v.get_object()[0]) + 1
             for k, v in dests.get_object().items()} if dests is not None else {}
    out = []
    for n, page in enumerate(reader.pages):
        for annot in page.get("/Annots") or []:
            a = annot.get_object()
            if a.get("/Subtype") != "/Link" or "/Dest" not in a:
                continue
            dest = a["/Dest"]
            target = named[dest[1:]] if isinstance(dest, str) else \
                reader.get_page_number(dest[0]) + 1
            rect = tuple(float(v) for v in a["/Rect"])
            out.append((n + 1, " ".join(w["text"] for w in words_in(path, n + 1, rect)),
                        target))
    return out
