"""The write side of children."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from fostering.accounts.models import Organisation, User
from fostering.accounts.permissions import Perm, require
from fostering.audit.services import changes_between, created_changes, record_event, snapshot
from fostering.core.validators import age_on, normalise_postcode, refuse_future_date, validate_postcode
from fostering.people.models import Person
from fostering.people.services import PERSON_FIELDS, _validate_person

from .codes import CategoryOfNeed, LegalStatusCode, ReasonCareEnded, ReviewParticipation, RiskItem
from .models import Child, ChildReview, LegalStatus, PeriodOfCare, SiblingGroup

CHILD_FIELDS = ["child_id", "upn", "social_worker", "uasc", "what_carers_need_to_know"]


def _check_social_worker(organisation_id: int, social_worker: User | None) -> None:
    if (
        social_worker is not None
        and not social_worker.memberships.filter(
            organisation_id=organisation_id, ended_on__isnull=True
        ).exists()
    ):
        raise ValidationError({"social_worker": "The social worker must work for the same organisation"})


@transaction.atomic
def child_register(
    *,
    organisation: Organisation,
    person_values: dict[str, Any],
    child_id: str,
    upn: str = "",
    social_worker: User | None = None,
    uasc: bool = False,
    by: User | None,
) -> Child:
    """Create a child and their person record together."""
    require(by, Perm.CHANGE_CHILD, organisation.pk)
    _validate_person(person_values)
    if Child.objects.filter(organisation=organisation, child_id=child_id).exists():
        raise ValidationError({"child_id": f"Another child already has the ID {child_id}"})
    _check_social_worker(organisation.pk, social_worker)
    person = Person(organisation=organisation, **person_values)
    person.stamp(by)
    person.full_clean()
    person.save()
    child = Child(
        organisation=organisation,
        person=person,
        child_id=child_id,
        upn=upn.upper(),
        social_worker=social_worker,
        uasc=uasc,
    )
    child.stamp(by)
    child.full_clean()
    child.save()
    changes = created_changes(person, PERSON_FIELDS) | created_changes(child, CHILD_FIELDS)
    record_event(actor=by, verb="child_registered", obj=child, changes=changes)
    return child


@transaction.atomic
def child_update(
    *, child: Child, by: User | None, person_values: dict[str, Any] | None = None, **values: Any
) -> Child:
    require(by, Perm.CHANGE_CHILD, child.organisation_id)
    person = child.person
    person_before = snapshot(person, PERSON_FIELDS)
    child_before = snapshot(child, CHILD_FIELDS)
    if person_values:
        _validate_person(
            {
                **person_before,
                **person_values,
                "date_of_birth": person_values.get("date_of_birth", person.date_of_birth),
            }
        )
        for name, value in person_values.items():
            setattr(person, name, value)
    new_id = values.get("child_id", child.child_id)
    if (
        new_id != child.child_id
        and Child.objects.filter(organisation_id=child.organisation_id, child_id=new_id).exists()
    ):
        raise ValidationError({"child_id": f"Another child already has the ID {new_id}"})
    if "social_worker" in values:
        _check_social_worker(child.organisation_id, values["social_worker"])
    for name, value in values.items():
        setattr(child, name, value)
    child.upn = child.upn.upper()
    person.stamp(by)
    person.full_clean()
    person.save()
    child.stamp(by)
    child.full_clean()
    child.save()
    changes = changes_between(person_before, snapshot(person, PERSON_FIELDS)) | changes_between(
        child_before, snapshot(child, CHILD_FIELDS)
    )
    if changes:
        record_event(actor=by, verb="child_updated", obj=child, changes=changes)
    return child


# ---------------------------------------------------------------------------------------------------------
# Needs, risks and siblings

NEEDS_FIELDS = [
    "home_postcode",
    "school_postcode",
    "needs",
    "communication_needs",
    "cultural_needs",
    "risks",
    "what_carers_need_to_know",
    "what_child_needs_to_know",
]


@transaction.atomic
def child_needs_update(*, child: Child, by: User | None, **values: Any) -> Child:
    """Record what the child needs, the risks known to be present and what the child and carers need to know."""
    require(by, Perm.CHANGE_CHILD, child.organisation_id)
    unknown = [code for code in values.get("risks", []) if code not in RiskItem.values]
    if unknown:
        raise ValidationError({"risks": f"Unknown risk: {', '.join(unknown)}"})
    for name in ("home_postcode", "school_postcode"):
        if values.get(name):
            try:
                validate_postcode(values[name])
            except ValidationError as error:
                raise ValidationError({name: error.messages}) from error
            values[name] = normalise_postcode(values[name])
    before = snapshot(child, NEEDS_FIELDS)
    for name, value in values.items():
        if name not in NEEDS_FIELDS:
            raise TypeError(f"child_needs_update() got an unexpected field {name!r}")
        setattr(child, name, sorted(value) if name == "risks" else value)
    child.stamp(by)
    child.full_clean()
    child.save()
    changes = changes_between(before, snapshot(child, NEEDS_FIELDS))
    if changes:
        record_event(actor=by, verb="child_needs_updated", obj=child, changes=changes)
    return child


@transaction.atomic
def siblings_link(
    *, child: Child, siblings: list[Child], live_together: bool, by: User | None
) -> SiblingGroup | None:
    """Say who the child's brothers and sisters are and whether they should live together.

    The child and the named siblings (and anyone already in their groups) become one group; naming no
    siblings takes the child out of their group."""
    require(by, Perm.CHANGE_CHILD, child.organisation_id)
    if any(s.organisation_id != child.organisation_id for s in siblings):
        raise ValidationError({"siblings": "Siblings must be children of the same council"})
    if any(s.pk == child.pk for s in siblings):
        raise ValidationError({"siblings": "A child cannot be their own sibling"})
    before = child.sibling_group_id
    if not siblings:
        if child.sibling_group_id is None:
            return None
        child.sibling_group = None
        child.stamp(by)
        child.save(update_fields=["sibling_group", "modified_at", "modified_by"])
        record_event(actor=by, verb="siblings_changed", obj=child, changes={"sibling_group": [before, None]})
        return None
    members = [child, *siblings]
    groups = set(
        Child.objects.filter(pk__in=[m.pk for m in members], sibling_group_id__isnull=False).values_list(
            "sibling_group_id", flat=True
        )
    )
    group = SiblingGroup.objects.filter(pk__in=groups).order_by("id").first()
    if group is None:
        group = SiblingGroup(organisation_id=child.organisation_id, name=f"{child.person.last_name} siblings")
    group.live_together = live_together
    group.stamp(by)
    group.save()
    Child.objects.filter(sibling_group_id__in=groups).update(sibling_group=group)
    Child.objects.filter(pk__in=[m.pk for m in members]).update(sibling_group=group)
    child.sibling_group = group
    record_event(
        actor=by,
        verb="siblings_changed",
        obj=child,
        changes={
            "sibling_group": [before, group.pk],
            "siblings": [None, sorted(str(s) for s in siblings)],
            "live_together": [None, live_together],
        },
    )
    return group


def siblings_of(child: Child) -> list[Child]:
    if child.sibling_group_id is None:
        return []
    return list(
        Child.objects.filter(sibling_group_id=child.sibling_group_id)
        .exclude(pk=child.pk)
        .select_related("person")
        .order_by("person__date_of_birth", "id")
    )


# ---------------------------------------------------------------------------------------------------------
# The care record: periods of care, legal statuses, reviews


def _in_care_on(child: Child, day: date) -> PeriodOfCare | None:
    return (
        child.periods_of_care.filter(started_on__lte=day)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=day))
        .order_by("-started_on")
        .first()
    )


@transaction.atomic
def care_start(
    *,
    child: Child,
    started_on: date,
    category_of_need: str,
    legal_status: str,
    by: User | None,
) -> PeriodOfCare:
    """The child starts to be looked after: a new period of care with its category of need and legal status."""
    require(by, Perm.RECORD_CARE, child.organisation_id)
    locked = Child.objects.select_for_update().get(pk=child.pk)
    refuse_future_date(started_on, "started_on")
    if category_of_need not in CategoryOfNeed.values:
        raise ValidationError({"category_of_need": "Choose the category of need"})
    if legal_status not in LegalStatusCode.values:
        raise ValidationError({"legal_status": "Choose the legal status"})
    open_period = locked.periods_of_care.filter(ended_on__isnull=True).first()
    if open_period is not None:
        raise ValidationError(
            {"started_on": f"{child.person} is already in care (since {open_period.started_on:%-d %B %Y})"}
        )
    last = locked.periods_of_care.order_by("-ended_on").first()
    if last is not None and last.ended_on is not None and started_on < last.ended_on:
        raise ValidationError(
            {
                "started_on": f"The last period of care ended on {last.ended_on:%-d %B %Y}: start on or after it"
            }
        )
    period = PeriodOfCare(
        organisation_id=child.organisation_id,
        child=locked,
        started_on=started_on,
        category_of_need=category_of_need,
    )
    period.stamp(by)
    period.full_clean()
    period.save()
    current = locked.legal_statuses.filter(ended_on__isnull=True).first()
    if current is not None:
        current.ended_on = max(current.started_on, started_on)
        current.stamp(by)
        current.save(update_fields=["ended_on", "modified_at", "modified_by"])
    status = LegalStatus(
        organisation_id=child.organisation_id, child=locked, code=legal_status, started_on=started_on
    )
    status.stamp(by)
    status.save()
    record_event(
        actor=by,
        verb="care_started",
        obj=child,
        changes={
            "started_on": [None, started_on.isoformat()],
            "category_of_need": [None, category_of_need],
            "legal_status": [None, legal_status],
        },
    )
    return period


@transaction.atomic
def legal_status_change(*, child: Child, code: str, started_on: date, by: User | None) -> LegalStatus:
    """A new legal status from a date; the current one ends that day (the 903 starts a new episode then)."""
    require(by, Perm.RECORD_CARE, child.organisation_id)
    locked = Child.objects.select_for_update().get(pk=child.pk)
    refuse_future_date(started_on, "started_on")
    if code not in LegalStatusCode.values:
        raise ValidationError({"code": "Choose the legal status"})
    period = locked.periods_of_care.filter(ended_on__isnull=True).first()
    if period is None:
        raise ValidationError({"code": f"{child.person} is not in care: record the start of care first"})
    if started_on < period.started_on:
        raise ValidationError(
            {"started_on": f"The date must be on or after care started ({period.started_on:%-d %B %Y})"}
        )
    current = locked.legal_statuses.filter(ended_on__isnull=True).first()
    if current is not None:
        if current.code == code:
            raise ValidationError({"code": f"The legal status is already {current.get_code_display()}"})
        if started_on <= current.started_on:
            raise ValidationError(
                {
                    "started_on": f"The date must be after the current status began ({current.started_on:%-d %B %Y})"
                }
            )
        current.ended_on = started_on
        current.stamp(by)
        current.save(update_fields=["ended_on", "modified_at", "modified_by"])
    status = LegalStatus(
        organisation_id=child.organisation_id, child=locked, code=code, started_on=started_on
    )
    status.stamp(by)
    status.full_clean()
    status.save()
    record_event(
        actor=by,
        verb="legal_status_changed",
        obj=child,
        changes={
            "legal_status": [current.code if current else None, code],
            "from": [None, started_on.isoformat()],
        },
    )
    return status


@transaction.atomic
def care_end(*, child: Child, ended_on: date, reason_ended: str, by: User | None) -> PeriodOfCare:
    """The child stops being looked after: the period of care, the current placement and the legal status end
    the same day. Staying Put (E17) keeps the young person with the same carers in a staying_put arrangement."""
    from fostering.placements.services import placement_close_for_care_end

    require(by, Perm.RECORD_CARE, child.organisation_id)
    locked = Child.objects.select_for_update().get(pk=child.pk)
    refuse_future_date(ended_on, "ended_on")
    if reason_ended not in ReasonCareEnded.values:
        raise ValidationError({"reason_ended": "Choose why care ended"})
    period = locked.periods_of_care.filter(ended_on__isnull=True).first()
    if period is None:
        raise ValidationError({"ended_on": f"{child.person} is not in care"})
    if ended_on < period.started_on:
        raise ValidationError(
            {"ended_on": f"Care cannot end before it started ({period.started_on:%-d %B %Y})"}
        )
    dob = child.person.date_of_birth
    if reason_ended == ReasonCareEnded.E17 and (dob is None or age_on(dob, ended_on) < 18):
        raise ValidationError({"reason_ended": "Staying Put (E17) is for young people aged 18 or over"})
    placement_close_for_care_end(
        child=locked, period=period, ended_on=ended_on, staying_put=reason_ended == ReasonCareEnded.E17, by=by
    )
    locked.legal_statuses.filter(ended_on__isnull=True).update(ended_on=ended_on)
    period.ended_on = ended_on
    period.reason_ended = reason_ended
    period.stamp(by)
    period.full_clean()
    period.save()
    record_event(
        actor=by,
        verb="care_ended",
        obj=child,
        changes={"ended_on": [None, ended_on.isoformat()], "reason_ended": [None, reason_ended]},
    )
    return period


@transaction.atomic
def child_review_record(*, child: Child, held_on: date, participation: str, by: User | None) -> ChildReview:
    """A statutory review of the child's care plan, with how the child took part (903 REVIEW_CODE)."""
    require(by, Perm.RECORD_CARE, child.organisation_id)
    refuse_future_date(held_on, "held_on")
    if participation not in ReviewParticipation.values:
        raise ValidationError({"participation": "Choose how the child took part"})
    if _in_care_on(child, held_on) is None:
        raise ValidationError({"held_on": f"{child.person} was not in care on {held_on:%-d %B %Y}"})
    dob = child.person.date_of_birth
    under_four = dob is not None and age_on(dob, held_on) < 4
    if under_four != (participation == ReviewParticipation.PN0):
        raise ValidationError(
            {
                "participation": "PN0 is for a child under 4 at the review"
                if not under_four
                else "The child was under 4 at the review: choose PN0"
            }
        )
    if child.reviews.filter(held_on=held_on).exists():
        raise ValidationError({"held_on": "A review is already recorded on that day"})
    review = ChildReview(
        organisation_id=child.organisation_id, child=child, held_on=held_on, participation=participation
    )
    review.stamp(by)
    review.full_clean()
    review.save()
    record_event(
        actor=by,
        verb="child_review_recorded",
        obj=child,
        changes={"held_on": [None, held_on.isoformat()], "participation": [None, participation]},
    )
    return review
