"""Badge layouts as data: ``templates/badges/NAME.yaml`` (or any file) read and validated.

A layout holds variants, one per badge shape, each with a front and a back: lists of elements
(text with ``{field}`` names, role band, QR, image, agenda) placed in mm from the badge's
top-left corner. :meth:`Layout.for_badge` picks the variant whose shape is closest to the
badge's and scales its boxes to it. The file's header comment is the user documentation;
this module only checks it and hands out plain values. Any problem is a one-line
:class:`DataError` naming the file, line and key.
"""

from __future__ import annotations

import math
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from ...core.errors import DataError, Problem
from ...core.records import Record, record
from ...core.resources import template, template_names
from ...core.safeyaml import Marked, load
from ...draw import fonts

#: Names a text element may use in ``{...}``; the product fills every one of them.
FIELDS = frozenset({"printed_name", "name", "family_name",
                    "organisation", "pronouns", "role", "event",
                    "short_name", "dates", "city", "venue", "website", "wifi",
                    "venue_address", "conduct_contact"})
FIELD = re.compile(r"\{(\w+)\}")
KINDS = ("text", "band", "qr", "image", "agenda", "logo")
ALIGN = ("left", "center", "right")
VALIGN = ("top", "middle", "bottom")
ONLY = ("speakers", "others")

# Per kind: key -> (check, default). The checks turn a YAML value into a plain value or raise.
_COMMON = {"type": None, "box": None, "only": ("only", None)}
_SPEC: dict[str, dict[str, tuple[str, Any]]] = {
    "text": {"text": ("str!", None), "font": ("font", "Sans"), "size": ("size", None),
             "leading": ("num", 1.2), "lines": ("int", 1), "align": ("align", "left"),
             "valign": ("valign", "top"), "colour": ("str", "ink"), "upper": ("bool", False),
             "shrink_first": ("bool", False)},
    "band": {"colour": ("str", "role")},
    "qr": {"content": ("content", "badge"), "colour": ("str", "qr")},
    "image": {"path": ("str!", None), "optional": ("bool", False)},
    # The conference logo (conference.yaml) with a text beside it, the pair aligned as one.
    "logo": {"text": ("str", ""), "font": ("font", "Sans-Bold"), "size": ("size", None),
             "align": ("align", "center"), "colour": ("str", "accent"), "gap": ("num", 2.0)},
    "agenda": {"font": ("font", "Sans-Bold"), "size": ("size", None), "leading": ("num", 1.15),
               "meta_font": ("font", "Sans"), "meta_size": ("num", None),
               "colour": ("str", "ink"), "meta_colour": ("str", "muted"), "gap": ("num", 2.0),
               "lines": ("int", 2), "moderator": ("str", "moderator"),
               "more": ("str", "+{count} more")},
}


@record(frozen=True)
class Element(Record):
    kind: str
    #: x, y, width, height in mm from the badge's top-left corner, y downward.
    box: tuple[float, float, float, float]
    #: Where in the layout file it stands, for messages: "card.front[2]".
    where: str
    only: str | None = None
    text: str = ""
    font: str = "Sans"
    size: float = 10.0  # largest, pt
    min_size: float = 10.0  # smallest, pt
    leading: float = 1.2  # multiple of the size
    lines: int = 1
    align: str = "left"
    valign: str = "top"
    colour: str = "ink"
    upper: bool = False
    shrink_first: bool = False
    content: str = "badge"
    path: str = ""
    optional: bool = False
    meta_font: str = "Sans"
    meta_size: float = 8.0
    meta_colour: str = "muted"
    gap: float = 2.0  # mm between agenda entries
    moderator: str = "moderator"
    more: str = "+{count} more"

    def scaled(self, sx: float, sy: float) -> Element:
        """The element on a badge ``sx`` times as wide and ``sy`` times as high as the design.

        Type scales by the smaller factor, so a smaller badge keeps the design's proportions,
        but never below the element's smallest size (the brief's floors stay floors).
        """
        x, y, w, h = self.box
        s = min(sx, sy)
        if self.kind == "qr":  # a QR stays square: the smaller factor keeps it in its box
            return replace(self, box=(x * sx, y * sy, w * s, h * s))
        size = max(self.size * s, self.min_size)
        return replace(self, box=(x * sx, y * sy, w * sx, h * sy), size=size,
                       meta_size=self.meta_size * size / self.size)


@record(frozen=True)
class Variant(Record):
    name: str
    size: tuple[float, float]  # mm the boxes were drawn for
    front: tuple[Element, ...]
    back: tuple[Element, ...]


@record(frozen=True)
class Layout(Record):
    name: str
    variants: tuple[Variant, ...]
    source: Path

    def for_badge(self, width: float, height: float) -> Variant:
        """The variant closest in shape (then in size) to the badge, scaled to it."""
        def distance(v: Variant) -> tuple[float, float]:
            shape = abs(math.log((width / height) / (v.size[0] / v.size[1])))
            return round(shape, 6), abs(math.log(width * height / (v.size[0] * v.size[1])))

        best = min(self.variants, key=distance)
        sx, sy = width / best.size[0], height / best.size[1]
        return Variant(best.name, (width, height),
                       tuple(e.scaled(sx, sy) for e in best.front),
                       tuple(e.scaled(sx, sy) for e in best.back))


def layout_names() -> list[str]:
    return template_names("badges")


def load_layout(name_or_path: str, relative_to: Path | None = None) -> Layout:
    """Read and check a layout; ``relative_to`` is the sheet preset that names it, if any."""
    path = template(name_or_path, "badges", "badge layout", relative_to)
    root = load(path)

    def fail(where: str, message: str, node: Marked | None) -> DataError:
        return DataError(Problem(message, file=path, line=node.line if node else None,
                                 path=where))

    if root is None or not isinstance(root.value, dict) or "variants" not in root.value:
        raise fail("variants", "a badge layout needs 'variants:', a mapping of name to "
                   "{size, front, back}", root)
    extra = set(root.value) - {"variants"}
    if extra:
        key = sorted(extra)[0]
        raise fail(key, "unknown key; a layout holds only 'variants'", root.keys[key])
    variants_node = root.value["variants"]
    if not isinstance(variants_node.value, dict) or not variants_node.value:
        raise fail("variants", "must map variant names to {size, front, back}", variants_node)
    variants = [_variant(str(name), node, fail) for name, node in variants_node.value.items()]
    return Layout(path.stem, tuple(variants), path)


def _variant(name: str, node: Marked, fail) -> Variant:
    if not isinstance(node.value, dict):
        raise fail(name, "must be a mapping with size, front and back", node)
    for key in node.value:
        if key not in ("size", "front", "back"):
            raise fail(f"{name}.{key}", "unknown key; use size, front, back", node.keys[key])
    if "size" not in node.value:
        raise fail(f"{name}.size", "missing: [width, height] in mm the boxes are drawn for",
                   node)
    size = _numbers(node.value["size"], 2, f"{name}.size", fail)
    if min(size) <= 0:
        raise fail(f"{name}.size", "width and height must be above 0", node.value["size"])
    sides = {}
    for side in ("front", "back"):
        items = node.value.get(side)
        if items is None:
            sides[side] = ()
            continue
        if not isinstance(items.value, list):
            raise fail(f"{name}.{side}", "must be a list of elements", items)
        sides[side] = tuple(_element(child, f"{name}.{side}[{i}]", fail)
                            for i, child in enumerate(items.value))
    return Variant(name, (size[0], size[1]), sides["front"], sides["back"])


def _numbers(node: Marked, count: int, where: str, fail) -> list[float]:
    values = node.value if isinstance(node.value, list) else None
    if values is None or len(values) != count or not all(
            isinstance(v.value, (int, float)) and not isinstance(v.value, bool) for v in values):
        raise fail(where, f"must be a list of {count} numbers", node)
    return [float(v.value) for v in values]


def _element(node: Marked, where: str, fail) -> Element:
    if not isinstance(node.value, dict):
        raise fail(where, "an element must be a mapping with type and box", node)
    data: dict[str, Marked] = node.value
    kind = data["type"].value if "type" in data else None
    if kind not in KINDS:
        raise fail(f"{where}.type", f"must be one of {', '.join(KINDS)}", data.get("type", node))
    spec = _SPEC[kind]
    for key in data:
        if key not in spec and key not in _COMMON:
            raise fail(f"{where}.{key}", f"unknown key for a {kind}; use "
                       f"{', '.join(sorted(set(spec) | {'box', 'only'}))}", node.keys[key])
    if "box" not in data:
        raise fail(f"{where}.box", "missing: [x, y, width, height] in mm", node)
    if kind == "qr":
        x, y, side = _numbers(data["box"], 3, f"{where}.box", fail)
        box = (x, y, side, side)
    else:
        box = tuple(_numbers(data["box"], 4, f"{where}.box", fail))
    if box[2] <= 0 or box[3] <= 0:
        raise fail(f"{where}.box", "width and height must be above 0", data["box"])
    values: dict[str, Any] = {"kind": kind, "box": box, "where": where}
    for key, (check, default) in {**spec, "only": _COMMON["only"]}.items():
        child = data.get(key)
        if child is None:
            if check.endswith("!"):
                raise fail(f"{where}.{key}", f"missing; a {kind} needs {key}", node)
            if default is not None:
                values[key] = default
            continue
        values.update(_check(check, key, child, f"{where}.{key}", fail))
    if (kind in ("text", "agenda") or values.get("text")) and "size" not in values:
        raise fail(f"{where}.size", "missing: a size in pt, or [largest, smallest]", node)
    if kind == "agenda" and "meta_size" not in values:
        values["meta_size"] = values["size"]
    return Element(**values)


def _check(check: str, key: str, node: Marked, where: str, fail) -> dict[str, Any]:
    value = node.value
    check = check.rstrip("!")
    if check == "size":
        if isinstance(value, list):
            largest, smallest = _numbers(node, 2, where, fail)
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            largest = smallest = float(value)
        else:
            value = None
        if value is None or not 0 < smallest <= largest:
            raise fail(where, "must be a size in pt or [largest, smallest], above 0", node)
        return {"size": largest, "min_size": smallest}
    if check in ("num", "int"):
        kinds = (int,) if check == "int" else (int, float)
        if isinstance(value, bool) or not isinstance(value, kinds) or value <= 0:
            raise fail(where, f"must be a {'whole ' if check == 'int' else ''}number above 0",
                       node)
        return {key: value if check == "int" else float(value)}
    if check == "bool":
        if not isinstance(value, bool):
            raise fail(where, "must be true or false", node)
        return {key: value}
    if not isinstance(value, str):
        raise fail(where, "must be text", node)
    choices = {"align": ALIGN, "valign": VALIGN, "only": ONLY,
               "content": ("badge", "schedule"), "font": tuple(fonts.MAIN)}.get(check)
    if choices and value not in choices:
        raise fail(where, f"'{value}' is not one of {', '.join(choices)}", node)
    unknown = [f for f in FIELD.findall(value) if f not in FIELDS | {"count"}]
    if unknown and key in ("text", "more"):
        raise fail(where, f"unknown field {{{unknown[0]}}}; use "
                   f"{', '.join('{' + f + '}' for f in sorted(FIELDS))}", node)
    return {key: value}
