"""Payments in a real browser: the payments officer drafts March's run, a manager approves it, the officer
commits it; the carer reads the statement's plain-English lines in the portal and asks about one. Each page
passes axe."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.urls import reverse

from fostering.accounts.roles import Role
from fostering.payments.models import PaymentQuery, PaymentRun
from fostering.payments.tests import factories as f
from fostering.portal.tests.factories import PASSWORD, signed_up
from tests import builders

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_run_is_drafted_approved_committed_and_the_carer_asks_about_a_line(page, sign_in, axe, monkeypatch):
    monkeypatch.setattr("fostering.core.clock.today", lambda: date(2026, 3, 31))
    council = builders.organisation()
    f.rates(council)
    home = f.household(council, level=2, name="Patel household")
    f.placement(home, f.child(council, date(2013, 6, 1), "Amy", "Brown"), date(2026, 3, 4), date(2026, 3, 10))
    officer = builders.staff(council, Role.PAYMENTS_OFFICER, first_name="Pat", last_name="Officer")
    manager = builders.staff(council, Role.SERVICE_MANAGER, first_name="Mo", last_name="Manager")
    carer, _ = signed_up(home)
    failures: dict[str, list[dict]] = {}

    def check(name: str) -> None:
        if violations := axe(page):
            failures[name] = violations

    def switch_to(user) -> None:
        page.context.clear_cookies()
        sign_in(page, user)

    # the officer drafts March
    sign_in(page, officer)
    page.goto(reverse("payments:runs"))
    check("runs")
    page.get_by_role("link", name="Draft a payment run").click()
    page.get_by_label("Month", exact=True).fill("4")
    page.get_by_label("Year", exact=True).fill("2026")
    page.get_by_role("button", name="Draft the run").click()
    assert "April 2026 has not started yet" in page.locator(".govuk-error-summary").inner_text()
    check("draft (with errors)")
    page.get_by_label("Month", exact=True).fill("3")
    page.get_by_role("button", name="Draft the run").click()
    assert "has been drafted" in page.locator(".govuk-notification-banner").inner_text()
    lines = page.locator("main table").last.inner_text()
    assert "Fostering allowance for A.B., 4 to 9 March 2026, 6 nights at £35.00 a night" in lines
    check("run detail")
    run = PaymentRun.objects.get()
    # a manager approves it
    switch_to(manager)
    page.goto(reverse("payments:run_detail", args=[run.pk]))
    page.get_by_role("link", name="Approve the run").click()
    check("approve")
    page.get_by_role("button", name="Approve the run").click()
    assert "approved" in page.locator(".govuk-notification-banner").inner_text()
    # the officer commits it, and reads the reconciliation
    switch_to(officer)
    page.goto(reverse("payments:run_detail", args=[run.pk]))
    page.get_by_role("link", name="Commit the run").click()
    page.get_by_role("button", name="Commit the run").click()
    assert "committed" in page.locator(".govuk-notification-banner").inner_text()
    page.get_by_role("link", name="Reconciliation").click()
    assert "This is the first committed run" in page.locator("main").inner_text()
    check("reconciliation")
    run.refresh_from_db()
    assert run.status == "committed"
    # the carer reads the statement in the portal and asks about the fee
    page.context.clear_cookies()
    page.goto(reverse("accounts:login"))
    page.get_by_label("Username").fill(carer.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/my/")
    page.goto(reverse("portal:money_statements"))
    check("statements")
    page.get_by_role("link", name="Statement for March 2026").click()
    body = page.locator("main").inner_text()
    assert (
        "Carer's fee for A.B., 4 to 9 March 2026, 6 nights at £30.00 a night (weekly £210.00, skill level 2)"
        in body
    )
    assert "£390.00" in body
    check("statement")
    page.get_by_role("link", name=re.compile(r"Ask about this payment\s*: Carer.s fee")).click()
    page.get_by_role("textbox").fill("Is this at level 2?")
    page.get_by_role("button", name=re.compile("Send")).click()
    assert "sent to the payments team" in page.locator(".govuk-notification-banner").inner_text()
    assert PaymentQuery.objects.get().question == "Is this at level 2?"
    # the payments officer sees it among the open queries
    switch_to(officer)
    page.goto(reverse("payments:queries"))
    assert "Is this at level 2?" in page.locator("main").inner_text()
    check("queries")
    assert failures == {}
