"""The write side of a household's life after approval: views gathered for a review, the training and
support plan, training courses, the TSD standards, and the exit interview after a resignation."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from fostering.accounts.models import User
from fostering.accounts.permissions import Perm, require
from fostering.audit.services import record_event
from fostering.core.validators import future_date_errors
from fostering.people.choices import MemberRole
from fostering.people.models import HouseholdMember

from .choices import CLOSED_STATUSES, HouseholdStatus, ViewSource, WouldRecommend
from .models import (
    ExitInterview,
    FosteringHousehold,
    HouseholdReview,
    ReviewView,
    SupportPlan,
    TrainingRecord,
    TsdCompletion,
)
from .services import long_date


def _refuse_closed(fh: FosteringHousehold, field: str) -> None:
    if fh.status in CLOSED_STATUSES:
        raise ValidationError({field: f"The household is {fh.get_status_display().lower()}"})


def _carer_of(fh: FosteringHousehold, member: HouseholdMember) -> None:
    if member.household_id != fh.household_id or member.role != MemberRole.CARER or member.left_on:
        raise ValidationError({"member": "Choose one of the household's carers"})


@transaction.atomic
def review_view_record(
    *, review: HouseholdReview, source: str, given_by: str, given_on: date, summary: str, by: User | None
) -> ReviewView:
    """The views one person gave for a review (a child placed, the carers, the child's social worker...)."""
    require(by, Perm.RECORD_HOUSEHOLD_REVIEW, review.organisation_id)
    errors = future_date_errors("given_on", given_on)
    fh = review.fostering_household
    if not errors and given_on < fh.approved_on:
        errors["given_on"] = f"Views cannot be dated before the approval ({long_date(fh.approved_on)})"
    if source not in ViewSource.values:
        errors["source"] = "Choose whose views these are"
    if not given_by.strip():
        errors["given_by"] = "Enter who gave the views"
    if not summary.strip():
        errors["summary"] = "Enter a summary of their views"
    if errors:
        raise ValidationError(errors)
    view = ReviewView(
        organisation_id=review.organisation_id,
        review=review,
        source=source,
        given_by=given_by.strip(),
        given_on=given_on,
        summary=summary,
    )
    view.stamp(by)
    view.save()
    record_event(
        actor=by,
        verb="review_views_recorded",
        obj=fh,
        changes={"views": [None, f"{view} for the review on {long_date(review.held_on)}"]},
    )
    return view


@transaction.atomic
def support_plan_record(
    *,
    fostering_household: FosteringHousehold,
    agreed_on: date,
    training_needs: str,
    support: str = "",
    review: HouseholdReview | None = None,
    by: User | None,
) -> SupportPlan:
    """The training and support plan after a review, or its revisit (the 4-monthly clock restarts)."""
    require(by, Perm.RECORD_SUPPORT_PLAN, fostering_household.organisation_id)
    _refuse_closed(fostering_household, "agreed_on")
    errors = future_date_errors("agreed_on", agreed_on)
    if not errors and agreed_on < fostering_household.approved_on:
        errors["agreed_on"] = (
            f"The plan cannot be dated before the approval ({long_date(fostering_household.approved_on)})"
        )
    if review is not None and review.fostering_household_id != fostering_household.pk:
        errors["review"] = "Choose one of this household's reviews"
    elif review is not None and agreed_on < review.held_on:
        errors["agreed_on"] = f"The plan follows the review: date it on or after {long_date(review.held_on)}"
    if not training_needs.strip():
        errors["training_needs"] = "Enter the training the carers need"
    if errors:
        raise ValidationError(errors)
    plan = SupportPlan(
        organisation_id=fostering_household.organisation_id,
        fostering_household=fostering_household,
        review=review,
        agreed_on=agreed_on,
        training_needs=training_needs,
        support=support,
    )
    plan.stamp(by)
    plan.save()
    record_event(
        actor=by, verb="support_plan_recorded", obj=fostering_household, changes={"plan": [None, str(plan)]}
    )
    return plan


@transaction.atomic
def training_record(
    *,
    fostering_household: FosteringHousehold,
    member: HouseholdMember,
    course: str,
    attended_on: date,
    hours: Decimal,
    provider: str = "",
    by: User | None,
) -> TrainingRecord:
    require(by, Perm.RECORD_TRAINING, fostering_household.organisation_id)
    _carer_of(fostering_household, member)
    errors = future_date_errors("attended_on", attended_on)
    if hours <= 0:
        errors["hours"] = "Enter the hours of the course, more than 0"
    if not course.strip():
        errors["course"] = "Enter the name of the course"
    if errors:
        raise ValidationError(errors)
    row = TrainingRecord(
        organisation_id=fostering_household.organisation_id,
        fostering_household=fostering_household,
        member=member,
        course=course.strip(),
        attended_on=attended_on,
        hours=hours,
        provider=provider,
    )
    row.stamp(by)
    row.save()
    record_event(
        actor=by,
        verb="training_recorded",
        obj=fostering_household,
        changes={"training": [None, f"{member.person}: {row}"]},
    )
    return row


@transaction.atomic
def tsd_completion_record(
    *, fostering_household: FosteringHousehold, member: HouseholdMember, completed_on: date, by: User | None
) -> TsdCompletion:
    """A carer completed the TSD standards (due 12 months after approval, 18 for kinship and short breaks)."""
    require(by, Perm.RECORD_TRAINING, fostering_household.organisation_id)
    _carer_of(fostering_household, member)
    errors = future_date_errors("completed_on", completed_on)
    if TsdCompletion.objects.filter(member=member).exists():
        errors["member"] = f"{member.person} has completed the TSD standards already"
    if errors:
        raise ValidationError(errors)
    row = TsdCompletion(
        organisation_id=fostering_household.organisation_id,
        fostering_household=fostering_household,
        member=member,
        completed_on=completed_on,
    )
    row.stamp(by)
    row.save()
    record_event(
        actor=by,
        verb="tsd_standards_completed",
        obj=fostering_household,
        changes={"tsd_standards": [None, f"{member.person}: completed {long_date(completed_on)}"]},
    )
    return row


@transaction.atomic
def exit_interview_record(
    *,
    fostering_household: FosteringHousehold,
    offered_on: date,
    held_on: date | None = None,
    held_by: User | None = None,
    summary: str = "",
    would_recommend: str = "",
    by: User | None,
) -> ExitInterview:
    """The exit interview offered to a resigned household (recording it again updates it)."""
    require(by, Perm.RECORD_EXIT_INTERVIEW, fostering_household.organisation_id)
    if fostering_household.status != HouseholdStatus.RESIGNED:
        raise ValidationError({"offered_on": "An exit interview is offered to households that have resigned"})
    errors = future_date_errors("offered_on", offered_on) | future_date_errors("held_on", held_on)
    if held_on is not None and held_on < offered_on and "held_on" not in errors:
        errors["held_on"] = "The interview cannot be held before it was offered"
    if held_on is not None and would_recommend not in WouldRecommend.values:
        errors["would_recommend"] = "Say whether they would recommend fostering"
    if held_on is None and (summary.strip() or would_recommend):
        errors["held_on"] = "Enter the date the interview was held"
    if errors:
        raise ValidationError(errors)
    interview, created = ExitInterview.objects.select_for_update().get_or_create(
        fostering_household=fostering_household,
        defaults={"organisation_id": fostering_household.organisation_id, "offered_on": offered_on},
    )
    before = {"held_on": interview.held_on, "would_recommend": interview.would_recommend}
    interview.offered_on = offered_on
    interview.held_on = held_on
    interview.held_by = held_by if held_on else None
    interview.summary = summary
    interview.would_recommend = would_recommend if held_on else ""
    interview.stamp(by)
    interview.save()
    record_event(
        actor=by,
        verb="exit_interview_recorded",
        obj=fostering_household,
        changes={
            "offered_on": [None if created else str(interview.offered_on), str(offered_on)],
            "held_on": [
                str(before["held_on"]) if before["held_on"] else None,
                str(held_on) if held_on else None,
            ],
            "would_recommend": [before["would_recommend"] or None, interview.would_recommend or None],
        },
    )
    return interview


@transaction.atomic
def review_panel_outcome_record(
    *, review: HouseholdReview, outcome: str, on: date, by: User | None
) -> HouseholdReview:
    """The panel's (and decision maker's) outcome for a review that went to panel."""
    require(by, Perm.CHANGE_TERMS_OF_APPROVAL, review.organisation_id)
    errors = future_date_errors("on", on)
    if not review.needs_panel:
        errors["outcome"] = "This review did not go to panel"
    elif on < review.held_on and "on" not in errors:
        errors["on"] = f"The panel follows the review: date it on or after {long_date(review.held_on)}"
    if not outcome.strip():
        errors["outcome"] = "Enter the panel's outcome"
    if errors:
        raise ValidationError(errors)
    before = review.panel_outcome or None
    review.panel_outcome = outcome.strip()
    review.panel_outcome_on = on
    review.stamp(by)
    review.save(update_fields=["panel_outcome", "panel_outcome_on", "modified_at", "modified_by"])
    record_event(
        actor=by,
        verb="review_panel_outcome_recorded",
        obj=review.fostering_household,
        changes={"panel_outcome": [before, review.panel_outcome]},
    )
    return review
