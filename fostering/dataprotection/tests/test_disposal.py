"""Disposal: a manager disposes of a record that is due; it is erased or anonymised as its rule says, and
a tombstone (kind, id, rule, dates, who; no personal data) is written. Nothing is done to a record that is
not due, and no audit event is changed or deleted."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.core.exceptions import ValidationError

from fostering.accounts.roles import Role
from fostering.audit.models import AuditEvent
from fostering.children.models import Child
from fostering.core import clock
from fostering.core.errors import NotAllowed
from fostering.dataprotection import services
from fostering.dataprotection.choices import RecordKind
from fostering.dataprotection.models import Disposal
from fostering.dataprotection.selectors import records_due
from fostering.households.models import FosteringHousehold
from fostering.people.models import Address, Person
from fostering.people.services import address_move
from fostering.recruitment.models import Enquiry
from tests import builders

from . import factories

TODAY = date(2026, 11, 23)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: TODAY)


def dispose(kind, record, by):
    return services.record_dispose(
        kind=kind, record_id=record.pk, organisation_id=record.organisation_id, by=by
    )


def test_an_enquiry_due_is_erased_with_its_person_and_leaves_a_tombstone(council, service_manager):
    enquiry = factories.closed_enquiry(
        council, first_name="Dana", last_name="Whitlock", email="dana@example.com", closed_on=date(2024, 4, 1)
    )
    person_id = enquiry.person_id
    events_before = AuditEvent.objects.count()

    tomb = dispose(RecordKind.ENQUIRY, enquiry, service_manager)

    assert not Enquiry.objects.filter(pk=enquiry.pk).exists()
    assert not Person.objects.filter(pk=person_id).exists()
    assert (tomb.kind, tomb.record_id, tomb.action, tomb.due_on, tomb.disposed_on, tomb.created_by) == (
        "enquiry",
        enquiry.pk,
        "erase",
        date(2026, 4, 1),
        TODAY,
        service_manager,
    )
    person_tomb = Disposal.objects.get(kind="person")
    assert (person_tomb.record_id, person_tomb.action) == (person_id, "erase")
    event = AuditEvent.objects.get(verb="record_disposed", record_id=str(tomb.pk))
    assert (event.record_type, event.record_id, event.actor) == (
        "dataprotection.disposal",
        str(tomb.pk),
        service_manager,
    )
    assert event.changes["kind"] == [None, "enquiry"] and event.changes["record_id"] == [None, enquiry.pk]
    for tombstone in AuditEvent.objects.filter(verb="record_disposed"):
        written = json.dumps(tombstone.changes) + tombstone.record_label + tombstone.note
        assert "Whitlock" not in written and "dana@example.com" not in written
    # the earlier events stay as they were: the stream is append-only
    assert AuditEvent.objects.count() == events_before + 2
    assert records_due(organisation_ids=[council.pk], today=TODAY) == []


def test_erasing_an_enquiry_keeps_the_person_when_another_record_holds_them(council, service_manager):
    first = factories.closed_enquiry(council, last_name="Oduya", closed_on=date(2024, 4, 1))
    second = factories.closed_enquiry(council, closed_on=date(2026, 1, 5))
    Enquiry.objects.filter(pk=second.pk).update(person=first.person)  # they enquired again

    dispose(RecordKind.ENQUIRY, first, service_manager)

    assert Person.objects.get(pk=first.person_id).last_name == "Oduya"
    assert Enquiry.objects.filter(person=first.person_id).count() == 1


def test_a_record_not_yet_due_is_refused_and_nothing_changes(council, service_manager):
    enquiry = factories.closed_enquiry(council, closed_on=date(2025, 8, 4))

    with pytest.raises(ValidationError) as refused:
        dispose(RecordKind.ENQUIRY, enquiry, service_manager)

    assert refused.value.message_dict == {
        "confirm": ["This record is not due for disposal until 4 August 2027"]
    }
    assert Enquiry.objects.filter(pk=enquiry.pk).exists()
    assert not Disposal.objects.exists()
    assert not AuditEvent.objects.filter(verb="record_disposed").exists()


def test_only_a_manager_disposes_and_a_record_is_disposed_of_once(council, service_manager):
    enquiry = factories.closed_enquiry(council, closed_on=date(2024, 4, 1))
    worker = builders.staff(council, Role.RECRUITMENT_COORDINATOR)

    with pytest.raises(NotAllowed):
        dispose(RecordKind.ENQUIRY, enquiry, worker)
    assert Enquiry.objects.filter(pk=enquiry.pk).exists()

    dispose(RecordKind.ENQUIRY, enquiry, service_manager)
    with pytest.raises(ValidationError):
        dispose(RecordKind.ENQUIRY, enquiry, service_manager)
    assert Disposal.objects.filter(kind="enquiry").count() == 1


def test_a_carers_household_is_anonymised_and_its_record_kept(council, service_manager):
    fh = factories.resigned_household(council, name="Kowalski household")
    carer = fh.household.members.get().person
    address_move(
        person=carer,
        line_1="4 Mill Lane",
        town="Wrexford",
        postcode="LE3 8RF",
        moved_on=date(2010, 1, 1),
        by=None,
    )
    Person.objects.filter(pk=carer.pk).update(email="k@example.com", phone="07700 900123")

    dispose(RecordKind.HOUSEHOLD, fh, service_manager)

    fh.refresh_from_db()
    carer.refresh_from_db()
    assert FosteringHousehold.objects.filter(pk=fh.pk, reference=fh.reference).exists()  # the record stays
    assert fh.household.name == f"Anonymised household {fh.household_id}"
    assert (fh.household.line_1, fh.household.postcode) == ("", "LE3")
    assert (carer.first_name, carer.last_name, carer.email, carer.phone) == (
        "Anonymised",
        f"person {carer.pk}",
        "",
        "",
    )
    assert carer.date_of_birth == date(1980, 1, 1)
    address = Address.objects.get(person=carer)
    assert (address.line_1, address.town, address.postcode) == ("Anonymised", "Anonymised", "LE3")
    assert set(fh.status_changes.values_list("reason", flat=True)) == {""}
    assert Disposal.objects.get().action == "anonymise"


def test_a_childs_care_record_is_anonymised_at_their_75th_birthday(council, service_manager):
    child = builders.child(council, first_name="Edith", last_name="Marlow", date_of_birth=date(1951, 2, 14))
    Child.objects.filter(pk=child.pk).update(needs="Edith needs glasses", home_postcode="LE3 8RF")

    dispose(RecordKind.CHILD, child, service_manager)

    child.refresh_from_db()
    child.person.refresh_from_db()
    assert (child.person.first_name, child.person.last_name) == ("Anonymised", f"person {child.person_id}")
    assert (child.child_id, child.upn, child.needs, child.home_postcode) == (child.child_id, "", "", "LE3")
    assert child.person.date_of_birth == date(1951, 1, 1)


def test_an_assessment_not_leading_to_approval_is_anonymised(council, service_manager):
    assessment = factories.withdrawn_assessment(
        council, name="Brennan household", withdrawn_on=date(2023, 2, 3)
    )
    applicant = assessment.household.members.get().person

    dispose(RecordKind.ASSESSMENT, assessment, service_manager)

    applicant.refresh_from_db()
    assessment.refresh_from_db()
    assert applicant.last_name == f"person {applicant.pk}"
    assert assessment.household.name == f"Anonymised household {assessment.household_id}"
    assert assessment.stage == "withdrawn"
    assert set(assessment.stage_changes.values_list("reason", flat=True)) == {""}
