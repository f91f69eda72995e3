"""The read side of kinship assessments: the kinship team, managers and the ADM see the whole council's;
a child's social worker sees the assessments for the children allocated to them."""

from __future__ import annotations

from django.db.models import F, Min, Q, QuerySet

from fostering.accounts.models import User
from fostering.accounts.permissions import Perm, organisations_with

from .choices import CLOSED_STAGES, OPEN_STAGES, Stage
from .models import KinshipAssessment


def assessment_list_for_user(
    *, user: User, status: str = "open", worker: int | None = None, kind: str = "", search: str = ""
) -> QuerySet[KinshipAssessment]:
    whole = organisations_with(user, Perm.VIEW_KINSHIP_ASSESSMENT)
    caseload = organisations_with(user, Perm.VIEW_CASELOAD_KINSHIP_ASSESSMENT) - whole
    assessments = KinshipAssessment.objects.filter(
        Q(organisation_id__in=whole) | Q(organisation_id__in=caseload, child__social_worker=user)
    )
    if status == "open":
        assessments = assessments.filter(stage__in=OPEN_STAGES)
    elif status == "closed":
        assessments = assessments.filter(stage__in=CLOSED_STAGES)
    elif status:
        assessments = assessments.filter(stage=status)
    if worker:
        assessments = assessments.filter(social_worker_id=worker)
    if kind:
        assessments = assessments.filter(kind=kind)
    if search:
        for word in search.split():
            assessments = assessments.filter(
                Q(child__person__first_name__icontains=word)
                | Q(child__person__last_name__icontains=word)
                | Q(connected_household__name__icontains=word)
            )
    return (
        assessments.select_related("child__person", "connected_household", "social_worker")
        .annotate(
            reached_panel_on=Min(
                "stage_changes__changed_on", filter=Q(stage_changes__to_stage=Stage.AWAITING_DECISION)
            )
        )
        .order_by(F("placed_on").asc(nulls_last=True), "started_on", "id")
    )


def assessment_get_for_user(*, user: User, pk: int) -> KinshipAssessment:
    """Raises KinshipAssessment.DoesNotExist when the assessment is out of the user's reach."""
    return (
        assessment_list_for_user(user=user, status="")
        .select_related("nominated_officer", "child__social_worker")
        .get(pk=pk)
    )
