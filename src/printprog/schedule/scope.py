"""The part of the schedule a per-room PDF prints, and what it can speak for when read back.

A room sign (or one room's chair kit) prints one room's sessions, on some days, and a few
events for everyone held elsewhere (a sign's breaks and meals). Embedding the whole schedule
in each of a hundred room files gave the print shop hundreds of MB nobody prints, so such a
file embeds only its :class:`Scope`: the conference's own fields, the sessions it prints and
the people and rooms they name, marked ``scope: {room: NAME, days: [...]}`` (source.py).

Read back, a scoped PDF speaks only for its room and days: :func:`within` cuts today's
schedule to what it could have printed, so ``changes --since sign.pdf`` never calls a talk
in another room new, yet a talk that left the room is still a move.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from typing import Any

from ..core.records import Record, record
from .labels import short_day
from .model import Conference


@record(frozen=True)
class Scope(Record):
    """One room (its id; None: every room) on some days, plus the ids of sessions held
    elsewhere that the file prints too (``also``: a sign's breaks and meals)."""

    room: str | None
    days: tuple[date, ...]
    also: frozenset[str] = frozenset()

    def holds(self, room: str, day: date) -> bool:
        """Whether a session in ``room`` on ``day`` is the scope's own."""
        return day in self.days and (self.room is None or room == self.room)


def marker(conf: Conference, scope: Scope) -> dict[str, Any]:
    """The ``scope`` entry of the embedded document: the room by name, the days as dates."""
    out: dict[str, Any] = {}
    if scope.room is not None:
        room = conf.room_by_id.get(scope.room)
        out["room"] = room.name if room else scope.room
    out["days"] = [d.isoformat() for d in scope.days]
    return out


def narrow(parts: Mapping[str, Any], scope: Scope) -> dict[str, Any]:
    """The four parts of a data folder (export_yaml.data) cut to ``scope``: its sessions, the
    rooms and people they name (the scope's room always), the conference's own fields; a
    ``grid_rooms`` entry for a room left out is dropped (the reader would refuse it)."""
    days = {d.isoformat() for d in scope.days}
    sessions: dict[str, list] = {}
    for day, entries in parts["sessions"].items():
        kept = [e for e in entries if e["id"] in scope.also or (
            day in days and (scope.room is None or e["room"] == scope.room))]
        if kept:
            sessions[day] = kept
    held = [e for entries in sessions.values() for e in entries]
    room_ids = {e["room"] for e in held} | ({scope.room} if scope.room else set())
    people = {p for e in held for key in ("speakers", "moderators") for p in e.get(key, ())}
    meta = dict(parts["conference"])
    grid = [r for r in meta.pop("grid_rooms", []) if r in room_ids]
    if grid:
        meta["grid_rooms"] = grid
    return {"conference": meta,
            "rooms": [r for r in parts["rooms"] if r["id"] in room_ids],
            "speakers": [s for s in parts["speakers"] if s["id"] in people],
            "sessions": sessions}


def describe(conf: Conference, scope: Scope) -> str:
    """'only Stirling Suite's sessions on Tue 22 Oct, Wed 23 Oct': what a scoped PDF holds."""
    room = conf.room_by_id.get(scope.room) if scope.room else None
    whose = f"{room.name}'s sessions" if room else "the sessions"
    days = sorted(set(scope.days))
    if len(days) > 7:  # an embedded document is anyone's: the note stays one short line
        return f"only {whose} on {len(days)} days, {short_day(days[0])} to {short_day(days[-1])}"
    return f"only {whose} on {', '.join(short_day(d) for d in days)}"


def rooms_now(before: Conference, now: Conference, scope: Scope) -> set[str]:
    """Ids of today's rooms that are the scope's room: the same name (as compare.py matches
    rooms), else the same id (a room since renamed). Empty for a scope of every room."""
    if scope.room is None:
        return set()
    printed = before.room_by_id.get(scope.room)
    named = {r.id for r in now.rooms if printed is not None and r.name == printed.name}
    return named or ({scope.room} if scope.room in now.room_by_id else set())


def within(before: Conference, now: Conference, scope: Scope) -> Conference:
    """Today's schedule as far as a PDF of ``scope`` (``before`` is what it carries) speaks
    for it: the sessions it printed, wherever they are now, and those now held in its room on
    its days. Another room's sessions are neither new nor cancelled to it."""
    printed = before.session_by_id
    ids = rooms_now(before, now, scope)
    kept = tuple(s for s in now.sessions if s.id in printed or (
        s.conference_day in scope.days and (scope.room is None or s.room in ids)))
    return replace(now, sessions=kept)
