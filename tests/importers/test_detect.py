"""--data FILE: each format recognised by content; a file printprog cannot read names the
formats it reads and the command to use."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from printprog.cli import main
from printprog.importers import FORMATS, detect

SAMPLES = Path(__file__).parent.parent / "fixtures" / "samples"


@pytest.mark.parametrize(("sample", "fmt"), [
    ("frab-xml/fosdem2007.xml", "frab"), ("schedule-json/frab-camp2019.json", "json"),
    ("schedule-json-v2/jev22-channels.schedule.json", "json"),
    ("csv/gpn11-schedule.csv", "csv"), ("ical/pyconau2023-pretalx.ics", "ical"),
    ("indico/chep2009-export-timetable.json", "indico"),
    ("indico/fel2022-export-event-detail-sessions.json", "indico"),
    ("pretalx-api/juliacon2022-talks.json", "pretalx"),
    ("pretalx-api/sotm2026-widget-schedule.json", "pretalx")])
def test_detect_by_content_whatever_the_extension(tmp_path: Path, sample: str, fmt: str):
    path = tmp_path / "export.txt"
    shutil.copy(SAMPLES / sample, path)
    assert detect(path) == fmt


def test_unknown_json_names_every_format_and_the_command(tmp_path: Path, capsys):
    path = tmp_path / "export.json"
    path.write_text('{"event": {"talks": 3}}', encoding="utf-8")
    assert main(["check", "--data", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith(f"error: {path}: a JSON file printprog")
    assert all(f"({fmt})" in err for fmt in FORMATS)
    assert "printprog import FORMAT FILE --out data/NAME" in err
    assert "export from pretalx or frab" not in err


def test_unknown_text_names_every_format(tmp_path: Path, capsys):
    path = tmp_path / "notes.txt"
    path.write_text("just some words\n", encoding="utf-8")
    assert main(["booklet", "--data", str(path), "--out", str(tmp_path / "b.pdf")]) == 1
    err = capsys.readouterr().err
    assert "cannot tell which schedule format" in err and "(indico)" in err
    assert not (tmp_path / "b.pdf").exists()
