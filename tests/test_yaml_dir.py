"""The native YAML format: strict reading, and one-line located errors with exit code 1."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from printprog.cli import main
from printprog.core.errors import DataError
from printprog.importers import load
from printprog.schedule.model import Kind


def _break(folder: Path, file: str, old: str, new: str) -> None:
    path = folder / file
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))


def _run_check(folder: Path, capsys) -> tuple[int, list[str]]:
    code = main(["check", "--data", str(folder)])
    err = capsys.readouterr().err
    return code, [line for line in err.splitlines() if line.startswith("error:")]


def test_load_mini_reads_times_as_text_not_sexagesimal(mini: Path):
    conf = load(mini)
    opening = conf.session_by_id["opening"]
    assert (opening.start.hour, opening.start.minute) == (9, 0)
    assert opening.start.utcoffset() == timedelta(hours=2)
    assert opening.kind is Kind.KEYNOTE
    assert conf.session_by_id["t1"].abstract == ("First paragraph.", "Second paragraph.")
    assert conf.session_by_id["t2"].moderators == ("alan",)


def test_load_mini_session_past_midnight_stays_on_its_day(mini: Path):
    party = load(mini).session_by_id["party"]
    assert party.conference_day.isoformat() == "2030-05-07"
    assert party.end.isoformat() == "2030-05-08T01:00:00+02:00"


def test_load_no_as_text_not_false(mini: Path):
    _break(mini, "speakers.yaml", "organisation: Bletchley", "organisation: NO")
    assert load(mini).speaker_by_id["alan"].organisation == "NO"


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        ("sessions.yaml", "    room: small\n", "   room: small\n",
         "sessions.yaml:29:4: did not find expected '-' indicator "
         "(check the indentation of this list)"),
        ("rooms.yaml", "  name: Small Room\n", "  name: Small Room\n  name: Other\n",
         "rooms.yaml:6:3: duplicate key 'name'; remove one of them"),
        ("sessions.yaml", "    room: small", "    room: stirling",
         "sessions.yaml:29:11: 2030-05-06[3].room: unknown room 'stirling'"),
        ("sessions.yaml", "    start: 10:00\n    end: 10:45\n    room: small",
         "    start: 25:00\n    end: 10:45\n    room: small",
         "sessions.yaml:27:12: 2030-05-06[3].start: '25:00' is not a time"),
        ("rooms.yaml", "- id: main\n  name: Main Hall", "- id: main\n  name: &n Main Hall\n"
         "- id: main2\n  name: *n", "rooms.yaml:4:9: aliases (*name) are not allowed"),
        ("speakers.yaml", "name: Ada Lovelace",
         "name: !!python/object/apply:os.system ['echo hi']",
         "speakers.yaml:2:9: tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed"),
        ("speakers.yaml", "  job_title: Analyst", "  jobtitle: Analyst",
         "speakers.yaml:3:3: speakers[0].jobtitle: unknown key"),
        ("sessions.yaml", "    end: 09:45", "    end: 08:45",
         "sessions.yaml:10:10: 2030-05-06[1].end: ends (08:45) before it starts (09:00)"),
        ("sessions.yaml", "  - id: t2", "  - id: t1",
         "sessions.yaml:26:5: 2030-05-06[3].id: duplicate id 't1' (first at line 16)"),
        ("sessions.yaml", "    speakers: [alan]", "    speakers: [alan, grace]",
         "sessions.yaml:21:22: 2030-05-06[2].speakers[1]: unknown speaker 'grace'"),
        ("conference.yaml", "timezone: Europe/Berlin", "timezone: Mars/Olympus",
         "conference.yaml:6:11: timezone: 'Mars/Olympus' is not an IANA time zone"),
        ("rooms.yaml", "  name: Small Room", "\tname: Small Room",
         "rooms.yaml:5:1: found a tab character that violates indentation (use spaces, not tabs"),
    ],
    ids=["bad-indent", "duplicate-key", "unknown-room", "start-25", "alias", "python-tag",
         "unknown-key", "end-before-start", "duplicate-id", "unknown-speaker", "bad-timezone",
         "tab"],
)
def test_check_broken_yaml_one_line_error_exit_1(mini, capsys, file, old, new, expected):
    _break(mini, file, old, new)
    code, errors = _run_check(mini, capsys)
    assert code == 1
    assert len(errors) == 1, errors
    line = errors[0]
    assert line.startswith(f"error: {mini / file}"), line
    assert expected in line, line
    assert "Traceback" not in line


def test_check_missing_file_names_it(mini: Path, capsys):
    (mini / "rooms.yaml").unlink()
    code, errors = _run_check(mini, capsys)
    assert code == 1
    assert errors == [f"error: {mini}: missing rooms.yaml (see docs/data-format.md)"]


def test_load_reports_every_problem_not_only_the_first(mini: Path):
    _break(mini, "sessions.yaml", "    room: small", "    room: nowhere")
    _break(mini, "speakers.yaml", "  job_title: Analyst", "  colour: red")
    with pytest.raises(DataError) as info:
        load(mini)
    assert len(info.value.problems) == 2


def test_check_no_data_folder_exit_1(tmp_path: Path, capsys):
    code = main(["check", "--data", str(tmp_path / "nothing")])
    assert code == 1
    assert "no such file or folder" in capsys.readouterr().err


def test_cli_wrong_command_line_exit_2(capsys):
    with pytest.raises(SystemExit) as info:
        main(["check", "--nonsense"])
    assert info.value.code == 2
