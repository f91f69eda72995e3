"""The read side of households: scoped by organisation, and for supervising social workers by caseload."""

from __future__ import annotations

from django.db.models import Max, OuterRef, Prefetch, Q, QuerySet, Subquery

from fostering.accounts.models import Organisation, User
from fostering.accounts.permissions import Perm, organisations_with

from .choices import OPEN_STATUSES
from .models import FosteringHousehold, HouseholdReview, SupervisionVisit, SupportPlan, TermsOfApproval


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
            queryset=TermsOfApproval.objects.filter(effective_to__isnull=True).select_related(
                "named_child__person"
            ),
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
        last_support_plan_on=Subquery(
            SupportPlan.objects.filter(fostering_household=OuterRef("pk"))
            .order_by("-agreed_on")
            .values("agreed_on")[:1]
        ),
    )


def household_get_for_user(*, user: User, pk: int) -> FosteringHousehold:
    """Raises FosteringHousehold.DoesNotExist when the household is out of the user's reach."""
    return with_clock_facts(household_list_for_user(user=user)).get(pk=pk)


def reviews_awaiting_panel(organisation: Organisation | int) -> QuerySet[HouseholdReview]:
    """Reviews that must go to panel (first reviews, reviews following concerns, referrals) and have no
    panel outcome yet, oldest first: the panel agenda picks them up."""
    org_id = organisation if isinstance(organisation, int) else organisation.pk
    return (
        HouseholdReview.objects.filter(organisation_id=org_id, needs_panel=True, panel_outcome="")
        .select_related("fostering_household__household", "reviewing_officer")
        .order_by("held_on", "id")
    )


def review_get_for_user(*, user: User, pk: int) -> HouseholdReview:
    """A review within reach of the user's households; HouseholdReview.DoesNotExist otherwise."""
    households = household_list_for_user(user=user)
    return HouseholdReview.objects.select_related("fostering_household__household", "reviewing_officer").get(
        pk=pk, fostering_household__in=households
    )


def supervision_visit_get_for_user(*, user: User, pk: int) -> SupervisionVisit:
    """A supervision visit within reach of the user's households; SupervisionVisit.DoesNotExist otherwise."""
    households = household_list_for_user(user=user)
    return SupervisionVisit.objects.select_related(
        "fostering_household__household", "visited_by", "created_by"
    ).get(pk=pk, fostering_household__in=households)


def caseload_households(*, user: User, worker: User) -> QuerySet[FosteringHousehold]:
    """The open households a supervising social worker supervises, as the user may see them."""
    return with_clock_facts(
        household_list_for_user(user=user).filter(supervising_social_worker=worker, status__in=OPEN_STATUSES)
    )
