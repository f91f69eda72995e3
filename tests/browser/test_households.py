"""The life of an approved household in a real browser: a reviewing officer records an annual review (a date
before the approval is refused beside the field) and the views gathered for it; a supervising social worker
records an allegation that puts the household on hold. Every page and error state passes axe."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse

from fostering.accounts.roles import Role
from fostering.concerns.models import Allegation
from fostering.core.clock import today
from fostering.households.models import HouseholdReview
from tests import builders

pytestmark = pytest.mark.django_db(transaction=True)


def fill_date(page, group: str, on: date) -> None:
    fieldset = page.get_by_role("group", name=group)
    fieldset.get_by_label("Day").fill(str(on.day))
    fieldset.get_by_label("Month").fill(str(on.month))
    fieldset.get_by_label("Year").fill(str(on.year))


def test_a_reviewing_officer_records_a_review_with_views(page, sign_in, axe):
    council = builders.organisation()
    officer = builders.staff(council, Role.REVIEWING_OFFICER, first_name="Rita", last_name="Reviewer")
    approved = today() - timedelta(days=360)
    fh = builders.approved_household(council, name="Okafor household", approved_on=approved)
    failures: dict[str, list[dict]] = {}

    def check(name: str) -> None:
        if violations := axe(page):
            failures[name] = violations

    sign_in(page, officer)
    page.goto(reverse("households:detail", args=[fh.pk]))
    check("detail")
    page.get_by_role("link", name="Record a review").click()
    # a review dated before the approval is refused beside the field, and nothing is saved
    fill_date(page, "Date of the review", approved - timedelta(days=1))
    page.get_by_label("First annual review (goes to panel)").check()
    page.get_by_label("Continue approval on the same terms").check()
    page.get_by_role("button", name="Record the review").click()
    message = (
        f"The review date must not be before the household was approved ({approved.day} {approved:%B %Y})"
    )
    assert message in page.locator(".govuk-error-summary").inner_text()
    assert message in page.locator(".govuk-error-message").first.inner_text()
    assert HouseholdReview.objects.count() == 0
    check("review (with errors)")
    # with a good date the review is recorded and needs panel
    held = today() - timedelta(days=3)
    fill_date(page, "Date of the review", held)
    page.get_by_role("button", name="Record the review").click()
    assert "The review has been recorded" in page.locator(".govuk-notification-banner").inner_text()
    assert "Needs panel" in page.locator("main").inner_text()
    page.get_by_role("link", name=f"{held.day} {held:%B %Y}: First annual review (goes to panel)").click()
    check("review detail")
    # the views of a child placed
    page.get_by_role("link", name="Record views").click()
    page.get_by_role("button", name="Record the views").click()
    assert "Enter a summary of their views" in page.locator(".govuk-error-summary").inner_text()
    check("views (with errors)")
    page.get_by_label("A child placed with the carers").check()
    page.get_by_label("Name of the person").fill("Amy (aged 11)")
    fill_date(page, "Date the views were given", held - timedelta(days=7))
    page.get_by_label("Their views").fill("Likes living here and feels safe.")
    page.get_by_role("button", name="Record the views").click()
    assert "The views have been recorded" in page.locator(".govuk-notification-banner").inner_text()
    assert "Likes living here and feels safe." in page.locator("main").inner_text()
    review = HouseholdReview.objects.get()
    assert (review.kind, review.needs_panel, review.reviewing_officer) == ("first", True, officer)
    assert review.views.get().given_by == "Amy (aged 11)"
    assert failures == {}


def test_an_ssw_records_an_allegation_that_puts_the_household_on_hold(page, sign_in, axe):
    council = builders.organisation()
    ssw = builders.staff(council, Role.SUPERVISING_SOCIAL_WORKER, first_name="Sam", last_name="Social")
    fh = builders.approved_household(council, name="Nowak household", approved_on=date(2024, 1, 10), ssw=ssw)
    failures: dict[str, list[dict]] = {}

    def check(name: str) -> None:
        if violations := axe(page):
            failures[name] = violations

    sign_in(page, ssw)
    page.goto(reverse("households:detail", args=[fh.pk]))
    page.get_by_role("link", name="Record an allegation").click()
    page.get_by_role("button", name="Record the allegation").click()
    assert "Enter what the allegation is about" in page.locator(".govuk-error-summary").inner_text()
    check("allegation (with errors)")
    received = today() - timedelta(days=1)
    fill_date(page, "Date received", received)
    page.get_by_label("What is alleged").fill("A young person said a carer pushed them.")
    page.get_by_role("button", name="Record the allegation").click()
    assert "The allegation has been recorded" in page.locator(".govuk-notification-banner").inner_text()
    assert "On hold" in page.locator(".govuk-caption-l").inner_text()
    check("allegation detail")
    page.get_by_role("link", name="Record the LADO referral, meetings and support").click()
    page.get_by_role("button", name="Save").click()
    assert "Enter the day, month and year" in page.locator(".govuk-error-summary").inner_text()
    check("allegation progress (with errors)")
    fill_date(page, "Referred to the LADO on", received)
    page.get_by_role("button", name="Save").click()
    assert "The allegation has been updated" in page.locator(".govuk-notification-banner").inner_text()
    fh.refresh_from_db()
    assert fh.status == "on_hold"
    assert Allegation.objects.get().lado_referred_on == received
    page.goto(reverse("households:retention"))
    assert f"Open allegation, received {received.day} {received:%B %Y}" in page.locator("main").inner_text()
    check("at risk")
    assert failures == {}
