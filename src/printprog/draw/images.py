"""Speaker photos, checked before use: a photo is data, and data may be hostile.

Contract: :func:`open_photo` returns the photo as a loaded RGB :class:`PIL.Image.Image`, or
``None`` after ONE warning on the report that names the speaker (``what``), the photo and
the reason, so the caller prints initials instead. It never raises for a bad photo and never
blocks. A photo is used only when all of these hold, checked in this order:

1. It lies inside the data folder ``root``: no ``..`` that climbs out, no absolute path
   elsewhere, no symlink (of the file or of a folder on the way) that points out.
2. It is a regular file: FIFOs, devices, sockets and folders are refused from ``stat``,
   before anything opens them (opening a FIFO would wait for a writer forever).
3. It is at most :data:`MAX_BYTES` on disk.
4. Its content (not its extension) is JPEG, PNG or WebP.
5. Its header claims at most :data:`MAX_PIXELS`; decompression bombs are refused from the
   header, before a pixel is decoded.
6. It decodes completely: a truncated file is an error (``LOAD_TRUNCATED_IMAGES`` stays
   False; it is Pillow's global and this module never sets it).

What comes back is upright (EXIF orientation applied), RGB (CMYK converted, 16-bit grey
scaled, transparency flattened on white). A print pipeline that wants CMYK converts it.
"""

from __future__ import annotations

import contextlib
import functools
import io
import os
import stat
import warnings
from collections.abc import Iterable
from pathlib import Path

from PIL import Image

from ..core.inputs import Unconfined, confined
from ..core.report import Report

MAX_BYTES = 20 * 1024 * 1024
MAX_PIXELS = 40_000_000
#: Pillow format names accepted; identification is by content.
FORMATS = ("JPEG", "PNG", "WEBP")


MISSING = "is missing"


class Refused(Exception):
    """Why a photo cannot be used, as a phrase that follows the photo's name."""


def open_photo(path: Path, root: Path, report: Report, what: str,
               size: int | None = None) -> Image.Image | None:
    """The photo at ``path`` checked and decoded; ``None`` and one warning when it cannot be
    used. ``path`` is what the model holds (the data folder joined with the photo's name), so
    a relative ``path`` and ``root`` are both relative to the working directory.

    ``size``: the caller needs at least this many pixels on the short side; a large JPEG
    is then decoded at a reduced scale (faster, and a fraction of the memory)."""
    try:
        return load(path, root, size)
    except Refused as exc:
        report.warn(f"{what}: photo {_shown(path, root)} {exc}; initials are printed instead")
        return None


def load(path: Path, root: Path, size: int | None = None) -> Image.Image:
    """:func:`open_photo` without the report: raise :class:`Refused` with the reason."""
    data = _read(inside(Path(path), Path(root)))
    with warnings.catch_warnings():
        # Pillow warns (and at twice its limit raises) about huge images; our own, lower
        # limit below is the one that decides, so its warning would only be noise.
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data), formats=FORMATS)
        except Image.DecompressionBombError:
            raise Refused(f"claims too many pixels (the limit is {MAX_PIXELS // 10**6} "
                          "million)") from None
        except Exception:  # Pillow raises many types for bytes that are not an image
            raise Refused("is not a JPEG, PNG or WebP image") from None
        width, height = image.size
        if width * height > MAX_PIXELS:
            raise Refused(f"is {width}\u00d7{height} pixels, over the limit of "
                          f"{MAX_PIXELS // 10**6} million")
        if width < 1 or height < 1:
            raise Refused("has no pixels")
        try:
            if size and image.format == "JPEG":
                image.draft("RGB", (size, size))  # decode at 1/2, 1/4 or 1/8 scale
            image.load()
            from PIL import ImageOps  # loads Pillow whole: only when there is a photo

            image = ImageOps.exif_transpose(image)
            return _rgb(image)
        except Exception as exc:  # truncated or corrupt data: OSError, SyntaxError, ...
            detail = str(exc).split("\n")[0][:80] or type(exc).__name__
            raise Refused(f"cannot be decoded ({detail})") from None


@functools.lru_cache(maxsize=64)
def checked_file(path: Path, root: Path) -> Path:
    """The real path of an image a layout names (a badge logo), after every check
    :func:`load` makes; raise :class:`Refused`. Cached: 10,000 badges check their logo once.
    The file is drawn from this path, so a PNG keeps its transparency."""
    load(path, root)
    return inside(Path(path), Path(root))


def find(name: str, roots: Iterable[Path | None]) -> Path:
    """The checked image ``name`` in the first of ``roots`` that has it (see
    :func:`checked_file`); :class:`Refused` with the reason when none has it, or the first
    file found fails a check."""
    for root in roots:
        if root is None:
            continue
        try:
            return checked_file(Path(root) / name, Path(root))
        except Refused as exc:
            if str(exc) != MISSING:
                raise
    raise Refused(MISSING)


def inside(path: Path, root: Path) -> Path:
    """The real path of the photo (or logo), checked to be a regular file inside ``root``;
    :class:`Refused` with the reason."""
    try:
        return confined(path, [root])
    except Unconfined as exc:
        raise Refused({
            "outside": "is outside the data folder (write a path relative to it)",
            "missing": MISSING,
            "loop": "cannot be read (a symlink loop)",
            "unreadable": f"cannot be read ({exc.detail})",
            "link": "is a link to a file outside the data folder",
            "special": f"is not a regular file (it is a {_kind(exc.mode)})",
        }[exc.reason]) from None


def _read(real: Path) -> bytes:
    """The file's bytes, at most MAX_BYTES. Opened non-blocking and without following a
    link, then checked again from the open descriptor: the file may have been swapped for
    a FIFO or a link since it was looked at."""
    try:
        fd = os.open(real, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
    except OSError as exc:
        raise Refused(f"cannot be read ({exc.strerror})") from None
    with open(fd, "rb", closefd=True) as fh:
        info = os.fstat(fh.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise Refused(f"is not a regular file (it is a {_kind(info.st_mode)})")
        if info.st_size > MAX_BYTES:
            raise Refused(f"is {info.st_size / 2**20:.0f} MB, over the limit of "
                          f"{MAX_BYTES // 2**20} MB")
        data = fh.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:  # grew while being read
        raise Refused(f"is over the limit of {MAX_BYTES // 2**20} MB")
    if not data:
        raise Refused("is empty")
    return data


def _rgb(image: Image.Image) -> Image.Image:
    """RGB for any mode Pillow decodes these formats to; transparency flattened on white."""
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):
        # 16-bit grey: Pillow's own conversion clips to white; scale to 8 bits instead.
        image = image.convert("I").point(lambda v: v * (1 / 257)).convert("L")
    if image.mode == "P" and "transparency" in image.info:
        image = image.convert("RGBA")
    if image.mode in ("RGBA", "LA", "PA", "RGBa", "La"):
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", rgba.size, (255, 255, 255))
        flat.paste(rgba, mask=rgba.getchannel("A"))
        return flat
    return image.convert("RGB") if image.mode != "RGB" else image


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "FIFO"), (stat.S_ISDIR, "folder"),
                       (stat.S_ISCHR, "character device"), (stat.S_ISBLK, "block device"),
                       (stat.S_ISSOCK, "socket"), (stat.S_ISLNK, "link")):
        if test(mode):
            return name
    return "special file"


def _shown(path: Path, root: Path) -> str:
    """The photo's name as the organiser wrote it: relative to the data folder if inside."""
    with contextlib.suppress(ValueError):
        return Path(path).relative_to(root).as_posix()
    return str(path)
