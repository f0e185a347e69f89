"""Shared test helpers: the repo root, fixture paths, and system-tool availability."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
MINI = FIXTURES / "mini"
KVM = ROOT / "data" / "kvmforum2013"


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
