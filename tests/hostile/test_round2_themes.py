"""Hardening round 2 (issue #19 item 7): hostile themes. A font named ``/etc/passwd`` was a
ValueError traceback; a size or leading of 1e9, margins of 200 mm or ``qr_size: 500`` were
LayoutError tracebacks or pages of nothing; Helvetica was used unembedded. Themes are now
checked as they are read (theme_schema.py): each case is one error line naming the theme
file, line and key and what to use instead, exit 1, the previous output left alone.

Every case runs through each product of the registry (each takes a theme), each with its
own theme file (in the data folder) whose bad key is one that product reads; a product that
draws no QR code has no QR case. A product added to the registry without its keys below
fails test_round2_themes_name_keys_of_every_product.

fail at 5ccdb15 (e3d5a58~1): 55 of 57 (25 exit 0 where an error was due, 22 tracebacks, 2 hung
past 60 s, 6 errors without line or key); at 07f38fa: 11 of 57 (a real .ttf next to the theme:
tracebacks; a .ttf reached by ../../ read and embedded; the not-a-mapping wording).
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from .harness import PRODUCTS as COMMANDS
from .harness import (
    Case,
    Event,
    check_tree_untouched,
    module_batch,
    params,
    product_names,
    verify,
)

FONT = Path(__file__).parents[2] / "fonts" / "DejaVuSans.ttf"
PRODUCTS = product_names()

#: product -> the theme key of a text style that product draws with (badges draw with the
#: layout's fonts: the theme's own text styles are checked at load all the same).
TEXT_KEY = {"booklet": ("text", "body"), "signage": ("signage", "title"),
            "poster": ("poster", "text", "event"), "badges": ("text", "body"),
            "changes": ("changes", "text", "title"), "chair": ("chair", "text", "title")}
#: product -> (section, key) of its margin, and of its QR code side.
MARGIN_KEY = {"booklet": ("booklet", "margins", "inside"), "signage": ("signage", "margin"),
              "poster": ("poster", "margin"), "badges": ("badges", "safe"),
              "changes": ("changes", "margin"), "chair": ("chair", "margin")}
QR_KEY = {"booklet": ("booklet", "qr_size"), "signage": ("signage", "qr_size"),
          "poster": ("poster", "qr_size"), "badges": ("badges", "qr_side_min"),
          "changes": ("changes", "qr_size")}  # the chair kit prints no QR code
#: product -> a length with no upper limit of its own in the old code.
GAP_KEY = {"booklet": ("booklet", "head_gap"), "signage": ("signage", "band"),
           "poster": ("poster", "band"), "badges": ("badges", "band_inset"),
           "changes": ("changes", "gap"), "chair": ("chair", "gap")}
#: The products whose section has a paper (badges: sheets of their own).
PAPER = {"booklet", "signage", "poster", "changes", "chair"}


def _nest(keys: tuple[str, ...], value: str, extra: str = "") -> str:
    """``keys`` as nested YAML ending in ``value`` (``extra`` lines go in the first
    section, e.g. its paper)."""
    lines = []
    for depth, key in enumerate(keys[:-1]):
        lines.append("  " * depth + f"{key}:")
        if depth == 0 and extra:
            lines.append("  " + extra)
    lines.append("  " * (len(keys) - 1) + f"{keys[-1]}: {value}")
    return "\n".join(lines) + "\n"


def _theme(body: Callable[[str], str] | str, prepare=None, raw: bool = False,
           products: tuple[str, ...] = PRODUCTS, **kwargs) -> Case:
    """A case: the standard event with a theme file per product in its data folder,
    ``extends: default`` and ``body(product)``; ``prepare(case folder)`` puts files in
    place."""
    case_id = kwargs.pop("id")

    def build(folder: Path) -> Path:
        data = Event().write(folder / "data")
        if prepare:
            prepare(folder)
        for product in products:
            text = body(product) if callable(body) else body
            (data / f"theme-{product}.yaml").write_text(
                text if raw else "extends: default\n" + text, encoding="utf-8")
        return data

    extra = {p: (lambda folder, p=p: ["--theme", str(folder / "data" / f"theme-{p}.yaml")])
             for p in products}
    return Case(case_id, build, products=products, extra=extra, **kwargs)


def _text(font: str, size: str, leading: str) -> Callable[[str], str]:
    return lambda p: _nest(TEXT_KEY[p], f"[{font}, {size}, {leading}]")


def _error_case(case_id: str, body, pattern: str, prepare=None, **kwargs) -> Case:
    """A theme that must be refused: one error line ``theme-PRODUCT.yaml:LINE:COL: KEY:
    pattern``, nothing written."""
    located = r"theme-\w+\.yaml:\d+:\d+: [\w.]+: " + pattern
    products = kwargs.pop("products", PRODUCTS)
    return _theme(body, prepare, id=case_id, expect="error", errors=(located,),
                  products=products, then={p: _refused for p in products}, **kwargs)


def _refused(run) -> None:
    """One error line (warnings about the data may come first), and the output folder holds
    exactly what the previous run left: nothing new was written."""
    errors = run.errors()
    assert len(errors) == 1, run.describe()
    product = run.product
    assert f"theme-{product}.yaml" in errors[0], run.describe()
    assert [p.name for p in run.out.iterdir()] == [COMMANDS[product][1]], run.describe()
    if product == "signage":
        assert [p.name for p in (run.out / "signage").iterdir()] == ["all-rooms.pdf"]


def _fake_font(folder: Path) -> None:
    (folder / "data" / "Brand.ttf").write_text("This is a text file renamed .ttf.\n" * 20)


def _font_outside(folder: Path) -> None:
    """A real TrueType font outside the data folder, so only confinement refuses it (the
    harness fails any run that opens anything in ``outside``)."""
    shutil.copyfile(FONT, folder.parent / "outside" / "Brand.ttf")


def _real_font(folder: Path) -> None:
    shutil.copyfile(FONT, folder / "data" / "Brand.ttf")


def _embeds_brand(run) -> None:
    """The theme's own font is used, and embedded (a FontFile2 stream of DejaVu Sans)."""
    out = run.out / COMMANDS[run.product][1]
    pdfs = sorted(out.glob("*.pdf")) if out.is_dir() else [out]
    data = b"".join(p.read_bytes() for p in pdfs)
    if run.product != "badges":  # badges draw with the layout's fonts, not the theme's
        assert re.search(rb"/BaseFont /\w+\+DejaVuSans", data), run.describe()
    assert b"/Helvetica" not in data, run.describe()


CASES: list[Case] = [
    _theme(_text("Brand.ttf", "9", "1.3"), _real_font, id="font-file-ok",
           then={p: _embeds_brand for p in PRODUCTS}),
    _error_case("font-etc-passwd", _text("/etc/passwd", "9", "1.3"),
                r"unknown font '/etc/passwd'; use Sans"),
    _error_case("font-text-renamed-ttf", _text("Brand.ttf", "9", "1.3"),
                r"font file .*Brand\.ttf is not a TrueType font", _fake_font),
    _error_case("font-climbs-out", _text("../../outside/Brand.ttf", "9", "1.3"),
                r"font file '\.\./\.\./outside/Brand\.ttf' is outside the theme's folder",
                _font_outside),
    _error_case("font-helvetica", _text("Helvetica", "9", "1.3"),
                r"unknown font 'Helvetica'.*every font is embedded"),
    _error_case("size-1e9", _text("Sans", "1.0e9", "1.3"),
                r"size 1e\+09 pt is out of range; use 3 to 200"),
    _error_case("leading-1e9", _text("Sans", "9", "1.0e9"),
                r"leading 1e\+09 is out of range; use 0\.8 to 3"),
    _error_case("size-negative", _text("Sans", "-9", "1.3"),
                r"size -9 pt is out of range; use 3 to 200"),
    _error_case("size-zero", _text("Sans", "0", "1.3"),
                r"size 0 pt is out of range; use 3 to 200"),
    _error_case("margins-200-on-a4",
                lambda p: _nest(MARGIN_KEY[p], "200",
                                "paper: a4" if p in PAPER else ""),
                r"200 is out of range; use \d+ to \d+ mm"),
    _error_case("qr-size-500", lambda p: _nest(QR_KEY[p], "500"),
                r"500 is out of range; use \S+ to \d+ mm",
                products=tuple(p for p in PRODUCTS if p in QR_KEY)),
    _error_case("number-1e400", lambda p: _nest(GAP_KEY[p], "1.0e400"),
                r"inf is out of range; use 0 to \d+ mm"),
    _error_case("number-1e400-unquoted", lambda p: _nest(GAP_KEY[p], "1e400"),
                r"must be a number of mm, not '1e400'"),
    _theme("- booklet\n- signage\n", raw=True, id="not-a-mapping", expect="error",
           errors=(r"theme-\w+\.yaml:1:1: a theme must be a mapping of keys, e\.g\. "
                   r"'extends: default'",), then={p: _refused for p in PRODUCTS}),
]


@pytest.fixture(scope="module")
def batch(request, hostile_root):
    return module_batch(request, hostile_root, CASES)


@pytest.mark.parametrize("case, product", params(CASES))
def test_round2_themes(batch, case: Case, product: str):
    verify(batch, case, product)


def test_round2_themes_name_keys_of_every_product():
    """Every product of the registry has its keys here: a new product is tested too."""
    for table in (TEXT_KEY, MARGIN_KEY, GAP_KEY):
        assert sorted(table) == sorted(PRODUCTS)
    assert set(QR_KEY) <= set(PRODUCTS)


def test_round2_themes_touch_nothing_outside_output(batch):
    check_tree_untouched(batch)
