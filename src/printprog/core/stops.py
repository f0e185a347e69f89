"""How a run stops on Ctrl-C, SIGTERM (a killed job) or SIGHUP (a closed terminal): as one
KeyboardInterrupt, so every ``finally`` runs (the run's temporary files are removed, the
previous files stay), raised only where unwinding is safe.

Two places are not safe, and both showed up as rare failures under load:

* inside an import: the interrupt leaves a module half-imported, and code that runs while
  unwinding imports it again and fails with an ImportError traceback; a library's bare
  ``except:`` around an optional import swallows it, and the run goes on as if no signal
  had come. The handler notes the signal and raises it a moment later, once no import is
  on the stack (a short SIGALRM timer);
* anywhere a library swallows it anyway: :func:`check` raises it again before the first
  output file is renamed, so a stopped run never replaces anything.

Signals a parent process set to be ignored (``nohup``, a background job's Ctrl-C) stay
ignored.

Before :func:`handled` is in place (the command line's imports and argument parsing, the
first tenth of a second of a run) a stop signal is only noted (:func:`early`, called first
thing when printprog runs as the command line) and raised by :func:`handled` as it begins:
the same one "interrupted" line, never a traceback from the middle of an import. Python's
own start-up, before any of printprog runs, is out of reach.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from collections.abc import Iterator, Sequence
from types import FrameType

#: What ends a run.
SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
#: What :func:`held` holds back: the stop signals and the timer that retries them.
HELD = (*SIGNALS, signal.SIGALRM)
#: How soon a signal that came during an import is tried again.
RETRY_S = 0.005

_seen: int | None = None
#: A stop signal that came before :func:`handled` (see :func:`early`).
_early: int | None = None


def _importing(frame: FrameType | None) -> bool:
    while frame is not None:
        if frame.f_code.co_filename.startswith("<frozen importlib"):
            return True
        frame = frame.f_back
    return False


def _stop(signum: int, frame: FrameType | None) -> None:
    global _seen
    if _seen is None:
        _seen = signum
    if _importing(frame):
        signal.setitimer(signal.ITIMER_REAL, RETRY_S)
        return
    raise KeyboardInterrupt


def _retry(signum: int, frame: FrameType | None) -> None:
    if _seen is not None:
        _stop(_seen, frame)


def _note(signum: int, frame: FrameType | None) -> None:
    global _early
    if _early is None:
        _early = signum


def command_line(argv: Sequence[str]) -> bool:
    """Whether the interpreter's command line (``sys.orig_argv``) runs printprog's command
    line: ``python -m printprog.cli`` or the ``printprog`` script. A program that imports
    printprog as a library keeps its own Ctrl-C."""
    args = list(argv[1:])
    if "-m" in args:
        i = args.index("-m")
        return args[i + 1:i + 2] in (["printprog.cli"], ["printprog"])
    return bool(args) and os.path.basename(args[0]) in ("printprog", "printprog-script.py")


def early(argv: Sequence[str]) -> None:
    """When ``argv`` is printprog's command line (:func:`command_line`), from now until
    :func:`handled` a stop signal is noted, not raised; :func:`handled` raises it."""
    if not command_line(argv) or threading.current_thread() is not threading.main_thread():
        return
    for sig in SIGNALS:
        if signal.getsignal(sig) is not signal.SIG_IGN:
            signal.signal(sig, _note)


@contextlib.contextmanager
def handled() -> Iterator[None]:
    """Stop signals end the run as described above, for the duration of the block (in the
    main thread; elsewhere Python lets no handler be set, and nothing changes). One that
    came before (:func:`early`) is raised as the block begins."""
    global _seen, _early
    _seen, came = None, _early
    _early = None
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {sig: signal.signal(sig, _stop) for sig in SIGNALS
                if signal.getsignal(sig) is not signal.SIG_IGN}
    previous[signal.SIGALRM] = signal.signal(signal.SIGALRM, _retry)
    try:
        if came is not None:
            _seen = came
            raise KeyboardInterrupt
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        _seen = None


def check() -> None:
    """Raise the interrupt of a stop signal that came and was swallowed on the way."""
    if _seen is not None:
        raise KeyboardInterrupt


@contextlib.contextmanager
def held() -> Iterator[None]:
    """Stop signals wait until the block is done (then are delivered): for steps that must
    not be cut in two, such as forking workers or killing them."""
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, HELD)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
