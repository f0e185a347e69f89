"""The command line as a whole: every command documented, help fast to reach, exit codes."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import ROOT
from pdfcheck import page_texts
from printprog.cli import build_parser, main
from printprog.cli.product import negative_values


def _commands() -> list[str]:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    return sorted(sub.choices)


def test_cli_every_command_documented_in_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert set(_commands()) >= {"booklet", "signage", "poster", "badges", "check", "import",
                                "ical", "preflight", "preview"}
    assert [c for c in _commands() if f"`printprog {c}" not in readme] == []


@pytest.mark.parametrize("command", _commands())
def test_cli_help_of_each_command_exits_0(command: str, capsys):
    with pytest.raises(SystemExit) as info:
        main([command, "--help"])
    assert info.value.code == 0
    assert "usage: printprog" in capsys.readouterr().out


def test_cli_runs_as_a_module_and_lists_commands():
    r = subprocess.run([sys.executable, "-m", "printprog.cli", "--help"], capture_output=True,
                       text=True, timeout=60)
    assert r.returncode == 0
    assert all(c in r.stdout for c in _commands())


def test_cli_no_command_is_a_usage_error_exit_2(capsys):
    with pytest.raises(SystemExit) as info:
        main([])
    assert info.value.code == 2
    assert "usage:" in capsys.readouterr().err


# -- issue #27 item 8: --offset -1,2 was refused although negative offsets are allowed ----

def _calibrate(tmp_path, name: str, *offset: str) -> tuple[int, bytes]:
    out = tmp_path / name
    code = main(["badges", "--calibrate", *offset, "--out", str(out)])
    return code, out.read_bytes() if out.exists() else b""


def test_cli_negative_offset_as_its_own_argument(tmp_path, capsys):
    code, spaced = _calibrate(tmp_path, "a.pdf", "--offset", "-1,2")
    assert code == 0, capsys.readouterr().err
    assert "offset -1, 2 mm" in " ".join(page_texts(tmp_path / "a.pdf"))
    assert _calibrate(tmp_path, "b.pdf", "--offset=-1,2") == (0, spaced)
    code, _ = _calibrate(tmp_path, "c.pdf", "--offset", "-.5,-0.5")
    assert code == 0
    assert "offset -0.5, -0.5 mm" in " ".join(page_texts(tmp_path / "c.pdf"))


def test_cli_negative_offset_out_of_range_says_the_range_exit_2(tmp_path, capsys):
    with pytest.raises(SystemExit) as info:
        main(["badges", "--calibrate", "--offset", "-30,2", "--out", str(tmp_path / "x.pdf")])
    assert info.value.code == 2
    assert "'-30,2': give X,Y in mm, each from -20 to 20" in capsys.readouterr().err


def test_cli_negative_values_joins_only_declared_flags():
    argv = ["badges", "--offset", "-1,2", "--data", "-1,2", "--offset", "x", "--", "--offset",
            "-3,4"]
    assert negative_values(argv, {"--offset"}) == [
        "badges", "--offset=-1,2", "--data", "-1,2", "--offset", "x", "--", "--offset", "-3,4"]


def test_photos_with_a_data_folder_says_it_is_ignored(tmp_path, capsys):
    """--photos is where a PDF's speaker photos are; a data folder's photos are its own, and
    the run says --photos was ignored rather than ignoring it silently."""
    assert main(["check", "--data", str(ROOT / "data" / "kvmforum2013"),
                 "--photos", str(tmp_path)]) == 0
    err = capsys.readouterr().err
    assert f"--photos {tmp_path}: used only with a PDF as --data" in err
    assert "ignored" in err
