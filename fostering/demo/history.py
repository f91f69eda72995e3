"""An approved household's history: status changes, supervision visits and household reviews.

Used by the households step. Visits come every 4 to 6 weeks (now and then late), with at least one
unannounced visit in most years; reviews come a little before each anniversary (now and then late). A
few open households are left with an overdue visit or review so that "My work" shows every colour.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

from fostering.deadlines.calendar import add_months, is_working_day
from fostering.households.choices import CarerType, HouseholdStatus, ReviewKind

if TYPE_CHECKING:
    from .generator import DemoContext

S = HouseholdStatus

ON_HOLD_REASONS = (
    "Carer recovering from an operation",
    "Bereavement in the family",
    "Moving house",
    "Allegation being looked into by the LADO",
    "Carers' own child sitting exams this summer",
    "Taking a break after a long placement ended",
    "Building work at home: no spare bedroom until it is finished",
    "Carer has started a new job; reviewing what they can offer",
)
RESIGNATION_REASONS: tuple[tuple[str, float], ...] = (
    ("Retirement", 30),
    ("Change of circumstances", 30),
    ("Moved to an independent fostering agency", 12),
    ("Transferred to another local authority", 8),
    ("Dissatisfaction with the support from the service", 10),
    ("Young person turned 18 and moved on", 10),
)
KINSHIP_RESIGNATION_REASONS: tuple[tuple[str, float], ...] = (
    ("Special guardianship order granted for the child", 55),
    ("Child turned 18", 20),
    ("Change of circumstances", 15),
    ("Child returned home to their parents", 10),
)
DEREGISTRATION_REASONS = (
    "Approval terminated by the agency decision maker after a review following concerns",
    "No placements for two years: approval terminated by the agency decision maker",
    "Carer's health: approval terminated by the agency decision maker after a review",
)
VISIT_NOTES = (
    "Talked through the children's routines and how school is going.",
    "Reviewed the safer caring plan; no changes needed.",
    "Discussed family time arrangements and how the children are after contact.",
    "Looked at the carers' training record and booked the next course.",
    "Carers are tired: talked about respite and support from the DPST.",
    "Checked bedrooms and the home; all in good order.",
    "Went through the recording in the carers' daily log.",
    "Discussed the child's health appointments and the next LAC review.",
    "Talked about the young person's plans for college and pathway planning.",
    "Carers raised a query about allowances: passed to the payments team.",
)
REVIEW_SUMMARIES = (
    "Carers continue to provide warm, consistent care. Terms of approval unchanged.",
    "Review recommends continued approval. Training plan agreed for the coming year.",
    "Children's views gathered: they feel settled and safe. Continued approval recommended.",
    "Carers have worked well with the child's social worker and school. No changes to approval.",
    "Some concerns about recording; support plan agreed. Continued approval recommended.",
)


@dataclass
class HistoryPlan:
    """The dated facts of one household, built before anything is saved."""

    status: str
    changes: list[tuple[str, str, date, str]] = field(default_factory=list)  # from, to, on, reason
    visits: list[tuple[date, bool, str]] = field(default_factory=list)  # on, unannounced, notes
    reviews: list[tuple[date, str, str]] = field(default_factory=list)  # on, kind, summary


@lru_cache(maxsize=20_000)
def _working_day(d: date) -> bool:
    return is_working_day(d)


def working_day_on_or_before(d: date, floor: date) -> date:
    """The last working day on or before ``d`` (but not before ``floor``)."""
    moved = d
    while moved > floor and not _working_day(moved):
        moved -= timedelta(days=1)
    return moved


def status_history(
    ctx: DemoContext, *, carer_type: str, approved_on: date, closed_on: date | None, closed_status: str
) -> HistoryPlan:
    rng, today = ctx.rng, ctx.today
    changes: list[tuple[str, str, date, str]] = [("", S.AVAILABLE, approved_on, "Approved")]
    current: str = S.AVAILABLE
    if carer_type == CarerType.KINSHIP:
        changes.append((S.AVAILABLE, S.FULL, approved_on, "Approved for the named child placed with them"))
        current = S.FULL
    end = closed_on or today
    if closed_on is not None:
        final = closed_status
        final_on = closed_on
    else:
        roll = rng.random()
        if carer_type == CarerType.KINSHIP:
            final = S.FULL if roll < 0.9 else S.ON_HOLD if roll < 0.95 else S.AVAILABLE
        else:
            final = S.FULL if roll < 0.55 else S.AVAILABLE if roll < 0.93 else S.ON_HOLD
        final_on = ctx.between(max(approved_on + timedelta(days=1), today - timedelta(days=150)), today)
    window_start = max(approved_on + timedelta(days=1), ctx.history_start)
    # Mainstream and other households fill and empty as placements start and end; kinship ones do not.
    moves = 0 if carer_type == CarerType.KINSHIP else rng.randint(0, 3)
    toggles = sorted({ctx.between(window_start, final_on - timedelta(days=1)) for _ in range(moves)})
    toggles = [d for d in toggles if window_start <= d < final_on]
    for on in toggles:
        to = S.AVAILABLE if current == S.FULL else S.FULL
        changes.append((current, to, on, ""))
        current = to
    if final != current:
        reason = ""
        if final == S.ON_HOLD:
            reason = rng.choice(ON_HOLD_REASONS)
        elif final == S.RESIGNED:
            pairs = KINSHIP_RESIGNATION_REASONS if carer_type == CarerType.KINSHIP else RESIGNATION_REASONS
            reason = rng.choices([r for r, _ in pairs], weights=[w for _, w in pairs])[0]
        elif final == S.DEREGISTERED:
            reason = rng.choice(DEREGISTRATION_REASONS)
        changes.append((current, final, max(final_on, changes[-1][2]), reason))
    assert end >= changes[-1][2]
    return HistoryPlan(status=final, changes=changes)


def supervision_visits(
    ctx: DemoContext, plan: HistoryPlan, *, approved_on: date, end: date, force: str = ""
) -> None:
    """Visits from approval (or the start of the history) to ``end``. ``force`` is "overdue" or "on_track"."""
    rng, today = ctx.rng, ctx.today
    start = max(approved_on, ctx.history_start)
    if approved_on >= ctx.history_start:
        on = approved_on + timedelta(days=rng.randint(7, 35))
    else:
        on = ctx.history_start + timedelta(days=rng.randint(0, 40))
    dates: list[date] = []
    while on <= end:
        dates.append(max(start, working_day_on_or_before(on, start)))
        on += timedelta(days=rng.randint(43, 65) if rng.random() < 0.07 else rng.randint(28, 42))
    if force == "overdue" or (force == "" and end == today and rng.random() < 0.06):
        cutoff = today - timedelta(days=rng.randint(45, 80))
        dates = [d for d in dates if d <= cutoff]
    elif force == "on_track":
        if not dates or dates[-1] < today - timedelta(days=20):
            recent = working_day_on_or_before(today - timedelta(days=rng.randint(1, 14)), start)
            if recent >= start and (not dates or recent > dates[-1]):
                dates.append(recent)
    dates = sorted(set(dates))
    unannounced: set[date] = set()
    window = start
    while window <= end:
        in_year = [d for d in dates if window <= d < window + timedelta(days=365)]
        if in_year and rng.random() < 0.92:
            unannounced.add(rng.choice(in_year))
        window += timedelta(days=365)
    plan.visits = [
        (d, d in unannounced, rng.choice(VISIT_NOTES) if rng.random() < 0.7 else "") for d in dates
    ]


def household_reviews(
    ctx: DemoContext, plan: HistoryPlan, *, approved_on: date, end: date, deregistered: bool
) -> None:
    """A review before each anniversary from approval (the first one goes to panel)."""
    rng, today = ctx.rng, ctx.today
    reviews: list[tuple[date, str, str]] = []
    last = approved_on
    while True:
        due = add_months(last, 12)
        held = (
            due - timedelta(days=rng.randint(0, 50))
            if rng.random() < 0.9
            else due + timedelta(days=rng.randint(1, 55))
        )
        held = max(last + timedelta(days=1), working_day_on_or_before(held, last + timedelta(days=1)))
        if held > end:
            break
        if held >= ctx.history_start:
            kind = ReviewKind.FIRST if last == approved_on else ReviewKind.ANNUAL
            reviews.append((held, kind, rng.choice(REVIEW_SUMMARIES)))
        last = held
    if end == today and len(reviews) >= 1 and rng.random() < 0.2:
        previous = reviews[-2][0] if len(reviews) >= 2 else approved_on
        if today - timedelta(days=90) <= add_months(previous, 12) < today:
            reviews.pop()  # this year's review is overdue
    if deregistered and end > max(approved_on, ctx.history_start):
        held = end - timedelta(days=rng.randint(14, 60))
        if held > max(approved_on, reviews[-1][0] if reviews else approved_on):
            reviews.append(
                (held, ReviewKind.FOLLOWING_CONCERNS, "Review following concerns about standards of care.")
            )
    plan.reviews = reviews
