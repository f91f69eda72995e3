"""The write side of care leavers: each verb takes the acting user, refuses bad input beside its field, and
writes its audit event, all in one transaction."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction

from fostering.accounts.models import User
from fostering.accounts.permissions import Perm, require
from fostering.accounts.roles import Role
from fostering.audit.services import changes_between, created_changes, record_event, snapshot
from fostering.children.models import Child
from fostering.core.validators import refuse_future_date

from .codes import ACCOMMODATION_CODES, Activity, ContactMethod, InTouch
from .eligibility import Eligibility, Span, assess, birthday, in_care_on
from .models import BIRTHDAY_AGES, AdviserAllocation, BirthdayContact, CareLeaver, Contact, PathwayPlan

# The birthday contact is the one made from a month before the birthday to a month after it.
AROUND_BIRTHDAY = timedelta(days=31)
BIRTHDAY_FIELDS = ["age", "contacted_on", "in_touch", "activity", "accommodation"]


def spans_of(child: Child) -> tuple[list[Span], list[Span]]:
    """The child's periods of care and their short breaks (legal status V3 or V4)."""
    periods = [
        Span(p.started_on, p.ended_on, p.reason_ended) for p in child.periods_of_care.order_by("started_on")
    ]
    breaks = [
        Span(s.started_on, s.ended_on)
        for s in child.legal_statuses.filter(code__in=["V3", "V4"]).order_by("started_on")
    ]
    return periods, breaks


def eligibility_of(child: Child, on: date) -> Eligibility:
    periods, breaks = spans_of(child)
    return assess(child.person.date_of_birth, periods, on=on, short_breaks=breaks)


def _check_adviser(organisation_id: int, adviser: User | None) -> None:
    if (
        adviser is not None
        and not adviser.memberships.filter(
            organisation_id=organisation_id, role=Role.PERSONAL_ADVISER, ended_on__isnull=True
        ).exists()
    ):
        raise ValidationError({"personal_adviser": "Choose a personal adviser of this council"})


@transaction.atomic
def care_leaver_record(
    *, child: Child, recorded_on: date, personal_adviser: User | None = None, by: User | None
) -> CareLeaver:
    """Record the young person as a care leaver; refused, with the reason, if they are not one."""
    require(by, Perm.RECORD_LEAVING_CARE, child.organisation_id)
    refuse_future_date(recorded_on, "recorded_on")
    if CareLeaver.objects.filter(child=child).exists():
        raise ValidationError({"recorded_on": "The young person is already recorded as a care leaver"})
    found = eligibility_of(child, recorded_on)
    if not found.is_care_leaver:
        raise ValidationError({"recorded_on": found.reason})
    _check_adviser(child.organisation_id, personal_adviser)
    leaver = CareLeaver(
        organisation_id=child.organisation_id,
        child=child,
        recorded_on=recorded_on,
        personal_adviser=personal_adviser,
    )
    leaver.stamp(by)
    leaver.save()
    if personal_adviser is not None:
        allocation = AdviserAllocation(
            organisation_id=child.organisation_id,
            care_leaver=leaver,
            personal_adviser=personal_adviser,
            started_on=recorded_on,
        )
        allocation.stamp(by)
        allocation.save()
    changes = created_changes(leaver, ["recorded_on", "personal_adviser"]) | {
        "category": [None, str(found.category)]
    }
    record_event(actor=by, verb="care_leaver_recorded", obj=leaver, changes=changes)
    return leaver


@transaction.atomic
def adviser_allocate(
    *, care_leaver: CareLeaver, personal_adviser: User, started_on: date, by: User | None
) -> AdviserAllocation:
    """Allocate a personal adviser from a date; the one before ends that day."""
    require(by, Perm.RECORD_LEAVING_CARE, care_leaver.organisation_id)
    refuse_future_date(started_on, "started_on")
    _check_adviser(care_leaver.organisation_id, personal_adviser)
    leaver = CareLeaver.objects.select_for_update().get(pk=care_leaver.pk)
    current = leaver.allocations.filter(ended_on__isnull=True).first()
    if current is not None:
        if current.personal_adviser_id == personal_adviser.pk:
            raise ValidationError({"personal_adviser": "This personal adviser is already allocated"})
        if started_on < current.started_on:
            raise ValidationError(
                {
                    "started_on": f"The date must be on or after {current.started_on:%-d %B %Y}, when the current "
                    "personal adviser was allocated"
                }
            )
        current.ended_on = started_on
        current.stamp(by)
        current.save()
    allocation = AdviserAllocation(
        organisation_id=leaver.organisation_id,
        care_leaver=leaver,
        personal_adviser=personal_adviser,
        started_on=started_on,
    )
    allocation.stamp(by)
    allocation.save()
    before = leaver.personal_adviser_id
    leaver.personal_adviser = personal_adviser
    leaver.stamp(by)
    leaver.save()
    record_event(
        actor=by,
        verb="personal_adviser_allocated",
        obj=leaver,
        changes={
            "personal_adviser": [before, personal_adviser.pk],
            "started_on": [None, started_on.isoformat()],
        },
    )
    return allocation


@transaction.atomic
def pathway_plan_record(
    *, care_leaver: CareLeaver, agreed_on: date, summary: str = "", by: User | None
) -> PathwayPlan:
    require(by, Perm.RECORD_LEAVING_CARE, care_leaver.organisation_id)
    refuse_future_date(agreed_on, "agreed_on")
    dob = care_leaver.child.person.date_of_birth
    if dob is not None and agreed_on < birthday(dob, 15) + timedelta(days=273):
        raise ValidationError({"agreed_on": "A pathway plan starts from 15 years and 9 months of age"})
    if care_leaver.pathway_plans.filter(agreed_on=agreed_on).exists():
        raise ValidationError({"agreed_on": "A pathway plan is already recorded on this date"})
    plan = PathwayPlan(
        organisation_id=care_leaver.organisation_id,
        care_leaver=care_leaver,
        agreed_on=agreed_on,
        summary=summary,
    )
    plan.stamp(by)
    plan.save()
    record_event(
        actor=by,
        verb="pathway_plan_recorded",
        obj=care_leaver,
        changes=created_changes(plan, ["agreed_on", "summary"]),
    )
    return plan


@transaction.atomic
def contact_record(
    *, care_leaver: CareLeaver, contacted_on: date, method: str, note: str = "", by: User | None
) -> Contact:
    require(by, Perm.RECORD_LEAVING_CARE, care_leaver.organisation_id)
    refuse_future_date(contacted_on, "contacted_on")
    if method not in ContactMethod.values:
        raise ValidationError({"method": "Choose how you were in touch"})
    contact = Contact(
        organisation_id=care_leaver.organisation_id,
        care_leaver=care_leaver,
        contacted_on=contacted_on,
        method=method,
        note=note,
    )
    contact.stamp(by)
    contact.save()
    record_event(
        actor=by,
        verb="care_leaver_contact_recorded",
        obj=care_leaver,
        changes=created_changes(contact, ["contacted_on", "method", "note"]),
    )
    return contact


def birthday_contact_check(
    care_leaver: CareLeaver, *, age: int, contacted_on: date, in_touch: str, activity: str, accommodation: str
) -> None:
    """Refuse, beside its field, what the DfE's OC3 rules would refuse (131-133, 344, 345, 348, 391,
    1001, 1007, 3001)."""
    errors: dict[str, str] = {}
    if age not in BIRTHDAY_AGES:
        raise ValidationError({"age": "Choose the 17th, 18th, 19th, 20th or 21st birthday"})
    if in_touch not in InTouch.values:
        errors["in_touch"] = "Choose whether the council is in touch with the young person"
    if activity not in Activity.values:
        errors["activity"] = "Choose the young person's activity from the DfE's list"
    if accommodation not in ACCOMMODATION_CODES:
        errors["accommodation"] = "Choose the young person's accommodation from the DfE's list"
    if errors:
        raise ValidationError(errors)
    child = care_leaver.child
    dob = child.person.date_of_birth
    if dob is None:
        raise ValidationError({"age": "The young person's date of birth is not recorded"})
    day = birthday(dob, age)
    if contacted_on < day - AROUND_BIRTHDAY or contacted_on > day + AROUND_BIRTHDAY:
        errors["contacted_on"] = (
            f"The {age}th birthday was {day:%-d %B %Y}: the birthday contact is made from a month before it "
            "to a month after it"
        )
    periods, breaks = spans_of(child)
    found = assess(dob, periods, on=day, short_breaks=breaks)
    if not found.is_care_leaver:
        errors["age"] = found.reason
    elif in_care_on(periods, day):
        errors["age"] = (
            f"The young person was still looked after on their {age}th birthday: no care leaver information is returned"
        )
    if in_touch in (InTouch.DIED, InTouch.RHOM) and (activity != "0" or accommodation != "0"):
        errors["activity"] = (
            "When the young person has died or returned home, activity and accommodation are 0"
        )
    if in_touch == InTouch.YES:
        if activity == "0":
            errors["activity"] = "When the council is in touch, choose the young person's activity"
        if accommodation == "0":
            errors["accommodation"] = "When the council is in touch, choose the young person's accommodation"
    if age == 17 and accommodation in ("Z1", "Z2"):
        errors["accommodation"] = (
            "At 17 a young person cannot be living with former foster carers as a care leaver"
        )
    if (
        in_touch != InTouch.DIED
        and care_leaver.birthday_contacts.filter(age__lt=age, in_touch=InTouch.DIED).exists()
    ):
        errors["in_touch"] = "An earlier birthday contact recorded that the young person died"
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def birthday_contact_record(
    *,
    care_leaver: CareLeaver,
    age: int,
    contacted_on: date,
    in_touch: str,
    activity: str,
    accommodation: str,
    by: User | None,
) -> BirthdayContact:
    """Record (or correct) the contact around a birthday: one OC3 row; the same values again write nothing."""
    require(by, Perm.RECORD_LEAVING_CARE, care_leaver.organisation_id)
    refuse_future_date(contacted_on, "contacted_on")
    birthday_contact_check(
        care_leaver,
        age=age,
        contacted_on=contacted_on,
        in_touch=in_touch,
        activity=activity,
        accommodation=accommodation,
    )
    values = {
        "contacted_on": contacted_on,
        "in_touch": in_touch,
        "activity": activity,
        "accommodation": accommodation,
    }
    contact = care_leaver.birthday_contacts.filter(age=age).first()
    if contact is None:
        contact = BirthdayContact(
            organisation_id=care_leaver.organisation_id, care_leaver=care_leaver, age=age, **values
        )
        contact.stamp(by)
        contact.save()
        record_event(
            actor=by,
            verb="birthday_contact_recorded",
            obj=care_leaver,
            changes=created_changes(contact, BIRTHDAY_FIELDS),
        )
        return contact
    before = snapshot(contact, BIRTHDAY_FIELDS)
    for name, value in values.items():
        setattr(contact, name, value)
    changes = changes_between(before, snapshot(contact, BIRTHDAY_FIELDS))
    if changes:
        contact.stamp(by)
        contact.save()
        record_event(actor=by, verb="birthday_contact_changed", obj=care_leaver, changes=changes)
    return contact
