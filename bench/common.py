"""What the bench's scripts share: where things are, how one command is measured, the
synthetic events, the commit a run measured.

run.py (every product against its floor) and peers.py (the booklet against Typst and
WeasyPrint) both import this module, and it imports neither: the imports point one way.
Standard library only at import time (printprog, pikepdf and the test helpers are imported
inside the functions that need them), so the document generators for the peers can import
it without paying for anything they do not use.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = ROOT / ".venv" / "bin"
PY = str(BIN / "python") if (BIN / "python").exists() else sys.executable
PRINTPROG = str(BIN / "printprog") if (BIN / "printprog").exists() else "printprog"
MM = 72 / 25.4

#: The synthetic events beyond the bundled one: name -> tests/synthetic.py event() arguments.
EVENTS = {"1,000 talks": dict(talks=1000, rooms=30, day_count=3, speakers=600),
          "5,000 talks": dict(talks=5000, rooms=100, day_count=5)}


@dataclass
class Row:
    size: str
    product: str
    walls: list[float] = field(default_factory=list)
    rss: list[float] = field(default_factory=list)
    #: CPU seconds (user + system) of each run: more than the wall time where a tool
    #: works on several threads (Typst does).
    cpu: list[float] = field(default_factory=list)
    pages: int | None = None
    bytes: int | None = None
    floor: float | None = None
    target: str = ""
    met: bool | None = None
    note: str = ""

    @property
    def wall(self) -> float:
        return statistics.median(self.walls)

    @property
    def peak(self) -> float:
        return max(self.rss)


def measure_one(cmd: list[str], log: Path) -> dict:
    """One run of ``cmd`` through bench/child.py: {"wall", "rss_mb", "cpu", "rc"}. Exits
    with one line naming the command and the log when the command fails."""
    with log.open("a") as err:
        out = subprocess.run([PY, str(ROOT / "bench" / "child.py"), "--", *cmd],
                             stdout=subprocess.PIPE, stderr=err, text=True, check=True)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    if result["rc"] != 0:
        raise SystemExit(f"bench: {' '.join(cmd)} exited {result['rc']}; see {log}")
    return result


def measure(cmd: list[str], runs: int, log: Path) -> tuple[list[float], list[float]]:
    """Wall times and peak RSS of ``runs`` runs of ``cmd``, each through bench/child.py."""
    results = [measure_one(cmd, log) for _ in range(runs)]
    return [r["wall"] for r in results], [r["rss_mb"] for r in results]


def pdf_pages(paths: list[Path]) -> tuple[int, int]:
    """Pages and bytes of the PDF files ``paths`` together."""
    import pikepdf

    pages = size = 0
    for p in paths:
        with pikepdf.open(p) as pdf:
            pages += len(pdf.pages)
        size += p.stat().st_size
    return pages, size


def git_commit() -> str:
    """The short commit measured, with a mark when src/, bench/ or pyproject.toml differ
    from it."""
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True,
                              text=True).stdout.strip()

    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    return commit + (" + uncommitted changes" if git("status", "--porcelain", "--", "src",
                                                      "bench", "pyproject.toml") else "")


def nproc() -> str:
    try:
        return subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
    except OSError:  # pragma: no cover
        return "?"


def compile_bytecode() -> None:
    """Write printprog's bytecode, as installing a wheel does. The project is installed
    editable, and where PYTHONDONTWRITEBYTECODE is set (this machine's environment sets it)
    Python never caches it: every measured run would compile printprog's sources first
    (0.15 s of the KVM booklet's 1.0), which no installed copy does."""
    import printprog

    subprocess.run([PY, "-m", "compileall", "-q", str(Path(printprog.__file__).parent)],
                   check=True)


def make_event(work: Path, name: str) -> Path:
    """The data folder of the synthetic event ``name`` in ``work`` (made once)."""
    sys.path.insert(0, str(ROOT / "tests"))  # the generator is a test helper
    import synthetic
    from printprog.exporters.yaml_folder import write_folder

    folder = work / name.split()[0].replace(",", "")
    if not (folder / "sessions.yaml").exists():
        write_folder(synthetic.event(**EVENTS[name]), folder, force=True)
    return folder


def qr_svg(url: str, side_mm: float) -> str:
    """The QR code of ``url`` as an SVG path (printprog.draw.qr's modules, level M), one unit
    per module, quiet zone included, ``side_mm`` wide: what the peers' documents embed."""
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
