"""draw.qrahead: codes encoded ahead in a child process are the codes this process makes,
it runs only where it pays, and a text it did not encode is encoded here as before."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading

import pytest

from conftest import ROOT
from printprog.draw import qr, qrahead

URLS = [f"https://kvmforum2013.sched.org/event/{i:04d}/a-talk-title-{i}" for i in range(24)]


@pytest.fixture(autouse=True)
def _clean():
    qrahead.collect()
    qrahead._ready.clear()
    qr._symbol.cache_clear()
    yield
    qrahead.collect()
    qrahead._ready.clear()
    qr._symbol.cache_clear()


def test_codes_encoded_ahead_are_the_codes_encoded_here():
    here = {url: qr._encode(url, "M") for url in URLS}
    assert qrahead.start([(url, "M") for url in URLS], qr._encode, force=True)
    for url in URLS:
        assert qrahead.take(url, "M") == here[url]
    assert qrahead.take(URLS[0], "M") is None  # each is handed over once
    assert qrahead._pending is None


def test_symbol_takes_a_code_encoded_ahead_and_encodes_the_rest_itself(monkeypatch):
    qrahead.start([(url, "M") for url in URLS[:4]], qr._encode, force=True)
    encoded_here: list[str] = []
    real = qr._encode

    def counting(data: str, level: str):
        encoded_here.append(data)
        return real(data, level)

    monkeypatch.setattr(qr, "_encode", counting)
    for url in URLS[:6]:
        qr.modules(url, "M")
    assert encoded_here == URLS[4:6]


def test_a_child_that_encodes_nothing_leaves_the_work_here():
    def refusing(data: str, level: str):
        raise ValueError("too long")

    assert qrahead.start([(url, "M") for url in URLS], refusing, force=True)
    assert qrahead.take(URLS[0], "M") is None
    assert qr.modules(URLS[0], "M") == qr._encode(URLS[0], "M")[0]


def test_ahead_only_on_the_command_line_with_a_spare_processor_and_enough_codes(monkeypatch):
    monkeypatch.setattr(sys, "orig_argv", [sys.executable, "/venv/bin/printprog", "booklet"])
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    assert qrahead.wanted(qrahead.LEAST)
    assert not qrahead.wanted(qrahead.LEAST - 1)
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0}, raising=False)
    assert not qrahead.wanted(100)  # one processor: nothing to gain
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    monkeypatch.setattr(threading, "active_count", lambda: 2)
    assert not qrahead.wanted(100)  # a fork copies one thread of several
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    monkeypatch.setattr(sys, "orig_argv", [sys.executable, "my_script.py"])
    assert not qrahead.wanted(100)  # a program using printprog as a library


@pytest.mark.skipif(shutil.which("taskset") is None or len(os.sched_getaffinity(0)) < 2,
                    reason="needs taskset and two processors")
def test_booklet_is_the_same_file_with_codes_encoded_ahead_or_not(tmp_path):
    """On two processors the command line encodes the talks' codes ahead; on one (taskset)
    it does not: the same bytes."""
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")
    files = []
    for name, prefix in (("ahead", []), ("here", ["taskset", "-c", "0"])):
        out = tmp_path / f"{name}.pdf"
        subprocess.run([*prefix, sys.executable, "-m", "printprog.cli", "booklet", "--out",
                        str(out)], cwd=ROOT, env=env, check=True, capture_output=True,
                       timeout=120)
        files.append(out.read_bytes())
    assert files[0] == files[1]
