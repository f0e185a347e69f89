"""Products: booklet, signage, poster, badges, changes, chair. Each computes where things
go, then draws via pdf.py, and exports ``PRODUCT`` (:class:`printprog.products.base.Product`).

The registry below is what the CLI, :func:`printprog.render` and the hostile-test harness
read. To add a product: one module here with a ``PRODUCT``, one line in :data:`REGISTRY`,
its section in templates/default.yaml (and theme_schema.py), and a command module in
commands/ (listed in commands.MODULES) that turns flags into Options.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

from ..core.errors import PrintprogError

if TYPE_CHECKING:
    from .base import Product

#: Product name -> module exporting PRODUCT; imported on first use (``--help`` stays fast).
REGISTRY: dict[str, str] = {
    "booklet": "printprog.products.booklet.product",
    "signage": "printprog.products.signage.product",
    "poster": "printprog.products.poster.product",
    "badges": "printprog.products.badges.product",
    "changes": "printprog.products.changes.product",
    "chair": "printprog.products.chair.product",
}


def names() -> list[str]:
    return list(REGISTRY)


def get(name: str) -> Product:
    """The product called ``name``."""
    if name not in REGISTRY:
        raise PrintprogError(f"unknown product '{name}'; use one of: {', '.join(REGISTRY)}")
    return import_module(REGISTRY[name]).PRODUCT
