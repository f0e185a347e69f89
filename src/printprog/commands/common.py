"""Options and steps every product command shares: data, output, paper, theme, warnings."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_data(p: argparse.ArgumentParser) -> None:
    p.add_argument("--data", type=Path, default=None, metavar="PATH",
                   help="data folder or schedule file (default: the bundled KVM Forum 2013)")


def add_product(p: argparse.ArgumentParser, default_out: str, papers: list[str]) -> None:
    add_data(p)
    p.add_argument("--out", type=Path, default=Path(default_out), metavar="PATH",
                   help=f"where to write (default: {default_out})")
    p.add_argument("--paper", choices=papers, default=None,
                   help=f"paper size (default: the theme's, {papers[0]})")
    p.add_argument("--theme", default="default", metavar="NAME|FILE",
                   help="theme name in templates/ or a theme YAML file (default: default)")


def load_conference(args: argparse.Namespace):
    from ..importers import load
    from ..resources import default_data

    return load(args.data or default_data())


def print_warnings(warnings: list[str]) -> None:
    for w in warnings:
        print(f"warning: {w}", file=sys.stderr)
