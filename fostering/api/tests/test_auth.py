"""Only a bearer token of a member of staff whose role may use the API opens it."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from fostering.accounts.models import ApiToken
from fostering.accounts.roles import Role
from fostering.accounts.services import api_token_issue, api_token_revoke
from fostering.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

ENDPOINTS = ["/api/v1/me", "/api/v1/me/work", "/api/v1/people", "/api/v1/children", "/api/v1/households"]


@pytest.mark.parametrize("url", ENDPOINTS)
def test_no_token_is_401_with_a_json_detail(url):
    response = Client().get(url)
    assert response.status_code == 401
    assert response.json() == {"detail": "Send a valid API token: Authorization: Bearer <token>"}
    assert response["WWW-Authenticate"] == "Bearer"


@pytest.mark.parametrize(
    "header", ["Bearer not-a-real-token", "Bearer ", "Token abc", "Basic dXNlcjpwYXNz", "Bearer"]
)
def test_an_unknown_or_malformed_token_is_401(manager_a, header):
    api_token_issue(user=manager_a, by=None)
    response = Client(headers={"Authorization": header}).get("/api/v1/me")
    assert response.status_code == 401


def test_a_signed_in_session_is_not_accepted(manager_a):
    # given a member of staff signed in to the web pages
    client = Client()
    client.force_login(manager_a)
    # when they call the API without a token
    response = client.get("/api/v1/me")
    # then
    assert response.status_code == 401


def test_a_revoked_token_is_401(manager_a):
    raw = api_token_issue(user=manager_a, by=None)
    ApiToken.objects.filter(user=manager_a).update(revoked_at=timezone.now())
    response = Client(headers={"Authorization": f"Bearer {raw}"}).get("/api/v1/me")
    assert response.status_code == 401


def test_the_token_of_a_deactivated_user_is_401(manager_a, client_for):
    client = client_for(manager_a)
    manager_a.is_active = False
    manager_a.save()
    assert client.get("/api/v1/me").status_code == 401


@pytest.mark.parametrize("url", ENDPOINTS)
def test_a_role_without_use_of_the_api_is_403(council_a, make_staff, client_for, url):
    # given a panel member, whose role holds no permissions
    panel_member = make_staff(council_a, Role.PANEL_MEMBER)
    # when
    response = client_for(panel_member).get(url)
    # then
    assert response.status_code == 403
    assert response.json() == {"detail": "Your roles do not include use of the API."}


def test_a_valid_token_opens_the_api_and_records_its_use(manager_a, client_for):
    client = client_for(manager_a)
    response = client.get("/api/v1/me")
    assert response.status_code == 200
    assert ApiToken.objects.get(user=manager_a).last_used_at is not None


def test_an_expired_token_is_401_and_a_fresh_one_works(manager_a):
    # given two tokens, one past its expiry
    expired = api_token_issue(user=manager_a, by=None, name="old script", days=30)
    ApiToken.objects.filter(name="old script").update(expires_at=timezone.now() - timedelta(seconds=1))
    fresh = api_token_issue(user=manager_a, by=None, name="new script")
    # then only the fresh one opens the API
    assert Client(headers={"Authorization": f"Bearer {expired}"}).get("/api/v1/me").status_code == 401
    assert Client(headers={"Authorization": f"Bearer {fresh}"}).get("/api/v1/me").status_code == 200


def test_a_token_expires_after_the_days_set_and_has_a_name(manager_a, settings):
    settings.FOSTERING_API_TOKEN_DAYS = 7
    api_token_issue(user=manager_a, by=None, name="nightly export")
    token = ApiToken.objects.get(user=manager_a)
    assert token.name == "nightly export"
    assert abs(token.expires_at - token.created_at - timedelta(days=7)) < timedelta(seconds=5)


def test_a_token_revoked_by_its_owner_stops_working(manager_a):
    raw = api_token_issue(user=manager_a, by=None, name="laptop")
    token = ApiToken.objects.get(user=manager_a)
    api_token_revoke(token=token, by=manager_a)
    assert Client(headers={"Authorization": f"Bearer {raw}"}).get("/api/v1/me").status_code == 401
    event = AuditEvent.objects.get(verb="api_token_revoked")
    assert event.actor == manager_a and event.changes == {"token": ["laptop", None]}


@pytest.mark.parametrize("url", ["/api/v1/docs", "/api/v1/openapi.json"])
def test_the_api_documentation_needs_a_signed_in_user_in_production(manager_a, settings, url):
    settings.FOSTERING_API_DOCS_PUBLIC = False
    anonymous = Client().get(url)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/accounts/login/")
    signed_in = Client()
    signed_in.force_login(manager_a)
    assert signed_in.get(url).status_code == 200


def test_the_api_documentation_needs_two_factor_when_it_is_required(manager_a, settings):
    settings.FOSTERING_API_DOCS_PUBLIC = False
    settings.FOSTERING_REQUIRE_2FA = True
    client = Client()
    client.force_login(manager_a)
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/two-factor/")
