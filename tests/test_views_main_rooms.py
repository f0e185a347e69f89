"""schedule.views.main_rooms: grid_rooms when named, else rooms by session time, ties in
display order."""

from __future__ import annotations

from dataclasses import replace

from conftest import ROOT
from printprog.importers import load
from printprog.schedule.views import days, main_rooms


def test_main_rooms_orders_by_session_time_most_first():
    conf = load(ROOT / "data" / "kvmforum2013")
    day = days(conf)[0]
    ranked = main_rooms(conf, day)
    held = {}
    for s in day.talks:
        held[s.room] = held.get(s.room, 0) + (s.end - s.start).total_seconds()
    minutes = [held.get(r.id, 0) for r in ranked]
    assert minutes == sorted(minutes, reverse=True)
    assert set(ranked) == set(day.rooms)


def test_main_rooms_takes_grid_rooms_in_their_order():
    conf = load(ROOT / "data" / "kvmforum2013")
    day = days(conf)[0]
    last_two = tuple(r.id for r in day.rooms[-2:])[::-1]
    ranked = main_rooms(replace(conf, grid_rooms=last_two), day)
    assert tuple(r.id for r in ranked) == last_two
