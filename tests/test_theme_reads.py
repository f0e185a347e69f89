"""Products and layout read the theme typed (``theme.sections.<section>.<key>``), never by a
string path (``theme.number("signage", "margin")``), so a misspelt key is caught here and not
by a user as "theme 'default': missing …". Read from the source with ast: every attribute
chain that starts at ``.sections`` must name fields of the schema's dataclasses."""

from __future__ import annotations

import ast
import dataclasses
import functools
import re

import pytest

from conftest import ROOT
from printprog.theme import schema

SRC = ROOT / "src" / "printprog"
OUTSIDE_THEME = sorted(p for p in SRC.rglob("*.py") if "theme" not in p.relative_to(SRC).parts)
STRING_PATH = re.compile(r"\btheme\.(number|get|text)\(")


@pytest.mark.parametrize("path", OUTSIDE_THEME, ids=lambda p: str(p.relative_to(SRC)))
def test_theme_reads_no_string_paths(path):
    found = [n for n, line in enumerate(path.read_text("utf-8").splitlines(), 1)
             if STRING_PATH.search(line)]
    assert found == [], f"{path.relative_to(SRC)}: string-path theme reads on lines {found}"


def _chains(tree: ast.AST) -> list[tuple[int, list[str]]]:
    """Attribute names read after ``.sections`` (``theme.sections.booklet.grid.min_size``
    gives [booklet, grid, min_size]), outermost chains only."""
    out = []
    inner_ids = {id(n.value) for n in ast.walk(tree) if isinstance(n, ast.Attribute)}
    for node in ast.walk(tree):
        if not isinstance(node, ast.Attribute) or id(node) in inner_ids:
            continue
        names, inner = [], node
        while isinstance(inner, ast.Attribute):
            names.append(inner.attr)
            inner = inner.value
        names.reverse()
        if "sections" in names[:-1]:
            out.append((node.lineno, names[names.index("sections") + 1:]))
    return out


def _walk(cls: type, names: list[str]) -> str | None:
    """None when ``names`` are fields (or properties) down the schema from ``cls``; else
    the first name that is not."""
    for name in names:
        if cls is None or not dataclasses.is_dataclass(cls):
            return None  # past a leaf (a dict's .items(), a float's .is_integer())
        fields = {f.name: f for f in dataclasses.fields(cls)}
        if name in fields:
            spec = fields[name].metadata.get("spec")
            cls = spec.section if spec is not None and spec.kind == "section" else None
        elif isinstance(getattr(cls, name, None), (property, functools.cached_property)):
            cls = None
        else:
            return name
    return None


@pytest.mark.parametrize("path", OUTSIDE_THEME, ids=lambda p: str(p.relative_to(SRC)))
def test_theme_reads_name_fields_of_the_schema(path):
    tree = ast.parse(path.read_text("utf-8"))
    wrong = [(line, ".".join(names)) for line, names in _chains(tree)
             if _walk(schema.ThemeSections, names) is not None]
    assert wrong == [], f"{path.relative_to(SRC)}: not in the theme schema: {wrong}"


def test_theme_reads_checker_finds_a_misspelt_key():
    tree = ast.parse("x = theme.sections.signage.margn\ny = theme.sections.booklet.grid.pad")
    bad = [_walk(schema.ThemeSections, names) for _, names in _chains(tree)]
    assert bad == ["margn", None]


def test_theme_numbers_are_floats_and_styles_typed():
    from printprog.theme import TextStyle, load_theme

    sections = load_theme("default").sections
    assert isinstance(sections.signage.qr_min, float)  # 35 in the YAML
    assert isinstance(sections.text["body"], TextStyle)
    assert sections.signage.text["break"].font.startswith("Sans")
