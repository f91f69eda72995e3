"""The read side of households: scoped by organisation, and for supervising social workers by caseload."""

from __future__ import annotations

from django.db.models import Max, Prefetch, Q, QuerySet

from fostering.accounts.models import User
from fostering.accounts.permissions import Perm, organisations_with

from .choices import OPEN_STATUSES
from .models import FosteringHousehold, TermsOfApproval


def household_list_for_user(
    *, user: User, search: str = "", status: str = "", carer_type: str = ""
) -> QuerySet[FosteringHousehold]:
    whole = organisations_with(user, Perm.VIEW_HOUSEHOLD)
    caseload = organisations_with(user, Perm.VIEW_CASELOAD_HOUSEHOLD) - whole
    households = FosteringHousehold.objects.filter(
        Q(organisation_id__in=whole) | Q(organisation_id__in=caseload, supervising_social_worker=user)
    )
    if search:
        households = households.filter(
            Q(household__name__icontains=search)
            | Q(reference__iexact=search)
            | Q(household__postcode__iexact=search)
        )
    if status == "open":
        households = households.filter(status__in=OPEN_STATUSES)
    elif status:
        households = households.filter(status=status)
    if carer_type:
        households = households.filter(carer_type=carer_type)
    return households.select_related("household", "supervising_social_worker").order_by("reference")


def with_current_terms(households: QuerySet[FosteringHousehold]) -> QuerySet[FosteringHousehold]:
    """Prefetch each household's current terms of approval into ``current_terms`` (a list of 0 or 1)."""
    return households.prefetch_related(
        Prefetch(
            "terms",
            queryset=TermsOfApproval.objects.filter(effective_to__isnull=True),
            to_attr="current_terms",
        )
    )


def with_clock_facts(households: QuerySet[FosteringHousehold]) -> QuerySet[FosteringHousehold]:
    """Annotate the dated facts the household clocks start from, in the same query, and the current terms."""
    return with_current_terms(households).annotate(
        last_supervision_on=Max("supervision_visits__visited_on"),
        last_unannounced_on=Max(
            "supervision_visits__visited_on", filter=Q(supervision_visits__unannounced=True)
        ),
        last_review_on=Max("reviews__held_on"),
    )


def household_get_for_user(*, user: User, pk: int) -> FosteringHousehold:
    """Raises FosteringHousehold.DoesNotExist when the household is out of the user's reach."""
    return with_clock_facts(household_list_for_user(user=user)).get(pk=pk)
