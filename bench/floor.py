"""The floor a product's time is compared with: the same strings drawn with raw reportlab.

    python bench/floor.py SPEC.json OUT.pdf

SPEC (written by run.py) holds the page size, the number of pages the product produced,
the strings the product prints (each with a font and a size) and the QR payloads it encodes.
This script wraps each string naively at a fixed number of characters, spreads the lines
evenly over the pages with one canvas.drawString call each, in the bundled Noto Sans
(regular and bold, embedded as the product embeds them), and draws the QR codes as vector
paths with the product's own printprog.draw.qr (same encoder, zxing-cpp: encoding a code is
part of the unavoidable work, and every vCard is a new code). No layout: no measuring,
no fitting, no page breaking, no links. Compressed pages, like the product's canvas.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main(spec_path: str, out: str) -> int:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas

    from printprog.draw import qr

    spec = json.loads(Path(spec_path).read_text(encoding="utf-8"))
    fonts = ROOT / "fonts"
    pdfmetrics.registerFont(TTFont("Regular", str(fonts / "NotoSans-Regular.ttf")))
    pdfmetrics.registerFont(TTFont("Bold", str(fonts / "NotoSans-Bold.ttf")))
    width, height = spec["page"]
    wrap = spec.get("wrap", 70)
    lines = [(font, size, text[i:i + wrap]) for font, size, text in spec["strings"]
             for i in range(0, max(len(text), 1), wrap)]
    codes = spec.get("codes", [])
    pages = max(1, spec["pages"])
    per_page, codes_per_page = -(-len(lines) // pages), -(-len(codes) // pages)
    canvas = Canvas(out, pagesize=(width, height), invariant=1, pageCompression=1)
    margin, side = 36.0, spec.get("qr_side", 72.0)
    for page in range(pages):
        y = height - margin
        for font, size, text in lines[page * per_page:(page + 1) * per_page]:
            canvas.setFont(font, size)
            canvas.drawString(margin, y, text)
            y -= size * 1.2
            if y < margin:
                y = height - margin
        x = margin
        for payload, level in codes[page * codes_per_page:(page + 1) * codes_per_page]:
            qr.draw(canvas, x, margin, side, payload, level)
            x = x + side + 4 if x + 2 * side < width else margin
        canvas.showPage()
    canvas.save()
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
