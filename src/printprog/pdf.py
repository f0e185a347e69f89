"""The one PDF writer: deterministic canvases, metadata, and atomic saving.

Every product writes through :func:`atomic_output`: the PDF goes to a temporary file in the
target folder and is renamed over the old one only when complete, so a failed or killed run
leaves the previous PDF (or none), never a half-written one. A failed, interrupted or
terminated run (the CLI turns SIGTERM into KeyboardInterrupt) removes its temporary file; one
left by a run killed outright (SIGKILL, power cut) is removed by the next run that writes
the same target, once the process that made it is gone. Only regular files are replaced: a
symbolic link, device, FIFO or folder where a file is to go is refused. A new file gets the
mode the umask gives (0666 less the umask, as any program's new file); a file rewritten keeps
its mode.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from reportlab import rl_config
from reportlab.pdfgen.canvas import Canvas

from .errors import PrintprogError

# Same input, same bytes: fixed dates and ids in every document.
rl_config.invariant = 1
# Text from data never makes reportlab fetch anything.
rl_config.trustedHosts = []
rl_config.trustedSchemes = []
# Binary streams, not ASCII85: smaller, and less to re-encode in print production. Set here,
# once, for every product (each imports this module before it draws), never per build.
rl_config.useA85 = 0


@dataclass(frozen=True)
class Meta:
    title: str
    author: str
    subject: str
    keywords: str = ""


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
            if not pid.isdigit() or int(pid) == os.getpid() or _alive(int(pid)):
                continue  # another run writing the same file right now: leave it alone
            with contextlib.suppress(OSError):
                os.unlink(entry.path)


def _alive(pid: int) -> bool:
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


@contextlib.contextmanager
def atomic_output(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; rename it over ``target`` on success."""
    target = Path(target)
    _refuse_special(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise PrintprogError(f"{target.parent}: cannot create folder: {exc.strerror}") from None
    _remove_stale(target)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f"{_tmp_prefix(target)}{os.getpid()}.",
                                        suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise PrintprogError(f"{target}: cannot write: {exc.strerror}") from None
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        _install(tmp, target)
    except OSError as exc:
        raise PrintprogError(f"{target}: cannot write: {exc.strerror}") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def set_meta(canvas: Canvas, meta: Meta) -> None:
    canvas.setTitle(meta.title)
    canvas.setAuthor(meta.author)
    canvas.setSubject(meta.subject)
    canvas.setCreator("printprog")
    canvas.setProducer("printprog")
    if meta.keywords:
        canvas.setKeywords(meta.keywords)


def new_canvas(path: Path, pagesize: tuple[float, float], meta: Meta) -> Canvas:
    from .fonts import register

    register()  # before the canvas exists, so its starting font is a bundled one
    canvas = Canvas(str(path), pagesize=pagesize, invariant=1, pageCompression=1)
    set_meta(canvas, meta)
    return canvas
