"""Every PDF carries the schedule it was made from, and ``--data FILE.pdf`` reads it back."""

from __future__ import annotations

import json
import shutil
import zlib
from dataclasses import fields
from pathlib import Path

import pikepdf
import pytest

from conftest import KVM
from printprog import __version__
from printprog.cli import main
from printprog.core.errors import DataError, PrintprogError
from printprog.importers import load
from printprog.pdf import embedded as source
from printprog.render import Options, render
from printprog.theme.loader import load_theme


@pytest.fixture(scope="module")
def booklet(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("source") / "booklet.pdf"
    render("booklet", load(KVM), load_theme("default"), Options(), out)
    return out


def _same(a, b) -> None:
    """Field by field: Conference compares by identity (views cache per instance)."""
    for f in fields(a):
        if f.name != "source":
            assert getattr(a, f.name) == getattr(b, f.name), f.name


def test_booklet_round_trips_to_the_same_model(booklet: Path):
    original, again = load(KVM), load(booklet)
    _same(original, again)
    assert len(again.sessions) == 64 and again.sessions == original.sessions


def test_check_reads_a_booklet_like_a_data_folder(booklet: Path, capsys):
    assert main(["check", "--data", str(KVM)]) == 0
    from_folder = capsys.readouterr().out
    assert main(["check", "--data", str(booklet)]) == 0
    assert capsys.readouterr().out == from_folder
    assert "64 sessions, 48 speakers, 7 rooms, 3 days" in from_folder


def test_pdf_is_detected_by_header_not_name(booklet: Path, tmp_path: Path):
    renamed = tmp_path / "programme.txt"
    shutil.copy(booklet, renamed)
    assert len(load(renamed).sessions) == 64


def test_source_names_version_and_pages_of_the_talks(booklet: Path):
    text = source.read(booklet).decode()
    assert text.startswith("# The schedule this PDF was printed from")
    assert f'"version": "{__version__}"' in text
    pages = source.pages(booklet)
    assert set(pages) <= {s.id for s in load(KVM).sessions}
    assert pages["block-layer-status-report"] > 4  # after cover, contents and the grids


def test_every_product_embeds_it_byte_identically(tmp_path: Path):
    conf, theme = load(KVM), load_theme("default")
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    for out in (a, b):
        render("poster", conf, theme, Options(), out)
    assert a.read_bytes() == b.read_bytes()
    with pikepdf.open(a) as pdf:
        spec = pdf.Root.AF[0]
        assert spec.AFRelationship == "/Source" and str(spec.F) == source.FILENAME
    _same(conf, load(a))
    assert source.pages(a) == {}  # only the booklet has talk pages


def _with_source(tmp_path: Path, data: bytes, name: str = "x.pdf", raw: bool = False) -> Path:
    """A one-page PDF with ``data`` embedded as printprog's source (``raw``: as given)."""
    out = tmp_path / name
    pdf = pikepdf.new()
    pdf.add_blank_page()
    source.attach(pdf, data)
    if raw:
        stream = pdf.Root.AF[0].EF.F
        stream.write(data, filter=pikepdf.Name.FlateDecode)
    pdf.save(out)
    return out


def test_pdf_without_source_is_one_clear_error(tmp_path: Path, capsys):
    bare = tmp_path / "other.pdf"
    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.save(bare)
    assert main(["check", "--data", str(bare)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "no printprog-source.yaml embedded" in err[0]
    assert "pass the data folder with --data" in err[0]


def test_inflating_bomb_is_refused_within_the_cap(tmp_path: Path):
    bomb = zlib.compress(b"#" * (source.MAX_SOURCE_BYTES + 10), 9)
    path = _with_source(tmp_path, bomb, raw=True)
    assert path.stat().st_size < 100_000
    with pytest.raises(PrintprogError, match="over 32 MB"):
        load(path)


def test_embedded_yaml_goes_through_the_strict_reader(tmp_path: Path):
    path = _with_source(tmp_path, b"conference: !!python/object:os.system {}\n")
    with pytest.raises(DataError) as info:
        load(path)
    assert "printprog-source.yaml):1:" in str(info.value)
    path = _with_source(tmp_path, b"conference: {}\nshell: rm\n", "unknown.pdf")
    with pytest.raises(DataError, match="shell: unknown key"):
        load(path)


def test_embedded_data_is_validated_like_a_folder(tmp_path: Path, booklet: Path):
    text = source.read(booklet).decode()
    text = text.replace('"room": "stirling-suite"', '"room": "nowhere"', 1)
    with pytest.raises(DataError) as info:
        load(_with_source(tmp_path, text.encode()))
    assert "unknown room 'nowhere'" in str(info.value)
    assert "x.pdf (printprog-source.yaml):" in str(info.value)


@pytest.fixture
def sign(stirling_sign) -> Path:
    return stirling_sign


def _doc(pdf: Path) -> dict:
    text = source.read(pdf).decode()
    return json.loads("".join(x for x in text.splitlines(keepends=True) if x[:1] != "#"))


def test_check_reads_a_sign_and_notes_it_holds_one_room(sign: Path, capsys):
    from printprog.products.signage.plan import sessions_for_sign

    assert main(["check", "--data", str(sign)]) == 0
    out, err = capsys.readouterr()
    notes = [line for line in err.splitlines() if line.startswith("note:")]
    assert notes == [f"note: {sign} holds only Stirling Suite's sessions on Mon 21 Oct, "
                     "Tue 22 Oct, Wed 23 Oct, not the whole programme"]
    assert not [line for line in err.splitlines() if line.startswith("error")]
    conf = load(KVM)
    printed = {s.id for d in conf.days
               for s, _ in sessions_for_sign(conf, conf.room_by_id["stirling-suite"], d)}
    assert f"{len(printed)} sessions, " in out and len(printed) < len(conf.sessions) // 3
    assert {s.id for s in load(sign).sessions} == printed


def test_a_whole_schedule_has_no_note(booklet: Path, capsys):
    assert main(["check", "--data", str(booklet)]) == 0
    assert not [x for x in capsys.readouterr().err.splitlines() if x.startswith("note:")]


@pytest.mark.parametrize(("scope", "message"), [
    ([1, 2], "scope: must be a mapping of room and days"),
    ({"room": "Stirling Suite"}, "scope.days: must be a list of dates"),
    ({"room": "Stirling Suite", "days": []}, "scope.days: must be a list of dates"),
    ({"room": "Stirling Suite", "days": ["tuesday"]}, "scope.days[0]: is not a date"),
    ({"room": "Stirling Suite", "days": [{"a": 1}]}, "scope.days[0]: is not a date"),
    ({"room": 7, "days": ["2013-10-22"]}, "scope.room: must be a room's name"),
    ({"room": "Nowhere", "days": ["2013-10-22"]},
     "scope.room: no room named 'Nowhere' among the embedded rooms"),
    ({"room": "Stirling Suite", "days": ["2013-10-22"], "run": "rm"},
     "scope.run: unknown key"),
])
def test_a_scope_of_another_shape_is_one_located_line(sign: Path, tmp_path: Path, capsys,
                                                      scope, message):
    doc = _doc(sign)
    doc["scope"] = scope
    path = _with_source(tmp_path, json.dumps(doc).encode())
    assert main(["check", "--data", str(path)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and err[0].startswith(f"error: {path} (printprog-source.yaml):1:")
    assert message in err[0]


def test_control_characters_in_a_scoped_room_name_stay_off_the_terminal(sign: Path,
                                                                        tmp_path: Path,
                                                                        capsys):
    doc = _doc(sign)
    evil = "Stirling\x1b]0;owned\x07 Suite"
    doc["scope"]["room"] = evil
    for room in doc["rooms"]:
        if room["id"] == "stirling-suite":
            room["name"] = evil
    path = _with_source(tmp_path, json.dumps(doc).encode())
    assert main(["check", "--data", str(path)]) == 0
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\x07" not in err
    assert "holds only Stirling]0;owned Suite's sessions" in err  # as the reader cleans it


def test_a_scope_of_many_days_is_noted_in_one_short_line(sign: Path, tmp_path: Path, capsys):
    doc = _doc(sign)
    doc["scope"]["days"] = [f"2013-{m:02d}-{d:02d}" for m in range(1, 13) for d in range(1, 29)]
    path = _with_source(tmp_path, json.dumps(doc).encode())
    assert main(["check", "--data", str(path)]) == 0
    notes = [x for x in capsys.readouterr().err.splitlines() if x.startswith("note:")]
    assert notes == [f"note: {path} holds only Stirling Suite's sessions on 336 days, "
                     "Tue 1 Jan to Sat 28 Dec, not the whole programme"]
