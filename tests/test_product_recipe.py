"""The README's "Adding a product" recipe, followed once: a throwaway product (a one-page
flyer) declared in this file as one Product with its typed Options and one command-line
option, registered for these tests only, is built through :func:`printprog.render.render`
and through the CLI like the bundled six: print production, embedded report and schedule,
its own subcommand and option, and --preflight as a step of the run.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pikepdf
import pytest

from conftest import MINI, ROOT
from pdfcheck import page_texts
from printprog import products
from printprog.cli import main
from printprog.core.report import Report
from printprog.core.units import mm, paper
from printprog.importers import load
from printprog.pdf.atomic import atomic_output
from printprog.pdf.embedded import read
from printprog.pdf.writer import Meta, new_canvas
from printprog.production.rewrite import embedded_report
from printprog.products.base import Options as CommonOptions
from printprog.products.base import Output, Product, argument
from printprog.render import PreflightFailed, Production, render
from printprog.theme.loader import load_theme

OLD = b"%PDF-1.4\n% the flyer printed last week\n%%EOF\n"


@dataclasses.dataclass(frozen=True)
class FlyerOptions(CommonOptions):
    headline: str = "Welcome"
    #: "Helvetica" is reportlab's own, not embedded: a preflight error (the failing step).
    font: str = "Sans"


class Flyer(Product):
    name = "flyer"
    help = "a one-page flyer"
    out = "output/flyer.pdf"
    paper = "a6"
    Options = FlyerOptions
    arguments = (argument("--headline", default="Welcome", help="the flyer's big line"),
                 argument("--font", default="Sans", help="font of the headline"))

    def build(self, conference, theme, options: FlyerOptions, out: Path) -> Output:
        from printprog.draw import fonts

        width, height = paper(options.paper or "a6")
        with atomic_output(out) as tmp:
            canvas = new_canvas(tmp, (width, height), Meta(conference.name, "printprog",
                                                           "flyer"))
            if options.font == "Sans":
                fonts.draw(canvas, mm(10), height - mm(20), options.headline, "Sans", 18)
            else:
                canvas.setFont(options.font, 18)
                canvas.drawString(mm(10), height - mm(20), options.headline)
            fonts.draw(canvas, mm(10), height - mm(30), conference.name, "Sans", 10)
            canvas.showPage()
            canvas.save()
        return Output([out], Report(), summary="1 page")

    def said(self, output: Output, out: Path) -> list[str]:
        return [f"wrote {out}: {output.summary}"]


@pytest.fixture
def flyer(monkeypatch):
    """The flyer in the registry for one test (the registry is a plain dict)."""
    monkeypatch.setitem(products.REGISTRY, "flyer", Flyer())
    return products.get("flyer")


def test_recipe_product_renders_print_ready_through_render(flyer, tmp_path):
    out = tmp_path / "flyer.pdf"
    conf = load(MINI)
    output = render("flyer", conf, load_theme(), FlyerOptions(headline="Doors open 9:00"),
                    out, Production(bleed_mm=3, crop_marks=True))
    assert output.paths == [out]
    texts = page_texts(out)
    assert len(texts) == 1 and "Doors open 9:00" in texts[0] and conf.name in texts[0]
    with pikepdf.open(out) as pdf:
        trim = [float(v) for v in pdf.pages[0].trimbox]
        bleed = [float(v) for v in pdf.pages[0].obj.BleedBox]
        assert round(trim[0] - bleed[0], 2) == round(mm(3), 2)
        assert round(trim[2] - trim[0], 1) == round(mm(105), 1)  # a6 by default
        assert embedded_report(pdf)["product"] == "flyer"
    assert b"Doors open" not in read(out) and conf.name.encode() in read(out)


def test_recipe_product_gets_its_subcommand_and_option(flyer, tmp_path, capsys):
    out = tmp_path / "flyer.pdf"
    assert main(["flyer", "--data", str(MINI), "--headline", "Lunch at noon", "--paper",
                 "a5", "--out", str(out)]) == 0
    assert capsys.readouterr().out == f"wrote {out}: 1 page\n"
    assert "Lunch at noon" in page_texts(out)[0]
    with pikepdf.open(out) as pdf:
        x0, _, x1, _ = (float(v) for v in pdf.pages[0].trimbox)
        assert round(x1 - x0, 1) == round(mm(148), 1)
    with pytest.raises(SystemExit):
        main(["flyer", "--help"])
    assert "--headline HEADLINE" in capsys.readouterr().out


def test_recipe_product_common_options_widen_to_its_own(flyer, tmp_path):
    """render() takes the common Options for any product: the product's defaults fill the
    rest (what callers of the bundled six wrote before the products had Options of their
    own)."""
    out = tmp_path / "flyer.pdf"
    render("flyer", load(MINI), load_theme(), CommonOptions(paper="a5"), out)
    assert "Welcome" in page_texts(out)[0]


def test_failed_preflight_replaces_nothing_through_render(flyer, tmp_path):
    """Issue #27 item 1: the preflight is a step inside the run's transaction."""
    out = tmp_path / "flyer.pdf"
    out.write_bytes(OLD)
    with pytest.raises(PreflightFailed) as failed:
        render("flyer", load(MINI), load_theme(), FlyerOptions(font="Helvetica"), out,
               preflight=True)
    assert out.read_bytes() == OLD
    assert [p.name for p in tmp_path.iterdir()] == ["flyer.pdf"]  # no temporary left
    (result,) = failed.value.results
    assert result.errors == ["font Helvetica is not embedded: the printer may substitute it"]
    assert str(failed.value) == (f"{out}: preflight found 1 error; nothing was written, "
                                 "the previous files are left as they were")


def test_failed_preflight_on_the_cli_exits_1_and_keeps_the_old_file(flyer, tmp_path,
                                                                    capsys):
    out = tmp_path / "flyer.pdf"
    out.write_bytes(OLD)
    assert main(["flyer", "--data", str(MINI), "--font", "Helvetica", "--preflight",
                 "--out", str(out)]) == 1
    stdout, err = capsys.readouterr()
    assert out.read_bytes() == OLD
    assert "error: font Helvetica is not embedded" in stdout and "result: failed" in stdout
    assert err == (f"error: {out}: preflight found 1 error; nothing was written, the "
                   "previous files are left as they were\n")
    # Passed, the same run replaces the file and shows the preflight.
    assert main(["flyer", "--data", str(MINI), "--preflight", "--out", str(out)]) == 0
    assert out.read_bytes() != OLD and "result: passed" in capsys.readouterr().out


def test_readme_recipe_names_what_this_test_did():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    recipe = text[text.index("## Adding a product"):]
    for step in ("PRODUCT", "Options", "arguments", "products.REGISTRY", "templates/default.yaml",
                 "theme/schema.py", "tests/products/"):
        assert step in recipe, step
