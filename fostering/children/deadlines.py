"""A looked-after child's review clocks (Care Planning Regulations, reg 33), computed from the care record.

The first review is due 28 days after care starts, the second 3 months after the first, then every 6
months. My work shows a child's social worker the open review clocks of the children allocated to them.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from django.urls import reverse

from fostering.accounts.models import User
from fostering.accounts.permissions import Perm, organisations_with
from fostering.deadlines.items import Deadline, WorkItem

from .models import Child, PeriodOfCare


def review_deadline(period: PeriodOfCare | None, reviews: list[date], *, today: date) -> Deadline | None:
    """The next review clock of the current period of care (``reviews``: review dates, any order)."""
    if period is None or period.ended_on is not None:
        return None
    held = sorted(d for d in reviews if d >= period.started_on)
    if not held:
        return Deadline.compute("child_first_review", period.started_on, today=today)
    if len(held) == 1:
        return Deadline.compute("child_second_review", held[0], today=today)
    return Deadline.compute("child_review", held[-1], today=today)


def child_deadlines(child: Child, *, today: date) -> list[Deadline]:
    period = child.periods_of_care.filter(ended_on__isnull=True).first()
    clock = review_deadline(period, list(child.reviews.values_list("held_on", flat=True)), today=today)
    return [clock] if clock is not None else []


def childs_social_worker_work(user: User, today: date) -> Iterator[WorkItem]:
    """The review clocks of the children in care allocated to the user."""
    orgs = organisations_with(user, Perm.RECORD_CARE)
    if not orgs:
        return
    periods = PeriodOfCare.objects.filter(
        ended_on__isnull=True, child__social_worker=user, organisation_id__in=orgs
    ).select_related("child__person")
    reviews: dict[int, list[date]] = {}
    for child_id, held_on in (
        Child.objects.filter(social_worker=user).values_list("pk", "reviews__held_on").order_by()
    ):
        if held_on is not None:
            reviews.setdefault(child_id, []).append(held_on)
    for period in periods:
        clock = review_deadline(period, reviews.get(period.child_id, []), today=today)
        if clock is not None and clock.status.is_open:
            yield WorkItem(
                clock,
                clock.title,
                period.child.person.full_name,
                reverse("children:care", args=[period.child_id]),
                period.organisation_id,
            )
