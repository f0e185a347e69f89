"""Subcommands of the CLI, one module per product; each has ``register(subparsers)``.

These modules import only argparse-level things at import time so ``printprog --help`` stays
fast; the product code is imported inside the handlers.
"""

#: Modules whose ``register`` the CLI calls, in the order --help lists them.
MODULES = ("booklet", "signage", "poster", "badges", "changes", "chair", "ical", "preflight",
           "preview")
