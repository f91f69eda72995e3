"""Sessions end when idle or too old; staff see and revoke their tokens; passwords are changed and reset."""

from __future__ import annotations

import re
from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from fostering.accounts.models import ApiToken
from fostering.accounts.roles import Role
from fostering.accounts.services import api_token_issue
from fostering.audit.models import AuditEvent
from tests import builders

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"


def _at(moment):
    return mock.patch("fostering.core.clock.now", return_value=moment)


def _signed_in(user, moment) -> Client:
    client = Client()
    with _at(moment):
        client.force_login(user)
    return client


# Sessions


def test_a_session_idle_for_longer_than_the_councils_minutes_is_signed_out(council):
    # given a council that signs staff out after 20 idle minutes
    council.session_idle_minutes = 20
    council.save()
    user = builders.staff(council, Role.DUTY_WORKER)
    start = timezone.now()
    client = _signed_in(user, start)
    # when they come back 19 minutes later they are still signed in
    with _at(start + timedelta(minutes=19)):
        assert client.get(reverse("mywork:home")).status_code == 200
    # and 21 minutes after that request they are signed out and sent to sign in
    with _at(start + timedelta(minutes=40)):
        response = client.get(reverse("children:list"))
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:login") + "?next=%2Fchildren%2F"
    page = client.get(response["Location"])
    assert "You were signed out after 20 minutes without activity." in page.content.decode()
    assert client.get(reverse("mywork:home")).status_code == 302


def test_the_idle_limit_is_thirty_minutes_by_default(council):
    user = builders.staff(council, Role.DUTY_WORKER)
    start = timezone.now()
    client = _signed_in(user, start)
    with _at(start + timedelta(minutes=29)):
        assert client.get(reverse("mywork:home")).status_code == 200
    with _at(start + timedelta(minutes=60)):
        assert client.get(reverse("mywork:home")).status_code == 302


def test_a_busy_session_still_ends_after_the_absolute_lifetime(council, settings):
    settings.FOSTERING_SESSION_MAX_HOURS = 10
    user = builders.staff(council, Role.DUTY_WORKER)
    start = timezone.now()
    client = _signed_in(user, start)
    # a request every 20 minutes keeps it from idling, for 10 hours
    for minutes in range(20, 600, 20):
        with _at(start + timedelta(minutes=minutes)):
            assert client.get(reverse("mywork:home")).status_code == 200, minutes
    with _at(start + timedelta(minutes=601)):
        response = client.get(reverse("mywork:home"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
    assert "more than 10 hours ago" in client.get(response["Location"]).content.decode()


# Your account and API tokens


def test_your_account_lists_your_tokens_only_and_you_revoke_one(council):
    user = builders.staff(council, Role.DUTY_WORKER)
    other = builders.staff(council, Role.DUTY_WORKER)
    raw = api_token_issue(user=user, by=None, name="laptop script")
    api_token_issue(user=other, by=None, name="someone else's")
    client = Client()
    client.force_login(user)
    page = client.get(reverse("accounts:account")).content.decode()
    assert "laptop script" in page and "someone else&#x27;s" not in page
    mine = ApiToken.objects.get(user=user)
    theirs = ApiToken.objects.get(user=other)
    # another's token is out of reach
    assert client.post(reverse("accounts:token_revoke", args=[theirs.pk])).status_code == 404
    response = client.post(reverse("accounts:token_revoke", args=[mine.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("accounts:account")
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.revoked_at is not None and theirs.revoked_at is None
    assert Client(headers={"Authorization": f"Bearer {raw}"}).get("/api/v1/me").status_code == 401


def test_a_manager_revokes_a_staff_token_and_others_cannot(council, other_council):
    member = builders.staff(council, Role.DUTY_WORKER)
    api_token_issue(user=member, by=None, name="shared laptop")
    token = ApiToken.objects.get(user=member)
    url = reverse("accounts:staff_token_revoke", args=[token.pk])
    for someone in (
        builders.staff(council, Role.DUTY_WORKER),
        builders.staff(other_council, Role.SERVICE_MANAGER),
    ):
        client = Client()
        client.force_login(someone)
        assert client.post(url).status_code in (403, 404)
    token.refresh_from_db()
    assert token.revoked_at is None
    manager = builders.staff(council, Role.SERVICE_MANAGER)
    client = Client()
    client.force_login(manager)
    listed = client.get(reverse("accounts:staff_detail", args=[member.pk])).content.decode()
    assert "shared laptop" in listed
    assert client.post(url).status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    event = AuditEvent.objects.get(verb="api_token_revoked")
    assert (event.actor, event.record_id, event.organisation_id) == (manager, str(member.pk), council.pk)


def test_the_staff_list_shows_only_the_managers_own_councils_staff(council, other_council):
    manager = builders.staff(council, Role.SERVICE_MANAGER)
    builders.staff(council, Role.DUTY_WORKER, first_name="Ours", last_name="Colleague")
    builders.staff(other_council, Role.DUTY_WORKER, first_name="Theirs", last_name="Colleague")
    client = Client()
    client.force_login(manager)
    page = client.get(reverse("accounts:staff_list")).content.decode()
    assert "Ours Colleague" in page and "Theirs Colleague" not in page


# Passwords


def test_a_member_of_staff_changes_their_password_and_it_is_audited(council):
    user = builders.staff(council, Role.DUTY_WORKER, password=PASSWORD)
    client = Client()
    client.force_login(user)
    wrong = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": "not it",
            "new_password1": "a new long passphrase",
            "new_password2": "a new long passphrase",
        },
    )
    assert wrong.status_code == 200
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "a new long passphrase",
            "new_password2": "a new long passphrase",
        },
    )
    assert response.status_code == 302 and response["Location"] == reverse("accounts:password_change_done")
    user.refresh_from_db()
    assert user.check_password("a new long passphrase")
    assert AuditEvent.objects.filter(verb="password_changed", actor=user, record_id=str(user.pk)).count() == 1
    # the session survives the change
    assert client.get(reverse("mywork:home")).status_code == 200


def test_a_password_reset_answers_the_same_whether_or_not_the_email_is_known(council):
    user = builders.staff(council, Role.DUTY_WORKER, password=PASSWORD, email="sam.duty@example.org")
    known = Client().post(reverse("accounts:password_reset"), {"email": "sam.duty@example.org"})
    unknown = Client().post(reverse("accounts:password_reset"), {"email": "nobody@example.org"})
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert known["Location"] == reverse("accounts:password_reset_done")
    assert [message.to for message in mail.outbox] == [["sam.duty@example.org"]]
    assert AuditEvent.objects.filter(verb="password_reset_requested", record_id=str(user.pk)).count() == 1
    # the link in the email sets a new password, once
    found = re.search(r"https?://[^/]+(/accounts/password-reset/\S+/)", str(mail.outbox[0].body))
    assert found is not None
    link = found.group(1)
    client = Client()
    form = client.get(link, follow=True)
    assert "Choose a new password" in form.content.decode()
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "another passphrase", "new_password2": "another passphrase"},
    )
    assert done.status_code == 302 and done["Location"] == reverse("accounts:password_reset_complete")
    user.refresh_from_db()
    assert user.check_password("another passphrase")
    assert AuditEvent.objects.filter(verb="password_reset", record_id=str(user.pk)).count() == 1
    assert "The link has expired" in Client().get(link, follow=True).content.decode()
