"""A printed printprog PDF as a data source: the schedule it carries (:mod:`printprog.source`)
read back through the same strict reader and validator as a data folder."""

from __future__ import annotations

from pathlib import Path

from ..errors import PrintprogError
from ..model import Conference
from ..source import FILENAME, _parts, is_pdf


def printed(path: Path, flag: str) -> Conference:
    """The schedule of the PDF given with ``flag`` (--since, --changed-since): one line when
    it is missing or not a PDF."""
    if not path.exists():
        raise PrintprogError(f"{path}: no such file; pass the printed booklet with {flag}")
    if not is_pdf(path):
        raise PrintprogError(f"{path}: not a PDF; pass the printed booklet with {flag}")
    return load_pdf(path)


def load_pdf(path: Path) -> Conference:
    """The Conference a printprog PDF was made from. Photos are looked for beside the PDF."""
    from .yaml_dir import from_documents

    _, docs = _parts(path)
    label = f"{path} ({FILENAME})"
    return from_documents(docs, path.parent, {name: label for name in docs})
