"""Allegations against carers (within reach of the household) and complaints (the complaints lead's),
with the complaint stages' clocks."""

from datetime import date
from typing import Any, Literal

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from ninja import Router, Schema

from fostering.concerns.choices import AllegationOutcome, Complainant, ComplaintOutcome
from fostering.concerns.deadlines import stage_deadline
from fostering.concerns.models import Allegation, Complaint
from fostering.concerns.selectors import (
    allegation_get_for_user,
    allegation_list_for_user,
    complaint_get_for_user,
    complaint_list_for_user,
)
from fostering.core import clock

from .auth import staff
from .pagination import paginated
from .schemas import AUTH_ERRORS, INVALID, NOT_FOUND, RecordDeadlineOut, RecordId

router = Router(tags=["Allegations and complaints"])


class AllegationOut(Schema):
    id: int
    household_id: int
    household_reference: str
    received_on: date
    concluded_on: date | None
    outcome: AllegationOutcome | Literal[""]

    @staticmethod
    def resolve_household_id(obj: Allegation) -> int:
        return obj.fostering_household_id

    @staticmethod
    def resolve_household_reference(obj: Allegation) -> str:
        return obj.fostering_household.reference


class AllegationDetailOut(AllegationOut):
    summary: str
    lado_referred_on: date | None
    lado_outcome: str
    strategy_meeting_on: date | None
    support_offered_on: date | None
    support_offered_by: str
    review_id: int | None


class ComplaintStageOut(Schema):
    stage: int
    started_on: date
    extended: bool
    responded_on: date | None
    outcome: ComplaintOutcome | Literal[""]


class ComplaintOut(Schema):
    id: int
    received_on: date
    complainant: Complainant
    complainant_name: str
    household_id: int | None
    stages: list[ComplaintStageOut]

    @staticmethod
    def resolve_household_id(obj: Complaint) -> int | None:
        return obj.fostering_household_id

    @staticmethod
    def resolve_stages(obj: Complaint) -> list[Any]:
        return list(obj.stages.all())


class ComplaintDetailOut(ComplaintOut):
    summary: str
    deadlines: list[RecordDeadlineOut]


@router.get(
    "/allegations",
    response={200: list[AllegationOut], **AUTH_ERRORS, **INVALID},
    summary="Allegations about the households I may see",
)
@paginated
def allegation_list(request: HttpRequest, open_only: bool = False) -> QuerySet[Allegation]:
    return allegation_list_for_user(user=staff(request), open_only=open_only)


@router.get(
    "/allegations/{id}",
    response={200: AllegationDetailOut, **AUTH_ERRORS, **NOT_FOUND, **INVALID},
    summary="One allegation: LADO referral, meetings, support offered and outcome",
)
def allegation_detail(request: HttpRequest, id: RecordId) -> Allegation:
    try:
        return allegation_get_for_user(user=staff(request), pk=id)
    except ObjectDoesNotExist:
        raise Http404("No such allegation") from None


@router.get(
    "/complaints",
    response={200: list[ComplaintOut], **AUTH_ERRORS, **INVALID},
    summary="Complaints, newest first",
)
@paginated
def complaint_list(request: HttpRequest) -> QuerySet[Complaint]:
    return complaint_list_for_user(user=staff(request)).order_by("-received_on", "-id")


@router.get(
    "/complaints/{id}",
    response={200: ComplaintDetailOut, **AUTH_ERRORS, **NOT_FOUND, **INVALID},
    summary="One complaint with its stages and their clocks",
)
def complaint_detail(request: HttpRequest, id: RecordId) -> Complaint:
    try:
        complaint = complaint_get_for_user(user=staff(request), pk=id)
    except ObjectDoesNotExist:
        raise Http404("No such complaint") from None
    today = clock.today()
    complaint.deadlines = [  # type: ignore[attr-defined]
        {**vars(d), "title": d.title, "subject": f"Stage {stage.stage}"}
        for stage in complaint.stages.all()
        for d in [stage_deadline(stage, today=today)]
    ]
    return complaint
