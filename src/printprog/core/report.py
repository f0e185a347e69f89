"""What a run has to tell the user besides its output: warnings, and texts fitted by force.

The report also travels inside the PDF (:meth:`Report.to_dict`, embedded by
:mod:`printprog.production.rewrite`), so a later ``printprog preflight`` can name the texts
that were shrunk or cut, the QR codes and their printed sizes, and the photos with their resolution.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

from .records import Record, record
from .units import to_mm


@dataclass(frozen=True)
class QRNote:
    """One printed QR code: its side and module size in mm, and the minimums the product
    promises for them (0: no minimum). The side is the one the product's minimum is about:
    with the quiet zone (booklet, badges) or the symbol alone (signs, posters)."""

    what: str
    side_mm: float
    module_mm: float
    min_side_mm: float = 0.0
    min_module_mm: float = 0.0

    def problem(self) -> str:
        """Why the code is too small to scan reliably, or ''."""
        if self.side_mm < self.min_side_mm - 1e-6:
            return f"side {self.side_mm:.1f} mm, under the minimum {self.min_side_mm:g} mm"
        if self.module_mm < self.min_module_mm - 1e-6:
            return (f"module {self.module_mm:.2f} mm, under the minimum "
                    f"{self.min_module_mm:g} mm")
        return ""


@dataclass(frozen=True)
class ImageNote:
    """A photo as placed: which one, on which page, at what effective resolution."""

    what: str
    page: int
    ppi: float


#: Texts shrunk to fit that a report names; past it they are only counted (``shrunk_count``):
#: 100,000 badges shrink about 200,000 names, and the list, and the report embedded in the
#: PDF, grew with the run (20 MB and more of a run held in flat memory).
MAX_SHRUNK_NAMED = 1000


@record
class Report(Record):
    warnings: list[str] = field(default_factory=list)
    #: Texts drawn smaller than their style's size to fit (preflight reads these): the first
    #: :data:`MAX_SHRUNK_NAMED`; ``shrunk_count`` counts them all.
    shrunk: list[str] = field(default_factory=list)
    #: Texts cut with an ellipsis because even the minimum size did not fit.
    cut: list[str] = field(default_factory=list)
    #: QR codes as printed (preflight checks them against their minimums).
    qr: list[QRNote] = field(default_factory=list)
    #: Photos as placed (preflight names low-resolution images with these).
    images: list[ImageNote] = field(default_factory=list)
    #: Every QR code drawn: badges note only each element's densest code in ``qr``.
    qr_count: int = 0
    #: Every text shrunk to fit, named in ``shrunk`` or not.
    shrunk_count: int = 0

    def warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)

    def note_shrunk(self, what: str) -> None:
        self.shrunk_count += 1
        if len(self.shrunk) < MAX_SHRUNK_NAMED:
            self.shrunk.append(what)

    def note_cut(self, what: str) -> None:
        self.cut.append(what)
        self.warn(f"cut short to fit: {what}")

    def note_qr(self, what: str, side_pt: float, module_pt: float, min_side_mm: float = 0.0,
                min_module_mm: float = 0.0) -> None:
        """Record a QR code drawn ``side_pt`` square with modules of ``module_pt`` (the value
        :func:`printprog.draw.qr.draw` returns)."""
        self.qr.append(QRNote(what, round(to_mm(side_pt), 3), round(to_mm(module_pt), 4),
                              min_side_mm, min_module_mm))
        self.qr_count += 1

    def count_qr(self, n: int) -> None:
        """``n`` more QR codes drawn that have no note of their own."""
        self.qr_count += n

    def note_image(self, what: str, page: int, ppi: float) -> None:
        self.images.append(ImageNote(what, page, round(ppi, 1)))

    def extend(self, part: Report) -> None:
        """Add ``part``'s notes after these, as if one run had made both in turn (a worker's
        report, or one file's of a product of several)."""
        for warning in part.warnings:
            self.warn(warning)
        self.shrunk += part.shrunk[:max(0, MAX_SHRUNK_NAMED - len(self.shrunk))]
        self.shrunk_count += part.shrunk_count
        self.cut += part.cut
        self.qr += part.qr
        self.qr_count += part.qr_count
        self.images += part.images

    @classmethod
    def joined(cls, *parts: Report) -> Report:
        """A new report of ``parts`` one after another (none of them changed)."""
        out = cls()
        for part in parts:
            out.extend(part)
        return out

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON (what the PDF carries)."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Report:
        """The report back from :meth:`to_dict` output; unknown keys are ignored."""
        shrunk = list(data.get("shrunk", []))
        return cls(warnings=list(data.get("warnings", [])), shrunk=shrunk,
                   cut=list(data.get("cut", [])),
                   qr=[QRNote(**q) for q in data.get("qr", [])],
                   images=[ImageNote(**i) for i in data.get("images", [])],
                   qr_count=count_at_least(data.get("qr_count"), len(data.get("qr", []))),
                   shrunk_count=count_at_least(data.get("shrunk_count"), len(shrunk)))


def count_at_least(value: Any, least: int) -> int:
    """A count from a file's report: a whole number, at least ``least`` (the notes)."""
    return max(value, least) if isinstance(value, int) and not isinstance(value, bool) \
        else least


#: Warnings of one kind printed one by one up to this many; past it, one line for them all.
SUMMARY_AFTER = 3


def summarise(warnings: list[str], verbose: bool = False) -> list[str]:
    """The warnings as an organiser can act on them: each kind once, with how many there
    are and the first few items, rather than a thousand lines (all of them with
    ``verbose``). A kind is the message with its item (the part before the first ': '
    outside quotes and brackets: a title may hold one, "session 7 'Keynote: Tim'") and its
    quoted texts and numbers set aside."""
    if verbose:
        return list(warnings)
    groups: dict[str, list[str]] = {}
    for w in warnings:
        groups.setdefault(_kind(w), []).append(w)
    out = []
    for items in groups.values():
        if len(items) <= SUMMARY_AFTER:
            out += items
            continue
        item, rest = _item(items[0])
        if item is not None:
            firsts = "; ".join(str(_item(w)[0]) for w in items[:SUMMARY_AFTER])
            out.append(f"{len(items)} times: {rest} (first: {firsts}; --verbose lists all)")
        else:
            out.append(f"{len(items)} times: {items[0]} (and others like it; --verbose "
                       "lists all)")
    return out


#: Quoted texts and bracketed asides: data, set aside when a message's kind is worked out.
_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"|\([^)]*\)")
#: The longest item (quoted texts counted as one character) before a message's ': '.
_ITEM_MAX = 80


def _item(message: str) -> tuple[str | None, str]:
    """(item, the rest) of ``message``, split at its first ': ' outside quotes and
    brackets; (None, message) when there is none, or what comes before it is too long
    to be an item (a sentence)."""
    masked = _QUOTED.sub(lambda m: "\0" * len(m.group()), message)  # the same length
    at = masked.find(": ")
    if at < 0 or len(_QUOTED.sub("\u2026", message[:at])) > _ITEM_MAX:
        return None, message
    return message[:at], message[at + 2:]


def _kind(message: str) -> str:
    _, rest = _item(message)
    shape = _QUOTED.sub("\u2026", rest)
    return re.sub(r"\d+(\.\d+)?", "#", shape)
