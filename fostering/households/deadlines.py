"""The household clocks, computed from dated facts (approval, visits, reviews, checks), never stored."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

from django.db.models import Max, Q
from django.urls import reverse

from fostering.accounts.models import User
from fostering.deadlines.items import Deadline, WorkItem
from fostering.people.choices import CheckKind, CheckOutcome, MemberRole
from fostering.people.models import Check

from .choices import OPEN_STATUSES, CarerType
from .models import FosteringHousehold
from .selectors import household_list_for_user, with_clock_facts

TSD_VARIANTS = {CarerType.KINSHIP: "kinship", CarerType.SHORT_BREAKS: "short_breaks"}


def household_deadlines(fh: FosteringHousehold, *, today: date) -> list[Deadline]:
    """The open clocks of an approved household. ``fh`` comes from ``with_clock_facts``."""
    if fh.status not in OPEN_STATUSES:
        return []
    last_supervision = getattr(fh, "last_supervision_on", None)
    last_unannounced = getattr(fh, "last_unannounced_on", None)
    last_review = getattr(fh, "last_review_on", None)
    return [
        Deadline.compute("supervision", max(last_supervision or fh.approved_on, fh.approved_on), today=today),
        Deadline.compute("unannounced_visit", last_unannounced or fh.approved_on, today=today),
        Deadline.compute("annual_review", last_review or fh.approved_on, today=today),
    ]


def check_renewals(household_ids: Iterable[int], *, today: date) -> dict[int, list[tuple[str, Deadline]]]:
    """DBS and medical renewals of current adult members, by household: the latest clear check starts the clock."""
    rows = (
        Check.objects.filter(
            member__household__fostering__in=list(household_ids),
            member__left_on__isnull=True,
            outcome=CheckOutcome.CLEAR,
            received_on__isnull=False,
        )
        .filter(Q(kind=CheckKind.DBS) | Q(kind=CheckKind.MEDICAL, member__role=MemberRole.CARER))
        .values(
            "member__household__fostering", "member__person__first_name", "member__person__last_name", "kind"
        )
        .annotate(latest=Max("received_on"))
    )
    found: dict[int, list[tuple[str, Deadline]]] = {}
    for row in rows:
        rule = "dbs_renewal" if row["kind"] == CheckKind.DBS else "medical_renewal"
        name = f"{row['member__person__first_name']} {row['member__person__last_name']}"
        found.setdefault(row["member__household__fostering"], []).append(
            (name, Deadline.compute(rule, row["latest"], today=today))
        )
    return found


def supervising_social_worker_work(user: User, today: date) -> Iterator[WorkItem]:
    """The household clocks of the households the user supervises."""
    households = list(
        with_clock_facts(household_list_for_user(user=user).filter(supervising_social_worker=user)).filter(
            status__in=OPEN_STATUSES
        )
    )
    renewals = check_renewals([fh.pk for fh in households], today=today)
    for fh in households:
        url = reverse("households:detail", args=[fh.pk])
        for deadline in household_deadlines(fh, today=today):
            if deadline.status.is_open:
                yield WorkItem(deadline, deadline.title, fh.household.name, url, fh.organisation_id)
        for name, deadline in renewals.get(fh.pk, []):
            if deadline.status.is_open:
                yield WorkItem(
                    deadline, deadline.title, f"{name}, {fh.household.name}", url, fh.organisation_id
                )
