"""Hardening round 2 (issue #19 item 20): standard output full or closed. ``check >/dev/full``
and ``preflight --full X | head -1`` printed OSError/BrokenPipeError tracebacks; now one error
line and exit 1 (a closed stdout, ``>&-``, is written nowhere, as /dev/null would be)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .harness import Event

ESC, BEL = "\x1b", "\x07"


def run_with_stdout(args: list[str], stdout, cwd: Path) -> tuple[int, str]:
    """Run the CLI with ``stdout`` as its standard output; (exit code, stderr)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    proc = subprocess.run([sys.executable, "-m", "printprog.cli", *args], cwd=cwd, env=env,
                          stdout=stdout, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                          timeout=60, check=False)
    return proc.returncode, proc.stderr.decode("utf-8", "replace")


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> Path:
    return Event().write(tmp_path_factory.mktemp("stdout") / "data")


def _contract(code: int, stderr: str) -> None:
    assert "Traceback" not in stderr and "Exception ignored" not in stderr, stderr
    assert ESC not in stderr and BEL not in stderr
    for line in stderr.splitlines():
        assert line.startswith(("error: ", "warning: ")), stderr


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
def test_check_to_a_full_disk(data):
    with open("/dev/full", "w") as full:
        code, stderr = run_with_stdout(["check", "--data", str(data)], full, data.parent)
    _contract(code, stderr)
    assert code == 1
    assert "error: cannot write to standard output: No space left on device" in stderr


def test_check_to_a_closed_pipe(data):
    read, write = os.pipe()
    os.close(read)  # as `| head -1` after its line: every write is EPIPE
    with os.fdopen(write, "w") as pipe:
        code, stderr = run_with_stdout(["check", "--data", str(data)], pipe, data.parent)
    _contract(code, stderr)
    assert code == 1
    assert "error: cannot write to standard output: Broken pipe" in stderr


def test_check_with_stdout_closed(data):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    proc = subprocess.run(  # `printprog check >&-`: no fd 1 at all
        [sys.executable, "-c", "import os, sys; os.close(1); from printprog.cli import main; "
         "sys.exit(main(sys.argv[1:]))", "check", "--data", str(data)],
        env=env, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, timeout=60, check=False)
    stderr = proc.stderr.decode()
    _contract(proc.returncode, stderr)
    assert proc.returncode in (0, 1)
