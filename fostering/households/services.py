"""The write side of approved households. Approval itself (panel and ADM) calls household_register."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction

from fostering.accounts.models import User
from fostering.accounts.permissions import Perm, require
from fostering.audit.services import changes_between, created_changes, record_event, snapshot
from fostering.core import clock
from fostering.people.models import Household

from .choices import (
    CLOSED_STATUSES,
    REASON_REQUIRED,
    TRANSITIONS,
    CarerType,
    HouseholdStatus,
    PlacementType,
    ReviewKind,
)
from .models import FosteringHousehold, HouseholdReview, StatusChange, SupervisionVisit, TermsOfApproval

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
    by: User | None,
) -> StatusChange:
    require(by, Perm.CHANGE_HOUSEHOLD_STATUS, fostering_household.organisation_id)
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
    )
    change.stamp(by)
    change.save()
    fh.status = to_status
    fh.stamp(by)
    fh.save(update_fields=["status", "modified_at", "modified_by"])
    fostering_household.status = to_status
    record_event(
        actor=by,
        verb="household_status_changed",
        obj=fh,
        changes={"status": [current.value, to_status.value]},
        note=reason,
    )
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


def _check_visit_date(fh: FosteringHousehold, on: date, field: str) -> None:
    if fh.status in CLOSED_STATUSES:
        raise ValidationError(
            {
                field: f"The household is {fh.get_status_display().lower()}: "
                "visits and reviews can no longer be recorded"
            }
        )
    if on > clock.today():
        raise ValidationError({field: "The date must be today or in the past"})
    if on < fh.approved_on:
        raise ValidationError(
            {field: f"The date must not be before the household was approved ({fh.approved_on:%d/%m/%Y})"}
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
    by: User | None,
) -> HouseholdReview:
    require(by, Perm.RECORD_HOUSEHOLD_REVIEW, fostering_household.organisation_id)
    _check_visit_date(fostering_household, held_on, "held_on")
    review = HouseholdReview(
        organisation_id=fostering_household.organisation_id,
        fostering_household=fostering_household,
        held_on=held_on,
        kind=kind,
        reviewing_officer=reviewing_officer,
        summary=summary,
    )
    review.stamp(by)
    review.save()
    record_event(
        actor=by,
        verb="household_review_recorded",
        obj=fostering_household,
        changes={"review": [None, str(review)]},
    )
    return review
