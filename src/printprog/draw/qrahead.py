"""QR codes encoded ahead, on a second processor, while this process goes on.

Encoding is the one part of a QR code that cannot be made cheaper here (zxing-cpp, 0.2 ms a
code: 13 ms of the bundled booklet's 64 codes, issue #28), and it needs nothing but the text.
So a product that knows its codes' texts early (the booklet: every talk's URL, right after the
event is read) hands them to :func:`start`: a forked child encodes them while this process
imports the layout code and lays out the first pages, and the first code drawn collects the
lot (:func:`collect`, called by :func:`printprog.draw.qr._symbol`). The symbols are the ones
this process would have made (the same encoder, the same arguments), so the file's bytes do
not change; a text the child did not encode (or could not: too long) is encoded here as
before.

Only on printprog's own command line (a program using printprog as a library keeps its
process to itself), on a machine with a second processor, with ``fork``, with no other thread
running (a fork copies only the thread that calls it), and for at least :data:`LEAST` codes
(below that the fork costs more than it saves). The child writes its results to a pipe and
ends with ``os._exit``: no ``atexit`` handler, no buffered output, no temporary file of the
run's is touched twice.
"""

from __future__ import annotations

import marshal
import os
import sys
import threading
from collections.abc import Callable, Iterable

from ..core.stops import command_line

#: Fewer codes than this are encoded here: a fork and its pipe cost about 1-2 ms.
LEAST = 16

#: (text, level) -> (side, cells) collected from the child, taken by the first request.
_ready: dict[tuple[str, str], tuple[int, bytes]] = {}
#: The child's pid and the pipe's reading end while its results are not yet collected.
_pending: tuple[int, int] | None = None


def wanted(count: int) -> bool:
    """Whether encoding ``count`` codes ahead is worth a fork here (see the docstring)."""
    if count < LEAST or not hasattr(os, "fork") or threading.active_count() > 1:
        return False
    try:
        processors = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - macOS has no affinity call
        processors = os.cpu_count() or 1
    return processors > 1 and command_line(sys.orig_argv)


def start(items: Iterable[tuple[str, str]], encode: Callable[[str, str], tuple[int, bytes]],
          force: bool = False) -> bool:
    """Encode ``items`` ((text, level)) with ``encode`` in a child process; whether one was
    started (``force``: whatever :func:`wanted` says, for tests)."""
    global _pending
    todo = list(dict.fromkeys(item for item in items if item[0]))
    if _pending is not None or not (force or wanted(len(todo))):
        return False
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: encode, hand over, leave without running anything else
        try:
            os.close(read)
            done = []
            for text, level in todo:
                try:
                    done.append((text, level, *encode(text, level)))
                except Exception:  # too long, or refused: this process says so itself
                    continue
            data = marshal.dumps(done)
            view = memoryview(data)
            while view:
                view = view[os.write(write, view):]
        finally:
            os._exit(0)
    os.close(write)
    _pending = (pid, read)
    return True


def collect() -> None:
    """Wait for the child's codes (if one was started) and keep them for :func:`take`."""
    global _pending
    if _pending is None:
        return
    pid, read = _pending
    _pending = None
    try:
        with os.fdopen(read, "rb") as pipe:
            data = pipe.read()
        for text, level, side, cells in marshal.loads(data):
            _ready[(text, level)] = (side, cells)
    except (OSError, EOFError, ValueError, TypeError):  # a child that died: encode here
        pass
    finally:
        os.waitpid(pid, 0)


def take(text: str, level: str) -> tuple[int, bytes] | None:
    """The symbol the child made of ``text`` at ``level``, once; None when it made none."""
    if _pending is not None:
        collect()
    return _ready.pop((text, level), None) if _ready else None
