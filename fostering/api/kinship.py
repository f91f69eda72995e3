"""Kinship (connected person) assessments, with their Regulation 24 and 25 clocks.

The kinship team, service managers and the agency decision maker see all their council's assessments; a
child's social worker sees the assessments for the children allocated to them.
"""

from datetime import date
from typing import Any, Literal

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from ninja import Router, Schema

from fostering.audit.services import record_read
from fostering.core import clock
from fostering.kinship.choices import AssessmentKind, Outcome, Stage
from fostering.kinship.deadlines import assessment_deadlines, lapses_on
from fostering.kinship.models import KinshipAssessment
from fostering.kinship.selectors import assessment_get_for_user, assessment_list_for_user

from .auth import staff
from .pagination import paginated_read
from .schemas import AUTH_ERRORS, INVALID, NOT_FOUND, DeadlineOut, FilterId, RecordId, Search, StaffRef

router = Router(tags=["kinship"])

# "open" is every stage but concluded and withdrawn; "closed" is those two.
StageFilter = Literal[("open", "closed", *Stage.values)]  # type: ignore[valid-type]


class KinshipAssessmentOut(Schema):
    id: int
    organisation_id: int
    child_id: int
    child_name: str
    connected_household_id: int
    connected_household_name: str
    relationship: str
    kind: AssessmentKind
    stage: Stage
    social_worker: StaffRef | None
    started_on: date
    placed_on: date | None
    extension_granted_on: date | None
    approval_lapses_on: date | None
    outcome: Outcome | None
    decided_on: date | None

    @staticmethod
    def resolve_child_name(obj: KinshipAssessment) -> str:
        return obj.child.person.full_name

    @staticmethod
    def resolve_connected_household_name(obj: KinshipAssessment) -> str:
        return obj.connected_household.name

    @staticmethod
    def resolve_approval_lapses_on(obj: KinshipAssessment) -> date | None:
        return lapses_on(obj)

    @staticmethod
    def resolve_outcome(obj: KinshipAssessment) -> str | None:
        return obj.outcome or None


class KinshipAssessmentDetailOut(KinshipAssessmentOut):
    panel_views_sought_on: date | None
    panel_views: str
    iro_informed_on: date | None
    nominated_officer: StaffRef | None
    nominated_officer_approved_on: date | None
    deadlines: list[DeadlineOut]


@router.get(
    "",
    response={200: list[KinshipAssessmentOut], **AUTH_ERRORS, **INVALID},
    summary="Kinship assessments I may see",
)
@paginated_read("api:kinship_assessment_list")
def kinship_assessment_list(
    request: HttpRequest,
    search: Search = "",
    stage: StageFilter | None = None,
    kind: AssessmentKind | None = None,
    worker: FilterId = None,
) -> QuerySet[KinshipAssessment]:
    return assessment_list_for_user(
        user=staff(request), status=stage or "", kind=kind or "", worker=worker, search=search
    )


@router.get(
    "/{id}",
    response={200: KinshipAssessmentDetailOut, **AUTH_ERRORS, **NOT_FOUND, **INVALID},
    summary="One kinship assessment, with its Regulation 24 and 25 clocks",
)
def kinship_assessment_detail(request: HttpRequest, id: RecordId) -> KinshipAssessment:
    try:
        assessment = assessment_get_for_user(user=staff(request), pk=id)
    except ObjectDoesNotExist:
        raise Http404("No such kinship assessment") from None
    record_read(
        by=staff(request),
        page="api:kinship_assessment_detail",
        record=assessment,
        children=[assessment.child_id],
    )
    deadlines: list[Any] = assessment_deadlines(assessment, today=clock.today())
    assessment.deadlines = deadlines  # type: ignore[attr-defined]
    return assessment
