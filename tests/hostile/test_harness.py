"""The harness runs every product of the registry, each with a command line the CLI accepts
(#26 item 2): no list of products in the harness to keep in step by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

from printprog import products
from printprog.cli import build_parser

from .harness import PRODUCTS, VALUES, minimal_args, product_args, product_names


def test_harness_runs_every_registered_product():
    assert product_names() == tuple(products.names())
    assert set(products.names()) <= set(PRODUCTS)


@pytest.mark.parametrize("name", products.names())
def test_harness_minimal_command_line_is_accepted_by_the_cli(name: str):
    args = product_args(name, Path("/data"), Path("/batch/case/out"))
    parsed = build_parser().parse_args(args)  # exit 2 (SystemExit) if it lacked an option
    assert parsed.product == name
    assert args[-2:] == ["--out", f"/batch/case/out/{Path(products.get(name).out).name}"]


def test_harness_minimal_args_choose_the_bare_option_of_a_required_choice():
    # Signage and the chair kit require --room NAME or --all: --all takes no value.
    assert minimal_args("signage") == ["--all"] and minimal_args("chair") == ["--all"]
    assert minimal_args("booklet") == []
    assert minimal_args("changes") == ["--since"]
    assert product_args("changes", Path("/d"), Path("/batch/case/out"))[:3] == [
        "changes", "--since", VALUES["--since"](Path("/batch"))]
