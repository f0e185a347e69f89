"""Reading an input file from outside: a regular file, of a size printprog can handle.

Every importer and the attendee reader read through here, so each refuses the same things
with the same one-line error: a FIFO (``open`` would wait for a writer forever), a device
(``/dev/zero`` never ends), a folder, and a file over :data:`MAX_BYTES` (a 3 GB CSV would
need 15 GB to parse). The file is opened without blocking and checked on the open descriptor,
then read at most one byte past the limit, so a file that grows while read is caught too.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from pathlib import Path

from .errors import DataError, Problem

#: Largest input file: far above any real schedule (a 5,000-talk event is 9 MB of YAML, 100,000
#: attendees 6 MB of CSV), far below what would take minutes or gigabytes to parse.
MAX_BYTES = 32 * 2**20


def read_bytes(path: Path, limit: int = MAX_BYTES) -> bytes:
    """The bytes of the regular file at ``path``, at most ``limit`` of them, else DataError."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise DataError(Problem(f"cannot read: {exc.strerror}", file=path)) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise DataError(Problem("not a regular file", file=path,
                                    hint="pass a file, not a pipe, a device or a folder"))
        if info.st_size > limit:
            raise _too_big(path, info.st_size, limit)
        with os.fdopen(os.dup(fd), "rb") as fh:
            data = fh.read(limit + 1)
    except OSError as exc:
        raise DataError(Problem(f"cannot read: {exc.strerror}", file=path)) from None
    finally:
        os.close(fd)
    if len(data) > limit:
        raise _too_big(path, len(data), limit)
    return data


def read_text(path: Path, limit: int = MAX_BYTES, hint: str = "save the file as UTF-8") -> str:
    """The file as UTF-8 text (a byte-order mark dropped), else a located DataError."""
    data = read_bytes(path, limit)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError(Problem(f"not UTF-8 text ({exc.reason})", file=path,
                                hint=hint)) from None


def _too_big(path: Path, size: int, limit: int) -> DataError:
    return DataError(Problem(f"{size / 2**20:.1f} MB is more than the {limit // 2**20} MB "
                             "printprog reads", file=path, hint="is this the right file?"))


class Unconfined(Exception):
    """Why :func:`confined` refused a path. ``reason``: ``outside`` (by its name), ``missing``,
    ``loop`` (of symbolic links), ``unreadable`` (``detail``: the system's words), ``link``
    (a symbolic link out of the roots), ``special`` (not a regular file: ``mode``)."""

    def __init__(self, reason: str, detail: str = "", mode: int = 0):
        super().__init__(reason)
        self.reason, self.detail, self.mode = reason, detail, mode


def confined(path: Path, roots: Sequence[Path]) -> Path:
    """The real path of the regular file ``path``, which must lie inside one of ``roots``:
    by its name first ('..' or an absolute path elsewhere is refused without touching the
    disk), then in fact (no symbolic link out). What a data folder or theme names (photos,
    badge logos, fonts) cannot make a run read, and embed, files from elsewhere. Raises
    :class:`Unconfined`; each caller words the reason for its own kind of file."""
    candidate = Path(path).absolute()
    lexical = Path(os.path.normpath(candidate))
    if not any(lexical.is_relative_to(Path(os.path.normpath(Path(r).absolute())))
               for r in roots):
        raise Unconfined("outside")
    try:
        real = candidate.resolve(strict=True)
    except FileNotFoundError:
        raise Unconfined("missing") from None
    except RuntimeError:  # Python < 3.13 reports a symlink loop this way
        raise Unconfined("loop") from None
    except OSError as exc:  # a symlink loop (3.13), a name too long
        raise Unconfined("unreadable", exc.strerror or type(exc).__name__) from None
    if not any(real.is_relative_to(Path(r).resolve()) for r in roots):
        raise Unconfined("link")
    try:
        mode = os.stat(real).st_mode
    except OSError as exc:
        raise Unconfined("unreadable", exc.strerror or type(exc).__name__) from None
    if not stat.S_ISREG(mode):
        raise Unconfined("special", mode=mode)
    return real
