"""Themes are checked when they are read: unknown keys, wrong types, values out of range and
fonts that would not be embedded are one-line errors naming file:line; every paper size of
templates/papers.yaml is selectable by every product that takes --paper."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import MINI, ROOT
from pdfcheck import page_texts
from printprog.cli import main
from printprog.core.errors import DataError, PrintprogError
from printprog.core.units import mm, papers
from printprog.theme.loader import Theme, _load_raw, load_theme


def _theme(tmp_path: Path, body: str, name: str = "t.yaml") -> Path:
    path = tmp_path / name
    path.write_text("extends: default\n" + body, encoding="utf-8")
    return path


def _error(path: Path) -> list[str]:
    with pytest.raises(DataError) as info:
        Theme(_load_raw(str(path)), str(path))
    return info.value.lines()


def test_the_default_theme_is_typed():
    theme = load_theme()
    assert theme.sections.booklet.grid.min_size == 6.5
    assert theme.sections.booklet.margins.inside == 15
    assert theme.sections.signage.title_lines == 4
    assert theme.sections.badges.cut_marks.line == 0.25
    assert theme.number("booklet", "grid", "min_size") == 6.5  # the key-path readers stay
    assert theme.text("body").size == 9


def test_theme_sections_are_read_only_values_like_frozen_dataclasses():
    """The sections share one set of methods (core.records.Record, issue #28) and behave as the
    frozen dataclasses they were: read-only, equal and hashed by their fields, repr'd by
    them, built from keywords or positions with the fields' defaults."""
    import dataclasses

    from printprog.theme import schema
    from printprog.theme.schema import CutMarks, Margins

    marks = load_theme().sections.badges.cut_marks
    assert repr(marks) == "CutMarks(length=5.0, offset=1.0, shortest=2.0, line=0.25)"
    with pytest.raises(dataclasses.FrozenInstanceError):
        marks.length = 3.0
    with pytest.raises(dataclasses.FrozenInstanceError):
        del marks.line
    assert marks.length == 5.0
    assert CutMarks(5.0, 1.0, line=0.25, shortest=2.0) == marks
    assert hash(CutMarks(5.0, 1.0, 2.0, 0.25)) == hash(marks)
    assert dataclasses.replace(marks, length=9.0) != marks
    assert Margins(1, 2, 3, 4) != (1, 2, 3, 4)
    assert Margins(inside=3) == Margins(3, None, None, None)
    for bad in (lambda: Margins(1, 2, 3, 4, 5), lambda: Margins(1, inside=2),
                lambda: Margins(nope=1)):
        with pytest.raises(TypeError):
            bad()
    # None of them has methods of its own to compile at start-up: a section class written
    # as @dataclass(frozen=True) again fails here.
    from printprog.core.records import Record

    sections = {cls for cls in vars(schema).values()
                if isinstance(cls, type) and issubclass(cls, Record)} - {Record}
    assert len(sections) == 11
    assert [c.__name__ for c in sections
            if {"__init__", "__eq__", "__repr__", "__hash__"} & set(vars(c))] == []


@pytest.mark.parametrize(("body", "line", "expected"), [
    ("booklet:\n  qr_sise: 16\n", 3, "booklet.qr_sise: unknown key; did you mean qr_size?"),
    ("colours:\n  ink: blue\n", 3, "colours.ink: 'blue' is not #rrggbb"),
    ("booklet:\n  qr_size: 500\n", 3, "booklet.qr_size: 500 is out of range; use 10 to 50 mm"),
    ("booklet:\n  margins: {inside: 200}\n", 3, "booklet.margins.inside: 200 is out of range"),
    ("text:\n  body: [Sans, 1.0e9, 1.3]\n", 3, "text.body: size 1e+09 pt is out of range"),
    ("text:\n  body: [Sans, 9, 1.0e9]\n", 3, "text.body: leading 1e+09 is out of range"),
    ("text:\n  body: [Sans, 9]\n", 3, "text.body: must be [font, size in pt, leading"),
    ("signage:\n  landscape: yes\n", 3, "signage.landscape: must be true or false, not 'yes'"),
    ("signage:\n  title_lines: 2.5\n", 3, "signage.title_lines: must be a whole number"),
    ("booklet:\n  grid:\n    pad: '1'\n", 4, "booklet.grid.pad: must be a number of mm"),
    ("booklet:\n  paper: b5\n", 3, "booklet.paper: unknown paper size 'b5'"),
    ("bookelt: {}\n", 2, "bookelt: unknown key; did you mean booklet?"),
])
def test_a_bad_key_is_one_line_with_file_and_line(tmp_path, body, line, expected):
    path = _theme(tmp_path, body)
    lines = _error(path)
    assert len(lines) == 1
    assert lines[0].startswith(f"{path.resolve()}:{line}:")
    assert expected in lines[0]


@pytest.mark.parametrize("font", ["/etc/passwd", "Helvetica", "Times-Roman"])
def test_a_font_that_is_not_bundled_or_a_truetype_file_is_refused(tmp_path, font):
    lines = _error(_theme(tmp_path, f"text:\n  body: [{font}, 9, 1.3]\n"))
    assert len(lines) == 1 and "text.body: unknown font" in lines[0]
    assert "every font is embedded" in lines[0]


def test_a_font_file_must_be_truetype(tmp_path):
    (tmp_path / "fake.ttf").write_bytes(b"not a font at all" * 10)
    lines = _error(_theme(tmp_path, "text:\n  body: [fake.ttf, 9, 1.3]\n"))
    assert "is not a TrueType font" in lines[0] and lines[0].count("\n") == 0
    lines = _error(_theme(tmp_path, "text:\n  body: [missing.ttf, 9, 1.3]\n"))
    assert "missing.ttf not found" in lines[0]


def test_a_real_truetype_file_is_a_font(tmp_path):
    font = ROOT / "fonts" / "DejaVuSans.ttf"
    path = _theme(tmp_path, f"text:\n  body: [{font}, 9, 1.3]\n")
    theme = Theme(_load_raw(str(path)), str(path))
    assert theme.text("body").font == str(font)


def test_errors_are_counted_after_twenty(tmp_path):
    body = "colours:\n" + "".join(f"  c{i}: nope\n" for i in range(30))
    lines = _error(_theme(tmp_path, body))
    assert len(lines) == 21 and lines[-1].startswith("and 10 more problems not shown")


def test_an_error_in_the_parent_names_the_parent(tmp_path):
    _theme(tmp_path, "booklet:\n  head_gap: -1\n", name="base.yaml")
    child = tmp_path / "child.yaml"
    child.write_text("extends: base.yaml\ncolours: {ink: '#000000'}\n", encoding="utf-8")
    lines = _error(child)
    assert lines[0].startswith(f"{(tmp_path / 'base.yaml').resolve()}:3:")


def test_missing_keys_and_colour_names_are_checked_after_the_merge(tmp_path):
    alone = tmp_path / "alone.yaml"
    alone.write_text("colours: {ink: '#000000'}\n", encoding="utf-8")
    with pytest.raises(PrintprogError, match=r"missing text, booklet, signage"):
        Theme(_load_raw(str(alone)), "alone")
    path = _theme(tmp_path, "signage:\n  colours: {title: inkk}\n")
    with pytest.raises(PrintprogError, match=r"unknown colour names signage.colours.title"):
        Theme(_load_raw(str(path)), "t")


def test_cli_bad_theme_exits_1_with_one_line(tmp_path, capsys):
    path = _theme(tmp_path, "booklet:\n  qr_size: 500\n")
    out = tmp_path / "b.pdf"
    assert main(["booklet", "--data", str(MINI), "--theme", str(path), "--out", str(out)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and err[0].startswith("error: ") and ":3:" in err[0]
    assert not out.exists()


def test_every_paper_is_selectable(tmp_path, capsys):
    assert {"a6", "tabloid"} <= set(papers())
    theme = load_theme()
    for section in ("signage", "poster"):
        assert set(theme.get(section, "paper_scale")) == set(papers())
    out = tmp_path / "a6.pdf"
    assert main(["booklet", "--data", str(MINI), "--paper", "a6", "--out", str(out)]) == 0
    import pypdf

    box = pypdf.PdfReader(out).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (round(mm(105)),
                                                                   round(mm(148)))
    poster = tmp_path / "tabloid.pdf"
    assert main(["poster", "--data", str(MINI), "--paper", "tabloid", "--out",
                 str(poster)]) == 0
    assert page_texts(poster)


def test_unknown_paper_is_a_command_line_error(capsys):
    with pytest.raises(SystemExit) as info:
        main(["booklet", "--paper", "b7"])
    assert info.value.code == 2
    assert "unknown paper size 'b7'; use one of: a2, a3, a4, a5, a6" in capsys.readouterr().err


def test_a_font_file_outside_the_theme_folder_is_refused(tmp_path):
    """Confined like photos: neither ../ nor a link may reach a file elsewhere (the file
    here is a real font, so only the confinement refuses it)."""
    theme_dir, elsewhere = tmp_path / "theme", tmp_path / "elsewhere"
    theme_dir.mkdir()
    elsewhere.mkdir()
    font = ROOT / "fonts" / "DejaVuSans.ttf"
    (elsewhere / "Brand.ttf").write_bytes(font.read_bytes())
    lines = _error(_theme(theme_dir, "text:\n  body: [../elsewhere/Brand.ttf, 9, 1.3]\n"))
    assert "text.body: font file '../elsewhere/Brand.ttf' is outside the theme's folder" \
        in lines[0]
    (theme_dir / "Brand.ttf").symlink_to(elsewhere / "Brand.ttf")
    lines = _error(_theme(theme_dir, "text:\n  body: [Brand.ttf, 9, 1.3]\n"))
    assert "is a link to a file outside the theme's folder" in lines[0]


def test_a_font_file_next_to_the_theme_prints(tmp_path):
    """Named relative to the theme, registered under its real path as a family of its own
    (the booklet asks for its bold face), embedded."""
    (tmp_path / "Brand.ttf").write_bytes((ROOT / "fonts" / "DejaVuSans.ttf").read_bytes())
    path = _theme(tmp_path, "text:\n  body: [Brand.ttf, 9, 1.3]\n")
    out = tmp_path / "b.pdf"
    assert main(["booklet", "--data", str(MINI), "--theme", str(path), "--out", str(out)]) == 0
    assert b"+DejaVuSans" in out.read_bytes()
