"""Products: booklet, signage, poster, badges, changes, chair: one package each, whose
``__init__`` declares the product as ``PRODUCT`` (a :class:`printprog.products.base.Product`).

The registry below is what the CLI (one subcommand per product), :func:`printprog.render`,
the contract tests and the hostile-test harness read. To add a product: one package here
whose ``__init__`` exports ``PRODUCT``, one line in :data:`REGISTRY` (or :func:`register`
at run time), its section in templates/default.yaml (and theme/schema.py) and a test file.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

from ..core.errors import PrintprogError

if TYPE_CHECKING:
    from .base import Product

#: Product name -> package whose ``__init__`` exports PRODUCT (imported on first use; the
#: declaration imports no drawing code, so ``--help`` stays fast), or the Product itself
#: (:func:`register`).
REGISTRY: dict[str, str | Product] = {
    "booklet": "printprog.products.booklet",
    "signage": "printprog.products.signage",
    "poster": "printprog.products.poster",
    "badges": "printprog.products.badges",
    "changes": "printprog.products.changes",
    "chair": "printprog.products.chair",
}


def names() -> list[str]:
    return list(REGISTRY)


def register(product: Product) -> None:
    """Add ``product`` under its name (a product outside this package, e.g. a test's)."""
    REGISTRY[product.name] = product


def get(name: str) -> Product:
    """The product called ``name``."""
    if name not in REGISTRY:
        raise PrintprogError(f"unknown product '{name}'; use one of: {', '.join(REGISTRY)}")
    entry = REGISTRY[name]
    return import_module(entry).PRODUCT if isinstance(entry, str) else entry


def all_products() -> list[Product]:
    return [get(name) for name in REGISTRY]
