"""Stop signals (printprog.core.stops): an interrupt never lands inside an import, one a library
swallows still stops the run before anything is renamed, and an ignored signal stays
ignored.

The subprocess cases send SIGTERM from inside a module's import, half-way through its body
(a ``sitecustomize`` shim on the child's PYTHONPATH): the moment that, under load, left a
half-imported module and an ImportError traceback, or (reportlab's bare ``except:`` around
its optional imports) swallowed the signal so the run replaced the old PDF and exited 0.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import MINI
from printprog.core import stops
from printprog.pdf import atomic as pdf

OLD = b"%PDF-1.4\n% the previous booklet, which must survive\n%%EOF\n"

SHIM = '''
import importlib.abc, importlib.machinery, os, signal, sys
TARGET, FRACTION = os.environ["STOP_IN_IMPORT"], float(os.environ["STOP_AT"])

class Finder(importlib.abc.MetaPathFinder):
    done = False

    def find_spec(self, name, path, target=None):
        if Finder.done or name != TARGET:
            return None
        Finder.done = True
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        code = spec.loader.get_code(name)
        lines = sorted({line for _, _, line in code.co_lines() if line})
        at = lines[int(len(lines) * FRACTION)]
        run = spec.loader.exec_module

        def tracer(frame, event, arg):
            if frame.f_code.co_filename != code.co_filename or frame.f_code.co_name != "<module>":
                return None
            if frame.f_lineno >= at:
                sys.settrace(None)
                open(os.environ["STOP_MARK"], "w").close()
                os.kill(os.getpid(), signal.SIGTERM)
                return None
            return tracer

        def exec_module(module):
            sys.settrace(tracer)
            try:
                run(module)
            finally:
                sys.settrace(None)

        spec.loader.exec_module = exec_module
        return spec

sys.meta_path.insert(0, Finder())
'''


def _booklet(tmp_path: Path, module: str, at: float, *args: str
             ) -> tuple[subprocess.CompletedProcess, Path]:
    shim = tmp_path / "shim"
    shim.mkdir()
    (shim / "sitecustomize.py").write_text(SHIM)
    out = tmp_path / "out" / "booklet.pdf"
    out.parent.mkdir()
    out.write_bytes(OLD)
    env = dict(os.environ, PYTHONPATH=str(shim), STOP_IN_IMPORT=module, STOP_AT=str(at),
               STOP_MARK=str(tmp_path / "stopped"), PYTHONDONTWRITEBYTECODE="1")

    def child() -> None:
        for sig in stops.SIGNALS:
            signal.signal(sig, signal.SIG_DFL)

    done = subprocess.run([sys.executable, "-m", "printprog.cli", "booklet", "--data", str(MINI),
                           "--out", str(out), *args], env=env, capture_output=True,
                          text=True, timeout=120, preexec_fn=child)
    return done, out


# Imported after the handlers are installed (lazily, by the booklet command; pikepdf only
# by print production that changes the pages: bleed).
@pytest.mark.parametrize("module, at, args", [("printprog.theme.schema", 0.5, ()),
                                              ("printprog.layout.grid.cells", 0.3, ()),
                                              ("reportlab.platypus.paragraph", 0.5, ()),
                                              ("pikepdf._methods", 0.5, ("--bleed", "3"))])
def test_sigterm_inside_an_import_stops_the_run_cleanly(tmp_path, module, at, args):
    done, out = _booklet(tmp_path, module, at, *args)
    assert (tmp_path / "stopped").exists(), f"{module} was not imported"
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 1, done.stderr
    assert done.stderr.strip() == "error: interrupted"
    assert out.read_bytes() == OLD
    assert sorted(p.name for p in out.parent.iterdir()) == ["booklet.pdf"]


def test_stop_while_saving_leaves_no_temporary_of_the_pdf_library(tmp_path, monkeypatch):
    """The pikepdf._methods case above failed one run in ten: the stop, retried once the
    import was done, landed in pikepdf's save just after tempfile's os.open made its own
    temporary beside printprog's (before pikepdf held its name to remove it). Here that
    moment every time: whatever the save does, the folder holds the booklet alone."""
    import contextlib

    import pikepdf
    from pikepdf import _io

    from printprog.production.rewrite import save

    target = tmp_path / "booklet.pdf"
    target.write_bytes(OLD)
    made = _io.NamedTemporaryFile

    def stopped(*args, **kwargs):
        made(*args, **kwargs)  # on disk, never handed back
        raise KeyboardInterrupt

    monkeypatch.setattr(_io, "NamedTemporaryFile", stopped)
    with pikepdf.new() as doc, contextlib.suppress(KeyboardInterrupt):
        doc.add_blank_page()
        save(doc, target)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["booklet.pdf"]


def test_interrupt_waits_for_the_import_to_finish(tmp_path, monkeypatch):
    (tmp_path / "stopper_mod.py").write_text(
        "import os, signal\nos.kill(os.getpid(), signal.SIGTERM)\n"
        "for _ in range(20000):\n    pass\nCOMPLETE = True\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(KeyboardInterrupt), stops.handled():
        import stopper_mod  # noqa: F401
        time.sleep(5)  # the interrupt comes here, a few ms after the import
        pytest.fail("no interrupt")
    assert sys.modules["stopper_mod"].COMPLETE
    del sys.modules["stopper_mod"]


def test_swallowed_interrupt_stops_the_commit(tmp_path):
    target = tmp_path / "booklet.pdf"
    target.write_bytes(OLD)
    with pytest.raises(KeyboardInterrupt), stops.handled(), pdf.transaction():
        with pdf.atomic_output(target) as tmp:
            tmp.write_bytes(b"%PDF-1.4 new")
        try:  # a library's bare except
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(1)
        except BaseException:
            pass
    assert target.read_bytes() == OLD
    assert [p.name for p in tmp_path.iterdir()] == ["booklet.pdf"]


def test_handlers_restored_and_ignored_signals_stay_ignored():
    before = signal.signal(signal.SIGHUP, signal.SIG_IGN)
    try:
        term = signal.getsignal(signal.SIGTERM)
        with stops.handled():
            assert signal.getsignal(signal.SIGHUP) is signal.SIG_IGN
            assert signal.getsignal(signal.SIGTERM) is not term
        assert signal.getsignal(signal.SIGTERM) is term
        stops.check()  # nothing seen: no interrupt
    finally:
        signal.signal(signal.SIGHUP, before)
