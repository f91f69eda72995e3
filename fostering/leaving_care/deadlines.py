"""Care leavers' clocks: the pathway plan's 6-monthly review and the birthday contacts; the personal
adviser's My work lists the birthday contacts due and the pathway plans to review of their own caseload."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from django.db.models import Max
from django.urls import reverse

from fostering.accounts.models import User
from fostering.accounts.permissions import Perm, organisations_with
from fostering.children.models import Child
from fostering.deadlines.items import Deadline, WorkItem

from .models import CareLeaver
from .selectors import birthdays_ahead


def plan_deadline(last_plan: date | None, today: date) -> Deadline | None:
    if last_plan is None:
        return None
    return Deadline.compute("pathway_plan_review", last_plan, today=today)


def care_leaver_deadlines(child: Child, today: date) -> list[Deadline]:
    """The clocks shown on the child's page: the pathway plan review and any birthday contact due."""
    leaver = CareLeaver.objects.filter(child=child).first()
    if leaver is None:
        return []
    clocks = []
    last = leaver.pathway_plans.aggregate(last=Max("agreed_on"))["last"]
    plan = plan_deadline(last, today)
    if plan is not None:
        clocks.append(plan)
    clocks += [due.deadline for due in birthdays_ahead(CareLeaver.objects.filter(pk=leaver.pk), today)]
    return clocks


def personal_adviser_work(user: User, today: date) -> Iterator[WorkItem]:
    """The personal adviser's own caseload: birthday contacts due and pathway plans to review (3 queries)."""
    orgs = organisations_with(user, Perm.RECORD_LEAVING_CARE)
    if not orgs:
        return
    mine = CareLeaver.objects.filter(organisation_id__in=orgs, personal_adviser=user).select_related(
        "child__person"
    )
    for due in birthdays_ahead(mine, today):
        if due.deadline.status.is_open:
            yield WorkItem(
                due.deadline,
                f"{due.age}th birthday contact",
                due.care_leaver.child.person.full_name,
                reverse("leaving_care:birthday_contact", args=[due.care_leaver.pk]),
                due.care_leaver.organisation_id,
            )
    for leaver in mine.annotate(last_plan=Max("pathway_plans__agreed_on")).filter(last_plan__isnull=False):
        plan = plan_deadline(leaver.last_plan, today)  # type: ignore[attr-defined]
        if plan is not None and plan.status.is_open:
            yield WorkItem(
                plan,
                plan.title,
                leaver.child.person.full_name,
                reverse("leaving_care:detail", args=[leaver.pk]),
                leaver.organisation_id,
            )
