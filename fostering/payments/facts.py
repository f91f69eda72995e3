"""Reading the facts entitlements are computed from, in a handful of queries per organisation.

A run sees the record as it stood on its ``as_of`` day: a placement's end recorded after that day
(``ended_recorded_on``) is not yet known, so the run pays on as the service did, and the next run recovers
the nights paid after the child left. An allegation concluded after that day is still open for it.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings

from fostering.children.models import Child
from fostering.concerns.models import Allegation
from fostering.households.choices import CLOSED_STATUSES
from fostering.households.models import FosteringHousehold, StatusChange
from fostering.placements.models import Placement

from .entitlements import (
    AdditionalFact,
    AllegationFact,
    Facts,
    FeeLevelFact,
    HouseholdFact,
    PlacementFact,
    RateFact,
)
from .models import AdditionalPayment, FeeLevel, Rate


def allegation_full_weeks() -> int:
    return int(getattr(settings, "PAYMENTS_ALLEGATION_FULL_WEEKS", 8))


def load_facts(organisation_id: int, *, as_of: date, since: date, until: date) -> Facts:
    closed: dict[int, date] = {}
    for household_id, changed_on in (
        StatusChange.objects.filter(organisation_id=organisation_id, to_status__in=list(CLOSED_STATUSES))
        .filter(changed_on__lte=as_of)
        .values_list("fostering_household_id", "changed_on")
    ):
        closed[household_id] = min(changed_on, closed.get(household_id, changed_on))
    households = {
        pk: HouseholdFact(pk, carer_type, approved_on, closed.get(pk))
        for pk, carer_type, approved_on in FosteringHousehold.objects.filter(
            organisation_id=organisation_id
        ).values_list("pk", "carer_type", "approved_on")
    }
    placements = []
    rows = (
        Placement.objects.filter(organisation_id=organisation_id, fostering_household__isnull=False)
        .filter(started_on__lte=until)
        .exclude(ended_on__lt=since)
        .values_list(
            "fostering_household_id",
            "child_id",
            "started_on",
            "ended_on",
            "ended_recorded_on",
            "placement_type",
            "child__person__date_of_birth",
        )
    )
    for household_id, child_id, started_on, ended_on, recorded_on, kind, birth in rows:
        known_end = ended_on if ended_on and (recorded_on is None or recorded_on <= as_of) else None
        placements.append(PlacementFact(household_id, child_id, started_on, known_end, kind, birth))
    return Facts(
        households=households,
        placements=placements,
        rates=[
            RateFact(key, valid_from, valid_to, amount)
            for key, valid_from, valid_to, amount in Rate.objects.filter(
                organisation_id=organisation_id
            ).values_list("key", "valid_from", "valid_to", "amount")
        ],
        fee_levels=[
            FeeLevelFact(*row)
            for row in FeeLevel.objects.filter(organisation_id=organisation_id).values_list(
                "fostering_household_id", "level", "valid_from", "valid_to"
            )
        ],
        additional=[
            AdditionalFact(*row)
            for row in AdditionalPayment.objects.filter(organisation_id=organisation_id).values_list(
                "child_id", "valid_from", "valid_to", "weekly_amount", "reason"
            )
        ],
        allegations=[
            AllegationFact(
                household_id, received_on, concluded_on if concluded_on and concluded_on <= as_of else None
            )
            for household_id, received_on, concluded_on in Allegation.objects.filter(
                organisation_id=organisation_id, received_on__lte=as_of
            ).values_list("fostering_household_id", "received_on", "concluded_on")
        ],
        allegation_full_weeks=allegation_full_weeks(),
    )


def child_initials(child_ids: set[int]) -> dict[int, str]:
    return {
        pk: f"{first[:1]}.{last[:1]}.".upper()
        for pk, first, last in Child.objects.filter(pk__in=child_ids).values_list(
            "pk", "person__first_name", "person__last_name"
        )
    }
