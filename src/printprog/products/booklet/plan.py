"""What a booklet prints (:class:`Plan`): everything by default; less of it to fit a page
budget (:mod:`.budget` picks the plan).

Every plan keeps each session's time, room, title and speakers (the days at a glance and
the talk entries, full or compact). What a plan can leave out, in the brief's order: notes
pages, bios, the length of abstracts (whole sentences), abstracts, photos; then, past the
brief's list, the rooms' lists of sessions in "Venues and rooms" (the talks and the grid
already say what is on in a room), the talk entries' QR codes and addresses (the compact,
one entry per session form), the speakers' index's full entries (one paragraph a
speaker: the name, their talks' titles and pages), those titles (one line a speaker: the
name and the pages) and last the speakers' index.
"""

from __future__ import annotations

from ...core.records import Record, record

#: Sessions from which a booklet is made in parts (:mod:`.parts`; below, one document: no
#: joining cost, and :mod:`.parts` is not even imported).
SPLIT_FROM = 300


@record(frozen=True)
class Plan(Record):
    """``sentences``: an abstract is cut to this many whole sentences (0: in full).
    ``pages``: the booklet is padded with notes pages to this many pages (None: to a
    multiple of 4)."""

    bios: bool = True
    sentences: int = 0
    abstracts: bool = True
    photos: bool = True
    room_lists: bool = True
    compact: bool = False
    #: The speakers' index one paragraph a speaker (name, then each talk's title and page;
    #: without ``index_titles``, only the pages): no affiliations, bios, photos or rules.
    speaker_lines: bool = False
    index_titles: bool = True
    speakers: bool = True
    pages: int | None = None

    def given_up(self, photos: bool = True) -> list[str]:
        """What this plan leaves out, in words, in the order it was given up; ``photos``:
        whether the event has any (without, the speakers' initials discs are what goes)."""
        out = []
        if not self.bios:
            out.append("no bios")
        if not self.abstracts:
            out.append("no abstracts")
        elif self.sentences:
            out.append(f"abstracts cut to {self.sentences} sentence"
                       f"{'s' if self.sentences != 1 else ''}")
        if not self.photos and self.speakers:
            out.append("no photos" if photos else "no initials discs")
        if not self.room_lists:
            out.append("no sessions under each room")
        if self.compact:
            out.append("talks one entry each (no QR codes)")
        if not self.speakers:
            out.append("no speakers index")
        elif self.speaker_lines and self.index_titles:
            out.append("speakers index one paragraph each")
        elif self.speaker_lines:
            out.append("speakers index one line each (no titles)")
        return out
