"""The fostering panel: meetings, the cases heard with the recommendation and the agency decision maker's
decision, and the queue of recommendations waiting for a decision.

The administrator, the service manager and the agency decision maker see the whole council's panel; panel
members, the chair and the adviser see only the meetings they are invited to.
"""

from datetime import date
from typing import Any, Literal

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema

from fostering.core import clock
from fostering.deadlines.items import Deadline
from fostering.panel.choices import (
    Challenge,
    ChallengeOutcome,
    ItemKind,
    MeetingFormat,
    MeetingStatus,
    PanelRole,
    Recommendation,
)
from fostering.panel.deadlines import decision_deadline, papers_deadline
from fostering.panel.models import PanelItem, PanelMeeting
from fostering.panel.selectors import (
    adm_queue_for_user,
    item_get_for_user,
    meeting_get_for_user,
    meeting_list_for_user,
)

from .auth import staff
from .pagination import paginated
from .schemas import AUTH_ERRORS, INVALID, NOT_FOUND, RecordDeadlineOut, RecordId, StaffRef, Year

router = Router(tags=["Panel"])


class MeetingOut(Schema):
    id: int
    organisation_id: int
    meets_on: date
    starts_at: str = Field(
        description="The local time in England the meeting starts, HH:MM:SS (no offset: not an RFC 3339 time)",
        pattern=r"^[0-2][0-9]:[0-5][0-9]:[0-5][0-9]$",
    )
    format: MeetingFormat
    venue: str
    status: MeetingStatus
    cancelled_reason: str
    papers_sent_on: date | None

    @staticmethod
    def resolve_starts_at(obj: PanelMeeting) -> str:
        return f"{obj.starts_at:%H:%M:%S}"


class RecommendedTermsOut(Schema):
    """The terms of approval the panel recommends (a household's current terms are ``TermsOut``)."""

    number_of_children: int
    age_min: int
    age_max: int
    placement_types: list[str]
    sibling_group_max: int


class DecisionOut(Schema):
    decided_on: date
    decision_maker: StaffRef
    agrees: bool
    outcome: Recommendation
    reasons: str
    letter_sent_on: date | None
    challenge: Challenge | Literal[""]
    challenge_outcome: ChallengeOutcome | Literal[""]
    challenge_outcome_on: date | None
    final_outcome: Recommendation | Literal[""]
    final_decided_on: date | None


class ItemOut(Schema):
    id: int
    meeting_id: int
    kind: ItemKind
    household_id: int
    household_name: str
    assessment_id: int | None
    kinship_assessment_id: int | None
    fostering_household_id: int | None
    household_review_id: int | None
    supervising_social_worker: StaffRef | None
    recommendation: Recommendation | Literal[""]
    recommended_on: date | None
    reasons: str
    terms: RecommendedTermsOut | None
    decision: DecisionOut | None

    @staticmethod
    def resolve_household_name(obj: PanelItem) -> str:
        return obj.household.name

    @staticmethod
    def resolve_terms(obj: PanelItem) -> Any:
        return obj if obj.number_of_children is not None else None

    @staticmethod
    def resolve_decision(obj: PanelItem) -> Any:
        return getattr(obj, "decision", None)


class ItemDetailOut(ItemOut):
    minutes: str
    deadlines: list[RecordDeadlineOut]


class AttendanceOut(Schema):
    member_id: int
    name: str
    role: PanelRole
    attended: bool | None


class MeetingDetailOut(MeetingOut):
    deadlines: list[RecordDeadlineOut]
    members: list[AttendanceOut] = Field(alias="members_out")
    items: list[ItemOut] = Field(alias="items_out")


def _row(deadline: Deadline | None) -> list[dict[str, Any]]:
    return [] if deadline is None else [{**vars(deadline), "title": deadline.title, "subject": None}]


@router.get(
    "/meetings",
    response={200: list[MeetingOut], **AUTH_ERRORS, **INVALID},
    summary="Panel meetings I may see",
)
@paginated
def meeting_list(
    request: HttpRequest, year: Year = None, status: MeetingStatus | None = None
) -> QuerySet[PanelMeeting]:
    return meeting_list_for_user(user=staff(request), year=year, status=status or "")


@router.get(
    "/meetings/{id}",
    response={200: MeetingDetailOut, **AUTH_ERRORS, **NOT_FOUND, **INVALID},
    summary="One meeting: its papers clock, the members invited and the cases on its agenda",
)
def meeting_detail(request: HttpRequest, id: RecordId) -> PanelMeeting:
    try:
        meeting = meeting_get_for_user(user=staff(request), pk=id)
    except ObjectDoesNotExist:
        raise Http404("No such panel meeting") from None
    meeting.deadlines = _row(papers_deadline(meeting, today=clock.today()))  # type: ignore[attr-defined]
    meeting.members_out = [  # type: ignore[attr-defined]
        {
            "member_id": row.member_id,
            "name": str(row.member.user),
            "role": row.member.role,
            "attended": row.attended,
        }
        for row in meeting.attendance.all()
    ]
    meeting.items_out = list(  # type: ignore[attr-defined]
        meeting.items.select_related("household", "supervising_social_worker", "decision__decision_maker")
    )
    return meeting


@router.get(
    "/items/{id}",
    response={200: ItemDetailOut, **AUTH_ERRORS, **NOT_FOUND, **INVALID},
    summary="One case heard: the recommendation, the decision and the decision clock",
)
def item_detail(request: HttpRequest, id: RecordId) -> PanelItem:
    try:
        item = item_get_for_user(user=staff(request), pk=id)
    except ObjectDoesNotExist:
        raise Http404("No such panel item") from None
    item.deadlines = _row(decision_deadline(item, today=clock.today()))  # type: ignore[attr-defined]
    return item


@router.get(
    "/decisions",
    response={200: list[ItemDetailOut], **AUTH_ERRORS, **INVALID},
    summary="Recommendations waiting for my decision (agency decision maker), oldest first",
)
@paginated
def adm_queue(request: HttpRequest) -> list[PanelItem]:
    today = clock.today()
    items = list(adm_queue_for_user(user=staff(request)).select_related("supervising_social_worker"))
    for item in items:
        item.deadlines = _row(decision_deadline(item, today=today))  # type: ignore[attr-defined]
    return items
