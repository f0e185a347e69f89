"""One bad event never blocks the rest: it is left out with one warning naming file, line and
event; ``--strict`` makes it an error (exit 1)."""

from __future__ import annotations

from pathlib import Path

from pdftext import pdf_text, squash

from printprog.cli import main

_EVENT = ("<event id='{id}'>\n<start>{start}</start>\n<duration>{duration}</duration>\n"
          "<room>Hall</room>\n<title>{title}</title>\n<type>lecture</type>\n"
          "<persons><person id='{id}'>Speaker {id}</person></persons>\n</event>\n")


def _schedule(tmp_path: Path) -> tuple[Path, list[str]]:
    events = [("1", "10:00", "00:30", "Working Title One"),
              ("2", "11:00", "half an hour", "Broken Duration Talk"),
              ("3", "12:00", "00:45", "Working Title Three")]
    path = tmp_path / "s.xml"
    path.write_text(
        "<?xml version='1.0' encoding='utf-8'?>\n<schedule>\n<conference>\n<title>Mini</title>\n"
        "<time_zone_name>Europe/Berlin</time_zone_name>\n</conference>\n"
        "<day date='2020-03-07' index='1'>\n<room name='Hall'>\n"
        + "".join(_EVENT.format(id=i, start=s, duration=d, title=t) for i, s, d, t in events)
        + "</room>\n</day>\n</schedule>\n", encoding="utf-8")
    return path, [t for *_, t in events]


def test_booklet_with_one_unreadable_duration_leaves_out_only_that_event(tmp_path: Path, capsys):
    path, titles = _schedule(tmp_path)
    out = tmp_path / "b.pdf"
    assert main(["booklet", "--data", str(path), "--out", str(out)]) == 0
    text = pdf_text(out)
    assert [squash(t) in text for t in titles] == [True, False, True]
    bad_line = path.read_text().split("\n").index("<event id='2'>") + 1
    warned = [w for w in capsys.readouterr().err.splitlines() if "event 2" in w]
    assert warned == [f"warning: {path}:{bad_line}: event 2: duration 'half an hour' is not "
                      "HH:MM, H:MM or HH:MM:SS (e.g. <duration>00:45</duration>); this event "
                      "is left out"]


def test_strict_makes_the_bad_event_an_error(tmp_path: Path, capsys):
    path, _ = _schedule(tmp_path)
    out = tmp_path / "b.pdf"
    assert main(["booklet", "--data", str(path), "--out", str(out), "--strict"]) == 1
    assert not out.exists()
    assert f"error: {path}:" in capsys.readouterr().err


def test_import_still_writes_the_folder_without_the_bad_event(tmp_path: Path, capsys):
    path, _ = _schedule(tmp_path)
    folder = tmp_path / "data"
    assert main(["import", "frab", str(path), "--out", str(folder)]) == 0
    assert "wrote" in capsys.readouterr().out
    assert "Working Title Three" in (folder / "sessions.yaml").read_text()
    assert main(["import", "frab", str(path), "--out", str(tmp_path / "d2"), "--strict"]) == 1
    assert not (tmp_path / "d2").exists()
