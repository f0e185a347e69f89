"""Issue #19 items 10-14: what a run may replace, with which mode, and when.

- 10: an ``--out`` that exists and is not a regular file (symbolic link, FIFO, folder) is
  refused with one line, exit 1, and left as it was;
- 11: new files get the umask's mode, rewritten ones keep theirs (PDF, ICS, PNG);
- 12: the files are renamed once, after every step: a run held inside the print-production
  rewrite (by :data:`HELD`, which the test injects into the child process: the library reads
  no test hook) and then interrupted or killed leaves every previous file; a failed
  ``--impose-out`` leaves the booklet;
- 13: two runs at once on one ``--out``: the result is one run's output, whole;
- 14: SIGHUP is handled like SIGTERM; ``--jobs`` workers die with the run, quietly, and
  leave no ``printprog-parts-*`` folder.

Each run is the real CLI in a subprocess (``python -m printprog.cli``, or :data:`HELD` running
the same ``main`` when the test holds the run), its TMPDIR a folder of the test's own.
"""

from __future__ import annotations

import contextlib
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

import synthetic
from conftest import MINI

#: The CLI with a pause injected into print production, in the child process only: just
#: before the rewritten PDF is saved (in memory: ``rewrite.save``; streamed: after
#: ``stream.rewrite`` has written the temporary file; finished before its one save:
#: after ``direct.finish``), the run reads the FIFO ``argv[1]`` to its end, so the test
#: holds it there and signals it with no sleep in the product.
HELD = """
import sys
fifo, sys.argv = sys.argv[1], ["printprog", *sys.argv[2:]]

def hold():
    with open(fifo, "rb") as held:  # blocks until the test opens the other end
        held.read()

import printprog.production.rewrite as rewrite
import printprog.production.stream as stream
save, streamed = rewrite.save, stream.rewrite

def held_save(*args, **kwargs):
    hold()
    return save(*args, **kwargs)

def held_stream(*args, **kwargs):
    streamed(*args, **kwargs)
    hold()

rewrite.save, stream.rewrite = held_save, held_stream

import printprog.render as render
finish = render.finish

def held_finish(*args, **kwargs):
    done = finish(*args, **kwargs)
    if done:
        hold()
    return done

render.finish = held_finish
from printprog.cli import main
sys.exit(main())
"""
OLD = b"%PDF-1.4\n% the previous output, which must survive\n%%EOF\n"
WAIT_S = 60.0


def start(args: list[str], cwd: Path, *, hold: Path | None = None, umask: int | None = None,
          group: bool = False) -> subprocess.Popen:
    tmpdir = cwd / "tmpdir"
    tmpdir.mkdir(exist_ok=True)
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1", TMPDIR=str(tmpdir))
    command = ["-m", "printprog.cli"] if hold is None else ["-c", HELD, str(hold)]

    def child() -> None:
        # A run started from a background job or under nohup inherits SIGINT or SIGHUP
        # ignored, and respects that: give the run a terminal's defaults.
        for sig in (signal.SIGINT, signal.SIGHUP, signal.SIGTERM):
            signal.signal(sig, signal.SIG_DFL)
        if umask is not None:
            os.umask(umask)

    return subprocess.Popen([sys.executable, *command, *args], cwd=cwd, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=group, preexec_fn=child)


def run(args: list[str], cwd: Path, **kw) -> subprocess.CompletedProcess:
    proc = start(args, cwd, **kw)
    out, err = proc.communicate(timeout=WAIT_S)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def held(fifo: Path, proc: subprocess.Popen) -> int:
    """Wait until ``proc`` is inside the rewrite, reading ``fifo``; return our end of it
    (closing it lets the run go on)."""
    end = time.monotonic() + WAIT_S
    while True:
        try:
            return os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)  # ENXIO until it reads
        except OSError:
            pass
        if proc.poll() is not None:
            pytest.fail(f"the run ended without reaching the rewrite: {proc.communicate()}")
        if time.monotonic() > end:
            proc.kill()
            pytest.fail("the run never reached the rewrite")
        time.sleep(0.02)


def temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*") if p.name.endswith(".tmp"))


def one_error(stderr: str, *needles: str) -> None:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), stderr
    assert "Traceback" not in stderr
    for needle in needles:
        assert needle in lines[0], stderr


def booklet(out: Path, *extra: str) -> list[str]:
    return ["booklet", "--data", str(MINI), "--out", str(out), *extra]


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "hold.fifo"
    os.mkfifo(path)
    return path


# -- 10: only regular files are replaced -----------------------------------------------------

def _symlink_to_file(tmp: Path) -> tuple[Path, Path]:
    real = tmp / "real.pdf"
    real.write_bytes(OLD)
    (tmp / "out").mkdir()
    (tmp / "out" / "booklet.pdf").symlink_to(real)
    return tmp / "out" / "booklet.pdf", real


def _symlink_to_device(tmp: Path) -> tuple[Path, Path]:
    (tmp / "out").mkdir()
    (tmp / "out" / "booklet.pdf").symlink_to("/dev/null")
    return tmp / "out" / "booklet.pdf", Path("/dev/null")


def _fifo(tmp: Path) -> tuple[Path, Path]:
    (tmp / "out").mkdir()
    os.mkfifo(tmp / "out" / "booklet.pdf")
    return tmp / "out" / "booklet.pdf", tmp / "out" / "booklet.pdf"


def _folder(tmp: Path) -> tuple[Path, Path]:
    (tmp / "out" / "booklet.pdf").mkdir(parents=True)
    (tmp / "out" / "booklet.pdf" / "inside.txt").write_bytes(OLD)
    return tmp / "out" / "booklet.pdf", tmp / "out" / "booklet.pdf"


@pytest.mark.parametrize("make, kind", [(_symlink_to_file, "symbolic link"),
                                        (_symlink_to_device, "symbolic link"),
                                        (_fifo, "FIFO"), (_folder, "folder")])
def test_out_not_a_regular_file_is_refused_and_left_alone(tmp_path, make, kind):
    target, behind = make(tmp_path)
    before = os.lstat(target)
    done = run(booklet(target), tmp_path)
    assert done.returncode == 1, done.stderr
    one_error(done.stderr, str(target), kind, "not a regular file")
    after = os.lstat(target)
    assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino)
    if stat.S_ISLNK(before.st_mode):
        assert os.readlink(target) == str(behind)
    if behind.name == "real.pdf":
        assert behind.read_bytes() == OLD
    if stat.S_ISDIR(before.st_mode):
        assert (target / "inside.txt").read_bytes() == OLD
    assert temporaries(target.parent) == []


def test_signage_room_file_that_is_a_symlink_is_refused(tmp_path):
    out = tmp_path / "signs"
    first = run(["signage", "--all", "--data", str(MINI), "--out", str(out)], tmp_path)
    assert first.returncode == 0, first.stderr
    room = sorted(p for p in out.glob("*.pdf") if p.name != "all-rooms.pdf")[0]
    room.unlink()
    room.symlink_to(tmp_path / "elsewhere.pdf")
    (tmp_path / "elsewhere.pdf").write_bytes(OLD)
    before = {p.name: p.read_bytes() for p in out.glob("*.pdf") if not p.is_symlink()}
    done = run(["signage", "--all", "--data", str(MINI), "--out", str(out)], tmp_path)
    assert done.returncode == 1, done.stderr
    one_error(done.stderr, room.name, "symbolic link")
    assert room.is_symlink() and (tmp_path / "elsewhere.pdf").read_bytes() == OLD
    assert {p.name: p.read_bytes() for p in out.glob("*.pdf") if not p.is_symlink()} == before
    assert temporaries(out) == []


# -- 11: file modes ----------------------------------------------------------------------

def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o027, 0o640), (0o002, 0o664)])
def test_new_files_follow_the_umask(tmp_path, umask, mode):
    pdf, ics, png = tmp_path / "b.pdf", tmp_path / "s.ics", tmp_path / "png"
    assert run(booklet(pdf), tmp_path, umask=umask).returncode == 0
    done = run(["ical", "--data", str(MINI), "--out", str(ics)], tmp_path, umask=umask)
    assert done.returncode == 0, done.stderr
    done = run(["preview", str(pdf), "--out", str(png), "--pages", "1", "--dpi", "20"],
               tmp_path, umask=umask)
    assert done.returncode == 0, done.stderr
    pngs = list(png.glob("*.png"))
    assert pngs
    assert {_mode(p) for p in [pdf, ics, *pngs]} == {mode}


def test_rewritten_file_keeps_its_mode(tmp_path):
    pdf, ics = tmp_path / "b.pdf", tmp_path / "s.ics"
    for path, mode in ((pdf, 0o664), (ics, 0o604)):
        path.write_bytes(OLD)
        path.chmod(mode)
    assert run(booklet(pdf, "--bleed", "3"), tmp_path, umask=0o077).returncode == 0
    done = run(["ical", "--data", str(MINI), "--out", str(ics)], tmp_path, umask=0o077)
    assert done.returncode == 0, done.stderr
    assert pdf.read_bytes() != OLD and ics.read_bytes() != OLD
    assert (_mode(pdf), _mode(ics)) == (0o664, 0o604)


# -- 12: one rename, after every step -------------------------------------------------------

@pytest.mark.parametrize("how", ["SIGINT", "SIGTERM", "SIGKILL"])
def test_stopped_inside_the_production_rewrite_keeps_the_old_pdf(tmp_path, fifo, how):
    out = tmp_path / "out"
    out.mkdir()
    (out / "booklet.pdf").write_bytes(OLD)
    proc = start(booklet(out / "booklet.pdf", "--bleed", "3", "--crop-marks"), tmp_path,
                 hold=fifo)
    end = held(fifo, proc)
    proc.send_signal(getattr(signal, how))
    os.close(end)  # a read retried after the signal gets EOF: a hang is the run's
    _, stderr = proc.communicate(timeout=WAIT_S)
    assert (out / "booklet.pdf").read_bytes() == OLD  # not the pre-production file
    if how != "SIGKILL":
        assert proc.returncode == 1
        one_error(stderr, "interrupted")
        assert temporaries(out) == []
    # A killed run's leftovers go with the next run, which writes the file whole.
    again = run(booklet(out / "booklet.pdf"), tmp_path)
    assert again.returncode == 0, again.stderr
    assert temporaries(out) == []
    assert (out / "booklet.pdf").read_bytes().startswith(b"%PDF-")


def test_old_test_hook_in_the_environment_is_ignored(tmp_path, fifo):
    """#27 item 7: the library reads no test hook, so the variable that once paused print
    production on a FIFO (and a folder, or /dev/zero, there) does nothing to a user's run."""
    for value in (str(fifo), str(tmp_path), "/dev/zero"):
        env = dict(os.environ, PRINTPROG_TEST_HOLD_REWRITE=value, TMPDIR=str(tmp_path))
        try:
            done = subprocess.run([sys.executable, "-m", "printprog.cli",
                                   *booklet(tmp_path / "b.pdf", "--bleed", "3")],
                                  cwd=tmp_path, env=env, capture_output=True, text=True,
                                  timeout=WAIT_S)
        except subprocess.TimeoutExpired:
            pytest.fail(f"a run with PRINTPROG_TEST_HOLD_REWRITE={value} hung")
        assert done.returncode == 0, done.stderr


def test_signage_all_interrupted_replaces_no_room(tmp_path, fifo):
    scratch = tmp_path / "scratch"
    assert run(["signage", "--all", "--data", str(MINI), "--out", str(scratch)],
               tmp_path).returncode == 0
    out = tmp_path / "signs"
    out.mkdir()
    names = sorted(p.name for p in scratch.glob("*.pdf"))
    assert len(names) >= 3
    for name in names:
        (out / name).write_bytes(OLD)
    proc = start(["signage", "--all", "--data", str(MINI), "--out", str(out), "--bleed", "2"],
                 tmp_path, hold=fifo)
    end = held(fifo, proc)
    proc.send_signal(signal.SIGINT)
    os.close(end)  # a read retried after the signal gets EOF: a hang is the run's
    _, stderr = proc.communicate(timeout=WAIT_S)
    assert proc.returncode == 1, stderr
    assert {n: (out / n).read_bytes() for n in names} == {n: OLD for n in names}
    assert temporaries(out) == []


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_signage_all_writes_every_room_when_it_succeeds(tmp_path, jobs):
    out = tmp_path / "signs"
    out.mkdir()
    (out / "all-rooms.pdf").write_bytes(OLD)
    done = run(["signage", "--all", "--data", str(MINI), "--out", str(out), "--jobs", jobs],
               tmp_path)
    assert done.returncode == 0, done.stderr
    files = sorted(out.glob("*.pdf"))
    assert len(files) >= 3 and all(p.read_bytes().startswith(b"%PDF-") for p in files)
    assert temporaries(out) == []


def test_failed_impose_out_leaves_the_booklet(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "booklet.pdf").write_bytes(OLD)
    (tmp_path / "blocker").write_text("a file, not a folder")
    done = run(booklet(out / "booklet.pdf", "--impose", "saddle", "--impose-out",
                       str(tmp_path / "blocker" / "spreads.pdf")), tmp_path)
    assert done.returncode == 1, done.stderr
    one_error(done.stderr, "blocker")
    assert (out / "booklet.pdf").read_bytes() == OLD
    assert temporaries(out) == []


def test_preflight_reads_the_run_own_file(tmp_path):
    """--preflight runs before the rename: it must check this run's file, not the old one."""
    out = tmp_path / "b.pdf"
    out.write_bytes(OLD)
    done = run(booklet(out, "--preflight", "--bleed", "3"), tmp_path)
    assert done.returncode == 0, done.stderr + done.stdout
    assert "bleed 3 mm" in done.stdout and "result: passed" in done.stdout, done.stdout


# -- 13: two runs at once ----------------------------------------------------------------

def _solo(tmp_path: Path, out: Path, extra: list[str]) -> bytes:
    done = run(booklet(out, *extra), tmp_path)
    assert done.returncode == 0, done.stderr
    return out.read_bytes()


A = ["--bleed", "3", "--crop-marks"]
B = ["--paper", "a6", "--colour", "cmyk"]


def test_two_runs_at_once_one_wins_whole(tmp_path):
    out = tmp_path / "out" / "booklet.pdf"
    a, b = _solo(tmp_path, out, A), _solo(tmp_path, out, B)
    assert a != b
    for _ in range(3):  # the structure (own temporary names, one rename) is what is tested
        procs = [start(booklet(out, *A), tmp_path), start(booklet(out, *B), tmp_path)]
        for proc in procs:
            _, stderr = proc.communicate(timeout=WAIT_S)
            assert proc.returncode == 0, stderr
        assert out.read_bytes() in (a, b)
        assert temporaries(out.parent) == []


def test_two_runs_at_once_the_last_rename_wins(tmp_path, fifo):
    """Run A is held in its rewrite while run B does all of its work: B's file must not leak
    into A's (A's production reads A's staged file), and A, finishing last, wins whole."""
    out = tmp_path / "out" / "booklet.pdf"
    a, b = _solo(tmp_path, out, A), _solo(tmp_path, out, B)
    first = start(booklet(out, *A), tmp_path, hold=fifo)
    end = held(fifo, first)
    second = run(booklet(out, *B), tmp_path)
    assert second.returncode == 0, second.stderr
    assert out.read_bytes() == b
    os.close(end)
    _, stderr = first.communicate(timeout=WAIT_S)
    assert first.returncode == 0, stderr
    assert out.read_bytes() == a
    assert temporaries(out.parent) == []


# -- 14: signals and workers -------------------------------------------------------------

def test_sighup_is_handled_like_sigterm(tmp_path, fifo):
    out = tmp_path / "out"
    out.mkdir()
    (out / "booklet.pdf").write_bytes(OLD)
    proc = start(booklet(out / "booklet.pdf"), tmp_path, hold=fifo)
    end = held(fifo, proc)
    proc.send_signal(signal.SIGHUP)
    os.close(end)  # a read retried after the signal gets EOF: a hang is the run's
    _, stderr = proc.communicate(timeout=WAIT_S)
    assert proc.returncode == 1, stderr
    one_error(stderr, "interrupted")
    assert (out / "booklet.pdf").read_bytes() == OLD
    assert temporaries(out) == []


def _children(pid: int) -> set[int]:
    found: set[int] = set()
    with contextlib.suppress(OSError):
        for task in os.listdir(f"/proc/{pid}/task"):
            text = Path(f"/proc/{pid}/task/{task}/children").read_text()
            found |= {int(c) for c in text.split()}
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _wait_for_workers(proc: subprocess.Popen, count: int) -> set[int]:
    end = time.monotonic() + WAIT_S
    while time.monotonic() < end and proc.poll() is None:
        workers = _children(proc.pid)
        if len(workers) >= count:
            return workers
        time.sleep(0.02)
    proc.kill()
    pytest.fail(f"no {count} workers seen: {proc.communicate()}")


@pytest.fixture(scope="module")
def many(tmp_path_factory) -> Path:
    csv = tmp_path_factory.mktemp("people") / "people.csv"
    csv.write_text(synthetic.attendees_csv(3000), encoding="utf-8")
    return csv


def _badges(tmp_path: Path, many: Path, group: bool = False) -> subprocess.Popen:
    return start(["badges", "--data", str(MINI), "--attendees", str(many), "--jobs", "2",
                  "--out", str(tmp_path / "out" / "badges.pdf")], tmp_path, group=group)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc and PR_SET_PDEATHSIG")
@pytest.mark.parametrize("how", ["SIGTERM", "SIGKILL", "group SIGTERM", "group SIGHUP"])
def test_jobs_workers_die_with_the_parent(tmp_path, many, how):
    """The run signalled alone, or with its workers (``kill -TERM -PGID``, a closed
    terminal): the workers end, quietly, and nothing is left behind."""
    group = how.startswith("group ")
    proc = _badges(tmp_path, many, group=group)
    workers = _wait_for_workers(proc, 2)
    sig = getattr(signal, how.split()[-1])
    if group:
        os.killpg(proc.pid, sig)
    else:
        proc.send_signal(sig)
    _, stderr = proc.communicate(timeout=WAIT_S)
    end = time.monotonic() + 10
    while any(_alive(w) for w in workers) and time.monotonic() < end:
        time.sleep(0.05)
    left = [w for w in workers if _alive(w)]
    for w in left:
        with contextlib.suppress(OSError):
            os.kill(w, signal.SIGKILL)
    assert left == []
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr, stderr
    if how != "SIGKILL":
        assert proc.returncode == 1
        one_error(stderr, "interrupted")
        assert list((tmp_path / "tmpdir").glob("printprog-parts-*")) == []
        assert temporaries(tmp_path / "out") == []
    assert not (tmp_path / "out" / "badges.pdf").exists()


def test_parts_folder_of_a_killed_run_is_removed_by_the_next(tmp_path, many):
    proc = _badges(tmp_path, many)
    _wait_for_workers(proc, 2)
    proc.kill()
    proc.communicate(timeout=WAIT_S)
    assert list((tmp_path / "tmpdir").glob("printprog-parts-*"))  # SIGKILL: nothing ran
    small = tmp_path / "few.csv"
    small.write_text(synthetic.attendees_csv(20), encoding="utf-8")
    done = run(["badges", "--data", str(MINI), "--attendees", str(small), "--jobs", "2",
                "--out", str(tmp_path / "out" / "badges.pdf")], tmp_path)
    assert done.returncode == 0, done.stderr
    assert list((tmp_path / "tmpdir").glob("printprog-parts-*")) == []
