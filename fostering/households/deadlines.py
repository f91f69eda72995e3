"""The household clocks, computed from dated facts (approval, visits, reviews, checks), never stored."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

from django.db.models import Max, Q
from django.urls import reverse

from fostering.accounts.models import User
from fostering.core.validators import age_on
from fostering.deadlines.items import Deadline, WorkItem
from fostering.deadlines.rules import add_months
from fostering.people.choices import CheckKind, CheckOutcome, MemberRole
from fostering.people.models import Check, HouseholdMember
from fostering.people.services import checks_outstanding

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
    last_plan = getattr(fh, "last_support_plan_on", None)
    found = [
        Deadline.compute("supervision", max(last_supervision or fh.approved_on, fh.approved_on), today=today),
        Deadline.compute("unannounced_visit", last_unannounced or fh.approved_on, today=today),
        Deadline.compute("annual_review", last_review or fh.approved_on, today=today),
    ]
    if last_plan is not None:
        found.append(Deadline.compute("support_plan_review", last_plan, today=today))
    return found


def tsd_deadlines(
    households: Iterable[FosteringHousehold], *, today: date
) -> dict[int, list[tuple[str, Deadline]]]:
    """The TSD standards of each current carer: due 12 months from approval (or from joining, if later),
    18 months for kinship and short-break carers; met by the carer's completion."""
    by_household = {fh.household_id: fh for fh in households if fh.status in OPEN_STATUSES}
    rows = (
        HouseholdMember.objects.filter(
            household_id__in=list(by_household), role=MemberRole.CARER, left_on__isnull=True
        )
        .select_related("person", "tsd_completion")
        .order_by("household_id", "person__last_name", "person__first_name", "id")
    )
    found: dict[int, list[tuple[str, Deadline]]] = {}
    for member in rows:
        fh = by_household[member.household_id]
        completion = getattr(member, "tsd_completion", None)
        deadline = Deadline.compute(
            "tsd_standards",
            max(fh.approved_on, member.joined_on),
            met_on=completion.completed_on if completion else None,
            today=today,
            variant=TSD_VARIANTS.get(CarerType(fh.carer_type)),
        )
        found.setdefault(fh.pk, []).append((member.person.full_name, deadline))
    return found


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


def adult_member_checks(
    households: Iterable[FosteringHousehold], *, today: date
) -> dict[int, list[tuple[str, Deadline]]]:
    """A member who is not a carer and is an adult today (a birth child who turned 18, an adult who joined)
    still needing DBS or local authority checks: due a month from the 18th birthday or joining."""
    by_household = {fh.household_id: fh for fh in households if fh.status in OPEN_STATUSES}
    members = (
        HouseholdMember.objects.filter(household_id__in=list(by_household), left_on__isnull=True)
        .exclude(role=MemberRole.CARER)
        .select_related("person")
        .prefetch_related("checks")
        .order_by("household_id", "joined_on", "id")
    )
    found: dict[int, list[tuple[str, Deadline]]] = {}
    for member in members:
        born = member.person.date_of_birth
        if born is None or age_on(born, today) < 18:
            continue
        if not {CheckKind.DBS, CheckKind.LOCAL_AUTHORITY} & set(checks_outstanding(member, today)):
            continue
        fh = by_household[member.household_id]
        start = max(member.joined_on, fh.approved_on, add_months(born, 18 * 12))
        deadline = Deadline.compute("adult_member_checks", start, today=today)
        found.setdefault(fh.pk, []).append((member.person.full_name, deadline))
    return found


def supervising_social_worker_work(user: User, today: date) -> Iterator[WorkItem]:
    """The household clocks of the households the user supervises."""
    households = list(
        with_clock_facts(household_list_for_user(user=user).filter(supervising_social_worker=user)).filter(
            status__in=OPEN_STATUSES
        )
    )
    renewals = check_renewals([fh.pk for fh in households], today=today)
    tsd = tsd_deadlines(households, today=today)
    new_adults = adult_member_checks(households, today=today)
    for fh in households:
        url = reverse("households:detail", args=[fh.pk])
        for deadline in household_deadlines(fh, today=today):
            if deadline.status.is_open:
                yield WorkItem(deadline, deadline.title, fh.household.name, url, fh.organisation_id)
        for name, deadline in [*renewals.get(fh.pk, []), *tsd.get(fh.pk, []), *new_adults.get(fh.pk, [])]:
            if deadline.status.is_open:
                yield WorkItem(
                    deadline, deadline.title, f"{name}, {fh.household.name}", url, fh.organisation_id
                )
