"""An event for everyone is one band across the grid's columns: it names its whole panel,
and on wide paper it wraps at a reading measure."""

from __future__ import annotations

from conftest import KVM
from printprog.importers import load
from printprog.layout.grid.cells import band_lines
from printprog.layout.grid.style import GridStyle
from printprog.theme import load_theme

THEME = load_theme()
STYLE = GridStyle.from_theme(THEME, THEME.sections.booklet.grid)


def _panel():
    conf = load(KVM)
    return conf, next(s for s in conf.sessions if s.title.startswith("Keynote Panel: OVA"))


def test_grid_band_names_every_panellist():
    conf, panel = _panel()
    text = " ".join(line.text for line in band_lines(conf, panel, STYLE, 1000.0, 0)[0])
    for name in ("Will Auld", "Fernando Luis Vazquez Cao", "Patrick Fitzgerald",
                 "Adam Jollans"):
        assert name in text
    assert "more" not in text


def test_grid_band_wraps_at_a_reading_measure_on_wide_paper():
    conf, panel = _panel()
    lines = band_lines(conf, panel, STYLE, 2000.0, 0)[0]  # wider than any A4 spread
    assert len(lines) >= 2
    assert max(len(line.text) for line in lines) <= 95
