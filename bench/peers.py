"""printprog's booklet against its peers, in one run: what ``bench/run.py --peers`` does.

The peers set the same booklet from the same YAML data folder, each as its own process like
printprog's booklet command (Python start and loading the event included):

- Typst (bench/peer_typst.py, the ``typst`` package): the whole booklet, cover to
  speakers A to Z, with page references and bookmarks;
- WeasyPrint (bench/peer_weasyprint.py): the talks only, on the 1,000-talk event.

Both come with the optional ``bench`` extra (pip install -e '.[bench]'); a peer that is not
installed is named in one line and skipped. Sizes: the bundled event (data/kvmforum2013)
and the 1,000-talk synthetic event (common.EVENTS); ``quick`` keeps the bundled one only.
Runs are interleaved (printprog, Typst, printprog, Typst, ...) so a change in the machine's
load falls on both sides alike; each size reports the median of its runs, the ratio of the
medians, the range of the ratios within pairs, peak RSS, and CPU time (Typst works on
several threads). WeasyPrint, at about a minute a run, takes part in the first
``weasyprint_runs`` rounds only.

Writes the table, with the date, the load average, the commit and the versions, to
``out_md`` (bench/results-peers.md) and prints it.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from common import (
    PRINTPROG,
    PY,
    ROOT,
    Row,
    compile_bytecode,
    git_commit,
    make_event,
    measure_one,
    nproc,
    pdf_pages,
)

BUNDLED = "KVM Forum 2013"
SYNTHETIC = "1,000 talks"


@dataclass(frozen=True)
class Peer:
    name: str
    module: str  # what the probe imports
    script: str  # bench/<script> DATA OUT.pdf
    sizes: tuple[str, ...]


PEERS = (Peer("Typst", "typst", "peer_typst.py", (BUNDLED, SYNTHETIC)),
         Peer("WeasyPrint", "weasyprint", "peer_weasyprint.py", (SYNTHETIC,)))


def version_of(module: str) -> str | None:
    """The installed version of ``module`` in the venv the products run in, None without it."""
    probe = subprocess.run(
        [PY, "-c", f"from importlib.metadata import version; import {module}; "
                   f"print(version({module!r}))"],
        capture_output=True, text=True)
    return probe.stdout.strip() if probe.returncode == 0 else None


def run_peers(keep: Path | None, runs: int, out_md: Path, quick: bool = False,
              weasyprint_runs: int = 1) -> int:
    versions = {p.name: version_of(p.module) for p in PEERS}
    for name, v in versions.items():
        if v is None:
            print(f"bench --peers: {name} is not installed (pip install -e '.[bench]'); "
                  "skipped", file=sys.stderr)
    peers = [p for p in PEERS if versions[p.name]]
    if not peers:
        return 0
    sizes = (BUNDLED,) if quick else (BUNDLED, SYNTHETIC)
    started, before = dt.datetime.now(), os.getloadavg()
    rows: dict[str, list[Row]] = {}
    with tempfile.TemporaryDirectory(prefix="printprog-peers-") as tmp:
        work = keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        log = work / "bench.log"
        compile_bytecode()
        for size in sizes:
            folder = ROOT / "data" / "kvmforum2013" if size == BUNDLED else make_event(work, size)
            tag = "kvm" if size == BUNDLED else size.split()[0].replace(",", "")
            ours = work / f"printprog-{tag}.pdf"
            jobs: list[tuple[Row, list[str], Path, int]] = [
                (Row(size, "printprog booklet"),
                 [PRINTPROG, "booklet", "--data", str(folder), "--out", str(ours)], ours, runs)]
            for p in peers:
                if size in p.sizes:
                    pdf = work / f"{p.name.lower()}-{tag}.pdf"
                    jobs.append((Row(size, p.name),
                                 [PY, str(ROOT / "bench" / p.script), str(folder), str(pdf)],
                                 pdf, weasyprint_runs if p.name == "WeasyPrint" else runs))
            for i in range(max(n for *_, n in jobs)):  # interleaved rounds
                for row, cmd, _, n in jobs:
                    if i < n:
                        result = measure_one(cmd, log)
                        row.walls.append(result["wall"])
                        row.rss.append(result["rss_mb"])
                        row.cpu.append(result.get("cpu", 0.0))
                        print(f"{size:>14} {row.product:<18} run {i + 1}: "
                              f"{result['wall']:6.2f} s {result['rss_mb']:6.0f} MB",
                              file=sys.stderr, flush=True)
            for row, _, pdf, _ in jobs:
                row.pages, row.bytes = pdf_pages([pdf])
            rows[size] = [row for row, *_ in jobs]
    text = report(rows, versions, started, before, os.getloadavg())
    print(text)
    out_md.write_text(text, encoding="utf-8")
    print(f"wrote {out_md}", file=sys.stderr)
    return 0


def report(rows: dict[str, list[Row]], versions: dict[str, str | None],
           started: dt.datetime, before, after) -> str:
    import platform

    import reportlab

    def cpu(r: Row) -> float:
        return statistics.median(r.cpu)

    installed = ", ".join(f"{k} {v}" if v else f"{k} not installed (skipped)"
                          for k, v in versions.items())
    lines = [
        "# printprog against its peers (bench/run.py --peers)", "",
        f"- date: {started:%Y-%m-%d %H:%M}; git commit: {git_commit()}",
        f"- machine: {os.cpu_count()} cores (nproc {nproc()}), {platform.machine()}; load "
        f"average (1 min) {before[0]:.2f} before, {after[0]:.2f} after "
        f"(5 min {before[1]:.2f} before, {after[1]:.2f} after)",
        f"- Python {platform.python_version()}, reportlab {reportlab.Version}; {installed}",
        "- wall: median of the runs (n), whole process; runs interleaved (printprog, peer, "
        "printprog, peer, ...); CPU: user + system, median; RSS: peak of any run", "",
        "| size | product | wall s | n | min-max s | CPU s | peak RSS MB | pages | file MB |",
        "|---|---|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for size_rows in rows.values():
        for r in size_rows:
            lines.append(
                f"| {r.size} | {r.product} | {r.wall:.2f} | {len(r.walls)} | "
                f"{min(r.walls):.2f}-{max(r.walls):.2f} | {cpu(r):.2f} | "
                f"{r.peak:.0f} | {r.pages} | {r.bytes / 2**20:.1f} |")
    lines += ["", "printprog against each peer (time: printprog's median / the peer's; below "
              "1 printprog is faster; in brackets the range of the ratios within pairs):", ""]
    for size, (ours, *theirs) in rows.items():
        for peer in theirs:
            pairs = [a / b for a, b in zip(ours.walls, peer.walls, strict=False)]
            lines.append(
                f"- {size}, {peer.product}: printprog {ours.wall:.2f} s, {peer.product} "
                f"{peer.wall:.2f} s: **{ours.wall / peer.wall:.2f}x** its time "
                f"({min(pairs):.2f}-{max(pairs):.2f}); CPU {cpu(ours):.2f} s against "
                f"{cpu(peer):.2f} s ({cpu(ours) / cpu(peer):.2f}x); peak memory "
                f"{ours.peak:.0f} MB against {peer.peak:.0f} MB ({ours.peak / peer.peak:.2f}x)")
    lines += [
        "", "Notes:", "",
        "- The Typst document (bench/peer_typst.py) sets the same booklet from the same YAML "
        "folder: cover, contents with page numbers, per day the day at a glance (tables of "
        "three rooms, each talk with the page of its entry) and the talks (time and room, "
        "title, speakers, URL, abstract, the QR code as vector SVG), speakers A to Z with "
        "page references, headings as bookmarks; the bundled Noto fonts, no packages. "
        "printprog's booklet also has the venues page, the \"Also today\" lists and notes "
        "pages, and fits its grids to the page.",
        "- The WeasyPrint document (bench/peer_weasyprint.py) has the talks only: meta line, "
        "title, speakers, URL, abstract and the QR code as SVG beside the heading.",
        "- Both run as a user runs them, with their defaults. Typst compiles on several "
        "threads: its CPU time can exceed its wall time, and on more cores its wall time "
        "falls. printprog's booklet of 300 sessions or more is made in parts on every "
        "processor (`--jobs` defaults to them: 2 here); the bundled event's 40 pages are one "
        "process.",
        "- CPU time does not count the time a process waits for a core: on a loaded machine "
        "(load average above the core count) its ratio is the steadier one.",
        "- This machine is shared and its speed varies from run to run; interleaved pairs "
        "share the load, but re-run on a quiet machine (`.venv/bin/python bench/run.py "
        "--peers`) before quoting a number.",
    ]
    return "\n".join(lines) + "\n"
