"""The peer printprog is compared with: the same talks typeset by WeasyPrint from HTML/CSS.

    python bench/peers.py DATA_FOLDER OUT.pdf

Reads the event with printprog's own loader (the same work both sides start with), writes
each talk as HTML: time and room, title, speakers with their organisation, the talk's URL,
the abstract, and its QR code as inline SVG (the same modules printprog.draw.qr encodes) floated
beside the heading; an A5 page with the booklet's margins, in the bundled Noto Sans.
WeasyPrint lays it out and writes the PDF. No grids, contents or speaker index: printprog's
booklet does all of those on top, so the ratio run.py prints leans in WeasyPrint's favour.

Exits 3, with one line, when WeasyPrint is not installed (the optional ``bench`` extra).
:func:`run_peers` is what ``bench/run.py --peers`` runs: this script and printprog's
booklet on the 1,000-talk event, each timed as its own process.
"""

from __future__ import annotations

import datetime as dt
import html
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOT_INSTALLED = 3


def qr_svg(url: str, side_mm: float) -> str:
    """The QR code of ``url`` as an SVG path, one unit per module, quiet zone included."""
    from printprog.draw import qr

    rows = qr.matrix(url, "M")
    n = len(rows) + 2 * qr.QUIET
    path = []
    for y, row in enumerate(rows):
        x = 0
        while x < len(row):
            if row[x]:
                start = x
                while x < len(row) and row[x]:
                    x += 1
                path.append(f"M{start + qr.QUIET} {y + qr.QUIET}h{x - start}v1h{start - x}z")
            else:
                x += 1
    return (f'<svg class="qr" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {n} {n}" '
            f'width="{side_mm}mm" height="{side_mm}mm" shape-rendering="crispEdges">'
            f'<path d="{"".join(path)}"/></svg>')


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


def run_peers(keep: Path | None, runs: int, out_md: Path) -> int:
    """printprog's 1,000-talk booklet and WeasyPrint on the same talks, in one run
    (``bench/run.py --peers``): both times, their ratio, written to ``out_md``."""
    import reportlab
    from run import PRINTPROG, PY, Row, compile_bytecode, git_commit, make_event, measure, pdf_pages

    probe = subprocess.run([PY, "-c", "import weasyprint; print(weasyprint.__version__)"],
                           capture_output=True, text=True)
    if probe.returncode != 0:
        print("bench --peers: WeasyPrint is not installed (pip install -e '.[bench]'); "
              "skipped", file=sys.stderr)
        return 0
    started, before = dt.datetime.now(), os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="printprog-peers-") as tmp:
        work = keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        folder, log = make_event(work, "1,000 talks"), work / "bench.log"
        compile_bytecode()
        ours, theirs = work / "booklet-1000.pdf", work / "weasyprint-1000.pdf"
        rows = [Row("1,000 talks", "printprog booklet"), Row("1,000 talks", "WeasyPrint")]
        for row, cmd, pdf in (
                (rows[0], [PRINTPROG, "booklet", "--data", str(folder), "--out", str(ours)],
                 ours),
                (rows[1], [PY, str(ROOT / "bench" / "peers.py"), str(folder), str(theirs)],
                 theirs)):
            row.walls, row.rss = measure(cmd, runs, log)
            row.pages, row.bytes = pdf_pages([pdf])
            print(f"{row.size:>14} {row.product:<22} {row.wall:6.2f} s {row.peak:6.0f} MB "
                  f"{row.pages:6d} pages", file=sys.stderr, flush=True)
    ratio = rows[1].wall / rows[0].wall
    lines = [
        "# printprog against a peer (bench/run.py --peers)", "",
        f"- date: {started:%Y-%m-%d %H:%M}; git commit: {git_commit()}; load average "
        f"{before[0]:.2f} before, {os.getloadavg()[0]:.2f} after; {os.cpu_count()} cores",
        f"- WeasyPrint {probe.stdout.strip()}, reportlab {reportlab.Version}; "
        f"wall: median of {runs} run(s), whole process", "",
        "| size | product | wall s | peak RSS MB | pages | file MB |",
        "|---|---|--:|--:|--:|--:|",
        *[f"| {r.size} | {r.product} | {r.wall:.2f} | {r.peak:.0f} | {r.pages} | "
          f"{r.bytes / 2**20:.1f} |" for r in rows], "",
        f"WeasyPrint {rows[1].wall:.2f} s, printprog {rows[0].wall:.2f} s: printprog is "
        f"{ratio:.1f}x faster.", "",
        "The WeasyPrint document (bench/peers.py) has the talks only: meta line, title, "
        "speakers, URL, abstract and the QR code as SVG beside the heading. printprog's "
        "booklet also has the cover, contents, day grids, speakers A to Z and venues.",
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    out_md.write_text(text, encoding="utf-8")
    print(f"wrote {out_md}", file=sys.stderr)
    return 0


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
