"""The public front door and the recruitment team's pages."""

from datetime import date, datetime

import pytest
from django.core import signing
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fostering.accounts.roles import Role
from fostering.deadlines.calendar import LONDON
from fostering.recruitment.models import Enquiry
from fostering.recruitment.tests import factories
from fostering.recruitment.views import form_token

pytestmark = pytest.mark.django_db

NOW = datetime(2024, 3, 14, 14, 0, tzinfo=LONDON)


@pytest.fixture
def fixed_now(monkeypatch):
    monkeypatch.setattr("fostering.core.clock.now", lambda: NOW)
    monkeypatch.setattr("fostering.core.clock.today", lambda: NOW.date())
    cache.clear()  # the public form's posts per address
    yield
    cache.clear()


def public_post(client, council, *, started: float | str | None = None, **values):
    data = {
        "first_name": "Jordan",
        "last_name": "Lee",
        "email": "jordan@example.com",
        "phone": "",
        "postcode": "LE3 8RF",
        "source": "",
        "consent_keep_in_touch": "on",
        "started": started
        if isinstance(started, str)
        else form_token(council, NOW.timestamp() - 30 if started is None else started),
        "website": "",
    } | values
    return client.post(reverse("recruitment:enquire", args=[council.code]), data)


def test_the_public_form_opens_without_signing_in(client, council, fixed_now):
    factories.source(council, "Local radio")
    response = client.get(reverse("recruitment:enquire", args=[council.code]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Enquire about fostering" in body and "Local radio" in body
    assert 'tabindex="-1"' in body and 'aria-hidden="true"' in body
    assert client.get(reverse("recruitment:enquire", args=["nope"])).status_code == 404


def test_a_public_enquiry_creates_the_enquiry_with_its_clock(client, council, fixed_now):
    source = factories.source(council, "Local radio")
    response = public_post(client, council, source=str(source.pk), consent_newsletter="on")
    assert response.status_code == 302
    assert response["Location"] == reverse("recruitment:enquire_thanks", args=[council.code])
    enquiry = Enquiry.objects.get()
    assert (enquiry.channel, enquiry.source, enquiry.received_at, enquiry.stage) == (
        "web",
        source,
        NOW,
        "new",
    )
    assert (enquiry.consent_keep_in_touch, enquiry.consent_newsletter) == (True, True)
    assert enquiry.person.full_name == "Jordan Lee"
    assert enquiry.created_by is None
    assert client.get(response["Location"]).status_code == 200


def test_a_filled_honeypot_is_thanked_and_saves_nothing(client, council, fixed_now):
    response = public_post(client, council, website="http://spam.example")
    assert response.status_code == 302 and response["Location"].endswith("/thank-you/")
    assert Enquiry.objects.count() == 0


def test_a_form_sent_too_fast_is_thanked_and_saves_nothing(client, council, fixed_now):
    response = public_post(client, council, started=NOW.timestamp() - 1)
    assert response.status_code == 302 and response["Location"].endswith("/thank-you/")
    assert Enquiry.objects.count() == 0


def test_a_tampered_timestamp_is_thanked_and_saves_nothing(client, council, fixed_now):
    token = form_token(council, NOW.timestamp() - 60)
    forged = token.replace(
        token.split(":")[0], signing.dumps({"o": council.pk, "t": 1, "n": "x"}).split(":")[0]
    )
    response = public_post(client, council, started=forged)
    assert response.status_code == 302
    response = client.post(
        reverse("recruitment:enquire", args=[council.code]),
        {"first_name": "Jo", "last_name": "Lee", "email": "jo@example.com", "started": "12345"},
    )
    assert response.status_code == 302
    assert Enquiry.objects.count() == 0


def test_a_public_enquiry_without_email_or_phone_is_refused(client, council, fixed_now):
    response = public_post(client, council, email="", phone="")
    assert "Enter an email address or a phone number" in response.content.decode()
    assert Enquiry.objects.count() == 0


def test_staff_log_an_enquiry_with_its_channel(client, council, make_staff, fixed_now):
    coordinator = make_staff(council, Role.RECRUITMENT_COORDINATOR)
    client.force_login(coordinator)
    response = client.post(
        reverse("recruitment:enquiry_add"),
        {
            "channel": "text",
            "received_on_0": "14",
            "received_on_1": "3",
            "received_on_2": "2024",
            "received_time": "09:45",
            "first_name": "Kim",
            "last_name": "Ng",
            "phone": "07700 900456",
        },
    )
    enquiry = Enquiry.objects.get()
    assert response["Location"] == reverse("recruitment:enquiry_detail", args=[enquiry.pk])
    assert (enquiry.channel, enquiry.received_at) == ("text", datetime(2024, 3, 14, 9, 45, tzinfo=LONDON))
    assert enquiry.created_by == coordinator


def test_a_response_before_the_enquiry_is_refused_beside_the_field(client, council, make_staff, fixed_now):
    coordinator = make_staff(council, Role.RECRUITMENT_COORDINATOR)
    enquiry = factories.enquiry(council)
    client.force_login(coordinator)
    response = client.post(
        reverse("recruitment:enquiry_respond", args=[enquiry.pk]),
        {"responded_on_0": "1", "responded_on_1": "3", "responded_on_2": "2024", "responded_time": "09:00"}
        | {"channel": "phone"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "The response cannot be before the enquiry was received" in body
    assert 'id="responded_on-error"' in body or "govuk-error-message" in body
    enquiry.refresh_from_db()
    assert enquiry.responded_at is None


def test_the_decision_meeting_lists_visits_awaiting_a_decision(client, council, make_staff, fixed_now):
    manager = make_staff(council, Role.ASSESSMENT_MANAGER)
    visited = factories.visited_enquiry(council, last_name="Visited")
    factories.responded_enquiry(council, last_name="Responded")
    client.force_login(manager)
    body = client.get(reverse("recruitment:decisions")).content.decode()
    assert visited.person.full_name in body and "Responded" not in body
    response = client.post(
        reverse("recruitment:decision", args=[visited.pk]),
        {"decision": "not_now", "decided_on_0": "13", "decided_on_1": "3", "decided_on_2": "2024"}
        | {"reasons": "A new baby is due"},
    )
    assert response.status_code == 302
    visited.refresh_from_db()
    assert (visited.decision, visited.decided_on, visited.stage) == ("not_now", date(2024, 3, 13), "not_now")


def test_the_working_list_shows_only_the_users_council_with_a_fixed_number_of_queries(
    client, council, other_council, make_staff, fixed_now
):
    coordinator = make_staff(council, Role.RECRUITMENT_COORDINATOR)
    source = factories.source(council, "Leaflet drop")
    for n in range(3):
        factories.enquiry(council, last_name=f"Mine{n}", source=source)
    factories.enquiry(other_council, last_name="Theirs")
    client.force_login(coordinator)
    client.get(reverse("recruitment:enquiry_list"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("recruitment:enquiry_list"))
    for n in range(3, 12):
        factories.enquiry(council, last_name=f"Mine{n}", source=source)
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("recruitment:enquiry_list"), {"response": "awaiting"})
    body = response.content.decode()
    assert "Mine11" in body and "Leaflet drop" in body and "Theirs" not in body
    assert len(many) == len(few)


def test_a_role_without_the_view_permission_gets_403(client, council, make_staff):
    client.force_login(make_staff(council, Role.SUPERVISING_SOCIAL_WORKER))
    assert client.get(reverse("recruitment:enquiry_list")).status_code == 403
    assert client.get(reverse("recruitment:event_list")).status_code == 403
