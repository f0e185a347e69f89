"""The bench's own rules: its imports point one way (common <- run, peers, the peers'
documents), CI's ``bench/run.py --quick`` loads no peer, and the Typst peer's document
(bench/peer_typst.py) sets every title as text, spans a long talk over its rows, and prints
the page each talk's entry is on.

The Typst document is compiled only where the optional ``bench`` extra is installed.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from conftest import ROOT
from printprog.schedule.model import Conference, Kind, Room, Session, Speaker
from test_layers import cycles

BENCH = ROOT / "bench"
sys.path.insert(0, str(BENCH))
import peer_typst  # noqa: E402  (bench/ is not a package: its scripts import by name)


def bench_imports() -> dict[str, set[str]]:
    """bench module -> the bench modules it imports, anywhere in it (lazy ones included)."""
    names = {p.stem for p in BENCH.glob("*.py")}
    graph: dict[str, set[str]] = {}
    for path in BENCH.glob("*.py"):
        found = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.add(node.module.split(".")[0])
            elif isinstance(node, ast.Import):
                found.update(a.name.split(".")[0] for a in node.names)
        graph[path.stem] = found & names
    return graph


def test_bench_imports_point_one_way():
    graph = bench_imports()
    assert not cycles(graph), f"bench modules that import each other: {cycles(graph)}"
    assert graph["common"] == set()
    assert "common" in graph["run"] and "common" in graph["peers"]


def test_bench_run_quick_path_loads_no_peer():
    # What CI runs must not need the bench extra: importing run.py loads no peer module.
    code = ("import sys; sys.path.insert(0, sys.argv[1]); import run; "
            "print(sorted(m for m in ('peers', 'typst', 'weasyprint', 'peer_typst') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code, str(BENCH)], capture_output=True,
                         text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_typst_lit_escapes_quotes_backslashes_newlines():
    assert peer_typst.lit('a "b" \\c\nd') == '"a \\"b\\" \\\\c\\nd"'
    assert peer_typst.lit(None) == "none"
    assert peer_typst.lit(["x"]) == '("x",)'
    assert peer_typst.lit([["a", None], "b"]) == '(("a", none), "b")'


TITLE = "Sums *and* #hashes $x$ <a> @ref_ [b] \\ \"quoted\""


def small_conference() -> Conference:
    """Room A: one 90-minute talk; room B: two 45-minute talks beside it; then a break for
    everyone; enough abstract that the A to Z starts pages after the talks."""
    tz = ZoneInfo("Europe/Berlin")

    def at(h: int, m: int = 0) -> datetime:
        return datetime(2030, 5, 6, h, m, tzinfo=tz)

    words = ("Lorem ipsum dolor sit amet, consectetur adipiscing elit. " * 40).strip()
    sessions = (
        Session("long", TITLE, at(9), at(10, 30), "a", speakers=("s1",), abstract=(words,)),
        Session("b1", "First in B", at(9), at(9, 45), "b", speakers=("s2",), abstract=(words,)),
        Session("b2", "Second in B", at(9, 45), at(10, 30), "b", speakers=("s2",),
                abstract=(words,)),
        Session("brk", "Coffee", at(10, 30), at(11), "a", kind=Kind.BREAK),
    )
    return Conference(
        name="Bench Test Conference", short_name="BTC", start_date=date(2030, 5, 6),
        end_date=date(2030, 5, 6), timezone="Europe/Berlin",
        session_url="https://example.org/talk/{id}",
        rooms=(Room("a", "Room A", 0), Room("b", "Room B", 1)),
        speakers=(Speaker("s1", "Ada Lovelace", organisation="Engines"),
                  Speaker("s2", "Grace Hopper", bio=("Admiral.",))),
        sessions=sessions)


def test_typst_day_table_long_talk_spans_its_rows():
    from printprog.schedule.views import days

    conf = small_conference()
    (table,) = peer_typst.day_tables(conf, days(conf)[0], {"long": "t0", "b1": "t1",
                                                          "b2": "t2"})
    # Rows: header, 09:00, 09:45, 10:30. The 90-minute talk covers 09:00 and 09:45.
    assert "table.cell(x: 1, y: 1, rowspan: 2, cell(" in table
    assert 'table.cell(x: 2, y: 1, rowspan: 1, cell("First in B"' in table
    assert 'table.cell(x: 2, y: 2, rowspan: 1, cell("Second in B"' in table
    # The break is for everyone: both room columns, one row.
    assert 'table.cell(x: 1, y: 3, colspan: 2, rowspan: 1, fill: band, everyone("Coffee"' \
        in table


def test_typst_booklet_titles_as_text_and_page_references_true(tmp_path):
    typst = pytest.importorskip("typst")
    pdfium = pytest.importorskip("pypdfium2")
    conf = small_conference()
    source = peer_typst.document(conf)
    pdf_path = tmp_path / "typst.pdf"
    pdf_path.write_bytes(typst.compile(source.encode(), root=str(ROOT),
                                       font_paths=[str(ROOT / "fonts")],
                                       ignore_system_fonts=True))
    pdf = pdfium.PdfDocument(str(pdf_path))
    pages = [pdf[i].get_textpage().get_text_range().replace("\r\n", "\n")
             for i in range(len(pdf))]
    # The talk's entry: the only page with its time and room line.
    (entry,) = [i + 1 for i, t in enumerate(pages) if "09:00\u201310:30 \u00b7 Room A" in t]
    assert TITLE in pages[entry - 1]  # markup characters printed as they are
    (az,) = [t for t in pages if "Speakers A to Z" in t and "Ada Lovelace" in t]
    assert re.search(re.escape(TITLE) + r"[.\s]*" + str(entry) + r"\b", az)
    # Headings are bookmarks: the day's sections and the talk.
    toc = [item.get_title() for item in pdf.get_toc()]
    assert "Monday 6 May: at a glance" in toc and TITLE in toc and "Speakers A to Z" in toc
