"""Subcommands of the CLI besides the products (each product's is derived from its
declaration: :mod:`printprog.cli.product`); one module each, with ``register(subparsers)``.

These modules import only argparse-level things at import time so ``printprog --help`` stays
fast; the library code is imported inside the handlers.
"""

#: Modules whose ``register`` the CLI calls after the products', in the order --help lists
#: them.
MODULES = ("ical", "preflight", "preview")
