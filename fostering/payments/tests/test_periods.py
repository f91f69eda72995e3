"""The month a run pays, as typed on the page or given to ``manage.py payment_run --period``: a month out of
range or badly written is refused in words beside the field (or by the command), never a server error."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from fostering.accounts.roles import Role
from tests import builders

from ..models import PaymentRun
from . import factories as f

pytestmark = pytest.mark.django_db

WILD_PERIODS = [
    ("0001-01", "The month must be between January 1900 and December 2099"),
    ("0000-01", "The month must be between January 1900 and December 2099"),
    ("2026-13", "Enter the month as YYYY-MM, for example 2026-03"),
    ("2026-99999999999999999999", "Enter the month as YYYY-MM, for example 2026-03"),
    ("99999999999999999999-01", "Enter the month as YYYY-MM, for example 2026-03"),
]


@pytest.fixture
def march(council, monkeypatch):
    monkeypatch.setattr("fostering.core.clock.today", lambda: date(2026, 3, 31))
    f.rates(council)
    home = f.household(council, level=2, name="Patel household")
    f.placement(home, f.child(council, date(2013, 6, 1)), date(2026, 2, 1))
    return home


@pytest.mark.parametrize(("period", "message"), WILD_PERIODS)
def test_the_page_refuses_a_wild_month_beside_the_field(client, council, march, period, message):
    client.force_login(builders.staff(council, Role.PAYMENTS_OFFICER))
    response = client.post(reverse("payments:run_draft"), {"period": period[:7]})
    assert response.status_code == 200
    body = response.content.decode()
    assert "There is a problem" in body
    assert message in body
    assert not PaymentRun.objects.exists()


@pytest.mark.parametrize(("period", "message"), WILD_PERIODS)
def test_the_command_refuses_a_wild_month_in_words(council, march, period, message):
    with pytest.raises(CommandError) as refused:
        call_command("payment_run", "--period", period)
    assert str(refused.value) == message
    assert not PaymentRun.objects.exists()


def test_the_earliest_month_drafts_an_empty_run(council, march):
    call_command("payment_run", "--period", "1900-01")
    run = PaymentRun.objects.get()
    assert (run.period, run.total) == (date(1900, 1, 1), 0)
