"""The carers' side of placements: whether a user is a carer of a household (a live portal access of a carer
who lives there), and the children placed with a household on a day. Every carer's read and write starts here."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from fostering.accounts.models import User
from fostering.households.choices import CLOSED_STATUSES
from fostering.households.models import FosteringHousehold
from fostering.people.choices import MemberRole

from .models import Placement
from .services import open_on


def is_carer_of(user: User | None, fostering_household: FosteringHousehold) -> bool:
    """The user signs in as a carer who lives in the household, and the household is still approved."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if fostering_household.status in CLOSED_STATUSES:
        return False
    return fostering_household.household.members.filter(
        role=MemberRole.CARER,
        left_on__isnull=True,
        person__portal_access__user=user,
        person__portal_access__fostering_household=fostering_household,
        person__portal_access__accepted_at__isnull=False,
        person__portal_access__withdrawn_at__isnull=True,
        person__portal_access__ended_on__isnull=True,
    ).exists()


def require_carer(user: User | None, fostering_household: FosteringHousehold) -> None:
    if not is_carer_of(user, fostering_household):
        raise PermissionDenied("Only a carer of the household may do this")


def placed_with(fostering_household: FosteringHousehold, on: date) -> QuerySet[Placement]:
    """The household's placements open on ``on``, with each child."""
    return (
        open_on(Placement.objects.filter(fostering_household=fostering_household), on)
        .select_related("child__person", "child__social_worker", "organisation")
        .order_by("child__person__first_name", "id")
    )


def placement_of(fostering_household: FosteringHousehold, child_id: int, on: date) -> Placement | None:
    """The child's placement with the household open on ``on``, or None (not theirs, or it has ended)."""
    return placed_with(fostering_household, on).filter(child_id=child_id).first()
