"""A Python with printprog and its libraries already imported, forking one child per hostile
run: each of the suite's ~300 runs would otherwise start Python and import reportlab,
pikepdf, Pillow and pypdfium2 again (0.8 s of a 0.9 s booklet run on the bundled fonts).

The child is set up as ``python -m printprog.cli ARGS`` would be: its own working folder,
environment, stdin from /dev/null, stdout and stderr to files (UTF-8, as with
``PYTHONIOENCODING=utf-8``), the guard's audit hook (:data:`hostile.harness.GUARD`, run in the
child after the fork, so it sees only the run), the limits, ``sys.argv`` as ``-m`` sets it,
and ``sys.exit(printprog.cli.main())`` (what the module does as ``__main__``) with the
interpreter's exit rules (a traceback and exit 1 for an uncaught exception). It differs from
a fresh interpreter only in what is already imported.

Protocol, one JSON line each way: the harness sends ``{"args", "cwd", "env", "stdout",
"stderr", "guard"}``; the server answers ``{"pid"}`` at once (the harness polls the child's
memory and kills it on a timeout) and ``{"status", "maxrss_kb"}`` when it has reaped it.
One run at a time per server; the harness keeps one server per worker.

This file runs as the server (``python forkserver.py``) and is imported by the harness for
:class:`Server`; it imports nothing from the test suite.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
from pathlib import Path

#: Imported once in the server, so no child pays for them (and each product's drawing
#: module, :func:`_products`).
PRELOAD = ("printprog.cli", "printprog.production.rewrite",
           "printprog.qa.preflight", "printprog.qa.preview", "reportlab.pdfgen.canvas",
           "reportlab.platypus", "pikepdf", "PIL.Image", "pypdfium2", "yaml")


def _products() -> list[str]:
    """The module that draws each product of the registry (``<package>.product``, what
    ``build`` imports), where there is one."""
    from importlib.util import find_spec

    from printprog import products

    out = []
    for entry in products.REGISTRY.values():
        if isinstance(entry, str) and find_spec(f"{entry}.product") is not None:
            out.append(f"{entry}.product")
    return out


class Server:
    """The harness's handle on one server process."""

    def __init__(self, env: dict[str, str]) -> None:
        self.proc = subprocess.Popen([sys.executable, str(Path(__file__).resolve())],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env,
                                     cwd="/")
        ready = self._read()
        if ready.get("ready") is not True:
            raise RuntimeError(f"fork server did not start: {ready}")

    def start(self, request: dict) -> int:
        """Fork a child for ``request``; its pid."""
        self.proc.stdin.write(json.dumps(request).encode() + b"\n")
        self.proc.stdin.flush()
        return self._read()["pid"]

    def wait(self) -> tuple[int, int, float]:
        """The last child's wait status, peak resident memory (KB) and CPU seconds (wait4)."""
        reply = self._read()
        return reply["status"], reply["maxrss_kb"], reply["cpu_s"]

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.stdin.close()
            self.proc.wait(timeout=10)

    def _read(self) -> dict:
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError("fork server died")
        return json.loads(line)


# -- the server side -------------------------------------------------------------------

def _child(request: dict) -> None:
    """In the forked child: become ``python -m printprog.cli ARGS``; never returns."""
    code = 1
    try:
        import io
        import tempfile

        import printprog.cli

        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        tempfile.tempdir = None  # TMPDIR is the run's own
        os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
        for fd, key in ((1, "stdout"), (2, "stderr")):
            os.dup2(os.open(request[key], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), fd)
        sys.stdin = io.TextIOWrapper(io.FileIO(0, "r", closefd=False), encoding="utf-8")
        sys.stdout = io.TextIOWrapper(io.BufferedWriter(io.FileIO(1, "w", closefd=False)),
                                      encoding="utf-8")
        sys.stderr = io.TextIOWrapper(io.BufferedWriter(io.FileIO(2, "w", closefd=False)),
                                      encoding="utf-8", errors="backslashreplace",
                                      line_buffering=True)
        sys.argv = [printprog.cli.__file__, *request["args"]]  # as ``python -m`` sets it
        exec(compile(request["guard"], "sitecustomize", "exec"), {"__name__": "guard"})
        try:
            sys.exit(printprog.cli.main())  # what its ``if __name__ == "__main__"`` does
        except SystemExit as exc:
            if exc.code is None or isinstance(exc.code, int):
                code = exc.code or 0
            else:
                print(exc.code, file=sys.stderr)
                code = 1
        except BaseException:
            sys.excepthook(*sys.exc_info())
            code = 1
        import atexit

        atexit._run_exitfuncs()
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except Exception:  # as the interpreter does at exit: a failed flush is 120
                code = 120
    finally:
        os._exit(code)


def serve() -> None:
    import importlib

    for name in (*PRELOAD, *_products()):
        with contextlib.suppress(ImportError):
            importlib.import_module(name)
    requests, replies = sys.stdin.buffer, sys.stdout.buffer

    def reply(message: dict) -> None:
        replies.write(json.dumps(message).encode() + b"\n")
        replies.flush()

    reply({"ready": True})
    for line in requests:
        request = json.loads(line)
        pid = os.fork()
        if pid == 0:
            _child(request)
        reply({"pid": pid})
        _, status, usage = os.wait4(pid, 0)
        reply({"status": status, "maxrss_kb": usage.ru_maxrss,
               "cpu_s": usage.ru_utime + usage.ru_stime})


if __name__ == "__main__":
    serve()
