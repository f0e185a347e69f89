"""Platypus pieces shared by flowing products: anchors that know their page, vector QR
codes, speaker avatars (photo or initials disc), a heading that goes with the start of what
follows it, and a whole-frame day grid.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

from PIL import Image as PILImage
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, Table, TableStyle

from ..core.report import Report
from ..draw import fonts, images, qr, rlprivate
from ..schedule.model import Speaker
from ..theme.loader import TextStyle, Theme
from .pageref import PageRefs


def table(rows, col_widths, commands, **kwargs) -> Table:
    """A platypus Table that never switches the canvas to Helvetica (its default cell font),
    which would then be used, unembedded, on every later page."""
    t = Table(rows, colWidths=col_widths, **kwargs)
    t.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), "Sans"), *commands]))
    return t


class Anchor(Flowable):
    """Zero-size mark: a link destination, an optional outline entry, and the page it landed
    on (written to ``pages`` when drawn, so page references use where it really is)."""

    _ZEROSIZE = 1

    def __init__(self, key: str, pages: dict[str, int], outline: str | None = None,
                 level: int = 0):
        super().__init__()
        self.key, self.pages, self.outline, self.level = key, pages, outline, level
        self.width = self.height = 0

    def wrap(self, availWidth, availHeight):
        return 0, 0

    def draw(self):
        canvas = self.canv
        self.pages[self.key] = canvas.getPageNumber()
        canvas.bookmarkHorizontal(self.key, 0, 0)
        if self.outline:
            canvas.addOutlineEntry(self.outline, self.key, self.level, closed=self.level > 0)


class Later(Flowable):
    """Stands for flowables made when the layout reaches it; the document template puts
    what ``make(page)`` returns in its place (``page``: the page in progress). The booklet's
    back matter is made so, to print the pages the talks took; the notes, to count the
    pages before them; and each talk, so that only what is being laid out holds parsed
    paragraphs (a 5,000-talk story made up front held hundreds of MB)."""

    _ZEROSIZE = 1

    def __init__(self, make: Callable[[int], list[Flowable]]):
        super().__init__()
        self.make = make

    def wrap(self, availWidth, availHeight):
        return 0, 0

    def draw(self):
        pass


class HeadWith(Flowable):
    """``head`` (a heading) on top of ``body``, parted only where ``body`` parts, so the
    heading is never left at the foot of a page or column: it goes on with the start of
    ``body`` (what ``body``'s own split keeps together, e.g. a portrait and the first lines
    beside it). platypus' keepWithNext does not group a heading with a KeepTogether, and a
    conditional break can only guess the height the start needs."""

    def __init__(self, head: Flowable, body: Flowable):
        super().__init__()
        self.head, self.body = head, body

    def _head_height(self, width: float) -> float:
        return self.head.wrapOn(self.canv, width, 1e9)[1] + self.head.getSpaceAfter()

    def wrap(self, availWidth, availHeight):
        top = self._head_height(availWidth)
        self.width = availWidth
        self.height = top + self.body.wrapOn(self.canv, availWidth, availHeight - top)[1]
        return self.width, self.height

    def getSpaceBefore(self):
        return self.head.getSpaceBefore()

    def getSpaceAfter(self):
        return self.body.getSpaceAfter()

    def split(self, availWidth, availHeight):
        top = self._head_height(availWidth)
        if top >= availHeight:
            return []
        # The body decides what of it may go on alone, as at the top of a frame if we are.
        self.body._frame = getattr(self, "_frame", None)
        parts = self.body.splitOn(self.canv, availWidth, availHeight - top)
        if len(parts) < 2:
            return []
        return [HeadWith(self.head, parts[0]), *parts[1:]]

    def draw(self):
        top = self._head_height(self.width)
        self.head.drawOn(self.canv, 0, self.height - self.head.height)
        self.body.drawOn(self.canv, 0, self.height - top - self.body.height)


class _FixedSize(Flowable):
    """What ImageAndFlowables asks of its image: a size that does not change."""

    def _restrictSize(self, aW, aH):
        return self.width, self.height

    def _unRestrictSize(self):
        return None


class QRFlowable(_FixedSize):
    """A vector QR code whose symbol is ``side`` points square; the quiet zone (4 modules of
    white) is added around it, so the flowable is a little larger."""

    def __init__(self, data: str, side: float, colour=None, report: Report | None = None,
                 what: str = "", min_side_mm: float = 0.0, level: str = "M"):
        super().__init__()
        n = qr.modules(data, level)
        self.data, self.colour, self.side, self.level = data, colour, side, level
        self.size = side * n / (n - 2 * qr.QUIET)
        self.width = self.height = self.size
        self.report, self.what, self.min_side_mm = report, what, min_side_mm

    def wrap(self, availWidth, availHeight):
        return self.size, self.size

    def draw(self):
        unit = qr.draw(self.canv, 0, 0, self.size, self.data, self.level, colour=self.colour)
        if self.report is not None:
            self.report.note_qr(self.what, self.side, unit, min_side_mm=self.min_side_mm)


def _photo_bytes(image: PILImage.Image, size_pt: float, mode: str = "RGB") -> bytes:
    """The photo (checked, upright RGB from :func:`images.open_photo`) cropped to a centred
    square, scaled to 300 ppi at its printed size (never up: a small photo keeps its pixels,
    and preflight reports its resolution), as a JPEG in ``mode`` ("RGB" or "CMYK")."""
    side = min(image.size)
    left, top = (image.width - side) // 2, (image.height - side) // 2
    image = image.crop((left, top, left + side, top + side))
    pixels = max(1, min(side, round(size_pt / 72 * 300)))
    image = image.resize((pixels, pixels), PILImage.Resampling.LANCZOS).convert(mode)
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=90, optimize=False)
    return out.getvalue()


class Avatar(_FixedSize):
    """A speaker's photo, clipped round; or their initials on a tinted disc. The photo is
    embedded in the theme's colour mode (CMYK for print) and noted in the report with its
    effective resolution, so preflight can name a photo that is too coarse."""

    def __init__(self, speaker: Speaker, size: float, theme: Theme, style: TextStyle,
                 report: Report, root: Path | None = None):
        super().__init__()
        self.speaker, self.size, self.theme, self.style = speaker, size, theme, style
        self.report = report
        self.width = self.height = size
        self.image: ImageReader | None = None
        photo = speaker.photo
        if photo is not None:
            # Checked before use (inside the data folder ``root``, a real JPEG/PNG/WebP, no
            # bomb); a refused photo is one warning naming the speaker, and initials.
            # Without a data folder the photo's own folder is the boundary.
            image = images.open_photo(photo, root or photo.absolute().parent, report,
                                      f"speaker {speaker.id} '{speaker.name}'",
                                      size=round(size / 72 * 300))
            if image is not None:
                mode = "CMYK" if theme.colour_mode == "cmyk" else "RGB"
                self.image = ImageReader(io.BytesIO(_photo_bytes(image, size, mode)))

    def wrap(self, availWidth, availHeight):
        return self.size, self.size

    def draw(self):
        c, r = self.canv, self.size / 2
        if self.image is not None:
            c.saveState()
            path = c.beginPath()
            path.circle(r, r, r)
            c.clipPath(path, stroke=0, fill=0)
            c.drawImage(self.image, 0, 0, self.size, self.size)
            c.restoreState()
            pixels = self.image.getSize()[0]
            self.report.note_image(f"photo of {self.speaker.name} ({self.speaker.photo.name})",
                                   c.getPageNumber(), pixels / (self.size / 72))
            return
        c.setFillColor(self.theme.colour("disc"))
        c.circle(r, r, r, stroke=0, fill=1)
        text = self.speaker.initials
        s = self.style
        c.setFillColor(self.theme.colour("disc_text"))
        w = fonts.width(text, s.font, s.size)
        cap = fonts.ascent(s.font, s.size) * 0.68  # optical centre of capitals
        fonts.draw(c, r - w / 2, r - cap / 2, text, s.font, s.size)


class PageRef(Flowable):
    """A page reference standing alone in the flow (the contents' right column): the number
    without prefix, right-aligned in the width it is given, linked to its anchor."""

    def __init__(self, refs: PageRefs, key: str, style: TextStyle, colour):
        super().__init__()
        self.refs, self.key, self.style, self.colour = refs, key, style, colour

    def wrap(self, availWidth, availHeight):
        self.width, self.height = availWidth, self.style.leading
        return self.width, self.height

    def draw(self):
        s = self.style
        baseline = self.height - fonts.ascent(s.font, s.size)  # as a one-line Paragraph
        self.refs.draw(self.canv, self.width, baseline, self.key, s.font, s.size, self.colour,
                       prefix=False)
        room = self.refs.width(s.font, s.size, prefix=False)
        rlprivate.link(self.canv, (self.width - room, 0, self.width, self.height),
                       f"#{self.key}")
