"""Assertions on a PDF itself, shared by every product's tests.

Text and positions come from pdfplumber (top-left origin, points); fonts from pypdf; the
file's structure from ``qpdf --check``; QR codes from rendering with pypdfium2 and decoding
with ``zbarimg``. Each function returns what it found so a test can assert exact values.
"""

from __future__ import annotations

import functools
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pypdf

from conftest import need_tool

MM = 72 / 25.4


def squash(s: str) -> str:
    """Text without whitespace or hyphens, lower-cased: for 'is this title on the page'."""
    return re.sub(r"[\s\-\u00ad\u2010\u2011]+", "", s).lower()


@dataclass(frozen=True)
class Page:
    width: float
    height: float
    chars: list[dict]
    words: list[dict]
    text: str


@functools.lru_cache(maxsize=16)
def _parse(path: str, mtime: float, size: int) -> tuple[Page, ...]:
    """pdfplumber is slow; every check on one file shares one parse."""
    pages = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            chars = [{k: c[k] for k in ("text", "x0", "x1", "top", "bottom", "size",
                                         "fontname", "non_stroking_color")} for c in page.chars]
            words = page.extract_words(use_text_flow=True, extra_attrs=["size"])
            pages.append(Page(float(page.width), float(page.height), chars, words,
                              page.extract_text() or ""))
    return tuple(pages)


def parsed(path: Path) -> tuple[Page, ...]:
    st = Path(path).stat()
    return _parse(str(path), st.st_mtime, st.st_size)


def page_texts(path: Path) -> list[str]:
    return [p.text for p in parsed(path)]


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
    hits = []
    for n, page in enumerate(parsed(path)):
        words = sorted(page.words, key=lambda w: w["top"])
        for i, a in enumerate(words):
            for b in words[i + 1:]:
                if b["top"] > a["bottom"]:
                    break
                same_line = (abs(a["top"] - b["top"]) < 0.5
                             and abs(a["bottom"] - b["bottom"]) < 0.5)
                dx = min(a["x1"], b["x1"]) - max(a["x0"], b["x0"])
                dy = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
                if (same_line and dx > 1.5) or (not same_line and dx > 0.6 and dy > 0.6):
                    hits.append((n + 1, a["text"], b["text"]))
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
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path))
    image = doc[page - 1].render(scale=dpi / 72).to_pil()
    image.save(out)
    doc.close()
    return out


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
