"""Each file of a product of several carries its own report: a room's sign tells preflight
about that sign's QR codes and cut texts, all-rooms.pdf about the whole run's."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pytest

from conftest import KVM
from printprog.cli import main
from printprog.exporters.yaml_folder import write_folder
from printprog.importers import load
from printprog.production.rewrite import embedded_report
from printprog.qa.preflight import preflight

#: A Stirling Suite talk whose title no sign has room for: cut, in that room's sign only.
LONG = "Stirling " + " ".join(f"word{i}" for i in range(90))
CUT = "cut short to fit: sign Stirling Suite"


@pytest.fixture(scope="module")
def event(tmp_path_factory) -> Path:
    """KVM Forum 2013 with one Stirling Suite title too long for its sign."""
    conf = load(KVM)
    first = next(s for s in conf.sessions if s.room == "stirling-suite")
    folder = tmp_path_factory.mktemp("event") / "kvm"
    write_folder(replace(conf, sessions=tuple(replace(s, title=LONG) if s is first else s
                                              for s in conf.sessions)), folder)
    return folder


def _signs(event: Path, out: Path, jobs: int, capsys) -> str:
    assert main(["signage", "--all", "--data", str(event), "--out", str(out),
                 "--jobs", str(jobs)]) == 0
    return capsys.readouterr().err


def _pages(path: Path) -> int:
    pdf = pdfium.PdfDocument(str(path))
    try:
        return len(pdf)
    finally:
        pdf.close()


def _qr_count(path: Path) -> int:
    """What ``printprog preflight`` says of the file's QR codes."""
    (line,) = [ln for ln in preflight(path).info if ln.startswith("QR codes:")]
    found = re.match(r"QR codes: (\d+),", line)
    assert found, line
    return int(found.group(1))


def _title(path: Path) -> str:
    with pikepdf.open(path) as pdf:
        return str(pdf.docinfo["/Title"])


def _report(path: Path) -> dict:
    with pikepdf.open(path) as pdf:
        return embedded_report(pdf) or {}


def test_each_room_sign_reports_its_own_qr_codes_and_all_rooms_the_sum(event, tmp_path,
                                                                        capsys):
    out = tmp_path / "signs"
    err = _signs(event, out, 1, capsys)
    rooms = sorted(p for p in out.glob("*.pdf") if p.name != "all-rooms.pdf")
    assert len(rooms) == 7
    counts = {}
    for path in rooms:  # one QR per sheet, each sheet a page
        counts[path.name] = _qr_count(path)
        assert counts[path.name] == _pages(path), path.name
        room = _title(path).removesuffix(": room sign")
        assert all(q["what"].startswith(f"sign {room} ") for q in _report(path)["qr"]), room
    combined = out / "all-rooms.pdf"
    assert _qr_count(combined) == sum(counts.values()) == _pages(combined) == 13
    assert counts["stirling-suite.pdf"] == 2 and counts["edinburgh-suite.pdf"] == 3
    # The run's warnings are said once on the terminal, not once per file.
    assert err.count(CUT) == 1, err


def test_a_cut_title_is_in_its_room_file_and_the_combined_one_only(event, tmp_path, capsys):
    out = tmp_path / "signs"
    _signs(event, out, 1, capsys)
    cut_in = {p.name for p in out.glob("*.pdf")
              if any(c.startswith("sign Stirling Suite") for c in _report(p)["cut"])}
    assert cut_in == {"stirling-suite.pdf", "all-rooms.pdf"}
    stirling = preflight(out / "stirling-suite.pdf")
    assert any("1 text cut short" in w and "word0" in w for w in stirling.warnings), \
        stirling.warnings
    assert not any("cut short" in w for w in preflight(out / "edinburgh-suite.pdf").warnings)
    assert not any(CUT in w for w in _report(out / "melville-suite.pdf")["warnings"])
    assert any(CUT in w for w in _report(out / "stirling-suite.pdf")["warnings"])


def test_jobs_2_writes_the_same_bytes_as_jobs_1_reports_and_all(event, tmp_path, capsys):
    dirs = {jobs: tmp_path / f"signs-{jobs}" for jobs in (1, 2)}
    errs = {jobs: _signs(event, folder, jobs, capsys) for jobs, folder in dirs.items()}
    assert errs[1] == errs[2]
    names = sorted(p.name for p in dirs[1].iterdir())
    assert names == sorted(p.name for p in dirs[2].iterdir()) and "all-rooms.pdf" in names
    for name in names:
        assert (dirs[1] / name).read_bytes() == (dirs[2] / name).read_bytes(), name
    # And a rebuild is byte-identical.
    again = tmp_path / "again"
    _signs(event, again, 1, capsys)
    for name in names:
        assert (again / name).read_bytes() == (dirs[1] / name).read_bytes(), name
