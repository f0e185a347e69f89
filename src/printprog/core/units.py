"""Lengths: millimetres inside the code, points at the canvas; named paper sizes from data."""

from __future__ import annotations

import functools

from .errors import PrintprogError

PT_PER_MM = 72 / 25.4


def mm(value: float) -> float:
    """Millimetres → PDF points."""
    return value * PT_PER_MM


def to_mm(points: float) -> float:
    return points / PT_PER_MM


@functools.cache
def papers() -> dict[str, tuple[float, float]]:
    """Named paper sizes in mm (portrait), from templates/papers.yaml."""
    from .resources import templates_dir
    from .safeyaml import load, plain

    data = plain(load(templates_dir() / "papers.yaml"))
    return {name: (float(w), float(h)) for name, (w, h) in data.items()}


def paper(name: str, landscape: bool = False) -> tuple[float, float]:
    """Paper size in points."""
    try:
        w, h = papers()[name.lower()]
    except KeyError:
        raise PrintprogError(
            f"unknown paper size '{name}'; use one of: {', '.join(papers())}") from None
    if landscape:
        w, h = h, w
    return mm(w), mm(h)
