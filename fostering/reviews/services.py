"""The write side of the IRO service: allocating IROs, asking for and recording reviews, the IRO's record,
booklets, recommendations, the midway check and the council's settings. Each function takes the acting
user, checks their permission, validates, saves and writes its audit event in one transaction."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from fostering.accounts.models import User
from fostering.accounts.permissions import Perm, has_perm, require
from fostering.audit.services import record_event
from fostering.children.codes import ReviewParticipation
from fostering.children.models import Child, ChildReview
from fostering.core import clock
from fostering.core.validators import age_on, refuse_future_date

from .choices import BookletFor, PermanencePlan, RequestReason
from .models import (
    ConsultationBooklet,
    IROAllocation,
    MidwayCheck,
    Recommendation,
    ReviewRecord,
    ReviewRequest,
    ReviewSettings,
)


def _long(day: date) -> str:
    return f"{day:%-d %B %Y}"


@transaction.atomic
def review_settings_update(
    *,
    organisation_id: int,
    by: User | None,
    first_review_working_days: int,
    caseload_low: int,
    caseload_high: int,
) -> ReviewSettings:
    require(by, Perm.ALLOCATE_IRO, organisation_id)
    if not 1 <= first_review_working_days <= 40:
        raise ValidationError({"first_review_working_days": "Enter a number of working days from 1 to 40"})
    if caseload_low > caseload_high:
        raise ValidationError({"caseload_high": "The highest caseload must be at least the lowest"})
    found = ReviewSettings.objects.filter(organisation_id=organisation_id).first()
    row = found or ReviewSettings(organisation_id=organisation_id)
    before = {
        "first_review_working_days": row.first_review_working_days,
        "caseload_low": row.caseload_low,
        "caseload_high": row.caseload_high,
    }
    row.first_review_working_days = first_review_working_days
    row.caseload_low = caseload_low
    row.caseload_high = caseload_high
    row.stamp(by)
    row.save()
    after = {"first_review_working_days": first_review_working_days, "caseload_low": caseload_low}
    after["caseload_high"] = caseload_high
    changes = {key: [before[key], value] for key, value in after.items() if before[key] != value}
    record_event(actor=by, verb="review_settings_changed", obj=row, changes=changes)
    return row


@transaction.atomic
def iro_allocate(*, child: Child, iro: User, started_on: date, by: User | None) -> IROAllocation:
    """Make ``iro`` the child's IRO from ``started_on``, ending the allocation before it that day."""
    require(by, Perm.ALLOCATE_IRO, child.organisation_id)
    refuse_future_date(started_on, "started_on")
    if not has_perm(iro, Perm.CHAIR_REVIEW, child.organisation_id):
        raise ValidationError({"iro": "Choose an IRO of this council"})
    current = IROAllocation.objects.select_for_update().filter(child=child, ended_on__isnull=True).first()
    if current is not None:
        if current.iro_id == iro.pk:
            raise ValidationError({"iro": f"{iro.get_full_name()} is already the child's IRO"})
        if started_on < current.started_on:
            raise ValidationError(
                {
                    "started_on": f"The current IRO was allocated on {_long(current.started_on)}: choose a later date"
                }
            )
        current.ended_on = started_on
        current.stamp(by)
        current.save(update_fields=["ended_on", "modified_at", "modified_by"])
    allocation = IROAllocation(
        organisation_id=child.organisation_id,
        child=child,
        iro=iro,
        started_on=started_on,
        allocated_by=by if getattr(by, "is_authenticated", False) else None,
    )
    allocation.stamp(by)
    allocation.save()
    record_event(
        actor=by,
        verb="iro_allocated",
        obj=child,
        changes={
            "iro": [current.iro_id if current else None, iro.pk],
            "started_on": [None, started_on.isoformat()],
        },
    )
    return allocation


@transaction.atomic
def review_request(
    *, child: Child, reason: str, due_on: date, details: str = "", by: User | None
) -> ReviewRequest:
    """An extra review asked for: by the IRO, after an unplanned placement change, as the child leaves care."""
    require(by, Perm.CHAIR_REVIEW, child.organisation_id)
    if reason not in RequestReason.values:
        raise ValidationError({"reason": "Choose why the review is needed"})
    if due_on < clock.today():
        raise ValidationError({"due_on": "The date to hold the review by must be today or later"})
    if reason == RequestReason.OTHER and not details.strip():
        raise ValidationError({"details": "Say why the review is needed"})
    request = ReviewRequest(
        organisation_id=child.organisation_id, child=child, reason=reason, due_on=due_on, details=details
    )
    request.stamp(by)
    request.save()
    record_event(
        actor=by,
        verb="review_requested",
        obj=child,
        changes={"reason": [None, reason], "due_on": [None, due_on.isoformat()]},
    )
    return request


def _check_review_date(child: Child, held_on: date) -> None:
    refuse_future_date(held_on, "held_on")
    periods = list(child.periods_of_care.order_by("started_on"))
    if not periods or held_on < periods[0].started_on:
        since = f" on {_long(periods[0].started_on)}" if periods else ""
        raise ValidationError({"held_on": f"The review cannot be before {child.person} entered care{since}"})
    if not any(p.started_on <= held_on and (p.ended_on is None or held_on <= p.ended_on) for p in periods):
        raise ValidationError({"held_on": f"{child.person} was not in care on {_long(held_on)}"})


def _check_participation(child: Child, held_on: date, participation: str) -> None:
    if participation not in ReviewParticipation.values:
        raise ValidationError({"participation": "Choose how the child took part"})
    dob = child.person.date_of_birth
    under_four = dob is not None and age_on(dob, held_on) < 4
    if under_four and participation != ReviewParticipation.PN0:
        raise ValidationError({"participation": "The child was under 4 on the day of the review: choose PN0"})
    if not under_four and participation == ReviewParticipation.PN0:
        raise ValidationError(
            {"participation": "PN0 is only for a child under 4 on the day of the review: choose PN1 to PN7"}
        )


@transaction.atomic
def review_hold(
    *,
    child: Child,
    held_on: date,
    participation: str,
    by: User | None,
    second_part_on: date | None = None,
    attended: str = "",
) -> ReviewRecord:
    """A review of the child's care held (its first part on ``held_on``), with how the child took part."""
    require(by, Perm.CHAIR_REVIEW, child.organisation_id)
    _check_review_date(child, held_on)
    _check_participation(child, held_on, participation)
    if second_part_on is not None:
        refuse_future_date(second_part_on, "second_part_on")
        if second_part_on <= held_on:
            raise ValidationError({"second_part_on": "The second part must be after the first"})
    if ChildReview.objects.filter(child=child, held_on=held_on).exists():
        raise ValidationError({"held_on": "A review is already recorded on that day"})
    review = ChildReview(
        organisation_id=child.organisation_id, child=child, held_on=held_on, participation=participation
    )
    review.stamp(by)
    review.full_clean()
    review.save()
    record = ReviewRecord(
        organisation_id=child.organisation_id,
        review=review,
        chair=by if getattr(by, "is_authenticated", False) else None,
        second_part_on=second_part_on,
        attended=attended,
    )
    record.stamp(by)
    record.save()
    ReviewRequest.objects.filter(child=child, review__isnull=True, created_at__date__lte=held_on).update(
        review=review
    )
    record_event(
        actor=by,
        verb="child_review_recorded",
        obj=child,
        changes={
            "held_on": [None, held_on.isoformat()],
            "participation": [None, participation],
            "second_part_on": [None, second_part_on.isoformat() if second_part_on else None],
        },
    )
    return record


@transaction.atomic
def review_record_write(
    *,
    record: ReviewRecord,
    by: User | None,
    summary: str,
    distributed_on: date | None = None,
    permanence_plan: str = "",
    permanence_agreed_on: date | None = None,
) -> ReviewRecord:
    """The IRO's record of the review, when it was distributed, and the permanence plan agreed."""
    require(by, Perm.CHAIR_REVIEW, record.organisation_id)
    held_on = record.review.held_on
    if distributed_on is not None:
        refuse_future_date(distributed_on, "distributed_on")
        if distributed_on < held_on:
            raise ValidationError({"distributed_on": "The record cannot be distributed before the review"})
        if not summary.strip():
            raise ValidationError({"summary": "Write the record of the review before it is distributed"})
    if permanence_plan and permanence_plan not in PermanencePlan.values:
        raise ValidationError({"permanence_plan": "Choose the permanence plan"})
    if permanence_plan and permanence_agreed_on is None:
        raise ValidationError({"permanence_agreed_on": "Enter the date the permanence plan was agreed"})
    if permanence_agreed_on is not None:
        if not permanence_plan:
            raise ValidationError({"permanence_plan": "Choose the permanence plan agreed"})
        refuse_future_date(permanence_agreed_on, "permanence_agreed_on")
    fields: dict[str, Any] = {
        "summary": summary,
        "distributed_on": distributed_on,
        "permanence_plan": permanence_plan,
        "permanence_agreed_on": permanence_agreed_on,
    }
    changes = {}
    for name, value in fields.items():
        old = getattr(record, name)
        if old != value:
            changes[name] = [str(old) if old else None, str(value) if value else None]
            setattr(record, name, value)
    record.stamp(by)
    record.save()
    record_event(actor=by, verb="review_record_written", obj=record.review.child, changes=changes)
    return record


@transaction.atomic
def booklet_record(
    *,
    record: ReviewRecord,
    by: User | None,
    sent_to: str,
    sent_on: date,
    returned_on: date | None = None,
    returned_by: str = "",
) -> ConsultationBooklet:
    require(by, Perm.CHAIR_REVIEW, record.organisation_id)
    if sent_to not in BookletFor.values:
        raise ValidationError({"sent_to": "Choose who the booklet was sent to"})
    refuse_future_date(sent_on, "sent_on")
    if returned_on is not None:
        refuse_future_date(returned_on, "returned_on")
        if returned_on < sent_on:
            raise ValidationError({"returned_on": "The booklet cannot come back before it was sent"})
        if not returned_by.strip():
            raise ValidationError({"returned_by": "Say who filled in the booklet"})
    booklet = ConsultationBooklet(
        organisation_id=record.organisation_id,
        record=record,
        sent_to=sent_to,
        sent_on=sent_on,
        returned_on=returned_on,
        returned_by=returned_by,
    )
    booklet.stamp(by)
    booklet.save()
    record_event(
        actor=by,
        verb="review_booklet_recorded",
        obj=record.review.child,
        changes={
            "sent_to": [None, sent_to],
            "returned_on": [None, str(returned_on) if returned_on else None],
        },
    )
    return booklet


@transaction.atomic
def recommendation_add(
    *, record: ReviewRecord, by: User | None, text: str, owner: str, due_on: date
) -> Recommendation:
    require(by, Perm.CHAIR_REVIEW, record.organisation_id)
    if not text.strip():
        raise ValidationError({"text": "Write the recommendation"})
    if not owner.strip():
        raise ValidationError({"owner": "Say who will carry out the recommendation"})
    if due_on < record.review.held_on:
        raise ValidationError({"due_on": "The due date cannot be before the review"})
    recommendation = Recommendation(
        organisation_id=record.organisation_id, record=record, text=text, owner=owner, due_on=due_on
    )
    recommendation.stamp(by)
    recommendation.save()
    record_event(
        actor=by,
        verb="review_recommendation_added",
        obj=record.review.child,
        changes={"text": [None, text], "owner": [None, owner], "due_on": [None, due_on.isoformat()]},
    )
    return recommendation


@transaction.atomic
def recommendation_done(*, recommendation: Recommendation, done_on: date, by: User | None) -> Recommendation:
    require(by, Perm.CHAIR_REVIEW, recommendation.organisation_id)
    refuse_future_date(done_on, "done_on")
    if done_on < recommendation.record.review.held_on:
        raise ValidationError({"done_on": "It cannot be done before the review that recommended it"})
    if recommendation.done_on is not None:
        raise ValidationError({"done_on": "The recommendation is already marked done"})
    recommendation.done_on = done_on
    recommendation.stamp(by)
    recommendation.save(update_fields=["done_on", "modified_at", "modified_by"])
    record_event(
        actor=by,
        verb="review_recommendation_done",
        obj=recommendation.record.review.child,
        changes={"done_on": [None, done_on.isoformat()]},
    )
    return recommendation


@transaction.atomic
def midway_check_record(
    *,
    record: ReviewRecord,
    by: User | None,
    checked_on: date,
    recommendations_on_track: bool,
    care_plan_current: bool,
    child_visited_in_time: bool,
    childs_voice_recorded: bool,
    notes: str = "",
) -> MidwayCheck:
    require(by, Perm.CHAIR_REVIEW, record.organisation_id)
    refuse_future_date(checked_on, "checked_on")
    if checked_on < record.review.held_on:
        raise ValidationError({"checked_on": "The midway check comes after the review"})
    if MidwayCheck.objects.filter(record=record).exists():
        raise ValidationError({"checked_on": "The midway check after this review is already recorded"})
    answers = {
        "recommendations_on_track": recommendations_on_track,
        "care_plan_current": care_plan_current,
        "child_visited_in_time": child_visited_in_time,
        "childs_voice_recorded": childs_voice_recorded,
    }
    check = MidwayCheck(
        organisation_id=record.organisation_id, record=record, checked_on=checked_on, notes=notes
    )
    for name, value in answers.items():
        setattr(check, name, value)
    check.stamp(by)
    check.save()
    record_event(
        actor=by,
        verb="review_midway_check_recorded",
        obj=record.review.child,
        changes={"checked_on": [None, checked_on.isoformat()], **{k: [None, v] for k, v in answers.items()}},
    )
    return check
