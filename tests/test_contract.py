"""The product contract: every registered product builds through one signature, and
printprog.render makes its files print-ready (the README's Python API example runs)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pikepdf
import pytest

from conftest import MINI, ROOT
from pdfcheck import page_texts
from printprog import products
from printprog.core.units import mm
from printprog.importers import load
from printprog.production.rewrite import embedded_report
from printprog.render import Options, Production, render
from printprog.theme.loader import load_theme


def test_registry_lists_every_product_and_each_keeps_the_contract():
    assert products.names() == ["booklet", "signage", "poster", "badges", "changes",
                                "chair"]
    for name in products.names():
        product = products.get(name)
        assert product.name == name and callable(product.build)


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
