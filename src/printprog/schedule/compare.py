"""What changed since the programme was printed: the schedule a PDF carries (source.py)
against today's, session by session (matched by id).

One :class:`Change` per session that changed, with every way it changed; it is listed under
the first of :data:`KINDS` that applies (a talk moved and retitled is a move that also says
its new title). The texts are shared by the sheet (products/changes.py) and the terminal
summary, so both say the same.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from .labels import short_day, time_range
from .model import Conference, Room, Session
from .scope import Scope, rooms_now, within

#: Kinds of change in the order the sheet lists them, with their headings.
KINDS: dict[str, str] = {"cancelled": "Cancelled", "moved": "Moved", "retitled": "Retitled",
                         "speakers": "Speaker changes", "new": "New sessions"}
TITLE = "Changes since the programme was printed"
NOTHING = "no changes"


@dataclass(frozen=True)
class Change:
    """One session that changed: as printed (``before``), as now (``after``), how
    (``kinds``, in :data:`KINDS` order) and the booklet page it was printed on."""

    kinds: tuple[str, ...]
    before: Session | None
    after: Session | None
    page: int | None = None

    @property
    def kind(self) -> str:
        return self.kinds[0]

    @property
    def session(self) -> Session:
        """The session as it is now, or as printed when it was cancelled."""
        session = self.after or self.before
        assert session is not None
        return session


def compare(before: Conference, after: Conference,
            pages: Mapping[str, int] | None = None, scope: Scope | None = None
            ) -> list[Change]:
    """Every session cancelled, moved, retitled, with other speakers, or new; by kind, then
    by the time it is (or was) on. With the ``scope`` of a per-room PDF (``before`` is what
    it carries), only what it speaks for (scope.within): another room's talks are not new."""
    pages = pages or {}
    if scope is not None:
        after = within(before, after, scope)
    old, new = before.session_by_id, after.session_by_id
    out = []
    for sid in dict.fromkeys([*old, *new]):
        a, b = old.get(sid), new.get(sid)
        kinds: list[str] = []
        if b is None:
            kinds.append("cancelled")
        elif a is None:
            kinds.append("new")
        else:
            if (a.start, a.end, _room(before, a)) != (b.start, b.end, _room(after, b)):
                kinds.append("moved")
            if a.title != b.title:
                kinds.append("retitled")
            if _people(before, a) != _people(after, b):
                kinds.append("speakers")
        if kinds:
            out.append(Change(tuple(kinds), a, b, pages.get(sid)))
    order = list(KINDS)
    return sorted(out, key=lambda c: (order.index(c.kind), c.session.start, c.session.id))


def _room(conf: Conference, s: Session) -> str:
    """The room's name: a room renamed in rooms.yaml is not a move, one swapped is."""
    room = conf.room_by_id.get(s.room)
    return room.name if room else s.room


def _people(conf: Conference, s: Session) -> tuple[str, ...]:
    return tuple(_name(conf, p) for p in s.people)


def _name(conf: Conference, sid: str) -> str:
    speaker = conf.speaker_by_id.get(sid)
    return speaker.name if speaker else sid


def when(conf: Conference, s: Session) -> str:
    """'Tue 22 Oct 09:15–10:00, Stirling Suite'."""
    return f"{short_day(s.conference_day)} {time_range(s)}, {_room(conf, s)}"


def details(change: Change, before: Conference, after: Conference,
            arrow: str = "\u2192") -> list[str]:
    """The lines under the title: where and when it was and is, what else changed, and the
    booklet page it was printed on."""
    a, b = change.before, change.after
    page = f" (booklet p.\u00a0{change.page})" if change.page else ""
    lines = []
    if a is not None and b is not None and "moved" in change.kinds:
        lines.append(f"{when(before, a)} {arrow} {when(after, b)}{page}")
    elif b is None and a is not None:
        lines.append(f"was {when(before, a)}{page}")
    elif b is not None:
        lines.append(f"{when(after, b)}{page if a is not None else ''}")
    if a is not None and b is not None and "retitled" in change.kinds:
        lines.append(f"was \u201c{a.title}\u201d")
    if b is not None and (a is None or "speakers" in change.kinds):
        now = ", ".join(_people(after, b))
        if a is None:
            if now:
                lines.append(now)
        else:
            was = ", ".join(_people(before, a)) or "nobody"
            lines.append(f"now {now or 'nobody'} (was {was})")
    return lines


def summary(changes: list[Change], before: Conference, after: Conference) -> str:
    """The plain-text list for the terminal: one line per change, or 'no changes'."""
    if not changes:
        return NOTHING
    lines = [f"{TITLE}: {len(changes)}"]
    for c in changes:
        text = "; ".join(details(c, before, after, "->"))
        lines.append(f"{c.kind}: {c.session.title} - {text}")
    return "\n".join(lines)


def affected(changes: list[Change], before: Conference, after: Conference,
             scope: Scope | None = None) -> dict[date, list[Room]]:
    """The signs (room x day) to reprint, by day, rooms in display order: where each changed
    session was and where it is now; a change to a break or meal for everyone touches every
    room in use that day (their signs list it). Rooms gone from today's schedule have no
    sign to reprint. With a ``scope``, only its room and days: a sign speaks for no other."""
    pairs: set[tuple[str, date]] = set()
    for c in changes:
        for s in (c.before, c.after):
            if s is None:
                continue
            day = s.conference_day
            if s.plenary:
                pairs |= {(x.room, day) for x in after.sessions if x.conference_day == day}
            pairs.add((s.room, day))
    if scope is not None:
        ids = rooms_now(before, after, scope)
        pairs = {(r, d) for r, d in pairs if d in scope.days and (scope.room is None or r in ids)}
    out: dict[date, list[Room]] = {}
    for day in sorted({d for _, d in pairs}):
        rooms = [r for r in after.rooms if (r.id, day) in pairs]
        if rooms:
            out[day] = rooms
    return out
