"""Speed and memory of every product at conference scale, against a floor measured in the
same run.

    .venv/bin/python bench/run.py            # all sizes (several minutes)
    .venv/bin/python bench/run.py --quick    # the bundled event and 1,000 attendees (< 1 min)
    .venv/bin/python bench/run.py --peers    # the booklet against Typst and WeasyPrint

Events, made deterministically in a temporary folder: the bundled KVM Forum 2013; 1,000 talks
in 30 rooms over 3 days with 600 speakers (bios included); 5,000 talks in 100 rooms over 5
days; each written as a YAML data folder
(printprog.exporters.yaml_folder.write_folder), plus attendee CSVs of 1,000, 10,000 and
100,000 (tests/synthetic.py, attendees_csv; the last for memory: badges of the bundled
event, one run, no floor). Each product runs as its own process (`.venv/bin/printprog ...`)
inside a tiny wrapper (bench/child.py) that reports its
wall time and peak RSS (RUSAGE_CHILDREN of the wrapper: that one command). The floor
(bench/floor.py) draws the same strings on the same number of pages with raw drawString
calls, plus the same number of QR codes with the same encoder; see its docstring.

--peers measures, in one run, printprog's booklet against Typst setting the same booklet
(the bundled event and 1,000 talks, interleaved pairs, median of 5) and WeasyPrint
typesetting the 1,000 talks from HTML/CSS (bench/peers.py; the optional ``bench`` extra
installs both), and writes the times, ratios and peak memory to bench/results-peers.md; a
peer that is not installed is named in one line and skipped. --peers --quick: the bundled
event only.

Prints the table and writes it, with the date, the machine (nproc, load) and the git
commit, to bench/results.md (bench/results-quick.md with --quick; --out to choose). Exits
non-zero when a product command fails, never because a target is missed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import sys
import tempfile
from pathlib import Path

# bench/ is on the path (this script's folder): the shared helpers, which import nothing
# from here.
from common import (
    EVENTS,
    MM,
    PRINTPROG,
    PY,
    ROOT,
    Row,
    compile_bytecode,
    git_commit,
    make_event,
    measure,
    nproc,
    pdf_pages,
)
from floorspec import badge_strings, booklet_strings, schedule_strings


def sign_bytes(paths: list[Path]) -> str:
    """Where signage --all's bytes are: all-rooms.pdf, the schedule each file embeds, and
    the report each file keeps for preflight (a room's own; all-rooms.pdf the run's)."""
    import pikepdf

    from printprog.pdf.embedded import FILENAME
    from printprog.production.rewrite import REPORT_KEY

    combined = sum(p.stat().st_size for p in paths if p.name.startswith("all-rooms"))
    embedded = reports = 0
    for p in paths:
        with pikepdf.open(p) as pdf:
            names = pdf.Root.get("/Names", {}).get("/EmbeddedFiles")
            spec = pikepdf.NameTree(names).get(FILENAME) if names is not None else None
            if spec is not None:
                embedded += len(spec.EF.F.read_raw_bytes())
            reports += len(bytes(pdf.docinfo.get(REPORT_KEY, b"")))
    total = sum(p.stat().st_size for p in paths)
    return (f"{total / 2**20:.1f} MB in {len(paths)} files: all-rooms.pdf "
            f"{combined / 2**20:.1f} MB, embedded schedules {embedded / 2**20:.1f} MB, "
            f"reports {reports / 2**20:.1f} MB")


# -- the run ----------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true",
                    help="the bundled event and 1,000 attendees only (under a minute)")
    ap.add_argument("--runs", type=int, default=None,
                    help="runs per measurement, median reported (default 3; 1 at 5,000 talks; "
                         "5 with --peers)")
    ap.add_argument("--out", type=Path, default=None, help="markdown file for the table")
    ap.add_argument("--keep", type=Path, default=None, metavar="DIR",
                    help="make the data and outputs in DIR and keep them")
    ap.add_argument("--peers", action="store_true",
                    help="only the booklet against Typst and WeasyPrint on the same event "
                         "(needs the bench extra: pip install -e '.[bench]'; default 5 runs)")
    args = ap.parse_args(argv)
    if args.peers:
        # Imported here: the product bench (and CI's --quick) never loads the peers' module.
        from peers import run_peers

        return run_peers(args.keep, args.runs or 5,
                         args.out or ROOT / "bench" / "results-peers.md", quick=args.quick)
    out_md = args.out or ROOT / "bench" / ("results-quick.md" if args.quick else "results.md")
    runs = args.runs or 3
    load_before = os.getloadavg()
    started = dt.datetime.now()
    with tempfile.TemporaryDirectory(prefix="printprog-bench-") as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        rows = run_all(work, args.quick, runs, args.runs)
    load_after = os.getloadavg()
    text = report(rows, started, load_before, load_after, args.quick)
    print(text)
    out_md.write_text(text, encoding="utf-8")
    print(f"wrote {out_md}", file=sys.stderr)
    return 0


#: The attendee list of the memory case: badges drawn in parts, joined and print-produced in
#: flat memory (issue #19 item 17); one run, for it takes minutes.
BIG = 100_000

def run_all(work: Path, quick: bool, runs: int, runs_given: int | None) -> list[Row]:
    sys.path.insert(0, str(ROOT / "tests"))  # the generator is a test helper
    import synthetic
    from printprog.importers import load

    log = work / "bench.log"
    out = work / "out"
    out.mkdir(exist_ok=True)
    rows: list[Row] = []
    compile_bytecode()

    def floor(row: Row, strings: list, codes: list, page: tuple[float, float],
              name: str, wrap: int = 70, qr_side: float = 72.0) -> None:
        spec = work / f"floor-{name}.json"
        spec.write_text(json.dumps({"page": page, "pages": row.pages, "strings": strings,
                                    "codes": codes, "wrap": wrap, "qr_side": qr_side}))
        walls, _ = measure([PY, str(ROOT / "bench" / "floor.py"), str(spec),
                            str(out / f"floor-{name}.pdf")], runs_for(row), log)
        row.floor = statistics.median(walls)

    def runs_for(row: Row) -> int:
        one = row.size.startswith("5,000") or f"{BIG:,}" in row.product
        return runs_given or (1 if one else runs)

    def product(row: Row, cmd: list[str], outputs) -> Row:
        row.walls, row.rss = measure(cmd, runs_for(row), log)
        paths = outputs() if callable(outputs) else outputs
        row.pages, row.bytes = pdf_pages(paths)
        rows.append(row)
        print(f"{row.size:>14} {row.product:<22} {row.wall:6.2f} s {row.peak:6.0f} MB "
              f"{row.pages:6d} pages", file=sys.stderr, flush=True)
        return row

    # printprog --help
    help_row = Row("-", "printprog --help")
    help_row.walls, help_row.rss = measure([PRINTPROG, "--help"], max(runs, 5), log)
    help_row.target, help_row.met = "< 0.15 s", help_row.wall < 0.15
    rows.append(help_row)

    # One badge from a one-line CSV: a walk-in at the registration desk (issue #28: at most
    # twice --help's time).
    one_csv = work / "attendees-1.csv"
    one_csv.write_text("Name\nAda Lovelace\n", encoding="utf-8")
    one_pdf = out / "badge-1.pdf"
    badge_row = Row("-", "one badge (1-line CSV)")
    badge_row.walls, badge_row.rss = measure(
        [PRINTPROG, "badges", "--attendees", str(one_csv), "--out", str(one_pdf)],
        max(runs, 5), log)
    badge_row.pages, badge_row.bytes = pdf_pages([one_pdf])
    badge_row.target = "<= 2x --help"
    badge_row.met = badge_row.wall <= 2 * help_row.wall
    badge_row.note = f"{badge_row.wall / help_row.wall:.1f}x --help"
    rows.append(badge_row)

    # The events.
    events = {"KVM Forum 2013": ROOT / "data" / "kvmforum2013"}
    attendees = {1000: work / "attendees-1000.csv"}
    if not quick:
        attendees[10000] = work / "attendees-10000.csv"
        attendees[BIG] = work / f"attendees-{BIG}.csv"
        for name in EVENTS:
            events[name] = make_event(work, name)
    for n, path in attendees.items():
        if not path.exists():
            path.write_text(synthetic.attendees_csv(n), encoding="utf-8")

    booklet_1000: Row | None = None
    for size, folder in events.items():
        conf = load(folder)
        tag = size.split()[0].replace(",", "")
        data = ["--data", str(folder)]
        # Loading alone (YAML, validation, checks): part of every product's time below.
        row = Row(size, "check (load only)")
        row.walls, row.rss = measure([PRINTPROG, "check", *data], runs_for(row), log)
        rows.append(row)
        # Booklet.
        pdf = out / f"booklet-{tag}.pdf"
        # --jobs 1 (the default is every processor, as the --jobs 2 row below measures).
        label = "booklet" if size.startswith("KVM") else "booklet --jobs 1"
        row = product(Row(size, label),
                      [PRINTPROG, "booklet", *data, "--jobs", "1", "--out", str(pdf)], [pdf])
        strings, codes = booklet_strings(conf)
        floor(row, strings, codes, (148 * MM, 210 * MM), f"booklet-{tag}", qr_side=50)
        if size.startswith("KVM"):
            row.target, row.met = "< 0.7 s", row.wall < 0.7
        elif size.startswith("1,000"):
            booklet_1000 = row
            row.target = "< 5 s, < 150 MB, < 4x floor"
            row.met = row.wall < 5 and row.peak < 150 and row.wall / row.floor < 4
        elif booklet_1000 is not None:
            growth = row.wall / booklet_1000.wall
            row.target, row.met = "< 5.5x the 1,000-talk time", growth < 5.5
            row.note = f"{growth:.1f}x the 1,000-talk booklet"
        if not quick and not size.startswith("KVM"):  # a large booklet is made in parts
            one = row
            pdf2 = out / f"booklet-{tag}-jobs2.pdf"
            row = product(Row(size, "booklet --jobs 2"),
                          [PRINTPROG, "booklet", *data, "--jobs", "2", "--out", str(pdf2)],
                          [pdf2])
            floor(row, strings, codes, (148 * MM, 210 * MM), f"booklet-{tag}-2", qr_side=50)
            same = pdf2.read_bytes() == pdf.read_bytes()
            row.target = "<= 0.7x --jobs 1, the same bytes"
            row.met = row.wall <= 0.7 * one.wall and same
            row.note = (f"{row.wall / one.wall:.2f}x --jobs 1, "
                        f"{'the same bytes' if same else 'OTHER BYTES'}")
        # Signs, every room.
        signs = out / f"signage-{tag}"
        sched = schedule_strings(conf)
        for jobs in (1,) if quick else (1, 2):
            label = "signage --all" + (f" --jobs {jobs}" if jobs > 1 else "")
            cmd = [PRINTPROG, "signage", "--all", *data, "--out", str(signs)]
            row = product(Row(size, label), cmd + (["--jobs", str(jobs)] if jobs > 1 else []),
                          lambda s=signs: sorted(s.glob("*.pdf")))
            floor(row, sched, [[conf.website or "https://example.org", "M"]] * row.pages,
                  (297 * MM, 210 * MM), f"signage-{tag}-{jobs}", wrap=60)
            if size.startswith("1,000"):
                row.target, row.met = "< 3 s", row.wall < 3
            if size.startswith("5,000") and jobs == 1:
                # Each room's sign embedded the whole schedule: 200.7 MB for --all at 2a7699e.
                row.target, row.met = "< 50 MB", (row.bytes or 0) < 50 * 2**20
                row.note = sign_bytes(sorted(signs.glob("*.pdf")))
        # Poster.
        poster = out / f"poster-{tag}.pdf"
        row = product(Row(size, "poster"), [PRINTPROG, "poster", *data, "--out", str(poster)],
                      [poster])
        floor(row, sched, [[conf.website or "https://example.org", "M"]] * row.pages,
              (594 * MM, 420 * MM), f"poster-{tag}", wrap=80)
        # Badges with attendees, 10 up.
        lists = [1000] if quick else ([1000, 10000] if size.startswith("KVM") else [10000])
        for n in lists:
            for jobs in (1,) if quick or n < 10000 else (1, 2):
                pdf = out / f"badges-{tag}-{n}-{jobs}.pdf"
                cmd = [PRINTPROG, "badges", *data, "--attendees", str(attendees[n]),
                       "--sheet", "86x54-10up", "--out", str(pdf)]
                label = f"badges +{n:,}" + (f" --jobs {jobs}" if jobs > 1 else "")
                row = product(Row(size, label), cmd + (["--jobs", str(jobs)] if jobs > 1 else []),
                              [pdf])
                strings, codes = badge_strings(conf, attendees[n])
                floor(row, strings, codes, (210 * MM, 297 * MM), f"badges-{tag}-{n}-{jobs}",
                      wrap=40, qr_side=18 * MM)
                if size.startswith("KVM") and n == 10000:
                    row.target, row.met = "< 6 s, < 150 MB", row.wall < 6 and row.peak < 150
        if size.startswith("KVM") and not quick:  # memory flat in the attendees
            pdf = out / f"badges-{tag}-{BIG}.pdf"
            row = product(Row(size, f"badges +{BIG:,}"),
                          [PRINTPROG, "badges", *data, "--attendees", str(attendees[BIG]),
                           "--sheet", "86x54-10up", "--out", str(pdf)], [pdf])
            row.target, row.met = "< 200 MB", row.peak < 200
            row.note = "one run unless --runs, no floor"
    return rows


def report(rows: list[Row], started: dt.datetime, before, after, quick: bool) -> str:
    import reportlab

    try:
        from importlib.metadata import version
        zx = version("zxing-cpp")
    except Exception:  # pragma: no cover
        zx = "not installed"
    from printprog.draw import qr

    lines = [
        f"# printprog benchmark{' (--quick)' if quick else ''}",
        "",
        f"- date: {started:%Y-%m-%d %H:%M}",
        f"- machine: {os.cpu_count()} cores (nproc {nproc()}), {platform.machine()}, "
        f"load average {before[0]:.2f} before, {after[0]:.2f} after",
        f"- git commit: {git_commit()}",
        f"- Python {platform.python_version()}, reportlab {reportlab.Version}, "
        f"zxing-cpp {zx} (QR encoder in use: {qr.ENCODER})",
        "- wall: median of the runs (n), whole process; RSS: peak of any run; floor: "
        "bench/floor.py, the same strings and QR codes drawn raw on the same pages",
        "",
        "| size | product | wall s | n | peak RSS MB | pages | file MB | floor s | x floor "
        "| target | met |",
        "|---|---|--:|--:|--:|--:|--:|--:|--:|---|---|",
    ]
    for r in rows:
        ratio = f"{r.wall / r.floor:.1f}" if r.floor else ""
        lines.append(
            f"| {r.size} | {r.product} | {r.wall:.2f} | {len(r.walls)} | {r.peak:.0f} | "
            f"{r.pages if r.pages is not None else ''} | "
            f"{f'{r.bytes / 2**20:.1f}' if r.bytes is not None else ''} | "
            f"{f'{r.floor:.2f}' if r.floor else ''} | {ratio} | {r.target} | "
            f"{'' if r.met is None else ('yes' if r.met else '**no**')}"
            f"{f' ({r.note})' if r.note else ''} |")
    if any("--jobs" in r.product for r in rows):
        lines += ["", "--jobs on this machine:", ""]
    for r in rows:
        if "--jobs" in r.product:
            base = next((b for b in rows if b.size == r.size
                         and b.product == r.product.split(" --jobs")[0]), None)
            if base is not None:
                lines.append(f"- {r.size}, {base.product}: --jobs {r.product.split()[-1]} "
                             f"{base.wall:.2f} s -> {r.wall:.2f} s "
                             f"({r.wall / base.wall:.2f}x the time of --jobs 1)")
    lines += ["", "Notes:", "",
              "- Signage writes one PDF per room and all-rooms.pdf (those files joined); pages "
              "and file size count both, and the floor draws both.",
              "- 5,000 talks: one run each unless --runs is given.",
              f"- badges +{BIG:,}: one run unless --runs is given, no floor; its target is "
              "memory (peak RSS flat in the attendees: parts joined and print production "
              "streamed).",
              "- The floor's QR codes use printprog.draw.qr (zxing-cpp), so encoding, the "
              "unavoidable part, is the same work in both.",
              "- 'check (load only)' is `printprog check` on the same data: reading the YAML "
              "folder (libyaml's parser) and validating it, which every product does first.",
              "- Every product goes through print production after drawing (render.produce): "
              "without bleed, marks or CMYK the document is finished before its one save "
              "(production/direct.py: boxes, report, embedded schedule); the floor does not "
              "embed them.",
              "- This machine's speed varies from run to run by about 10-15 % (the same "
              "command, minutes apart); compare rows of one run, and floors with their rows."]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
