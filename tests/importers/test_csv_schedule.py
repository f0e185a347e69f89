"""The spreadsheet CSV importer against the GPN11 schedule, and its located errors."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from conftest import FIXTURES
from printprog.cli import main
from printprog.core.errors import DataError
from printprog.importers import detect, load
from printprog.importers.csv_schedule import read
from printprog.importers.draft import Imported, Options

GPN = FIXTURES / "samples" / "csv" / "gpn11-schedule.csv"
HEADER = "Room,Date,Start,Duration,Title,ID,Speakers,Abstract\n"


@pytest.fixture(scope="module")
def gpn() -> Imported:
    return read(GPN)


def _times(imported: Imported, ident: str) -> tuple[str, str]:
    s = imported.conference.session_by_id[ident]
    return s.start.isoformat(), s.end.isoformat()


def _csv(tmp_path: Path, rows: str, header: str = HEADER, name: str = "s.csv",
         encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_text(header + rows, encoding=encoding)
    return path


def test_read_gpn_counts_events_rooms_and_days(gpn: Imported):
    conf = gpn.conference
    assert (len(conf.sessions), len(conf.rooms), len(conf.days)) == (29, 2, 4)
    assert conf.days == [date(2011, 6, 23), date(2011, 6, 24), date(2011, 6, 25),
                         date(2011, 6, 26)]


def test_read_gpn_rooms_in_order_of_first_use(gpn: Imported):
    assert [(r.id, r.name) for r in gpn.conference.rooms] == [
        ("grossesstudio", "GroßesStudio"), ("grosserseminarraum", "GroßerSeminarraum")]


def test_read_gpn_times_are_utc_with_one_warning(gpn: Imported):
    assert gpn.conference.timezone == "UTC"
    assert gpn.conference.timezone_guessed
    assert gpn.warnings == (
        "gpn11-schedule.csv: the file names no time zone and its times carry no UTC offset; "
        "they are printed as written: pass --timezone ZONE (e.g. Europe/Berlin) or set "
        "timezone in conference.yaml (the times there stay as printed)",)
    assert _times(gpn, "1") == ("2011-06-23T19:00:00+00:00", "2011-06-23T20:30:00+00:00")
    assert _times(gpn, "16") == ("2011-06-24T21:45:00+00:00", "2011-06-24T23:45:00+00:00")
    assert _times(gpn, "30") == ("2011-06-26T13:15:00+00:00", "2011-06-26T14:15:00+00:00")


def test_read_gpn_day_number_keeps_midnight_on_the_day_before(gpn: Imported):
    s = gpn.conference.session_by_id["27"]
    assert s.title == "Ergebnisse Gamejam"
    assert s.start.isoformat() == "2011-06-26T00:00:00+00:00"
    assert s.day == date(2011, 6, 25)
    assert [x.id for x in gpn.conference.sessions if x.day] == ["27"]


def test_read_gpn_speakers_as_id_and_name_pairs(gpn: Imported):
    conf = gpn.conference
    assert conf.session_by_id["10"].speakers == ("10", "11")
    assert [conf.speaker_by_id[p].name for p in conf.session_by_id["10"].speakers] == [
        "Konrad Meier", "Dennis Wehrle"]
    assert [s.id for s in conf.sessions if "1" in s.speakers] == ["1", "25", "27"]
    assert conf.speaker_by_id["29"].name == "Jonathan Giroux"  # trailing space in the file


def test_read_gpn_abstract_column_wins_over_description(gpn: Imported):
    assert gpn.conference.session_by_id["2"].abstract == ("JavaScript im Jahr 2011",)


def test_read_one_name_under_two_ids_is_two_speakers(tmp_path: Path):
    path = _csv(tmp_path, "Hall,2020-03-07,10:00,0:30,A,a,1:Ann Example,\n"
                          "Hall,2020-03-07,11:00,0:30,B,b,7:ann example|2:Bo|1:Ann Example,\n")
    conf = read(path).conference
    assert [(s.id, s.name) for s in conf.speakers] == [
        ("1", "Ann Example"), ("7", "ann example"), ("2", "Bo")]
    assert conf.session_by_id["b"].speakers == ("7", "2", "1")


def test_read_html_abstract_becomes_paragraphs(tmp_path: Path):
    path = _csv(tmp_path, 'Hall,2020-03-07,10:00,0:30,A,a,,'
                          '"<p>One &amp; only</p><ul><li>first</li><li>second</li></ul>"\n')
    assert read(path).conference.session_by_id["a"].abstract == (
        "One & only", "• first", "• second")


def test_read_durations_in_the_three_forms(tmp_path: Path):
    path = _csv(tmp_path, "Hall,2020-03-07,09:00,01:30,A,a,,\nHall,2020-03-07,11:00,1:30,B,b,,\n"
                          "Hall,2020-03-07,13:00,01:30:00,C,c,,\n")
    assert [s.minutes for s in read(path).conference.sessions] == [90, 90, 90]


def test_read_with_or_without_bom_and_with_semicolons(tmp_path: Path):
    rows = "Hall,07.03.2020,10:00,0:30,Café,a,,\n"
    plain = read(_csv(tmp_path, rows)).conference
    bom = read(_csv(tmp_path, rows, name="bom.csv", encoding="utf-8-sig")).conference
    semi = read(_csv(tmp_path, rows.replace(",", ";"), HEADER.replace(",", ";"),
                     name="semi.csv")).conference
    for conf in (bom, semi):
        assert [(s.id, s.title, s.start) for s in conf.sessions] == [
            (s.id, s.title, s.start) for s in plain.sessions]
    assert plain.sessions[0].start.isoformat() == "2020-03-07T10:00:00+00:00"


def test_read_missing_column_names_it_and_the_header_found(tmp_path: Path):
    path = _csv(tmp_path, "Hall,2020-03-07,10:00,A\n", header="Room,Date,Start,Title\n")
    with pytest.raises(DataError) as err:
        read(path)
    assert str(err.value) == (f"{path}:1: missing column 'Duration' (the header has: Room, "
                              "Date, Start, Title; required: Room, Date, Start, Duration, Title)")


def test_read_bad_row_names_the_file_and_the_line_it_starts_on(tmp_path: Path):
    path = tmp_path / "gpn.csv"
    text = GPN.read_text(encoding="utf-8")
    row = "GroßesStudio,2011-06-26,4,12:00,1:00,CouchDB"
    assert text.count(row) == 1
    path.write_text(text.replace(row, row.replace("12:00,1:00", "12:00,lang")),
                    encoding="utf-8")
    assert len(read(path).conference.sessions) == 28  # the other 28 of 29 are read
    with pytest.raises(DataError) as err:
        read(path, Options(strict=True))
    assert str(err.value) == (f"{path}:117: event 28: Duration 'lang' is not HH:MM, H:MM or "
                              "HH:MM:SS (e.g. 1:30)")


def test_read_unknown_columns_give_one_summary_warning(tmp_path: Path):
    path = _csv(tmp_path, "Hall,2020-03-07,10:00,0:30,A,a,,,x,y\n",
                header=HEADER.rstrip("\n") + ",Mood,Stage\n")
    assert read(path).warnings[-1] == (
        "s.csv: ignored what printprog does not read: column 'mood', column 'stage'")


def test_check_data_detects_csv_by_content_despite_the_extension(tmp_path: Path, capsys):
    path = tmp_path / "schedule.txt"
    shutil.copy(GPN, path)
    assert detect(path) == "csv"
    assert main(["check", "--data", str(path)]) == 0
    assert capsys.readouterr().out.startswith(  # a CSV names no event: the file's name
        "schedule: 29 sessions, 31 speakers, 2 rooms, 4 days;")


def test_import_csv_round_trips_through_yaml(tmp_path: Path):
    out = tmp_path / "gpn"
    assert main(["import", "csv", str(GPN), "--out", str(out)]) == 0
    back, fresh = load(out), read(GPN).conference
    assert [(s.id, s.title, s.start, s.end, s.room, s.speakers, s.conference_day)
            for s in back.sessions] == [
        (s.id, s.title, s.start, s.end, s.room, s.speakers, s.conference_day)
        for s in fresh.sessions]
    assert [s.id for s in fresh.sessions if s.day] == ["27"]
