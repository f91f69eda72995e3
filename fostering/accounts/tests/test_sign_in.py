"""Signing in: the lockout cannot be turned against an account's owner, spraying is limited per address,
and every sign-in and failure is in the audit stream."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from fostering.accounts.roles import Role
from fostering.audit.models import AuditEvent
from tests import builders

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"
OWNER_ADDRESS = "203.0.113.5"
ATTACKER_ADDRESS = "198.51.100.7"


def _sign_in(client: Client, username: str, password: str):
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


def test_five_failures_from_another_address_do_not_lock_the_owner_out(council):
    # given a member of staff, and someone elsewhere who knows their username
    builders.staff(council, Role.SERVICE_MANAGER, username="manager", password=PASSWORD)
    attacker = Client(REMOTE_ADDR=ATTACKER_ADDRESS)
    # when the attacker tries five wrong passwords
    answers = [_sign_in(attacker, "manager", "wrong").status_code for _ in range(5)]
    # then the attacker is locked out, even with the right password
    assert answers == [200, 200, 200, 200, 429]
    assert _sign_in(attacker, "manager", PASSWORD).status_code == 429
    # and the owner still signs in from their own address
    owner = Client(REMOTE_ADDR=OWNER_ADDRESS)
    response = _sign_in(owner, "manager", PASSWORD)
    assert response.status_code == 302 and response["Location"] == reverse("mywork:home")


def test_password_spraying_from_one_address_is_refused_at_the_address_limit(council):
    # given staff whose usernames a sprayer has guessed
    builders.staff(council, Role.DUTY_WORKER, username="duty", password=PASSWORD)
    sprayer = Client(REMOTE_ADDR=ATTACKER_ADDRESS)
    # when one address tries one password against 30 different usernames (never 5 on any one)
    answers = [_sign_in(sprayer, f"user{n}", "Summer2026!").status_code for n in range(1, 31)]
    # then the 30th failure is refused, and so is everything after it from that address
    assert answers == [200] * 29 + [429]
    refused = _sign_in(sprayer, "duty", PASSWORD)
    assert refused.status_code == 429
    assert "Too many attempts to sign in" in refused.content.decode()
    # while other addresses are not affected
    assert _sign_in(Client(REMOTE_ADDR=OWNER_ADDRESS), "duty", PASSWORD).status_code == 302


@override_settings(FOSTERING_ADDRESS_FAILURE_LIMIT=3)
def test_the_address_limit_is_a_setting(council):
    sprayer = Client(REMOTE_ADDR=ATTACKER_ADDRESS)
    assert [_sign_in(sprayer, f"user{n}", "x").status_code for n in range(4)] == [200, 200, 429, 429]


@override_settings(FOSTERING_PROXY_COUNT=1)
def test_behind_a_proxy_the_address_is_the_one_the_proxy_saw(council):
    # given the service behind one proxy, which appends the address it saw to X-Forwarded-For
    builders.staff(council, Role.SERVICE_MANAGER, username="manager", password=PASSWORD)
    # when an attacker varies the part of the header they control on each attempt
    answers = []
    for n in range(5):
        attacker = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, {ATTACKER_ADDRESS}")
        answers.append(_sign_in(attacker, "manager", "wrong").status_code)
    # then the lockout still applies to the address the proxy saw
    assert answers == [200, 200, 200, 200, 429]
    # and the owner, through the same proxy, is not locked out
    owner = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=OWNER_ADDRESS)
    assert _sign_in(owner, "manager", PASSWORD).status_code == 302


def test_without_a_proxy_a_forwarded_for_header_is_ignored(council):
    builders.staff(council, Role.SERVICE_MANAGER, username="manager", password=PASSWORD)
    answers = []
    for n in range(5):
        attacker = Client(REMOTE_ADDR=ATTACKER_ADDRESS, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
        answers.append(_sign_in(attacker, "manager", "wrong").status_code)
    assert answers == [200, 200, 200, 200, 429]


def test_a_sign_in_is_audited_with_the_address(council):
    user = builders.staff(council, Role.DUTY_WORKER, username="duty", password=PASSWORD)
    _sign_in(Client(REMOTE_ADDR=OWNER_ADDRESS), "duty", PASSWORD)
    event = AuditEvent.objects.get(verb="signed_in")
    assert (event.actor, event.record_id, event.organisation_id) == (user, str(user.pk), council.pk)
    assert event.changes == {"address": [None, OWNER_ADDRESS]}


def test_a_failed_sign_in_is_audited_with_the_username_tried_and_the_address(council):
    user = builders.staff(council, Role.DUTY_WORKER, username="duty", password=PASSWORD)
    client = Client(REMOTE_ADDR=ATTACKER_ADDRESS)
    _sign_in(client, "duty", "wrong")
    _sign_in(client, "nobody", "wrong")
    known, unknown = AuditEvent.objects.filter(verb="sign_in_failed").order_by("id")
    # a failure has no user acting; it is filed against the account when the username is one
    assert known.actor is None and unknown.actor is None
    assert (known.record_type, known.record_id, known.organisation_id) == (
        "accounts.user",
        str(user.pk),
        council.pk,
    )
    assert known.changes == {"username": [None, "duty"], "address": [None, ATTACKER_ADDRESS]}
    assert (unknown.record_id, unknown.organisation_id) == ("", None)
    assert unknown.changes == {"username": [None, "nobody"], "address": [None, ATTACKER_ADDRESS]}
    assert not AuditEvent.objects.filter(verb="signed_in").exists()


def test_a_refusal_at_the_lockout_is_audited_as_locked(council):
    builders.staff(council, Role.DUTY_WORKER, username="duty", password=PASSWORD)
    client = Client(REMOTE_ADDR=ATTACKER_ADDRESS)
    for _ in range(6):
        _sign_in(client, "duty", "wrong")
    notes = list(
        AuditEvent.objects.filter(verb="sign_in_failed").order_by("id").values_list("note", flat=True)
    )
    assert notes == ["", "", "", "", "Locked out", "Locked out"]
