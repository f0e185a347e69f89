"""Issue #19 items 10-14: what a run may replace, with which mode, and when.

- 10: an ``--out`` that exists and is not a regular file (symbolic link, FIFO, folder) is
  refused with one line, exit 1, and left as it was;
- 11: new files get the umask's mode, rewritten ones keep theirs (PDF, ICS, PNG);
- 12: the files are renamed once, after every step: a run held inside the print-production
  rewrite (the test-only hook :data:`printprog.pdf.TEST_HOLD_ENV`) and then interrupted or
  killed leaves every previous file; a failed ``--impose-out`` leaves the booklet;
- 13: two runs at once on one ``--out``: the result is one run's output, whole;
- 14: SIGHUP is handled like SIGTERM; ``--jobs`` workers die with the run, quietly, and
  leave no ``printprog-parts-*`` folder.

Each run is the real CLI in a subprocess (``python -m printprog.cli``), its TMPDIR a folder
of the test's own.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import MINI

#: printprog.pdf.TEST_HOLD_ENV, spelled out so this module also runs against a checkout
#: without the hook (and fails there, as it should).
TEST_HOLD_ENV = "PRINTPROG_TEST_HOLD_REWRITE"
OLD = b"%PDF-1.4\n% the previous output, which must survive\n%%EOF\n"
WAIT_S = 60.0


def start(args: list[str], cwd: Path, *, hold: Path | None = None, umask: int | None = None,
          ) -> subprocess.Popen:
    tmpdir = cwd / "tmpdir"
    tmpdir.mkdir(exist_ok=True)
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1", TMPDIR=str(tmpdir))
    env.pop(TEST_HOLD_ENV, None)
    if hold is not None:
        env[TEST_HOLD_ENV] = str(hold)
    return subprocess.Popen([sys.executable, "-m", "printprog.cli", *args], cwd=cwd, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=(lambda: os.umask(umask)) if umask is not None else None)


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
