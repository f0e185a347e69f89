"""The day at a glance as numbers: which session goes in which box on which page.

The grid's one job is that a reader finds every session of the day by time and room and can
read its full title, so text is never cut: the boxes grow to the text instead. Rows are the
stretches between consecutive start and end times; each gets at least its proportional
height and grows to fit the cells in it (an elastic time axis). Events far longer than the
day's talks go to an "all day" line above the grid; events for everyone span all columns;
sessions that overlap in one room sit side by side in its column. Rooms that do not fit one
page run across a facing spread, then further spreads; a day taller than the page continues
on the next one.

Everything here is geometry in points, testable without a PDF; :mod:`.draw` draws it.
Text is measured with :mod:`printprog.draw.fonts`, the metrics that draw it.
"""

from .cells import Line, band_lines, cell_lines, text_height, time_range
from .pages import Box, GridPage, Mark, plan
from .rows import (
           Cell,
           Parts,
           Row,
           choose_rooms,
           chunks,
           fit_scale,
           heights,
           lanes,
           room_groups,
           split_day,
)
from .style import ROOM_LINES, STRIP, GridStyle

__all__ = ["ROOM_LINES", "STRIP", "Box", "Cell", "GridPage", "GridStyle", "Line", "Mark", "Parts",
           "Row", "band_lines", "cell_lines", "choose_rooms", "chunks", "fit_scale", "heights",
           "lanes", "plan", "room_groups", "split_day", "text_height", "time_range"]
