"""A 1,000-event frab export with the mess big exports have, in 70 rooms over two days
(tests/synthetic.py ``frab_export``), through ``printprog booklet`` once: its warnings are a
few summarised lines (issue #13: fewer than 60), and every event it kept is printed in full,
in its day's grid and on the talk pages, read back from the PDF."""

from __future__ import annotations

import contextlib
import io
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pypdfium2 as pdfium
import pytest

import synthetic
from pdfcheck import squash
from printprog.cli import main


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Path, str]:
    folder = tmp_path_factory.mktemp("big")
    xml = folder / "schedule.xml"
    xml.write_text(synthetic.frab_export(), encoding="utf-8")
    out = folder / "booklet.pdf"
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        assert main(["booklet", "--data", str(xml), "--out", str(out)]) == 0
    return xml, out, err.getvalue()


def _events(xml: Path) -> tuple[list[tuple[str, str]], int]:
    """(day, title as printed) of each event the importer keeps; how many it skips."""
    kept, skipped = [], 0
    for day in ET.parse(xml).getroot().iter("day"):
        for event in day.iter("event"):
            if event.findtext("duration") == "soon" or "T25:" in event.findtext("date"):
                skipped += 1
                continue
            title = " ".join(event.findtext("title").replace("_x000D_", " ").split())
            kept.append((day.get("date"), title))
    return kept, skipped


def test_a_thousand_event_export_warns_in_a_few_lines(built):
    xml, _, err = built
    kept, skipped = _events(xml)
    assert len(kept) + skipped == 1000 and skipped > 10
    lines = err.splitlines()
    warnings = [ln for ln in lines if ln.startswith("warning:")]
    assert 2 <= len(warnings) < 60, err
    counts = [int(m[1]) for ln in warnings if (m := re.match(r"warning: (\d+) times: ", ln))]
    assert sum(counts) == skipped, err  # each skipped event counted, in two summary lines
    assert all("--verbose lists all" in ln for ln in warnings if " times: " in ln)


def test_every_kept_event_is_printed_in_its_grid_and_on_the_talk_pages(built):
    xml, pdf, _ = built
    kept, _ = _events(xml)
    doc = pdfium.PdfDocument(pdf)
    texts = [doc[i].get_textpage().get_text_range() for i in range(len(doc))]
    grids: dict[str, str] = {}
    talks = []
    for text in texts:
        head = text[-80:]  # the running head is drawn last
        if "\u00b7 at a glance" in head:
            day = re.search(r"day (\d+) August", head)[1]
            grids[day] = grids.get(day, "") + squash(text)
        elif "\u00b7 talks" in head:
            talks.append(squash(text))
    assert set(grids) == {"20", "21"}  # both days have a grid
    talk_text = "".join(talks)
    missing_grid = [t for d, t in kept if squash(t) not in grids[str(int(d[-2:]))]]
    missing_talk = [t for _, t in kept if squash(t) not in talk_text]
    assert missing_grid == [] and missing_talk == []
