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
- ``Canvas._code``, the page's operator list (:func:`append_ops`, for qr.py).
"""

from __future__ import annotations

from reportlab.platypus.paragraph import _processed_frags, cleanBlockQuotedText, split, strip

__all__ = ["PARAGRAPH_LINE_ATTRIBUTES", "_processed_frags", "append_ops",
           "cleanBlockQuotedText", "split", "strip"]

#: What ``Paragraph.breakLines`` leaves on the paragraph beside the lines it returns.
PARAGRAPH_LINE_ATTRIBUTES = ("_width_max", "_splitLongWordCount", "_hyphenations")


def append_ops(canvas, ops: str) -> None:
    """Add ready-made PDF operators to the canvas's current page (a whole QR code as one
    path: one string instead of thousands of rect calls)."""
    canvas._code.append(ops)
