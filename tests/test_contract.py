"""The product contract: every registered product is one declared Product (name, help,
theme section, command-line options, a frozen typed Options), builds through one signature,
and printprog.render makes its files print-ready (the README's Python API example runs).
Registry, CLI subcommand and theme sections are checked against the list of products."""

from __future__ import annotations

import dataclasses
import os
import re
from pathlib import Path

import pikepdf
import pytest

from conftest import MINI, ROOT
from pdfcheck import page_texts
from printprog import products
from printprog.cli import build_parser
from printprog.core.units import mm
from printprog.importers import load
from printprog.production.rewrite import embedded_report
from printprog.products.base import Options as CommonOptions
from printprog.products.base import Product
from printprog.render import Options, Production, render
from printprog.theme.loader import load_theme


def test_registry_lists_every_product_and_each_keeps_the_contract():
    assert products.names() == ["booklet", "signage", "poster", "badges", "changes",
                                "chair"]
    for name in products.names():
        product = products.get(name)
        assert isinstance(product, Product) and product.name == name
        assert product.help and product.out
        # Typed options: a frozen dataclass of its own, the common fields included.
        assert issubclass(product.Options, CommonOptions)
        assert product.Options.__dataclass_params__.frozen
        assert "extra" not in {f.name for f in dataclasses.fields(product.Options)}


def test_product_options_are_typed_fields_not_an_extra_dict():
    """Every product-only option is a field of that product's Options (issue #26: badges
    read 8 keys and changes 3 from an untyped ``extra`` dict)."""
    def own(name: str) -> set[str]:
        common = {f.name for f in dataclasses.fields(CommonOptions)}
        return {f.name for f in dataclasses.fields(products.get(name).Options)} - common

    assert own("badges") == {"sheet", "layout", "attendees", "columns", "with_speakers",
                             "duplex", "cut_marks", "calibrate", "offset", "event"}
    assert own("changes") == {"since", "as_of"}
    assert own("signage") == {"changed_since", "landscape"}
    assert own("booklet") == {"impose", "impose_out", "pages"}
    assert own("poster") == own("chair") == set()
    found = [str(p.relative_to(ROOT)) for p in (ROOT / "src").rglob("*.py")
             if re.search(r"options\.extra|extra\[", p.read_text(encoding="utf-8"))]
    assert found == []


def _subparser(name: str):
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    return sub.choices[name]


#: Options fields the command line fills another way: derived (with_speakers: --attendees
#: without --data; as_of: SOURCE_DATE_EPOCH or the clock), or declared for work not done
#: yet (pages: the page budget; event: the importers' --event).
NOT_FLAGS = {"with_speakers", "pages", "event", "as_of"}
#: Flags every product command has; --room and --all choose Options.rooms.
SHARED = {"help", "data", "verbose", "timezone", "language", "strict", "out", "theme",
          "bleed", "crop_marks", "colour", "pdfx", "preflight", "photos", "room",
          "all_rooms"}


@pytest.mark.parametrize("name", products.names())
def test_cli_subcommand_is_derived_from_the_product(name: str):
    """Each product has a subcommand; each of its own flags fills a field of its Options
    (a misspelt dest would be lost), and each field of the product's own is a flag."""
    product = products.get(name)
    dests = {a.dest for a in _subparser(name)._actions} - SHARED
    fields = {f.name for f in dataclasses.fields(product.Options)}
    common = {f.name for f in dataclasses.fields(CommonOptions)}
    assert dests <= fields
    assert fields - common - NOT_FLAGS <= dests
    assert ("paper" in dests) == (product.paper is not None)


@pytest.mark.parametrize("name", products.names())
def test_each_product_theme_section_is_in_the_schema_and_the_default_theme(name: str):
    from printprog.theme.schema import ThemeSections

    section = products.get(name).theme_section
    assert section == name  # each product of the bundled six has a section of its own
    assert section in {f.name for f in dataclasses.fields(ThemeSections)}
    assert re.search(rf"^{section}:$", (ROOT / "templates" / "default.yaml").read_text(
        encoding="utf-8"), re.MULTILINE)
    assert getattr(load_theme().sections, section) is not None


def test_unknown_product_is_one_line():
    with pytest.raises(Exception, match=r"^unknown product 'flyer'; use one of: booklet"):
        products.get("flyer")


@pytest.mark.parametrize("name", ["poster", "signage", "badges"])
def test_render_applies_print_production(tmp_path: Path, name: str):
    conf = load(MINI)
    out = tmp_path / (name if name == "signage" else f"{name}.pdf")
    output = render(name, conf, load_theme(), Options(), out,
                    Production(bleed_mm=3, crop_marks=True, cmyk=True))
    assert output.paths and all(p.is_file() for p in output.paths)
    for path in output.paths:
        with pikepdf.open(path) as pdf:
            page = pdf.pages[0]
            trim = [float(v) for v in page.trimbox]
            bleed = [float(v) for v in page.obj.BleedBox]
            assert round(trim[0] - bleed[0], 2) == round(mm(3), 2)
            report = embedded_report(pdf)
            assert report["product"] == name and report["colour"] == "cmyk"
        assert page_texts(path)


def test_the_readme_python_api_example_runs(tmp_path: Path):
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## Python API"):]
    code = re.search(r"```python\n(.*?)```", section, re.DOTALL).group(1)
    here = os.getcwd()
    (tmp_path / "data").symlink_to(ROOT / "data")
    os.chdir(tmp_path)
    try:
        exec(compile(code, "README.md", "exec"), {})
    finally:
        os.chdir(here)
    pdf = tmp_path / "output" / "poster-a3.pdf"
    with pikepdf.open(pdf) as doc:
        assert len(doc.pages) == 3  # KVM Forum: three days
        x0, y0, x1, y1 = (float(v) for v in doc.pages[0].trimbox)
        assert (round(x1 - x0), round(y1 - y0)) == (round(mm(297)), round(mm(420)))
        assert embedded_report(doc)["crop_marks"] is True
    # The library-first features the example shows: spreads, changed signs, calibration.
    with pikepdf.open(tmp_path / "output" / "booklet-saddle.pdf") as doc:
        assert embedded_report(doc)["product"] == "booklet-saddle"
        assert round(float(doc.pages[0].trimbox[2]) - float(doc.pages[0].trimbox[0])) == \
            round(2 * mm(148))  # two A5 pages side by side
    assert not (tmp_path / "output" / "changed").exists()  # nothing changed since
    assert "offset -1, 2 mm" in " ".join(page_texts(tmp_path / "output" / "calibrate.pdf"))
