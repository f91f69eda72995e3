"""Equality answers are kept only with consent, by those who may change the person, never in the history,
and deleted when consent is withdrawn."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse

from fostering.accounts.roles import Role
from fostering.audit.models import AuditEvent
from fostering.core import clock
from fostering.people.models import EqualityMonitoring
from tests import builders

pytestmark = pytest.mark.django_db


def test_a_worker_records_the_answers_with_consent_and_withdraws_them(client, council):
    worker = builders.staff(council, Role.SUPERVISING_SOCIAL_WORKER)
    household = builders.approved_household(council, name="Ashby household", ssw=worker)
    person = household.household.members.get().person
    client.force_login(builders.staff(council, Role.SERVICE_MANAGER))
    url = reverse("people:equality", args=[person.pk])
    assert (
        "Record equality answers, with consent"
        in client.get(reverse("people:detail", args=[person.pk])).content.decode()
    )
    refused = client.post(url, {"sexual_orientation": "gay_lesbian"}).content.decode()
    assert "govuk-error-summary" in refused and not EqualityMonitoring.objects.exists()
    soon = clock.today() + timedelta(days=30)
    future = client.post(
        url,
        {
            "consented_on_0": str(soon.day),
            "consented_on_1": str(soon.month),
            "consented_on_2": str(soon.year),
            "sexual_orientation": "gay_lesbian",
            "gender_identity": "same",
            "relationship_status": "single",
        },
    ).content.decode()
    assert "today or in the past" in future and not EqualityMonitoring.objects.exists()
    saved = client.post(
        url,
        {
            "consented_on_0": "5",
            "consented_on_1": "1",
            "consented_on_2": "2026",
            "sexual_orientation": "gay_lesbian",
            "gender_identity": "same",
            "relationship_status": "single",
            "disability_not_said": "on",
        },
    )
    assert saved.status_code == 302
    answers = EqualityMonitoring.objects.get(person=person)
    assert (answers.consented_on, answers.sexual_orientation, answers.disability_not_said) == (
        date(2026, 1, 5),
        "gay_lesbian",
        True,
    )
    detail = client.get(reverse("people:detail", args=[person.pk])).content.decode()
    assert "consent given on 5 January 2026" in detail
    # the history says that answers were recorded, never what they are
    event = AuditEvent.objects.get(verb="equality_monitoring_recorded")
    assert "gay_lesbian" not in str(event.changes) and "single" not in str(event.changes)
    assert client.post(url, {"withdraw": "1"}).status_code == 302
    assert not EqualityMonitoring.objects.exists()
    assert AuditEvent.objects.filter(verb="equality_monitoring_withdrawn").count() == 1


def test_only_staff_who_may_change_the_person_see_or_record_the_answers(client, council):
    household = builders.approved_household(council, name="Belvoir household")
    person = household.household.members.get().person
    client.force_login(builders.staff(council, Role.PANEL_MEMBER))
    assert client.get(reverse("people:equality", args=[person.pk])).status_code in (403, 404)
