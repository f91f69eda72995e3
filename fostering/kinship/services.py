"""The write side of kinship assessments. Approval of a connected carer after panel (and the fostering
household it makes) belongs to panel and ADM; here the assessment records its outcome and date."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from fostering.accounts.models import User
from fostering.accounts.permissions import Perm, has_perm, require
from fostering.audit.services import changes_between, created_changes, record_event, snapshot
from fostering.children.models import Child
from fostering.core.validators import refuse_future_date as _not_future
from fostering.people.choices import MemberRole
from fostering.people.services import household_create, member_register

from .choices import (
    CLOSED_STAGES,
    DECISION_OUTCOMES,
    FIRST_STAGE,
    OPEN_STAGES,
    REG25_REQUIREMENTS,
    TRANSITIONS,
    AssessmentKind,
    Outcome,
    Requirement,
    Stage,
)
from .deadlines import temporary_approval_ends
from .models import KinshipAssessment, StageChange

ASSESSMENT_FIELDS = [
    "child",
    "connected_household",
    "relationship",
    "kind",
    "stage",
    "social_worker",
    "started_on",
]


def _open(assessment: KinshipAssessment, field: str) -> None:
    if assessment.stage in CLOSED_STAGES:
        raise ValidationError(
            {field: f"The assessment is {assessment.get_stage_display().lower()}: it can no longer change"}
        )


def _locked(assessment: KinshipAssessment) -> KinshipAssessment:
    """The assessment re-read under a row lock, so two people cannot both grant the one extension."""
    return KinshipAssessment.objects.select_for_update().get(pk=assessment.pk)


def _move(
    assessment: KinshipAssessment, to_stage: Stage, on: date, reason: str, by: User | None
) -> StageChange:
    change = StageChange(
        organisation_id=assessment.organisation_id,
        assessment=assessment,
        from_stage=assessment.stage,
        to_stage=to_stage,
        changed_on=on,
        reason=reason,
    )
    change.stamp(by)
    change.save()
    assessment.stage = to_stage
    return change


def _save(assessment: KinshipAssessment, fields: list[str], by: User | None) -> None:
    assessment.stamp(by)
    assessment.save(update_fields=[*fields, "modified_at", "modified_by"])


@transaction.atomic
def assessment_start(
    *,
    child: Child,
    kind: AssessmentKind,
    relationship: str,
    household_name: str,
    carer_first_name: str,
    carer_last_name: str,
    carer_date_of_birth: date | None = None,
    line_1: str = "",
    town: str = "",
    postcode: str = "",
    started_on: date,
    social_worker: User | None = None,
    by: User | None,
) -> KinshipAssessment:
    """Start an assessment of a child's connected people: their household (with the connected person as its
    carer) is recorded through the people services, and the assessment begins at its kind's first stage."""
    require(by, Perm.START_KINSHIP_ASSESSMENT, child.organisation_id)
    _not_future(started_on, "started_on")
    if not relationship.strip():
        raise ValidationError({"relationship": "Enter the connected person's relationship to the child"})
    if social_worker is not None and not has_perm(
        social_worker, Perm.RECORD_KINSHIP_ASSESSMENT, child.organisation_id
    ):
        raise ValidationError({"social_worker": "Choose a kinship social worker of this council"})
    household = household_create(
        organisation=child.organisation,
        name=household_name.strip() or f"{carer_last_name} household",
        line_1=line_1,
        town=town,
        postcode=postcode,
        by=by,
    )
    member_register(
        household=household,
        person_values={
            "first_name": carer_first_name,
            "last_name": carer_last_name,
            "date_of_birth": carer_date_of_birth,
        },
        role=MemberRole.CARER,
        joined_on=started_on,
        by=by,
    )
    assessment = KinshipAssessment(
        organisation_id=child.organisation_id,
        child=child,
        connected_household=household,
        relationship=relationship.strip(),
        kind=kind,
        stage=FIRST_STAGE[AssessmentKind(kind)],
        social_worker=social_worker,
        started_on=started_on,
    )
    assessment.stamp(by)
    assessment.full_clean()
    assessment.save()
    first = StageChange(
        organisation_id=assessment.organisation_id,
        assessment=assessment,
        from_stage="",
        to_stage=assessment.stage,
        changed_on=started_on,
        reason="Assessment started",
    )
    first.stamp(by)
    first.save()
    record_event(
        actor=by,
        verb="kinship_assessment_started",
        obj=assessment,
        changes=created_changes(assessment, ASSESSMENT_FIELDS),
    )
    return assessment


@transaction.atomic
def placement_record(*, assessment: KinshipAssessment, placed_on: date, by: User | None) -> KinshipAssessment:
    """The child was placed with the connected people under Regulation 24: temporary approval starts."""
    require(by, Perm.RECORD_KINSHIP_ASSESSMENT, assessment.organisation_id)
    assessment = _locked(assessment)
    _open(assessment, "placed_on")
    _not_future(placed_on, "placed_on")
    if assessment.extension_granted_on is not None:
        raise ValidationError(
            {"placed_on": "The extension has been granted: the placement date can no longer change"}
        )
    before = snapshot(assessment, ["placed_on"])
    assessment.placed_on = placed_on
    _save(assessment, ["placed_on"], by)
    record_event(
        actor=by,
        verb="regulation_24_placement_recorded",
        obj=assessment,
        changes=changes_between(before, snapshot(assessment, ["placed_on"])),
    )
    return assessment


def _check_reg25_step(assessment: KinshipAssessment, on: date, field: str) -> None:
    _open(assessment, field)
    if assessment.placed_on is None:
        raise ValidationError(
            {field: "Record the Regulation 24 placement first: an extension is of a temporary approval"}
        )
    if assessment.extension_granted_on is not None:
        raise ValidationError({field: "The extension has been granted: only one extension is allowed"})
    _not_future(on, field)
    if on < assessment.placed_on:
        raise ValidationError(
            {field: f"The date must not be before the child was placed ({assessment.placed_on:%d/%m/%Y})"}
        )
    ends = temporary_approval_ends(assessment)
    if ends is not None and on > ends:
        raise ValidationError(
            {field: f"Temporary approval ended on {ends:%d/%m/%Y}: it can no longer be extended"}
        )


def _record_step(
    assessment: KinshipAssessment, values: dict[str, object], verb: str, by: User | None
) -> KinshipAssessment:
    before = snapshot(assessment, list(values))
    for name, value in values.items():
        setattr(assessment, name, value)
    _save(assessment, list(values), by)
    record_event(
        actor=by,
        verb=verb,
        obj=assessment,
        changes=changes_between(before, snapshot(assessment, list(values))),
    )
    return assessment


@transaction.atomic
def panel_views_record(
    *, assessment: KinshipAssessment, sought_on: date, views: str = "", by: User | None
) -> KinshipAssessment:
    """Regulation 25: the fostering panel's views on extending the temporary approval were sought."""
    require(by, Perm.RECORD_KINSHIP_ASSESSMENT, assessment.organisation_id)
    assessment = _locked(assessment)
    _check_reg25_step(assessment, sought_on, "sought_on")
    values = {"panel_views_sought_on": sought_on, "panel_views": views.strip()}
    return _record_step(assessment, values, "regulation_25_panel_views_recorded", by)


@transaction.atomic
def iro_informed_record(
    *, assessment: KinshipAssessment, informed_on: date, by: User | None
) -> KinshipAssessment:
    """Regulation 25: the child's independent reviewing officer was informed."""
    require(by, Perm.RECORD_KINSHIP_ASSESSMENT, assessment.organisation_id)
    assessment = _locked(assessment)
    _check_reg25_step(assessment, informed_on, "informed_on")
    return _record_step(assessment, {"iro_informed_on": informed_on}, "regulation_25_iro_informed", by)


@transaction.atomic
def nominated_officer_approve(
    *,
    assessment: KinshipAssessment,
    approved_on: date,
    nominated_officer: User | None = None,
    by: User | None,
) -> KinshipAssessment:
    """Regulation 25: the nominated officer (the agency decision maker or service manager) approves the
    extension. The officer is the acting user unless the system records it for them."""
    require(by, Perm.APPROVE_REG25_EXTENSION, assessment.organisation_id)
    officer = nominated_officer or by
    if officer is None or not has_perm(officer, Perm.APPROVE_REG25_EXTENSION, assessment.organisation_id):
        raise ValidationError(
            {"approved_on": "The nominated officer must be a decision maker of this council"}
        )
    assessment = _locked(assessment)
    _check_reg25_step(assessment, approved_on, "approved_on")
    values = {"nominated_officer": officer, "nominated_officer_approved_on": approved_on}
    return _record_step(assessment, values, "regulation_25_nominated_officer_approved", by)


def extension_missing(assessment: KinshipAssessment) -> list[Requirement]:
    """The Regulation 25 conditions not yet met (the checklist on the page, and the grant's guard)."""
    return [r for r in REG25_REQUIREMENTS if getattr(assessment, r.field) is None]


@transaction.atomic
def extension_grant(*, assessment: KinshipAssessment, granted_on: date, by: User | None) -> KinshipAssessment:
    """Extend the temporary approval by up to 8 weeks under Regulation 25 (once, and only with the panel's
    views sought, the IRO informed and the nominated officer's approval)."""
    require(by, Perm.RECORD_KINSHIP_ASSESSMENT, assessment.organisation_id)
    assessment = _locked(assessment)
    _check_reg25_step(assessment, granted_on, "granted_on")
    missing = extension_missing(assessment)
    if missing:
        raise ValidationError(
            {
                "granted_on": "The extension cannot be granted until these are recorded: "
                + "; ".join(r.label.lower() for r in missing)
            }
        )
    latest = max(getattr(assessment, r.field) for r in REG25_REQUIREMENTS)
    if granted_on < latest:
        raise ValidationError(
            {
                "granted_on": f"The extension must be granted on or after its last condition ({latest:%d/%m/%Y})"
            }
        )
    return _record_step(
        assessment, {"extension_granted_on": granted_on}, "regulation_25_extension_granted", by
    )


def _check_decision_date(assessment: KinshipAssessment, on: date, field: str) -> None:
    _not_future(on, field)
    if assessment.placed_on is not None and on < assessment.placed_on:
        raise ValidationError(
            {field: f"The date must not be before the child was placed ({assessment.placed_on:%d/%m/%Y})"}
        )
    if on < assessment.started_on:
        raise ValidationError(
            {field: f"The date must not be before the assessment started ({assessment.started_on:%d/%m/%Y})"}
        )
    last = assessment.stage_changes.order_by("-changed_on", "-id").first()
    if last is not None and on < last.changed_on:
        raise ValidationError(
            {field: f"The date must not be before the last change ({last.changed_on:%d/%m/%Y})"}
        )


@transaction.atomic
def stage_change(
    *, assessment: KinshipAssessment, to_stage: Stage, changed_on: date, reason: str = "", by: User | None
) -> StageChange:
    """Move an open assessment between its open stages (an outcome or withdrawal closes it)."""
    require(by, Perm.RECORD_KINSHIP_ASSESSMENT, assessment.organisation_id)
    assessment = _locked(assessment)
    current = Stage(assessment.stage)
    if to_stage not in TRANSITIONS[current] or to_stage not in OPEN_STAGES:
        raise ValidationError(
            {
                "to_stage": f"An assessment at {current.label.lower()} cannot move to {Stage(to_stage).label.lower()}"
            }
        )
    _check_decision_date(assessment, changed_on, "changed_on")
    change = _move(assessment, to_stage, changed_on, reason.strip(), by)
    _save(assessment, ["stage"], by)
    record_event(
        actor=by,
        verb="kinship_stage_changed",
        obj=assessment,
        changes={"stage": [current.value, to_stage.value]},
        note=reason,
    )
    return change


def _close(
    assessment: KinshipAssessment, outcome: Outcome, on: date, reason: str, verb: str, by: User | None
) -> KinshipAssessment:
    current = Stage(assessment.stage)
    to_stage = Stage.WITHDRAWN if outcome == Outcome.WITHDRAWN else Stage.CONCLUDED
    _move(assessment, to_stage, on, reason.strip(), by)
    assessment.outcome = outcome
    assessment.decided_on = on
    _save(assessment, ["stage", "outcome", "decided_on"], by)
    record_event(
        actor=by,
        verb=verb,
        obj=assessment,
        changes={
            "stage": [current.value, to_stage.value],
            "outcome": [None, outcome.value],
            "decided_on": [None, on.isoformat()],
        },
        note=reason,
    )
    return assessment


@transaction.atomic
def outcome_record(
    *, assessment: KinshipAssessment, outcome: Outcome, decided_on: date, reason: str = "", by: User | None
) -> KinshipAssessment:
    """The assessment's outcome (approved connected carer, SGO, child arrangements order or negative)."""
    require(by, Perm.RECORD_KINSHIP_ASSESSMENT, assessment.organisation_id)
    assessment = _locked(assessment)
    _open(assessment, "outcome")
    allowed = DECISION_OUTCOMES[Stage(assessment.stage)]
    if outcome not in allowed:
        raise ValidationError(
            {
                "outcome": f"At {assessment.get_stage_display().lower()} the outcome can be: "
                + ", ".join(sorted(o.label.lower() for o in allowed))
            }
        )
    _check_decision_date(assessment, decided_on, "decided_on")
    return _close(assessment, Outcome(outcome), decided_on, reason, "kinship_outcome_recorded", by)


@transaction.atomic
def assessment_withdraw(
    *, assessment: KinshipAssessment, withdrawn_on: date, reason: str, by: User | None
) -> KinshipAssessment:
    require(by, Perm.RECORD_KINSHIP_ASSESSMENT, assessment.organisation_id)
    assessment = _locked(assessment)
    _open(assessment, "withdrawn_on")
    if not reason.strip():
        raise ValidationError({"reason": "Give the reason the assessment is withdrawn"})
    _check_decision_date(assessment, withdrawn_on, "withdrawn_on")
    return _close(assessment, Outcome.WITHDRAWN, withdrawn_on, reason, "kinship_assessment_withdrawn", by)
