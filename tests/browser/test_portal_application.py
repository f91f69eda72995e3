"""An applicant's application form in a real browser: the assessing social worker invites the applicant from
the assessment's page, the emailed link sets a password, the applicant fills in their GP's details and sends
the section, and the social worker reads what was sent. Every portal page passes axe at 1280 px and 375 px
and does not scroll sideways on a phone."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse

from fostering.accounts.roles import Role
from fostering.assessments.tests import factories
from tests import builders

pytestmark = pytest.mark.django_db(transaction=True)


def _check(page, axe, name: str, failures: dict[str, list[dict]]) -> None:
    for width, height in ((1280, 900), (375, 800)):
        page.set_viewport_size({"width": width, "height": height})
        if violations := axe(page):
            failures[f"{name} at {width} px"] = violations
        if width == 375 and page.evaluate("document.documentElement.scrollWidth") > 375:
            failures[f"{name} at 375 px"] = [{"id": "scrolls sideways"}]
    page.set_viewport_size({"width": 1280, "height": 900})


def test_an_invited_applicant_sends_a_section_that_the_social_worker_reads(page, sign_in, axe):
    council = builders.organisation()
    worker = builders.staff(council, Role.ASSESSING_SOCIAL_WORKER, first_name="Asha", last_name="Khan")
    assessment = factories.application(council, worker=worker, name="Patel household")
    failures: dict[str, list[dict]] = {}

    # the social worker invites the applicant from the assessment's page
    sign_in(page, worker)
    page.goto(reverse("assessments:detail", args=[assessment.pk]))
    page.get_by_role("link", name=re.compile("sign-ins to the portal")).click()
    page.get_by_label("Email address").fill("priya.patel@example.org")
    page.get_by_role("button", name="Send the invitation").click()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["priya.patel@example.org"]
    link = re.search(r"https?://\S+/my/invitation/\S+/", str(mail.outbox[0].body))
    assert link, mail.outbox[0].body

    # the applicant follows the link and chooses a password
    page.context.clear_cookies()
    page.goto(re.sub(r"^https?://[^/]+", "", link[0]))
    page.get_by_label("Choose a password").fill("a long applicant passphrase")
    page.get_by_label("Type the password again").fill("a long applicant passphrase")
    page.get_by_role("button", name="Set my password").click()
    assert "You have sent 0 of 10 sections" in page.locator("main").inner_text(), page.locator(
        "body"
    ).inner_text()
    _check(page, axe, "applicant home", failures)

    page.get_by_role("link", name="Your application", exact=True).first.click()
    assert page.locator("h1").inner_text() == "Your application form"
    _check(page, axe, "task list", failures)

    page.get_by_role("link", name="Address history").click()
    _check(page, axe, "address history", failures)
    page.get_by_role("link", name="Back to your application form").click()
    page.get_by_role("link", name="Documents").click()
    _check(page, axe, "documents", failures)
    page.get_by_role("link", name="Back to your application form").click()

    page.get_by_role("link", name="Your GP").click()
    page.get_by_label("GP practice name").fill("Riverside Surgery")
    page.get_by_role("button", name="Send this section").click()
    # incomplete: refused with the missing answers named
    assert "There is a problem" in page.content()
    assert page.locator(".govuk-error-summary").get_by_text("Enter practice address").is_visible()
    _check(page, axe, "GP refused", failures)
    page.get_by_label("Practice address").fill("1 River Lane, Leeds")
    page.get_by_label("Practice phone number").fill("0113 000 0000")
    page.get_by_role("button", name="Send this section").click()
    assert "Your GP has been sent to your social worker" in page.content()
    assert page.locator("#status-gp").inner_text().strip() == "Sent"

    # the social worker reads it from the assessment's page
    page.context.clear_cookies()
    sign_in(page, worker)
    page.goto(reverse("assessments:detail", args=[assessment.pk]))
    page.get_by_role("link", name="What the applicants sent").click()
    page.get_by_role("link", name="Your GP").click()
    summary = page.locator(".govuk-summary-list").inner_text()
    assert "Riverside Surgery" in summary and "1 River Lane, Leeds" in summary
    assert page.get_by_role("link", name="Ask for a change").is_visible()

    assert not failures, failures
