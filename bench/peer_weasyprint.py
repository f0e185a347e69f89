"""A peer printprog is compared with: the same talks typeset by WeasyPrint from HTML/CSS.

    python bench/peer_weasyprint.py DATA_FOLDER OUT.pdf

Reads the event with printprog's own loader (the same work both sides start with), writes
each talk as HTML: time and room, title, speakers with their organisation, the talk's URL,
the abstract, and its QR code as inline SVG (the same modules printprog.draw.qr encodes) floated
beside the heading; an A5 page with the booklet's margins, in the bundled Noto Sans.
WeasyPrint lays it out and writes the PDF. No grids, contents or speaker index: printprog's
booklet does all of those on top, so the ratio run.py prints leans in WeasyPrint's favour.

Exits 3, with one line, when WeasyPrint is not installed (the optional ``bench`` extra).
``bench/run.py --peers`` (bench/peers.py) times it as its own process.
"""

from __future__ import annotations

import html
import sys
from pathlib import Path

from common import ROOT, qr_svg  # bench/ is on the path: this script's folder

NOT_INSTALLED = 3


CSS = """
@font-face { font-family: Sans; src: url("{fonts}/NotoSans-Regular.ttf"); }
@font-face { font-family: Sans; font-weight: bold; src: url("{fonts}/NotoSans-Bold.ttf"); }
@page { size: A5; margin: 20mm 15mm 18mm 18mm;
        @bottom-right { content: counter(page); font: bold 8pt Sans; } }
body { font: 9pt/1.3 Sans; margin: 0; }
.talk { border-bottom: 0.3pt solid #ccc; padding-bottom: 2mm; margin-bottom: 2mm; }
.head { break-inside: avoid; }
.qr { float: right; margin: 0 0 1.6mm 3mm; }
.meta { font: bold 8pt/1.25 Sans; color: #1f5f8b; }
h2 { font: bold 11.5pt/1.2 Sans; margin: 0 0 1.6mm; }
.who { font-size: 8.5pt; }
.url { font-size: 7pt; color: #777; overflow-wrap: anywhere; }
p { margin: 0 0 1.6mm; }
"""


def talk_html(conf, s) -> str:
    e = html.escape
    room = conf.room_by_id[s.room]
    meta = f"{s.start:%H:%M}\u2013{s.end:%H:%M} \u00b7 {e(room.name)}"
    people = "; ".join(
        f"<b>{e(sp.name)}</b>" + (f", {e(sp.organisation)}" if sp.organisation else "")
        for sp in (conf.speaker_by_id[p] for p in s.speakers))
    url = conf.url_for(s)
    out = ['<div class="talk"><div class="head">']
    if url:
        out.append(qr_svg(url, 16))
    out += [f'<div class="meta">{meta}</div><h2>{e(s.title)}</h2>']
    if people:
        out.append(f'<div class="who">{people}</div>')
    if url:
        out.append(f'<div class="url"><a href="{e(url)}">{e(url)}</a></div>')
    out.append("</div>")
    out += [f"<p>{e(p)}</p>" for p in s.abstract]
    out.append("</div>")
    return "".join(out)


def main(data: str, out: str) -> int:
    try:
        import weasyprint
    except ImportError:
        print("peers: WeasyPrint is not installed (pip install -e '.[bench]'); skipped",
              file=sys.stderr)
        return NOT_INSTALLED
    from printprog.importers import load
    from printprog.schedule.views import days

    conf = load(Path(data))
    body = []
    for day in days(conf):
        body.append(f"<h1>{day.date:%A %-d %B}: talks</h1>")
        body += [talk_html(conf, s) for s in day.sessions if not (s.plenary and not s.abstract)]
    fonts = (ROOT / "fonts").as_uri()
    document = (f"<!doctype html><html><head><meta charset='utf-8'><style>"
                f"{CSS.replace('{fonts}', fonts)}</style></head><body>{''.join(body)}"
                "</body></html>")
    weasyprint.HTML(string=document, base_url=str(ROOT)).write_pdf(out)
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
