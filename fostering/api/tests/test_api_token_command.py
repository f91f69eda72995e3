from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from fostering.accounts.models import ApiToken
from fostering.accounts.roles import Role

pytestmark = pytest.mark.django_db


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("api_token", *args, stdout=out, stderr=err)
    return out.getvalue().strip(), err.getvalue().strip()


def test_the_command_prints_a_token_that_authenticates(manager_a):
    # when
    token, warnings = run("manager.a")
    # then
    assert warnings == ""
    assert ApiToken.objects.get(user=manager_a).prefix == token[:8]
    response = Client(headers={"Authorization": f"Bearer {token}"}).get("/api/v1/me")
    assert response.status_code == 200
    assert response.json()["username"] == "manager.a"


def test_each_run_issues_a_new_token(manager_a):
    first, _ = run("manager.a")
    second, _ = run("manager.a")
    assert first != second
    assert ApiToken.objects.filter(user=manager_a).count() == 2


def test_an_unknown_username_is_a_clear_error(db):
    with pytest.raises(CommandError, match="There is no user with the username 'nobody'"):
        run("nobody")
    assert not ApiToken.objects.exists()


def test_an_inactive_user_gets_no_token(manager_a):
    manager_a.is_active = False
    manager_a.save()
    with pytest.raises(CommandError, match="not active"):
        run("manager.a")
    assert not ApiToken.objects.exists()


def test_a_user_whose_roles_cannot_use_the_api_is_warned(council_a, make_staff):
    make_staff(council_a, Role.PANEL_MEMBER, "panel.member")
    token, warnings = run("panel.member")
    assert token
    assert "holds no role that may use the API" in warnings


def test_the_command_names_the_token_and_sets_its_expiry(manager_a):
    run("manager.a", "--name", "finance export", "--days", "14")
    token = ApiToken.objects.get(user=manager_a)
    assert token.name == "finance export"
    assert round((token.expires_at - token.created_at).total_seconds() / 86400) == 14
    with pytest.raises(CommandError, match="--days must be between 1 and 366"):
        run("manager.a", "--days", "0")
    assert ApiToken.objects.filter(user=manager_a).count() == 1
