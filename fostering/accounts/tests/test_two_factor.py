"""Two-factor authentication cannot be side-stepped by a session that has only passed the password."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from fostering.accounts.roles import Role
from fostering.audit.models import AuditEvent
from tests import builders

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def _password_only(client: Client, username: str) -> None:
    response = client.post(reverse("accounts:login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302


def _verified(client: Client, username: str, device: TOTPDevice) -> None:
    _password_only(client, username)
    response = client.post(reverse("accounts:two_factor_verify"), {"token": _code(device)})
    assert response.status_code == 302
    device.refresh_from_db()
    device.throttle_reset()


@override_settings(FOSTERING_REQUIRE_2FA=True)
def test_a_password_only_session_cannot_add_a_second_authenticator_and_so_cannot_get_in(council):
    # given a member of staff with a confirmed authenticator app, whose password an attacker knows
    user = builders.staff(council, Role.DUTY_WORKER, username="duty", password=PASSWORD)
    TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    attacker = Client()
    _password_only(attacker, "duty")
    # when the attacker opens the page that adds an authenticator app
    page = attacker.get(reverse("accounts:two_factor_setup"))
    # then they are sent to enter a code from the existing app, and no new secret is made or shown
    assert page.status_code == 302 and page["Location"] == reverse("accounts:two_factor_verify")
    assert TOTPDevice.objects.filter(user=user).count() == 1
    # and a code they make up for a device of their own is refused too
    rogue = TOTPDevice(user=user, name="rogue", confirmed=False)
    posted = attacker.post(reverse("accounts:two_factor_setup"), {"token": _code(rogue)})
    assert posted.status_code == 302 and posted["Location"] == reverse("accounts:two_factor_verify")
    assert attacker.get(reverse("children:list")).status_code == 302
    assert list(TOTPDevice.objects.filter(user=user).values_list("name", "confirmed")) == [("phone", True)]


@override_settings(FOSTERING_REQUIRE_2FA=True)
def test_a_verified_session_replaces_the_authenticator_app_and_the_old_one_stops_working(council):
    # given a member of staff who signed in with their app
    user = builders.staff(council, Role.DUTY_WORKER, username="duty", password=PASSWORD)
    old = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    client = Client()
    _verified(client, "duty", old)
    # when they add a new app and confirm it with its first code
    page = client.get(reverse("accounts:two_factor_setup"))
    assert page.status_code == 200
    new = TOTPDevice.objects.get(user=user, confirmed=False)
    assert new.bin_key.hex() in page.content.decode()
    response = client.post(reverse("accounts:two_factor_setup"), {"token": _code(new)})
    # then the new app is the only one
    assert response.status_code == 302
    assert list(TOTPDevice.objects.filter(user=user).values_list("pk", "confirmed")) == [(new.pk, True)]
    assert AuditEvent.objects.filter(verb="two_factor_replaced", record_id=str(user.pk)).count() == 1


@override_settings(FOSTERING_REQUIRE_2FA=True)
def test_the_secret_of_a_new_app_is_made_afresh_each_time_the_page_is_opened(council):
    # a secret once shown (on a shared screen, say) is not the one that will be confirmed later
    user = builders.staff(council, Role.DUTY_WORKER, username="duty", password=PASSWORD)
    client = Client()
    _password_only(client, "duty")
    client.get(reverse("accounts:two_factor_setup"))
    first = TOTPDevice.objects.get(user=user, confirmed=False).key
    client.get(reverse("accounts:two_factor_setup"))
    assert TOTPDevice.objects.filter(user=user).count() == 1
    assert TOTPDevice.objects.get(user=user, confirmed=False).key != first


@override_settings(FOSTERING_REQUIRE_2FA=True)
def test_a_manager_resets_a_users_two_factor_and_the_user_sets_up_a_new_app(council):
    # given a member of staff who has lost their phone
    user = builders.staff(council, Role.DUTY_WORKER, username="duty", password=PASSWORD)
    TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    manager = builders.staff(council, Role.SERVICE_MANAGER, username="manager", password=PASSWORD)
    manager_device = TOTPDevice.objects.create(user=manager, name="phone", confirmed=True)
    manager_client = Client()
    _verified(manager_client, "manager", manager_device)
    # when their manager resets their two-factor authentication
    response = manager_client.post(reverse("accounts:staff_two_factor_reset", args=[user.pk]))
    # then their apps are removed, the reset is audited, and they set up a new app after the password
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=user).exists()
    event = AuditEvent.objects.get(verb="two_factor_reset", record_id=str(user.pk))
    assert event.actor == manager and event.organisation_id == council.pk
    client = Client()
    _password_only(client, "duty")
    assert client.get(reverse("children:list"))["Location"] == reverse("accounts:two_factor_setup")
    assert client.get(reverse("accounts:two_factor_setup")).status_code == 200


def test_staff_without_the_permission_cannot_reset_anothers_two_factor(council, other_council):
    user = builders.staff(council, Role.DUTY_WORKER, username="duty")
    TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    for someone in (
        builders.staff(council, Role.SUPERVISING_SOCIAL_WORKER),
        builders.staff(other_council, Role.SERVICE_MANAGER),
    ):
        client = Client()
        client.force_login(someone)
        response = client.post(reverse("accounts:staff_two_factor_reset", args=[user.pk]))
        assert response.status_code in (403, 404)
    assert TOTPDevice.objects.filter(user=user).count() == 1
    assert not AuditEvent.objects.filter(verb="two_factor_reset").exists()


def test_an_administrator_resets_two_factor_from_the_admin_site(council):
    user = builders.staff(council, Role.DUTY_WORKER, username="duty")
    TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    admin_user = builders.staff(council, Role.PANEL_MEMBER, username="admin")
    admin_user.is_staff = admin_user.is_superuser = True
    admin_user.save()
    client = Client()
    client.force_login(admin_user)
    response = client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "reset_two_factor", "_selected_action": [user.pk]},
    )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=user).exists()
    event = AuditEvent.objects.get(verb="two_factor_reset")
    assert (event.actor, event.record_id) == (admin_user, str(user.pk))


def test_without_the_requirement_a_user_with_an_app_still_verifies_before_replacing_it(council):
    # given the demo (two-factor optional) and a user who has set up an app anyway
    user = builders.staff(council, Role.DUTY_WORKER, username="duty", password=PASSWORD)
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    client = Client()
    _password_only(client, "duty")
    # then the set-up page sends them to enter a code first, and their account page says so
    assert client.get(reverse("accounts:two_factor_setup"))["Location"] == reverse(
        "accounts:two_factor_verify"
    )
    assert "enter a code from it" in client.get(reverse("accounts:account")).content.decode()
    verify = reverse("accounts:two_factor_verify") + "?next=" + reverse("accounts:two_factor_setup")
    response = client.post(verify, {"token": _code(device)})
    assert response["Location"] == reverse("accounts:two_factor_setup")
    assert client.get(reverse("accounts:two_factor_setup")).status_code == 200
