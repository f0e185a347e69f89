"""What the hostile harness runs: every product of the registry with its minimal command
line, derived from the product's declaration (#26 item 2), and the commands that are not
products (check, ical, preflight, preview).

:data:`PRODUCTS` maps each command to the arguments that go before ``--data`` and the name
of its output in a run's folder; a flag listed in :data:`VALUES` is followed by its value
when :func:`hostile.harness.product_args` builds the command line.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from printprog import products
from printprog.cli.product import register

#: Values for the options a product requires that take one (flag -> the value, given the
#: batch's folder). ``changes --since`` reads the booklet of the harness's standard Event,
#: made once per batch that needs it (``harness._prepare``).
VALUES: dict[str, Callable[[Path], str]] = {
    "--since": lambda root: str(root / "since" / "booklet.pdf"),
}


def minimal_args(name: str) -> list[str]:
    """The least command line of product ``name`` besides --data and --out, read from its
    subcommand as the CLI builds it from the product's declaration: of a required choice
    (signage's and chair's --room or --all) the option that takes no value; a required
    option that takes one (changes --since) as its flag, given a value by :data:`VALUES`."""
    sub = argparse.ArgumentParser().add_subparsers()
    register(sub, products.get(name))
    parser = sub.choices[name]
    out: list[str] = []
    grouped: set[int] = set()
    for group in parser._mutually_exclusive_groups:
        grouped.update(id(a) for a in group._group_actions)
        if group.required:
            bare = [a for a in group._group_actions if a.nargs == 0]
            assert bare, f"{name}: no option of its required choice goes without a value"
            out.append(bare[0].option_strings[-1])
    for action in parser._actions:
        if action.required and id(action) not in grouped:
            flag = action.option_strings[-1]
            assert flag in VALUES, f"{name} requires {flag}: give it a value in VALUES"
            out.append(flag)
    return out


def product_names() -> tuple[str, ...]:
    """Every product in the registry (the CLI's product commands), in its order."""
    return tuple(products.names())


def _registered() -> dict[str, tuple[list[str], str | None]]:
    return {name: ([name, *minimal_args(name)], Path(products.get(name).out).name)
            for name in product_names()}


#: command -> (arguments after --data, name of the output inside the run's folder): every
#: product of the registry with its minimal command line, and the other commands.
PRODUCTS: dict[str, tuple[list[str], str | None]] = {
    "check": (["check"], None),
    **_registered(),
    "ical": (["ical"], "schedule.ics"),
    "preflight": (["preflight"], None),
    "preview": (["preview"], None),
}
