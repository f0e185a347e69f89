"""The frab / Pentabarf XML importer against the three real dialects, and its refusals."""

from __future__ import annotations

import shutil
import time
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from conftest import FIXTURES
from printprog.cli import main
from printprog.core.errors import DataError
from printprog.importers import detect, load
from printprog.importers.draft import Imported, Options
from printprog.importers.frab import read
from printprog.qa.checks import warnings
from printprog.schedule.model import Kind

SAMPLES = FIXTURES / "samples" / "frab-xml"
C31C3 = SAMPLES / "31c3.xml"
FROSCON = SAMPLES / "froscon2013.xml"
FOSDEM = SAMPLES / "fosdem2007.xml"


@pytest.fixture(scope="module")
def c31c3() -> Imported:
    return read(C31C3)


@pytest.fixture(scope="module")
def froscon() -> Imported:
    return read(FROSCON)


@pytest.fixture(scope="module")
def fosdem() -> Imported:
    return read(FOSDEM)


def _times(imported: Imported, ident: str) -> tuple[str, str]:
    s = imported.conference.session_by_id[ident]
    return s.start.isoformat(), s.end.isoformat()


def _xml(tmp_path: Path, events: str, conference: str = "", name: str = "s.xml") -> Path:
    """A small schedule: one day, 2020-03-07, events inside one room wrapper."""
    path = tmp_path / name
    path.write_text(
        "<?xml version='1.0' encoding='utf-8'?>\n<schedule>\n<conference>\n"
        f"<title>Mini</title>\n{conference}</conference>\n<day date='2020-03-07' index='1'>\n"
        f"<room name='Hall'>\n{events}</room>\n</day>\n</schedule>\n", encoding="utf-8")
    return path


def _event(ident: str, start: str = "10:00", duration: str = "00:30", extra: str = "") -> str:
    return (f"<event id='{ident}'>\n<start>{start}</start>\n<duration>{duration}</duration>\n"
            f"<room>Hall</room>\n<title>Talk {ident}</title>\n<type>lecture</type>\n{extra}"
            "</event>\n")


# -- 31C3: frab with room wrappers, <date> with offsets, day_change by date -------------

def test_read_31c3_counts_events_rooms_and_days(c31c3: Imported):
    conf = c31c3.conference
    assert (len(conf.sessions), len(conf.rooms), len(conf.days)) == (138, 4, 4)
    assert conf.days == [date(2014, 12, 27), date(2014, 12, 28), date(2014, 12, 29),
                         date(2014, 12, 30)]
    assert conf.name == "31. Chaos Communication Congress"


def test_read_31c3_rooms_in_wrapper_order(c31c3: Imported):
    assert [r.name for r in c31c3.conference.rooms] == ["Saal 1", "Saal 2", "Saal G", "Saal 6"]
    assert [r.id for r in c31c3.conference.rooms] == ["saal-1", "saal-2", "saal-g", "saal-6"]


def test_read_31c3_times_keep_the_offset_of_their_date(c31c3: Imported):
    assert _times(c31c3, "6561") == ("2014-12-27T11:00:00+01:00", "2014-12-27T11:30:00+01:00")
    assert _times(c31c3, "6308") == ("2014-12-28T12:45:00+01:00", "2014-12-28T13:45:00+01:00")
    assert _times(c31c3, "6562") == ("2014-12-30T18:30:00+01:00", "2014-12-30T19:30:00+01:00")


def test_read_31c3_event_after_midnight_stays_on_its_conference_day(c31c3: Imported):
    film = c31c3.conference.session_by_id["6581"]
    assert film.title == "Citizenfour"
    assert _times(c31c3, "6581") == ("2014-12-28T00:00:00+01:00", "2014-12-28T02:15:00+01:00")
    assert film.day == date(2014, 12, 27)
    assert film.conference_day == date(2014, 12, 27)
    late = [s.id for s in c31c3.conference.sessions if s.day]
    assert late == ["6581", "6109", "6606", "6226"]


def test_read_31c3_zone_from_the_date_offsets_said_in_one_warning(c31c3: Imported):
    assert c31c3.conference.timezone == "Etc/GMT-1"
    assert len(c31c3.warnings) == 1
    assert "no time zone" in c31c3.warnings[0] and "+01:00" in c31c3.warnings[0]


def test_read_31c3_abstract_html_becomes_plain_text(c31c3: Imported):
    s = c31c3.conference.session_by_id["6308"]
    assert s.abstract[0].startswith("Ever wondered what the cryptic QNY27R on your airline")
    assert not any("<" in p or "&lt;" in p for p in s.abstract)


def test_read_31c3_kinds_from_type_and_title(c31c3: Imported):
    by_id = c31c3.conference.session_by_id
    assert by_id["6571"].kind is Kind.KEYNOTE  # type lecture, title "31C3 Keynote"
    assert by_id["6377"].kind is Kind.PANEL  # type podium
    assert by_id["6581"].kind is Kind.OTHER  # type other: a film
    assert by_id["6561"].kind is Kind.TALK


def test_read_31c3_people_keep_their_frab_ids(c31c3: Imported):
    conf = c31c3.conference
    assert conf.session_by_id["6561"].speakers == ("1544", "3874")
    assert conf.speaker_by_id["3874"].name == "Geraldine de Bastion"
    assert conf.session_by_id["6561"].track == "CCC"


# -- FrOSCon 2013: empty room wrappers, no <date>, no zone ------------------------------

def test_read_froscon_counts_events_rooms_and_days(froscon: Imported):
    conf = froscon.conference
    assert (len(conf.sessions), len(conf.rooms), len(conf.days)) == (123, 14, 2)


def test_read_froscon_empty_room_wrappers_are_not_rooms(froscon: Imported):
    assert [r.name for r in froscon.conference.rooms] == [
        "HS1/2", "HS3", "HS4", "HS5", "C119/Hauptkonferenz", "HS6", "C115/Workshops",
        "C116/Lisp", "C117/Java", "C118/PHP", "C120/Django", "C219 (Sa Tine 2.0 / So Fedora)",
        "C175/FrogLabs 1", "C177/FrogLabs 2"]


def test_read_froscon_without_zone_reads_utc_and_warns_once(froscon: Imported):
    assert froscon.conference.timezone == "UTC"
    assert froscon.warnings == (
        "froscon2013.xml: the file names no time zone and its times carry no UTC offset; they "
        "are printed as written: pass --timezone ZONE (e.g. Europe/Berlin) or set timezone "
        "in conference.yaml (the times there stay as printed)",)
    assert _times(froscon, "1237") == ("2013-08-24T09:30:00+00:00", "2013-08-24T10:00:00+00:00")
    assert _times(froscon, "1254") == ("2013-08-24T15:15:00+00:00", "2013-08-24T16:15:00+00:00")
    assert _times(froscon, "1238") == ("2013-08-25T19:00:00+00:00", "2013-08-25T19:30:00+00:00")


def test_read_froscon_one_name_under_two_ids_is_two_speakers_check_warns(froscon: Imported):
    conf = froscon.conference  # ids say two people; only the organiser knows, check asks
    assert sorted(s.id for s in conf.speakers if s.name == "Derick Rethans") == ["186", "500"]
    assert {conf.session_by_id["1242"].speakers, conf.session_by_id["1227"].speakers} == {
        ("186",), ("500",)}
    assert any("Derick Rethans" in w and "look alike" in w for w in warnings(conf))


def test_read_froscon_html_list_in_description_becomes_paragraphs(froscon: Imported):
    s = froscon.conference.session_by_id["1250"]  # empty <abstract>: the description is used
    assert s.abstract[2:5] == ("• Eine durchgängige Versionsgeschichte",
                               "• Die Möglichkeit einen Datenstand zum Zeitpunkt X auszuchecken",
                               "• Mehreren Datenbankständen (Branches) parallel zu verwenden")
    assert s.abstract[0].startswith('Wenn Begriffe wie "Committen" und "Branchen" fallen')
    assert froscon.conference.session_by_id["1254"].abstract[0].startswith(
        "OpenMRS ist ein Softwaresystem")  # "<a href=…>OpenMRS</a>" keeps only its text


def test_read_froscon_other_type_with_a_person_stays_other(froscon: Imported):
    party = froscon.conference.session_by_id["1253"]
    assert party.title == "Keysigning Party"
    assert party.kind is Kind.OTHER  # a party with a host is no plenary social slot


# -- FOSDEM 2007: Pentabarf, no room wrappers, no dates in events, day_change 09:00 ------

def test_read_fosdem_counts_events_rooms_and_days(fosdem: Imported):
    conf = fosdem.conference
    assert (len(conf.sessions), len(conf.rooms), len(conf.days)) == (215, 18, 2)
    assert (conf.city, conf.venue) == ("Brussels", "ULB (Université Libre de Bruxelles)")


def test_read_fosdem_rooms_in_order_of_first_appearance(fosdem: Imported):
    assert [r.name for r in fosdem.conference.rooms][:5] == [
        "Chavanne", "H.2214", "AW1.125", "Janson", "AW1.126"]


def test_read_fosdem_times_from_day_date_and_start(fosdem: Imported):
    assert _times(fosdem, "0") == ("2007-02-25T15:00:00+00:00", "2007-02-25T15:45:00+00:00")
    assert _times(fosdem, "166") == ("2007-02-25T11:00:00+00:00", "2007-02-25T11:45:00+00:00")
    assert _times(fosdem, "207") == ("2007-02-25T12:00:00+00:00", "2007-02-25T12:45:00+00:00")
    assert fosdem.conference.session_by_id["166"].kind is Kind.KEYNOTE  # by title


def test_read_fosdem_one_name_under_two_ids_is_two_speakers(fosdem: Imported):
    conf = fosdem.conference
    ids = [s.id for s in conf.speakers if s.name == "Kristian Høgsberg"]
    assert len(ids) == 2
    assert sorted(x.id for x in conf.sessions if set(ids) & set(x.speakers)) == ["0", "211"]


def test_read_fosdem_escaped_html_abstract_is_clean(fosdem: Imported):
    assert fosdem.conference.session_by_id["0"].abstract == (
        "In this talk, Kristian will take a look at technologies behind the new 3D "
        "accelerated composited desktops and see how AIGLX fits in the larger picture.",)


# -- day_change, durations, zones, links, bios: small files -----------------------------

def test_read_start_before_default_day_change_is_the_next_morning(tmp_path: Path):
    conf = read(_xml(tmp_path, _event("1", "23:30", "01:00") + _event("2", "01:00"))).conference
    late = conf.session_by_id["2"]
    assert late.start == datetime.fromisoformat("2020-03-08T01:00:00+00:00")
    assert late.day == date(2020, 3, 7)
    assert conf.days == [date(2020, 3, 7)]
    assert conf.session_by_id["1"].end == datetime.fromisoformat("2020-03-08T00:30:00+00:00")


def test_read_day_change_from_the_file_moves_early_starts(tmp_path: Path):
    path = _xml(tmp_path, _event("1", "08:30") + _event("2", "09:00"),
                "<day_change>09:00:00</day_change>\n")
    conf = read(path).conference
    assert conf.session_by_id["1"].start.isoformat() == "2020-03-08T08:30:00+00:00"
    assert conf.session_by_id["1"].day == date(2020, 3, 7)
    assert conf.session_by_id["2"].start.isoformat() == "2020-03-07T09:00:00+00:00"
    assert conf.session_by_id["2"].day is None


def test_read_durations_in_the_three_forms(tmp_path: Path):
    path = _xml(tmp_path, _event("1", "09:00", "01:30") + _event("2", "11:00", "1:30")
                + _event("3", "13:00", "01:30:00") + _event("4", "15:00", "0:45:30"))
    minutes = {s.id: (s.end - s.start) for s in read(path).conference.sessions}
    assert minutes == {"1": timedelta(minutes=90), "2": timedelta(minutes=90),
                       "3": timedelta(minutes=90), "4": timedelta(minutes=45, seconds=30)}


def test_read_bad_duration_strict_names_file_line_and_event(tmp_path: Path):
    path = _xml(tmp_path, _event("1") + _event("77", duration="90 min"))
    with pytest.raises(DataError) as err:
        read(path, Options(strict=True))
    assert str(err.value) == (f"{path}:15: event 77: duration '90 min' is not HH:MM, H:MM or "
                              "HH:MM:SS (e.g. <duration>00:45</duration>)")


def test_read_event_without_start_strict_names_file_line_and_event(tmp_path: Path):
    path = _xml(tmp_path, _event("1") + "<event id='42'>\n<duration>00:30</duration>\n"
                "<title>Lost</title>\n</event>\n")
    with pytest.raises(DataError) as err:
        read(path, Options(strict=True))
    assert str(err.value) == f"{path}:15: event 42: has no start (give it <date> or <start>)"


def test_read_event_without_start_is_left_out_with_one_warning(tmp_path: Path):
    path = _xml(tmp_path, _event("1") + "<event id='42'>\n<duration>00:30</duration>\n"
                "<title>Lost</title>\n</event>\n")
    imported = read(path)
    assert [s.id for s in imported.conference.sessions] == ["1"]
    assert [w for w in imported.warnings if "event 42" in w] == [
        f"{path}:15: event 42: has no start (give it <date> or <start>); this event is left out"]


def test_read_zero_length_events_are_kept_with_one_warning(tmp_path: Path):
    imported = read(_xml(tmp_path, _event("1") + _event("2", "11:00", "00:00")
                         + _event("3", "12:00", "0:00") + _event("4", "13:00", "")))
    assert [s.id for s in imported.conference.sessions] == ["1", "2", "3", "4"]
    assert _times(imported, "4") == ("2020-03-07T13:00:00+00:00",) * 2
    assert [w for w in imported.warnings if "length" in w] == [
        "s.xml: 3 events have no length; printed at their start time (2, 3, 4)"]


def test_read_declared_zone_is_kept_when_the_offsets_agree(tmp_path: Path):
    path = _xml(tmp_path, _event("1", extra="<date>2020-03-07T10:00:00+01:00</date>\n"),
                "<time_zone_name>Europe/Brussels</time_zone_name>\n")
    imported = read(path)
    assert imported.conference.timezone == "Europe/Brussels"
    assert imported.warnings == ()
    assert _times(imported, "1") == ("2020-03-07T10:00:00+01:00", "2020-03-07T10:30:00+01:00")


def test_read_unknown_elements_give_one_summary_warning(tmp_path: Path):
    path = _xml(tmp_path, _event("1", extra="<mood>happy</mood>\n<mood>sad</mood>\n")
                + _event("2", "11:00", extra="<stage>A</stage>\n"),
                "<time_zone_name>Europe/London</time_zone_name>\n<sponsor>X</sponsor>\n")
    assert read(path).warnings == (
        "s.xml: ignored what printprog does not read: <mood> (2×), <sponsor>, <stage>",)


def test_read_base_url_and_event_urls_give_a_session_url_pattern(tmp_path: Path):
    path = _xml(tmp_path, _event("1", extra="<url>events/1.html</url>\n")
                + _event("2", "11:00", extra="<url>events/2.html</url>\n"),
                "<base_url>https://example.org/fahrplan/</base_url>\n")
    conf = read(path).conference
    assert conf.session_url == "https://example.org/fahrplan/events/{id}.html"
    assert conf.session_by_id["2"].url is None
    assert conf.url_for(conf.session_by_id["2"]) == "https://example.org/fahrplan/events/2.html"
    assert conf.website == "https://example.org/fahrplan/"


def test_read_bios_from_top_level_persons_and_people_without_ids(tmp_path: Path):
    persons = ("<persons>\n<person id='7'>\n<public_name>Ada Lovelace</public_name>\n"
               "<biography>&lt;p&gt;Wrote the first program.&lt;/p&gt;</biography>\n"
               "</person>\n</persons>\n")
    path = _xml(tmp_path, _event("1", extra="<persons><person id='7'>Ada Lovelace</person>"
                                 "<person>Charles Babbage</person></persons>\n"))
    path.write_text(path.read_text().replace("</schedule>", persons + "</schedule>"))
    conf = read(path).conference
    assert conf.session_by_id["1"].speakers == ("7", "charles-babbage")
    assert conf.speaker_by_id["7"].bio == ("Wrote the first program.",)


# -- refusals: entities, not XML, not a schedule ----------------------------------------

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE schedule [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<schedule><conference><title>&lol9;</title></conference></schedule>
"""

XXE = """<?xml version="1.0"?>
<!DOCTYPE schedule [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<schedule><conference><title>&xxe;</title></conference></schedule>
"""


def test_read_billion_laughs_is_refused_in_under_a_second(tmp_path: Path):
    path = tmp_path / "lol.xml"
    path.write_text(BILLION_LAUGHS)
    began = time.process_time()  # CPU: the same under a loaded suite
    with pytest.raises(DataError) as err:
        read(path)
    assert time.process_time() - began < 1
    assert str(err.value).startswith(
        f"{path}:3: refused: the XML declares the entity 'lol'; printprog expands no XML "
        "entities")
    assert "lollol" not in str(err.value)


def test_read_external_entity_is_refused_without_reading_the_file(tmp_path: Path, capsys):
    path = tmp_path / "schedule.xml"
    path.write_text(XXE)
    began = time.process_time()  # CPU: the same under a loaded suite
    assert main(["check", "--data", str(path)]) == 1
    assert time.process_time() - began < 1
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    assert lines == [f"error: {path}:2: refused: the XML declares the entity 'xxe'; printprog "
                     "expands no XML entities (they can exhaust memory or read local files) "
                     "(a schedule export has none; export it again from the conference tool)"]
    secret = Path("/etc/passwd")
    if secret.is_file():
        first = secret.read_text().splitlines()[0]
        assert first not in captured.err and first not in captured.out


def test_read_malformed_xml_names_line_and_column(tmp_path: Path):
    path = tmp_path / "bad.xml"
    path.write_text("<schedule>\n<conference>\n</schedule>\n")
    with pytest.raises(DataError) as err:
        read(path)
    assert str(err.value) == f"{path}:3:3: not well-formed XML: mismatched tag"


def test_read_other_xml_says_it_is_not_a_schedule(tmp_path: Path):
    path = tmp_path / "page.xml"
    path.write_text("<html><body>hi</body></html>")
    with pytest.raises(DataError, match=r"not a frab schedule: the root element is <html>"):
        read(path)


# -- through the CLI: detection, import, round trip ------------------------------------

def test_check_data_detects_xml_by_content_despite_the_extension(tmp_path: Path, capsys):
    path = tmp_path / "schedule.txt"
    shutil.copy(FOSDEM, path)
    assert detect(path) == "frab"
    assert main(["check", "--data", str(path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("FOSDEM 2007: 215 sessions, 244 speakers, 18 rooms, 2 days;")


def _same_schedule(a, b) -> None:
    assert [(s.id, s.title, s.start, s.end, s.room, s.speakers, s.kind) for s in a.sessions] \
        == [(s.id, s.title, s.start, s.end, s.room, s.speakers, s.kind) for s in b.sessions]
    assert [(r.id, r.name) for r in a.rooms] == [(r.id, r.name) for r in b.rooms]
    assert a.timezone == b.timezone


def test_import_frab_writes_a_folder_that_loads_the_same(tmp_path: Path, capsys):
    out = tmp_path / "froscon"
    assert main(["import", "frab", str(FROSCON), "--out", str(out)]) == 0
    assert capsys.readouterr().out == (f"wrote {out}: 123 sessions, 109 speakers, 14 rooms\n")
    assert main(["check", "--data", str(out)]) == 0
    _same_schedule(load(out), read(FROSCON).conference)


def test_import_frab_after_midnight_round_trips(tmp_path: Path):
    out = tmp_path / "31c3"
    assert main(["import", "frab", str(C31C3), "--out", str(out)]) == 0
    _same_schedule(load(out), read(C31C3).conference)


def test_import_frab_refuses_an_existing_folder_without_force(tmp_path: Path, capsys):
    out = tmp_path / "fosdem"
    out.mkdir()
    (out / "conference.yaml").write_text("name: hand edited\n")
    assert main(["import", "frab", str(FOSDEM), "--out", str(out)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [f"error: {out}: folder exists and is not empty; pass --force to overwrite "
                   "it or choose another --out"]
    assert (out / "conference.yaml").read_text() == "name: hand edited\n"
    assert main(["import", "frab", str(FOSDEM), "--out", str(out), "--force"]) == 0
    assert load(out).name == "FOSDEM 2007"


def test_read_two_persons_with_different_ids_and_one_name_are_two_speakers(tmp_path: Path):
    path = _xml(tmp_path, _event("1", extra="<persons><person id='7'>Anna</person></persons>\n")
                + _event("2", "11:00", extra="<persons><person id='8'>anna</person>"
                                             "<person>Bo</person></persons>\n")
                + _event("3", "12:00", extra="<persons><person>Bo</person></persons>\n"))
    conf = read(path).conference
    assert [(s.id, s.name) for s in conf.speakers] == [("7", "Anna"), ("8", "anna"),
                                                        ("bo", "Bo")]
    assert [s.speakers for s in conf.sessions] == [("7",), ("8", "bo"), ("bo",)]
    assert warnings(conf).count("speakers 7 'Anna' and 8 'anna' look alike: one person or "
                                "two? (merge them in speakers.yaml if one)") == 1


def test_read_person_straight_under_event_with_comma_joined_names(tmp_path: Path):
    path = _xml(tmp_path, _event("1", extra="<person>Dr. Ada Lovelace, Alan Turing</person>\n"))
    imported = read(path)
    conf = imported.conference
    assert [conf.speaker_by_id[i].name for i in conf.sessions[0].speakers] == [
        "Dr. Ada Lovelace", "Alan Turing"]
    assert not any("person" in w for w in imported.warnings)


def test_frab_placeholder_people_without_a_letter_are_left_out_with_one_warning(tmp_path):
    """FOSDEM 2025's panels list "-" and "--" as people: no speaker, no "?" in the index."""
    persons = ("<persons><person id='1'>Karen Sandler</person><person id='2'>--</person>"
               "<person id='3'>-</person><person id='4'> </person>"
               "<person id='5'>Ø</person><person id='6'>7</person></persons>\n")
    imported = read(_xml(tmp_path, _event("a", extra=persons)))
    conf = imported.conference
    assert sorted(s.name for s in conf.speakers) == ["7", "Karen Sandler", "Ø"]
    assert len(conf.session_by_id["a"].speakers) == 3
    placeholders = [w for w in imported.warnings if "no letter or digit" in w]
    assert len(placeholders) == 1 and "'--', '-'" in placeholders[0]
