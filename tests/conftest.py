"""Shared test helpers: the repo root, fixture paths, system-tool availability, and the
expensive PDFs, built once per session for the tests that only read them."""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import io
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
def built(tmp_path_factory, worker_id) -> Callable[..., Path]:
    """``built("booklet", "--data", str(KVM))``: the product of that command line (with
    ``--out`` added), built the first time a test asks and shared by every later one, in
    every worker of the run (pytest-xdist): the first to ask builds it under a file lock,
    the others wait and read it. Read-only (mode 0444): a test that changes its PDF copies
    it first."""
    from printprog.cli import main

    base = tmp_path_factory.getbasetemp()
    cache = (base.parent if worker_id != "master" else base) / "built"  # this run's
    cache.mkdir(exist_ok=True)

    def build(*args: str) -> Path:
        key = hashlib.sha256("\0".join(args).encode()).hexdigest()[:16]
        folder = cache / key
        out = folder / ("out" if "--all" in args else f"{args[0]}.pdf")
        with (cache / f"{key}.lock").open("w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if not (folder / "done").exists():
                shutil.rmtree(folder, ignore_errors=True)  # a worker that died half-way
                folder.mkdir()
                err = io.StringIO()
                with contextlib.redirect_stderr(err):
                    assert main([*args, "--out", str(out)]) == 0, args
                (folder / "stderr.txt").write_text(err.getvalue(), encoding="utf-8")
                for path in [out, *out.glob("*")] if out.is_dir() else [out]:
                    path.chmod(0o444)
                (folder / "done").touch()
        return out

    def stderr(*args: str) -> str:
        """What the build of that command line printed on stderr (its warnings)."""
        return (build(*args).parent / "stderr.txt").read_text(encoding="utf-8")

    build.stderr = stderr  # type: ignore[attr-defined]
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
    of the schedule (printprog.schedule.scope)."""
    from printprog.importers import load
    from printprog.render import Options, render
    from printprog.schedule.lookup import find_room
    from printprog.theme.loader import load_theme

    conf = load(KVM)
    out = tmp_path_factory.mktemp("sign")
    render("signage", conf, load_theme("default"), Options(rooms=(find_room(conf, "stirling"),)),
           out)
    return out / "stirling-suite.pdf"


def pytest_sessionstart(session) -> None:
    """Byte-compile printprog once, before any test: the tests that run the CLI in a child
    process set PYTHONDONTWRITEBYTECODE, so on a fresh checkout each child compiled every
    module it imported from source again (about 30 s of a clean-clone CI run)."""
    import compileall

    compileall.compile_dir(ROOT / "src" / "printprog", quiet=2, workers=1)
