"""Hardening round 2 (issue #19 item 17): 100,000 attendees took 1.1 GB, because reportlab
keeps every page of a canvas until it saves. A run of more than SHEETS_PER_PART sheets is
now drawn part by part and joined (parallel.in_parts). Here the part size is made tiny so a
few badges cross several parts; the PDF must be what one canvas would have drawn: every
badge, in order, on the same pages, with a bookmark per sheet. (Measured by hand: 20,000
attendees 270 MB -> 175 MB peak; see the commit for 100,000.)"""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest

import synthetic
from printprog.cli import main
from printprog.products.badges import product as badges

from .harness import Event


def _pages(path: Path) -> list[str]:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path))
    try:
        return [" ".join(doc[i].get_textpage().get_text_range().split())
                for i in range(len(doc))]
    finally:
        doc.close()


@pytest.fixture(scope="module")
def event(tmp_path_factory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("stream")
    data = Event().write(folder / "data")
    people = folder / "attendees.csv"
    people.write_text(synthetic.attendees_csv(37), encoding="utf-8")
    return data, people


def _run(event, out: Path, *extra: str) -> int:
    data, people = event
    return main(["badges", "--data", str(data), "--attendees", str(people), "--out", str(out),
                 *extra])


def test_badges_in_parts_equal_one_canvas(event, tmp_path, monkeypatch, capsys):
    whole, parts = tmp_path / "whole.pdf", tmp_path / "parts.pdf"
    assert _run(event, whole, "--duplex") == 0
    monkeypatch.setattr(badges, "SHEETS_PER_PART", 3)  # 40 badges, 4 a sheet: 4 parts
    assert _run(event, parts, "--duplex") == 0
    capsys.readouterr()
    assert _pages(parts) == _pages(whole)
    with pikepdf.open(whole) as a, pikepdf.open(parts) as b:
        assert len(b.pages) == len(a.pages) > 6
        with a.open_outline() as oa, b.open_outline() as ob:
            assert [i.title for i in ob.root] == [i.title for i in oa.root] != []
    assert not list(tmp_path.glob("printprog-parts-*")), "part files left behind"


def test_badges_in_parts_and_streamed_production_equal_one_canvas(event, tmp_path, monkeypatch,
                                                                  capsys):
    """The whole 100,000-badge path in small: parts joined by pdfjoin, then print production
    streamed (restream, from STREAM_PAGES pages); the pages and bookmarks of one canvas with
    the in-memory print production, and a valid file."""
    from pdfcheck import qpdf_check
    from printprog.production import rewrite as production
    from printprog.production import stream as restream

    whole, parts = tmp_path / "whole.pdf", tmp_path / "parts.pdf"
    assert _run(event, whole) == 0
    monkeypatch.setattr(badges, "SHEETS_PER_PART", 3)
    monkeypatch.setattr(production, "STREAM_PAGES", 2)
    streamed = []
    real = restream.rewrite_file
    monkeypatch.setattr(restream, "rewrite_file", lambda *a: streamed.append(a) or real(*a))
    assert _run(event, parts) == 0
    assert len(streamed) == 1
    capsys.readouterr()
    assert _pages(parts) == _pages(whole)
    assert qpdf_check(parts)[0] == 0
    with pikepdf.open(whole) as a, pikepdf.open(parts) as b:
        assert len(b.pages) == len(a.pages) > 6
        assert [p.trimbox for p in b.pages] == [p.trimbox for p in a.pages]
        assert str(b.docinfo["/PrintprogReport"]) == str(a.docinfo["/PrintprogReport"])
        assert b.Root.AF[0].F == "printprog-source.yaml"
        with a.open_outline() as oa, b.open_outline() as ob:
            assert [i.title for i in ob.root] == [i.title for i in oa.root] != []


def test_badges_parts_hold_at_most_so_many_badges():
    """A part's memory is its badges' drawing: 4 a sheet keeps 500 sheets a part (2,000
    badges), 10 cards a sheet 200 sheets (2,000 badges, not 5,000: 100,000 cards peaked at
    227 MB), and a sheet of more badges than a part's share is a part of its own."""
    assert [badges._part_sheets(n) for n in (1, 4, 8, 10, 2000, 2500)] == [500, 500, 250,
                                                                            200, 1, 1]


def test_badges_ten_up_run_is_drawn_in_parts_of_its_share(event, tmp_path, monkeypatch):
    from printprog.pdf import parallel

    sizes = []
    in_parts = parallel.in_parts

    def spy(write, sheets, per_part, *args):
        sizes.append((sheets, per_part))
        return in_parts(write, sheets, per_part, *args)

    monkeypatch.setattr(parallel, "in_parts", spy)
    monkeypatch.setattr(badges, "BADGES_PER_PART", 20)  # 2 sheets of 10 cards a part
    assert _run(event, tmp_path / "cards.pdf", "--sheet", "86x54-10up") == 0
    assert sizes and sizes[0][1] == 2
