"""#25 item 7: a conference website's JSON that nests pretalx talk objects under its own
keys (date → room → slot, extra top-level keys) is read by ``--data``, ``import pretalx``
and ``import json``; the search is bounded."""

from __future__ import annotations

import json
from pathlib import Path

from printprog.cli import main
from printprog.importers import detect, load
from printprog.importers.jsonfile import NEST_DEPTH, nested_talks


def _talk(code: str, title: str, start: str, end: str | None, room: str,
          speakers: list[tuple[str, str]], minutes: int = 30) -> dict:
    slot = {"start": start, "room": room, **({"end": end} if end else {})}
    return {"code": code, "title": title, "abstract": f"About {title}.",
            "speakers": [{"code": c, "name": n, "biography": f"{n} speaks."}
                         for c, n in speakers],
            "slots": [slot], "duration": minutes, "track": "Main", "state": "confirmed"}


def _site(tmp_path: Path) -> tuple[Path, list[dict]]:
    talks = [
        _talk("A1B2C3", "Maps for Everyone", "2026-08-28T09:30:00+02:00",
              "2026-08-28T10:00:00+02:00", "Main Hall", [("SPK1", "Ana Lima")]),
        _talk("D4E5F6", "Routing at Scale", "2026-08-28T10:00:00+02:00",
              "2026-08-28T10:45:00+02:00", "Main Hall",
              [("SPK2", "Ben Okoro"), ("SPK1", "Ana Lima")], 45),
        _talk("G7H8I9", "Tiles Workshop", "2026-08-29T14:00:00+02:00", None,
              "Room B", [("SPK3", "Chen Wei")], 90),  # no end: its duration
    ]
    site = {"site": {"name": "State of the Maps", "generated": "2026-08-01"},
            "navigation": [{"label": "Home", "href": "/"}],
            "schedule": {"2026-08-28": {"Main Hall": [{"time": "09:30", "talk": talks[0]},
                                                      {"time": "10:00", "talk": talks[1]}]},
                         "2026-08-29": {"Room B": [{"time": "14:00", "talk": talks[2]}],
                                        "Room C": []}},
            "sponsors": [{"code": "GOLD", "title": "Gold sponsor"}]}  # no slots: no talk
    path = tmp_path / "site.json"
    path.write_text(json.dumps(site), encoding="utf-8")
    return path, talks


def test_nested_talks_detected_and_read_with_every_title_time_and_speaker(tmp_path: Path):
    path, talks = _site(tmp_path)
    assert detect(path) == "pretalx"
    conf = load(path)
    assert [(s.id, s.title) for s in conf.sessions] == [(t["code"], t["title"]) for t in talks]
    routing = conf.session_by_id["D4E5F6"]
    assert [conf.speaker_by_id[p].name for p in routing.speakers] == ["Ben Okoro", "Ana Lima"]
    assert routing.minutes == 45
    tiles = conf.session_by_id["G7H8I9"]
    assert (tiles.start.isoformat(), tiles.minutes) == ("2026-08-29T14:00:00+02:00", 90)
    assert [r.name for r in conf.rooms] == ["Main Hall", "Room B"]
    assert len(conf.speakers) == 3  # Ana Lima once, by her code


def test_nested_talks_import_json_and_import_pretalx_both_read_it(tmp_path: Path, capsys):
    path, _ = _site(tmp_path)
    for fmt in ("json", "pretalx"):
        out = tmp_path / f"data-{fmt}"
        assert main(["import", fmt, str(path), "--out", str(out)]) == 0
        assert capsys.readouterr().out.startswith(f"wrote {out}: 3 sessions, 3 speakers")


def test_nested_talks_search_is_bounded_in_depth(tmp_path: Path):
    _, talks = _site(tmp_path)
    deep: object = talks[0]
    for _ in range(NEST_DEPTH + 5):
        deep = {"wrap": deep}
    assert nested_talks(deep) == []  # deeper than any site nests: not looked for
    shallow: object = talks[0]
    for _ in range(NEST_DEPTH - 1):
        shallow = [shallow]
    assert nested_talks(shallow) == [talks[0]]
