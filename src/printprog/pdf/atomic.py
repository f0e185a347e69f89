"""Atomic saving: every file printprog writes (PDF, ICS, PNG) becomes visible whole or not
at all.

Every file goes through :func:`atomic_output`: to a
temporary file of its own in the target folder (a unique name per run, so two runs on one
target never share one), renamed over the old file only when complete. Inside an output
:func:`transaction` (every command of the CLI, and :func:`printprog.render.render`) even that
rename waits: the complete files are *staged*, the later steps of the run (print production,
the booklet's spreads, preflight) read them back with :func:`latest`, and the renames happen
together, once, after every step succeeded. So a failed, interrupted or killed run leaves
every previous file (or none), never a half-written, pre-production or partial set.

A failed, interrupted or terminated run (the CLI turns SIGTERM and SIGHUP into
KeyboardInterrupt) removes its temporary files; one left by a run killed outright (SIGKILL,
power cut) is removed by the next run that writes the same target, once the process that
made it is gone. Only regular files are replaced: a symbolic link, device, FIFO or folder
where a file is to go is refused. A new file gets the mode the umask gives (0666 less the
umask); a file rewritten keeps its mode.

A document may also wait unsaved (:func:`deferred_saves`, :func:`defer_save`): print
production finishes it in memory before its one save (production/direct.py). Nothing here
draws or reads PDF: an ICS export imports no PDF library.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import os
import stat
import tempfile
from collections.abc import Callable, Iterator, Mapping
from dataclasses import field
from pathlib import Path
from typing import Protocol

from ..core import stops
from ..core.errors import PrintprogError
from ..core.records import Record, record


def _tmp_prefix(target: Path) -> str:
    """Hidden, named after the target (cut short so the temporary name stays under the file
    system's 255 bytes), then the writing process's id: ``.booklet.pdf.4242.k3j9.tmp``."""
    return f".{target.name.encode()[:120].decode(errors='ignore')}."


def _remove_stale(target: Path) -> None:
    """Remove temporary files of ``target`` whose writing process no longer exists."""
    prefix = _tmp_prefix(target)
    with contextlib.suppress(OSError):
        for entry in os.scandir(target.parent):
            name = entry.name
            if not (name.startswith(prefix) and name.endswith(".tmp")):
                continue
            pid = name[len(prefix):].split(".", 1)[0]
            if not pid.isdigit() or int(pid) == os.getpid() or pid_alive(int(pid)):
                continue  # another run writing the same file right now: leave it alone
            with contextlib.suppress(OSError):
                os.unlink(entry.path)


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True  # another user's process (or not a pid at all): not ours to judge
    return True


def _refuse_special(target: Path) -> None:
    """A one-line error when ``target`` exists and is not a regular file: renaming over a
    symbolic link, a device (/dev/stdout, /dev/full), a FIFO or a folder would replace it."""
    try:
        mode = os.lstat(target).st_mode
    except (FileNotFoundError, NotADirectoryError):
        return  # nothing there yet (or no folder: said when it is created)
    except OSError as exc:
        raise PrintprogError(f"{target}: cannot write: {exc.strerror}") from None
    if stat.S_ISREG(mode):
        return
    kind = ("a symbolic link" if stat.S_ISLNK(mode) else "a folder" if stat.S_ISDIR(mode)
            else "a FIFO" if stat.S_ISFIFO(mode) else "a device or socket")
    raise PrintprogError(f"{target}: cannot write: it is {kind}, not a regular file, and is "
                         "left alone; choose another output path")


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _install(tmp: Path, target: Path) -> None:
    """Rename the complete ``tmp`` over ``target``, with the mode ``target`` has (a new
    file: what the umask gives, as for any file a program creates)."""
    _refuse_special(target)  # again: something may have appeared since the run began
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    os.chmod(tmp, mode)
    os.replace(tmp, target)


def _key(target: Path) -> Path:
    return Path(os.path.abspath(target))


class Deferrable(Protocol):
    """A document whose save can wait for print production: :class:`PrintCanvas`, or a
    booklet joined from parts (:mod:`printprog.pdf.joindrawn`)."""

    def save_now(self) -> None: ...


@record
class Transaction(Record):
    """The files of one run, complete and waiting for their renames: target -> temporary."""

    pid: int = field(default_factory=os.getpid)
    staged: dict[Path, Path] = field(default_factory=dict)
    #: While True (:func:`deferred_saves`), a :class:`PrintCanvas` saved to a file waits here
    #: (its temporary path -> the canvas) for print production to finish it before it is
    #: written: :func:`take`.
    deferring: bool = False
    pending: dict[Path, Deferrable] = field(default_factory=dict)
    #: The temporary files :func:`atomic_output` blocks are writing now: only a canvas saved
    #: to one of them may wait (a file of parts to join, say, is read by its own name).
    writing: set[Path] = field(default_factory=set)

    def defer(self, tmp: Path, canvas: Deferrable) -> None:
        """Keep ``canvas`` unsaved until :func:`take` or a :meth:`flush`. One waits at a
        time: a product writing many files (a sign per room) holds one document in memory,
        never all of them; the earlier one is written as it is."""
        self.flush()
        self.pending[tmp] = canvas

    def flush(self, tmp: Path | None = None) -> None:
        """Write the waiting canvases (or ``tmp``'s) as they are: something is about to read
        the file, or the run ends."""
        for key in [tmp] if tmp is not None else list(self.pending):
            canvas = self.pending.pop(key, None)
            if canvas is not None:
                self.save(key, canvas)

    def save(self, tmp: Path, canvas: Deferrable) -> None:
        """Write ``canvas`` to its staged file ``tmp``; a failure names the target."""
        try:
            canvas.save_now()
        except OSError as exc:
            target = next((t for t, s in self.staged.items() if s == tmp), tmp)
            raise PrintprogError(f"{target}: cannot write: {exc.strerror}") from None

    def stage(self, target: Path, tmp: Path) -> None:
        with stops.held():  # an interrupt between the two lines would lose ``old``
            old = self.staged.get(_key(target))
            self.staged[_key(target)] = tmp
            if old is not None and old != tmp:  # a later step's version of the same file
                with contextlib.suppress(FileNotFoundError):
                    old.unlink()

    def commit(self) -> None:
        """Every staged file renamed over its target. Ctrl-C, SIGTERM or SIGHUP before the
        first rename stops the run with nothing replaced (:func:`stops.check`: also one a
        library swallowed); once one file is replaced, they are held until the others are
        too (then delivered): the set changes whole."""
        stops.check()
        self.flush()
        with contextlib.ExitStack() as after_first:
            for k, (target, tmp) in enumerate(list(self.staged.items())):
                try:
                    _install(tmp, target)
                except OSError as exc:
                    raise PrintprogError(f"{target}: cannot write: {exc.strerror}") from None
                del self.staged[target]
                if k == 0:
                    after_first.enter_context(stops.held())

    def abort(self) -> None:
        """Remove what is still staged: the previous files stay as they were."""
        self.pending.clear()
        for tmp in self.staged.values():
            with contextlib.suppress(OSError):
                tmp.unlink()
        self.staged.clear()

    def handover(self) -> dict[Path, Path]:
        """What is staged, for another process's transaction to :func:`adopt`; forgotten
        here (a ``--jobs`` worker's files belong to the run that started it)."""
        staged, self.staged = self.staged, {}
        return staged


#: This thread's open transaction (a context variable: another thread's run, through the
#: library, has its own or none).
_current: contextvars.ContextVar[Transaction | None] = contextvars.ContextVar(
    "printprog_transaction", default=None)


def _active() -> Transaction | None:
    """The transaction of this process (a forked worker inherits its parent's, not its)."""
    current = _current.get()
    return current if current is not None and current.pid == os.getpid() else None


@contextlib.contextmanager
def transaction(commit: bool = True) -> Iterator[Transaction]:
    """Stage every :func:`atomic_output` inside; on leaving without an error, rename them all
    (with ``commit``); on an error, remove them. Nested, the outermost one commits."""
    outer = _active()
    if outer is not None:
        yield outer
        return
    mine = Transaction()
    token = _current.set(mine)
    try:
        yield mine
        if commit:
            mine.commit()
    finally:
        _current.reset(token)
        mine.abort()


def adopt(staged: Mapping[Path, Path]) -> None:
    """Take over files another process staged (:meth:`Transaction.handover`): into this
    process's transaction, or renamed now when there is none."""
    active = _active()
    for target, tmp in staged.items():
        if active is not None:
            active.stage(target, tmp)
        else:
            try:
                _install(tmp, target)
            except OSError as exc:
                raise PrintprogError(f"{target}: cannot write: {exc.strerror}") from None


def latest(path: Path) -> Path:
    """Where the newest content of ``path`` is: its staged temporary file while the run's
    transaction is open, else the file itself. What a step reads the previous step's file
    by (print production, the spreads, preflight)."""
    active = _active()
    if active is None:
        return Path(path)
    staged = active.staged.get(_key(path), Path(path))
    active.flush(staged)  # a canvas waiting to be saved there is written first
    return staged


@contextlib.contextmanager
def deferred_saves() -> Iterator[None]:
    """Inside the open transaction: a :class:`PrintCanvas` saved to a file is not written
    yet; print production takes it (:func:`take`) and finishes it in memory, which spares
    reading the file back and writing it again. Whatever is not taken is written when
    something reads the file (:func:`latest`), when the next canvas waits, or on leaving."""
    active = _active()
    if active is None or active.deferring:
        yield
        return
    active.deferring = True
    try:
        yield
        active.flush()
    finally:
        active.deferring = False


def defer_save(tmp: Path, document: Deferrable) -> None:
    """``document`` (a :class:`PrintCanvas`, or a file joined from parts) kept unwritten for
    print production when it is saved inside :func:`deferred_saves` to a file an
    :func:`atomic_output` block is writing; else written now."""
    active = _active()
    if active is not None and active.deferring and tmp in active.writing:
        active.defer(tmp, document)
    else:
        document.save_now()


def take(path: Path) -> Taken | None:
    """The canvas waiting to be saved as ``path``'s staged file, now the caller's to save
    (:attr:`Taken.save`); None when none waits."""
    active = _active()
    if active is None:
        return None
    tmp = active.staged.get(_key(path), Path(path))
    canvas = active.pending.pop(tmp, None)
    return None if canvas is None else Taken(canvas, functools.partial(active.save, tmp, canvas))


@record(frozen=True)
class Taken(Record):
    """A canvas :func:`take` handed over, and how to write it to its staged file."""

    canvas: Deferrable
    save: Callable[[], None]


@contextlib.contextmanager
def atomic_output(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; on success rename it over ``target`` (inside
    a :func:`transaction`: stage it for the transaction's commit)."""
    target = Path(target)
    _refuse_special(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise PrintprogError(f"{target.parent}: cannot create folder: {exc.strerror}") from None
    _remove_stale(target)
    tmp: Path | None = None
    try:
        with stops.held():  # the file and the name that removes it, made together
            tmp = _make_tmp(target)
        active = _active()
        if active is not None:
            active.writing.add(tmp)
        try:
            yield tmp
        finally:
            if active is not None:
                active.writing.discard(tmp)
        active = _active()
        if active is None:
            _install(tmp, target)
            tmp = None
        else:
            with stops.held():  # staged, and no longer this block's to remove, at once
                active.stage(target, tmp)
                tmp = None
    except OSError as exc:
        raise PrintprogError(f"{target}: cannot write: {exc.strerror}") from None
    finally:
        if tmp is not None:
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()


#: A ``--jobs`` worker's list of the temporary files it makes (:func:`keep_ledger`).
_ledger: Path | None = None


def keep_ledger(path: Path) -> None:
    """In a ``--jobs`` worker: note the name of every temporary file in ``path`` before the
    file is made, so the run that stops the worker mid-draw (SIGKILL: no ``finally`` runs)
    removes them all (:func:`remove_listed`)."""
    global _ledger
    _ledger = Path(path)


def _make_tmp(target: Path) -> Path:
    prefix = f"{_tmp_prefix(target)}{os.getpid()}."
    if _ledger is None:
        fd, name = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=target.parent)
        os.close(fd)
        return Path(name)
    for _ in range(100):  # mkstemp's way, with the name noted before the file exists
        tmp = target.parent / f"{prefix}{os.urandom(6).hex()}.tmp"
        line = os.fsencode(str(tmp.absolute())) + b"\n"
        fd = os.open(_ledger, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            os.write(fd, line)
        finally:
            os.close(fd)
        try:
            os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        except FileExistsError:
            continue
        return tmp
    raise FileExistsError(f"no free temporary name beside {target}")


def remove_listed(ledger: Path) -> None:
    """Remove the temporary files ``ledger`` lists (workers just killed made them) that this
    process's transaction has not adopted."""
    try:
        names = Path(ledger).read_bytes().splitlines()
    except FileNotFoundError:
        return
    active = _active()
    adopted = {Path(p).absolute() for p in active.staged.values()} if active else set()
    for name in names:
        path = Path(os.fsdecode(name))
        if path.name.endswith(".tmp") and path not in adopted:
            with contextlib.suppress(OSError):
                path.unlink()
