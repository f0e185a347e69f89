"""Hardening round 3 (issue #27 items 3 and 6): stop signals at awkward moments.

- Ctrl-C in the first fraction of a second of a run (while ``python -m printprog.cli`` is
  still importing its modules) printed a KeyboardInterrupt traceback from the middle of an
  import: now the signal is noted from the CLI's first line (core.stops.early) and the run
  ends with one "error: interrupted", exit 1. The moment is counted from when Python starts
  importing printprog (a ``sitecustomize`` shim writes a marker then): Python's own start-up
  before that runs none of printprog's code.
- ``signage --all --jobs 2`` stopped while its workers draw left hidden ``.tmp`` files (3 runs
  in 20): the workers, killed, removed nothing. Now each worker notes every temporary file's
  name before making it and the run removes them after killing the workers.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

SAMPLES = Path(__file__).parents[1] / "fixtures" / "samples" / "frab-xml"
WAIT_S = 60.0

SHIM = '''
import importlib.abc, os, sys

class Mark(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name == "printprog":
            sys.meta_path.remove(self)
            os.close(os.open(os.environ["STARTED_MARK"], os.O_WRONLY | os.O_CREAT))
        return None

sys.meta_path.insert(0, Mark())
'''


def _child_defaults() -> None:
    # A run started from a background job inherits SIGINT ignored, and keeps it so: give
    # it a terminal's defaults.
    for sig in (signal.SIGINT, signal.SIGHUP, signal.SIGTERM):
        signal.signal(sig, signal.SIG_DFL)


def _wait_for(path: Path, proc: subprocess.Popen) -> None:
    end = time.monotonic() + WAIT_S
    while not path.exists():
        if proc.poll() is not None or time.monotonic() > end:
            proc.kill()
            pytest.fail(f"the run never started importing printprog: {proc.communicate()}")
        time.sleep(0.0005)


# 10 ms to 100 ms after printprog begins (what comes before the CLI's first line, importing
# printprog and core.stops, takes about 4 ms).
DELAYS = [0.010 + 0.090 * k / 19 for k in range(20)]


def test_ctrl_c_in_the_first_tenth_of_a_second_is_one_line(tmp_path):
    shim = tmp_path / "shim"
    shim.mkdir()
    (shim / "sitecustomize.py").write_text(SHIM)
    failures = []
    for k, delay in enumerate(DELAYS):
        mark = tmp_path / f"started-{k}"
        out = tmp_path / f"out-{k}"
        out.mkdir()
        env = dict(os.environ, PYTHONPATH=str(shim), STARTED_MARK=str(mark),
                   PYTHONDONTWRITEBYTECODE="1")
        proc = subprocess.Popen([sys.executable, "-m", "printprog.cli", "booklet", "--out",
                                 str(out / "booklet.pdf")], cwd=tmp_path, env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                preexec_fn=_child_defaults)
        _wait_for(mark, proc)
        time.sleep(delay)
        proc.send_signal(signal.SIGINT)
        _, stderr = proc.communicate(timeout=WAIT_S)
        lines = stderr.strip().splitlines()
        finished = proc.returncode == 0 and not any(ln.startswith("error") for ln in lines)
        stopped = proc.returncode == 1 and lines == ["error: interrupted"]
        if not (finished or stopped):
            failures.append(f"{delay * 1000:.0f} ms: exit {proc.returncode}: "
                            f"{stderr[-300:]!r}")
        if stopped:
            assert not (out / "booklet.pdf").exists()
        assert sorted(p.name for p in out.iterdir() if p.name.endswith(".tmp")) == []
    assert failures == [], "\n".join(failures)


def _children(pid: int) -> set[int]:
    found: set[int] = set()
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            found |= {int(c) for c in
                      Path(f"/proc/{pid}/task/{task}/children").read_text().split()}
    except OSError:
        pass
    return found


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc")
def test_signage_jobs_stopped_while_drawing_leaves_no_temporary_file(tmp_path):
    """12 stops of ``signage --all --jobs 2`` (FOSDEM 2013: 24 rooms) at moments spread over
    the workers' drawing; after each, no ``.tmp`` file anywhere under the output or TMPDIR."""
    data = SAMPLES / "fosdem2013.xml"
    left = []
    for k in range(12):
        run = tmp_path / f"run-{k}"
        (run / "tmp").mkdir(parents=True)
        env = dict(os.environ, TMPDIR=str(run / "tmp"), PYTHONDONTWRITEBYTECODE="1")
        proc = subprocess.Popen([sys.executable, "-m", "printprog.cli", "signage", "--all",
                                 "--jobs", "2", "--data", str(data), "--out",
                                 str(run / "signage")], cwd=run, env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                preexec_fn=_child_defaults)
        end = time.monotonic() + WAIT_S
        while len(_children(proc.pid)) < 2 and proc.poll() is None and time.monotonic() < end:
            time.sleep(0.002)
        time.sleep(0.07 * k)  # 0 to 0.77 s into the drawing
        proc.send_signal(signal.SIGINT)
        _, stderr = proc.communicate(timeout=WAIT_S)
        assert "Traceback" not in stderr, stderr
        # A run that had finished (its files renamed into place) may take the signal while
        # the interpreter shuts down, where Python has put back the default disposition:
        # it dies of SIGINT, as a shell expects of a Ctrl-C (about 20 ms after the last
        # line). Mid-run, the signal is always the one "error: interrupted", exit 1.
        finished = (run / "signage" / "all-rooms.pdf").exists()
        assert proc.returncode in (0, 1) or (finished and proc.returncode == -signal.SIGINT), \
            f"exit {proc.returncode}: {stderr}"
        found = sorted(str(p.relative_to(run)) for p in run.rglob("*") if p.name.endswith(".tmp"))
        if found:
            left.append(f"stop {k} ({0.07 * k:.2f} s): {found[:4]}")
    assert left == [], "\n".join(left)
