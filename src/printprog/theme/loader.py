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
from pathlib import Path
from typing import Any

from reportlab.lib.colors import CMYKColor, Color, HexColor

from ..core.errors import DataError, PrintprogError, Problem
from ..core.resources import template
from ..core.safeyaml import Marked, load, plain
from ..core.units import papers
from . import fontfiles, schema
from .schema import TextStyle


def _merge(base: dict, over: dict) -> dict:
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


class _Checker:
    """Checks one theme file's marked tree against the schema; collects located problems."""

    def __init__(self, path: Path):
        self.path, self.problems = path, []

    def fail(self, node: Marked, where: str, message: str) -> None:
        self.problems.append(Problem(message, file=self.path, line=node.line,
                                     column=node.column, path=where))

    def section(self, node: Marked, cls: type, where: str) -> None:
        if not isinstance(node.value, dict):
            self.fail(node, where, "must be a mapping of keys" if where else
                      "a theme must be a mapping of keys, e.g. 'extends: default' and the "
                      "keys it changes")
            return
        known = schema.specs(cls)
        for key, value in node.value.items():
            name = f"{where}.{key}" if where else str(key)
            if key not in known:
                import difflib  # for a misspelt key only

                close = difflib.get_close_matches(str(key), list(known), n=1)
                hint = f"did you mean {close[0]}? " if close else ""
                self.fail(node.keys.get(key, value), name,
                          f"unknown key; {hint}known: {', '.join(known)}")
            else:
                self.value(value, known[key], name)

    def value(self, node: Marked, spec: schema.Spec, where: str) -> None:
        v, kind = node.value, spec.kind
        if v is None and spec.optional:
            return
        if kind == "section":
            self.section(node, spec.section, where)
        elif kind == "each":
            if not isinstance(v, dict):
                self.fail(node, where, "must be a mapping of names")
                return
            for key, item in v.items():
                self.value(item, spec.item, f"{where}.{key}")
        elif kind in ("number", "count"):
            whole = kind == "count"
            if isinstance(v, bool) or not isinstance(v, int if whole else (int, float)):
                self.fail(node, where, f"must be a {'whole ' if whole else ''}number"
                                       f"{' of ' + spec.unit if spec.unit else ''}, not {v!r}")
            elif not spec.lo <= v <= spec.hi:  # also refuses nan
                self.fail(node, where, f"{v:g} is out of range; use {spec.lo:g} to "
                                       f"{spec.hi:g}{' ' + spec.unit if spec.unit else ''}")
        elif kind == "bool":
            if not isinstance(v, bool):
                self.fail(node, where, f"must be true or false, not {v!r}")
        elif kind in ("name", "paper"):
            if not isinstance(v, str) or not v.strip():
                self.fail(node, where, f"must be a name, not {v!r}")
            elif kind == "paper" and v.lower() not in papers():
                self.fail(node, where, f"unknown paper size '{v}'; use one of: "
                                       f"{', '.join(papers())} (templates/papers.yaml)")
        elif kind in ("colour", "colour_ref"):
            if kind == "colour_ref" and isinstance(v, str) and not _literal(v):
                return  # a name from colours:, checked in the merged theme
            try:
                parse_colour(plain(v))
            except (ValueError, TypeError):
                self.fail(node, where, f"{plain(v)!r} is not #rrggbb, cmyk(c, m, y, k) or "
                                       "[c, m, y, k] in percent")
        elif kind == "text":
            self.text(node, where)

    def text(self, node: Marked, where: str) -> None:
        v = plain(node.value)
        if not (isinstance(v, list) and len(v) == 3 and isinstance(v[0], str)
                and all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in v[1:])):
            self.fail(node, where, "must be [font, size in pt, leading as a multiple of size]")
            return
        font, size, leading = v
        try:  # the style then names the font as registered (a file: its real path)
            node.value[0].value = fontfiles.resolve_font(font, self.path.parent)
        except ValueError as exc:
            self.fail(node.value[0], where, str(exc))
        if not 3 <= size <= 200:
            self.fail(node.value[1], where, f"size {size:g} pt is out of range; use 3 to 200")
        if not 0.8 <= leading <= 3:
            self.fail(node.value[2], where, f"leading {leading:g} is out of range; use 0.8 to 3 "
                                            "(a multiple of the size)")


def _literal(value: str) -> bool:
    return value.lstrip().startswith("#") or bool(_CMYK.match(value.replace(" ", "")))


def _read(path: Path) -> dict:
    """One theme file, checked against the schema; its plain data."""
    node = load(path)
    if node is None:
        return {}
    checker = _Checker(path)
    checker.section(node, schema.ThemeSections, "")
    if checker.problems:  # DataError prints the first errors.MAX_REPORTED, counts the rest
        raise DataError(checker.problems)
    return plain(node)


def _load_raw(name_or_path: str, seen: tuple[Path, ...] = ()) -> dict:
    path = template(name_or_path, "", "theme").resolve()
    if path in seen:
        raise PrintprogError(f"{path}: theme extends itself in a loop")
    data = _read(path)
    parent = data.pop("extends", None)
    if parent:
        base_name = str(parent)
        if base_name.endswith((".yaml", ".yml")) and not Path(base_name).is_absolute():
            base_name = str(path.parent / base_name)
        return _merge(_load_raw(base_name, (*seen, path)), data)
    return data


def _complete(data: dict, cls: type, where: str, missing: list[str]) -> None:
    """Names of required keys the merged theme lacks."""
    for key, spec in schema.specs(cls).items():
        name = f"{where}.{key}" if where else key
        if key not in data or data[key] is None:
            if not spec.optional:
                missing.append(name)
        elif spec.kind == "section":
            _complete(data[key], spec.section, name, missing)


def _refs(data: dict, name: str) -> list[str]:
    """Colour names used in sections that are not defined in ``colours:``."""
    colours = data.get("colours", {})
    bad = []
    for sec in ("signage", "poster", "badges"):
        for group in ("colours", "roles"):
            for key, value in (data.get(sec, {}).get(group) or {}).items():
                if isinstance(value, str) and not _literal(value) and value not in colours:
                    bad.append(f"{sec}.{group}.{key} = '{value}'")
    return bad


def _scales(data: dict) -> None:
    """Every paper of templates/papers.yaml selectable by every product: a paper a section's
    ``paper_scale`` does not list is scaled by its size against the section's own paper."""
    sizes = papers()
    for sec in ("signage", "poster"):
        part = data.get(sec) or {}
        own = sizes[str(part["paper"]).lower()]
        scale = dict(part.get("paper_scale") or {})
        for name, (w, h) in sizes.items():
            scale.setdefault(name, round(min(w / own[0], h / own[1]), 4))
        part["paper_scale"] = scale


def check(data: dict, name: str) -> schema.ThemeSections:
    """The merged theme ``data``, complete and consistent, as typed sections."""
    missing: list[str] = []
    _complete(data, schema.ThemeSections, "", missing)
    if missing:
        raise PrintprogError(f"theme '{name}': missing {', '.join(missing[:10])}"
                             f"{' and more' if len(missing) > 10 else ''}; add them or "
                             "extend the default theme")
    bad = _refs(data, name)
    if bad:
        raise PrintprogError(f"theme '{name}': unknown colour names {', '.join(bad[:10])}; "
                             "define them in colours: or write #rrggbb")
    _scales(data)
    return schema.build(schema.ThemeSections, data)


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
    """A checked theme: ``sections`` typed (theme_schema), ``data`` the same as plain dicts
    for the readers by key path (:meth:`get`, :meth:`number`, :meth:`text`), which tests and
    theme files' own checks use: products read ``sections`` (tests/test_theme_reads.py)."""

    def __init__(self, data: dict, name: str, colour_mode: str = "rgb",
                 sections: schema.ThemeSections | None = None):
        if colour_mode not in COLOUR_MODES:
            raise PrintprogError(f"unknown colour mode '{colour_mode}'; use rgb or cmyk")
        self.data, self.name, self.colour_mode = data, name, colour_mode
        self.sections = sections if sections is not None else check(data, name)

    def with_colour_mode(self, mode: str) -> Theme:
        """A copy of this theme whose colours all come out in ``mode`` ('rgb' or 'cmyk')."""
        return self if mode == self.colour_mode else Theme(self.data, self.name, mode,
                                                           self.sections)

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
            return TextStyle.of(value)
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
