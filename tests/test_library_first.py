"""Library first (issue #26 item 5): saddle imposition, signs changed since a printed PDF,
the changes sheet and a badge sheet's calibration page are each one
:func:`printprog.render.render` call with the product's typed Options; the CLI only wires
them (tests/test_impose.py, tests/products/test_changes.py test the commands)."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pikepdf
import pytest

from conftest import MINI
from pdfcheck import page_texts
from printprog import products
from printprog.core.errors import PrintprogError
from printprog.core.units import mm
from printprog.importers import load
from printprog.pdf.embedded import read
from printprog.production.rewrite import embedded_report
from printprog.render import Production, render
from printprog.theme.loader import load_theme

Booklet = products.get("booklet").Options
Signage = products.get("signage").Options
Badges = products.get("badges").Options
Changes = products.get("changes").Options


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> Path:
    """The mini event's booklet as printed."""
    out = tmp_path_factory.mktemp("printed") / "booklet.pdf"
    render("booklet", load(MINI), load_theme(), Booklet(), out)
    return out


def _moved() -> object:
    """The mini event with talk t2 (Small Room, 6 May, 10:00) moved a day on, same room."""
    conf = load(MINI)
    day = timedelta(days=1)
    return replace(conf, sessions=tuple(
        replace(s, start=s.start + day, end=s.end + day) if s.id == "t2" else s
        for s in conf.sessions))


def test_render_impose_saddle_writes_print_ready_spreads(tmp_path):
    out = tmp_path / "booklet.pdf"
    output = render("booklet", load(MINI), load_theme(), Booklet(impose="saddle"), out,
                    Production(bleed_mm=3, crop_marks=True))
    spreads = tmp_path / "booklet-saddle.pdf"
    assert output.paths == [out, spreads]
    with pikepdf.open(out) as booklet, pikepdf.open(spreads) as doc:
        # Cover, contents, two days of glance + talks, speakers, venues (8), the back cover
        # (9), notes to a multiple of 4: 12 pages, 3 sheets of 2 sides.
        assert len(booklet.pages) == 12 and len(doc.pages) == 6
        x0, _, x1, _ = (float(v) for v in doc.pages[0].trimbox)
        assert round(x1 - x0, 1) == round(2 * mm(148), 1)  # two A5 pages side by side
        bleed = [float(v) for v in doc.pages[0].obj.BleedBox]
        assert round(x0 - bleed[0], 2) == round(mm(3), 2)
        assert embedded_report(doc)["product"] == "booklet-saddle"
    assert read(spreads) == read(out)  # the spreads carry the booklet's schedule


def test_render_impose_out_elsewhere_and_not_onto_the_booklet(tmp_path):
    out, elsewhere = tmp_path / "b.pdf", tmp_path / "print" / "spreads.pdf"
    output = render("booklet", load(MINI), load_theme(),
                    Booklet(impose="saddle", impose_out=elsewhere), out)
    assert output.paths == [out, elsewhere]
    output = render("booklet", load(MINI), load_theme(),
                    Booklet(impose="saddle", impose_out=out), out)
    assert output.paths == [out, tmp_path / "b-saddle.pdf"]  # the booklet is kept


def test_render_impose_out_without_impose_is_one_line(tmp_path):
    with pytest.raises(PrintprogError, match=r"^--impose-out names where the spreads go: "
                                             r"add --impose saddle$"):
        render("booklet", load(MINI), load_theme(), Booklet(impose_out=tmp_path / "x.pdf"),
               tmp_path / "b.pdf")
    assert list(tmp_path.iterdir()) == []


def test_render_changed_since_writes_only_the_changed_signs(printed, tmp_path):
    """The Small Room's only talk on Monday moved to Tuesday: Tuesday's sign is reprinted,
    Monday's comes down (no file, a line saying so)."""
    out = tmp_path / "signs"
    output = render("signage", _moved(), load_theme(), Signage(changed_since=printed), out)
    tuesday = out / "small-room-2030-05-07.pdf"
    assert output.paths == [tuesday]
    assert list(out.iterdir()) == [tuesday]
    assert output.lines == ["Small Room, Monday 6 May 2030: no sessions left; take its sign "
                            "down", str(tuesday)]
    assert "Notes on the Engine" in " ".join(page_texts(tuesday))


def test_render_changed_since_one_day_only(printed, tmp_path):
    from datetime import date

    out = tmp_path / "signs"
    output = render("signage", _moved(), load_theme(),
                    Signage(changed_since=printed, day=date(2030, 5, 7)), out)
    assert output.paths == [out / "small-room-2030-05-07.pdf"]


def test_render_changed_since_nothing_changed_writes_nothing(printed, tmp_path):
    out = tmp_path / "signs"
    output = render("signage", load(MINI), load_theme(), Signage(changed_since=printed), out)
    assert (output.paths, output.lines) == ([], ["no changes: no signs to reprint"])
    assert not out.exists()


def test_render_changes_since_lists_the_move(printed, tmp_path):
    output = render("changes", _moved(), load_theme(), Changes(since=printed),
                    tmp_path / "changes.pdf")
    assert output.lines[0].splitlines()[0] == "Changes since the programme was printed: 1"
    assert output.lines[0].splitlines()[1].startswith("moved: Notes on the Engine - ")


def test_render_calibrate_needs_no_event_and_embeds_none(tmp_path):
    out = tmp_path / "cal.pdf"
    output = render("badges", None, load_theme(),
                    Badges(calibrate=True, sheet="86x54-10up", offset=(-1.0, 2.0)), out)
    assert output.summary == "calibration page of 86x54-10up"
    assert "offset -1, 2 mm" in " ".join(page_texts(out))
    with pikepdf.open(out) as doc:
        assert embedded_report(doc)["product"] == "badges"
    with pytest.raises(PrintprogError):  # a calibration page carries no schedule
        read(out)


def test_render_badges_without_an_event_is_one_line(tmp_path):
    with pytest.raises(PrintprogError, match=r"^badges: no event given to print$"):
        render("badges", None, load_theme(), Badges(), tmp_path / "b.pdf")


def test_render_refuses_another_product_options(tmp_path):
    with pytest.raises(PrintprogError, match=r"^options of type Options are not "
                                             r"printprog\.products\.booklet\.options\.Options"):
        render("booklet", load(MINI), load_theme(), Badges(), tmp_path / "b.pdf")
