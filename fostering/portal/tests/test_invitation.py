"""Inviting a carer or an applicant, setting a password from the link, and the boundary: a portal sign-in
reaches the portal only, and the portal refuses staff."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from fostering.accounts.roles import Role
from fostering.assessments.tests import factories as assessment_factories
from fostering.core import clock
from fostering.households.choices import HouseholdStatus
from fostering.households.services import household_status_change
from fostering.portal.models import PortalAccess
from fostering.portal.tests.factories import PASSWORD, portal_client, signed_up
from tests import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def council():
    org = builders.organisation()
    ssw = builders.staff(org, Role.SUPERVISING_SOCIAL_WORKER)
    household = builders.approved_household(org, name="Okafor household", ssw=ssw)
    return org, ssw, household


def invite_through_page(client: Client, household, email: str = "ada@example.org") -> object:
    member = household.household.members.get()
    with_callbacks = client.post(
        reverse("portal_staff:household", args=[household.pk]), {"person": member.person_id, "email": email}
    )
    assert with_callbacks.status_code == 302
    return with_callbacks


def link_in(message) -> str:
    found = re.search(r"https?://[^\s]+/my/invitation/[^\s/]+/", message.body)
    assert found, message.body
    return found.group(0).split("testserver", 1)[1]


def test_a_carer_is_invited_sets_a_password_and_lands_in_the_portal(
    council, django_capture_on_commit_callbacks
):
    org, ssw, household = council
    staff = Client()
    staff.force_login(ssw)
    with django_capture_on_commit_callbacks(execute=True):
        invite_through_page(staff, household)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ada@example.org"]
    assert "Okafor" not in message.body  # the email names nobody
    link = link_in(message)
    carer = Client()
    assert carer.get(link).status_code == 200
    response = carer.post(link, {"password1": "short", "password2": "short"})
    assert response.status_code == 200 and "at least 10 characters" in response.content.decode()
    assert not PortalAccess.objects.get().accepted_at
    response = carer.post(link, {"password1": PASSWORD, "password2": PASSWORD})
    assert response.status_code == 302 and response["Location"] == reverse("portal:home")
    home = carer.get(reverse("portal:home"))
    assert home.status_code == 200
    assert "Okafor household" in home.content.decode()
    # the link works once
    assert Client().get(link).status_code == 404
    page = staff.get(reverse("portal_staff:household", args=[household.pk])).content.decode()
    assert "Signed up" in page


def test_an_expired_or_replaced_link_does_not_work(council, django_capture_on_commit_callbacks):
    org, ssw, household = council
    staff = Client()
    staff.force_login(ssw)
    with django_capture_on_commit_callbacks(execute=True):
        invite_through_page(staff, household)
    first = link_in(mail.outbox[0])
    access = PortalAccess.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        assert staff.post(reverse("portal_staff:resend", args=[access.pk])).status_code == 302
    second = link_in(mail.outbox[1])
    assert Client().get(first).status_code == 404
    assert Client().get(second).status_code == 200
    PortalAccess.objects.filter(pk=access.pk).update(expires_at=clock.now() - timedelta(minutes=1))
    response = Client().post(second, {"password1": PASSWORD, "password2": PASSWORD})
    assert response.status_code == 404 and "no longer works" in response.content.decode()
    assert not PortalAccess.objects.get().accepted_at


def test_a_withdrawn_invitation_stops_working(council, django_capture_on_commit_callbacks):
    org, ssw, household = council
    staff = Client()
    staff.force_login(ssw)
    with django_capture_on_commit_callbacks(execute=True):
        invite_through_page(staff, household)
    link = link_in(mail.outbox[0])
    access = PortalAccess.objects.get()
    assert staff.post(reverse("portal_staff:withdraw", args=[access.pk]), {}).status_code == 302
    assert Client().get(link).status_code == 404
    assert PortalAccess.objects.get().state == "Invitation withdrawn"


def test_a_portal_sign_in_reaches_only_the_portal_and_the_portal_refuses_staff(council):
    org, ssw, household = council
    user, _ = signed_up(household)
    carer = portal_client(user)
    assert carer.get("/")["Location"] == reverse("portal:home")
    for url in [
        "/households/",
        f"/households/{household.pk}/",
        "/payments/statements/",
        "/accounts/account/",
    ]:
        assert carer.get(url).status_code == 404, url
    assert carer.get(reverse("portal:sign_in")).status_code == 200
    staff = Client()
    staff.force_login(ssw)
    assert staff.get(reverse("portal:home")).status_code == 404


def test_a_carer_of_a_deregistered_household_can_no_longer_use_the_portal(council):
    org, ssw, household = council
    user, _ = signed_up(household)
    carer = portal_client(user)
    assert carer.get(reverse("portal:home")).status_code == 200
    household_status_change(
        fostering_household=household,
        to_status=HouseholdStatus.RESIGNED,
        changed_on=date.today(),
        reason="Retired",
        resignation_reason="retirement",
        by=None,
    )
    response = carer.get(reverse("portal:home"))
    assert response.status_code == 403 and "no longer approved" in response.content.decode()


def test_an_applicant_follows_their_application(db):
    org = builders.organisation()
    worker = builders.staff(org, Role.ASSESSING_SOCIAL_WORKER)
    assessment = assessment_factories.application(org, worker=worker)
    user, access = signed_up(assessment)
    client = portal_client(user)
    page = client.get(reverse("portal:home")).content.decode()
    assert "Your application to foster" in page
    assert "Application" in page and "Stage 1" in page
    # a staff page is not theirs
    assert client.get(f"/assessments/{assessment.pk}/").status_code == 404


def test_two_factor_is_offered_to_carers_and_required_only_when_their_council_says_so(council, settings):
    org, ssw, household = council
    settings.FOSTERING_REQUIRE_2FA = True  # staff must use it; carers are only offered it
    user, _ = signed_up(household)
    carer = portal_client(user)
    assert carer.get(reverse("portal:home")).status_code == 200
    assert "Turn on" in carer.get(reverse("portal:sign_in")).content.decode()
    org.portal_two_factor_required = True
    org.save()
    carer = portal_client(user)
    response = carer.get(reverse("portal:home"))
    assert response.status_code == 302 and response["Location"] == reverse("accounts:two_factor_setup")
    assert carer.get(reverse("accounts:two_factor_setup")).status_code == 200
