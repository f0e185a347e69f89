"""What one value of an event may cost: the caps every importer checks at the edge, so no
single name, session or list makes a run take minutes or gigabytes. Each is far above any
real event and named in the README's "Limits" section; over one, the run stops with one
error naming the file and the value (an export gone wrong), before any layout."""

from __future__ import annotations

from datetime import timedelta

#: The longest session (its end after its start): a month. A century-long one built one
#: grid rule per half hour until memory ran out.
MAX_SESSION = timedelta(days=31)
#: Speakers and moderators of one session: a large panel has 12, lightning talks 40.
#: 50,000 on one talk took 71 s.
MAX_PEOPLE_PER_SESSION = 200
#: Speakers and moderators of one event: FOSDEM has about 1,200. 10,000 take about 4 s to
#: print; 100,000 took more than 120 s.
MAX_PERSONS = 10_000
#: Rows of an attendee list: 100,000 badges print in about 170 MB; 1,000,000 rows took
#: more than 120 s.
MAX_ATTENDEES = 100_000
