"""A large booklet made in parts, on several processes with ``--jobs N``, the same bytes
for every N.

Which parts (a rule of the event alone, never of N): a booklet of at least
:data:`SPLIT_FROM` sessions, with no page budget, is made of the front (cover, contents,
and the days before the first part of their own), one part from each day whose grid takes
more than a page up to the next such day, and the back matter (speakers, venues, notes,
back cover). Any other booklet is one document, as before (the bundled event's 40 pages).

Why these boundaries: a grid of several pages starts on a left-hand page (a reader sees
its first two pages side by side; the day's overview fills the right-hand page before it
when needed, :func:`.grid.spread_start`). So every day part starts on a left-hand page,
whatever the pages before it: its layout, the margins and running heads of each page
included, needs nothing from the other parts. Only its page numbers do. A day part is laid
out numbering its pages from :data:`FIRST` (a left-hand page); its folios are drawn later
(:class:`.folios.Folios`), and when its layout is done it asks for its first page
(``start_of``), then fills in its folios and grid references and saves. The part before
ends with the next day's overview page when the page after its last is a right-hand one.

The back matter prints the talks' pages in its text (their width moves lines); it starts
on the page after the last day part's, on whichever side that is (no blank page before
it), laid out as if on a left-hand page and moved to its real side before it is saved,
its running heads and folios drawn for the real pages; it is laid out as soon as it can
guess the talks' pages' widths, then checked against the real ones (:mod:`.backpart`);
the front's contents are forms filled in last.
Each part is its own PDF (its own font subsets: a part drawn in one process or another is
the same bytes), joined in order byte by byte
(:func:`printprog.pdf.joindrawn.join_drawn`, the streaming join of reportlab's files):
links from one part to another go by name through the catalogue's /Dests, the bookmarks
are the parts' outline entries.

``--jobs 1`` makes the parts one after another in this process, each told its first page
at once; ``--jobs N`` gives the day parts and the back matter to N worker processes while
this one lays out the front and answers each part's question as soon as the counts of the
parts before it are in. Workers are forked: the event, theme and channels they use are
this module's :data:`_JOB`, set before the pool starts.
"""

from __future__ import annotations

import gc
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from ...core.report import Report
from ...layout.paragraph import clear_caches
from ...pdf import parallel
from ...pdf.join import Bookmark
from ...pdf.writer import Meta
from ...schedule.model import Conference
from ...schedule.views import Day, days
from ...theme.loader import Theme
from . import backpart
from .context import Geometry
from .document import BookletDoc, canvas_from
from .folios import FIRST, Folios
from .grid import spreads
from .plan import SPLIT_FROM
from .story import Story

T = TypeVar("T")


@dataclass(frozen=True)
class Layout:
    """The booklet's parts: the days in the front, and each day part's days."""

    front: list[Day]
    groups: list[list[Day]]
    #: Each day's grid as planned while finding the parts (every part reuses it).
    grids: dict = field(default_factory=dict)

    @property
    def count(self) -> int:
        """Parts in all: the front, the day parts, the back matter."""
        return len(self.groups) + 2


@dataclass
class Done:
    """What a part gives back: its page count, its anchors' pages (the whole booklet's
    numbers), its outline entries in order, its report, and the names it links to that
    another part has."""

    pages: int
    recorded: dict[str, int]
    outline: list[tuple[str, str, int]]
    report: Report
    elsewhere: list[str] = field(default_factory=list)


@dataclass
class Job:
    conf: Conference
    theme: Theme
    geometry: Geometry
    layout: Layout
    paths: list[Path]
    meta: Meta
    channels: Any = None  # (to this process, [to each part]) with --jobs N


_JOB: Job | None = None


def plan(conf: Conference, theme: Theme, geometry: Geometry) -> Layout | None:
    """The parts of this event's booklet, or None: one document."""
    if len(conf.sessions) < SPLIT_FROM:
        return None
    story = Story(conf, theme, geometry, Report())
    front: list[Day] = []
    groups: list[list[Day]] = []
    for day in days(conf):
        if spreads(story, day):
            groups.append([day])
        elif groups:
            groups[-1].append(day)
        else:
            front.append(day)
    return Layout(front, groups, story.grid_pages) if groups else None


def build(conf: Conference, theme: Theme, geometry: Geometry, layout: Layout, out: Path,
          meta: Meta, jobs: int) -> tuple[Report, dict[str, int]]:
    """Write the booklet in ``layout``'s parts to ``out``; its report and anchors' pages."""
    global _JOB
    import multiprocessing  # here: a booklet in one piece never needs it (5 ms of 0.25 s)

    workers = min(jobs, layout.count - 1)
    if workers > 1 and "fork" not in multiprocessing.get_all_start_methods():
        workers = 1  # the workers get the event by fork; the bytes are the same anyway
    if workers <= 1:
        with parallel.part_files(layout.count) as paths:
            job = Job(conf, theme, geometry, layout, paths, meta)
            front, dones = _here(job)
            anchors = dict(front.story.recorded)
            for done in dones:
                anchors.update(done.recorded)
            return _join(job, front, anchors, lambda k: dones[k - 1], out)
    context = multiprocessing.get_context("fork")
    up = context.Queue()
    downs = [context.Queue() for _ in range(layout.count)]
    # Set before the pool forks its workers (as parts() begins): they find it here. The
    # part files' paths are known after; each task is given them.
    job = _JOB = Job(conf, theme, geometry, layout, [], meta, (up, downs))
    try:
        with parallel.parts(workers, layout.count) as (pool, paths):
            job.paths = paths
            front, anchors, futures = _there(job, pool)
            return _join(job, front, anchors, lambda k: futures[k - 1].result(), out)
    finally:
        _JOB = None
        for q in (up, *downs):
            q.close()
            # Not waited for: after an error a worker killed before reading its queue
            # would leave the talks' pages (200 KB at 5,000 talks) in a full pipe.
            q.cancel_join_thread()


def _here(job: Job) -> tuple[Any, list[Done]]:
    """--jobs 1: every part in turn in this process."""
    front = _collected(lambda: _front(job))
    here = _Sequence(front.doc.pages, front.story.recorded)
    dones = [_collected(lambda k=k: _day_part(job, k, here.start_of))
             for k in range(1, job.layout.count - 1)]
    known = (here.next, here.pages)
    dones.append(_collected(lambda: _back_part(job, lambda: (here.pages, here.next),
                                               lambda: known)))
    return front, dones


@dataclass
class _Sequence:
    """First pages handed out in part order, from the page after the front's."""

    front_pages: int
    front_recorded: dict[str, int]
    next: int = 0
    pages: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.next = self.front_pages + 1
        self.pages = dict(self.front_recorded)

    def start_of(self, k: int, count: int, recorded: dict[str, int]) -> int:
        start = self.next
        self.pages.update({key: page + start - FIRST for key, page in recorded.items()})
        self.next += count
        return start


def _there(job: Job, pool) -> tuple[Any, dict[str, int], list]:
    """--jobs N: the day parts and the back matter on the workers, the front here. Each
    day part is told its first page once the parts before it are counted; the back matter
    is told its guess (:mod:`.backpart`) as soon as :func:`_guessable` (it asks when it
    starts: the pool takes the parts in order, so after the first round at the latest
    when there are more day parts than workers), and the real pages when every day part is
    counted. Returns the front, every part's anchors' pages (the back matter's as soon as
    it has them, before it is saved) and the parts' futures."""
    up, downs = job.channels
    last = job.layout.count - 1
    futures = [pool.submit(_worker, k, job.paths) for k in range(1, last + 1)]
    front = _collected(lambda: _front(job))
    order = _Sequence(front.doc.pages, front.story.recorded)
    counts: dict[int, tuple[int, dict[str, int]]] = {}
    k = 1
    asked = told = False
    while k < last:
        kind, part, count, recorded = _receive(up, futures)
        if kind == "guess":
            asked = True
        else:
            counts[part] = (count, recorded)
            while k in counts:
                downs[k].put(order.start_of(k, *counts.pop(k)))
                k += 1
        if asked and not told and _guessable(job.layout, order, k):
            # A copy: the queue pickles it later, in a thread of its own.
            downs[last].put((dict(order.pages), order.next))
            told = True
    if not told:  # the back matter has not asked, or could not guess: the real pages
        downs[last].put((order.pages, order.next))
    downs[last].put((order.next, order.pages))
    while True:  # the back matter's anchors, sent before it saves (the front needs them)
        kind, part, count, recorded = _receive(up, futures)
        if kind == "placed":
            return front, {**order.pages, **recorded}, futures


def _receive(up, futures: list) -> tuple:
    """The next message from a part; meanwhile a worker's error is raised here."""
    import queue

    while True:
        try:
            return up.get(timeout=0.1)
        except queue.Empty:
            for f in futures:
                if f.done():
                    f.result()


def _guessable(layout: Layout, order: _Sequence, k: int) -> bool:
    """Whether the back matter's guess is worth making with day parts 1 to ``k - 1``
    counted: at least the first (so the next one's first page, the guess for every talk
    not counted yet, is past the front), and at the pages a session took in those, the
    rest end (a tenth later, to be safe) before the page numbers gain a digit (else the
    guess is likely wrong: the back matter waits for the real pages)."""
    if k < 2:
        return False
    counted = sum(len(day.sessions) for group in layout.groups[:k - 1] for day in group)
    rest = sum(len(day.sessions) for group in layout.groups[k - 1:] for day in group)
    pages = order.next - order.front_pages - 1
    end = order.next + math.ceil(1.1 * rest * pages / max(counted, 1))
    return len(str(end)) == len(str(order.next))


def _worker(k: int, paths: list[Path]) -> Done:
    """Part ``k`` in a worker: a day part asks this run's process for its first page, the
    back matter for its guess, then the real pages."""
    job = _JOB
    assert job is not None, "a booklet part's worker started without its job"
    job.paths = paths
    up, downs = job.channels
    if k < job.layout.count - 1:
        def start_of(part: int, count: int, recorded: dict[str, int]) -> int:
            up.put(("count", part, count, recorded))
            return downs[part].get()
        return _collected(lambda: _day_part(job, k, start_of))
    up.put(("guess", k, 0, {}))
    return _collected(lambda: _back_part(job, downs[k].get, downs[k].get,
                                         lambda recorded: up.put(("placed", k, 0, recorded))))


@dataclass
class _Front:
    story: Story
    doc: Any


def _story(job: Job) -> Story:
    story = Story(job.conf, job.theme, job.geometry, Report())
    story.grid_pages = job.layout.grids
    return story


def _front(job: Job) -> _Front:
    """The front laid out and drawn, held open: its contents need every part's pages."""
    story = _story(job)
    flowables = story.front_part(job.layout.front, job.layout.groups[0][0])
    doc = BookletDoc(str(job.paths[0]), job.geometry, story, job.meta, first=1, hold=True)
    _lay_out(doc, flowables)
    return _Front(story, doc)


def _day_part(job: Job, k: int, start_of: Callable[[int, int, dict[str, int]], int]
              ) -> Done:
    """Day part ``k`` (from 1) laid out from page :data:`FIRST`, told its first page when
    its layout is done, then saved with its real page numbers."""
    groups = job.layout.groups
    story = _story(job)
    story.folios = Folios()
    flowables = story.day_part(groups[k - 1], groups[k][0] if k < len(groups) else None)
    doc = BookletDoc(str(job.paths[k]), job.geometry, story, job.meta, first=FIRST)

    def placed(doc: BookletDoc) -> None:
        story.shift_to(doc.canv, start_of(k, doc.pages, dict(story.recorded)) - FIRST)

    doc.before_define = placed
    _lay_out(doc, flowables)
    return Done(doc.pages, dict(story.recorded), story.outline, story.report, doc.elsewhere)


def _back_part(job: Job, guess: Callable[[], backpart.Guess],
               final: Callable[[], backpart.Final],
               placed: Callable[[dict[str, int]], None] | None = None) -> Done:
    """The back matter, laid out with ``guess`` and saved with ``final`` (:mod:`.backpart`);
    ``placed`` told its anchors' pages before it is saved."""
    setting = backpart.Setting(lambda: _story(job), str(job.paths[-1]), job.geometry,
                               job.meta, _lay_out, placed)
    doc, story = backpart.build(setting, guess, final)
    return Done(doc.pages, dict(story.recorded), story.outline, story.report, doc.elsewhere)


def _lay_out(doc, flowables: list) -> None:
    clear_caches()
    doc.build(flowables, canvasmaker=canvas_from(doc.first))


def _collected(make: Callable[[], T]) -> T:
    """``make()``, one part, with the garbage it leaves freed at once: what exists before it
    outlives it and is frozen out of the collection; the part's document, canvas and frames
    are cycles made after, unreachable once ``make`` has returned (a caller holding its
    document would keep it: the part was then frozen with the next one and outlived the
    run), collected here, before the next part."""
    clear_caches()
    gc.freeze()
    try:
        return make()
    finally:
        clear_caches()
        gc.collect()
        gc.unfreeze()


def _join(job: Job, front: _Front, anchors: dict[str, int], done: Callable[[int], Done],
          out: Path) -> tuple[Report, dict[str, int]]:
    """Fill in the front's references with ``anchors`` (every part's), save it, join the
    parts into ``out``: part ``k`` once ``done(k)`` gives it (on workers the parts before
    the back matter are copied while it is saved)."""
    from ...pdf.joindrawn import join_drawn

    front.story.recorded.update(anchors)
    front.doc.finish()
    dones: list[Done] = []

    def paths():
        yield job.paths[0]
        for k in range(1, job.layout.count):
            dones.append(done(k))
            yield job.paths[k]

    def marks() -> list[Bookmark]:
        return bookmarks([*front.story.outline, *(e for d in dones for e in d.outline)],
                         anchors)

    def elsewhere() -> set[str]:
        return set(front.doc.elsewhere).union(*(d.elsewhere for d in dones))

    join_drawn(paths(), out, marks, job.meta, dests=elsewhere, outlines_open=True)
    report = Report.joined(front.story.report, *(d.report for d in dones))
    return report, anchors


def bookmarks(entries: list[tuple[str, str, int]], pages: dict[str, int]) -> list[Bookmark]:
    """The outline: each entry under the last one of a lower level before it."""
    top: list[Bookmark] = []
    stack: list[tuple[int, Bookmark]] = []
    for key, title, level in entries:
        mark = Bookmark(title, pages[key] - 1)
        while stack and stack[-1][0] >= level:
            stack.pop()
        (stack[-1][1].children if stack else top).append(mark)
        stack.append((level, mark))
    return top
