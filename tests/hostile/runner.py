"""Running one hostile input: the guarded child (:func:`run_cli`) and what it did (:class:`Run`).

Each run is a child forked from a server that has printprog imported already
(:mod:`hostile.forkserver`; ``HOSTILE_FRESH=1`` starts ``python -m printprog.cli`` afresh
instead), with the limits of ``ulimit -v 1500000`` and 60 s (CPU and wall clock), its peak
memory polled from /proc, and the guard's audit hook (:data:`GUARD`). Split from
:mod:`hostile.harness`, which builds the cases and judges the runs.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import queue
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from hostile.forkserver import Server

#: CPU seconds a run may take (its own, from wait4: the same on a loaded machine as on an
#: idle one, where wall time under a parallel suite is not).
TIMEOUT = 10.0
MAX_RSS_MB = 500
#: ``ulimit -v 1500000`` (KB) and the 60 s every run is held to (issue #19).
AS_LIMIT = 1500000 * 1024
HARD_LIMIT_S = 60

#: The child's guard. Kept free of imports beyond os/sys/resource so it cannot fail.
GUARD = r'''
import os, sys
_marker = os.environ.get("HOSTILE_MARKER")
if _marker:
    import resource
    _as = int(os.environ["HOSTILE_AS_LIMIT"])
    resource.setrlimit(resource.RLIMIT_AS, (_as, _as))
    _cpu = int(os.environ["HOSTILE_CPU_LIMIT"])
    resource.setrlimit(resource.RLIMIT_CPU, (_cpu, _cpu))
    _ok = tuple(os.path.abspath(p) for p in os.environ["HOSTILE_WRITE_OK"].split(os.pathsep))
    _bad = tuple(os.path.abspath(p)
                 for p in os.environ.get("HOSTILE_FORBIDDEN", "").split(os.pathsep) if p)
    _busy = [False]
    _net = ("socket.connect", "socket.getaddrinfo", "socket.gethostbyname",
            "socket.gethostbyname_ex", "socket.gethostbyaddr", "socket.sendto",
            "socket.sendmsg", "socket.bind", "urllib.Request")
    _proc = ("os.system", "subprocess.Popen", "os.exec", "os.posix_spawn", "os.spawn",
             "os.fork", "os.forkpty", "pty.spawn")

    def _note(what):
        _busy[0] = True
        try:
            fd = os.open(_marker, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
            os.write(fd, (what + "\n").encode("utf-8", "backslashreplace"))
            os.close(fd)
        finally:
            _busy[0] = False

    def _under(path, roots):
        return any(path == r or path.startswith(r + os.sep) for r in roots)

    def _hook(event, args):
        if _busy[0]:
            return
        if event == "open":
            path, mode, flags = args
            if not isinstance(path, (str, bytes)):
                return  # an fd, already open
            p = os.path.abspath(os.fsdecode(path))
            writing = (isinstance(mode, str) and any(c in mode for c in "wax+")) or (
                isinstance(flags, int) and flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT))
            if writing and not _under(p, _ok):
                _note(f"write outside the output folder: {p}")
            if _bad and (_under(p, _bad) or _under(os.path.realpath(p), _bad)):
                _note(f"read of a forbidden file: {p}")
        elif event in _net:
            _note(f"network: {event} {args!r}")
            raise OSError("hostile suite: network refused")
        elif event in _proc:
            _note(f"process: {event} {args!r}")
            raise RuntimeError("hostile suite: processes refused")

    sys.addaudithook(_hook)
'''


@dataclass
class Run:
    case: str
    product: str
    args: list[str]
    out: Path
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    cpu_seconds: float
    max_rss_mb: float
    marker: list[str]
    timed_out: bool

    def errors(self) -> list[str]:
        return [ln for ln in self.stderr.splitlines() if ln.startswith("error: ")]

    def warnings(self) -> list[str]:
        return [ln for ln in self.stderr.splitlines() if ln.startswith("warning: ")]

    def describe(self) -> str:
        return _visible(f"[{self.case} / {self.product}] rc={self.returncode} "
                        f"{self.seconds:.1f}s ({self.cpu_seconds:.1f}s CPU) "
                        f"{self.max_rss_mb:.0f}MB\n$ printprog "
                        f"{' '.join(self.args)}\n--- stdout\n{self.stdout[-2000:]}\n"
                        f"--- stderr\n{self.stderr[-4000:]}\n--- guard\n"
                        f"{''.join(self.marker)}")


def _visible(text: str) -> str:
    """``text`` with control characters other than line breaks and tabs shown as escapes,
    so a failure report never drives the terminal."""
    return re.sub(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", lambda m: repr(m.group())[1:-1], text)


def guard_dir(root: Path) -> Path:
    folder = root / "guard"
    folder.mkdir(exist_ok=True)
    (folder / "sitecustomize.py").write_text(GUARD)
    return folder


def run_cli(args: list[str], *, cwd: Path, out: Path, guard: Path, case: str = "",
            product: str = "", forbidden: Iterable[Path] = (),
            timeout: float = HARD_LIMIT_S) -> Run:
    """Run ``printprog ARGS`` in a guarded child; never raises for what the child does."""
    marker = out.parent / f".{out.name}.guard"
    marker.unlink(missing_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "HOSTILE_"))}
    env.update(PYTHONPATH=str(guard), PYTHONDONTWRITEBYTECODE="1", PYTHONIOENCODING="utf-8",
               TMPDIR=str(out), HOSTILE_MARKER=str(marker),
               HOSTILE_WRITE_OK=os.pathsep.join([str(out), os.devnull]),
               HOSTILE_FORBIDDEN=os.pathsep.join(str(p) for p in forbidden),
               HOSTILE_AS_LIMIT=str(AS_LIMIT), HOSTILE_CPU_LIMIT=str(HARD_LIMIT_S))
    so, se = out.parent / f".{out.name}.stdout", out.parent / f".{out.name}.stderr"
    if os.environ.get("HOSTILE_FRESH") == "1":
        start = time.monotonic()
        with so.open("wb") as fo, se.open("wb") as fe:
            proc = subprocess.Popen([sys.executable, "-m", "printprog.cli", *args], cwd=cwd,
                                    env=env, stdout=fo, stderr=fe, stdin=subprocess.DEVNULL)
            peak, timed_out = _watch(proc.pid, start, timeout)
            _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        maxrss_kb, cpu_s = usage.ru_maxrss, usage.ru_utime + usage.ru_stime
    else:
        server = _SERVERS.get()
        try:
            start = time.monotonic()
            pid = server.start({"args": args, "cwd": str(cwd), "env": env, "stdout": str(so),
                                "stderr": str(se), "guard": GUARD})
            peak, timed_out = _watch(pid, start, timeout)
            status, maxrss_kb, cpu_s = server.wait()
        finally:
            _SERVERS.put(server)
    returncode = os.waitstatus_to_exitcode(status)
    seconds = time.monotonic() - start
    notes = marker.read_text(errors="replace").splitlines(True) if marker.exists() else []
    return Run(case, product, args, out, returncode,
               so.read_text(errors="replace"), se.read_text(errors="replace"), seconds, cpu_s,
               peak or maxrss_kb / 1024, notes, timed_out)


def _watch(pid: int, start: float, timeout: float) -> tuple[float, bool]:
    """Poll a running child's peak memory until it exits; SIGKILL it after ``timeout``.
    Returns (peak MB, whether it was killed); the caller reaps it."""
    peak, timed_out = 0.0, False
    while True:
        peak = max(peak, _high_water_mb(pid))
        if _exited(pid):
            return peak, timed_out
        if not timed_out and time.monotonic() - start > timeout:
            timed_out = True
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        time.sleep(0.01)


def _exited(pid: int) -> bool:
    """True once ``pid`` has finished (a zombie waiting to be reaped, or gone)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            return fh.read().rsplit(b")", 1)[1].split()[0] in (b"Z", b"X")
    except (OSError, IndexError):
        return True


class _ServerPool:
    """One fork server per worker, started on first use, stopped at exit."""

    def __init__(self) -> None:
        self._idle: queue.Queue[Server] = queue.Queue()
        self._all: list[Server] = []

    def get(self) -> Server:
        try:
            return self._idle.get_nowait()
        except queue.Empty:
            env = {k: v for k, v in os.environ.items()
                   if not k.startswith(("PYTHON", "HOSTILE_"))}
            env.update(PYTHONDONTWRITEBYTECODE="1", PYTHONIOENCODING="utf-8")
            server = Server(env)
            if not self._all:
                atexit.register(self.close)
            self._all.append(server)
            return server

    def put(self, server: Server) -> None:
        self._idle.put(server)

    def close(self) -> None:
        for server in self._all:
            server.close()


_SERVERS = _ServerPool()


def _high_water_mb(pid: int) -> float:
    """The child's peak resident memory so far (VmHWM, Linux), 0 where /proc cannot tell.
    Preferred to wait4's ru_maxrss, which on Linux starts from the parent's size at fork:
    a pytest process that has grown to 500 MB would make every child look that big."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0.0
