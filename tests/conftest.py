"""Shared test helpers: the repo root, fixture paths, system-tool availability, and the
expensive PDFs, built once per session for the tests that only read them."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
MINI = FIXTURES / "mini"
KVM = ROOT / "data" / "kvmforum2013"
SAMPLE_31C3 = FIXTURES / "samples" / "frab-xml" / "31c3.xml"


def need_tool(name: str) -> str:
    """Path of a system tool; skip without it, except under CI where a skip is a failure."""
    path = shutil.which(name)
    if path:
        return path
    if os.environ.get("CI") == "true":
        pytest.fail(f"{name} is not installed; .ci/run must install it")
    pytest.skip(f"{name} not installed")


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A writable copy of the minimal event."""
    target = tmp_path / "mini"
    shutil.copytree(MINI, target)
    return target


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Callable[..., Path]:
    """``built("booklet", "--data", str(KVM))``: the product of that command line (with
    ``--out`` added), built the first time a test asks and shared by every later one.
    Read-only (mode 0444): a test that changes its PDF copies it first."""
    from printprog.cli import main

    cache: dict[tuple[str, ...], Path] = {}

    def build(*args: str) -> Path:
        if args not in cache:
            folder = tmp_path_factory.mktemp(f"built-{args[0]}")
            out = folder / ("out" if "--all" in args else f"{args[0]}.pdf")
            assert main([*args, "--out", str(out)]) == 0, args
            for path in [out, *out.glob("*")] if out.is_dir() else [out]:
                path.chmod(0o444)
            cache[args] = out
        return cache[args]

    return build


@pytest.fixture(scope="session")
def kvm_booklet(built) -> Path:
    """The bundled event's booklet, default options."""
    return built("booklet", "--data", str(KVM))


@pytest.fixture(scope="session")
def booklet_31c3(built) -> Path:
    """The booklet of the real 31C3 frab export (138 talks), default options."""
    return built("booklet", "--data", str(SAMPLE_31C3))


@pytest.fixture(scope="session")
def stirling_sign(tmp_path_factory) -> Path:
    """The bundled event's Stirling Suite sign as printed: it carries only that room's part
    of the schedule (printprog.scope)."""
    from printprog.importers import load
    from printprog.lookup import find_room
    from printprog.render import Options, render
    from printprog.theme import load_theme

    conf = load(KVM)
    out = tmp_path_factory.mktemp("sign")
    render("signage", conf, load_theme("default"), Options(rooms=(find_room(conf, "stirling"),)),
           out)
    return out / "stirling-suite.pdf"
