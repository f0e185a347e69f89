"""People named in a title's suffix: "Title - Name, Job, Company & Name2, Company".

Sched (its schedule page and its ``.ics`` export) carries speakers only there; the Sched and
iCalendar importers both split titles with :func:`split_title`, so the rules live once:

* The cut is at a dash followed by a space ("Title - Name", "GPU- Name", never inside
  "Multi-Threading"), the last one first (names rarely hold a dash; titles often do).
* People are separated by " & " (or "; " when present); each is "Name, Organisation";
  an "&" inside a company name ("Johnson & Johnson") is kept with the company when the
  next part does not look like a name. "(Moderator)" marks a moderator.
* The suffix is taken when its first person is named elsewhere for the event (``local``,
  ``known``), or, with nothing named elsewhere, when it reads "Name, Company".
"""

from __future__ import annotations

import re

from ..schedule.model import fold

_DASH = re.compile(r"\s*[-–—]\s+")  # "Title - Name" and "GPU- Name", not "Multi-Threading"
_MODERATOR = re.compile(r"\s*\(\s*moderator\s*\)", re.IGNORECASE)
_PARTICLES = {"van", "von", "de", "der", "den", "da", "di", "du", "la", "le", "del", "dos"}


def looks_like_name(text: str) -> bool:
    words = text.split()
    if not 2 <= len(words) <= 5 or any(c.isdigit() for c in text):
        return False
    return words[0][0].isupper() and words[-1][0].isupper() and all(
        w[0].isupper() or w in _PARTICLES for w in words)


def suffix_people(text: str, known: set[str]) -> list[tuple[str, str, bool]]:
    """"Name, Org & Name, Org" or "Name, Org; Name, Org (Moderator)" → (name, org, moderator)."""
    out: list[tuple[str, str, bool]] = []
    joiner = "; " if ";" in text else " & "
    for chunk in re.split(r"\s*;\s*" if ";" in text else r"\s+&\s+", text.strip()):
        moderator = bool(_MODERATOR.search(chunk))
        name, _, org = (x.strip() for x in _MODERATOR.sub("", chunk).partition(","))
        if out and fold(name) not in known and not looks_like_name(name):
            who, prev, was = out[-1]  # an "&" inside a company name: "Johnson & Johnson"
            out[-1] = (who, f"{prev}{joiner}{chunk.strip()}", was or moderator)
        elif name:
            out.append((name, org, moderator))
    return out


def split_title(title: str, local: set[str], known: set[str]
                 ) -> tuple[str, list[tuple[str, str, bool]]]:
    """The title without its "- Speaker, Company" suffix, and the people the suffix names."""
    cuts = list(_DASH.finditer(title))[::-1]  # names rarely hold a dash; titles often do
    for fits in (lambda name, org: fold(name) in local,
                 lambda name, org: not local and (fold(name) in known or (
                     bool(org) and looks_like_name(name)))):
        for cut in cuts:
            people = suffix_people(title[cut.end():], known | local)
            if people and fits(*people[0][:2]) and title[:cut.start()].strip():
                return title[:cut.start()].strip(), people
    return title, []
