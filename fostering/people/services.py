"""The write side of people and households. Each verb validates, saves and writes its audit event."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from fostering.accounts.models import Organisation, User
from fostering.accounts.permissions import Perm, require
from fostering.audit.services import changes_between, created_changes, record_event, snapshot
from fostering.core import clock
from fostering.core.validators import age_on, normalise_postcode

from .choices import CheckOutcome, MemberRole
from .models import Address, Check, Household, HouseholdMember, Person
from .rules import check_kinds_required

PERSON_FIELDS = [
    "first_name",
    "last_name",
    "preferred_name",
    "date_of_birth",
    "sex",
    "ethnicity",
    "religion",
    "first_language",
    "disability",
    "disability_details",
    "email",
    "phone",
]


def _validate_person(values: dict[str, Any]) -> None:
    dob = values.get("date_of_birth")
    if dob is not None and dob > clock.today():
        raise ValidationError({"date_of_birth": "Date of birth must be today or in the past"})
    if not (values.get("first_name") or "").strip():
        raise ValidationError({"first_name": "Enter a first name"})
    if not (values.get("last_name") or "").strip():
        raise ValidationError({"last_name": "Enter a last name"})


@transaction.atomic
def person_create(*, organisation: Organisation, by: User | None, **values: Any) -> Person:
    require(by, Perm.CHANGE_PERSON, organisation.pk)
    _validate_person(values)
    person = Person(organisation=organisation, **values)
    person.stamp(by)
    person.full_clean()
    person.save()
    record_event(actor=by, verb="person_created", obj=person, changes=created_changes(person, PERSON_FIELDS))
    return person


@transaction.atomic
def person_update(*, person: Person, by: User | None, **values: Any) -> Person:
    require(by, Perm.CHANGE_PERSON, person.organisation_id)
    before = snapshot(person, PERSON_FIELDS)
    merged = {**before, **values}
    merged["date_of_birth"] = values.get("date_of_birth", person.date_of_birth)
    _validate_person(merged)
    for name, value in values.items():
        setattr(person, name, value)
    person.stamp(by)
    person.full_clean()
    person.save()
    changes = changes_between(before, snapshot(person, PERSON_FIELDS))
    if changes:
        record_event(actor=by, verb="person_updated", obj=person, changes=changes)
    return person


@transaction.atomic
def address_move(
    *,
    person: Person,
    line_1: str,
    town: str,
    postcode: str,
    moved_on: date,
    line_2: str = "",
    county: str = "",
    by: User | None,
) -> Address:
    """Record a new address from a date; the previous one ends the day before."""
    require(by, Perm.CHANGE_PERSON, person.organisation_id)
    current = person.addresses.filter(valid_to__isnull=True).first()
    if current is not None:
        if moved_on <= current.valid_from:
            raise ValidationError({"moved_on": "The move must be after the start of the current address"})
        current.valid_to = date.fromordinal(moved_on.toordinal() - 1)
        current.stamp(by)
        current.save(update_fields=["valid_to", "modified_at", "modified_by"])
    address = Address(
        organisation_id=person.organisation_id,
        person=person,
        line_1=line_1,
        line_2=line_2,
        town=town,
        county=county,
        postcode=normalise_postcode(postcode),
        valid_from=moved_on,
    )
    address.stamp(by)
    address.full_clean()
    address.save()
    record_event(
        actor=by,
        verb="address_changed",
        obj=person,
        changes={"address": [str(current) if current else None, str(address)]},
    )
    return address


@transaction.atomic
def household_create(
    *,
    organisation: Organisation,
    name: str,
    line_1: str = "",
    line_2: str = "",
    town: str = "",
    postcode: str = "",
    by: User | None,
) -> Household:
    require(by, Perm.CHANGE_PERSON, organisation.pk)
    household = Household(
        organisation=organisation,
        name=name,
        line_1=line_1,
        line_2=line_2,
        town=town,
        postcode=normalise_postcode(postcode),
    )
    household.stamp(by)
    household.full_clean()
    household.save()
    record_event(
        actor=by,
        verb="household_created",
        obj=household,
        changes=created_changes(household, ["name", "line_1", "town", "postcode"]),
    )
    return household


@transaction.atomic
def member_add(
    *, household: Household, person: Person, role: MemberRole, joined_on: date, by: User | None
) -> HouseholdMember:
    require(by, Perm.CHANGE_PERSON, household.organisation_id)
    if person.organisation_id != household.organisation_id:
        raise ValidationError({"person": "That person belongs to another organisation"})
    adult_role = role in (MemberRole.CARER, MemberRole.ADULT)
    if adult_role and person.date_of_birth and age_on(person.date_of_birth, joined_on) < 18:
        raise ValidationError({"role": f"{person} is under 18, so cannot be recorded as an adult or carer"})
    if household.members.filter(person=person, left_on__isnull=True).exists():
        raise ValidationError({"person": f"{person} is already a member of this household"})
    member = HouseholdMember(
        organisation_id=household.organisation_id,
        household=household,
        person=person,
        role=role,
        joined_on=joined_on,
    )
    member.stamp(by)
    member.full_clean()
    member.save()
    record_event(
        actor=by,
        verb="member_joined",
        obj=household,
        changes={"member": [None, f"{person} ({member.get_role_display()})"]},
    )
    return member


@transaction.atomic
def member_register(
    *, household: Household, person_values: dict[str, Any], role: MemberRole, joined_on: date, by: User | None
) -> HouseholdMember:
    """A new person joins a household: their person record and their membership, together or not at all."""
    person = person_create(organisation=household.organisation, by=by, **person_values)
    return member_add(household=household, person=person, role=role, joined_on=joined_on, by=by)


@transaction.atomic
def member_leave(*, member: HouseholdMember, left_on: date, by: User | None) -> HouseholdMember:
    require(by, Perm.CHANGE_PERSON, member.organisation_id)
    if left_on < member.joined_on:
        raise ValidationError({"left_on": "The leaving date must be on or after the date they joined"})
    member.left_on = left_on
    member.stamp(by)
    member.save(update_fields=["left_on", "modified_at", "modified_by"])
    record_event(
        actor=by,
        verb="member_left",
        obj=member.household,
        changes={"member": [f"{member.person} ({member.get_role_display()})", None]},
    )
    return member


CHECK_FIELDS = ["kind", "requested_on", "received_on", "outcome", "reference", "expires_on"]


@transaction.atomic
def check_record(
    *,
    member: HouseholdMember,
    kind: str,
    requested_on: date,
    received_on: date | None = None,
    outcome: str = CheckOutcome.PENDING,
    reference: str = "",
    expires_on: date | None = None,
    by: User | None,
) -> Check:
    require(by, Perm.RECORD_CHECK, member.organisation_id)
    errors: dict[str, str] = {}
    if requested_on > clock.today():
        errors["requested_on"] = "The date requested must be today or in the past"
    if received_on is not None and received_on < requested_on:
        errors["received_on"] = "The date received must be on or after the date it was requested"
    if received_on is not None and received_on > clock.today():
        errors["received_on"] = "The date received must be today or in the past"
    if received_on is None and outcome != CheckOutcome.PENDING:
        errors["outcome"] = "Record the date received before the outcome"
    if errors:
        raise ValidationError(errors)
    check = Check(
        organisation_id=member.organisation_id,
        member=member,
        kind=kind,
        requested_on=requested_on,
        received_on=received_on,
        outcome=outcome,
        reference=reference,
        expires_on=expires_on,
    )
    check.stamp(by)
    check.full_clean()
    check.save()
    record_event(
        actor=by,
        verb="check_recorded",
        obj=member.household,
        changes={f"{member.person}: {check.get_kind_display()}": [None, check.get_outcome_display()]},
    )
    return check


def checks_outstanding(member: HouseholdMember, on: date) -> list[str]:
    """The check kinds a member still needs (required, with no clear check received)."""
    required = check_kinds_required(member.role, member.person.date_of_birth, on)
    done = {
        c.kind
        for c in member.checks.all()
        if c.outcome == CheckOutcome.CLEAR and (c.expires_on is None or c.expires_on >= on)
    }
    return [kind for kind in required if kind not in done]
