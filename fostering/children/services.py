"""The write side of children."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from fostering.accounts.models import Organisation, User
from fostering.accounts.permissions import Perm, require
from fostering.audit.services import changes_between, created_changes, record_event, snapshot
from fostering.people.models import Person
from fostering.people.services import PERSON_FIELDS, _validate_person

from .models import Child

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
