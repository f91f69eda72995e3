from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from fostering.audit.models import AuditEvent
from fostering.core.clock import today
from fostering.people.choices import CheckKind, CheckOutcome, MemberRole
from fostering.people.models import Check, Person
from fostering.people.rules import check_kinds_required
from fostering.people.services import (
    address_move,
    check_record,
    checks_outstanding,
    household_create,
    member_add,
    person_create,
    person_update,
)
from tests import builders

pytestmark = pytest.mark.django_db


def test_a_date_of_birth_in_the_future_is_refused_and_nothing_saved(council, service_manager):
    with pytest.raises(ValidationError) as error:
        person_create(
            organisation=council,
            first_name="Jo",
            last_name="Bloggs",
            date_of_birth=today() + timedelta(days=1),
            by=service_manager,
        )
    assert error.value.message_dict["date_of_birth"] == ["Date of birth must be today or in the past"]
    assert not Person.objects.exists()
    assert not AuditEvent.objects.filter(record_type="people.person").exists()


def test_updating_a_person_records_old_and_new_values(council, service_manager):
    person = builders.person(council, first_name="Jo", last_name="Bloggs")
    person_update(person=person, last_name="Smith", phone="0116 496 0000", by=service_manager)
    event = AuditEvent.objects.get(verb="person_updated")
    assert event.changes == {"last_name": ["Bloggs", "Smith"], "phone": ["", "0116 496 0000"]}
    assert event.actor == service_manager
    assert event.record_id == str(person.pk)


def test_an_applicant_under_18_cannot_be_a_carer(council, service_manager):
    household = household_create(organisation=council, name="Young household", by=service_manager)
    teenager = builders.person(council, date_of_birth=date(2010, 1, 1))
    with pytest.raises(ValidationError) as error:
        member_add(
            household=household,
            person=teenager,
            role=MemberRole.CARER,
            joined_on=date(2025, 1, 1),
            by=service_manager,
        )
    assert "under 18" in error.value.message_dict["role"][0]
    assert not household.members.exists()


def test_a_check_received_before_it_was_requested_is_refused(council, service_manager):
    fh = builders.approved_household(council)
    member = fh.household.members.get()
    with pytest.raises(ValidationError) as error:
        check_record(
            member=member,
            kind=CheckKind.DBS,
            requested_on=date(2025, 3, 10),
            received_on=date(2025, 3, 1),
            by=service_manager,
        )
    assert error.value.message_dict["received_on"] == [
        "The date received must be on or after the date it was requested"
    ]
    assert not Check.objects.exists()


def test_a_birth_child_turning_18_needs_adult_checks_from_the_birthday():
    born = date(2007, 6, 15)
    assert check_kinds_required(MemberRole.CHILD, born, date(2025, 6, 14)) == [CheckKind.SCHOOL]
    assert check_kinds_required(MemberRole.CHILD, born, date(2025, 6, 15)) == [
        CheckKind.DBS,
        CheckKind.LOCAL_AUTHORITY,
    ]
    assert check_kinds_required(MemberRole.CHILD, date(2023, 1, 1), date(2025, 6, 15)) == [
        CheckKind.HEALTH_VISITOR
    ]


def test_outstanding_checks_count_only_clear_unexpired_ones(council, service_manager):
    fh = builders.approved_household(council)
    member = fh.household.members.get()
    check_record(
        member=member,
        kind=CheckKind.DBS,
        requested_on=date(2022, 1, 1),
        received_on=date(2022, 1, 20),
        outcome=CheckOutcome.CLEAR,
        expires_on=date(2025, 1, 20),
        by=service_manager,
    )
    check_record(
        member=member,
        kind=CheckKind.MEDICAL,
        requested_on=date(2024, 1, 1),
        received_on=date(2024, 2, 1),
        outcome=CheckOutcome.CLEAR,
        by=service_manager,
    )
    assert checks_outstanding(member, date(2024, 6, 1)) == [
        CheckKind.LOCAL_AUTHORITY,
        CheckKind.REFERENCE,
        CheckKind.EMPLOYER,
    ]
    # the DBS check has expired by 2025-02-01
    assert CheckKind.DBS in checks_outstanding(member, date(2025, 2, 1))


def test_moving_house_ends_the_previous_address(council, service_manager):
    person = builders.person(council)
    first = address_move(
        person=person,
        line_1="1 Main Street",
        town="Wrexford",
        postcode="le38rf",
        moved_on=date(2020, 1, 1),
        by=service_manager,
    )
    assert first.postcode == "LE3 8RF"
    address_move(
        person=person,
        line_1="2 Side Street",
        town="Wrexford",
        postcode="LE1 1AA",
        moved_on=date(2024, 5, 1),
        by=service_manager,
    )
    first.refresh_from_db()
    assert first.valid_to == date(2024, 4, 30)
    with pytest.raises(ValidationError):
        address_move(
            person=person,
            line_1="3 Road",
            town="Wrexford",
            postcode="NOT A POSTCODE",
            moved_on=date(2024, 6, 1),
            by=service_manager,
        )
    assert person.addresses.count() == 2
