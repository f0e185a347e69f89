"""pretalx API/widget and Indico specifics: languages, slots, "LAST, First", identity."""

from __future__ import annotations

import json
from pathlib import Path

from printprog.importers import detect
from printprog.importers.draft import Options
from printprog.importers.indico import person_name
from printprog.importers.indico import read as read_indico
from printprog.importers.pretalx import read as read_pretalx

SAMPLES = Path(__file__).parent.parent / "fixtures" / "samples"


def _talk(code: str, title, locale: str = "en", **extra) -> dict:
    return {"code": code, "title": title, "content_locale": locale, "state": "confirmed",
            "speakers": [{"code": "SPK1", "name": "Ana Lima", "biography": "Maps."}],
            "slot": {"start": "2026-08-28T09:30:00+02:00", "end": "2026-08-28T10:00:00+02:00",
                     "room": {"en": "Main Hall", "fr": "Grande salle"}},
            "track": {"en": "Data", "fr": "Données"}, **extra}


def test_pretalx_i18n_texts_in_the_talks_language_or_language_option(tmp_path: Path):
    path = tmp_path / "talks.json"
    path.write_text(json.dumps({"count": 2, "next": None, "results": [
        _talk("AAA111", {"en": "Open maps", "fr": "Cartes ouvertes"}, "fr"),
        _talk("BBB222", "Plain title", "en", state="withdrawn")]}), encoding="utf-8")
    assert detect(path) == "pretalx"  # a page of the REST API, not Indico's "results"
    conf = read_pretalx(path).conference
    assert [(s.id, s.title, s.track) for s in conf.sessions] == [
        ("AAA111", "Cartes ouvertes", "Données")]  # withdrawn: not on the programme
    assert [r.name for r in conf.rooms] == ["Grande salle"]
    english = read_pretalx(path, Options(language="en")).conference
    assert (english.sessions[0].title, english.rooms[0].name) == ("Open maps", "Main Hall")
    assert english.speakers[0].bio == ("Maps.",)


def test_pretalx_talk_without_slot_is_left_out_with_one_warning(tmp_path: Path):
    path = tmp_path / "talks.json"
    path.write_text(json.dumps([_talk("AAA111", "Kept"), _talk("CCC333", "Unscheduled",
                                                               slot=None, slots=[])]))
    imported = read_pretalx(path)
    assert [s.title for s in imported.conference.sessions] == ["Kept"]
    assert [w for w in imported.warnings if "CCC333" in w] == [
        f"{path}: [1] (talk CCC333): has no start (not scheduled) (schedule it in pretalx); "
        "this event is left out"]


def test_pretalx_widget_resolves_codes_and_reads_its_zone():
    path = SAMPLES / "pretalx-api" / "sotm2026-widget-schedule.json"
    doc = json.loads(path.read_text(encoding="utf-8"))
    conf = read_pretalx(path).conference
    assert (conf.timezone, conf.timezone_guessed) == ("Europe/Paris", False)
    talk = next(t for t in doc["talks"] if len(t.get("speakers") or []) >= 2)
    names = {s["code"]: s["name"] for s in doc["speakers"]}
    session = conf.session_by_id[talk["code"]]
    assert [conf.speaker_by_id[i].name for i in session.speakers] == [
        names[c] for c in talk["speakers"]]
    breaks = [t for t in doc["talks"] if "code" not in t]
    assert breaks and all(s.kind == "break" for s in conf.sessions
                          if s.title in {b["title"]["en"] for b in breaks})


def test_indico_last_first_becomes_first_last():
    assert person_name("HERR, Jeremy") == "Jeremy Herr"
    assert person_name("De Salvo, Alessandro") == "Alessandro De Salvo"
    assert person_name("x", "Cecilia", "Blasetti") == "Cecilia Blasetti"
    assert person_name("Plato") == "Plato"


def test_indico_timetable_reads_days_in_date_order_and_presenters():
    path = SAMPLES / "indico" / "chep2009-export-timetable.json"
    conf = read_indico(path).conference
    assert conf.timezone == "Europe/Zurich"
    assert [s.start for s in conf.sessions] == sorted(s.start for s in conf.sessions)
    assert "Jeremy Herr" in {s.name for s in conf.speakers}
    assert sum(1 for s in conf.sessions if s.kind == "break") == 7
