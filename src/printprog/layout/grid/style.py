"""The grid's style: the theme's booklet.grid or poster.grid section, in points."""

from __future__ import annotations

from datetime import timedelta

from ...core.records import Record, record
from ...core.units import mm
from ...theme.loader import TextStyle, Theme
from ...theme.schema import GridSection

#: Width of the room-colour strip at the left of a talk cell.
STRIP = mm(0.8)
#: Room names wrap to this many lines (then shrink, then break inside words).
ROOM_LINES = 3
#: More sessions at once in one room than this are one cell that points to the list: a
#: fourth lane of a 30 mm column is a sliver a word does not fit in.
MAX_LANES = 3
#: A long event goes in the "all day" line only when it spans at least this share of the
#: rest of the day's programme; a night workshop before the talks stays at its time.
ALL_DAY_SHARE = 0.6
#: A grid page that does not end the day covers at least this much of it.
PAGE_SPAN = timedelta(hours=2)
#: Used when a theme names no room colours: clearly distinct hues, dark enough for a strip
#: and a rule on white (the theme's booklet.grid.room_colours replaces them).
PALETTE = ("#1f5f8b", "#c0562b", "#2e7d4f", "#7a4ea3", "#b08a12", "#b4375f", "#2a8a99",
           "#6b6f1e", "#8c4a2f", "#4a5bbf")


@record(frozen=True)
class GridStyle(Record):
    room: TextStyle
    time: TextStyle
    title: TextStyle
    speaker: TextStyle
    band: TextStyle
    axis: TextStyle
    min_size: float  # pt: no grid text is smaller
    time_column: float  # pt
    min_column: float  # pt: narrower columns run onto a facing page
    pad: float  # pt inside a cell
    gap: float  # pt between cells
    compress_gap: timedelta  # longer stretches with nothing on are drawn as a short break
    break_height: float  # pt
    min_scale: float  # pt per minute: a row is never less than its share of time
    max_scale: float  # pt per minute: a short day is not stretched to fill the page
    compress_band: timedelta  # a longer event for everyone, alone, is drawn as one slot
    all_day: timedelta  # events at least this long ...
    all_day_ratio: float  # ... and this many times the day's typical talk go on top
    max_speakers: int  # more names than this end "and N more"
    palette: tuple[str, ...] = PALETTE  # room colours for rooms without one of their own
    #: A talk cell's time range and speakers share one line where they fit ("10:30–11:15 ·
    #: Ann Lee"): the poster sets it, where a cell's own time line costs a whole row of type
    #: per slot and the axis beside it gives the times again; the booklet keeps two lines.
    meta_line: bool = False

    @classmethod
    def from_theme(cls, theme: Theme, section: GridSection) -> GridStyle:
        """From a theme's typed grid section (``theme.sections.booklet.grid`` or
        ``.poster.grid``); ``theme`` resolves the palette's colour names."""
        g, t = section, section.text
        return cls(room=t["room"], time=t["time"], title=t["title"], speaker=t["speaker"],
                   band=t["band"], axis=t["axis"], min_size=g.min_size,
                   time_column=mm(g.time_column), min_column=mm(g.min_column),
                   pad=mm(g.pad), gap=mm(g.gap),
                   compress_gap=timedelta(minutes=g.compress_gap),
                   break_height=mm(g.break_height), min_scale=mm(g.min_hour) / 60,
                   max_scale=mm(g.max_hour) / 60,
                   compress_band=timedelta(minutes=g.compress_band),
                   all_day=timedelta(minutes=g.all_day), all_day_ratio=g.all_day_ratio,
                   max_speakers=int(g.max_speakers), palette=_palette(theme, section))


def _palette(theme: Theme, section: GridSection) -> tuple[str, ...]:
    """The section's ``room_colours`` (a mapping: its values in order, names in the theme's
    colours or written out), else booklet.grid's, else :data:`PALETTE`."""
    for grid in (section, theme.sections.booklet.grid):
        if grid.room_colours:
            return tuple(str(v) for v in grid.room_colours.values())
    return PALETTE
