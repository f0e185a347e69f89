"""People named in a title's suffix: "Title - Name, Job, Company & Name2, Company".

Sched (its schedule page and its ``.ics`` export) carries speakers only there; the Sched and
iCalendar importers both split titles with :func:`split_title`, so the rules live once:

* The cut is at a dash followed by a space ("Title - Name", "GPU- Name", never inside
  "Multi-Threading"), the last one first (names rarely hold a dash; titles often do).
* People are separated by " & " (or "; " when present); each is "Name, Organisation";
  an "&" inside a company name ("Johnson & Johnson") is kept with the company when the
  next part does not look like a name. "(Moderator)" marks a moderator.
* With "; " between organisations, one part may name several people of one organisation:
  "A & B, Org; C, Org2" is A and B of Org, and C of Org2 (each name must look like one).
* A job title is not a person: a part whose "name" holds a job word ("Core Maintainer",
  "Senior Engineer") stays with the organisation before it.
* The suffix is taken when its first person is named elsewhere for the event (``local``,
  ``known``), or, with nothing named elsewhere, when every person in it looks like a name
  and one of them has an organisation ("Name, Company").
"""

from __future__ import annotations

import re

from ..schedule.model import fold

_DASH = re.compile(r"\s*[-–—]\s+")  # "Title - Name" and "GPU- Name", not "Multi-Threading"
_MODERATOR = re.compile(r"\s*\(\s*moderator\s*\)", re.IGNORECASE)
_PARTICLES = {"van", "von", "de", "der", "den", "da", "di", "du", "la", "le", "del", "dos"}
#: Words of job titles and roles, never of a person's name (folded, whole words).
_JOB_WORDS = frozenset("""
    maintainer maintainers engineer engineering developer developers manager director
    founder cofounder co-founder ceo cto cfo coo cio vp president architect lead head officer
    chief professor researcher scientist consultant student chair contributor committer
    evangelist advocate specialist analyst designer programmer senior principal staff
    fellow intern owner partner editor author host organizer organiser moderator speaker
    core team product program programme project community technical software hacker
    member members board committee coordinator administrator admin sre devops
    """.split())
_SEVERAL = re.compile(r"\s+(?:&|and)\s+")  # "A & B" or "A and B" inside one part


def looks_like_name(text: str) -> bool:
    words = text.split()
    if not 2 <= len(words) <= 5 or any(c.isdigit() for c in text):
        return False
    if any(fold(w).strip(".,") in _JOB_WORDS for w in words):
        return False  # "Core Maintainer" is a job title, not a person
    return words[0][0].isupper() and words[-1][0].isupper() and all(
        w[0].isupper() or w in _PARTICLES for w in words)


def _names(text: str, known: set[str]) -> list[str]:
    """The names in "A & B" (or "A and B") when each is one, else [text]."""
    parts = [p.strip() for p in _SEVERAL.split(text)]
    if len(parts) > 1 and all(fold(p) in known or looks_like_name(p) for p in parts):
        return parts
    return [text]


def suffix_people(text: str, known: set[str]) -> list[tuple[str, str, bool]]:
    """"Name, Org & Name, Org" or "A & B, Org; C, Org (Moderator)" → (name, org, moderator)."""
    out: list[tuple[str, str, bool]] = []
    several = ";" in text
    joiner = "; " if several else " & "
    for chunk in re.split(r"\s*;\s*" if several else r"\s+&\s+", text.strip()):
        moderator = bool(_MODERATOR.search(chunk))
        name, _, org = (x.strip() for x in _MODERATOR.sub("", chunk).partition(","))
        names = _names(name, known) if several else [name]
        if out and len(names) == 1 and fold(name) not in known and not looks_like_name(name):
            who, prev, was = out[-1]  # an "&" inside a company name: "Johnson & Johnson"
            out[-1] = (who, f"{prev}{joiner}{chunk.strip()}", was or moderator)
        else:
            out += [(n, org, moderator) for n in names if n]
    return out


def split_title(title: str, local: set[str], known: set[str]
                 ) -> tuple[str, list[tuple[str, str, bool]]]:
    """The title without its "- Speaker, Company" suffix, and the people the suffix names."""
    cuts = list(_DASH.finditer(title))[::-1]  # names rarely hold a dash; titles often do
    def alone(people: list[tuple[str, str, bool]]) -> bool:  # nothing named elsewhere
        return not local and (fold(people[0][0]) in known or (
            any(org for _, org, _ in people)
            and all(fold(n) in known or looks_like_name(n) for n, _, _ in people)))

    for fits in (lambda people: fold(people[0][0]) in local, alone):
        for cut in cuts:
            people = suffix_people(title[cut.end():], known | local)
            if people and fits(people) and title[:cut.start()].strip():
                return title[:cut.start()].strip(), people
    return title, []
