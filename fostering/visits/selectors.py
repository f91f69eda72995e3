"""The read side of the visits part, scoped through the child record's selectors."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet

from fostering.accounts.models import User
from fostering.children.models import Child
from fostering.children.selectors import child_list_for_user
from fostering.deadlines.items import Deadline
from fostering.deadlines.status import DeadlineStatus

from .deadlines import visit_clocks
from .models import ChildVisit, SocialWorkerAllocation


def allocations_for_child(child: Child) -> QuerySet[SocialWorkerAllocation]:
    return child.social_worker_allocations.select_related("worker")  # type: ignore[attr-defined]


def visits_for_child(child: Child) -> QuerySet[ChildVisit]:
    return child.visits.select_related("visited_by")  # type: ignore[attr-defined]


@dataclass(frozen=True)
class ChildClock:
    child: Child
    clock: Deadline


def visit_clocks_for_user(*, user: User, today: date) -> list[ChildClock]:
    """Every child in care in the user's reach with their visit clock, most overdue first."""
    children = {
        c.pk: c for c in child_list_for_user(user=user).filter(periods_of_care__ended_on__isnull=True)
    }
    clocks = visit_clocks(children.values(), today=today) if children else {}
    rows = [ChildClock(children[pk], clock) for pk, clock in clocks.items()]
    return sorted(rows, key=lambda row: (row.clock.due, row.child.child_id))


def overdue_visits_for_user(*, user: User, today: date) -> list[ChildClock]:
    return [
        row
        for row in visit_clocks_for_user(user=user, today=today)
        if row.clock.status is DeadlineStatus.OVERDUE
    ]


@dataclass(frozen=True)
class VisitsInTime:
    """The figure: children in care whose visit is not overdue, of all with a visit clock."""

    in_time: list[ChildClock]
    late: list[ChildClock]

    @property
    def total(self) -> int:
        return len(self.in_time) + len(self.late)

    @property
    def percentage(self) -> float | None:
        return round(100 * len(self.in_time) / self.total, 1) if self.total else None


def visits_in_time_for_user(*, user: User, today: date) -> VisitsInTime:
    rows = visit_clocks_for_user(user=user, today=today)
    late = [row for row in rows if row.clock.status is DeadlineStatus.OVERDUE]
    return VisitsInTime([row for row in rows if row.clock.status is not DeadlineStatus.OVERDUE], late)
