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
- ``PDFTextObject._code``, ``_canvas`` and the fill colour and line state the canvas and
  text object keep (``_fillColorObj``, ``_lineWidth``, ``_lineJoin``): :func:`stroked_out`,
  a run drawn bold by stroking inside a shared text object;
- ``Canvas._absRect``, ``Canvas._bookmarkReference`` and ``Canvas._addAnnotation``
  (:func:`link`: a link annotation as one ready-made dictionary, for every link the
  booklet and the grids make; each destination formatted once per document, its bytes
  kept on the ``PDFDocument``);
- ``PDFTextObject._fontname``, ``_fontsize``, ``_leading``, ``_curSubset``, ``_x``,
  ``_code`` and ``_canvas``, ``Canvas._doc`` and ``_escape``, and a TrueType font's
  per-document ``state`` (``assignments``: character -> code in the font's subsets)
  (:func:`text_out`: ``textOut`` for text whose characters the document's font subset 0
  already holds, the same operators without reportlab's character-by-character split;
  the 1,000-talk booklet's largest single cost was that split; :func:`lines_out`, a text
  block's lines in one call, and :func:`draw_string`, ``drawString`` written the same
  way, use the same names, and ``_x0``, ``_y0`` and ``_y``);
- the fonts' internals: :mod:`printprog.draw.rlfonts` (TrueType fonts and faces);
- ``pdfdoc.PDFZCompress``, the one filter object every reportlab stream is deflated by
  (:func:`flate_by`: its ``encode`` shadowed for the duration of a save);
- ``Canvas._destinations`` (name -> ``pdfdoc.Destination``), a destination's ``fmt`` and
  ``page``, and ``PDFDocument.Catalog`` (:func:`name_destinations`: a booklet drawn in
  parts links to places in other parts by name, and lists its own places by name);
- text drawn in a page after it is shown: :mod:`printprog.draw.rllate` (a booklet part's
  folios and page references).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator

from reportlab.lib.rl_accel import escapePDF, fp_str
from reportlab.pdfbase import pdfdoc, ttfonts
from reportlab.pdfbase.pdfdoc import PDFName, PDFObject, PDFString
from reportlab.pdfbase.pdfmetrics import getFont

# Besides these, the names of _PARAGRAPH_NAMES (read on first use, below).
__all__ = [
    "PARAGRAPH_LINE_ATTRIBUTES",
        "append_ops",
    "document",
    "draw_string",
    "file_name",
    "fill_colour",
    "flate_by",
    "lines_out",
    "link",
    "name_destinations",
    "page_open",
    "stroked_out",
    "text_out",
]

#: What ``Paragraph.breakLines`` leaves on the paragraph beside the lines it returns.
PARAGRAPH_LINE_ATTRIBUTES = ("_width_max", "_splitLongWordCount", "_hyphenations")


#: The names taken from ``reportlab.platypus.paragraph``, read on first use (PEP 562): that
#: module compiles 30 ms of regular expressions at import, which only the booklet's
#: paragraphs need (a badge run never imports it).
_PARAGRAPH_NAMES = frozenset({"_processed_frags", "cleanBlockQuotedText", "split", "strip"})


def __getattr__(name: str):
    if name in _PARAGRAPH_NAMES:
        from reportlab.platypus import paragraph

        value = globals()[name] = getattr(paragraph, name)
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
            # Ten links lead to each talk: its destination is formatted once per document
            # (at save, when every page is bound, the same bytes each time).
            done = document.__dict__.setdefault("_printprog_destinations", {})
            formatted = done.get(self.destination)
            if formatted is None:
                formatted = done[self.destination] = self.destination.format(document)
            target = b"/Dest " + formatted
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


def fill_colour(canvas_or_text):
    """The fill colour currently set on a canvas or a text object (its own, else its
    canvas's)."""
    colour = getattr(canvas_or_text, "_fillColorObj", None)
    if colour is None and hasattr(canvas_or_text, "_canvas"):
        colour = canvas_or_text._canvas._fillColorObj
    return colour


def stroked_out(text_object, text: str, line_width: float) -> None:
    """``text`` at the text object's cursor filled and stroked in its fill colour (render
    mode 2: a regular face drawn as bold), then render mode, line width and join back as
    the canvas has them, since text state outlives the text object."""
    canvas = text_object._canvas
    text_object.setStrokeColor(fill_colour(text_object))
    text_object._code.append(f"{fp_str(line_width)} w 1 j 2 Tr")
    text_object.textOut(text)
    text_object._code.append(f"0 Tr {fp_str(canvas._lineWidth)} w {canvas._lineJoin} j")
    text_object.setStrokeColor(canvas._strokeColorObj)


class _Subset0:
    """What a TrueType font's subset 0 holds in one document, as :func:`text_out` reads it:
    the characters (``known``, to test a text at C speed) and a ``str.translate`` table
    straight to their one-byte codes as ``escapePDF`` writes them (``escaped``: one C call
    instead of translate, encode and escape); brought up to date
    from the font's ``state.assignments`` (which only grows, in insertion order, and never
    changes a code) when a text needs a character not yet in it. ``name`` is the subset's
    internal name once asked for."""

    __slots__ = ("escaped", "known", "name", "synced")

    def __init__(self) -> None:
        self.known: set[str] = set()
        self.escaped: dict[int, str] = {}
        self.synced = 0
        self.name: str | None = None

    def sync(self, assignments: dict[int, int]) -> None:
        if self.synced == len(assignments):
            return
        for code, n in list(assignments.items())[self.synced:]:
            if n < 256:
                self.known.add(chr(code))
                self.escaped[code] = _ESCAPED[n]
        if 32 in self.escaped and 0xA0 not in assignments:  # splitString writes NBSP as space
            self.known.add("\xa0")
            self.escaped[0xA0] = self.escaped[32]
        self.synced = len(assignments)


#: Each byte as reportlab's escapePDF writes it (it escapes byte by byte).
_ESCAPED = [escapePDF(bytes([n])) for n in range(256)]


def _subset0(font, doc) -> _Subset0 | None:
    """The :class:`_Subset0` of a TrueType ``font`` in ``doc`` (None for another kind of
    font, or before the document has used the font at all)."""
    state = font.state.get(doc) if isinstance(font, ttfonts.TTFont) else None
    if state is None:
        return None
    subset0 = state.__dict__.get("_printprog_subset0")
    if subset0 is None:
        subset0 = state._printprog_subset0 = _Subset0()
    return subset0


def text_out(text_object, text: str) -> None:
    """``text_object.textOut(text)``: the same operators and cursor, without splitting the
    text character by character when every character is one the document's subset 0 of
    the current TrueType font already has (nearly every line after the first pages).
    Anything else (a new character, another subset, a shaped or non-TrueType text) goes
    through ``textOut`` itself, which also records the new characters."""
    canvas = text_object._canvas
    font = getFont(text_object._fontname)
    subset0 = _subset0(font, canvas._doc)
    if subset0 is None or not text or type(text) is not str:
        text_object.textOut(text)
        return
    subset0.sync(font.state[canvas._doc].assignments)
    if not subset0.known.issuperset(text):
        text_object.textOut(text)  # records the new characters in state.assignments
        return
    size = text_object._fontsize
    text_object._x += font.stringWidth(text, size)  # what textOut adds (canvas.stringWidth)
    shown = f"({text.translate(subset0.escaped)}) Tj"
    if text_object._curSubset != 0:  # as _formatText: the subset's font, then the text
        name = font.getSubsetInternalName(0, canvas._doc)
        shown = f"{name} {fp_str(size)} Tf {fp_str(text_object._leading)} TL {shown}"
        text_object._curSubset = 0
    text_object._code.append(shown)


def draw_string(canvas, x: float, y: float, text: str) -> None:
    """``canvas.drawString(x, y, text)`` (no direction, mode or spacing): the same
    operators, the text written by :func:`text_out` (no character-by-character split for
    characters the font's subset already has)."""
    text_object = canvas.beginText(x, y)
    text_out(text_object, text)
    text_object._code[-1] += " T*"  # as textLine writes it, the cursor moved down
    canvas.drawText(text_object)


def lines_out(text_object, lines, size: float) -> None:
    """Lines into a text object in one call: for each ``(x, y, runs)`` of ``lines``,
    ``setTextOrigin(x, y)``, then each ``(text, font, stroke)`` of ``runs`` as
    ``setFont(font, size)`` (when the font is not the one set) and :func:`text_out`, or
    :func:`stroked_out` with line width ``stroke`` when that is not 0. The same operators
    as those calls, with the font, its document state and the subset's name looked up
    once per font change rather than once per run (a 1,000-talk booklet draws 50,000
    runs). The cursor is left at the last line's origin: x is not advanced past its
    text (callers set each line's origin; nothing reads the cursor after)."""
    canvas = text_object._canvas
    doc = canvas._doc
    code = text_object._code
    tm = "1 0 0 1 {} Tm" if canvas.bottomup else "1 0 0 -1 {} Tm"
    current = subset0 = font = None
    tf = ""
    x = y = 0.0
    known: set[str] = set()
    escaped: dict[int, str] = {}
    for x, y, runs in lines:
        origin = tm.format(fp_str(x, y))
        if len(runs) == 1:  # most lines: one run, in the font set, subset 0 current
            text, name, stroke = runs[0]
            if name == current and not stroke and text and text_object._curSubset == 0 \
                    and known.issuperset(text):
                code.append(f"{origin} ({text.translate(escaped)}) Tj")
                continue
        code.append(origin)
        for text, name, stroke in runs:
            if name != current:
                text_object.setFont(name, size)
                current, font = name, getFont(name)
                subset0 = _subset0(font, doc)
                known, escaped = (set(), {}) if subset0 is None else (subset0.known,
                                                                      subset0.escaped)
                tf = f" {fp_str(size)} Tf {fp_str(text_object._leading)} TL "
            if stroke:
                stroked_out(text_object, text, stroke)
                continue
            if subset0 is not None and text:
                known = subset0.known
                if not known.issuperset(text):
                    subset0.sync(font.state[doc].assignments)
                if known.issuperset(text):
                    shown = f"({text.translate(subset0.escaped)}) Tj"
                    if text_object._curSubset != 0:  # as _formatText: the subset's font first
                        if subset0.name is None:
                            subset0.name = font.getSubsetInternalName(0, doc)
                        shown = subset0.name + tf + shown
                        text_object._curSubset = 0
                    code.append(shown)
                    continue
            text_object.textOut(text)  # records the new characters in state.assignments
            if subset0 is None:
                subset0 = _subset0(font, doc)
                if subset0 is not None:
                    known, escaped = subset0.known, subset0.escaped
    text_object._x0 = text_object._x = x
    text_object._y0 = text_object._y = y


@contextlib.contextmanager
def flate_by(compress: Callable[[bytes], bytes]) -> Iterator[None]:
    """Streams formatted inside the block (a canvas's save) are deflated by ``compress``
    instead of ``zlib.compress``; reportlab's filter is itself again after it."""
    flate = pdfdoc.PDFZCompress
    before = flate.__dict__.get("encode")

    def encode(text):
        return compress(text.encode("utf8") if isinstance(text, str) else text)

    flate.encode = encode
    try:
        yield
    finally:
        if before is None:
            del flate.encode
        else:
            flate.encode = before


def document(canvas):
    """The ``PDFDocument`` a canvas writes (``Canvas._doc``): print production finishes its
    pages, information and catalogue before the one save (production/direct.py)."""
    return canvas._doc


def page_open(canvas) -> bool:
    """Whether the canvas holds drawing not yet made a page (``Canvas._code``): what
    ``Canvas.save`` turns into a last page."""
    return bool(canvas._code)


def file_name(canvas) -> object:
    """Where ``Canvas.save`` writes (``Canvas._filename``: a path string or a file)."""
    return canvas._filename


class _Named(PDFObject):
    """A destination written as its name (resolved through the catalogue's /Dests)."""

    page = None

    def __init__(self, name: str):
        self.name = name

    def format(self, document) -> bytes:
        return _name(self.name, document)


class _Dests(PDFObject):
    """The catalogue's /Dests: each destination under its name, names sorted."""

    def __init__(self, destinations: dict):
        self.destinations = destinations

    def format(self, document) -> bytes:
        return b"<< " + b" ".join(
            _name(name, document) + b" " + dest.format(document)
            for name, dest in sorted(self.destinations.items())) + b" >>"


def _name(name: str, document) -> bytes:
    out = PDFName(name).format(document)
    return out if isinstance(out, bytes) else out.encode("latin-1")


def name_destinations(canvas, listed: bool = True) -> list[str]:
    """Before the canvas is saved: links to places this document does not have (they are
    in another part of a document drawn in parts) point at the place's name instead of
    failing; with ``listed``, the catalogue's /Dests names every place it has, so that a
    join can resolve the other parts' links. Returns the names not found here, sorted."""
    missing = []
    placed = {}
    for name, dest in canvas._destinations.items():
        if dest.fmt is None:
            dest.fmt, dest.page = _Named(name), True
            missing.append(name)
        elif not isinstance(dest.fmt, _Named):
            placed[name] = dest
    if listed and placed:
        canvas._doc.Catalog.Dests = _Dests(placed)
    return sorted(missing)
