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


WILD_BOXES = [
    (("1", "0001"), "Month to pay must be between January 1900 and December 2099", "year"),
    (("13", "2026"), "Month to pay must be a real date", "month"),
    (("99999999999999999999", "2026"), "Month to pay must be a real date", "month"),
    (("1", "99999999999999999999"), "Year must include 4 numbers", "year"),
    (("March", "2026"), "Month to pay must be a real date", "month"),
    (("3", "26"), "Year must include 4 numbers", "year"),
    (("", "2026"), "Month to pay must include a month", "month"),
    (("3", ""), "Month to pay must include a year", "year"),
    (("", ""), "Enter the month to pay", ""),
    (("4", "2026"), "April 2026 has not started yet", ""),
]


@pytest.mark.parametrize(("boxes", "message", "marked"), WILD_BOXES)
def test_the_page_refuses_a_wild_month_beside_the_field(client, council, march, boxes, message, marked):
    client.force_login(builders.staff(council, Role.PAYMENTS_OFFICER))
    response = client.post(reverse("payments:run_draft"), {"period_0": boxes[0], "period_1": boxes[1]})
    assert response.status_code == 200
    body = response.content.decode()
    assert "There is a problem" in body
    summary = body.split('govuk-error-summary__list">')[1].split("</ul>")[0]
    if marked:  # the summary links to the box at fault
        assert f'<a href="#id_period_{0 if marked == "month" else 1}">{message}' in summary
    else:
        assert f'">{message}' in summary
    assert f"</span> {message}" in body  # beside the field, not only in the summary
    if marked:
        box = body.split(f'id="id_period_{0 if marked == "month" else 1}"')[0].rsplit("<input", 1)[1]
        assert "govuk-input--error" in box
    assert not PaymentRun.objects.exists()


def test_the_page_asks_for_the_month_in_two_boxes_and_drafts_it(client, council, march):
    client.force_login(builders.staff(council, Role.PAYMENTS_OFFICER))
    page = client.get(reverse("payments:run_draft")).content.decode()
    assert '<legend class="govuk-fieldset__legend">' in page and "Month to pay" in page
    assert 'name="period_0"' in page and 'name="period_1"' in page and 'name="period"' not in page
    assert 'value="3"' in page and 'value="2026"' in page  # this month, filled in
    response = client.post(reverse("payments:run_draft"), {"period_0": " 03 ", "period_1": "2026"})
    run = PaymentRun.objects.get()
    assert response["Location"] == reverse("payments:run_detail", args=[run.pk])
    assert run.period == date(2026, 3, 1)


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
