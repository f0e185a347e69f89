"""The command line as a whole: every command documented, help fast to reach, exit codes."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import ROOT
from printprog.cli import build_parser, main


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
