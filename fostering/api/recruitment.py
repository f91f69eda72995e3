"""Recruitment: enquiries (with their clocks and stage changes) and information events.

Staff whose role may view enquiries see every enquiry and event of their organisation.
"""

from datetime import date, datetime
from typing import Any, Literal

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from ninja import Router, Schema

from fostering.core import clock
from fostering.recruitment.choices import Channel, Decision, EnquiryStage, EventFormat, ResponseStatus
from fostering.recruitment.deadlines import enquiry_deadlines
from fostering.recruitment.models import Enquiry, InformationEvent
from fostering.recruitment.selectors import enquiry_get_for_user, enquiry_list_for_user, event_list_for_user

from .auth import staff
from .pagination import paginated
from .schemas import AUTH_ERRORS, INVALID, NOT_FOUND, RecordDeadlineOut, RecordId, Search, StaffRef

router = Router(tags=["recruitment"])

StageFilter = Literal[("open", "closed", "all", *EnquiryStage.values)]  # type: ignore[valid-type]


class EnquiryOut(Schema):
    id: int
    organisation_id: int
    person_id: int
    name: str
    channel: Channel
    source: str | None
    received_at: datetime
    stage: EnquiryStage
    responded_at: datetime | None
    screening_call_on: date | None
    initial_visit_on: date | None
    decision: Decision | None
    decided_on: date | None

    @staticmethod
    def resolve_name(obj: Enquiry) -> str:
        return obj.person.full_name

    @staticmethod
    def resolve_source(obj: Enquiry) -> str | None:
        return obj.source.name if obj.source else None

    @staticmethod
    def resolve_decision(obj: Enquiry) -> str | None:
        return obj.decision or None


class StageChangeOut(Schema):
    from_stage: EnquiryStage | None
    to_stage: EnquiryStage
    changed_at: datetime
    reason: str

    @staticmethod
    def resolve_from_stage(obj: Any) -> str | None:
        return obj.from_stage or None


class EnquiryDetailOut(EnquiryOut):
    email: str
    phone: str
    postcode: str
    consent_keep_in_touch: bool
    consent_newsletter: bool
    responded_by: StaffRef | None
    response_channel: Channel | None
    initial_visit_worker: StaffRef | None
    initial_visit_offered_on: date | None
    initial_visit_record_on: date | None
    decision_reasons: str
    feedback_given_on: date | None
    deadlines: list[RecordDeadlineOut]
    stage_changes: list[StageChangeOut]

    @staticmethod
    def resolve_response_channel(obj: Enquiry) -> str | None:
        return obj.response_channel or None


class InformationEventOut(Schema):
    id: int
    organisation_id: int
    title: str
    starts_at: datetime
    format: EventFormat
    venue: str
    capacity: int
    booked: int
    attended: int


@router.get(
    "/enquiries", response={200: list[EnquiryOut], **AUTH_ERRORS, **INVALID}, summary="Enquiries I may see"
)
@paginated
def enquiry_list(
    request: HttpRequest,
    search: Search = "",
    stage: StageFilter = "open",
    response: ResponseStatus | None = None,
    channel: Channel | None = None,
) -> QuerySet[Enquiry]:
    return enquiry_list_for_user(
        user=staff(request), search=search, stage=stage, response=response or "", channel=channel or ""
    )


@router.get(
    "/enquiries/{id}",
    response={200: EnquiryDetailOut, **AUTH_ERRORS, **NOT_FOUND, **INVALID},
    summary="One enquiry, with its clocks and every stage change",
)
def enquiry_detail(request: HttpRequest, id: RecordId) -> Enquiry:
    try:
        enquiry = enquiry_get_for_user(user=staff(request), pk=id)
    except ObjectDoesNotExist:
        raise Http404("No such enquiry") from None
    enquiry.deadlines = [  # type: ignore[attr-defined]
        {**vars(d), "title": d.title, "subject": None} for d in enquiry_deadlines(enquiry, today=clock.now())
    ]
    return enquiry


@router.get(
    "/information-events",
    response={200: list[InformationEventOut], **AUTH_ERRORS, **INVALID},
    summary="Information events, newest first",
)
@paginated
def information_event_list(request: HttpRequest) -> QuerySet[InformationEvent]:
    return event_list_for_user(user=staff(request))
