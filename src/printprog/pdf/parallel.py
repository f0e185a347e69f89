"""``--jobs N``: a product's pages drawn by N processes into PDFs of their own, then joined
in order into one (:func:`printprog.pdf.join.join`, in flat memory; badges, and every
room's signs).

The parts are written in a temporary folder that is removed afterwards (one a run killed
outright left behind, by the next run); the workers die with the run (on Linux even when it
is SIGKILLed), and SIGTERM ends them quietly. The joined PDF is written atomically, with the
bookmarks and document information a single process would give it, and the same bytes for
the same input. Each worker has its own Report, which the caller adds to the run's in page
order (``Report.extend``).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from ..core import stops
from ..core.errors import PrintprogError
from .atomic import adopt, keep_ledger, pid_alive, remove_listed, transaction

# multiprocessing, concurrent.futures (socket, pickle, subprocess...), ctypes and the joiner
# are imported where they are used: only a --jobs run or a long one needs them, and a
# walk-in's badge imports this module (issue #28: 10 ms of its 0.17 s).
if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

    from .join import Bookmark

T = TypeVar("T")
__all__ = ["Bookmark", "as_completed", "in_parts", "join", "part_files", "parts", "result",
           "submit"]


def __getattr__(name: str) -> Any:
    if name == "Bookmark":  # parallel.Bookmark, as before, from the joiner on first use
        from .join import Bookmark

        return Bookmark
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def join(*args: Any, **kwargs: Any) -> Path:
    """:func:`printprog.pdf.join.join` (the same arguments), imported when parts are joined."""
    from .join import join as _join

    return _join(*args, **kwargs)


#: Prefix of the temporary folders of part files; the writing process's id follows, so a
#: later run can remove those of a run killed outright (SIGKILL leaves its folder behind).
PARTS_PREFIX = "printprog-parts-"


def _parts_folder() -> tempfile.TemporaryDirectory:
    root = Path(tempfile.gettempdir())
    with contextlib.suppress(OSError):
        for entry in root.glob(f"{PARTS_PREFIX}*-*"):
            pid = entry.name[len(PARTS_PREFIX):].split("-", 1)[0]
            if pid.isdigit() and int(pid) != os.getpid() and not pid_alive(int(pid)):
                shutil.rmtree(entry, ignore_errors=True)
    return tempfile.TemporaryDirectory(prefix=f"{PARTS_PREFIX}{os.getpid()}-")


def _worker_start(parent: int, ledger: Path | None = None) -> None:
    """In each worker, first: die with the parent (Linux: the kernel sends SIGKILL when it
    ends, however it ends), and let SIGTERM end the worker quietly (not the parent's
    KeyboardInterrupt with a traceback); Ctrl-C is the parent's to handle. Every temporary
    output file it makes is noted in ``ledger`` first (:func:`.atomic.keep_ledger`)."""
    if ledger is not None:
        keep_ledger(ledger)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGHUP, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGALRM, signal.SIG_DFL)  # the parent's stop retries are its own
    # A worker has nothing to say on the terminal: its errors reach the parent through its
    # futures, and multiprocessing's own report of a worker ended by the parent's end (a
    # "Process ForkProcess-2:" traceback) is noise beside the parent's one line.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    os.close(devnull)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, stops.HELD)  # blocked by the parent's fork
    if sys.platform.startswith("linux"):
        import ctypes

        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the parent died before the line above: no one to work for
        os._exit(1)


_PR_SET_PDEATHSIG = 1


def _stop(pool: ProcessPoolExecutor, ledger: Path | None = None) -> None:
    """Kill the workers now (an interrupted or failed run): not wait for their work; then
    remove the output files they had begun or staged and this run had not adopted (killed,
    they removed none: 3 runs in 20 stopped while drawing left hidden .tmp files). A second
    signal (a group's SIGHUP after its SIGTERM) waits until this is done."""
    with stops.held():
        _kill(pool)
        if ledger is not None:
            remove_listed(ledger)


def _kill(pool: ProcessPoolExecutor) -> None:
    processes = list(getattr(pool, "_processes", {}).values())  # no public API in 3.11
    for process in processes:
        with contextlib.suppress(OSError):
            process.kill()
    for process in processes:  # gone before the pool's manager thread looks at them
        process.join(timeout=5)
    # Then the manager thread finds the pool broken and ends: waited for here, not racing
    # the interpreter's exit (where it printed a traceback now and then).
    pool.shutdown(wait=True, cancel_futures=True)


@contextlib.contextmanager
def parts(n: int, files: int | None = None) -> Iterator[tuple[ProcessPoolExecutor, list[Path]]]:
    """A pool of ``n`` worker processes and ``files`` (default ``n``) paths for their PDFs
    (removed after). The workers die with this process; an error or interrupt here kills
    them at once."""
    import ctypes  # noqa: F401 - for _worker_start: imported once, before the fork
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    # Forked workers start with everything imported; elsewhere they start afresh.
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    with _parts_folder() as tmp:
        ledger = Path(tmp) / "temporaries.txt"
        pool = ProcessPoolExecutor(n, mp_context=multiprocessing.get_context(method),
                                   initializer=_worker_start, initargs=(os.getpid(), ledger))
        try:
            # The workers are forked at the first submit. With the stop signals held there,
            # one that arrives meanwhile waits until every worker has its own dispositions,
            # rather than raising the parent's interrupt inside a half-made worker (which
            # printed "Exception ignored in _after_fork" and a traceback); it is delivered
            # here, inside the try, so the workers are stopped.
            with stops.held():
                started = pool.submit(int)  # forks every worker, here, in this thread
            started.result()
            yield pool, _part_paths(tmp, files or n)
            pool.shutdown(wait=True)
        except BrokenProcessPool:
            _stop(pool, ledger)
            stops.check()  # the workers died of the signal that is stopping this run
            raise PrintprogError("a worker process of --jobs ended unexpectedly (killed, or "
                                 "out of memory); run again, or with --jobs 1") from None
        except BaseException:
            _stop(pool, ledger)
            raise


def submit(pool: ProcessPoolExecutor, fn: Callable[..., T], *args: Any) -> Future:
    """``pool.submit(fn, *args)`` for work that writes output files (:func:`printprog.pdf.atomic.
    atomic_output`): they are staged in the worker and handed to this run's transaction
    by :func:`result`, so they are renamed with the run's other files, or not at all."""
    return pool.submit(_staged_call, fn, args)


def _staged_call(fn: Callable[..., T], args: tuple) -> tuple[T, dict[Path, Path]]:
    with transaction(commit=False) as mine:
        return fn(*args), mine.handover()


def result(future: Future) -> Any:
    """What :func:`submit`'s work returned; its files adopted by this process's run."""
    value, staged = future.result()
    adopt(staged)
    return value


def in_parts(write: Callable[[Path, int, int], T], total: int, per_part: int, out: Path,
             bookmarks: Sequence[Bookmark] = ()) -> list[T]:
    """Pages 0..``total`` written ``per_part`` at a time, one part file after another in this
    process (``write(path, first, stop)``), then joined into ``out``: memory stays that of
    one part, whatever ``total`` is (reportlab keeps every page of a canvas until it saves).
    Returns what each ``write`` returned, in order."""
    bounds = [*range(0, total, per_part), total]
    with part_files(len(bounds) - 1) as paths:
        results = [write(path, first, stop)
                   for path, first, stop in zip(paths, bounds, bounds[1:], strict=False)]
        join(paths, out, bookmarks)
    return results


@contextlib.contextmanager
def part_files(count: int) -> Iterator[list[Path]]:
    """``count`` paths for part files written in this process, removed after."""
    with _parts_folder() as tmp:
        yield _part_paths(tmp, count)


def _part_paths(folder: str, count: int) -> list[Path]:
    return [Path(folder) / f"part-{k}.pdf" for k in range(count)]


def as_completed(futures: Sequence[Future]) -> Iterator[Future]:
    from concurrent.futures import as_completed as _as_completed

    return _as_completed(futures)
