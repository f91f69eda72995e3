"""From the public enquiry form to the decision to progress, in a real browser."""

from __future__ import annotations

import pytest

from fostering.accounts.roles import Role
from fostering.core import clock
from fostering.deadlines.calendar import to_london
from fostering.recruitment.models import Enquiry
from fostering.recruitment.tests import factories
from tests import builders

pytestmark = pytest.mark.django_db(transaction=True)


def fill_date(page, name: str, on) -> None:
    page.locator(f'[name="{name}_0"]').fill(str(on.day))
    page.locator(f'[name="{name}_1"]').fill(str(on.month))
    page.locator(f'[name="{name}_2"]').fill(str(on.year))


def test_an_enquiry_from_the_public_form_to_a_decision_to_progress(page, sign_in, axe, settings):
    settings.FOSTERING_ENQUIRY_MIN_SECONDS = 0
    council = builders.organisation()
    factories.source(council, "Local radio")
    manager = builders.staff(council, Role.SERVICE_MANAGER, first_name="Morgan", last_name="Manager")

    # someone thinking of fostering asks, without signing in
    page.goto(f"/recruitment/enquire/{council.code}/")
    page.get_by_label("First name").fill("Jordan")
    page.get_by_label("Last name").fill("Lee")
    page.get_by_label("Email address").fill("jordan.lee@example.com")
    page.get_by_label("How did you hear about fostering with us? (optional)").select_option(
        label="Local radio"
    )
    page.get_by_label("I'm happy to be kept in touch").check()
    page.get_by_role("button", name="Send my enquiry").click()
    assert page.locator("h1").inner_text() == "Thank you for your enquiry"
    enquiry = Enquiry.objects.get()
    assert (enquiry.channel, enquiry.source.name, enquiry.stage) == ("web", "Local radio", "new")

    # the recruitment team sees it awaiting a response and responds
    sign_in(page, manager)
    page.goto("/recruitment/?response=awaiting")
    page.get_by_role("link", name="Jordan Lee").click()
    assert axe(page) == []
    page.get_by_role("link", name="Record the response").click()
    now = to_london(clock.now())
    fill_date(page, "responded_on", now.date())
    page.get_by_label("Time of the response").fill(now.strftime("%H:%M"))
    page.get_by_label("Phone", exact=True).check()
    page.get_by_role("button", name="Record the response").click()
    assert "The response has been recorded" in page.locator(".govuk-notification-banner").inner_text()

    # the screening call, then the offer of an initial visit
    today = now.date()
    page.get_by_role("link", name="Record the screening call").click()
    fill_date(page, "called_on", today)
    page.get_by_label("Offer an initial visit").check()
    page.get_by_role("button", name="Record the screening call").click()
    page.get_by_role("link", name="Offer an initial visit").click()
    fill_date(page, "offered_on", today)
    page.get_by_label("Worker who will visit").select_option(label="Morgan Manager")
    page.get_by_role("button", name="Record the offer").click()

    # the visit and its record
    page.get_by_role("link", name="Record the initial visit").click()
    fill_date(page, "visited_on", today)
    fill_date(page, "record_written_on", today)
    page.get_by_role("button", name="Record the visit").click()

    # the weekly meeting lists it; a decision dated before the visit is refused beside the field
    page.goto("/recruitment/decisions/")
    assert axe(page) == []
    page.get_by_role("link", name="Jordan Lee").click()
    page.get_by_role("link", name="Record the decision to progress").click()
    page.get_by_label("Progress to assessment").check()
    fill_date(page, "decided_on", today.replace(year=today.year - 1))
    page.get_by_label("Reasons").fill("Clear motivation; a spare room; support from family")
    page.get_by_role("button", name="Record the decision").click()
    assert "The decision cannot be before the visit" in page.locator(".govuk-error-summary").inner_text()
    assert axe(page) == []
    fill_date(page, "decided_on", today)
    fill_date(page, "feedback_given_on", today)
    page.get_by_role("button", name="Record the decision").click()
    assert "Decided: progress to assessment" in page.locator("h1").inner_text()

    enquiry.refresh_from_db()
    assert enquiry.stage == "progressed"
    assert list(enquiry.stage_changes.values_list("to_stage", flat=True)) == [
        "new",
        "responded",
        "screening",
        "initial_visit",
        "progressed",
    ]
