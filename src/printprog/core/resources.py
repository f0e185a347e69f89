"""Where bundled files live: beside the package when installed, at the repo root in a checkout."""

from __future__ import annotations

from pathlib import Path

from .errors import PrintprogError

_PACKAGE = Path(__file__).resolve().parents[1]
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


def template_names(folder: str) -> list[str]:
    """Names of the templates in ``templates/<folder>`` (the top level for themes)."""
    base = templates_dir() / folder
    return sorted(p.stem for p in base.glob("*.yaml") if not (folder == "" and p.stem == "papers"))


def template(name_or_path: str, folder: str, what: str, relative_to: Path | None = None) -> Path:
    """A template file by name (``templates/<folder>/<name>.yaml``) or by path to a .yaml
    file; a relative path is tried next to ``relative_to`` first (a file that names another)."""
    candidate = Path(name_or_path)
    if candidate.suffix in (".yaml", ".yml") or len(candidate.parts) > 1:
        if not candidate.is_absolute() and relative_to is not None:
            near = relative_to.parent / candidate
            candidate = near if near.is_file() else candidate
        if not candidate.is_file():
            raise PrintprogError(f"{candidate}: {what} file not found")
        return candidate
    path = templates_dir() / folder / f"{name_or_path}.yaml"
    if not path.is_file():
        raise PrintprogError(f"unknown {what} '{name_or_path}'; use one of: "
                             f"{', '.join(template_names(folder))} or a path to a .yaml file")
    return path
