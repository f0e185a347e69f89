"""The hostile-input harness: build inputs in tmp, run the real CLI on them, judge the run.

Every input is a :class:`Case`: a builder that writes a data folder (or a schedule file)
into tmp, the products it applies to (:func:`product_names`: every product of the
registry, each run with its minimal command line, :func:`minimal_args`), and what is
expected (``ok``: exit 0, warnings allowed; ``error``: exit 1 with one-line errors;
``either``). :func:`run_cases` runs every (case, product) as ``python -m printprog.cli ...``
would run it (:mod:`hostile.runner`), two at a time: each run is a child forked from a
server that has printprog imported already (:mod:`hostile.forkserver`; ``HOSTILE_FRESH=1``
starts a fresh Python per run instead), each with:

- the limits of ``ulimit -v 1500000`` (address space) and 60 s (CPU and wall clock: a run
  still going is killed and failed as hung), and its peak memory (VmHWM from /proc, polled
  while it runs); a run must also stay within :data:`TIMEOUT` seconds of CPU and
  :data:`MAX_RSS_MB`;
- a ``sitecustomize`` guard on PYTHONPATH that adds an audit hook in the child: any socket
  connect or name lookup, any process started (``os.system``, ``subprocess``), any file
  opened for writing outside the run's output folder and any read of a forbidden file (the
  "secret" outside the data folder, /etc/passwd) is written to a marker file, and network
  and process calls are refused;
- an output folder seeded with the previous run's files (:data:`OLD`), so a failed run can be
  checked to have left them byte for byte.

:func:`verify` asserts the contract on one run; a module's tests are one per (case, product),
so a failure names both. Every run's stderr and stdout must also be free of ESC and BEL
(the data's and the command line's control characters never reach the terminal); a case
that expects ``usage`` (exit 2, argparse's own message about an argument's value) is held
to that too.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from hostile.commands import (  # noqa: F401  (the public API, as before)
    PRODUCTS,
    VALUES,
    minimal_args,
    product_names,
)
from hostile.runner import (  # noqa: F401  (GUARD, Run, guard_dir, run_cli: the public API)
    GUARD,
    HARD_LIMIT_S,
    MAX_RSS_MB,
    TIMEOUT,
    Run,
    guard_dir,
    run_cli,
)

#: Bytes that must never reach the terminal from a run's stderr.
TERMINAL_CONTROLS = re.compile(r"[\x07\x1b]")
WORKERS = max(1, min(2, os.cpu_count() or 1))
OLD = b"%PDF-1.4\n% output of an earlier run: a failed run must leave it alone\n%%EOF\n"


@dataclass
class Case:
    """One hostile input. ``build(folder)`` writes it under ``folder`` and returns the
    path to pass as ``--data`` (a data folder or a schedule file)."""

    id: str
    build: Callable[[Path], Path]
    products: tuple[str, ...] = ("check", "booklet")
    expect: str = "ok"  # ok | error | either | usage (exit 2: a wrong command line)
    #: Regexes every one of which must match some error line (expect="error").
    errors: tuple[str, ...] = ()
    #: product (or "*" for all) -> regexes every one of which must match some warning line.
    warnings: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: Extra checks on the finished runs: product -> callable(run).
    then: dict[str, Callable[[Run], None]] = field(default_factory=dict)
    #: Extra command-line arguments per product (e.g. badges: --attendees FILE).
    extra: dict[str, Callable[[Path], list[str]]] = field(default_factory=dict)
    #: Files (relative to the case folder, or absolute) the run must never open.
    forbidden: tuple[str, ...] = ()
    #: product -> why it is expected to fail (a bug in a file this suite may not edit).
    xfail: dict[str, str] = field(default_factory=dict)
    #: product -> the whole command line (data, output folder) -> args, for commands
    #: that are not ``PRODUCT --data DATA --out OUT`` (preflight FILE, preview FILE).
    argv: dict[str, Callable[[Path, Path], list[str]]] = field(default_factory=dict)


def seed_output(out: Path, product: str) -> None:
    """The previous run's output, which a failed run must leave byte for byte."""
    out.mkdir(parents=True, exist_ok=True)
    _, name = PRODUCTS.get(product, ([], None))
    if name is None:
        (out / "previous.pdf").write_bytes(OLD)
    elif name.endswith((".pdf", ".ics")):
        (out / name).write_bytes(OLD)
    else:
        (out / name).mkdir(exist_ok=True)
        (out / name / "all-rooms.pdf").write_bytes(OLD)


def product_args(product: str, data: Path, out: Path, root: Path | None = None) -> list[str]:
    """``product``'s command line on ``data`` writing into ``out``; ``root``: the batch's
    folder, where the values of :data:`VALUES` are (default: two levels above ``out``)."""
    if product.startswith("import-"):
        return ["import", product.split("-", 1)[1], str(data), "--out", str(out / "imported")]
    head, name = PRODUCTS[product]
    root = root or out.parent.parent
    args = [a for flag in head for a in ([flag, VALUES[flag](root)] if flag in VALUES
                                          else [flag])]
    return [*args, "--data", str(data), *(["--out", str(out / name)] if name else [])]


def _prepare(root: Path, guard: Path, products: set[str]) -> None:
    """What the minimal command lines of ``products`` read besides the case: the booklet
    ``changes --since`` compares with, made from the standard :class:`Event`."""
    if not any("--since" in PRODUCTS.get(p, ([], None))[0] for p in products):
        return
    data = Event().write(root / "since-data")
    out = root / "since"
    out.mkdir()
    run = run_cli(["booklet", "--data", str(data), "--out", str(out / "booklet.pdf")],
                  cwd=root, out=out, guard=guard, case="since", product="booklet")
    assert run.returncode == 0, run.describe()


def snapshot(root: Path, skip: Callable[[Path], bool]) -> dict[str, tuple]:
    """Every path under ``root`` (not followed into links) with type, size and mtime."""
    seen: dict[str, tuple] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            path = Path(dirpath) / name
            if skip(path):
                continue
            st = path.lstat()
            # A folder's mtime changes whenever a run's output appears in it: not compared.
            seen[str(path.relative_to(root))] = ((st.st_mode,) if path.is_dir() and not
                                                 path.is_symlink() else
                                                 (st.st_mode, st.st_size, st.st_mtime_ns))
        dirnames[:] = [d for d in dirnames if not skip(Path(dirpath) / d)]
    return seen


@dataclass
class Batch:
    """All runs of one module's cases, and the state of tmp around them."""

    root: Path
    runs: dict[tuple[str, str], Run]
    data: dict[str, Path]
    before: dict[str, tuple]
    after: dict[str, tuple]


def _is_output(path: Path) -> bool:
    return any(part.startswith("out-") or part.startswith(".out-") or part == "guard"
               for part in path.parts)


def run_cases(root: Path, cases: list[Case]) -> Batch:
    """Build every case under ``root``, then run every (case, product), WORKERS at a time."""
    ids = [c.id for c in cases]
    assert len(ids) == len(set(ids)), f"duplicate case ids: {ids}"
    guard = guard_dir(root)
    # Something outside every data folder that no run may read, and a canary file.
    outside = root / "outside"
    outside.mkdir(exist_ok=True)
    (outside / "secret.jpg").write_bytes(b"\xff\xd8\xff secret outside the data folder")
    _prepare(root, guard, {p for c in cases for p in c.products if p not in c.argv})
    data: dict[str, Path] = {}
    jobs = []
    for case in cases:
        folder = root / case.id
        folder.mkdir()
        data[case.id] = case.build(folder)
        forbidden = [outside, Path("/etc/passwd"), Path("/etc/shadow"),
                     *((f if Path(f).is_absolute() else folder / f) for f in case.forbidden)]
        for product in case.products:
            out = folder / f"out-{product}"
            seed_output(out, product)
            args = (case.argv[product](data[case.id], out) if product in case.argv
                    else product_args(product, data[case.id], out, root))
            if product in case.extra:
                args += case.extra[product](folder)
            jobs.append((case.id, product, args, folder, out, forbidden))
    before = snapshot(root, _is_output)
    with ThreadPoolExecutor(WORKERS) as pool:
        futures = {(c, p): pool.submit(run_cli, a, cwd=f, out=o, guard=guard, case=c,
                                       product=p, forbidden=fb)
                   for c, p, a, f, o, fb in jobs}
        runs = {key: fut.result() for key, fut in futures.items()}
    after = snapshot(root, _is_output)
    return Batch(root, runs, data, before, after)


def verify(batch: Batch, case: Case, product: str) -> Run:
    """The contract every run keeps, whatever its input; then the case's own check for
    this product (``case.then``), if it has one."""
    run = batch.runs[(case.id, product)]
    why = run.describe()
    assert not run.timed_out, f"hung (killed after {HARD_LIMIT_S:g} s)\n{why}"
    assert run.cpu_seconds < TIMEOUT, f"{TIMEOUT:g} s of CPU exceeded\n{why}"
    assert not TERMINAL_CONTROLS.search(run.stderr), f"ESC or BEL on stderr\n{why}"
    assert not TERMINAL_CONTROLS.search(run.stdout), f"ESC or BEL on stdout\n{why}"
    assert run.max_rss_mb < MAX_RSS_MB, f"peak memory {run.max_rss_mb:.0f} MB\n{why}"
    assert "Traceback" not in run.stderr, why
    assert run.marker == [], f"the guard saw something\n{why}"
    if case.expect == "usage":  # argparse's usage lines, then "printprog CMD: error: ..."
        assert run.returncode == 2, f"expected a wrong command line (exit 2)\n{why}"
        last = run.stderr.strip().splitlines()[-1:]
        assert last and re.match(r"^printprog[\w ]*: error: ", last[0]), why
        for pattern in case.errors:
            assert re.search(pattern, last[0]), f"no error ~ {pattern}\n{why}"
        return run
    assert run.returncode in (0, 1), why
    wanted = {"ok": (0,), "error": (1,), "either": (0, 1)}[case.expect]
    assert run.returncode in wanted, f"expected {case.expect}\n{why}"
    for line in run.stderr.splitlines():
        assert line.startswith(("error: ", "warning: ")), f"stray stderr line {line!r}\n{why}"
    if run.returncode == 1:
        errors = run.errors()
        assert errors, why
        data = batch.data[case.id]
        for line in errors:  # names the file (data or output) it is about, unless the case
            # expects it as an error about the whole event ("nothing to print")
            assert (str(data) in line or data.name in line or str(run.out) in line
                    or any(re.search(p, line) for p in case.errors)), \
                f"error names no file: {line}\n{why}"
        for pattern in case.errors:
            assert any(re.search(pattern, e) for e in errors), f"no error ~ {pattern}\n{why}"
    for pattern in case.warnings.get(product, ()) + case.warnings.get("*", ()):
        assert any(re.search(pattern, w) for w in run.warnings()), \
            f"no warning ~ {pattern}\n{why}"
    _check_output(run, product, why)
    if product in case.then:
        case.then[product](run)
    return run


def _check_output(run: Run, product: str, why: str) -> None:
    leftovers = [p.name for p in run.out.rglob("*") if p.name.endswith(".tmp")]
    assert leftovers == [], f"temporary files left: {leftovers}\n{why}"
    if product.startswith("import-"):
        return
    _, name = PRODUCTS[product]
    if name is None:
        return
    target = run.out / name
    if run.returncode == 1:
        files = [target] if target.suffix else [target / "all-rooms.pdf"]
        for f in files:
            assert f.read_bytes() == OLD, f"previous output changed by a failed run\n{why}"
    elif target.suffix == ".pdf":
        data = target.read_bytes()
        assert data != OLD and data.startswith(b"%PDF") and b"%%EOF" in data[-64:], why
    elif target.suffix == ".ics":
        assert target.read_bytes().startswith(b"BEGIN:VCALENDAR"), why
    else:
        pdfs = sorted(target.glob("*.pdf"))
        assert pdfs and all(p.read_bytes()[:4] == b"%PDF" for p in pdfs), why
        assert (target / "all-rooms.pdf").read_bytes() != OLD, why


def check_tree_untouched(batch: Batch) -> None:
    """Nothing outside the output folders was created, changed or removed by any run."""
    added = sorted(set(batch.after) - set(batch.before))
    removed = sorted(set(batch.before) - set(batch.after))
    changed = sorted(k for k in set(batch.before) & set(batch.after)
                     if batch.before[k] != batch.after[k])
    assert (added, removed, changed) == ([], [], []), \
        f"tmp changed outside the output folders: {added=} {removed=} {changed=}"


# -- builders --------------------------------------------------------------------------

def yaml_value(value) -> str:
    """A YAML flow value that reads back exactly: JSON strings are YAML double-quoted
    scalars (no tags, no plain-scalar guessing)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(yaml_value(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)


def yaml_items(items: list[dict], indent: str = "") -> str:
    lines = []
    for item in items:
        for n, (key, value) in enumerate(item.items()):
            lead = "- " if n == 0 else "  "
            lines.append(f"{indent}{lead}{key}: {yaml_value(value)}")
    return "\n".join(lines) + "\n" if lines else "[]\n"


@dataclass
class Event:
    """A small valid event (two days, three rooms, an off-site venue, three speakers) as
    Python data; tests change fields, then :meth:`write` it as the four YAML files."""

    conference: dict = field(default_factory=lambda: {
        "name": "Hostile Conf 2030", "short_name": "HostileConf", "start": "2030-05-06",
        "end": "2030-05-07", "timezone": "Europe/Berlin", "city": "Berlin",
        "venue": "Hall Centre", "website": "https://hostile.example.org",
        "session_url": "https://hostile.example.org/talk/{id}"})
    rooms: list[dict] = field(default_factory=lambda: [
        {"id": "main", "name": "Main Hall", "colour": "#1f5f8b"},
        {"id": "small", "name": "Small Room"},
        {"id": "foyer", "name": "Foyer"},
        {"id": "pub", "name": "The Pub", "address": "1 High Street, Berlin"}])
    speakers: list[dict] = field(default_factory=lambda: [
        {"id": "ada", "name": "Ada Lovelace", "job_title": "Analyst",
         "organisation": "Engines Ltd", "bio": "Writes programs for engines."},
        {"id": "alan", "name": "Alan Turing", "organisation": "Bletchley",
         "bio": "Breaks codes.\n\nRuns marathons."},
        {"id": "grace", "name": "Grace Hopper", "job_title": "Rear Admiral",
         "organisation": "Navy", "bio": "Finds bugs."}])
    sessions: dict[str, list[dict]] = field(default_factory=lambda: {
        "2030-05-06": [
            {"id": "reg", "start": "08:30", "end": "09:00", "kind": "registration",
             "room": "foyer", "title": "Registration"},
            {"id": "opening", "start": "09:00", "end": "09:45", "kind": "keynote",
             "room": "main", "title": "Opening Keynote", "speakers": ["ada"],
             "abstract": "Why engines matter.", "track": "Main track"},
            {"id": "t1", "start": "10:00", "end": "10:45", "room": "main",
             "title": "Codes and Ciphers", "speakers": ["alan"],
             "abstract": "First paragraph.\n\nSecond paragraph."},
            {"id": "t2", "start": "10:00", "end": "10:45", "room": "small",
             "title": "Notes on the Engine", "speakers": ["grace"], "moderators": ["ada"],
             "abstract": "Notes."}],
        "2030-05-07": [
            {"id": "t3", "start": "09:30", "end": "10:15", "room": "main",
             "title": "Compilers", "speakers": ["grace"], "abstract": "COBOL and after."},
            {"id": "lunch", "start": "12:00", "end": "13:00", "kind": "meal",
             "room": "foyer", "title": "Lunch"},
            {"id": "party", "start": "22:00", "end": "01:00 +1", "kind": "social",
             "room": "pub", "title": "Party"}]})
    #: file name -> text appended to (or, with replace, instead of) the generated file
    raw: dict[str, str] = field(default_factory=dict)
    replace: dict[str, str | bytes] = field(default_factory=dict)

    def session(self, ident: str) -> dict:
        return next(s for day in self.sessions.values() for s in day if s["id"] == ident)

    def speaker(self, ident: str) -> dict:
        return next(s for s in self.speakers if s["id"] == ident)

    def room(self, ident: str) -> dict:
        return next(r for r in self.rooms if r["id"] == ident)

    def write(self, folder: Path) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        texts = {
            "conference.yaml": "".join(f"{k}: {yaml_value(v)}\n"
                                       for k, v in self.conference.items()),
            "rooms.yaml": yaml_items(self.rooms),
            "speakers.yaml": yaml_items(self.speakers),
            # An empty day is left open for hand-written items appended through ``raw``.
            "sessions.yaml": "".join(f"{day}:\n" + (yaml_items(items, "  ") if items else "")
                                     for day, items in self.sessions.items()),
        }
        for name, text in texts.items():
            if name in self.replace:
                content = self.replace[name]
                (folder / name).write_bytes(content if isinstance(content, bytes)
                                            else content.encode())
            else:
                (folder / name).write_text(text + self.raw.get(name, ""), encoding="utf-8")
        return folder


def event_case(case_id: str, change: Callable[[Event], None] | None = None,
               after: Callable[[Path], None] | None = None, **kwargs) -> Case:
    """A Case from the standard Event with ``change`` applied (and ``after(folder)`` run
    on the written data folder, for photos, FIFOs and links)."""
    def build(folder: Path) -> Path:
        event = Event()
        if change:
            change(event)
        data = event.write(folder / "data")
        if after:
            after(data)
        return data

    return Case(case_id, build, **kwargs)


def pdf_text(path: Path) -> str:
    """All text of a PDF (or of every PDF in a folder), whitespace folded to single spaces.

    pdfium's extraction (C, fifty times faster than pdfplumber, same text on these files);
    the round-trip test uses pdfcheck.page_texts, the suite's reference extraction."""
    import pypdfium2 as pdfium

    texts = []
    for f in sorted(path.glob("*.pdf")) if path.is_dir() else [path]:
        doc = pdfium.PdfDocument(str(f))
        try:
            texts += [doc[i].get_textpage().get_text_range() for i in range(len(doc))]
        finally:
            doc.close()
    return " ".join(" ".join(t.split()) for t in texts)


def squash(text: str) -> str:
    return "".join(text.split())


def module_batch(request, root: Path, cases: list[Case]) -> Batch:
    """Run a module's cases once (module-scoped fixtures call this)."""
    folder = root / request.module.__name__.rsplit(".", 1)[-1]
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir()
    return run_cases(folder, cases)


def importable(module: str) -> bool:
    try:
        __import__(module)
    except ImportError:
        return False
    return True


def params(cases: list[Case]) -> list:
    """pytest params (case, product) with readable ids; strict xfail where a case says."""
    return [pytest.param(c, p, id=f"{c.id}-{p}",
                         marks=[pytest.mark.xfail(strict=True, reason=c.xfail[p])]
                         if p in c.xfail else [])
            for c in cases for p in c.products]
