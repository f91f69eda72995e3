"""Erasure requests: recorded with the one-calendar-month clock on My work, then agreed (erasing what the
law allows, keeping and naming what it does not) or refused with a reason."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from fostering.audit.models import AuditEvent
from fostering.core import clock
from fostering.dataprotection import services
from fostering.dataprotection.choices import ErasureDecision, ErasureGrounds
from fostering.dataprotection.deadlines import erasure_deadline, erasure_request_work
from fostering.dataprotection.models import Disposal, ErasureRequest
from fostering.deadlines.status import DeadlineStatus
from fostering.people.models import Person
from fostering.recruitment.models import Enquiry
from tests import builders

from . import factories

TODAY = date(2026, 11, 23)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: TODAY)


def received(person, by, on=date(2026, 11, 2)):
    return services.erasure_request_record(
        person=person, received_on=on, grounds=ErasureGrounds.CONSENT_WITHDRAWN, details="By email", by=by
    )


def test_a_request_is_answered_within_one_calendar_month_and_waits_on_the_managers_work(
    council, service_manager
):
    enquiry = factories.closed_enquiry(council, closed_on=date(2026, 10, 1))

    request = received(enquiry.person, service_manager, on=date(2026, 10, 31))

    deadline = erasure_deadline(request, today=TODAY)
    assert (deadline.due, deadline.status) == (date(2026, 11, 30), DeadlineStatus.DUE_SOON)
    (item,) = erasure_request_work(service_manager, TODAY)
    assert (item.subject, item.url) == (
        f"Erasure request {request.pk}, received 31 October 2026",
        f"/data-protection/erasure-requests/{request.pk}/",
    )
    event = AuditEvent.objects.get(verb="erasure_request_received")
    assert event.record_label == str(request) and enquiry.person.last_name not in event.record_label


def test_an_agreed_request_erases_the_enquiries_and_the_person_with_tombstones(council, service_manager):
    enquiry = factories.closed_enquiry(council, last_name="Farrow", closed_on=date(2026, 10, 1))
    person_id = enquiry.person_id
    request = received(enquiry.person, service_manager)

    services.erasure_request_decide(
        request=request,
        decision=ErasureDecision.AGREED,
        decided_on=date(2026, 11, 20),
        reason="",
        by=service_manager,
    )

    request.refresh_from_db()
    assert not Enquiry.objects.filter(pk=enquiry.pk).exists()
    assert not Person.objects.filter(pk=person_id).exists()
    assert request.person_id is None and request.decision == "agreed"
    assert request.outcome == f"Erased: enquiry {enquiry.pk} erased; person record {person_id} erased."
    assert sorted(Disposal.objects.filter(erasure_request=request).values_list("kind", "record_id")) == [
        ("enquiry", enquiry.pk),
        ("person", person_id),
    ]
    assert list(erasure_request_work(service_manager, TODAY)) == []


def test_an_agreed_request_from_a_carer_keeps_what_the_law_requires(council, service_manager):
    fh = builders.approved_household(council, name="Amadi household")
    carer = fh.household.members.get().person
    request = received(carer, service_manager)

    services.erasure_request_decide(
        request=request, decision=ErasureDecision.AGREED, decided_on=TODAY, reason="", by=service_manager
    )

    request.refresh_from_db()
    assert Person.objects.get(pk=carer.pk).last_name == "Amadi"
    assert request.outcome == (
        "Kept, as the law requires: household membership (records of foster carers and their households: "
        "FSR 2011, reg 32)."
    )
    assert not Disposal.objects.exists()


def test_a_refusal_needs_a_reason_and_nothing_is_erased_meanwhile(council, service_manager):
    enquiry = factories.closed_enquiry(council, closed_on=date(2026, 10, 1))
    request = received(enquiry.person, service_manager)

    with pytest.raises(ValidationError) as refused:
        services.erasure_request_decide(
            request=request,
            decision=ErasureDecision.REFUSED,
            decided_on=TODAY,
            reason=" ",
            by=service_manager,
        )

    assert refused.value.message_dict == {"reason": ["Give the reason for refusing the request"]}
    assert ErasureRequest.objects.get(pk=request.pk).decision == ""
    services.erasure_request_decide(
        request=request,
        decision=ErasureDecision.REFUSED,
        decided_on=TODAY,
        reason="Kept for a complaint in progress",
        by=service_manager,
    )
    assert Enquiry.objects.filter(pk=enquiry.pk).exists()
    assert AuditEvent.objects.get(verb="erasure_request_decided").changes["decision"] == ["", "refused"]


def test_a_decision_dated_before_the_request_was_received_is_refused(council, service_manager):
    request = received(factories.closed_enquiry(council).person, service_manager, on=date(2026, 11, 2))

    with pytest.raises(ValidationError) as refused:
        services.erasure_request_decide(
            request=request,
            decision=ErasureDecision.AGREED,
            decided_on=date(2026, 11, 1),
            reason="",
            by=service_manager,
        )

    assert list(refused.value.message_dict) == ["decided_on"]


def test_an_agreed_request_from_an_applicant_not_approved_anonymises_their_assessment(
    council, service_manager
):
    assessment = factories.withdrawn_assessment(
        council, name="Okafor household", withdrawn_on=date(2026, 6, 1)
    )
    applicant = assessment.household.members.get().person
    request = received(applicant, service_manager)

    services.erasure_request_decide(
        request=request, decision=ErasureDecision.AGREED, decided_on=TODAY, reason="", by=service_manager
    )

    request.refresh_from_db()
    applicant.refresh_from_db()
    assert applicant.last_name == f"person {applicant.pk}"
    assert request.outcome == f"Erased: assessment {assessment.pk} anonymised."
    tomb = Disposal.objects.get()
    assert (tomb.kind, tomb.record_id, tomb.erasure_request) == ("assessment", assessment.pk, request)
