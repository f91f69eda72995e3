"""The read side of assessments: scoped by organisation, by caseload (the assessing social worker's own)
and, for the independent visitor co-ordinator, by kind."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet

from fostering.accounts.models import User
from fostering.accounts.permissions import Perm, organisations_with
from fostering.people.models import Check, Household, HouseholdMember

from .choices import OPEN_STAGES, AssessmentKind, Stage
from .models import Assessment, StageChange

VIEW_PERMS = (Perm.VIEW_ASSESSMENT, Perm.VIEW_CASELOAD_ASSESSMENT, Perm.VIEW_IV_ASSESSMENT)


def assessment_list_for_user(
    *, user: User, stage: str = "", worker_id: int | None = None, kind: str = "", search: str = ""
) -> QuerySet[Assessment]:
    whole = organisations_with(user, Perm.VIEW_ASSESSMENT)
    caseload = organisations_with(user, Perm.VIEW_CASELOAD_ASSESSMENT) - whole
    visitors = organisations_with(user, Perm.VIEW_IV_ASSESSMENT) - whole
    assessments = Assessment.objects.filter(
        Q(organisation_id__in=whole)
        | Q(organisation_id__in=caseload, assessing_social_worker=user)
        | Q(organisation_id__in=visitors, kind=AssessmentKind.INDEPENDENT_VISITOR)
    )
    if stage == "open":
        assessments = assessments.filter(stage__in=OPEN_STAGES)
    elif stage:
        assessments = assessments.filter(stage=stage)
    if worker_id:
        assessments = assessments.filter(assessing_social_worker_id=worker_id)
    if kind:
        assessments = assessments.filter(kind=kind)
    if search:
        assessments = assessments.filter(household__name__icontains=search)
    return assessments.select_related("household", "assessing_social_worker").order_by(
        "application_accepted_on", "id"
    )


def with_stage_changes(assessments: QuerySet[Assessment]) -> QuerySet[Assessment]:
    """Prefetch the stage history (oldest first) that the clocks are computed from."""
    return assessments.prefetch_related(
        Prefetch("stage_changes", queryset=StageChange.objects.order_by("changed_on", "id"))
    )


def with_everything(assessments: QuerySet[Assessment]) -> QuerySet[Assessment]:
    """What the checklist needs: members with their checks, the stage history and the sessions count."""
    members = (
        HouseholdMember.objects.filter(left_on__isnull=True)
        .select_related("person")
        .prefetch_related(Prefetch("checks", queryset=Check.objects.order_by("kind", "-requested_on")))
    )
    return (
        with_stage_changes(assessments)
        .prefetch_related(Prefetch("household__members", queryset=members, to_attr="current_members"))
        .annotate(session_count=Count("sessions", distinct=True))
    )


def assessment_get_for_user(*, user: User, pk: int) -> Assessment:
    """Raises Assessment.DoesNotExist when the assessment is out of the user's reach."""
    return with_everything(assessment_list_for_user(user=user)).get(pk=pk)


def kinds_user_may_start(user: User, organisation_id: int) -> list[AssessmentKind]:
    """The independent visitor co-ordinator starts independent visitor assessments only."""
    if organisation_id in organisations_with(user, Perm.VIEW_ASSESSMENT):
        return list(AssessmentKind)
    if organisation_id in organisations_with(user, Perm.VIEW_IV_ASSESSMENT):
        return [AssessmentKind.INDEPENDENT_VISITOR]
    return []


def assessing_social_workers(organisation_id: int) -> QuerySet[User]:
    """Staff of the organisation who may be allocated an assessment."""
    from fostering.accounts.roles import Role

    return (
        User.objects.filter(
            memberships__organisation_id=organisation_id,
            memberships__ended_on__isnull=True,
            memberships__role__in=[
                Role.ASSESSING_SOCIAL_WORKER,
                Role.ASSESSMENT_MANAGER,
                Role.IV_COORDINATOR,
            ],
        )
        .distinct()
        .order_by("last_name", "first_name")
    )


def households_open_to_apply(*, user: User, organisation_id: int) -> QuerySet[Household]:
    """Households of the organisation the user may see that could apply: not approved, no open assessment."""
    if organisation_id not in organisations_with(user, Perm.VIEW_PERSON):
        return Household.objects.none()
    return (
        Household.objects.filter(organisation_id=organisation_id, fostering__isnull=True)
        .exclude(assessments__stage__in=OPEN_STAGES)
        .order_by("name", "id")
    )


def assessments_ready_for_panel(organisation_id: int) -> QuerySet[Assessment]:
    """The organisation's assessments at "ready for panel", for the panel's agenda."""
    return (
        Assessment.objects.filter(organisation_id=organisation_id, stage=Stage.READY_FOR_PANEL)
        .select_related("household", "assessing_social_worker")
        .order_by("application_accepted_on", "id")
    )
