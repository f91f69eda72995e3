"""A manager opens the forecast, tries a lever and sees its effect beside the forecast without it."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth import get_user_model

from fostering.core import clock
from fostering.demo.generator import build_scale
from fostering.forecasts import views

pytestmark = pytest.mark.django_db(transaction=True)
TODAY = date(2026, 3, 2)


def test_a_manager_changes_a_lever_and_sees_the_effect(page, sign_in, axe, monkeypatch):
    build_scale("small", seed=5, today=TODAY)
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    monkeypatch.setattr(views, "PAGE_SIMS", 300)
    sign_in(page, get_user_model().objects.get(username="demo.service_manager"))
    page.set_default_timeout(
        90_000
    )  # three forecasts a page: the one asked for, without the levers, a year ago

    page.goto("/forecasts/")
    assert page.locator("h1").inner_text() == "Forecasts: recruitment, households and children in care"
    assert page.locator('[data-table="backtest"]').is_visible()
    page.locator('[data-chart="approvals-chart"] svg').first.wait_for()  # the fan chart is drawn
    assert axe(page) == []
    throughput = page.locator('[data-table="throughput"] tbody tr').nth(1).locator("td")
    before = float(throughput.first.inner_text())
    assert page.get_by_text("Without the changes").count() == 0

    page.get_by_label("More enquiries (a campaign), %").fill("100")
    page.get_by_role("button", name="Show the forecast").click()
    cells = page.locator('[data-table="throughput"] tbody tr').nth(1).locator("td")
    with_campaign, without = float(cells.nth(0).inner_text()), float(cells.nth(1).inner_text())
    assert without == before
    assert with_campaign > without + 1  # more enquiries: more of them progress to an application
    assert page.locator(
        '[data-table="approval-totals"] th', has_text="Without the changes: median"
    ).is_visible()
    assert axe(page) == []

    page.get_by_label("Fewer withdrawals, %").fill("95")
    page.get_by_role("button", name="Show the forecast").click()
    assert page.locator(".govuk-error-summary").is_visible()
    assert (
        page.locator("#id_fewer_withdrawals-error, .govuk-error-message")
        .first.inner_text()
        .endswith("Enter a value between 0% and 90%")
    )
    assert axe(page) == []
