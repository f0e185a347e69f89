"""A person a badge is printed for: a line of the attendee list, or a speaker.

Its own module, not :mod:`.model`'s: only badges use it, and every other command would
compile its dataclass methods at start for nothing (issue #28).
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import name_parts


@dataclass(frozen=True, slots=True)
class Attendee:
    name: str
    printed_name: str = ""
    organisation: str = ""
    role: str = "ATTENDEE"
    pronouns: str = ""
    email: str = ""
    #: The attendee agreed to share contact details (e-mail goes into the badge QR only then).
    share_contact: bool = False
    url: str = ""
    #: Speaker id when this attendee is one of the schedule's speakers.
    speaker_id: str | None = None
    #: The name's parts as the attendee list gave them (First Name / Last Name columns);
    #: empty when it gave one full name, and the parts must be guessed.
    given_name: str = ""
    family_name: str = ""

    @property
    def first_name(self) -> str:
        return self.printed_name or (self.given_name.split() or name_parts(self.name)
                                     or [""])[0]
