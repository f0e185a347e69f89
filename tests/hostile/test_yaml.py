"""YAML type traps and parser attacks on the data folder: what is written is what is printed,
and whatever else the file holds ends in one located error line, fast, in little memory."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from printprog.core.safeyaml import MAX_BYTES

from .harness import (
    Case,
    Event,
    check_tree_untouched,
    event_case,
    module_batch,
    params,
    pdf_text,
    verify,
)


def _raw(file: str, text: str, replace: bool = False):
    """A change that appends ``text`` to (or replaces) one generated file."""
    def change(ev: Event) -> None:
        if replace:
            ev.replace[file] = text
        else:
            ev.raw[file] = ev.raw.get(file, "") + text
    return change


def _sessions_tail(text: str):
    """Extra sessions on the first day, written by hand (plain YAML, no quoting)."""
    def change(ev: Event) -> None:
        ev.sessions["2030-05-08"] = []
        ev.raw["sessions.yaml"] = text
    return change


def _both(*changes):
    def change(ev: Event) -> None:
        for c in changes:
            c(ev)
    return change


def _in_booklet(*texts: str):
    def check(run) -> None:
        text = pdf_text(run.out / "booklet.pdf")
        for t in texts:
            assert t in text, f"{t!r} not printed as written"
    return check


def _plain_types(ev: Event) -> None:
    # Hand-written YAML values that YAML 1.1 would turn into numbers, booleans or nulls.
    ev.raw["rooms.yaml"] = ("- id: r110\n  name: 1.10\n- id: r007\n  name: 007\n"
                            "- id: rno\n  name: NO\n")
    ev.raw["speakers.yaml"] = ("- id: norway\n  name: NO\n  job_title: on\n"
                               "  organisation: yes\n  bio: off\n")
    ev.sessions["2030-05-08"] = []
    ev.raw["sessions.yaml"] = (
        "  - id: trap1\n    start: 10:30\n    end: 11:00\n    room: r110\n"
        "    title: 1:20:30\n    speakers: [norway]\n    track: 3.10\n    abstract: 1e3\n"
        "  - id: trap2\n    start: 11:30\n    end: 12:00\n    room: r007\n"
        "    title: 0x1F\n    abstract: .5\n"
        "  - id: trap3\n    start: 11:30\n    end: 12:00\n    room: rno\n"
        "    title: y\n    abstract: ~~\n")
    ev.conference["end"] = "2030-05-08"


def _deep_block(folder: Path) -> None:
    lines = "".join("    " + "  " * i + f"k{i}:\n" for i in range(2000))
    (folder / "rooms.yaml").write_text(f"- id: x\n  name: deep\n  order:\n{lines}")


def _fifo(name: str):
    def after(folder: Path) -> None:
        (folder / name).unlink()
        os.mkfifo(folder / name)
    return after


def _link(name: str, target: str):
    def after(folder: Path) -> None:
        (folder / name).unlink()
        (folder / name).symlink_to(target)
    return after


def _huge_file(folder: Path) -> None:
    line = "# a comment line to make the file large, no single line is long\n"
    with (folder / "speakers.yaml").open("a") as fh:
        fh.write(line * ((MAX_BYTES + 2**20) // len(line)))


def _bad_utf8(ev: Event) -> None:
    ev.replace["speakers.yaml"] = "- id: x\n  name: Fran\xe7ois\n".encode("latin-1")


def _garbage(ev: Event) -> None:
    ev.replace["rooms.yaml"] = bytes(range(256)) * 64


CASES: list[Case] = [
    event_case("plain-types-stay-text", _plain_types,
               products=("check", "booklet", "signage"),
               then={"booklet": _in_booklet("1.10", "007", "NO", "1:20:30", "3.10", "0x1F",
                                            "1e3", ".5", "~~")}),
    event_case("bool-words-in-flag", _raw("speakers.yaml",
                                          "- id: b\n  name: B\n  bio_truncated: yes\n"),
               expect="error", errors=(r"speakers\.yaml:\d+:\d+: speakers\[3\]\.bio_truncated: "
                                       r"'yes' must be true or false",)),
    event_case("duplicate-key", _raw("rooms.yaml", "- id: d\n  name: D\n  name: E\n"),
               expect="error", errors=(r"rooms\.yaml:\d+:3: duplicate key 'name'",)),
    event_case("billion-laughs", _raw("rooms.yaml", "- id: lol\n  name: &a [lol, lol]\n"
                                      + "".join(f"- id: l{i}\n  name: &a{i} [*a, *a]\n"
                                                for i in range(30))),
               expect="error", errors=(r"rooms\.yaml:\d+:\d+: aliases \(\*name\) are not "
                                       r"allowed",)),
    event_case("python-tag-os-system",
               _raw("speakers.yaml", "- id: p\n  name: !!python/object/apply:os.system "
                    "['touch pwned']\n"),
               expect="error", errors=(r"speakers\.yaml:\d+:\d+: tag .*python/object/apply"
                                       r":os\.system' is not allowed",),
               then={"check": lambda run: _not_pwned(run)}),
    event_case("python-name-tag",
               _raw("rooms.yaml", "- id: p\n  name: !!python/name:os.getcwd ''\n"),
               expect="error", errors=(r"rooms\.yaml:\d+:\d+: tag .* is not allowed",)),
    event_case("timestamp-tag-invalid", _raw("rooms.yaml",
                                             "- id: t\n  name: !!timestamp 2030-13-45\n"),
               expect="error", errors=(r"rooms\.yaml:\d+:9: tag .*timestamp' is not allowed",)),
    event_case("binary-tag", _raw("rooms.yaml", "- id: b\n  name: !!binary AAAA\n"),
               expect="error", errors=(r"rooms\.yaml:\d+:9: tag .*binary' is not allowed",)),
    event_case("nul-byte", _raw("rooms.yaml", "- id: n\n  name: a\x00b\n"),
               expect="error", errors=(r"rooms\.yaml:\d+:10: character U\+0000 is not allowed",)),
    event_case("nul-escape-in-quotes", lambda ev: ev.room("small").update(name="Small\0Room"),
               products=("check", "booklet", "signage"),
               then={"booklet": _in_booklet("SmallRoom")}),
    event_case("not-utf8", _bad_utf8, expect="error",
               errors=(r"speakers\.yaml: not UTF-8 text",)),
    event_case("binary-garbage", _garbage, expect="error", errors=(r"rooms\.yaml",)),
    # Lines of 5 MB and 1 MB: refused by the line length before parsing.
    event_case("line-of-5mb", _raw("speakers.yaml",
                                   "- id: long\n  name: " + "x" * (5 * 2**20) + "\n"),
               expect="error",
               errors=(r"speakers\.yaml:\d+: a line of 5,242,\d+ characters is more than the "
                       r"200,000",)),
    event_case("line-of-1mb", _raw("speakers.yaml",
                                   "- id: long\n  bio: " + "x " * 2**19 + "\n"),
               expect="error",
               errors=(r"speakers\.yaml:\d+: a line of 1,048,\d+ characters is more than the "
                       r"200,000",)),
    event_case("file-over-the-limit", after=_huge_file, expect="error",
               errors=(rf"speakers\.yaml: {MAX_BYTES // 2**20 + 1}\.0 MB is more than the "
                       rf"{MAX_BYTES // 2**20} MB",)),
    event_case("deep-flow-nesting", _raw("rooms.yaml", "- id: x\n  name: " + "[" * 20_000
                                         + "]" * 20_000 + "\n"),
               expect="error", errors=(r"rooms\.yaml:\d+:\d+: nested more than 50 levels",)),
    event_case("deep-block-nesting", after=_deep_block, expect="error",
               errors=(r"rooms\.yaml:\d+:\d+: nested more than 50 levels",)),
    event_case("huge-integer", _raw("rooms.yaml", "- id: big\n  name: Big\n  order: "
                                    + "9" * 5000 + "\n"),
               expect="error", errors=(r"rooms\.yaml:\d+:10: number too long",)),
    # libyaml refuses an escape of half a surrogate pair, with its place and a hint.
    event_case("lone-surrogate-escape", _raw("speakers.yaml",
                                             '- id: s\n  name: "Bad \\ud800 Name"\n'),
               products=("check", "booklet", "badges"), expect="error",
               errors=(r"speakers\.yaml:\d+:\d+: found invalid Unicode character escape code"
                       r".*write the character itself",)),
    # Escapes inside double quotes are read, then dropped by text.clean; raw, YAML refuses them.
    event_case("terminal-escapes-quoted", _both(_raw(
                   "speakers.yaml", '- id: esc\n  name: "Eve \\e[2J\\e[31mEscape\\a\\x9b"\n'
                   '  organisation: "\\e]0;pwned\\a"\n  bio: "\\e[5mblink"\n'),
                   lambda ev: ev.session("t3")["speakers"].append("esc")),
               products=("check", "booklet"),
               then={"check": lambda run: _no_controls(run),
                     "booklet": _in_booklet("Eve [2J[31mEscape")}),
    event_case("raw-control-character", _raw("speakers.yaml",
                                             "- id: esc\n  name: Eve \x1b[2JEscape\n"),
               expect="error", errors=(r"speakers\.yaml:\d+:13: character U\+001B is not "
                                       r"allowed",)),
    event_case("bom-and-crlf", after=lambda folder: [
        (folder / n).write_bytes(b"\xef\xbb\xbf" + (folder / n).read_bytes().replace(b"\n",
                                                                                    b"\r\n"))
        for n in ("conference.yaml", "rooms.yaml", "speakers.yaml", "sessions.yaml")],
               products=("check", "booklet")),
    event_case("tab-indent", _raw("rooms.yaml", "- id: tab\n\tname: Tab\n"), expect="error",
               errors=(r"rooms\.yaml:\d+:1: found (character '\\t'|a tab character)",)),
    event_case("wrong-types", _sessions_tail(
        "  - id: w1\n    start: 930\n    end: 25:00\n    room: [main]\n    title: [a, b]\n"
        "    speakers: {ada: yes}\n2030-02-30:\n  - id: w2\n    start: 10:00\n"
        "    end: 11:00\n    room: main\n    title: ok\n"),
               expect="error",
               errors=(r"sessions\.yaml:\d+:\d+: 2030-05-08\[0\]\.start: '930' is not a time",
                       r"2030-05-08\[0\]\.end: '25:00' is not a time",
                       r"2030-05-08\[0\]\.title: must be text",
                       r"sessions\.yaml:\d+:1: 2030-02-30: '2030-02-30' is not a date")),
    event_case("all-files-empty", after=lambda folder: [
        (folder / n).write_text("") for n in ("conference.yaml", "rooms.yaml",
                                              "speakers.yaml", "sessions.yaml")],
               expect="error", errors=(r"conference\.yaml.*name: is required",)),
    event_case("data-file-is-fifo", after=_fifo("sessions.yaml"), expect="error",
               errors=(r"missing sessions\.yaml",)),
    event_case("data-file-links-to-dev-zero", after=_link("rooms.yaml", "/dev/zero"),
               expect="error", errors=(r"missing rooms\.yaml",)),
    event_case("data-file-is-folder", after=lambda f: ((f / "rooms.yaml").unlink(),
                                                       (f / "rooms.yaml").mkdir()),
               expect="error", errors=(r"missing rooms\.yaml",)),
    event_case("title-over-limit", lambda ev: ev.session("t1").update(title="word " * 1000),
               expect="error", errors=(r"sessions\.yaml:\d+:\d+: 2030-05-06\[2\]\.title: is "
                                       r"4,999 characters long; at most 1,000",)),
    event_case("abstract-over-limit", _sessions_tail(
                   "  - id: long\n    start: 10:00\n    end: 11:00\n    room: main\n"
                   "    title: Long\n    abstract: |\n" + "      lorem ipsum dolor\n" * 12_000),
               expect="error", errors=(r"2030-05-08\[0\]\.abstract: is 216,000 characters",)),
    event_case("invisible-title", lambda ev: ev.session("t1").update(title="\u200b\u2060\u200d"),
               expect="error", products=("check", "booklet", "signage"),
               errors=(r"sessions\.yaml:\d+:\d+: 2030-05-06\[2\]\.title: has no visible "
                       r"characters",)),
]


def _not_pwned(run) -> None:
    assert not (run.out.parent / "pwned").exists()
    assert not (run.out / "pwned").exists()


def _no_controls(run) -> None:
    for ch in ("\x1b", "\x07", "\x9b"):
        assert ch not in run.stderr and ch not in run.stdout


@pytest.fixture(scope="module")
def batch(request, hostile_root):
    return module_batch(request, hostile_root, CASES)


@pytest.mark.parametrize("case, product", params(CASES))
def test_yaml_trap(batch, case: Case, product: str):
    verify(batch, case, product)


def test_yaml_traps_touch_nothing_outside_output(batch):
    check_tree_untouched(batch)
