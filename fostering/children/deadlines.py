"""A looked-after child's review clocks (Care Planning Regulations, reg 33), computed from the care record.

The first review is due 20 working days after care starts (a council may set another length: the reviews
part registers where its setting is read, ``register_first_review_length``), the second 3 months after the
first, then every 6 months. My work shows a child's social worker the open review clocks of the children
allocated to them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import date

from django.urls import reverse

from fostering.accounts.models import User
from fostering.accounts.permissions import Perm, organisations_with
from fostering.deadlines.calendar import add_working_days
from fostering.deadlines.items import Deadline, WorkItem
from fostering.deadlines.rules import get_rule
from fostering.deadlines.status import deadline_status

from .models import Child, PeriodOfCare

FirstReviewLengths = Callable[[Iterable[int]], dict[int, int]]
_FIRST_REVIEW_LENGTHS: list[FirstReviewLengths] = []


def register_first_review_length(source: FirstReviewLengths) -> None:
    """Where the councils' own first-review lengths (working days, by organisation id) are read."""
    _FIRST_REVIEW_LENGTHS[:] = [source]


def first_review_lengths(organisation_ids: Iterable[int]) -> dict[int, int]:
    """Each council's first-review length in working days (the rule's 20 unless a council set another)."""
    ids = set(organisation_ids)
    lengths = dict.fromkeys(ids, get_rule("child_first_review").amount)
    for source in _FIRST_REVIEW_LENGTHS:
        lengths.update(source(ids))
    return lengths


def first_review_deadline(started_on: date, *, working_days: int | None, today: date) -> Deadline:
    rule = get_rule("child_first_review")
    if working_days is None or working_days == rule.amount:
        return Deadline.compute("child_first_review", started_on, today=today)
    due = add_working_days(started_on, working_days)
    status = deadline_status(due=due, met_on=None, today=today, due_soon_working_days=rule.due_soon)
    return Deadline(rule=rule.code, due=due, met_on=None, status=status)


def review_deadline(
    period: PeriodOfCare | None, reviews: list[date], *, today: date, first_review_days: int | None = None
) -> Deadline | None:
    """The next review clock of the current period of care (``reviews``: review dates, any order)."""
    if period is None or period.ended_on is not None:
        return None
    held = sorted(d for d in reviews if d >= period.started_on)
    if not held:
        return first_review_deadline(period.started_on, working_days=first_review_days, today=today)
    if len(held) == 1:
        return Deadline.compute("child_second_review", held[0], today=today)
    return Deadline.compute("child_review", held[-1], today=today)


def child_deadlines(child: Child, *, today: date) -> list[Deadline]:
    period = child.periods_of_care.filter(ended_on__isnull=True).first()
    days = first_review_lengths([child.organisation_id])[child.organisation_id] if period else None
    clock = review_deadline(
        period, list(child.reviews.values_list("held_on", flat=True)), today=today, first_review_days=days
    )
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
    lengths = first_review_lengths(orgs)
    for period in periods:
        clock = review_deadline(
            period,
            reviews.get(period.child_id, []),
            today=today,
            first_review_days=lengths.get(period.organisation_id),
        )
        if clock is not None and clock.status.is_open:
            yield WorkItem(
                clock,
                clock.title,
                period.child.person.full_name,
                reverse("children:care", args=[period.child_id]),
                period.organisation_id,
            )
