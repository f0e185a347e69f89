"""Every key a theme may set, with its type and range: one line each, checked at load.

A theme file is checked as it is read (each file of an ``extends`` chain on its own, so an
error names the file and line it is in): a key not listed here, a value of the wrong type or
out of its range is a one-line error. The merged theme is then checked for completeness.

To add a key: add one line to the section's dataclass below, e.g. in :class:`GridSection`
``all_day_minutes: float | None = minutes(0, 1440, optional=True)``, and the value to
templates/default.yaml. Product code reads it typed, ``theme.sections.booklet.grid.
all_day_minutes`` (tests/test_theme_reads.py checks every such read against these classes);
numbers come out as floats, a section's ``text:`` as :class:`Styles` of :class:`TextStyle`.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterator, Mapping
from dataclasses import MISSING, dataclass, field, fields
from typing import Any

from ..core.records import Record, record
from ..draw import fonts


@dataclass(frozen=True)
class TextStyle:
    """A text style as products use it: font, size and absolute leading (pt)."""

    font: str
    size: float
    leading: float  # absolute, in pt

    def __post_init__(self) -> None:
        fonts.ensure(self.font)  # a face read on first use (fonts._EAGER)

    def at(self, size: float) -> TextStyle:
        """The same style at another size, leading scaled with it."""
        return TextStyle(self.font, size, self.leading * size / self.size)

    @classmethod
    def of(cls, value: Any) -> TextStyle:
        """The style a theme writes as ``[font, size pt, leading as a multiple of size]``."""
        font, size, leading = value
        return cls(str(font), float(size), float(size) * float(leading))


class Styles(Mapping[str, TextStyle]):
    """A section's named text styles (``text:`` in a theme), each made on first use: a
    style's font face is read only when a product sets text in it, so a badge run does not
    read the faces only the booklet uses."""

    def __init__(self, raw: Mapping[str, Any]):
        self._raw, self._made = dict(raw), {}

    def __getitem__(self, name: str) -> TextStyle:
        style = self._made.get(name)
        if style is None:
            style = self._made[name] = TextStyle.of(self._raw[name])
        return style

    def __iter__(self) -> Iterator[str]:
        return iter(self._raw)

    def __len__(self) -> int:
        return len(self._raw)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Styles) and self._raw == other._raw

    __hash__ = None  # type: ignore[assignment]


@dataclass(frozen=True)
class Spec:
    """The type and range of one key. ``kind``: mm, pt, number, minutes, count, bool,
    paper, colour (a literal), colour_ref (a name in ``colours:`` or a literal), text
    ([font, size pt, leading as a multiple of size]), section (a nested dataclass), each (a
    mapping of free names to ``item``)."""

    kind: str
    lo: float = -math.inf
    hi: float = math.inf
    optional: bool = False
    item: Spec | None = None
    section: type | None = None
    unit: str = ""


def _key(kind: str, lo: float = -math.inf, hi: float = math.inf, *, optional: bool = False,
         unit: str = "") -> Any:
    return field(default=None, metadata={"spec": Spec(kind, lo, hi, optional, unit=unit)})


def mm(lo: float, hi: float, **kw: Any) -> Any:
    return _key("number", lo, hi, unit="mm", **kw)


def pt(lo: float, hi: float, **kw: Any) -> Any:
    return _key("number", lo, hi, unit="pt", **kw)


def minutes(lo: float, hi: float, **kw: Any) -> Any:
    return _key("number", lo, hi, unit="minutes", **kw)


def count(lo: int, hi: int, **kw: Any) -> Any:
    return _key("count", lo, hi, **kw)


def flag(**kw: Any) -> Any:
    return _key("bool", **kw)


def paper(**kw: Any) -> Any:
    return _key("paper", **kw)


def section(cls: type, optional: bool = False) -> Any:
    return field(default=None, metadata={"spec": Spec("section", optional=optional,
                                                      section=cls)})


def each(item: Spec, optional: bool = False) -> Any:
    return field(default=None, metadata={"spec": Spec("each", optional=optional, item=item)})


#: A theme section: a read-only record (core.records: made once a run, its methods shared).
section_class = record(frozen=True)


TEXT = Spec("text")
COLOUR = Spec("colour")
COLOUR_REF = Spec("colour_ref")
SCALE = Spec("number", 0.1, 5)
TYPE_PT = Spec("number", 3, 200, unit="pt")


@section_class
class Margins(Record):
    """booklet.margins: the page's margins (inside is the binding side)."""

    inside: float = mm(0, 60)
    outside: float = mm(0, 60)
    top: float = mm(0, 60)
    bottom: float = mm(0, 60)


@section_class
class Spacing(Record):
    """booklet.spacing: the gaps between the booklet's parts."""

    paragraph: float = mm(0, 30)
    entry: float = mm(0, 30)
    section: float = mm(0, 30)
    image_gap: float = mm(0, 30)
    rule: float = pt(0, 5)
    head_rule: float = mm(0, 30)
    folio_drop: float = mm(0, 30)
    notes_pitch: float = mm(3, 30)
    chip: float = mm(0, 20)


@section_class
class GridSection(Record):
    """booklet.grid and poster.grid: the day at a glance."""

    min_size: float = pt(3, 72)
    time_column: float = mm(2, 200)
    min_column: float = mm(5, 400)
    pad: float = mm(0, 20)
    gap: float = mm(0, 20)
    compress_gap: float = minutes(0, 1440)
    break_height: float = mm(0, 100)
    min_hour: float = mm(1, 1000)
    max_hour: float = mm(5, 1000)
    compress_band: float = minutes(0, 1440)
    all_day: float = minutes(30, 1440)
    all_day_ratio: float = _key("number", 1, 100)
    max_speakers: int = count(1, 1000)
    room_colours: dict = each(COLOUR_REF, optional=True)  # rooms without a colour, in turn
    text: dict = each(TEXT)


@section_class
class BookletSection(Record):
    """booklet: the programme booklet."""

    paper: str = paper()
    margins: Margins = section(Margins)
    head_gap: float = mm(0, 30)
    qr_size: float = mm(10, 50)
    qr_min: float = mm(10, 50)
    photo_size: float = mm(5, 50)
    columns_from: float = mm(50, 1000)
    column_gap: float = mm(2, 30)
    speaker_columns: int = count(1, 4)
    index_column: float = mm(20, 100)
    bio_sentences: int = count(0, 100)
    spacing: Spacing = section(Spacing)
    grid: GridSection = section(GridSection)


@section_class
class SignageSection(Record):
    """signage: the room door signs."""

    paper: str = paper()
    landscape: bool = flag()
    paper_scale: dict = each(SCALE)
    type_scale: dict = each(SCALE)
    margin: float = mm(5, 60)
    band: float = mm(0, 40)
    rule: float = mm(0, 10)
    hairline: float = mm(0, 5)
    qr_size: float = mm(20, 150)
    qr_min: float = mm(10, 150)  # what preflight holds the printed QR to (brief: 35 on A4)
    column_gap: float = mm(0, 60)
    columns: int = count(1, 4)  # list columns a day takes before a "continued" sheet
    header_gap: float = mm(0, 60)
    entry_gap: float = mm(0, 60)
    speakers_gap: float = mm(0, 30)
    title_lines: int = count(1, 20)
    speaker_lines: int = count(1, 20)
    room_name_lines: int = count(1, 10)
    url_lines: int = count(1, 10)
    colours: dict = each(COLOUR_REF)
    event: list = _key("text")
    room_name: list = _key("text")
    address: list = _key("text")
    date: list = _key("text")
    time: list = _key("text")
    title: list = _key("text")
    speakers: list = _key("text")
    # "break" is a Python keyword: the key "break" in the theme, break_ here.
    break_: list = field(default=None, metadata={"spec": Spec("text"), "key": "break"})
    continued: list = _key("text")
    url: list = _key("text")
    min: dict = each(TYPE_PT)

    @functools.cached_property
    def text(self) -> Styles:
        """The sign's text styles by their theme names (event, room_name, address, date,
        time, title, speakers, break, continued, url); made once, as a section's text:
        mapping is."""
        return Styles({name: getattr(self, f.name) for f in fields(self)
                       if f.metadata.get("spec", Spec("")).kind == "text"
                       for name in (f.metadata.get("key", f.name),)})


@section_class
class PosterSection(Record):
    """poster: the day poster."""

    paper: str = paper()
    landscape: bool = flag()
    paper_scale: dict = each(SCALE)
    margin: float = mm(5, 60)
    band: float = mm(0, 60)
    qr_size: float = mm(15, 200)
    header_gap: float = mm(0, 100)
    footer_gap: float = mm(0, 100)
    grow: float = _key("number", 1, 5)  # the grid's type grows up to this to fill the sheet
    shrink: float = _key("number", 0.3, 1)  # and shrinks to this to keep a day on one sheet
    also_column: float = mm(20, 400)  # least width of an "Also today" column
    also_gap: float = mm(0, 50)
    colours: dict = each(COLOUR_REF)
    text: dict = each(TEXT)
    min: dict = each(TYPE_PT)
    grid: GridSection = section(GridSection)


@section_class
class CutMarks(Record):
    """badges.cut_marks: the marks at the badges' corners (badges --cut-marks)."""

    length: float = mm(1, 20)
    offset: float = mm(0, 20)
    shortest: float = mm(0, 20)
    line: float = pt(0.05, 5)


@section_class
class BadgesSection(Record):
    """badges: the name badges (their sheet and layout are data files of their own)."""

    sheet: str = _key("name")
    layout: str = _key("name")
    safe: float = mm(0, 30)
    qr_module_min: float = mm(0.1, 2)
    qr_side_min: float = mm(5, 80)
    band_inset: float = mm(0, 20)
    band_bleed: float = mm(0, 5)
    cut_marks: CutMarks = section(CutMarks)
    colours: dict = each(COLOUR_REF)
    roles: dict = each(COLOUR_REF)


@section_class
class ChangesSection(Record):
    """The changes sheet (printprog changes)."""

    paper: str = paper()
    margin: float = mm(10, 60)
    band: float = mm(0, 40)
    gap: float = mm(0, 30)
    qr_size: float = mm(15, 50)
    text: dict = each(TEXT)


@section_class
class ChairSection(Record):
    """The session chair's kit (printprog chair); timing cards at 200 pt at least."""

    paper: str = paper()
    margin: float = mm(10, 60)
    band: float = mm(0, 40)
    gap: float = mm(0, 30)
    bio_sentences: int = count(1, 20)
    card_size: float = pt(200, 1000)
    cards: dict = each(COLOUR_REF)
    text: dict = each(TEXT)


@section_class
class ThemeSections(Record):
    """A whole theme. ``extends`` names the theme it builds on."""

    extends: str | None = _key("name", optional=True)
    colours: dict = each(COLOUR)
    text: dict = each(TEXT)
    booklet: BookletSection = section(BookletSection)
    signage: SignageSection = section(SignageSection)
    poster: PosterSection = section(PosterSection)
    badges: BadgesSection = section(BadgesSection)
    changes: ChangesSection = section(ChangesSection)
    chair: ChairSection = section(ChairSection)


def specs(cls: type) -> dict[str, Spec]:
    """The keys of a section and their specs, in the order they are declared (a field's
    ``key`` metadata names a key that is not a Python name: SignageSection.break_)."""
    return {f.metadata.get("key", f.name): f.metadata["spec"] for f in fields(cls)
            if "spec" in f.metadata}


def build(cls: type, data: dict[str, Any]) -> Any:
    """The section dataclass of checked, merged plain data (nested sections too)."""
    values = {}
    for f in fields(cls):
        spec = f.metadata.get("spec")
        key = f.metadata.get("key", f.name)
        value = data.get(key)
        if spec is not None and spec.kind == "section" and isinstance(value, dict):
            value = build(spec.section, value)
        elif (spec is not None and spec.kind == "each" and spec.item is not None
              and spec.item.kind == "text" and isinstance(value, dict)):
            value = Styles(value)
        elif spec is not None and spec.kind == "number" and value is not None:
            value = float(value)  # 12 and 12.0 print alike in reports: a number is a float
        elif (spec is not None and spec.kind == "each" and spec.item is not None
              and spec.item.kind == "number" and isinstance(value, dict)):
            value = {k: float(v) for k, v in value.items()}
        values[f.name] = value if key in data else (
            None if f.default is MISSING else f.default)
    return cls(**values)
