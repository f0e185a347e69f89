"""The attendee CSV reader: encodings, delimiters, loose headers, roles, located errors, and
the merge with the schedule's speakers."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from conftest import FIXTURES, MINI
from pdfcheck import page_texts, squash
from printprog.cli import main
from printprog.core.errors import DataError
from printprog.importers import load
from printprog.importers.attendees import badge_people, read_csv, role_of
from printprog.products.badges.content import vcard

SAMPLE = FIXTURES / "attendees-confbadger.csv"


def _write(tmp_path: Path, text: str, name: str = "people.csv", bom: bool = False,
           encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    data = text.encode(encoding)
    path.write_bytes((codecs.BOM_UTF8 if bom else b"") + data)
    return path


def _error(path: Path) -> str:
    with pytest.raises(DataError) as caught:
        read_csv(path)
    assert len(caught.value.lines()) == 1
    return caught.value.lines()[0]


def test_read_csv_sample_export_as_is():
    people = read_csv(SAMPLE)
    assert len(people) == 16
    rosaline = next(p for p in people if p.name == "Rosaline Franklin")
    assert (rosaline.printed_name, rosaline.organisation, rosaline.role) == (
        "Rosaline", "X-Ray Inc.", "ATTENDEE")
    assert rosaline.email == "rosaline.franklin@xray.org"
    assert rosaline.share_contact is False  # the export has no consent column
    assert next(p for p in people if p.name == "Enrico Fermi").role == "ORGANISER"
    assert people[0].name == "John Smith" and people[0].organisation == ""


@pytest.mark.parametrize("bom", [False, True])
def test_read_csv_with_and_without_bom(tmp_path: Path, bom: bool):
    path = _write(tmp_path, "First Name,Last Name,Company\nAda,Lovelace,Engines\n", bom=bom)
    (ada,) = read_csv(path)
    assert (ada.name, ada.printed_name, ada.organisation) == ("Ada Lovelace", "Ada", "Engines")


def test_read_csv_semicolons_and_quoted_fields(tmp_path: Path):
    path = _write(tmp_path, 'Name;Organisation;Role\n"Grace Hopper";"Navy; Harvard";Crew\n'
                            "Linus Torvalds;Linux Foundation;\n")
    grace, linus = read_csv(path)
    # A Role column is printed as given (#15 item 10); ticket titles are mapped to a role.
    assert (grace.name, grace.organisation, grace.role) == ("Grace Hopper", "Navy; Harvard",
                                                            "Crew")
    assert (linus.first_name, linus.role) == ("Linus", "ATTENDEE")


def test_read_csv_utf16_tab_export(tmp_path: Path):
    path = tmp_path / "unicode.txt"
    path.write_bytes("Full Name\tCompany\nΑλέξανδρος Παπαδόπουλος\tΑθήνα\n".encode("utf-16"))
    (alex,) = read_csv(path)
    assert (alex.name, alex.organisation) == ("Αλέξανδρος Παπαδόπουλος", "Αθήνα")


def test_read_csv_flexible_headers(tmp_path: Path):
    path = _write(tmp_path, "first_name,SURNAME,Organization,Ticket Type,PRONOUNS,E-Mail,"
                            "Badge Name,Share contact details?\n"
                            "Katherine,Johnson,NASA,Speaker pass,she/her,kj@nasa.gov,Katie,Yes\n")
    (kj,) = read_csv(path)
    assert (kj.name, kj.printed_name, kj.first_name) == ("Katherine Johnson", "Katie", "Katie")
    assert (kj.organisation, kj.role, kj.pronouns) == ("NASA", "SPEAKER", "she/her")
    assert (kj.email, kj.share_contact) == ("kj@nasa.gov", True)


@pytest.mark.parametrize(("title", "role"), [
    ("Speaker", "SPEAKER"), ("Keynote speaker pass", "SPEAKER"), ("Staff", "STAFF"),
    ("Crew (Friday)", "STAFF"), ("Volunteer", "STAFF"), ("Press", "PRESS"),
    ("Gold Sponsor", "SPONSOR"), ("Organizer", "ORGANISER"), ("Organiser", "ORGANISER"),
    ("Early Bird", "ATTENDEE"), ("Student", "ATTENDEE"), ("", "ATTENDEE"),
])
def test_role_of_ticket_titles(title: str, role: str):
    assert role_of(title) == role


def test_read_csv_consent_column_controls_vcard_email(tmp_path: Path):
    path = _write(tmp_path, "Name,Email,share_contact\nAda Lovelace,ada@example.org,yes\n"
                            "Alan Turing,alan@example.org,no\nGrace Hopper,grace@example.org,\n")
    ada, alan, grace = read_csv(path)
    assert "EMAIL;TYPE=INTERNET:ada@example.org\r\n" in vcard(ada)
    assert "EMAIL" not in vcard(alan) and "EMAIL" not in vcard(grace)
    assert vcard(ada).startswith("BEGIN:VCARD\r\nVERSION:3.0\r\nN:Lovelace;Ada;;;\r\n"
                                 "FN:Ada Lovelace\r\n")


def test_read_csv_blank_lines_skipped(tmp_path: Path):
    path = _write(tmp_path, "Name,Company\n\nAda Lovelace,Engines\n,\n\n")
    assert [p.name for p in read_csv(path)] == ["Ada Lovelace"]


def test_read_csv_row_without_name_names_line(tmp_path: Path):
    path = _write(tmp_path, "First Name,Last Name,Company\nAda,Lovelace,Engines\n,,Nobody Inc\n")
    assert _error(path) == f"{path}:3: no name: First Name, Last Name empty"


def test_read_csv_ragged_row_names_line(tmp_path: Path):
    path = _write(tmp_path, "Name,Company\nAda Lovelace,Engines\nAlan Turing,Bletchley,Park\n")
    assert _error(path) == (f"{path}:3: 3 fields but the header has 2 (a field with the "
                            "delimiter in it must be in double quotes)")


def test_read_csv_ragged_row_after_multiline_field_names_its_first_line(tmp_path: Path):
    path = _write(tmp_path, 'Name,Company\n"Ada Lovelace","Engines\nLtd"\nAlan Turing\n')
    assert _error(path).startswith(f"{path}:4: 1 fields but the header has 2")


def test_read_csv_not_utf8_names_line(tmp_path: Path):
    path = tmp_path / "latin1.csv"
    path.write_bytes("Name,Company\nAda Lovelace,Engines\nBenoît Canet,Nodalink\n"
                     .encode("latin-1"))
    assert _error(path) == (f"{path}:3: byte 0xee is not UTF-8 (save the file as UTF-8, "
                            "e.g. 'CSV UTF-8' in a spreadsheet)")


def test_read_csv_missing_name_column_names_header(tmp_path: Path):
    path = _write(tmp_path, "Email,Company,Ticket\nada@example.org,Engines,Standard\n")
    assert _error(path) == (f"{path}:1: no name column; the header has: Email, Company, Ticket "
                            "(add a column 'Name', or 'First Name' and 'Last Name')")


def test_read_csv_bad_url_names_line(tmp_path: Path):
    path = _write(tmp_path, "Name,Profile URL\nAda Lovelace,javascript:alert(1)\n")
    assert _error(path) == f"{path}:2: Profile URL: 'javascript:alert(1)' is not an http(s) URL"


def test_badges_cli_row_without_name_is_skipped_with_one_warning(tmp_path: Path, capsys):
    path = _write(tmp_path, "Name,Company\nAda Lovelace,Engines\n,Nobody\nAlan Turing,Bletchley\n")
    out = tmp_path / "b.pdf"
    code = main(["badges", "--data", str(MINI), "--attendees", str(path), "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 0
    assert err.splitlines().count(f"warning: {path}:3: no name: Name empty; this row is "
                                  "skipped") == 1
    text = pdf_text(out)
    assert _named(text, "ada", "lovelace") and _named(text, "alan", "turing")


def _named(text: str, first: str, family: str) -> bool:
    """Both parts of a name on the sheet: a badge sets the first name large and the family
    name on its own line, so two badges side by side interleave them in extracted text."""
    return first in text and family in text


def pdf_text(path: Path) -> str:
    return squash(" ".join(page_texts(path)))


def test_badges_attendees_alone_prints_exactly_the_files_people(tmp_path: Path, capsys):
    path = _write(tmp_path, "Name,Company\nJana Novakova,Firma\nPetr Svoboda,Jina\n")
    out = tmp_path / "b.pdf"
    assert main(["badges", "--attendees", str(path), "--out", str(out)]) == 0
    assert capsys.readouterr().out.startswith(f"wrote {out}: 2 badges on 1 sheet")
    text = pdf_text(out)
    assert _named(text, "jana", "novakova") and _named(text, "petr", "svoboda")
    from printprog.core.resources import default_data

    bundled = [squash(sp.name) for sp in load(default_data()).speakers]
    assert [n for n in bundled if n in text] == []


def test_badges_attendees_with_data_adds_that_events_speakers_once(tmp_path: Path, capsys):
    speakers = [s.name for s in load(MINI).speakers]
    path = _write(tmp_path, f"Name,Company\nPetr Svoboda,Jina\n{speakers[0]},Engines\n")
    out = tmp_path / "b.pdf"
    assert main(["badges", "--data", str(MINI), "--attendees", str(path), "--out",
                 str(out)]) == 0
    assert capsys.readouterr().out.startswith(
        f"wrote {out}: {1 + len(speakers)} badges")  # the speaker in the file once


def test_badges_columns_map_other_header_names(tmp_path: Path, capsys):
    path = _write(tmp_path, "jmeno;firma;funkce\nJana Novakova;Firma;Staff\n")
    out = tmp_path / "b.pdf"
    assert main(["badges", "--attendees", str(path), "--out", str(out), "--columns",
                 "name=jmeno,organisation=firma,role=funkce"]) == 0
    assert _named(pdf_text(out), "jana", "novakova") and "staff" in pdf_text(out)
    yaml_map = tmp_path / "columns.yaml"
    yaml_map.write_text("name: jmeno\norganisation: firma\n", encoding="utf-8")
    assert main(["badges", "--attendees", str(path), "--out", str(out), "--columns",
                 str(yaml_map)]) == 0
    assert read_csv(path, {"name": "jmeno", "organisation": "firma"})[0].organisation == "Firma"


def test_badges_columns_unknown_header_is_one_line_error(tmp_path: Path, capsys):
    path = _write(tmp_path, "jmeno;firma\nJana Novakova;Firma\n")
    assert main(["badges", "--attendees", str(path), "--out", str(tmp_path / "b.pdf"),
                 "--columns", "name=prijmeni"]) == 1
    assert capsys.readouterr().err == (f"error: {path}:1: --columns name=prijmeni: no such "
                                       "header; the header has: jmeno, firma\n")
    with pytest.raises(SystemExit) as exc:
        main(["badges", "--attendees", str(path), "--columns", "nome=jmeno"])
    assert exc.value.code == 2


def test_badge_people_speaker_in_csv_once_as_speaker():
    conf = load(MINI)
    people = badge_people(conf, read_csv(SAMPLE))
    turing = [p for p in people if p.name == "Alan Turing"]
    assert len(turing) == 1  # in the CSV (TuringML) and a speaker of the schedule
    assert (turing[0].role, turing[0].speaker_id) == ("SPEAKER", "alan")
    assert turing[0].organisation == "TuringML"  # the attendee's own registration
    assert turing[0].url == "https://mini.example.org/talk/t1"
    ada = [p for p in people if p.name == "Ada Lovelace"]  # speaker not in the CSV
    assert len(ada) == 1 and ada[0].role == "SPEAKER"
    assert len(people) == 16 + 1


def test_badge_people_match_ignores_case_and_accents(tmp_path: Path):
    path = _write(tmp_path, "Name\nADA LOVELÂCE\n")
    people = badge_people(load(MINI), read_csv(path))
    assert [(p.name, p.role) for p in people] == [("ADA LOVELÂCE", "SPEAKER"),
                                                   ("Alan Turing", "SPEAKER")]


def test_badge_people_without_csv_is_speakers_a_to_z():
    people = badge_people(load(MINI))
    assert [(p.name, p.role, p.speaker_id) for p in people] == [
        ("Ada Lovelace", "SPEAKER", "ada"), ("Alan Turing", "SPEAKER", "alan")]


def test_first_and_last_name_columns_give_the_family_name(tmp_path: Path):
    """The list's own split is kept: sorting and the vCard's N use its family name, not a
    guess from the last word ("van Riel" is not "Riel", "Nguyễn Thị Minh" not "Minh")."""
    path = _write(tmp_path, "First Name,Last Name\nRik,van Riel\nMinh Anh,Nguyễn Thị\n"
                            "Ada,Lovelace\nZoe,Adams\n")
    people = badge_people(load(MINI), read_csv(path), with_speakers=False)
    assert [p.name for p in people] == ["Zoe Adams", "Ada Lovelace", "Minh Anh Nguyễn Thị",
                                        "Rik van Riel"]
    rik = people[-1]
    assert (rik.given_name, rik.family_name) == ("Rik", "van Riel")
    assert "\r\nN:van Riel;Rik;;;\r\n" in vcard(rik)
    one = read_csv(_write(tmp_path, "Name\nRik van Riel\n", name="one.csv"))[0]
    assert (one.given_name, one.family_name) == ("", "")  # one full name: guessed as before
    assert "\r\nN:Riel;Rik van;;;\r\n" in vcard(one)


# -- #25: attendee badges never name the wrong event; duplicates; --duplex without a website


def test_read_csv_duplicate_row_gives_one_attendee_and_a_warning(tmp_path: Path):
    path = _write(tmp_path, "Name,Company\nAda Lovelace,Engines\nAlan Turing,Bletchley\n"
                            "Ada Lovelace,Engines\nAda Lovelace,Other\n")
    said: list[str] = []
    people = read_csv(path, warnings=said)
    # the same name with another company is another row: kept (check is for look-alikes)
    assert [(p.name, p.organisation) for p in people] == [
        ("Ada Lovelace", "Engines"), ("Alan Turing", "Bletchley"), ("Ada Lovelace", "Other")]
    assert said == [f"{path}:4: repeats line 2 (Ada Lovelace); one badge is printed"]


def test_badges_attendees_alone_name_no_bundled_event_and_warn(tmp_path: Path, capsys):
    path = _write(tmp_path, "Name,Company\nJana Novakova,Firma\n")
    out = tmp_path / "b.pdf"
    assert main(["badges", "--attendees", str(path), "--duplex", "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert "badges name no event" in err and "--event NAME" in err
    text = pdf_text(out)
    # nothing of data/kvmforum2013: its name, its year, its city
    assert "kvm" not in text and "2013" not in text and "edinburgh" not in text
    assert _named(text, "jana", "novakova")


def test_badges_event_option_names_the_event_on_front_and_back(tmp_path: Path, capsys):
    path = _write(tmp_path, "Name,Company\nJana Novakova,Firma\n")
    out = tmp_path / "b.pdf"
    assert main(["badges", "--attendees", str(path), "--event", "Desk Con 2031", "--duplex",
                 "--out", str(out)]) == 0
    assert "badges name no event" not in capsys.readouterr().err
    pages = [squash(t) for t in page_texts(out)]
    assert all("deskcon2031" in t for t in pages) and len(pages) == 2
    assert all("kvm" not in t for t in pages)


def test_badges_with_data_print_that_events_name(tmp_path: Path, capsys):
    path = _write(tmp_path, "Name,Company\nJana Novakova,Firma\n")
    out = tmp_path / "b.pdf"
    assert main(["badges", "--data", str(MINI), "--attendees", str(path), "--out",
                 str(out)]) == 0
    assert "badges name no event" not in capsys.readouterr().err
    assert squash(load(MINI).short_name) in pdf_text(out)


def test_badges_duplex_without_website_warns_once_and_prints_backs(tmp_path: Path, capsys):
    sample = FIXTURES / "samples" / "csv" / "gpn11-schedule.csv"
    assert load(sample).website == ""  # the case: an export with no website URL
    out = tmp_path / "b.pdf"
    assert main(["badges", "--duplex", "--data", str(sample), "--out", str(out)]) == 0
    err = capsys.readouterr().err.splitlines()
    assert [w for w in err if "schedule QR" in w] == [
        "warning: badge backs: no website for the schedule QR (the event has none); the "
        "backs are printed without it: set website in conference.yaml"]
    assert len(page_texts(out)) % 2 == 0  # every sheet has its back
