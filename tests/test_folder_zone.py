"""A data folder's time zone: ``timezone: local`` (not known: times as written, no zone
named), what ``import`` writes for a zone it had to guess; ``--timezone`` applies to such a
folder, and is one warning, not a silent no-op, where the folder states a zone of its own."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import FIXTURES
from pdfcheck import page_texts
from printprog.cli import main
from printprog.importers import load

ZONELESS = FIXTURES / "samples" / "csv" / "gpn11-schedule.csv"


def _text(pdf: Path) -> str:
    return " ".join(" ".join(page_texts(pdf)).split())


def _local(folder: Path) -> Path:
    conf = folder / "conference.yaml"
    conf.write_text(re.sub(r"(?m)^timezone: .*$", "timezone: local", conf.read_text()))
    return folder


def _ics_zone(path: Path) -> set[str]:
    return set(re.findall(r"DTSTART;TZID=([^:]+):", path.read_text()))


def test_timezone_flag_on_a_folder_that_states_a_zone_is_one_warning(mini, tmp_path, capsys):
    plain, flagged = tmp_path / "plain.pdf", tmp_path / "flagged.pdf"
    assert main(["booklet", "--data", str(mini), "--out", str(plain)]) == 0
    capsys.readouterr()
    assert main(["booklet", "--data", str(mini), "--timezone", "Asia/Tokyo",
                 "--out", str(flagged)]) == 0
    warned = [ln for ln in capsys.readouterr().err.splitlines() if "--timezone" in ln]
    assert warned == [f"warning: --timezone Asia/Tokyo ignored: {mini / 'conference.yaml'} "
                      "states timezone Europe/Berlin; edit it there"]
    assert flagged.read_bytes() == plain.read_bytes()  # the folder's zone, as before
    assert "All times are local (Europe/Berlin)." in _text(flagged)


def test_the_same_zone_on_the_command_line_is_no_warning(mini, tmp_path, capsys):
    out = tmp_path / "b.ics"
    assert main(["ical", "--data", str(mini), "--timezone", "Europe/Berlin",
                 "--out", str(out)]) == 0
    assert "--timezone" not in capsys.readouterr().err


def test_timezone_flag_applies_to_a_folder_whose_zone_is_local(mini, tmp_path, capsys):
    _local(mini)
    assert load(mini).timezone_guessed
    pdf, ics = tmp_path / "b.pdf", tmp_path / "s.ics"
    assert main(["booklet", "--data", str(mini), "--timezone", "Asia/Tokyo",
                 "--out", str(pdf)]) == 0
    assert main(["ical", "--data", str(mini), "--timezone", "Asia/Tokyo",
                 "--out", str(ics)]) == 0
    assert "--timezone" not in capsys.readouterr().err
    assert "All times are local (Asia/Tokyo)." in _text(pdf)
    assert _ics_zone(ics) == {"Asia/Tokyo"}
    assert "DTSTART;TZID=Asia/Tokyo:20300506T083000" in ics.read_text()  # as written


def test_a_local_folder_names_no_zone(mini, tmp_path):
    pdf = tmp_path / "b.pdf"
    assert main(["booklet", "--data", str(_local(mini)), "--out", str(pdf)]) == 0
    text = _text(pdf)
    assert "All times are local." in text and "(UTC)" not in text
    assert load(pdf).timezone_guessed  # the document inside the PDF says local too


def test_import_of_a_file_without_a_zone_writes_local(tmp_path, capsys):
    folder = tmp_path / "gpn"
    assert main(["import", "csv", str(ZONELESS), "--out", str(folder)]) == 0
    conf = (folder / "conference.yaml").read_text()
    assert re.search(r"(?m)^timezone: local$", conf)
    assert "# Set the real zone below (e.g. Europe/Berlin)" in conf
    capsys.readouterr()
    pdf = tmp_path / "gpn.pdf"
    assert main(["booklet", "--data", str(folder), "--out", str(pdf)]) == 0
    assert capsys.readouterr().err == ""
    text = _text(pdf)
    assert "All times are local." in text
    assert "(UTC)" not in text and "UTC" not in text
