"""The carer's money in a real browser. A carer signs in, reads February's statement, the tax year and the
question page, and claims mileage (a date in the future is refused first); their supervising social worker
approves the claim; the payments officer drafts March's run, a manager approves it and the officer commits it;
the carer then sees the claim paid, as its own line of March's statement. Every portal page passes axe at
1280 px and at 375 px, with no sideways scroll on a phone."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from fostering.accounts.roles import Role
from fostering.payments.expenses import mileage_rate_set
from fostering.payments.models import ExpenseClaim, PaymentRun
from fostering.payments.runs import run_approve, run_commit, run_draft
from fostering.payments.tests import factories as f
from fostering.portal.tests.factories import PASSWORD, signed_up
from tests import builders
from tests.browser.test_placements import fill_date

pytestmark = pytest.mark.django_db(transaction=True)
TODAY = date(2026, 3, 31)


def test_a_carers_mileage_claim_is_approved_and_paid_on_their_next_statement(
    page, sign_in, axe, monkeypatch, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setattr("fostering.core.clock.today", lambda: TODAY)
    council = builders.organisation()
    f.rates(council)
    mileage_rate_set(organisation=council, valid_from=date(2025, 4, 1), per_mile=Decimal("0.45"), by=None)
    ssw = builders.staff(council, Role.SUPERVISING_SOCIAL_WORKER, first_name="Sam", last_name="Shah")
    officer = builders.staff(council, Role.PAYMENTS_OFFICER, first_name="Pat", last_name="Officer")
    manager = builders.staff(council, Role.SERVICE_MANAGER, first_name="Mo", last_name="Manager")
    home = f.household(council, level=2, name="Patel household", ssw=ssw)
    f.placement(home, f.child(council, date(2013, 6, 1), "Amy", "Brown"), date(2026, 2, 2), date(2026, 3, 10))
    carer, _ = signed_up(home)
    february = run_draft(organisation=council, period=date(2026, 2, 1), by=None)
    run_approve(run=february, by=manager)
    run_commit(run=february, by=None)
    failures: dict[str, list[dict]] = {}

    def check(name: str) -> None:
        for width, height in ((1280, 900), (375, 800)):
            page.set_viewport_size({"width": width, "height": height})
            if violations := axe(page):
                failures[f"{name} at {width} px"] = violations
            if width == 375:
                wide = page.evaluate("() => document.documentElement.scrollWidth")
                assert wide <= 375, f"{name} scrolls sideways at 375 px ({wide} px)"
        page.set_viewport_size({"width": 1280, "height": 900})

    def carer_signs_in() -> None:
        page.context.clear_cookies()
        page.goto("/accounts/login/")
        page.get_by_label("Username").fill(carer.username)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url("**/my/")

    def staff(user) -> None:
        page.context.clear_cookies()
        sign_in(page, user)

    # the carer opens Money and February's statement
    carer_signs_in()
    assert "February 2026" in page.locator("main").inner_text()  # the home panel's last statement
    check("home")
    page.get_by_role("navigation").get_by_role("link", name="Money").click()
    check("statements")
    page.get_by_role("link", name="Statement for February 2026").click()
    assert "Fostering allowance for A.B." in page.locator("#statement-lines").inner_text()
    check("statement")
    page.get_by_role("link", name="Ask about this payment").first.click()
    check("question")
    page.get_by_role("link", name="Back to the statement").click()
    page.get_by_role("link", name="Payments for the tax year").click()
    assert "Fostering allowance" in page.locator("main table").inner_text()
    check("tax year")
    page.get_by_role("link", name="Your questions about payments").click()
    check("questions")

    # claims mileage: a date in the future is refused, with nothing saved
    page.get_by_role("link", name="Your expense claims").click()
    check("claims")
    page.get_by_role("link", name="Claim an expense").click()
    page.get_by_role("radio", name="Mileage").check()
    fill_date(page, "Date of the journey or expense", date(2026, 4, 2))
    page.get_by_label("What was it for?").fill("Taking Amy to see her grandmother")
    page.get_by_label("Miles (for mileage)").fill("40")
    page.get_by_role("button", name="Send the claim").click()
    assert (
        "The date of the expense must be today or in the past"
        in page.locator(".govuk-error-summary").inner_text()
    )
    assert not ExpenseClaim.objects.exists()
    check("claim (with errors)")
    fill_date(page, "Date of the journey or expense", date(2026, 3, 9))
    page.get_by_role("button", name="Send the claim").click()
    assert "£18.00 has been sent" in page.locator(".govuk-notification-banner").inner_text()
    assert "Waiting for a decision" in page.locator("main").inner_text()

    # the supervising social worker approves it
    staff(ssw)
    page.goto(reverse("payments:statements"))
    page.get_by_role("link", name="Expense claims").click()
    page.get_by_role("link", name="9 March 2026 claim from Patel household").click()
    page.get_by_label("Approve the claim").check()
    page.get_by_role("button", name="Save the decision").click()
    assert "approved" in page.locator(".govuk-notification-banner").inner_text()

    # the officer drafts March, a manager approves it, the officer commits it
    staff(officer)
    page.goto(reverse("payments:runs"))
    page.get_by_role("link", name="Draft a payment run").click()
    page.get_by_label("Month", exact=True).fill("3")
    page.get_by_label("Year", exact=True).fill("2026")
    page.get_by_role("button", name="Draft the run").click()
    assert "Mileage, 40.0 miles at £0.45 a mile on 9 March 2026" in page.locator("main").inner_text()
    march = PaymentRun.objects.get(period=date(2026, 3, 1))
    staff(manager)
    page.goto(reverse("payments:run_detail", args=[march.pk]))
    page.get_by_role("link", name="Approve the run").click()
    page.get_by_role("button", name="Approve the run").click()
    staff(officer)
    page.goto(reverse("payments:run_detail", args=[march.pk]))
    page.get_by_role("link", name="Commit the run").click()
    page.get_by_role("button", name="Commit the run").click()
    assert "committed" in page.locator(".govuk-notification-banner").inner_text()

    # the carer sees the claim paid, as its own line of March's statement
    carer_signs_in()
    page.get_by_role("navigation").get_by_role("link", name="Money").click()
    page.get_by_role("link", name="Your expense claims").click()
    claims = page.locator("main").inner_text()
    assert "Paid" in claims and "In the payment for March 2026" in claims
    page.get_by_role("link", name="Your statements").click()
    page.get_by_role("link", name="Statement for March 2026").click()
    lines = page.locator("#statement-lines").inner_text()
    assert "Mileage, 40.0 miles at £0.45 a mile on 9 March 2026: Taking Amy to see her grandmother" in lines
    assert "£18.00" in lines
    check("statement with the claim")
    assert not failures, failures
