"""reportlab's private names for text drawn in a page after the page is shown (as
:mod:`.rlprivate` keeps the rest): a booklet part's folios and page references, whose
numbers are known only once the part is laid out, or once the other parts are; and a
page's drawing moved sideways after it is shown (the back matter of a booklet made in
parts, laid out before it knows on which side of the spread it starts).

Used: ``Canvas._code`` (the page's operator list), ``PDFDocument.Pages.pages`` (the pages
shown) and a shown ``PDFPage``'s ``stream`` (its operators, joined, not yet deflated):
:func:`late_mark` leaves a mark where the text goes, :func:`late_fill` replaces it with
what is drawn once the text is known, before the save. What a form XObject would do,
without one: reportlab takes a tenth of a millisecond to write a form, and a join as much
to copy it (a tenth of a second for the folios of a 1,000-page booklet).

:func:`begin_move` and :func:`end_move` mark the drawing of a page that :func:`late_move`
moves; it also moves the page's links (a shown page's ``Annots``, the references to them
in ``PDFDocument.idToObject``, each a :func:`.rlprivate.link` with its ``rect``) and the
places on it (``Canvas._destinations``: a destination's ``page`` reference, named as the
page's ``__InternalName__``, and its ``PDFDestinationXYZ`` ``left``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Hashable
from typing import Any

from reportlab.lib.rl_accel import fp_str

__all__ = ["begin_move", "end_move", "late_fill", "late_mark", "late_move"]

#: The mark :func:`late_mark` leaves in a page's operators: a PDF comment, a line of its
#: own. Only a whole line is a mark: text from the data ("%printprog-late folio-2 0 0" as a
#: talk's title) is inside a string, where reportlab escapes every line break, so it never
#: starts a line.
_LATE = "%printprog-late "
_LATE_MARK = re.compile(r"^%printprog-late (\S+) (\S+) (\S+)$", re.M)


def late_mark(canvas, key: str, x: float = 0.0, y: float = 0.0) -> int:
    """Mark the place (x, y), in the page being drawn, of text known only later (a page
    number): :func:`late_fill` draws it there before the canvas is saved, in the graphics
    state of this place, as a form XObject drawn here would be. Returns the page's index."""
    canvas._code.append(f"{_LATE}{key} {fp_str(x, y)}")
    return len(canvas._doc.Pages.pages)


def late_fill(canvas, marks: dict[str, tuple[int, Hashable]],
              draw: Callable[[Any], None]) -> None:
    """Fill in ``marks`` (key -> the page's index, as :func:`late_mark` gave it, and what
    goes there) once every page is shown: ``draw(what)`` draws it on ``canvas`` from (0, 0)
    (in the fill colour of the mark's place), once for all the marks it goes to; what it
    draws replaces each mark, moved to its place, in a q/Q pair."""
    code = canvas._code
    if code:
        raise ValueError("late_fill before the last page was shown")
    drawn: dict[Hashable, str] = {}
    by_page: dict[int, dict[str, str]] = {}
    for key, (index, what) in marks.items():
        if what not in drawn:
            draw(what)  # onto the page not begun yet, taken back at once
            drawn[what] = "\n".join(code)
            del code[:]
        by_page.setdefault(index, {})[key] = drawn[what]
    pages = canvas._doc.Pages.pages
    for index, texts in by_page.items():
        pages[index].stream = _LATE_MARK.sub(functools.partial(_filled, texts),
                                             pages[index].stream)


def _filled(texts: dict[str, str], mark: re.Match) -> str:
    """A mark (key, x, y) replaced with its text moved to its place, or as it is when it is
    not one of ``texts`` (another kind, filled by another call)."""
    text = texts.get(mark[1])
    return mark[0] if text is None else f"q\n1 0 0 1 {mark[2]} {mark[3]} cm\n{text}\nQ"


#: The marks around the drawing :func:`late_move` moves.
_MOVE_IN, _MOVE_OUT = "move-in", "move-out"


def begin_move(canvas) -> None:
    """Mark the start of the drawing that :func:`late_move` may move, on the page being
    drawn (before anything is drawn on it)."""
    late_mark(canvas, _MOVE_IN)


def end_move(canvas) -> None:
    """Mark the end of it: what is drawn after (the page's furniture) stays where it is."""
    late_mark(canvas, _MOVE_OUT)


def late_move(canvas, moves: dict[int, float]) -> None:
    """Once every page is shown, before the save: move the drawing between the move marks
    of each page (by its index) ``moves[index]`` points to the right, with the rectangles
    of its links and the places on it that links and bookmarks lead to. A page moved by 0
    keeps its drawing as it is (its marks become empty lines)."""
    if canvas._code:
        raise ValueError("late_move before the last page was shown")
    doc = canvas._doc
    pages = doc.Pages.pages
    moved: dict[str, float] = {}
    for index, dx in moves.items():
        page = pages[index]
        texts = ({_MOVE_IN: f"q\n1 0 0 1 {fp_str(dx)} 0 cm", _MOVE_OUT: "Q"} if dx
                 else {_MOVE_IN: "", _MOVE_OUT: ""})
        page.stream = _LATE_MARK.sub(functools.partial(_replaced, texts), page.stream)
        if not dx:
            continue
        moved[page.__InternalName__] = dx
        for ref in page.Annots or ():
            annotation = doc.idToObject[ref.name]
            x0, y0, x1, y1 = annotation.rect  # every link the booklet makes (rlprivate.link)
            annotation.rect = (x0 + dx, y0, x1 + dx, y1)
    if not moved:
        return
    for dest in canvas._destinations.values():
        dx = moved.get(getattr(dest.page, "name", None))
        left = getattr(dest.fmt, "left", None)
        if dx and isinstance(left, (int, float)):  # an XYZ place ("null": no x to move)
            dest.fmt.left = left + dx


def _replaced(texts: dict[str, str], mark: re.Match) -> str:
    """A mark replaced with its text as it is, or left when not one of ``texts``."""
    text = texts.get(mark[1])
    return mark[0] if text is None else text
