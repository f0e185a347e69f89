"""What a user typed (``--room stirling``, ``--day tue``) to the model's room or day: one
matcher for every command, each miss one PrintprogError that lists the choices and, for a
near miss, says "did you mean".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from ..core.errors import PrintprogError
from ..core.text import transliterate
from .model import Conference, Room, fold


def key(name: str) -> str:
    """Case-, accent- and punctuation-free words: 'Stirling  Suite!' -> 'stirling suite'."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", fold(transliterate(name))).split())


def _short(name: str) -> str:
    return " ".join(w for w in key(name).split() if w != "suite")


def find_room(conf: Conference, query: str) -> Room:
    """The room called ``query``: by id, or by name ignoring case, accents, punctuation and a
    missing 'Suite'; or the one room whose name starts with the words given ('cargo' for
    Cargo Bar)."""
    word = key(query)
    tests: tuple[Callable[[Room], bool], ...] = (
        lambda r: r.id.casefold() == query.strip().casefold(),
        lambda r: key(r.name) == word,
        lambda r: bool(_short(query)) and _short(r.name) == _short(query),
        lambda r: len(word) >= 3 and f"{key(r.name)} ".startswith(f"{word} "))
    for same in tests:
        found = [r for r in conf.rooms if same(r)]
        if len(found) == 1:
            return found[0]
        if found:
            raise PrintprogError(f"room '{query}' is ambiguous: "
                                 f"{', '.join(r.name for r in found)}; give the full name")
    names = {key(r.name): r for r in conf.rooms} | {_short(r.name): r for r in conf.rooms}
    import difflib  # only for a room not found: a hint

    close = difflib.get_close_matches(word, list(names), n=1, cutoff=0.6)
    hint = f"did you mean {names[close[0]].name}? " if close else ""
    rooms = ", ".join(r.name for r in conf.rooms)
    raise PrintprogError(f"unknown room '{query}'; {hint}Rooms: {rooms}")


def find_day(conf: Conference, query: str) -> date:
    """A conference day from an ISO date (2013-10-22) or a weekday name ('tuesday', 'tue')."""
    known = conf.days
    choices = ", ".join(f"{d.isoformat()} ({d:%A})" for d in known)
    try:
        when: date | None = date.fromisoformat(query.strip())
    except ValueError:
        word = key(query)
        hits = [d for d in known if len(word) >= 3 and f"{d:%A}".lower().startswith(word)]
        if len(hits) > 1:
            raise PrintprogError(f"day '{query}' matches {len(hits)} days; give the date: "
                                 f"{choices}") from None
        when = hits[0] if hits else None
    if when not in known:
        raise PrintprogError(f"no sessions on day '{query}'; the conference days are: {choices}")
    return when
