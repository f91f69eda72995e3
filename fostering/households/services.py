"""The write side of approved households. Approval itself (panel and ADM) calls household_register."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from fostering.accounts.models import User
from fostering.accounts.permissions import Perm, has_perm, require
from fostering.audit.services import changes_between, created_changes, record_event, snapshot
from fostering.core import clock
from fostering.people.models import Household

from .choices import (
    CLOSED_STATUSES,
    PANEL_REVIEW_KINDS,
    REASON_REQUIRED,
    TRANSITIONS,
    CarerType,
    HouseholdStatus,
    PlacementType,
    ResignationReason,
    ReviewKind,
    ReviewRecommendation,
)
from .models import (
    FosteringHousehold,
    HouseholdReview,
    ReviewView,
    StatusChange,
    SupervisionVisit,
    TermsOfApproval,
)


def long_date(on: date) -> str:
    """A date as the service writes it: 1 April 2026."""
    return f"{on.day} {on:%B %Y}"


TERMS_FIELDS = [
    "effective_from",
    "number_of_children",
    "age_min",
    "age_max",
    "placement_types",
    "sibling_group_max",
    "named_child",
]


def validate_terms(
    *,
    number_of_children: int,
    age_min: int,
    age_max: int,
    placement_types: Iterable[str],
    sibling_group_max: int,
    carer_type: str,
    named_child_id: int | None,
) -> None:
    errors: dict[str, str] = {}
    if number_of_children < 1:
        errors["number_of_children"] = "Approve the household for at least 1 child"
    if age_min > age_max:
        errors["age_min"] = "The youngest age must not be above the oldest age"
    if age_max > 25:
        errors["age_max"] = "The oldest age must be 25 or under"
    types = list(placement_types)
    unknown = [t for t in types if t not in PlacementType.values]
    if not types:
        errors["placement_types"] = "Select at least one placement type"
    elif unknown:
        errors["placement_types"] = f"Unknown placement type: {', '.join(unknown)}"
    if sibling_group_max < 1 or sibling_group_max > number_of_children:
        errors["sibling_group_max"] = "The largest sibling group must be between 1 and the number of children"
    if carer_type == CarerType.KINSHIP and named_child_id is None:
        errors["named_child"] = "A kinship household is approved for a named child: choose the child"
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def household_register(
    *,
    household: Household,
    reference: str,
    carer_type: CarerType,
    approved_on: date,
    number_of_children: int,
    age_min: int,
    age_max: int,
    placement_types: list[str],
    sibling_group_max: int = 1,
    named_child_id: int | None = None,
    supervising_social_worker: User | None = None,
    by: User | None,
) -> FosteringHousehold:
    """Record an approved fostering household with its first terms of approval."""
    require(by, Perm.CHANGE_HOUSEHOLD, household.organisation_id)
    if approved_on > clock.today():
        raise ValidationError({"approved_on": "The approval date must be today or in the past"})
    if FosteringHousehold.objects.filter(household=household).exists():
        raise ValidationError({"household": f"{household} is already an approved fostering household"})
    validate_terms(
        number_of_children=number_of_children,
        age_min=age_min,
        age_max=age_max,
        placement_types=placement_types,
        sibling_group_max=sibling_group_max,
        carer_type=carer_type,
        named_child_id=named_child_id,
    )
    fh = FosteringHousehold(
        organisation_id=household.organisation_id,
        household=household,
        reference=reference,
        carer_type=carer_type,
        approved_on=approved_on,
        supervising_social_worker=supervising_social_worker,
    )
    fh.stamp(by)
    fh.full_clean()
    fh.save()
    terms = TermsOfApproval(
        organisation_id=fh.organisation_id,
        fostering_household=fh,
        effective_from=approved_on,
        number_of_children=number_of_children,
        age_min=age_min,
        age_max=age_max,
        placement_types=list(placement_types),
        sibling_group_max=sibling_group_max,
        named_child_id=named_child_id,
    )
    terms.stamp(by)
    terms.save()
    change = StatusChange(
        organisation_id=fh.organisation_id,
        fostering_household=fh,
        from_status="",
        to_status=HouseholdStatus.AVAILABLE,
        changed_on=approved_on,
        reason="Approved",
    )
    change.stamp(by)
    change.save()
    record_event(
        actor=by,
        verb="household_approved",
        obj=fh,
        changes=created_changes(fh, ["reference", "carer_type", "approved_on", "supervising_social_worker"])
        | created_changes(terms, TERMS_FIELDS),
    )
    return fh


@transaction.atomic
def terms_of_approval_change(
    *,
    fostering_household: FosteringHousehold,
    effective_from: date,
    number_of_children: int,
    age_min: int,
    age_max: int,
    placement_types: list[str],
    sibling_group_max: int = 1,
    named_child_id: int | None = None,
    by: User | None,
) -> TermsOfApproval:
    """New terms from a date; the current terms end the day before."""
    require(by, Perm.CHANGE_TERMS_OF_APPROVAL, fostering_household.organisation_id)
    validate_terms(
        number_of_children=number_of_children,
        age_min=age_min,
        age_max=age_max,
        placement_types=placement_types,
        sibling_group_max=sibling_group_max,
        carer_type=fostering_household.carer_type,
        named_child_id=named_child_id,
    )
    current = fostering_household.terms.filter(effective_to__isnull=True).select_for_update().first()
    if effective_from < fostering_household.approved_on:
        raise ValidationError({"effective_from": "New terms cannot start before the household was approved"})
    if current is not None and effective_from <= current.effective_from:
        raise ValidationError(
            {
                "effective_from": f"New terms must start after the current terms ({current.effective_from:%d/%m/%Y})"
            }
        )
    before = snapshot(current, TERMS_FIELDS) if current else {}
    if current is not None:
        current.effective_to = effective_from - timedelta(days=1)
        current.stamp(by)
        current.save(update_fields=["effective_to", "modified_at", "modified_by"])
    terms = TermsOfApproval(
        organisation_id=fostering_household.organisation_id,
        fostering_household=fostering_household,
        effective_from=effective_from,
        number_of_children=number_of_children,
        age_min=age_min,
        age_max=age_max,
        placement_types=list(placement_types),
        sibling_group_max=sibling_group_max,
        named_child_id=named_child_id,
    )
    terms.stamp(by)
    terms.full_clean()
    terms.save()
    record_event(
        actor=by,
        verb="terms_of_approval_changed",
        obj=fostering_household,
        changes=changes_between(before, snapshot(terms, TERMS_FIELDS)),
    )
    return terms


@transaction.atomic
def household_status_change(
    *,
    fostering_household: FosteringHousehold,
    to_status: HouseholdStatus,
    changed_on: date,
    reason: str = "",
    resignation_reason: str = "",
    by: User | None,
) -> StatusChange:
    require(by, Perm.CHANGE_HOUSEHOLD_STATUS, fostering_household.organisation_id)
    return _change_status(
        fostering_household,
        to_status=to_status,
        changed_on=changed_on,
        reason=reason,
        resignation_reason=resignation_reason,
        by=by,
    )


@transaction.atomic
def household_hold_for_allegation(
    *, fostering_household: FosteringHousehold, changed_on: date, reason: str, by: User | None
) -> StatusChange | None:
    """An allegation puts an available or full household on hold; one already on hold stays so."""
    require(by, Perm.RECORD_ALLEGATION, fostering_household.organisation_id)
    if fostering_household.status not in (HouseholdStatus.AVAILABLE, HouseholdStatus.FULL):
        return None
    last = (
        fostering_household.status_changes.order_by("-changed_on")
        .values_list("changed_on", flat=True)
        .first()
    )
    if last is not None and changed_on < last:
        changed_on = last  # on hold from the allegation, or from the last change if that came later
    return _change_status(
        fostering_household, to_status=HouseholdStatus.ON_HOLD, changed_on=changed_on, reason=reason, by=by
    )


def _change_status(
    fostering_household: FosteringHousehold,
    *,
    to_status: HouseholdStatus,
    changed_on: date,
    reason: str,
    resignation_reason: str = "",
    by: User | None,
) -> StatusChange:
    fh = FosteringHousehold.objects.select_for_update().get(pk=fostering_household.pk)
    current = HouseholdStatus(fh.status)
    if to_status not in TRANSITIONS[current]:
        raise ValidationError(
            {
                "to_status": f"A household that is {current.label.lower()} cannot become {to_status.label.lower()}"
            }
        )
    if to_status in REASON_REQUIRED and not reason.strip():
        raise ValidationError({"reason": f"Give the reason the household is {to_status.label.lower()}"})
    if to_status == HouseholdStatus.RESIGNED and resignation_reason not in ResignationReason.values:
        raise ValidationError({"resignation_reason": "Choose the reason the household resigned"})
    if to_status != HouseholdStatus.RESIGNED:
        resignation_reason = ""
    if changed_on > clock.today():
        raise ValidationError({"changed_on": "The date must be today or in the past"})
    last = fh.status_changes.order_by("-changed_on", "-id").first()
    if last is not None and changed_on < last.changed_on:
        raise ValidationError({"changed_on": "The date must not be before the last status change"})
    change = StatusChange(
        organisation_id=fh.organisation_id,
        fostering_household=fh,
        from_status=current,
        to_status=to_status,
        changed_on=changed_on,
        reason=reason,
        resignation_reason=resignation_reason,
    )
    change.stamp(by)
    change.save()
    fh.status = to_status
    fh.stamp(by)
    fh.save(update_fields=["status", "modified_at", "modified_by"])
    fostering_household.status = to_status
    changes: dict[str, list[Any]] = {"status": [current.value, to_status.value]}
    if resignation_reason:
        changes["resignation_reason"] = [None, resignation_reason]
    record_event(actor=by, verb="household_status_changed", obj=fh, changes=changes, note=reason)
    return change


@transaction.atomic
def supervising_social_worker_allocate(
    *, fostering_household: FosteringHousehold, social_worker: User, by: User | None
) -> FosteringHousehold:
    require(by, Perm.CHANGE_HOUSEHOLD, fostering_household.organisation_id)
    if not social_worker.memberships.filter(
        organisation_id=fostering_household.organisation_id, ended_on__isnull=True
    ).exists():
        raise ValidationError({"social_worker": "The social worker must work for the same organisation"})
    if not has_perm(social_worker, Perm.RECORD_SUPERVISION, fostering_household.organisation_id):
        raise ValidationError({"social_worker": f"{social_worker} does not supervise households"})
    if social_worker.pk == fostering_household.supervising_social_worker_id:
        raise ValidationError({"social_worker": f"{social_worker} is already the supervising social worker"})
    before = snapshot(fostering_household, ["supervising_social_worker"])
    fostering_household.supervising_social_worker = social_worker
    fostering_household.stamp(by)
    fostering_household.save(update_fields=["supervising_social_worker", "modified_at", "modified_by"])
    record_event(
        actor=by,
        verb="supervising_social_worker_allocated",
        obj=fostering_household,
        changes=changes_between(before, snapshot(fostering_household, ["supervising_social_worker"])),
    )
    return fostering_household


def _check_visit_date(fh: FosteringHousehold, on: date, field: str, what: str = "The date") -> None:
    if fh.status in CLOSED_STATUSES:
        raise ValidationError(
            {
                field: f"The household is {fh.get_status_display().lower()}: "
                "visits and reviews can no longer be recorded"
            }
        )
    if on > clock.today():
        raise ValidationError({field: f"{what} must be today or in the past"})
    if on < fh.approved_on:
        raise ValidationError(
            {field: f"{what} must not be before the household was approved ({long_date(fh.approved_on)})"}
        )


@transaction.atomic
def supervision_visit_record(
    *,
    fostering_household: FosteringHousehold,
    visited_on: date,
    visited_by: User,
    unannounced: bool = False,
    notes: str = "",
    by: User | None,
) -> SupervisionVisit:
    require(by, Perm.RECORD_SUPERVISION, fostering_household.organisation_id)
    _check_visit_date(fostering_household, visited_on, "visited_on")
    visit = SupervisionVisit(
        organisation_id=fostering_household.organisation_id,
        fostering_household=fostering_household,
        visited_on=visited_on,
        visited_by=visited_by,
        unannounced=unannounced,
        notes=notes,
    )
    visit.stamp(by)
    visit.save()
    record_event(
        actor=by,
        verb="supervision_visit_recorded",
        obj=fostering_household,
        changes={"visit": [None, str(visit)]},
    )
    return visit


@transaction.atomic
def household_review_record(
    *,
    fostering_household: FosteringHousehold,
    held_on: date,
    kind: ReviewKind = ReviewKind.ANNUAL,
    reviewing_officer: User | None = None,
    summary: str = "",
    recommendation: str = "",
    by: User | None,
) -> HouseholdReview:
    """A review and the reviewing officer's recommendation. First reviews, reviews following concerns
    and reviews referred to panel are marked as needing the panel."""
    require(by, Perm.RECORD_HOUSEHOLD_REVIEW, fostering_household.organisation_id)
    _check_visit_date(fostering_household, held_on, "held_on", "The review date")
    if recommendation and recommendation not in ReviewRecommendation.values:
        raise ValidationError({"recommendation": "Choose a recommendation from the list"})
    if kind == ReviewKind.FIRST and fostering_household.reviews.exists():
        raise ValidationError(
            {"kind": "The household has had a review already: this is not its first annual review"}
        )
    review = HouseholdReview(
        organisation_id=fostering_household.organisation_id,
        fostering_household=fostering_household,
        held_on=held_on,
        kind=kind,
        reviewing_officer=reviewing_officer,
        summary=summary,
        recommendation=recommendation,
        needs_panel=kind in PANEL_REVIEW_KINDS or recommendation == ReviewRecommendation.REFER_TO_PANEL,
    )
    review.stamp(by)
    review.save()
    # the views given ahead of the review (the carers', from the portal) become part of it
    ReviewView.objects.filter(
        fostering_household=fostering_household, review__isnull=True, given_on__lte=held_on
    ).update(review=review)
    record_event(
        actor=by,
        verb="household_review_recorded",
        obj=fostering_household,
        changes={"review": [None, str(review)]},
    )
    return review
