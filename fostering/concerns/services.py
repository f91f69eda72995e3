"""The write side of allegations against carers and of complaints."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from fostering.accounts.models import Organisation, User
from fostering.accounts.permissions import Perm, require
from fostering.audit.services import changes_between, record_event, snapshot
from fostering.core.validators import future_date_errors
from fostering.households.choices import ReviewKind
from fostering.households.models import FosteringHousehold, HouseholdReview
from fostering.households.services import household_hold_for_allegation, long_date

from .choices import AllegationOutcome, Complainant, ComplaintOutcome, ComplaintStage
from .models import Allegation, Complaint, ComplaintStageRecord

PROGRESS_FIELDS = [
    "lado_referred_on",
    "lado_outcome",
    "strategy_meeting_on",
    "support_offered_on",
    "support_offered_by",
]


@transaction.atomic
def allegation_record(
    *,
    fostering_household: FosteringHousehold,
    received_on: date,
    summary: str,
    put_on_hold: bool = False,
    by: User | None,
) -> Allegation:
    """An allegation received about a carer; it may put the household on hold while it is looked into."""
    require(by, Perm.RECORD_ALLEGATION, fostering_household.organisation_id)
    errors = future_date_errors("received_on", received_on)
    if not errors and received_on < fostering_household.approved_on:
        errors["received_on"] = (
            f"The date received must not be before the household was approved "
            f"({long_date(fostering_household.approved_on)})"
        )
    if not summary.strip():
        errors["summary"] = "Enter what the allegation is about"
    if errors:
        raise ValidationError(errors)
    allegation = Allegation(
        organisation_id=fostering_household.organisation_id,
        fostering_household=fostering_household,
        received_on=received_on,
        summary=summary,
    )
    allegation.stamp(by)
    allegation.save()
    record_event(
        actor=by,
        verb="allegation_received",
        obj=fostering_household,
        changes={"allegation": [None, f"received {long_date(received_on)}"]},
    )
    if put_on_hold:
        household_hold_for_allegation(
            fostering_household=fostering_household,
            changed_on=received_on,
            reason=f"Allegation received on {long_date(received_on)} is being looked into",
            by=by,
        )
    return allegation


@transaction.atomic
def allegation_progress(
    *,
    allegation: Allegation,
    lado_referred_on: date | None = None,
    lado_outcome: str = "",
    strategy_meeting_on: date | None = None,
    support_offered_on: date | None = None,
    support_offered_by: str = "",
    by: User | None,
) -> Allegation:
    """The LADO referral, the position of trust meeting and the independent support offered."""
    require(by, Perm.RECORD_ALLEGATION, allegation.organisation_id)
    errors: dict[str, str] = {}
    for field, value in (
        ("lado_referred_on", lado_referred_on),
        ("strategy_meeting_on", strategy_meeting_on),
        ("support_offered_on", support_offered_on),
    ):
        errors |= future_date_errors(field, value)
        if value is not None and field not in errors and value < allegation.received_on:
            errors[field] = (
                f"The date must not be before the allegation was received ({long_date(allegation.received_on)})"
            )
    if support_offered_on is not None and not support_offered_by.strip():
        errors["support_offered_by"] = "Enter who offered the independent support"
    if support_offered_on is None and support_offered_by.strip():
        errors["support_offered_on"] = "Enter the date the independent support was offered"
    if errors:
        raise ValidationError(errors)
    before = snapshot(allegation, PROGRESS_FIELDS)
    allegation.lado_referred_on = lado_referred_on
    allegation.lado_outcome = lado_outcome
    allegation.strategy_meeting_on = strategy_meeting_on
    allegation.support_offered_on = support_offered_on
    allegation.support_offered_by = support_offered_by.strip()
    allegation.stamp(by)
    allegation.save()
    record_event(
        actor=by,
        verb="allegation_progressed",
        obj=allegation.fostering_household,
        changes=changes_between(before, snapshot(allegation, PROGRESS_FIELDS)),
    )
    return allegation


@transaction.atomic
def allegation_conclude(
    *,
    allegation: Allegation,
    concluded_on: date,
    outcome: str,
    review: HouseholdReview | None = None,
    by: User | None,
) -> Allegation:
    """The outcome of the allegation, and the review following concerns if one was held."""
    require(by, Perm.RECORD_ALLEGATION, allegation.organisation_id)
    if allegation.concluded_on is not None:
        raise ValidationError({"concluded_on": "The allegation has been concluded already"})
    errors = future_date_errors("concluded_on", concluded_on)
    if not errors and concluded_on < allegation.received_on:
        errors["concluded_on"] = (
            f"The allegation cannot be concluded before it was received ({long_date(allegation.received_on)})"
        )
    if outcome not in AllegationOutcome.values:
        errors["outcome"] = "Choose the outcome of the allegation"
    if review is not None and (
        review.fostering_household_id != allegation.fostering_household_id
        or review.kind != ReviewKind.FOLLOWING_CONCERNS
    ):
        errors["review"] = "Choose a review following concerns of this household"
    if errors:
        raise ValidationError(errors)
    allegation.concluded_on = concluded_on
    allegation.outcome = outcome
    allegation.review = review
    allegation.stamp(by)
    allegation.save()
    record_event(
        actor=by,
        verb="allegation_concluded",
        obj=allegation.fostering_household,
        changes={"allegation": ["open", f"{AllegationOutcome(outcome).label}, {long_date(concluded_on)}"]},
    )
    return allegation


@transaction.atomic
def complaint_record(
    *,
    organisation: Organisation,
    received_on: date,
    complainant: str,
    complainant_name: str,
    summary: str,
    fostering_household: FosteringHousehold | None = None,
    handled_by: User | None = None,
    by: User | None,
) -> Complaint:
    """A complaint received: stage 1 (local resolution) starts the day it is received."""
    require(by, Perm.RECORD_COMPLAINT, organisation.pk)
    errors = future_date_errors("received_on", received_on)
    if complainant not in Complainant.values:
        errors["complainant"] = "Choose who complained"
    if not complainant_name.strip():
        errors["complainant_name"] = "Enter the name of the person who complained"
    if not summary.strip():
        errors["summary"] = "Enter what the complaint is about"
    if fostering_household is not None and fostering_household.organisation_id != organisation.pk:
        errors["fostering_household"] = "Choose one of the council's households"
    if errors:
        raise ValidationError(errors)
    complaint = Complaint(
        organisation=organisation,
        received_on=received_on,
        complainant=complainant,
        complainant_name=complainant_name.strip(),
        fostering_household=fostering_household,
        summary=summary,
        handled_by=handled_by,
    )
    complaint.stamp(by)
    complaint.save()
    stage = ComplaintStageRecord(
        organisation=organisation,
        complaint=complaint,
        stage=ComplaintStage.LOCAL_RESOLUTION,
        started_on=received_on,
    )
    stage.stamp(by)
    stage.save()
    about = str(fostering_household) if fostering_household else "the service"
    record_event(actor=by, verb="complaint_received", obj=complaint, changes={"about": [None, about]})
    if fostering_household is not None:
        record_event(
            actor=by,
            verb="complaint_received",
            obj=fostering_household,
            changes={"complaint": [None, f"received {long_date(received_on)}"]},
        )
    return complaint


def _current_stage(complaint: Complaint) -> ComplaintStageRecord:
    stage = complaint.stages.select_for_update().order_by("-stage").first()
    assert stage is not None, "every complaint starts at stage 1"
    return stage


def _event_on_both(complaint: Complaint, by: User | None, verb: str, changes: dict) -> None:
    record_event(actor=by, verb=verb, obj=complaint, changes=changes)
    if complaint.fostering_household is not None:
        record_event(actor=by, verb=verb, obj=complaint.fostering_household, changes=changes)


@transaction.atomic
def complaint_respond(
    *, complaint: Complaint, responded_on: date, outcome: str, response: str = "", by: User | None
) -> ComplaintStageRecord:
    """The response that ends the complaint's current stage, with its outcome."""
    require(by, Perm.RECORD_COMPLAINT, complaint.organisation_id)
    stage = _current_stage(complaint)
    if stage.responded_on is not None:
        raise ValidationError(
            {"responded_on": f"{stage.get_stage_display()} has been answered: escalate it to go further"}
        )
    errors = future_date_errors("responded_on", responded_on)
    if not errors and responded_on < stage.started_on:
        errors["responded_on"] = (
            f"The response cannot come before the stage started ({long_date(stage.started_on)})"
        )
    if outcome not in ComplaintOutcome.values:
        errors["outcome"] = "Choose the outcome"
    if errors:
        raise ValidationError(errors)
    stage.responded_on = responded_on
    stage.outcome = outcome
    stage.response = response
    stage.stamp(by)
    stage.save()
    _event_on_both(
        complaint,
        by,
        "complaint_stage_answered",
        {f"stage {stage.stage}": ["open", ComplaintOutcome(outcome).label]},
    )
    return stage


@transaction.atomic
def complaint_escalate(
    *, complaint: Complaint, started_on: date, extended: bool = False, by: User | None
) -> ComplaintStageRecord:
    """The complainant asks for the next stage (stage 2 may be extended up to 65 working days)."""
    require(by, Perm.RECORD_COMPLAINT, complaint.organisation_id)
    current = _current_stage(complaint)
    errors = future_date_errors("started_on", started_on)
    if current.stage >= ComplaintStage.REVIEW_PANEL:
        errors["started_on"] = "The review panel is the last stage of the complaints procedure"
    elif current.responded_on is None:
        errors["started_on"] = f"{current.get_stage_display()} has not been answered yet"
    elif not errors and started_on < current.responded_on:
        errors["started_on"] = (
            f"The next stage cannot start before the last response ({long_date(current.responded_on)})"
        )
    next_stage = current.stage + 1
    if extended and next_stage != ComplaintStage.INVESTIGATION:
        errors["extended"] = "Only the stage 2 investigation can be extended"
    if errors:
        raise ValidationError(errors)
    stage = ComplaintStageRecord(
        organisation_id=complaint.organisation_id,
        complaint=complaint,
        stage=next_stage,
        started_on=started_on,
        extended=extended,
    )
    stage.stamp(by)
    stage.save()
    _event_on_both(complaint, by, "complaint_escalated", {"stage": [current.stage, next_stage]})
    return stage
