"""The visit clock of a child in care (Care Planning Regulations 2010, reg 28).

A visit is due within 1 week of a new placement, then at least every 6 weeks in the first year of the
placement, then every 3 months once a long-term placement has lasted a year. A council may set a
stricter interval (``VisitSettings.interval_weeks``): every visit after the first is then due that many
weeks after the last one, whatever the placement. The clocks of many children are read in a fixed number
of queries (``visit_clocks``), for My work, the overdue list and the figure.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Q
from django.urls import reverse

from fostering.accounts.models import User
from fostering.accounts.permissions import Perm, organisations_with
from fostering.children.models import Child
from fostering.deadlines.items import Deadline, WorkItem
from fostering.deadlines.rules import add_months, get_rule
from fostering.deadlines.status import deadline_status
from fostering.households.choices import PlacementType
from fostering.placements.models import Placement

from .models import ChildVisit, VisitSettings


@dataclass(frozen=True)
class PlacementFacts:
    """What the clock needs of the child's current placement."""

    started_on: date
    long_term: bool


def visit_deadline(
    placement: PlacementFacts | None,
    visits: Iterable[date],
    *,
    today: date,
    interval_weeks: int | None = None,
) -> Deadline | None:
    """The next visit clock for a child in ``placement`` (None when not placed), from the visit dates."""
    if placement is None:
        return None
    held = sorted(d for d in visits if d >= placement.started_on)
    if not held:
        return Deadline.compute("child_visit_first", placement.started_on, today=today)
    last = held[-1]
    if interval_weeks:
        code = "child_visit"
        due = last + timedelta(weeks=interval_weeks)
        status = deadline_status(
            due=due, met_on=None, today=today, due_soon_working_days=get_rule(code).due_soon
        )
        return Deadline(rule=code, due=due, met_on=None, status=status)
    if placement.long_term and last >= add_months(placement.started_on, 12):
        return Deadline.compute("child_visit_long_term", last, today=today)
    return Deadline.compute("child_visit", last, today=today)


def interval_weeks_for(organisation_id: int) -> int | None:
    return (
        VisitSettings.objects.filter(organisation_id=organisation_id)
        .values_list("interval_weeks", flat=True)
        .first()
    )


def visit_clocks(
    children: Iterable[Child] | None, *, today: date, query: Q | None = None
) -> dict[int, Deadline]:
    """Child pk -> open visit clock for the children in care now, in three queries.

    Either ``children`` (records already read) or ``query`` (a filter on Placement's child, e.g.
    ``Q(child__social_worker=user)``) says whose clocks are wanted.
    """
    placements = Placement.objects.filter(
        period_of_care__isnull=False, period_of_care__ended_on__isnull=True, started_on__lte=today
    ).filter(Q(ended_on__isnull=True) | Q(ended_on__gt=today))
    if children is not None:
        placements = placements.filter(child__in=[c.pk for c in children])
    if query is not None:
        placements = placements.filter(query)
    current: dict[int, tuple[int, PlacementFacts]] = {}
    for child_id, org_id, started_on, kind in placements.order_by("started_on").values_list(
        "child_id", "organisation_id", "started_on", "placement_type"
    ):
        current[child_id] = (org_id, PlacementFacts(started_on, kind == PlacementType.LONG_TERM))
    if not current:
        return {}
    visits: dict[int, list[date]] = {}
    for child_id, visited_on in ChildVisit.objects.filter(child_id__in=list(current)).values_list(
        "child_id", "visited_on"
    ):
        visits.setdefault(child_id, []).append(visited_on)
    intervals = dict(
        VisitSettings.objects.filter(organisation_id__in={org for org, _ in current.values()}).values_list(
            "organisation_id", "interval_weeks"
        )
    )
    clocks = {}
    for child_id, (org_id, facts) in current.items():
        clock = visit_deadline(
            facts, visits.get(child_id, []), today=today, interval_weeks=intervals.get(org_id)
        )
        if clock is not None:
            clocks[child_id] = clock
    return clocks


def child_visit_deadlines(child: Child, today: date) -> list[Deadline]:
    """The child's page: the visit clock (registered with the child record's sections)."""
    clock = visit_clocks([child], today=today).get(child.pk)
    return [clock] if clock is not None else []


def childs_social_worker_visits(user: User, today: date) -> Iterator[WorkItem]:
    """My work: the visit clocks of the children in care allocated to the user (a fixed number of queries)."""
    orgs = organisations_with(user, Perm.RECORD_CHILD_VISIT)
    if not orgs:
        return
    clocks = visit_clocks(None, today=today, query=Q(child__social_worker=user, organisation_id__in=orgs))
    if not clocks:
        return
    children = Child.objects.filter(pk__in=list(clocks)).select_related("person")
    for child in children:
        clock = clocks[child.pk]
        if clock.status.is_open:
            yield WorkItem(
                clock,
                clock.title,
                child.person.full_name,
                reverse("visits:child", args=[child.pk]),
                child.organisation_id,
            )
