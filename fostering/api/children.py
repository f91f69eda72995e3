"""Children: open to those whose role reaches the whole council's, or whose caseload holds the child.

Reading a child's record is logged in the audit stream.
"""

from datetime import date
from typing import Any, Literal

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from ninja import Router, Schema

from fostering.audit.services import record_read
from fostering.children.codes import CategoryOfNeed, LegalStatusCode, ReasonCareEnded, ReviewParticipation
from fostering.children.deadlines import child_deadlines
from fostering.children.models import Child
from fostering.children.selectors import child_get_for_user, child_list_for_user
from fostering.core import clock
from fostering.people.choices import Ethnicity, Sex
from fostering.placements.selectors import placements_for_child

from .auth import staff
from .pagination import paginated_read
from .schemas import AUTH_ERRORS, INVALID, NOT_FOUND, DeadlineOut, RecordId, Search, StaffRef

router = Router(tags=["children"])


class ChildPersonOut(Schema):
    first_name: str
    last_name: str
    date_of_birth: date | None
    sex: Sex
    ethnicity: Ethnicity


class ChildOut(Schema):
    id: int
    organisation_id: int
    child_id: str
    upn: str
    uasc: bool
    social_worker: StaffRef | None
    person: ChildPersonOut


class ChildDetailOut(ChildOut):
    deadlines: list[DeadlineOut]

    @staticmethod
    def resolve_deadlines(obj: Child) -> list[object]:
        return list(child_deadlines(obj, today=clock.today()))


class PeriodOfCareOut(Schema):
    id: int
    started_on: date
    ended_on: date | None
    category_of_need: CategoryOfNeed
    reason_ended: ReasonCareEnded | Literal[""]


class LegalStatusOut(Schema):
    code: LegalStatusCode
    started_on: date
    ended_on: date | None


class ReviewOut(Schema):
    held_on: date
    participation: ReviewParticipation


class PlacementRowOut(Schema):
    id: int
    period_of_care_id: int | None
    started_on: date
    ended_on: date | None
    placement_type: str
    place: str
    provider: str
    fostering_household_id: int | None
    provider_name: str
    reason_place_change: str
    step_down: bool


class CareHistoryOut(Schema):
    child_id: int
    periods_of_care: list[PeriodOfCareOut]
    legal_statuses: list[LegalStatusOut]
    placements: list[PlacementRowOut]
    reviews: list[ReviewOut]


@router.get("", response={200: list[ChildOut], **AUTH_ERRORS, **INVALID}, summary="Children I may see")
@paginated_read("api:child_list")
def child_list(request: HttpRequest, search: Search = "") -> QuerySet[Child]:
    return child_list_for_user(user=staff(request), search=search)


@router.get(
    "/{id}",
    response={200: ChildDetailOut, **AUTH_ERRORS, **NOT_FOUND, **INVALID},
    summary="One child (the read is logged)",
)
def child_detail(request: HttpRequest, id: RecordId) -> Child:
    user = staff(request)
    try:
        child = child_get_for_user(user=user, pk=id)
    except ObjectDoesNotExist:
        raise Http404("No such child") from None
    record_read(by=user, page="api:child_detail", record=child, children=[child])
    return child


@router.get(
    "/{id}/care-history",
    response={200: CareHistoryOut, **AUTH_ERRORS, **NOT_FOUND, **INVALID},
    summary="A child's periods of care, legal statuses, placements and reviews, oldest first (the read is logged)",
)
def child_care_history(request: HttpRequest, id: RecordId) -> dict[str, Any]:
    user = staff(request)
    try:
        child = child_get_for_user(user=user, pk=id)
    except ObjectDoesNotExist:
        raise Http404("No such child") from None
    record_read(by=user, page="api:child_care_history", record=child, children=[child])
    return {
        "child_id": child.pk,
        "periods_of_care": list(child.periods_of_care.order_by("started_on", "id")),
        "legal_statuses": list(child.legal_statuses.order_by("started_on", "id")),
        "placements": list(placements_for_child(child).order_by("started_on", "id")),
        "reviews": list(child.reviews.order_by("held_on", "id")),
    }
