"""Assessments of applicants (mainstream, fast track, supported lodgings hosts, independent visitors):
stage, clocks (paused while on hold) and what is missing before the next stage and before panel.

Managers see all their council's assessments; an assessing social worker sees those allocated to them;
the independent visitor co-ordinator sees independent visitor assessments.
"""

from datetime import date
from typing import Literal

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from ninja import Router, Schema

from fostering.assessments.checklist import checklist
from fostering.assessments.choices import (
    AssessmentKind,
    Requirement,
    Stage,
    WithdrawalReason,
    next_stage,
)
from fostering.assessments.deadlines import assessment_clocks
from fostering.assessments.models import Assessment
from fostering.assessments.selectors import assessment_get_for_user, assessment_list_for_user
from fostering.core import clock

from .auth import staff
from .pagination import paginated
from .schemas import AUTH_ERRORS, INVALID, NOT_FOUND, DeadlineOut, FilterId, RecordId, StaffRef

router = Router(tags=["assessments"])

StageFilter = Literal[("open", *Stage.values)]  # type: ignore[valid-type]


class AssessmentOut(Schema):
    id: int
    organisation_id: int
    kind: AssessmentKind
    household_id: int
    name: str
    stage: Stage
    withdrawal_reason: WithdrawalReason | Literal[""]
    application_accepted_on: date
    target_panel_on: date | None
    assessing_social_worker: StaffRef | None
    enquiry_id: int | None

    @staticmethod
    def resolve_name(obj: Assessment) -> str:
        return obj.household.name


class AssessmentDeadlineOut(DeadlineOut):
    title: str
    paused_days: int


class MissingOut(Schema):
    requirement: Requirement
    label: str
    detail: str


class ApplicantOut(Schema):
    person_id: int
    name: str
    role: str
    date_of_birth: date | None


class AssessmentDetailOut(AssessmentOut):
    deadlines: list[AssessmentDeadlineOut]
    next_stage: Stage | None
    missing_for_next_stage: list[MissingOut]
    missing_for_panel: list[MissingOut]
    members: list[ApplicantOut]
    skills_to_foster_attended_on: date | None
    mentor_offered_on: date | None
    agreement_signed_on: date | None
    sessions_held: int


@router.get(
    "", response={200: list[AssessmentOut], **AUTH_ERRORS, **INVALID}, summary="Assessments I may see"
)
@paginated
def assessment_list(
    request: HttpRequest,
    stage: StageFilter | None = None,
    kind: AssessmentKind | None = None,
    worker: FilterId = None,
) -> QuerySet[Assessment]:
    return assessment_list_for_user(user=staff(request), stage=stage or "", kind=kind or "", worker_id=worker)


@router.get(
    "/{id}",
    response={200: AssessmentDetailOut, **AUTH_ERRORS, **NOT_FOUND, **INVALID},
    summary="One assessment, with its clocks and what is missing",
)
def assessment_detail(request: HttpRequest, id: RecordId) -> Assessment:
    try:
        assessment = assessment_get_for_user(user=staff(request), pk=id)
    except ObjectDoesNotExist:
        raise Http404("No such assessment") from None
    today = clock.today()
    following = next_stage(assessment.stage)
    members = assessment.household.current_members  # type: ignore[attr-defined]
    extra = {
        "deadlines": [
            {
                **vars(c.deadline),
                "title": c.title,
                "paused_days": c.paused_days,
            }
            for c in assessment_clocks(assessment, today=today)
        ],
        "next_stage": following,
        "missing_for_next_stage": [
            i.as_dict() for i in (checklist(assessment, following, today) if following else []) if not i.done
        ],
        "missing_for_panel": [
            i.as_dict() for i in checklist(assessment, Stage.READY_FOR_PANEL, today) if not i.done
        ],
        "members": [
            {
                "person_id": m.person_id,
                "name": m.person.full_name,
                "role": m.role,
                "date_of_birth": m.person.date_of_birth,
            }
            for m in members
        ],
        "sessions_held": assessment.session_count,  # type: ignore[attr-defined]
    }
    for name, value in extra.items():
        setattr(assessment, name, value)
    return assessment
