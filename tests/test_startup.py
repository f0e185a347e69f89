"""A command imports only what it uses (issue #28): ``printprog --help`` reads no drawing or
PDF library, one badge reads no platypus, no day grid and no schedule importer, and a
schedule file brings in only its own format's importer.

Each command runs in a fresh interpreter (a subprocess: this test process has imported
everything already), through a small wrapper that writes ``sys.modules`` to a file when the
command ends, however it ends (``--help`` exits through SystemExit).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import FIXTURES, ROOT

WRAPPER = """
import sys
out = sys.argv.pop(1)
try:
    from printprog.cli import main
    main(sys.argv[1:])
finally:
    with open(out, "w", encoding="utf-8") as f:
        f.write("\\n".join(sorted(sys.modules)))
"""

#: The importers of schedule files (a badge run reads the bundled data folder and the CSV).
SCHEDULE_IMPORTERS = ("sched", "frab", "schedule_json", "csv_schedule", "ics", "indico",
                      "pretalx", "jsonfile", "printed", "markdown", "title_people")


def imported(tmp_path: Path, *args: str) -> set[str]:
    """The modules loaded by the time ``printprog ARGS`` ends."""
    listing = tmp_path / "modules.txt"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    result = subprocess.run([sys.executable, "-c", WRAPPER, str(listing), *args],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert listing.exists(), result.stderr
    return set(listing.read_text(encoding="utf-8").split())


def under(modules: set[str], *packages: str) -> list[str]:
    """The modules that are one of ``packages`` or inside one."""
    return sorted(m for m in modules for p in packages if m == p or m.startswith(p + "."))


def test_startup_help_imports_no_platypus_and_no_pikepdf(tmp_path: Path):
    modules = imported(tmp_path, "--help")
    assert "printprog.cli" in modules  # the wrapper ran the command
    assert under(modules, "reportlab.platypus", "pikepdf") == []


def test_startup_one_badge_imports_no_platypus_grid_or_schedule_importer(tmp_path: Path):
    csv = tmp_path / "one.csv"
    csv.write_text("Name\nAda Lovelace\n", encoding="utf-8")
    out = tmp_path / "badge.pdf"
    modules = imported(tmp_path, "badges", "--attendees", str(csv), "--out", str(out))
    assert out.exists()  # the badge was made
    assert "printprog.products.badges.product" in modules
    assert under(modules, "reportlab.platypus", "printprog.layout.grid",
                 *(f"printprog.importers.{name}" for name in SCHEDULE_IMPORTERS)) == []
    # Only its own subcommand is declared: no other product's package, no other command.
    others = ("booklet", "signage", "poster", "changes", "chair")
    assert under(modules, *(f"printprog.products.{name}" for name in others),
                 "printprog.cli.ical", "printprog.cli.preflight", "printprog.cli.preview") == []


def test_startup_one_badge_imports_nothing_only_other_runs_use(tmp_path: Path):
    """A walk-in's badge (no --jobs, no logo, no --day) starts no process pool and reads no
    schedule: no multiprocessing or concurrent.futures (and the socket and ctypes they bring),
    no importer draft types, no difflib (a misspelt theme key's hint, --day and --room), no
    conference logo reader."""
    csv = tmp_path / "one.csv"
    csv.write_text("Name\nAda Lovelace\n", encoding="utf-8")
    out = tmp_path / "badge.pdf"
    modules = imported(tmp_path, "badges", "--attendees", str(csv), "--out", str(out))
    assert out.exists()
    assert under(modules, "multiprocessing", "concurrent.futures", "socket", "ctypes",
                 "difflib", "printprog.importers.draft", "printprog.schedule.lookup",
                 "printprog.draw.logo", "printprog.draw.images") == []


def test_startup_one_badge_reads_only_the_faces_it_prints(tmp_path: Path):
    """Reading a font face takes 5 ms: a badge without pronouns (the default layout's only
    italic) reads the two faces it prints, not Sans-Italic; with pronouns it reads it."""
    code = """
import sys
from reportlab.pdfbase import pdfmetrics
from printprog.cli import main
main(sys.argv[1:])
print(sorted(n for n in pdfmetrics.getRegisteredFontNames() if n.startswith("Sans")))
"""
    faces = {}
    for name, csv_text in (("plain", "Name\nAda Lovelace\n"),
                           ("pronouns", "Name,Pronouns\nAda Lovelace,she/her\n")):
        csv = tmp_path / f"{name}.csv"
        csv.write_text(csv_text, encoding="utf-8")
        result = subprocess.run([sys.executable, "-c", code, "badges", "--attendees", str(csv),
                                 "--out", str(tmp_path / f"{name}.pdf")], cwd=ROOT,
                                capture_output=True, text=True, timeout=120)
        faces[name] = result.stdout.splitlines()[-1]
    assert faces == {"plain": "['Sans', 'Sans-Bold']",
                     "pronouns": "['Sans', 'Sans-Bold', 'Sans-Italic']"}


def test_startup_help_still_lists_every_command(tmp_path: Path):
    result = subprocess.run([sys.executable, "-m", "printprog.cli", "--help"], cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    listed = [line.split()[0] for line in result.stdout.split("COMMAND\n", 1)[1]
              .split("\n\n", 1)[0].splitlines() if line.startswith("    ") and
              not line.startswith("     ")]
    assert listed == ["check", "import", "booklet", "signage", "poster", "badges", "changes",
                      "chair", "ical", "preflight", "preview"]


def test_startup_schedule_file_imports_only_its_own_importer(tmp_path: Path):
    ics = FIXTURES / "samples" / "ical" / "pyconau2023-pretalx.ics"
    modules = imported(tmp_path, "check", "--data", str(ics))
    assert "printprog.importers.ics" in modules
    others = [name for name in SCHEDULE_IMPORTERS  # ics reads with the last two
              if name not in ("ics", "markdown", "title_people")]
    assert under(modules, *(f"printprog.importers.{name}" for name in others)) == []


def test_startup_reportlab_patterns_printprog_never_uses_are_compiled_on_first_use():
    """reportlab.platypus compiles a URL pattern (38 ms) and a CJK one (6 ms) at import;
    printprog's command line defers both (printprog.cli.startup.DEFERRED). A reportlab
    release that changes either pattern fails here: it would be compiled at import again."""
    code = """
import printprog.cli.startup as startup
startup.defer(["python", "-m", "printprog.cli"])  # what the command line does first
import reportlab.platypus
from reportlab.platypus import paragraph
from reportlab.lib import textsplit
for p in (paragraph.uri_pat, textsplit.rx):
    print(type(p).__name__, p._compiled is None)
m = paragraph.uri_pat.match("https://user@ünï.example.org:8080/a?b=c")
print(m.group(1), m.group(2), paragraph.uri_pat.match("not a url"), paragraph.uri_pat.flags)
print(textsplit.rx.sub("[\\\\1]", "ab中文c"))
"""
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                            text=True, timeout=60)
    assert result.stdout.splitlines() == [
        "DeferredPattern True", "DeferredPattern True",  # not compiled by the import
        "https:// ünï.example.org None 34",  # IGNORECASE | UNICODE, as reportlab's
        "ab[中][文]c"]


def test_startup_yaml_pattern_printprog_never_uses_is_compiled_on_first_use():
    """PyYAML's pure-Python reader compiles a pattern of the characters YAML forbids (3 ms)
    at import; printprog reads YAML with libyaml, so its command line defers it. A PyYAML
    release that changes the pattern fails here. Whoever uses it gets the same matches."""
    code = """
import printprog.cli.startup as startup
startup.defer(["python", "-m", "printprog.cli"])
import yaml.reader
p = yaml.reader.Reader.NON_PRINTABLE
print(type(p).__name__, getattr(p, "_compiled", "compiled") is None)
print(p.search("ok\\x00") is not None, p.search("ok \\u00e9\\n") is None)
"""
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                            text=True, timeout=60)
    assert result.stdout.splitlines() == ["DeferredPattern True", "True True"], result.stderr


def test_startup_importing_printprog_leaves_the_process_alone():
    """A program that imports printprog (and the CLI module) as a library keeps Python's
    regular-expression cache as it was: reportlab's patterns are compiled by its import."""
    code = """
import printprog, printprog.cli, reportlab.platypus
from reportlab.platypus import paragraph
print(type(paragraph.uri_pat).__name__)
"""
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                            text=True, timeout=60)
    assert result.stdout.split() == ["Pattern"]



def test_startup_bitmaps_and_hyphenation_load_only_when_used(tmp_path: Path):
    """reportlab imports Pillow's Image module (7 ms) and pyphen (15 ms, where installed) as
    it starts; printprog's command line leaves them unloaded until something reads them: a
    badge or the bundled booklet (no photo) never does, and a bitmap read after them gets
    the whole of Pillow."""
    from PIL import Image

    png = tmp_path / "dot.png"
    Image.new("RGB", (3, 2), (200, 0, 0)).save(png)
    csv = tmp_path / "one.csv"
    csv.write_text("Name\nAda Lovelace\n", encoding="utf-8")
    code = """
import sys
import printprog.cli.startup as startup
startup.defer(["python", "-m", "printprog.cli"])  # what the command line does first
from printprog.cli import main
png, args = sys.argv[1], sys.argv[2:]
main(args)
names = ("PIL.Image", "pyphen")
print(" ".join(type(sys.modules[n]).__name__ if n in sys.modules else "-" for n in names))
from reportlab.lib.utils import ImageReader
print(ImageReader(png).getSize(), type(sys.modules["PIL.Image"]).__name__)
try:
    import pyphen
except ImportError:  # not installed (WeasyPrint, of the bench extra, brings it)
    print("-")
else:
    print(pyphen.Pyphen(lang="en_US").inserted("hyphenation"))
"""
    runs = {"badge": ["badges", "--attendees", str(csv)],
            "booklet": ["booklet", "--data", str(ROOT / "data" / "kvmforum2013")]}
    for name, args in runs.items():
        result = subprocess.run([sys.executable, "-c", code, str(png), *args, "--out",
                                 str(tmp_path / f"{name}.pdf")], cwd=ROOT, capture_output=True,
                                text=True, timeout=120)
        lines = result.stdout.splitlines()[-3:]
        assert len(lines) == 3, result.stderr
        image, hyphens = lines[0].split()
        assert image == "LazyModule" and hyphens in ("LazyModule", "-"), (name, lines)
        assert lines[1] == "(3, 2) module", (name, lines)
        assert lines[2] in ("hy-phen-ation", "-"), (name, lines)  # "-": pyphen not installed


def test_startup_ical_imports_no_pdf_canvas_or_writer(tmp_path: Path):
    """Writing an ICS file saves it atomically (pdf/atomic.py) without reportlab's canvas,
    printprog's PDF writer, print production or pikepdf."""
    out = tmp_path / "programme.ics"
    modules = imported(tmp_path, "ical", "--out", str(out))
    assert out.exists()
    assert "printprog.pdf.atomic" in modules
    assert under(modules, "reportlab.pdfgen", "printprog.pdf.writer", "printprog.production",
                 "pikepdf") == []
