"""Themes as data: templates/NAME.yaml, with ``extends:`` inheritance, read by name.

Product code asks for ``theme.colour("accent")`` or ``theme.text("body")``; it never holds a
colour or a type size of its own.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab.lib.colors import Color, HexColor

from .errors import PrintprogError
from .importers.safeyaml import load, plain
from .resources import templates_dir


@dataclass(frozen=True)
class TextStyle:
    font: str
    size: float
    leading: float  # absolute, in pt

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


def _resolve(name_or_path: str) -> Path:
    candidate = Path(name_or_path)
    if candidate.suffix in (".yaml", ".yml"):
        if not candidate.is_file():
            raise PrintprogError(f"{candidate}: theme file not found")
        return candidate
    path = templates_dir() / f"{name_or_path}.yaml"
    if not path.is_file():
        names = sorted(p.stem for p in templates_dir().glob("*.yaml") if p.stem != "papers")
        raise PrintprogError(f"unknown theme '{name_or_path}'; use one of: {', '.join(names)} "
                             "or a path to a .yaml file")
    return path


def _load_raw(name_or_path: str, seen: tuple[Path, ...] = ()) -> dict:
    path = _resolve(name_or_path).resolve()
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


class Theme:
    def __init__(self, data: dict, name: str):
        self.data, self.name = data, name

    def get(self, *keys: str) -> Any:
        node: Any = self.data
        for key in keys:
            if not isinstance(node, dict) or key not in node:
                raise PrintprogError(f"theme '{self.name}': missing {'.'.join(keys)}; "
                                     "add it or extend the default theme")
            node = node[key]
        return node

    def colour(self, name: str) -> Color:
        value = self.get("colours", name) if not str(name).startswith("#") else name
        try:
            return HexColor(str(value))
        except (ValueError, TypeError):
            raise PrintprogError(f"theme '{self.name}': colour {name} = {value!r} "
                                 "is not #rrggbb") from None

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
