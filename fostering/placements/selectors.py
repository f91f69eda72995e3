"""The read side of placements: referrals, placements and holds, scoped by organisation and caseload."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db.models import Q, QuerySet

from fostering.accounts.models import User
from fostering.accounts.permissions import Perm, organisations_with
from fostering.children.models import Child
from fostering.children.selectors import child_list_for_user
from fostering.households.models import FosteringHousehold
from fostering.households.selectors import household_list_for_user

from .choices import OPEN_REFERRAL_STATUSES
from .matching_data import VacancyRow, household_facts, vacancy_rows, vacancy_rows_of
from .models import DpstReferral, Placement, Referral, StabilityMeeting, VacancyHold

TO_PLACE = "to_place"  # the referrals still to place: open, matched or on an external search


def referral_list_for_user(*, user: User, status: str = TO_PLACE) -> QuerySet[Referral]:
    """``status``: TO_PLACE (the default), one ReferralStatus, or "" for every referral."""
    whole = organisations_with(user, Perm.VIEW_REFERRAL)
    caseload = organisations_with(user, Perm.VIEW_CASELOAD_REFERRAL) - whole
    referrals = Referral.objects.filter(
        Q(organisation_id__in=whole) | Q(organisation_id__in=caseload, child__social_worker=user)
    )
    if status == TO_PLACE:
        referrals = referrals.filter(status__in=OPEN_REFERRAL_STATUSES)
    elif status:
        referrals = referrals.filter(status=status)
    return referrals.select_related("child__person", "referred_by").order_by("latest_start_on", "id")


def referral_get_for_user(*, user: User, pk: int) -> Referral:
    """Raises Referral.DoesNotExist when out of reach."""
    return referral_list_for_user(user=user, status="").get(pk=pk)


def placement_list_for_user(*, user: User) -> QuerySet[Placement]:
    """Placements of the children the user reaches."""
    return (
        Placement.objects.filter(child__in=child_list_for_user(user=user).values("pk"))
        .select_related("child__person", "fostering_household__household")
        .order_by("-started_on", "-id")
    )


def placement_get_for_user(*, user: User, pk: int) -> Placement:
    """Raises Placement.DoesNotExist when out of reach."""
    return placement_list_for_user(user=user).get(pk=pk)


def placements_for_child(child: Child) -> QuerySet[Placement]:
    return child.placements.select_related("fostering_household__household").order_by("-started_on", "-id")


def current_placement(child: Child, on: date) -> Placement | None:
    return (
        child.placements.filter(started_on__lte=on)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=on))
        .select_related("fostering_household__household")
        .order_by("-started_on")
        .first()
    )


def placement_to_move_from(child: Child) -> Placement | None:
    """The placement a child placed from a referral moves out of: the one still open (no end recorded)."""
    return (
        Placement.objects.filter(child=child, ended_on__isnull=True)
        .select_related("fostering_household__household")
        .order_by("-started_on", "-id")
        .first()
    )


def placements_for_household(fostering_household: FosteringHousehold) -> QuerySet[Placement]:
    """The household's placements, newest first, with the child (for the household's page)."""
    return fostering_household.placements.select_related("child__person").order_by("-started_on", "-id")


def holds_for_household(fostering_household: FosteringHousehold) -> QuerySet[VacancyHold]:
    """The household's holds, current and past (the hold history)."""
    return fostering_household.vacancy_holds.select_related(
        "child__person", "referral__child__person"
    ).order_by("-held_from", "-id")


def hold_get_for_user(*, user: User, pk: int) -> VacancyHold:
    """Raises VacancyHold.DoesNotExist when its household is out of reach."""
    return VacancyHold.objects.select_related("fostering_household__household").get(
        pk=pk, fostering_household__in=household_list_for_user(user=user).values("pk")
    )


def household_for_placing(*, user: User, pk: int) -> FosteringHousehold:
    """A household the user may place a child with (their councils' open households)."""
    return FosteringHousehold.objects.select_related("household").get(
        pk=pk, organisation_id__in=organisations_with(user, Perm.PLACE_CHILD, Perm.MATCH_PLACEMENT)
    )


def household_names(ids: object) -> dict[int, str]:
    return dict(FosteringHousehold.objects.filter(pk__in=list(ids)).values_list("pk", "household__name"))  # type: ignore[call-overload]


def households_for_placing(*, user: User, organisation_id: int) -> QuerySet[FosteringHousehold]:
    return (
        FosteringHousehold.objects.filter(organisation_id=organisation_id, status__in=["available", "full"])
        .select_related("household")
        .order_by("household__name", "id")
    )


def vacancies_for_user(*, user: User, on: date) -> list[VacancyRow]:
    return vacancy_rows(household_facts(organisations_with(user, Perm.VIEW_VACANCIES), on))


def places_of_household(fostering_household: FosteringHousehold, *, on: date) -> VacancyRow | None:
    """The household's places on ``on`` as the vacancy register counts them, with what they say about its
    status (None once it has resigned or been deregistered). The caller has found the household through
    its selector."""
    return vacancy_rows_of([fostering_household.organisation_id], [fostering_household.pk], on).get(
        fostering_household.pk
    )


def places_of_households(households: Iterable[FosteringHousehold], *, on: date) -> dict[int, VacancyRow]:
    """The places of a page of households (found through their selector), by household: one fixed set of
    queries for the page."""
    households = list(households)
    return vacancy_rows_of({fh.organisation_id for fh in households}, [fh.pk for fh in households], on)


def stability_for_placement(placement: Placement) -> tuple[list[StabilityMeeting], list[DpstReferral]]:
    return list(placement.stability_meetings.all()), list(placement.dpst_referrals.all())
