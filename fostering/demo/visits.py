"""The children in care's social workers over time and their social workers' visits.

Every child in care now gets an allocation history from the day their care began to the social worker
the children step allocated (``child.social_worker``): first contact, then a change every year or two for
the usual reasons (a social worker leaving, a transfer between teams, a restructure...). Visits follow each
placement of the current period of care: the first within a week or so, then every 4 to 6 weeks, every 2
to 3 months in a long-term placement after its first year, with some late (about 1 in 8). Rows are
inserted in bulk.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING

from fostering.accounts.roles import Role
from fostering.children.models import PeriodOfCare
from fostering.deadlines.rules import add_months
from fostering.households.choices import PlacementType
from fostering.placements.models import Placement
from fostering.visits.choices import SocialWorkerReason, VisitPlace
from fostering.visits.models import ChildVisit, SocialWorkerAllocation

if TYPE_CHECKING:
    from fostering.accounts.models import User

    from .generator import DemoContext

CHANGE_REASONS = [
    (SocialWorkerReason.LEFTRL, 30),
    (SocialWorkerReason.TSPROC, 25),
    (SocialWorkerReason.MANAGE, 15),
    (SocialWorkerReason.ORGRST, 10),
    (SocialWorkerReason.ABSENC, 10),
    (SocialWorkerReason.CHCHAN, 4),
    (SocialWorkerReason.PCCHAN, 3),
    (SocialWorkerReason.OTHERS, 3),
]
PLACES = [
    (VisitPlace.PLACEMENT, 75),
    (VisitPlace.SCHOOL, 10),
    (VisitPlace.COMMUNITY, 8),
    (VisitPlace.OFFICE, 4),
    (VisitPlace.FAMILY, 3),
]


def _pick(ctx: DemoContext, weighted: Sequence[tuple[str, int]]) -> str:
    return ctx.rng.choices([code for code, _ in weighted], weights=[w for _, w in weighted])[0]


def build_visits(ctx: DemoContext) -> None:
    rng, today = ctx.rng, ctx.today
    workers: list[User] = ctx.staff.get(Role.CHILDS_SOCIAL_WORKER, [])
    children = [c for c in ctx.records["children_in_care"] if c.social_worker_id is not None]
    if not workers or not children:
        return
    sw_ids = {}
    for worker in workers:
        sw_ids[worker.pk] = f"SW{rng.randint(100000, 999999)}"
    ids = [c.pk for c in children]
    started = dict(
        PeriodOfCare.objects.filter(child_id__in=ids, ended_on__isnull=True).values_list(
            "child_id", "started_on"
        )
    )
    placements: dict[int, list[tuple[date, date | None, bool]]] = {}
    for child_id, start, end, kind in (
        Placement.objects.filter(child_id__in=ids, period_of_care__ended_on__isnull=True)
        .order_by("started_on")
        .values_list("child_id", "started_on", "ended_on", "placement_type")
    ):
        placements.setdefault(child_id, []).append((start, end, kind == PlacementType.LONG_TERM))
    allocations: list[SocialWorkerAllocation] = []
    visits: list[ChildVisit] = []
    for child in children:
        care_start = started.get(child.pk)
        if care_start is None or care_start > today - timedelta(days=3):
            continue
        history = _allocation_history(ctx, child.social_worker_id, workers, care_start)
        for n, (worker_id, start, reason) in enumerate(history):
            end = history[n + 1][1] if n + 1 < len(history) else None
            allocation = SocialWorkerAllocation(
                child=child,
                worker_id=worker_id,
                sw_id=sw_ids[worker_id],
                started_on=start,
                ended_on=end,
                reason=reason,
            )
            allocations.append(ctx.stamp(allocation, on=start))
        starts = [start for _, start, _ in history]
        for start, end, long_term in placements.get(child.pk, []):
            for day in _visit_days(ctx, start, min(end or today, today), long_term):
                worker_id = history[bisect_right(starts, day) - 1][0]
                visit = ChildVisit(
                    child=child,
                    visited_on=day,
                    visited_by_id=worker_id,
                    seen_alone=rng.random() < 0.7,
                    place=_pick(ctx, PLACES),
                    notes="",
                )
                visits.append(ctx.stamp(visit, on=day))
    ctx.insert(allocations)
    ctx.insert(visits)


def _allocation_history(
    ctx: DemoContext, current: int, workers: list[User], care_start: date
) -> list[tuple[int, date, str]]:
    """(worker pk, from, reason) in order, the last one the child's social worker now."""
    rng, today = ctx.rng, ctx.today
    years = (today - care_start).days / 365
    changes = min(sum(1 for _ in range(max(1, round(years * 2))) if rng.random() < 0.3), 4)
    latest = today - timedelta(days=3)
    days = sorted({ctx.between(care_start + timedelta(days=14), latest) for _ in range(changes)})
    days = [d for d in days if d > care_start + timedelta(days=3)]
    spaced: list[date] = []
    for day in days:
        if not spaced or day >= spaced[-1] + timedelta(days=7):
            spaced.append(day)
    chain = [current]
    for _ in spaced:
        others = [w.pk for w in workers if w.pk != chain[-1]] or [chain[-1]]
        chain.append(rng.choice(others))
    chain.reverse()  # the earliest worker first, the current one last
    history = [(chain[0], care_start, SocialWorkerReason.FCONTA.value)]
    for worker_id, day in zip(chain[1:], spaced, strict=True):
        if worker_id == history[-1][0]:
            continue
        history.append((worker_id, day, _pick(ctx, CHANGE_REASONS)))
    return history


def _visit_days(ctx: DemoContext, start: date, until: date, long_term: bool) -> list[date]:
    """The visits in one placement from ``start`` to ``until``: mostly in time, some late."""
    rng = ctx.rng
    late = rng.random() < 0.12  # a placement whose visits slip more often
    day = start + timedelta(
        days=rng.choice([1, 2, 3, 4, 5, 6, 7, 7, 9, 12] if late else [1, 2, 3, 4, 5, 6, 7])
    )
    days = []
    year_on = add_months(start, 12)
    while day < until:
        days.append(day)
        if long_term and day >= year_on:
            gap = rng.randint(56, 88) if rng.random() > (0.3 if late else 0.08) else rng.randint(93, 120)
        else:
            gap = rng.randint(25, 41) if rng.random() > (0.3 if late else 0.08) else rng.randint(43, 60)
        day += timedelta(days=gap)
    return days
