"""The day at a glance as numbers: which session goes in which box on which page.

The grid's one job is that a reader finds every session of the day by time and room and can
read its full title, so text is never cut: the boxes grow to the text instead. Rows are the
stretches between consecutive start and end times; each gets at least its proportional
height and grows to fit the cells in it (an elastic time axis). Events that span most of
the day's programme go to an "all day" line above the grid; events for everyone span all
columns; sessions that overlap in one room sit side by side in its column, up to three
(more at once are one cell pointing to the day's list). The grid holds the main rooms, at
most a facing spread of them (:mod:`.rooms`); a day taller than a page continues on the
next one, each page covering a good part of the day and filled to its foot (:mod:`.split`).

Everything here is geometry in points, testable without a PDF; :mod:`.draw` draws it.
Text is measured with :mod:`printprog.draw.fonts`, the metrics that draw it.
"""

from .cells import (
           Line,
           band_lines,
           cell_lines,
           continued_lines,
           group_lines,
           text_height,
           time_range,
)
from .listing import Item, ListPage, plan_list
from .pages import Box, GridPage, Mark, plan
from .rooms import choose_rooms, event_colours, per_page, room_colours, room_groups
from .rows import Cell, Parts, Row, cells, clusters, heights, lanes, rows, split_day
from .split import chunks, page_heights
from .style import ALL_DAY_SHARE, MAX_LANES, PAGE_SPAN, PALETTE, ROOM_LINES, STRIP, GridStyle

__all__ = ["ALL_DAY_SHARE", "MAX_LANES", "PAGE_SPAN", "PALETTE", "ROOM_LINES", "STRIP", "Box",
           "Cell", "GridPage", "GridStyle", "Item", "Line", "ListPage", "Mark", "Parts", "Row",
           "band_lines", "cell_lines", "cells", "choose_rooms", "chunks", "clusters",
           "continued_lines", "event_colours", "group_lines", "heights", "lanes", "page_heights",
           "per_page", "plan", "plan_list", "room_colours", "room_groups", "rows", "split_day",
           "text_height", "time_range"]
