"""The read side of allegations (within reach of the household) and complaints (the council's)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.db.models import QuerySet

from fostering.accounts.models import User
from fostering.accounts.permissions import Perm, organisations_with
from fostering.households.models import FosteringHousehold
from fostering.households.selectors import household_list_for_user

from .models import Allegation, Complaint


def allegation_list_for_user(*, user: User, open_only: bool = False) -> QuerySet[Allegation]:
    orgs = organisations_with(user, Perm.VIEW_ALLEGATION)
    allegations = Allegation.objects.filter(
        organisation_id__in=orgs,
        fostering_household__in=household_list_for_user(user=user).filter(organisation_id__in=orgs),
    )
    if open_only:
        allegations = allegations.filter(concluded_on__isnull=True)
    return allegations.select_related("fostering_household__household").order_by("-received_on", "-id")


def allegation_get_for_user(*, user: User, pk: int) -> Allegation:
    """Allegation.DoesNotExist when out of reach."""
    return allegation_list_for_user(user=user).select_related("review").get(pk=pk)


def allegations_of_household(fostering_household: FosteringHousehold) -> QuerySet[Allegation]:
    return fostering_household.allegations.select_related("review").order_by("-received_on", "-id")


def complaint_list_for_user(*, user: User, open_only: bool = False) -> QuerySet[Complaint]:
    complaints = Complaint.objects.filter(organisation_id__in=organisations_with(user, Perm.VIEW_COMPLAINT))
    if open_only:
        complaints = complaints.filter(stages__responded_on__isnull=True).distinct()
    return complaints.select_related("fostering_household__household", "handled_by").prefetch_related(
        "stages"
    )


def complaint_get_for_user(*, user: User, pk: int) -> Complaint:
    return complaint_list_for_user(user=user).get(pk=pk)


def complaints_of_household(fostering_household: FosteringHousehold) -> QuerySet[Complaint]:
    return fostering_household.complaints.prefetch_related("stages").order_by("-received_on", "-id")


def open_allegation_flags(households: Sequence[FosteringHousehold], today: date) -> dict[int, str]:
    """The retention flag: an allegation still open (the earliest one received is named)."""
    rows = (
        Allegation.objects.filter(
            fostering_household__in=[fh.pk for fh in households],
            concluded_on__isnull=True,
            received_on__lte=today,
        )
        .order_by("received_on")
        .values_list("fostering_household_id", "received_on")
    )
    flags: dict[int, str] = {}
    for pk, received in rows:
        flags.setdefault(pk, f"Open allegation, received {received.day} {received:%B %Y}")
    return flags
