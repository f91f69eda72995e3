"""The write side of assessments: one function per business verb, each atomic and audited."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from fostering.accounts.models import Organisation, User
from fostering.accounts.permissions import Perm, require
from fostering.audit.services import changes_between, created_changes, record_event, snapshot
from fostering.core import clock
from fostering.core.validators import age_on, future_date_errors
from fostering.people.choices import CheckOutcome, MemberRole
from fostering.people.models import Check, Household, HouseholdMember
from fostering.people.services import check_record, household_create, member_add, person_create, person_update

from .checklist import missing
from .choices import (
    CLOSED_STAGES,
    DECIDED_STAGES,
    REASON_REQUIRED,
    TARGET_WEEKS,
    TRANSITIONS,
    AssessmentKind,
    Stage,
    WithdrawalReason,
)
from .models import Assessment, AssessmentSession, StageChange
from .selectors import assessing_social_workers, kinds_user_may_start, with_everything

START_FIELDS = [
    "kind",
    "household",
    "assessing_social_worker",
    "application_accepted_on",
    "target_panel_on",
    "previous_agency",
    "enquiry_id",
]


def _not_future(errors: dict[str, str], field: str, value: date | None) -> None:
    errors.update(future_date_errors(field, value))


def _check_worker(errors: dict[str, str], worker: User | None, organisation_id: int) -> None:
    if worker is not None and not assessing_social_workers(organisation_id).filter(pk=worker.pk).exists():
        errors["assessing_social_worker"] = "Choose an assessing social worker of the same organisation"


@transaction.atomic
def assessment_start(
    *,
    household: Household,
    kind: AssessmentKind,
    application_accepted_on: date,
    assessing_social_worker: User | None = None,
    target_panel_on: date | None = None,
    previous_agency: str = "",
    enquiry_id: int | None = None,
    by: User | None,
) -> Assessment:
    """Accept the application of a household whose applicants are its members with the carer role."""
    require(by, Perm.START_ASSESSMENT, household.organisation_id)
    errors: dict[str, str] = {}
    if by is not None and kind not in kinds_user_may_start(by, household.organisation_id):
        errors["kind"] = "You may not start this kind of assessment"
    _not_future(errors, "application_accepted_on", application_accepted_on)
    if target_panel_on is not None and target_panel_on <= application_accepted_on:
        errors["target_panel_on"] = "The target panel date must be after the application was accepted"
    if kind == AssessmentKind.FAST_TRACK and not previous_agency.strip():
        errors["previous_agency"] = "Enter the agency or council the carers are transferring from"
    _check_worker(errors, assessing_social_worker, household.organisation_id)
    applicants = list(
        household.members.filter(left_on__isnull=True, role=MemberRole.CARER).select_related("person")
    )
    if not 1 <= len(applicants) <= 2:
        errors["household"] = "An application has one or two applicants (members with the carer role)"
    for member in applicants:
        dob = member.person.date_of_birth
        if dob is not None and age_on(dob, application_accepted_on) < 18:
            errors["household"] = f"{member.person} is under 18: applicants must be 18 or over"
    if Assessment.objects.filter(household=household).exclude(stage__in=CLOSED_STAGES).exists():
        errors["household"] = f"{household} already has an open assessment"
    if (
        enquiry_id is not None
        and Assessment.objects.filter(
            organisation_id=household.organisation_id, enquiry_id=enquiry_id
        ).exists()
    ):
        errors["household"] = "An assessment has already been started from this enquiry"
    if errors:
        raise ValidationError(errors)
    assessment = Assessment(
        organisation_id=household.organisation_id,
        household=household,
        kind=kind,
        application_accepted_on=application_accepted_on,
        assessing_social_worker=assessing_social_worker,
        target_panel_on=target_panel_on
        or application_accepted_on + timedelta(weeks=TARGET_WEEKS[AssessmentKind(kind)]),
        previous_agency=previous_agency.strip(),
        enquiry_id=enquiry_id,
        stage=Stage.APPLICATION,
    )
    assessment.stamp(by)
    assessment.full_clean()
    assessment.save()
    change = StageChange(
        organisation_id=assessment.organisation_id,
        assessment=assessment,
        from_stage="",
        to_stage=Stage.APPLICATION,
        changed_on=application_accepted_on,
        reason="Application accepted",
    )
    change.stamp(by)
    change.save()
    record_event(
        actor=by, verb="assessment_started", obj=assessment, changes=created_changes(assessment, START_FIELDS)
    )
    return assessment


@transaction.atomic
def application_create(
    *,
    organisation: Organisation,
    kind: AssessmentKind,
    household_name: str,
    applicants: list[dict[str, Any]],
    application_accepted_on: date,
    line_1: str = "",
    town: str = "",
    postcode: str = "",
    assessing_social_worker: User | None = None,
    target_panel_on: date | None = None,
    previous_agency: str = "",
    enquiry_id: int | None = None,
    by: User | None,
) -> Assessment:
    """A new household with its one or two applicants, and their assessment, in one go.

    Each applicant is a dict of person fields (first_name, last_name, date_of_birth, ...), with ``person``
    when they are on record already (the enquirer); errors about
    the n-th applicant are keyed ``applicant_<n>_<field>``.
    """
    require(by, Perm.START_ASSESSMENT, organisation.pk)
    errors: dict[str, str] = {}
    if not household_name.strip():
        errors["household_name"] = "Enter the household's name"
    if not 1 <= len(applicants) <= 2:
        errors["applicant_1_first_name"] = "An application has one or two applicants"
    for n, values in enumerate(applicants, start=1):
        dob = values.get("date_of_birth")
        if dob is None:
            errors[f"applicant_{n}_date_of_birth"] = "Enter the applicant's date of birth"
        elif dob > clock.today():
            errors[f"applicant_{n}_date_of_birth"] = "Date of birth must be today or in the past"
        elif age_on(dob, application_accepted_on) < 18:
            errors[f"applicant_{n}_date_of_birth"] = "Applicants must be 18 or over"
    if errors:
        raise ValidationError(errors)
    household = household_create(
        organisation=organisation,
        name=household_name.strip(),
        line_1=line_1,
        town=town,
        postcode=postcode,
        by=by,
    )
    for n, values in enumerate(applicants, start=1):
        values = dict(values)
        known = values.pop("person", None)  # the enquirer, already on record from their enquiry
        try:
            if known is not None:
                person = person_update(person=known, by=by, **values)
            else:
                person = person_create(organisation=organisation, by=by, **values)
        except ValidationError as error:
            raise ValidationError(
                {f"applicant_{n}_{field}": messages for field, messages in error.message_dict.items()}
            ) from error
        member_add(
            household=household,
            person=person,
            role=MemberRole.CARER,
            joined_on=application_accepted_on,
            by=by,
        )
    return assessment_start(
        household=household,
        kind=kind,
        application_accepted_on=application_accepted_on,
        assessing_social_worker=assessing_social_worker,
        target_panel_on=target_panel_on,
        previous_agency=previous_agency,
        enquiry_id=enquiry_id,
        by=by,
    )


@transaction.atomic
def assessing_social_worker_allocate(
    *, assessment: Assessment, social_worker: User, by: User | None
) -> Assessment:
    """The manager allocates (or changes) the assessing social worker."""
    require(by, Perm.START_ASSESSMENT, assessment.organisation_id)
    _open(assessment, "assessing_social_worker")
    errors: dict[str, str] = {}
    _check_worker(errors, social_worker, assessment.organisation_id)
    if errors:
        raise ValidationError(errors)
    return _record_dates(
        assessment,
        {"assessing_social_worker": social_worker},
        verb="assessing_social_worker_allocated",
        by=by,
    )


def _open(assessment: Assessment, field: str) -> None:
    if assessment.stage in CLOSED_STAGES:
        raise ValidationError({field: "The assessment has been withdrawn: nothing more can be recorded"})


@transaction.atomic
def assessment_member_add(
    *, assessment: Assessment, role: MemberRole, joined_on: date, by: User | None, **person_values: Any
) -> HouseholdMember:
    """Another member of the applicants' household (a partner, a child, an adult who lives there)."""
    require(by, Perm.RECORD_ASSESSMENT, assessment.organisation_id)
    _open(assessment, "role")
    if role == MemberRole.CARER:
        raise ValidationError({"role": "Applicants are recorded when the application is accepted"})
    person = person_create(organisation=assessment.organisation, by=by, **person_values)
    return member_add(household=assessment.household, person=person, role=role, joined_on=joined_on, by=by)


@transaction.atomic
def assessment_check_record(
    *,
    assessment: Assessment,
    member: HouseholdMember,
    kind: str,
    requested_on: date,
    received_on: date | None = None,
    outcome: str = CheckOutcome.PENDING,
    reference: str = "",
    expires_on: date | None = None,
    by: User | None,
) -> Check:
    """A Stage 1 check on a member of the applicants' household (people.services.check_record validates)."""
    require(by, Perm.RECORD_ASSESSMENT, assessment.organisation_id)
    _open(assessment, "kind")
    if member.household_id != assessment.household_id or member.left_on is not None:
        raise ValidationError({"member": "Choose a current member of the applicants' household"})
    check = check_record(
        member=member,
        kind=kind,
        requested_on=requested_on,
        received_on=received_on,
        outcome=outcome,
        reference=reference,
        expires_on=expires_on,
        by=by,
    )
    record_event(
        actor=by,
        verb="assessment_check_recorded",
        obj=assessment,
        changes={f"{member.person}: {check.get_kind_display()}": [None, check.get_outcome_display()]},
    )
    return check


def _record_dates(
    assessment: Assessment, values: dict[str, Any], *, verb: str, by: User | None
) -> Assessment:
    """Save dated facts of the assessment (already validated) and audit them with old and new values."""
    fields = list(values)
    before = snapshot(assessment, fields)
    for field, value in values.items():
        setattr(assessment, field, value)
    assessment.stamp(by)
    assessment.full_clean()
    assessment.save(update_fields=[*fields, "modified_at", "modified_by"])
    record_event(
        actor=by, verb=verb, obj=assessment, changes=changes_between(before, snapshot(assessment, fields))
    )
    return assessment


@transaction.atomic
def skills_to_foster_record(
    *, assessment: Assessment, booked_on: date | None, attended_on: date | None = None, by: User | None
) -> Assessment:
    require(by, Perm.RECORD_SKILLS_TO_FOSTER, assessment.organisation_id)
    _open(assessment, "booked_on")
    errors: dict[str, str] = {}
    if booked_on is None and attended_on is None:
        errors["booked_on"] = "Enter the date of the course booked, or the date attended"
    _not_future(errors, "attended_on", attended_on)
    if attended_on is not None and attended_on < assessment.application_accepted_on:
        errors["attended_on"] = "The course must be attended on or after the application was accepted"
    if errors:
        raise ValidationError(errors)
    return _record_dates(
        assessment,
        {"skills_to_foster_booked_on": booked_on, "skills_to_foster_attended_on": attended_on},
        verb="skills_to_foster_recorded",
        by=by,
    )


@transaction.atomic
def mentor_record(
    *,
    assessment: Assessment,
    offered_on: date,
    mentor_name: str = "",
    accepted_on: date | None = None,
    by: User | None,
) -> Assessment:
    require(by, Perm.RECORD_ASSESSMENT, assessment.organisation_id)
    _open(assessment, "offered_on")
    errors: dict[str, str] = {}
    _not_future(errors, "offered_on", offered_on)
    _not_future(errors, "accepted_on", accepted_on)
    if accepted_on is not None and accepted_on < offered_on:
        errors["accepted_on"] = "The mentor must be accepted on or after the date offered"
    if errors:
        raise ValidationError(errors)
    return _record_dates(
        assessment,
        {
            "mentor_offered_on": offered_on,
            "mentor_accepted_on": accepted_on,
            "mentor_name": mentor_name.strip(),
        },
        verb="mentor_recorded",
        by=by,
    )


@transaction.atomic
def agreement_record(
    *, assessment: Assessment, signed_on: date, target_panel_on: date, by: User | None
) -> Assessment:
    """The assessment agreement, signed, with the target panel date written into it."""
    require(by, Perm.RECORD_ASSESSMENT, assessment.organisation_id)
    _open(assessment, "signed_on")
    errors: dict[str, str] = {}
    _not_future(errors, "signed_on", signed_on)
    if signed_on < assessment.application_accepted_on:
        errors["signed_on"] = "The agreement must be signed on or after the application was accepted"
    if target_panel_on <= signed_on:
        errors["target_panel_on"] = "The target panel date must be after the agreement was signed"
    if errors:
        raise ValidationError(errors)
    return _record_dates(
        assessment,
        {"agreement_signed_on": signed_on, "target_panel_on": target_panel_on},
        verb="assessment_agreement_signed",
        by=by,
    )


@transaction.atomic
def previous_agency_reference_record(
    *, assessment: Assessment, received_on: date, by: User | None
) -> Assessment:
    require(by, Perm.RECORD_ASSESSMENT, assessment.organisation_id)
    _open(assessment, "received_on")
    errors: dict[str, str] = {}
    if assessment.kind != AssessmentKind.FAST_TRACK:
        errors["received_on"] = "Only a fast track assessment needs the previous agency's reference"
    _not_future(errors, "received_on", received_on)
    if errors:
        raise ValidationError(errors)
    return _record_dates(
        assessment,
        {"previous_agency_reference_on": received_on},
        verb="previous_agency_reference_received",
        by=by,
    )


@transaction.atomic
def safeguarding_course_record(*, assessment: Assessment, completed_on: date, by: User | None) -> Assessment:
    require(by, Perm.RECORD_SKILLS_TO_FOSTER, assessment.organisation_id)
    _open(assessment, "completed_on")
    errors: dict[str, str] = {}
    _not_future(errors, "completed_on", completed_on)
    if completed_on < assessment.application_accepted_on:
        errors["completed_on"] = "The course must be completed on or after the application was accepted"
    if errors:
        raise ValidationError(errors)
    return _record_dates(
        assessment, {"safeguarding_course_on": completed_on}, verb="safeguarding_course_completed", by=by
    )


@transaction.atomic
def session_record(
    *, assessment: Assessment, held_on: date, notes: str = "", by: User | None
) -> AssessmentSession:
    """A Form F session (a short assessment's session for supported lodgings hosts and visitors)."""
    require(by, Perm.RECORD_ASSESSMENT, assessment.organisation_id)
    _open(assessment, "held_on")
    errors: dict[str, str] = {}
    _not_future(errors, "held_on", held_on)
    if held_on < assessment.application_accepted_on:
        errors["held_on"] = "The session must be on or after the application was accepted"
    if errors:
        raise ValidationError(errors)
    session = AssessmentSession(
        organisation_id=assessment.organisation_id, assessment=assessment, held_on=held_on, notes=notes
    )
    session.stamp(by)
    session.save()
    record_event(
        actor=by,
        verb="assessment_session_recorded",
        obj=assessment,
        changes={"session": [None, str(session)]},
    )
    return session


def stage_before_hold(assessment: Assessment) -> Stage | None:
    """The stage an assessment on hold resumes to."""
    last = assessment.stage_changes.filter(to_stage=Stage.ON_HOLD).order_by("-changed_on", "-id").first()
    return Stage(last.from_stage) if last is not None and last.from_stage else None


@transaction.atomic
def assessment_stage_change(
    *,
    assessment: Assessment,
    to_stage: Stage,
    changed_on: date,
    reason: str = "",
    withdrawal_reason: WithdrawalReason | str = "",
    by: User | None,
) -> StageChange:
    """The one way an assessment changes stage: the transition table, then the requirements table."""
    require(by, Perm.CHANGE_ASSESSMENT_STAGE, assessment.organisation_id)
    list(Assessment.objects.select_for_update().filter(pk=assessment.pk).values_list("pk", flat=True))
    locked = with_everything(Assessment.objects.filter(pk=assessment.pk)).get()
    current = Stage(locked.stage)
    to_stage = Stage(to_stage)
    if to_stage not in TRANSITIONS[current]:
        raise ValidationError(
            {"to_stage": f"An assessment at {current.label} cannot move to {to_stage.label}"}
        )
    if to_stage in DECIDED_STAGES:
        raise ValidationError(
            {"to_stage": "Approval is decided by the agency decision maker after the fostering panel"}
        )
    if current == Stage.ON_HOLD and to_stage != Stage.WITHDRAWN and to_stage != stage_before_hold(locked):
        raise ValidationError(
            {"to_stage": "An assessment on hold resumes at the stage it was put on hold from"}
        )
    errors: dict[str, list[str]] = {}
    if to_stage in REASON_REQUIRED and not reason.strip():
        errors["reason"] = [f"Give the reason the assessment is {to_stage.label.lower()}"]
    if to_stage == Stage.WITHDRAWN and withdrawal_reason not in WithdrawalReason.values:
        errors["withdrawal_reason"] = ["Choose the reason code (AW0 to AW5)"]
    if to_stage != Stage.WITHDRAWN and withdrawal_reason:
        errors["withdrawal_reason"] = ["A reason code is given only when the applicants withdraw"]
    if changed_on > clock.today():
        errors["changed_on"] = ["The date must be today or in the past"]
    last = locked.stage_changes.order_by("-changed_on", "-id").first()
    if last is not None and changed_on < last.changed_on:
        errors["changed_on"] = [f"The date must not be before the last change ({last.changed_on:%d/%m/%Y})"]
    gaps = missing(locked, to_stage, changed_on)
    if gaps:
        errors["to_stage"] = [f"Before {to_stage.label}: {item.message}" for item in gaps]
    if errors:
        raise ValidationError(errors)
    change = StageChange(
        organisation_id=locked.organisation_id,
        assessment=locked,
        from_stage=current,
        to_stage=to_stage,
        changed_on=changed_on,
        reason=reason.strip(),
        withdrawal_reason=withdrawal_reason,
    )
    change.stamp(by)
    change.save()
    locked.stage = to_stage
    locked.withdrawal_reason = withdrawal_reason if to_stage == Stage.WITHDRAWN else ""
    locked.stamp(by)
    locked.save(update_fields=["stage", "withdrawal_reason", "modified_at", "modified_by"])
    assessment.stage = locked.stage
    assessment.withdrawal_reason = locked.withdrawal_reason
    record_event(
        actor=by,
        verb="assessment_stage_changed",
        obj=locked,
        changes={"stage": [current.value, to_stage.value]},
        note=" ".join(part for part in [withdrawal_reason, reason.strip()] if part),
    )
    return change


@transaction.atomic
def assessment_decision_record(
    *, assessment: Assessment, approved: bool, decided_on: date, reason: str = "", by: User | None
) -> StageChange:
    """The agency decision maker's final decision after panel closes the assessment: approved or not."""
    require(by, Perm.DECIDE_ON_RECOMMENDATION, assessment.organisation_id)
    locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if locked.stage != Stage.READY_FOR_PANEL:
        raise ValidationError(
            {
                "stage": f"Only an assessment ready for panel can be decided (this one is {locked.get_stage_display()})"
            }
        )
    if decided_on > clock.today():
        raise ValidationError({"decided_on": "The date must be today or in the past"})
    last = locked.stage_changes.order_by("-changed_on", "-id").first()
    if last is not None and decided_on < last.changed_on:
        raise ValidationError(
            {"decided_on": f"The date must not be before the last change ({last.changed_on:%d/%m/%Y})"}
        )
    to_stage = Stage.APPROVED if approved else Stage.NOT_APPROVED
    change = StageChange(
        organisation_id=locked.organisation_id,
        assessment=locked,
        from_stage=Stage.READY_FOR_PANEL,
        to_stage=to_stage,
        changed_on=decided_on,
        reason=reason.strip(),
    )
    change.stamp(by)
    change.save()
    locked.stage = to_stage
    locked.stamp(by)
    locked.save(update_fields=["stage", "modified_at", "modified_by"])
    assessment.stage = to_stage
    record_event(
        actor=by,
        verb="assessment_decided",
        obj=locked,
        changes={"stage": [Stage.READY_FOR_PANEL.value, to_stage.value]},
        note=reason.strip(),
    )
    return change
