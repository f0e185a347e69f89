"""The grid's style: the theme's booklet.grid or poster.grid section, in points."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from ...core.units import mm
from ...theme.loader import TextStyle, Theme

#: Width of the room-colour strip at the left of a talk cell.
STRIP = mm(0.8)
#: Room names wrap to this many lines (then shrink, then break inside words).
ROOM_LINES = 3


@dataclass(frozen=True)
class GridStyle:
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

    @classmethod
    def from_theme(cls, theme: Theme, section: str) -> GridStyle:
        def n(key: str) -> float:
            return theme.number(*section.split("."), key)

        def t(key: str) -> TextStyle:
            return theme.text(key, f"{section}.text")

        return cls(room=t("room"), time=t("time"), title=t("title"), speaker=t("speaker"),
                   band=t("band"), axis=t("axis"), min_size=n("min_size"),
                   time_column=mm(n("time_column")), min_column=mm(n("min_column")),
                   pad=mm(n("pad")), gap=mm(n("gap")),
                   compress_gap=timedelta(minutes=n("compress_gap")),
                   break_height=mm(n("break_height")), min_scale=mm(n("min_hour")) / 60,
                   max_scale=mm(n("max_hour")) / 60,
                   compress_band=timedelta(minutes=n("compress_band")),
                   all_day=timedelta(minutes=n("all_day")), all_day_ratio=n("all_day_ratio"),
                   max_speakers=int(n("max_speakers")))


