"""A booklet made to a page budget (``--pages N``): exactly N pages, the richest
:class:`~.plan.Plan` that fits, padded with notes pages before the back cover.

The ladder of plans (:func:`ladder`) gives up, in the brief's order, notes pages, bios, the
length of abstracts (to whole sentences, one fewer at a time), abstracts and photos; then
the rooms' session lists, the full talk entries (one compact entry per session), the
speakers' full entries (one paragraph a speaker: name, talks' titles and pages), those
titles (one line a speaker: name and pages) and the speakers' index. Each session's
time, room, title and speakers are in every plan.

A layout run is the costly part (seconds for a large event), so plans are not tried one by
one. :class:`Measure` sums the height of what each plan puts in the parts that vary (each
day's talks, the speakers, the venues) with the flowables that print it (cheap: lines are
broken, nothing is drawn), and a build tells how full those parts' pages came out and how
many pages the rest (cover, contents, the days at a glance) takes. :func:`fit` builds the
poorest plan first (what the refusal needs to name: the least pages there are), then the
richest plan the estimate lets through (a binary search over the ladder), and after a
build that came out too long the next richer-than-poorest one the corrected estimate lets
through: a few builds in all (:data:`MAX_BUILDS`).
"""

from __future__ import annotations

import io
import logging
import math
from collections.abc import Callable, Sequence
from dataclasses import replace

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether
from reportlab.platypus.doctemplate import ActionFlowable
from reportlab.platypus.flowables import UseUpSpace

from ...core.errors import PrintprogError
from ...core.records import Record, record
from ...layout.flowables import HeadWith
from ...layout.prose import sentences
from ...schedule.views import days
from .back import index_columns, shows_venues, speakers, venues
from .context import Context
from .plan import Plan
from .talks import abstract, entry

#: Builds one budget run may make at most (the poorest plan's included).
MAX_BUILDS = 4
#: How full a part's pages are before any build has said (entries kept whole leave room at
#: page and column feet).
FILL = {"talks": 0.85, "compact": 0.97, "speakers": 0.9, "index": 0.97, "venues": 0.9}
_TALL = 1e7
#: Notes pages past which the line says the budget is more than the booklet needs.
MANY_NOTES = 8
#: Pages over the budget an estimate may be for the plan to be built anyway (at least
#: :data:`SLACK`, or a share of the budget): the estimate is a few pages high or low.
SLACK, SLACK_SHARE = 2, 0.04
_log = logging.getLogger("printprog.budget")
#: A canvas for the flowables that ask for one while they are measured; never saved.
_CANVAS = Canvas(io.BytesIO())


def ladder(context: Context) -> list[Plan]:
    """The plans from the richest (everything) to the poorest, each giving up one more
    thing; steps that would change nothing for this event (no bios, no abstracts) are
    left out."""
    c = context.conf
    plan = Plan()
    out = [plan]
    if any(sp.bio for sp in c.speakers):
        plan = replace(plan, bios=False)
        out.append(plan)
    most = max((sum(len(sentences(p)) for p in s.abstract) for s in c.sessions), default=0)
    for cap in range(most - 1, 0, -1):
        out.append(replace(plan, sentences=cap))
    if most:
        plan = replace(plan, abstracts=False, sentences=0)
        out.append(plan)
    if c.speakers:
        plan = replace(plan, photos=False)
        out.append(plan)
    for change in ({"room_lists": False}, {"compact": True}, {"speaker_lines": True},
                   {"index_titles": False}, {"speakers": False}):
        plan = replace(plan, **change)
        out.append(plan)
    return out


@record(frozen=True)
class Part(Record):
    """A part of the booklet whose length depends on the plan: ``kind`` names how full its
    pages come out (:data:`FILL`), ``capacity`` the points of text one of its pages holds
    (columns included)."""

    key: str
    kind: str
    capacity: float


class Measure:
    """The height of each varying part under a plan, with the flowables that print it;
    entries already measured are not measured again (a cut abstract that is no shorter
    than the cap is the same entry)."""

    def __init__(self, context: Context):
        self.context = context
        # Page references print as a number of the most digits: the real pages are not
        # known here, and ``ref`` would warn of an anchor it has not seen.
        context.recorded.update({f"talk-{s.id}": 10 ** context.refs.digits - 1
                                 for s in context.conf.sessions})
        self._talks: dict[tuple, float] = {}
        self._back: dict[tuple, float] = {}

    def parts(self, plan: Plan) -> dict[Part, float]:
        ctx = self.context
        ctx.plan = plan
        g = ctx.geometry
        columns = ctx.body_columns
        width = ctx.column_width(columns)
        out: dict[Part, float] = {}
        kind = "compact" if plan.compact else "talks"
        for day in days(ctx.conf):
            total = 0.0
            for s in day.sessions:
                key = (s.id, plan.compact, plan.speakers, abstract(ctx, s))
                h = self._talks.get(key)
                if h is None:
                    h = self._talks[key] = height(entry(ctx, s), width)
                total += h
            out[Part(f"talks-{day.date}", kind, g.text_height * columns)] = total
        if plan.speakers and plan.speaker_lines:
            n = index_columns(ctx)
            out[Part("speakers", "index", g.text_height * n)] = self._section(
                ("index", plan.index_titles), lambda: speakers(ctx), ctx.column_width(n))
        elif plan.speakers:
            n = ctx.theme.sections.booklet.speaker_columns
            out[Part("speakers", "speakers", g.text_height * n)] = self._section(
                ("speakers", plan.bios, plan.photos), lambda: speakers(ctx),
                ctx.column_width(n))
        if shows_venues(ctx):
            out[Part("venues", "venues", g.text_height * columns)] = self._section(
                ("venues", plan.room_lists), lambda: venues(ctx), width)
        return out

    def _section(self, key: tuple, make: Callable[[], list[Flowable]], width: float) -> float:
        h = self._back.get(key)
        if h is None:
            h = self._back[key] = height(make(), width)
        return h


def height(flowables: Sequence[Flowable], width: float) -> float:
    """What ``flowables`` take one after another in a column ``width`` wide, unbroken
    (page and frame breaks take nothing here)."""
    total = 0.0
    for f in flowables:
        if isinstance(f, ActionFlowable | UseUpSpace):
            continue
        # What asks for a split whatever the room (KeepTogether, and a heading kept with
        # one): measured by what it holds.
        if isinstance(f, KeepTogether):
            total += height(f._content, width)
            continue
        if isinstance(f, HeadWith):
            total += height([f.head], width) + height([f.body], width)
            continue
        f.canv = _CANVAS  # what platypus' frame lends a flowable it wraps
        try:
            total += f.wrap(width, _TALL)[1] + f.getSpaceBefore() + f.getSpaceAfter()
        finally:
            del f.canv
    return total


@record(frozen=True)
class Built(Record):
    """One build: its plan, where it went, its pages (the back cover's page) and the pages
    its parts start on (the story's anchors)."""

    plan: Plan
    result: object
    pages: int
    anchors: dict[str, int]

    @property
    def notes(self) -> int:
        """Notes pages before the back cover."""
        start = self.anchors.get("notes")
        return self.pages - start if start else 0


class Estimate:
    """Pages of a plan: the pages of the parts that do not vary (from a build) plus, for
    each part that does, its height over its pages' capacity and fill (from builds); then
    set right by what the model missed on the built plan nearest on the ladder (entries
    kept whole waste room unevenly: the model is better at differences than at totals)."""

    def __init__(self, measure: Measure, plans: Sequence[Plan]):
        self.measure, self.plans = measure, plans
        self.fill = dict(FILL)
        self.fixed = 0
        #: Ladder index -> pages of content (notes pages left out) of each build.
        self.built: dict[int, int] = {}

    def learn(self, at: int, built: Built) -> None:
        """The fixed pages and the fills of the kinds of part in ``built``, the build of
        the plan at ``at``."""
        self.built[at] = built.pages - built.notes
        parts = self.measure.parts(built.plan)
        starts = sorted((p, k) for k, p in built.anchors.items()
                        if k.startswith(("grid-", "talks-")) or k in (
                            "speakers", "venues", "notes", "back-cover"))
        varying = 0
        used: dict[str, list[float]] = {}
        for part, h in parts.items():
            start = built.anchors[part.key]
            end = min((p for p, _ in starts if p > start), default=built.pages)
            pages = end - start
            varying += pages
            got = used.setdefault(part.kind, [0.0, 0.0])
            got[0] += h
            got[1] += max(pages - 0.5, 0.5) * part.capacity  # a part's last page: half full
        for kind, (h, room) in used.items():
            self.fill[kind] = min(1.0, max(0.3, h / room))
        self.fixed = built.pages - built.notes - varying

    def model(self, plan: Plan) -> int:
        return self.fixed + sum(math.ceil(h / (part.capacity * self.fill[part.kind]))
                                for part, h in self.measure.parts(plan).items())

    def pages(self, at: int) -> int:
        """The estimated pages of the plan at ``at``, notes pages left out."""
        near = min(self.built, key=lambda i: (abs(i - at), i), default=None)
        guess = self.model(self.plans[at])
        if near is None:
            return guess
        return guess + self.built[near] - self.model(self.plans[near])


def richest(lo: int, hi: int, fits: Callable[[int], bool]) -> int:
    """The least index in ``lo..hi`` whose plan ``fits`` (plans get poorer as the index
    grows, so whether one fits changes once); ``hi`` when none before it does."""
    while lo < hi:
        mid = (lo + hi) // 2
        if fits(mid):
            hi = mid
        else:
            lo = mid + 1
    return hi


class BudgetError(PrintprogError):
    """The poorest plan does not fit the budget."""


def fit(context: Context, budget: int, build: Callable[[Plan], Built],
        name: str) -> Built:
    """The richest plan's build that fits ``budget`` pages (padded to exactly that); at
    most :data:`MAX_BUILDS` builds, only the best fitting one kept. Raises
    :class:`BudgetError` when even the poorest plan takes more pages."""
    plans = [replace(p, pages=budget) for p in ladder(context)]
    estimate = Estimate(Measure(context), plans)
    poorest = build(plans[-1])
    made = 1
    _log.debug("budget %d: the poorest plan built %d pages", budget, poorest.pages)
    if poorest.pages > budget:
        least = poorest.pages + (-poorest.pages) % 4
        raise BudgetError(
            f"--pages {budget}: {name}'s days at a glance and a one-line-per-session index "
            f"alone take {least} pages; use --pages {least} or more")
    estimate.learn(len(plans) - 1, poorest)
    slack = max(SLACK, round(budget * SLACK_SHARE))
    best, best_at, lo = poorest, len(plans) - 1, 0
    # Plans before ``lo`` are too long (one at ``lo - 1`` was built and was); ``best_at``
    # fits. Whether a plan fits changes once along the ladder.
    while made < MAX_BUILDS:
        at = richest(lo, best_at, lambda i: estimate.pages(i) <= budget)
        # None by the estimate, but one richer than the poorest fits already: the next
        # richer plan if the estimate is only a little over (it is a few pages high or
        # low); a build that comes out too long then costs a build, never the fallback to
        # the poorest.
        if at >= best_at and best is not poorest and best_at > lo \
                and estimate.pages(best_at - 1) <= budget + slack:
            at = best_at - 1
        if at >= best_at:
            break
        guess = estimate.pages(at)
        tried = build(plans[at])
        made += 1
        _log.debug("budget %d: %s estimated %d, built %d pages", budget,
                   plans[at].given_up() or ["nothing"], guess, tried.pages)
        estimate.learn(at, tried)
        if tried.pages <= budget:
            best, best_at = tried, at
        else:
            lo = at + 1
    return best


def said(built: Built, budget: int, photos: bool) -> str:
    """The line that tells what was given up to fit ``budget`` pages."""
    gone = built.plan.given_up(photos)
    pad = (f"{built.notes} notes page{'s pad' if built.notes != 1 else ' pads'} it"
           if built.notes else "")
    if built.notes > MANY_NOTES:
        # The richer plans do not fit; the same plan fits a smaller budget with less blank.
        least = built.pages - built.notes + (-(built.pages - built.notes)) % 4
        pad += f" (more than {MANY_NOTES}: --pages {least} prints the same with fewer)"
    if not gone:
        return f"{budget} pages: everything fits" + (f"; {pad}" if pad else "")
    if not built.notes:
        gone.insert(0, "no notes pages")
    return f"to fit {budget} pages: {', '.join(gone)}" + (f"; {pad}" if pad else "")
