"""The read side of payments. The payments officer and managers see their organisation's runs, rates and
statements; a supervising social worker sees the statements of the households allocated to them; a carer
sees their own household's (``CarerAccess``). Out of reach is a 404."""

from __future__ import annotations

from datetime import date

from django.db.models import Q, QuerySet

from fostering.accounts.models import User
from fostering.accounts.permissions import Perm, organisations_with
from fostering.accounts.roles import Role
from fostering.children.models import Child
from fostering.households.models import FosteringHousehold

from .choices import ClaimStatus, QueryStatus, RunStatus
from .models import (
    AdditionalPayment,
    ExpenseClaim,
    FeeLevel,
    MileageRate,
    PaymentLine,
    PaymentQuery,
    PaymentRun,
    Rate,
    Remittance,
)


def household_scope(user: User, prefix: str = "") -> Q:
    """Which households' payments the user reaches, as a filter (``prefix`` leads to the household)."""
    whole = organisations_with(user, Perm.VIEW_PAYMENTS)
    caseload = organisations_with(user, Perm.VIEW_CASELOAD_STATEMENTS) - whole
    own = organisations_with(user, Perm.VIEW_OWN_STATEMENTS) - whole
    return (
        Q(**{f"{prefix}organisation_id__in": whole})
        | Q(**{f"{prefix}organisation_id__in": caseload, f"{prefix}supervising_social_worker": user})
        | Q(**{f"{prefix}organisation_id__in": own, f"{prefix}carer_access__user": user})
    )


def run_list_for_user(*, user: User, status: str = "") -> QuerySet[PaymentRun]:
    runs = PaymentRun.objects.filter(organisation_id__in=organisations_with(user, Perm.VIEW_PAYMENTS))
    if status:
        runs = runs.filter(status=status)
    return runs.select_related("organisation", "created_by", "approved_by").order_by("-period", "-id")


def run_get_for_user(*, user: User, pk: int) -> PaymentRun:
    return run_list_for_user(user=user).get(pk=pk)


def previous_run(run: PaymentRun) -> PaymentRun | None:
    return (
        PaymentRun.objects.filter(
            organisation_id=run.organisation_id, status=RunStatus.COMMITTED, period__lt=run.period
        )
        .order_by("-period")
        .first()
    )


def run_lines(run: PaymentRun, *, search: str = "", kind: str = "") -> QuerySet[PaymentLine]:
    lines = run.lines.select_related("fostering_household__household", "child")
    if kind:
        lines = lines.filter(kind=kind)
    for word in search.split():
        lines = lines.filter(
            Q(fostering_household__household__name__icontains=word)
            | Q(fostering_household__reference__iexact=word)
        )
    return lines.order_by(
        "fostering_household__reference", "child_id", "service_month", "from_on", "category", "id"
    )


def payee_list_for_user(*, user: User) -> QuerySet[FosteringHousehold]:
    return FosteringHousehold.objects.filter(household_scope(user)).distinct()


def payee_get_for_user(*, user: User, pk: int) -> FosteringHousehold:
    return payee_list_for_user(user=user).select_related("household").get(pk=pk)


def remittance_list_for_user(
    *,
    user: User,
    household: int | None = None,
    search: str = "",
    committed_between: tuple[date, date] | None = None,
) -> QuerySet[Remittance]:
    """The statements the user may read; ``committed_between`` keeps those of runs committed from the first
    day to the last (a tax year's statements, as the tax-year total counts them)."""
    remittances = Remittance.objects.filter(household_scope(user, "fostering_household__"))
    if household:
        remittances = remittances.filter(fostering_household_id=household)
    if committed_between is not None:
        remittances = remittances.filter(
            run__status=RunStatus.COMMITTED,
            run__committed_on__gte=committed_between[0],
            run__committed_on__lte=committed_between[1],
        )
    for word in search.split():
        remittances = remittances.filter(
            Q(fostering_household__household__name__icontains=word)
            | Q(fostering_household__reference__iexact=word)
        )
    return (
        remittances.distinct()
        .select_related("run", "fostering_household__household")
        .order_by("-run__period", "fostering_household__reference", "id")
    )


def remittance_get_for_user(*, user: User, pk: int) -> Remittance:
    return remittance_list_for_user(user=user).get(pk=pk)


def remittance_lines(remittance: Remittance) -> QuerySet[PaymentLine]:
    return (
        PaymentLine.objects.filter(
            run_id=remittance.run_id, fostering_household_id=remittance.fostering_household_id
        )
        .select_related("child")
        .prefetch_related("queries")
        .order_by("child_id", "service_month", "from_on", "category", "id")
    )


def line_get_for_user(*, user: User, pk: int) -> PaymentLine:
    """A committed line of a household the user reaches."""
    return (
        PaymentLine.objects.filter(
            household_scope(user, "fostering_household__"), run__status=RunStatus.COMMITTED
        )
        .distinct()
        .select_related("run", "fostering_household__household")
        .get(pk=pk)
    )


def query_list_for_user(*, user: User, status: str = "") -> QuerySet[PaymentQuery]:
    queries = PaymentQuery.objects.filter(household_scope(user, "line__fostering_household__"))
    if status == "unresolved":
        queries = queries.exclude(status=QueryStatus.CLOSED)
    elif status:
        queries = queries.filter(status=status)
    return (
        queries.distinct()
        .select_related("line__run", "line__fostering_household__household", "created_by")
        .order_by("raised_on", "id")
    )


def query_get_for_user(*, user: User, pk: int) -> PaymentQuery:
    return query_list_for_user(user=user).get(pk=pk)


def rate_list_for_user(*, user: User, current_only: bool = False) -> QuerySet[Rate]:
    rates = Rate.objects.filter(organisation_id__in=organisations_with(user, Perm.VIEW_PAYMENTS))
    if current_only:
        rates = rates.filter(valid_to__isnull=True)
    return rates.select_related("decision").order_by("key", "-valid_from")


def fee_levels_of(household: FosteringHousehold) -> QuerySet[FeeLevel]:
    return household.fee_levels.order_by("-valid_from")


def additional_list_for_user(*, user: User) -> QuerySet[AdditionalPayment]:
    return (
        AdditionalPayment.objects.filter(organisation_id__in=organisations_with(user, Perm.VIEW_PAYMENTS))
        .select_related("child__person", "authorised_by")
        .order_by("review_on", "id")
    )


def carer_users(*, organisation_id: int) -> QuerySet[User]:
    """The organisation's carers with a sign-in, who may be given their household's statements."""
    return (
        User.objects.filter(
            memberships__organisation_id=organisation_id,
            memberships__role=Role.CARER,
            memberships__ended_on__isnull=True,
            is_active=True,
        )
        .distinct()
        .order_by("last_name", "first_name", "id")
    )


def children_for_additional_payments(*, organisation_id: int) -> QuerySet[Child]:
    """Children who have been placed with one of the organisation's households."""
    return (
        Child.objects.filter(organisation_id=organisation_id, placements__fostering_household__isnull=False)
        .distinct()
        .select_related("person")
        .order_by("person__last_name", "person__first_name", "id")
    )


def claims_of(household: FosteringHousehold) -> QuerySet[ExpenseClaim]:
    """A household's expense claims, newest first, with the run that paid each."""
    return household.expense_claims.select_related("paid_line__run", "decided_by").order_by(
        "-spent_on", "-id"
    )


def claim_list_to_decide(*, user: User, status: str = ClaimStatus.SUBMITTED) -> QuerySet[ExpenseClaim]:
    """Claims the user decides: of the households they supervise, or all their organisation's for a
    manager who approves runs."""
    managed = organisations_with(user, Perm.APPROVE_PAYMENT_RUN)
    caseload = organisations_with(user, Perm.VIEW_CASELOAD_STATEMENTS) - managed
    claims = ExpenseClaim.objects.filter(
        Q(organisation_id__in=managed)
        | Q(organisation_id__in=caseload, fostering_household__supervising_social_worker=user)
    )
    if status:
        claims = claims.filter(status=status)
    return claims.select_related("fostering_household__household", "claimed_by").order_by("spent_on", "id")


def claim_get_to_decide(*, user: User, pk: int) -> ExpenseClaim:
    return claim_list_to_decide(user=user, status="").get(pk=pk)


def mileage_rates_for_user(*, user: User) -> QuerySet[MileageRate]:
    return MileageRate.objects.filter(
        organisation_id__in=organisations_with(user, Perm.VIEW_PAYMENTS)
    ).order_by("-valid_from")
