"""The one PDF canvas: deterministic documents with their metadata, saved atomically
(:mod:`.atomic`) and deflated by :mod:`.flate`.
"""

from __future__ import annotations

from pathlib import Path

from reportlab import rl_config
from reportlab.pdfgen.canvas import Canvas

from ..core.records import Record, record
from .atomic import defer_save

# Same input, same bytes: fixed dates and ids in every document.
rl_config.invariant = 1
# Text from data never makes reportlab fetch anything.
rl_config.trustedHosts = []
rl_config.trustedSchemes = []
# Binary streams, not ASCII85: smaller, and less to re-encode in print production. Set here,
# once, for every product (each imports this module before it draws), never per build.
rl_config.useA85 = 0


@record(frozen=True)
class Meta(Record):
    title: str
    author: str
    subject: str
    keywords: str = ""


def set_meta(canvas: Canvas, meta: Meta) -> None:
    canvas.setTitle(meta.title)
    canvas.setAuthor(meta.author)
    canvas.setSubject(meta.subject)
    canvas.setCreator("printprog")
    canvas.setProducer("printprog")
    if meta.keywords:
        canvas.setKeywords(meta.keywords)


class PrintCanvas(Canvas):
    """The canvas every product draws on. Saved inside :func:`deferred_saves`, it waits
    for print production instead of writing its file (:meth:`Transaction.defer`)."""

    def save(self) -> None:
        from ..draw.rlprivate import file_name

        name = file_name(self)
        if isinstance(name, str):
            defer_save(Path(name), self)
        else:  # a file object (a budget's trial layout in memory): never waits
            self.save_now()

    def save_now(self) -> None:
        """Write the file now, its streams deflated by :func:`.flate.compress`."""
        from ..draw.rlprivate import flate_by
        from .flate import compress

        with flate_by(compress):
            super().save()


def new_canvas(path: Path, pagesize: tuple[float, float], meta: Meta) -> PrintCanvas:
    from ..draw.fonts import register

    register()  # before the canvas exists, so its starting font is a bundled one
    canvas = PrintCanvas(str(path), pagesize=pagesize, invariant=1, pageCompression=1)
    set_meta(canvas, meta)
    return canvas
