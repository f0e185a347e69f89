"""#25 item 3: Indico exports give UTC times plus the event's ``timezone``: converted to
the event's zone, so the booklet's "All times are local" is true."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from pdfcheck import page_texts
from printprog.cli import main
from printprog.importers.indico import read


def _indico(tmp_path: Path, zone: str = "Europe/Warsaw") -> Path:
    def when(day: str, clock: str) -> dict:
        return {"date": day, "time": clock, "tz": "UTC"}

    event = {"_type": "Conference", "id": "7", "title": "Warsaw Days", "timezone": zone,
             "location": "Warsaw", "url": "https://indico.example.org/event/7/",
             "startDate": when("2024-06-10", "07:00:00"),
             "endDate": when("2024-06-10", "16:00:00"),
             "contributions": [
                 {"id": "1", "friendly_id": 1, "title": "Opening", "room": "Aula",
                  "startDate": when("2024-06-10", "07:30:00"),
                  "endDate": when("2024-06-10", "08:00:00"),
                  "speakers": [{"first_name": "Ewa", "last_name": "Nowak",
                                "person_id": 11}]},
                 {"id": "2", "friendly_id": 2, "title": "Late night", "room": "Aula",
                  "startDate": when("2024-06-10", "22:30:00"),  # 00:30 the next day there
                  "endDate": when("2024-06-10", "23:00:00"),
                  "speakers": [{"first_name": "Jan", "last_name": "Kowal",
                                "person_id": 12}]}]}
    path = tmp_path / "event.json"
    path.write_text(json.dumps({"_type": "HTTPAPIResult", "ts": 1, "count": 1,
                                "results": [event]}), encoding="utf-8")
    return path


def test_indico_utc_times_are_converted_to_the_events_timezone(tmp_path: Path):
    imported = read(_indico(tmp_path))
    conf = imported.conference
    assert (conf.timezone, conf.timezone_guessed) == ("Europe/Warsaw", False)
    opening, late = conf.sessions
    # 07:30 UTC is 09:30 in Warsaw in June (UTC+02:00); the instants are unchanged
    assert opening.start.replace(tzinfo=None) == datetime(2024, 6, 10, 9, 30)
    assert late.start.replace(tzinfo=None) == datetime(2024, 6, 11, 0, 30)
    assert opening.start.utcoffset().total_seconds() == 7200
    assert not [w for w in imported.warnings if "disagrees" in w]


def test_indico_booklet_prints_the_local_times(tmp_path: Path, capsys):
    out = tmp_path / "b.pdf"
    assert main(["booklet", "--data", str(_indico(tmp_path)), "--out", str(out)]) == 0
    text = " ".join(page_texts(out))
    assert "09:30" in text and "07:30" not in text
