"""Every use printprog makes of reportlab's private names, in one place.

reportlab gives no public way to do these, and they make the booklet 2-3x faster or the QR
codes exact; pyproject.toml pins reportlab to the versions tested with them, and
tests/test_rlprivate.py fails loudly, naming the name, when a reportlab release changes one.

Used:

- ``reportlab.platypus.paragraph``: ``_processed_frags``, ``cleanBlockQuotedText``,
  ``split`` and ``strip`` (layout/paragraph.py: the one-style fast path of its
  Paragraph subclass parses and breaks lines as reportlab would);
- the attributes ``Paragraph.breakLines`` sets: ``_width_max``, ``_splitLongWordCount``,
  ``_hyphenations`` (layout/paragraph.py caches them with the lines);
- ``BaseDocTemplate._endBuild`` and its ``_doSave`` flag (products/booklet.py fills the page
  number forms before the document is saved);
- ``Canvas._code``, the page's operator list (:func:`append_ops`, for qr.py);
- ``Canvas._absRect``, ``Canvas._bookmarkReference`` and ``Canvas._addAnnotation``
  (:func:`link`: a link annotation as one ready-made dictionary, for every link the
  booklet and the grids make).
"""

from __future__ import annotations

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase.pdfdoc import PDFObject, PDFString
from reportlab.platypus.paragraph import _processed_frags, cleanBlockQuotedText, split, strip

__all__ = ["PARAGRAPH_LINE_ATTRIBUTES", "_processed_frags", "append_ops",
           "cleanBlockQuotedText", "link", "split", "strip"]

#: What ``Paragraph.breakLines`` leaves on the paragraph beside the lines it returns.
PARAGRAPH_LINE_ATTRIBUTES = ("_width_max", "_splitLongWordCount", "_hyphenations")


def append_ops(canvas, ops: str) -> None:
    """Add ready-made PDF operators to the canvas's current page (a whole QR code as one
    path: one string instead of thousands of rect calls)."""
    canvas._code.append(ops)


class _Link(PDFObject):
    """A link annotation written in one pass: the dictionary ``Canvas.linkRect`` and
    ``linkURL`` make (no border), as one byte string instead of a tree of PDF objects each
    formatted on its own (7,500 links took 1.7 s of a 1,000-talk booklet's save)."""

    __slots__ = ("destination", "rect", "url")

    def __init__(self, rect, destination=None, url: str | None = None):
        self.rect, self.destination, self.url = rect, destination, url

    def format(self, document) -> bytes:
        if self.destination is not None:
            target = b"/Dest " + self.destination.format(document)
        else:
            target = (b"/A << /S /URI /Type /Action /URI "
                      + PDFString(self.url).format(document) + b" >>")
        return b"".join((b"<< ", target, b" /Border [ 0 0 0 ] /Contents () /Rect [ ",
                         fp_str(*self.rect).encode("ascii"),
                         b" ] /Subtype /Link /Type /Annot >>"))


def link(canvas, rect: tuple[float, float, float, float], target: str) -> None:
    """A borderless link over ``rect`` (in the current user space, as ``relative=1``) to
    ``target``: "#name" (a bookmark of this document, which may be placed later) or a URL.
    The same annotation as ``canvas.linkRect`` / ``linkURL`` with ``thickness=0``."""
    box = canvas._absRect(rect, 1)
    if target.startswith("#"):
        annotation = _Link(box, destination=canvas._bookmarkReference(target[1:]))
    else:
        annotation = _Link(box, url=target)
    canvas._addAnnotation(annotation)
