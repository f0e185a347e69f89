"""Where bundled files live: beside the package when installed, at the repo root in a checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_REPO = _PACKAGE.parents[1]


def _dir(name: str) -> Path:
    for base in (_PACKAGE / "_data", _REPO):
        if (base / name).is_dir():
            return base / name
    raise FileNotFoundError(f"bundled folder '{name}' is missing; reinstall printprog")


def fonts_dir() -> Path:
    return _dir("fonts")


def templates_dir() -> Path:
    return _dir("templates")


def default_data() -> Path:
    """The bundled event: ./data/kvmforum2013 if present, else the checkout's copy."""
    local = Path("data/kvmforum2013")
    return local if local.is_dir() else _REPO / "data" / "kvmforum2013"
