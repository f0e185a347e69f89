"""Themes as data: templates/NAME.yaml, with ``extends:`` inheritance, read by name.

Product code asks for ``theme.colour("accent")`` or ``theme.text("body")``; it never holds a
colour or a type size of its own.

Colours are written ``"#rrggbb"``, ``"cmyk(0, 60, 100, 0)"`` or ``[0, 60, 100, 0]`` (CMYK in
percent). A theme has a colour mode: in ``"rgb"`` (the default, for screens) every colour comes
out as RGB; :meth:`Theme.with_colour_mode` gives the ``"cmyk"`` copy used for print, where every
colour comes out as CMYK (RGB converted naively, greys as black ink only).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab.lib.colors import CMYKColor, Color, HexColor

from . import fonts
from .errors import PrintprogError
from .resources import template
from .safeyaml import load, plain


@dataclass(frozen=True)
class TextStyle:
    font: str
    size: float
    leading: float  # absolute, in pt

    def __post_init__(self) -> None:
        fonts.ensure(self.font)  # a face read on first use (fonts._EAGER)

    def at(self, size: float) -> TextStyle:
        """The same style at another size, leading scaled with it."""
        return TextStyle(self.font, size, self.leading * size / self.size)


def _merge(base: dict, over: dict) -> dict:
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def _load_raw(name_or_path: str, seen: tuple[Path, ...] = ()) -> dict:
    path = template(name_or_path, "", "theme").resolve()
    if path in seen:
        raise PrintprogError(f"{path}: theme extends itself in a loop")
    data = plain(load(path)) or {}
    if not isinstance(data, dict):
        raise PrintprogError(f"{path}: a theme must be a mapping")
    parent = data.pop("extends", None)
    if parent:
        base_name = str(parent)
        if base_name.endswith((".yaml", ".yml")) and not Path(base_name).is_absolute():
            base_name = str(path.parent / base_name)
        return _merge(_load_raw(base_name, (*seen, path)), data)
    return data


COLOUR_MODES = ("rgb", "cmyk")
_CMYK = re.compile(r"^cmyk\(([^()]*)\)$", re.IGNORECASE)
#: An RGB colour whose channels differ by no more than this is a grey: black ink only, so
#: hairlines and small text never need four plates in register.
_NEUTRAL = 0.1
#: A grey at least this dark is printed as solid black (K 100), not as a rich black.
_NEAR_BLACK = 0.25


def parse_colour(value: Any) -> Color:
    """A colour as written in a theme or the data: '#rrggbb', 'cmyk(c, m, y, k)' or [c, m, y, k]
    in percent. Raises ValueError for anything else."""
    if isinstance(value, (list, tuple)):
        parts = list(value)
    else:
        text = str(value).strip()
        found = _CMYK.match(text.replace(" ", ""))
        if not found:
            if not text.startswith("#"):
                raise ValueError(text)
            return HexColor(text)
        parts = found.group(1).split(",")
    if len(parts) != 4 or any(isinstance(p, bool) for p in parts):
        raise ValueError(value)
    c, m, y, k = (float(p) for p in parts)
    if not all(0 <= v <= 100 for v in (c, m, y, k)):
        raise ValueError(value)
    return CMYKColor(c / 100, m / 100, y / 100, k / 100)


def to_cmyk(colour: Color) -> CMYKColor:
    """The colour as process CMYK: CMYK as given, greys as black ink only, other RGB by the
    naive formula (no ICC profile: the print shop's RIP does the real conversion)."""
    if isinstance(colour, CMYKColor):
        d = colour.density
        return CMYKColor(*(round(d * v, 4) for v in (colour.cyan, colour.magenta,
                                                         colour.yellow, colour.black)))
    r, g, b = colour.red, colour.green, colour.blue
    hi, lo = max(r, g, b), min(r, g, b)
    if hi - lo <= _NEUTRAL:
        grey = 1.0 if hi <= _NEAR_BLACK else 1 - (r + g + b) / 3
        return CMYKColor(0, 0, 0, round(grey, 4))
    k = 1 - hi
    c, m, y = ((1 - v - k) / (1 - k) for v in (r, g, b))
    return CMYKColor(round(c, 4), round(m, 4), round(y, 4), round(k, 4))


def to_rgb(colour: Color) -> Color:
    """The colour as RGB for screens (a CMYK colour by the naive formula)."""
    if isinstance(colour, CMYKColor):
        return Color(*(round(v, 4) for v in colour.rgb()))
    return colour


class Theme:
    def __init__(self, data: dict, name: str, colour_mode: str = "rgb"):
        if colour_mode not in COLOUR_MODES:
            raise PrintprogError(f"unknown colour mode '{colour_mode}'; use rgb or cmyk")
        self.data, self.name, self.colour_mode = data, name, colour_mode

    def with_colour_mode(self, mode: str) -> Theme:
        """A copy of this theme whose colours all come out in ``mode`` ('rgb' or 'cmyk')."""
        return self if mode == self.colour_mode else Theme(self.data, self.name, mode)

    def get(self, *keys: str) -> Any:
        node: Any = self.data
        for key in keys:
            if not isinstance(node, dict) or key not in node:
                raise PrintprogError(f"theme '{self.name}': missing {'.'.join(keys)}; "
                                     "add it or extend the default theme")
            node = node[key]
        return node

    def colour(self, name: str) -> Color:
        """The named theme colour, or a colour written out ('#rrggbb', 'cmyk(...)'), in this
        theme's colour mode."""
        literal = str(name).lstrip().startswith("#") or _CMYK.match(str(name).replace(" ", ""))
        value = name if literal else self.get("colours", name)
        try:
            colour = parse_colour(value)
        except (ValueError, TypeError):
            raise PrintprogError(f"theme '{self.name}': colour {name} = {value!r} is not "
                                 "#rrggbb, cmyk(c, m, y, k) or [c, m, y, k] in percent") from None
        return to_cmyk(colour) if self.colour_mode == "cmyk" else to_rgb(colour)

    def text(self, name: str, section: str = "text") -> TextStyle:
        value = self.get(*section.split("."), name)
        try:
            font, size, leading = value
            return TextStyle(str(font), float(size), float(size) * float(leading))
        except (TypeError, ValueError):
            raise PrintprogError(f"theme '{self.name}': {section}.{name} must be "
                                 "[font, size, leading]") from None

    def number(self, *keys: str) -> float:
        value = self.get(*keys)
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            raise PrintprogError(f"theme '{self.name}': {'.'.join(keys)} must be a number")
        return float(value)


@functools.cache
def load_theme(name_or_path: str = "default") -> Theme:
    return Theme(_load_raw(name_or_path), name_or_path)
