"""Referrals, candidates for a referral (ranked with reasons), the vacancy register and placements.

Referrals are read by the duty team (the whole council's) and by a child's social worker (their own
children's); placements by whoever reaches the child; the vacancy register by the duty team.
"""

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from ninja import Router, Schema

from fostering.audit.services import record_read
from fostering.core import clock
from fostering.households.choices import HouseholdStatus, PlacementType
from fostering.placements.choices import PetsAnswer, ReferralStatus
from fostering.placements.codes import StartKind
from fostering.placements.deadlines import referral_deadline
from fostering.placements.matching_data import rank_for_referral
from fostering.placements.models import Placement, Referral
from fostering.placements.selectors import (
    TO_PLACE,
    placement_get_for_user,
    placement_list_for_user,
    referral_get_for_user,
    referral_list_for_user,
    vacancies_for_user,
)

from .auth import staff
from .pagination import paginated_read
from .schemas import AUTH_ERRORS, INVALID, NOT_FOUND, RecordDeadlineOut, RecordId

router = Router(tags=["Placements"])


class PlacementOut(Schema):
    id: int
    organisation_id: int
    child_id: int
    period_of_care_id: int | None
    started_on: date
    ended_on: date | None
    planned_end_on: date | None
    start_kind: StartKind
    placement_type: PlacementType
    place: str
    provider: str
    fostering_household_id: int | None
    provider_name: str
    weekly_cost: Decimal | None
    postcode: str
    reason_place_change: str
    ended_recorded_on: date | None
    step_down: bool


class PlacementDetailOut(PlacementOut):
    deadlines: list[RecordDeadlineOut]


class ReferralOut(Schema):
    id: int
    organisation_id: int
    child_id: int
    referred_on: date
    start_kind: StartKind
    latest_start_on: date
    placement_type: PlacementType
    status: ReferralStatus
    placement_id: int | None


class ReferralDetailOut(ReferralOut):
    sibling_ids: list[int]
    preferred_postcode_sector: str
    keep_same_school: bool
    communication_needs: str
    cultural_needs: str
    lives_alongside: str
    pets: PetsAnswer
    risks: list[str]
    additional_support: str
    deadlines: list[RecordDeadlineOut]


class CandidateOut(Schema):
    household_id: int
    name: str
    reference: str
    score: int
    free_places: int
    miles_from_home: float | None
    reasons: list[str]


class CandidatesOut(Schema):
    on: date
    candidates: list[CandidateOut]
    not_proposed: dict[int, str]


class VacancyOut(Schema):
    household_id: int
    name: str
    reference: str
    status: HouseholdStatus
    postcode: str
    age_min: int | None
    age_max: int | None
    placement_types: list[str]
    approved: int
    filled: int
    held: int
    unavailable: int
    vacant: int


def _deadline(deadline: Any) -> dict[str, Any]:
    return {**vars(deadline), "title": deadline.title, "subject": None}


def _referral(request: HttpRequest, id: int) -> Referral:
    try:
        return referral_get_for_user(user=staff(request), pk=id)
    except ObjectDoesNotExist:
        raise Http404("No such referral") from None


@router.get(
    "/referrals",
    response={200: list[ReferralOut], **AUTH_ERRORS, **INVALID},
    summary="Open referrals I may see, soonest latest start date first",
)
@paginated_read("api:referral_list")
def referral_list(request: HttpRequest, status: ReferralStatus | None = None) -> QuerySet[Referral]:
    return referral_list_for_user(user=staff(request), status=status or TO_PLACE)


@router.get(
    "/referrals/{id}",
    response={200: ReferralDetailOut, **AUTH_ERRORS, **NOT_FOUND, **INVALID},
    summary="One referral, with the latest start date clock",
)
def referral_detail(request: HttpRequest, id: RecordId) -> Referral:
    referral = _referral(request, id)
    referral.sibling_ids = list(referral.siblings.values_list("pk", flat=True))  # type: ignore[attr-defined]
    children = [referral.child_id, *referral.sibling_ids]  # type: ignore[attr-defined]
    record_read(by=staff(request), page="api:referral_detail", record=referral, children=children)
    referral.deadlines = [_deadline(referral_deadline(referral, today=clock.today()))]  # type: ignore[attr-defined]
    return referral


@router.get(
    "/referrals/{id}/candidates",
    response={200: CandidatesOut, **AUTH_ERRORS, **NOT_FOUND, **INVALID},
    summary="Our households that fit the referral today, best first, with the reasons; and why others do not",
)
def referral_candidates(request: HttpRequest, id: RecordId) -> dict[str, Any]:
    referral = _referral(request, id)
    today = clock.today()
    ranking = rank_for_referral(referral, on=today)
    return {
        "on": today,
        "candidates": [
            {
                **vars(c),
                "miles_from_home": round(c.home_distance.miles, 1) if c.home_distance else None,
            }
            for c in ranking.candidates
        ],
        "not_proposed": ranking.excluded,
    }


@router.get(
    "/vacancies",
    response={200: list[VacancyOut], **AUTH_ERRORS, **INVALID},
    summary="The vacancy register today: each open household's places",
)
def vacancy_list(request: HttpRequest) -> list[dict[str, Any]]:
    rows = vacancies_for_user(user=staff(request), on=clock.today())
    return [
        {
            **vars(row),
            "age_min": row.terms.age_min if row.terms else None,
            "age_max": row.terms.age_max if row.terms else None,
            "placement_types": list(row.terms.placement_types) if row.terms else [],
        }
        for row in rows
    ]


@router.get("", response={200: list[PlacementOut], **AUTH_ERRORS, **INVALID}, summary="Placements I may see")
@paginated_read("api:placement_list")
def placement_list(request: HttpRequest, current: bool = False) -> QuerySet[Placement]:
    placements = placement_list_for_user(user=staff(request))
    return placements.filter(ended_on__isnull=True) if current else placements


@router.get(
    "/{id}",
    response={200: PlacementDetailOut, **AUTH_ERRORS, **NOT_FOUND, **INVALID},
    summary="One placement",
)
def placement_detail(request: HttpRequest, id: RecordId) -> Placement:
    try:
        placement = placement_get_for_user(user=staff(request), pk=id)
    except ObjectDoesNotExist:
        raise Http404("No such placement") from None
    record_read(by=staff(request), page="api:placement_detail", record=placement, children=[placement])
    placement.deadlines = []  # type: ignore[attr-defined]
    return placement
