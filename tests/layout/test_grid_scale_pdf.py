"""The day at a glance at conference scale, on paper: the booklets of FOSDEM 2025 (470
sessions a day), FOSDEM 2021 (a day of 87 rooms) and a synthetic 1,000-session 70-room event
hold each day's at-a-glance pages (grid and "Also today") to at most 12, print every title of
the day on them, use at least 35 % of every page but a day's last, and put no word outside
its cell, over another or off the page. Each booklet is built once per test session."""

from __future__ import annotations

import contextlib
import io
import unicodedata
from functools import cache
from pathlib import Path

import pdfplumber
import pytest

import synthetic
from conftest import FIXTURES
from pdfcheck import fast_texts, glance_faults, glance_words, glance_words_in, squash
from printprog.exporters.yaml_folder import write_folder
from printprog.importers import load
from printprog.layout import grid
from printprog.layout.grid.listing import GUTTER
from printprog.layout.pageref import PageRefs, reserve_digits
from printprog.products.booklet import grid as booklet_grid
from printprog.products.booklet import product as booklet
from printprog.schedule.views import days
from printprog.theme.loader import load_theme

THEME = load_theme()
STYLE = grid.GridStyle.from_theme(THEME, THEME.sections.booklet.grid)
GEOMETRY = booklet._geometry(THEME, None)
SAMPLES = FIXTURES / "samples" / "frab-xml"


@pytest.fixture(scope="module", params=["fosdem2025", "fosdem2021", "synthetic"])
def big(request, built, tmp_path_factory) -> tuple[Path, Path]:
    """(the data, its booklet)."""
    if request.param == "synthetic":
        source = tmp_path_factory.getbasetemp() / "synthetic-1000-70"
        if not source.exists():
            write_folder(synthetic.event(talks=1000, rooms=70, day_count=4), source)
    else:
        source = SAMPLES / f"{request.param}.xml"
    return source, built("booklet", "--data", str(source))


@cache
def _conf(source: Path):
    with contextlib.redirect_stderr(io.StringIO()):
        return load(source)


def _label(day) -> str:
    return f"{day.date:%A} {day.date.day} {day.date:%B}"




def _bare(text: str) -> str:
    """Squashed, without symbols such as an emoji and its variation selector: which glyph
    the text layer gives back for "❤️" is the importers' open question, not the grid's."""
    return "".join(ch for ch in squash(text)
                   if unicodedata.category(ch) not in ("So", "Mn", "Cf"))


def _pages_of(pdf: Path, day) -> list[int]:
    label = _label(day)
    return [i + 1 for i, t in enumerate(fast_texts(pdf)) if f"{label} \u00b7 at a glance" in t]


def test_grid_scale_pdf_at_most_twelve_glance_pages_a_day(big):
    source, pdf = big
    for day in days(_conf(source)):
        n = len(_pages_of(pdf, day))
        assert 1 <= n <= 12, (_label(day), n)


def test_grid_scale_pdf_every_title_on_the_days_glance_pages(big):
    """Read cell by cell (the grid's boxes as planned) and column by column (the list's
    columns): every session of the day has its whole title there."""
    source, pdf = big
    conf = _conf(source)
    refs = PageRefs(reserve_digits(len(conf.sessions)), {})
    title_h = booklet_grid.title_height(THEME)
    n = grid.listing.columns(GEOMETRY.text_width, STYLE)
    col_w = (GEOMETRY.text_width - GUTTER * (n - 1)) / n
    glance = glance_words(pdf)
    for day in days(conf):
        pages, _ = booklet_grid.day_pages(conf, day, STYLE, GEOMETRY, title_h,
                                             refs.width(STYLE.time.font, STYLE.time.size))
        numbers = _pages_of(pdf, day)
        texts = []
        for k, page in zip(numbers, pages, strict=False):
            x0 = GEOMETRY.frame_x(k)
            for b in (*page.top, *page.boxes):
                rect = (x0 + b.x, GEOMETRY.bottom + b.y, x0 + b.x + b.w,
                        GEOMETRY.bottom + b.y + b.h)
                texts.append(" ".join(w["text"] for w in glance_words_in(pdf, k, rect)))
        for k in numbers[len(pages) - 1:]:  # the list's pages (it may start under the grid)
            x0 = GEOMETRY.frame_x(k)
            for c in range(n):
                left = x0 + c * (col_w + GUTTER)
                column = sorted((w for w in glance[k][0]
                                 if left - 1 <= w["x0"] < left + col_w + GUTTER / 2),
                                key=lambda w: (round(w["top"]), w["x0"]))
                texts.append(" ".join(w["text"] for w in column))
        seen = "|".join(squash(t) for t in texts)
        missing = [s.title for s in day.sessions if _bare(s.title) not in _bare(seen)]
        assert not missing, (_label(day), len(missing), missing[:3])


def test_grid_scale_pdf_pages_use_their_height(big):
    """Every glance page but a day's last has words down to at least 35 % of its height
    (glance.py's measure: the lowest word above the folio)."""
    source, pdf = big
    glance = glance_words(pdf)
    height = GEOMETRY.page[1]
    for day in days(_conf(source)):
        numbers = _pages_of(pdf, day)
        for k in numbers[:-1]:
            low = max(w["bottom"] for w in glance[k][0] if w["top"] < height - 45)
            assert low >= 0.35 * height, (_label(day), k, low / height)


def test_grid_scale_pdf_no_word_outside_its_cell_over_another_or_off_the_page(big):
    source, pdf = big
    assert glance_faults(pdf, 5) == []  # the brief's safe area: 5 mm inside the trim
    numbers = [k for day in days(_conf(source)) for k in _pages_of(pdf, day)]
    with pdfplumber.open(pdf, pages=numbers) as doc:
        for k, p in zip(numbers, doc.pages, strict=True):
            boxes = [(c["x0"], c["top"], c["x1"], c["bottom"])
                     for c in list(p.curves) + list(p.rects)
                     if c["x1"] - c["x0"] > 30 and c["bottom"] - c["top"] > 8]
            if not boxes:
                continue
            top = min(b[1] for b in boxes)
            for w in p.extract_words():
                if w["top"] < top - 2 or w["top"] > p.height - 45:
                    continue
                cx, cy = (w["x0"] + w["x1"]) / 2, (w["top"] + w["bottom"]) / 2
                column = [b for b in boxes if b[0] - 1 <= cx <= b[2] + 1]
                assert not column or any(b[1] - 1 <= cy <= b[3] + 1 for b in column), \
                    (k, w["text"])
