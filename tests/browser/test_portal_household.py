"""A carer's household part of the portal in a real browser. The training co-ordinator publishes a course; a
carer signs in through the sign-in page, gives their views for the annual review, and books a place on the
course; the reviewing officer then sees the carer's views on the household's page. Every portal page on the
way passes axe at 1280 px and at 375 px, and none scrolls sideways on a phone."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse

from fostering.accounts.roles import Role
from fostering.core.clock import today
from fostering.households.models import CourseBooking, ReviewView
from fostering.portal.tests.factories import PASSWORD, signed_up
from tests import builders
from tests.browser.test_placements import fill_date

pytestmark = pytest.mark.django_db(transaction=True)


def _check_both_widths(page, axe, name: str, failures: dict[str, list[dict]]) -> None:
    for width, height in ((1280, 900), (375, 800)):
        page.set_viewport_size({"width": width, "height": height})
        if violations := axe(page):
            failures[f"{name} at {width} px"] = violations
        if width == 375:
            scrolls = page.evaluate("() => document.documentElement.scrollWidth > window.innerWidth")
            if scrolls:
                failures[f"{name} at 375 px"] = [{"id": "scrolls sideways"}]
    page.set_viewport_size({"width": 1280, "height": 900})


def test_a_carer_gives_views_for_the_review_and_books_a_published_course(page, sign_in, axe):
    council = builders.organisation()
    coordinator = builders.staff(council, Role.TRAINING_COORDINATOR, first_name="Tia", last_name="Train")
    officer = builders.staff(council, Role.REVIEWING_OFFICER, first_name="Rita", last_name="Review")
    fh = builders.approved_household(council, name="Okafor household", approved_on=date(2024, 1, 10))
    carer, access = signed_up(fh)
    on = today() + timedelta(days=14)
    failures: dict[str, list[dict]] = {}

    # the training co-ordinator publishes a course of two places
    sign_in(page, coordinator)
    page.goto(reverse("households:courses"))
    _check_both_widths(page, axe, "courses", failures)
    page.get_by_role("link", name="Publish a course").click()
    _check_both_widths(page, axe, "publish a course", failures)
    page.get_by_label("Title").fill("Caring for children who have experienced trauma")
    fill_date(page, "Date of the course", on)
    page.get_by_label("Start time").fill("10:00")
    page.get_by_label("Venue (leave empty when online)").fill("County Hall, room 2")
    page.get_by_label("Number of places").fill("2")
    page.get_by_label("Hours").fill("3")
    page.get_by_role("button", name="Publish the course").click()
    assert "The course has been published" in page.locator(".govuk-notification-banner").inner_text()
    _check_both_widths(page, axe, "course (staff)", failures)
    course_page = page.url
    page.context.clear_cookies()

    # the carer signs in through the sign-in page and opens their review from the menu
    page.goto(reverse("accounts:login"))
    page.get_by_label("Username").fill(access.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/my/")
    _check_both_widths(page, axe, "portal home", failures)
    page.get_by_role("link", name="Review", exact=True).click()
    assert page.locator("h1").inner_text() == "Your household review"
    assert "10 January 2025" in page.locator("#review-due").inner_text()
    _check_both_widths(page, axe, "review", failures)
    page.get_by_role("button", name="Send your views").click()
    assert "Enter your views" in page.locator(".govuk-error-summary").inner_text()
    _check_both_widths(page, axe, "review (with errors)", failures)
    page.get_by_label("Your views for the review").fill("The year went well. We would like more respite.")
    page.get_by_role("button", name="Send your views").click()
    assert (
        "your views will be part of your next review"
        in page.locator(".govuk-notification-banner").inner_text()
    )
    assert ReviewView.objects.get(fostering_household=fh, review__isnull=True).source == "carer"

    # and books a place on the course
    page.get_by_role("link", name="Training", exact=True).click()
    assert "2 places left" in page.locator("#courses").inner_text()
    _check_both_widths(page, axe, "training", failures)
    page.get_by_role("link", name="Caring for children who have experienced trauma").click()
    _check_both_widths(page, axe, "course", failures)
    page.get_by_role("button", name="Book a place").click()
    assert "Your place is booked" in page.locator(".govuk-notification-banner").inner_text()
    assert "1 of 2" in page.locator("#places-left").inner_text()
    assert CourseBooking.objects.get().status == "booked"
    _check_both_widths(page, axe, "course (booked)", failures)
    page.get_by_role("link", name="Home", exact=True).click()
    assert "Caring for children who have experienced trauma" in page.locator("#next-course").inner_text()
    page.context.clear_cookies()

    # the co-ordinator sees the carer booked on the course
    sign_in(page, coordinator)
    page.goto(course_page)
    assert carer.get_full_name() in page.locator("#booked").inner_text()
    assert "1 of 2 taken" in page.locator("#places").inner_text()
    _check_both_widths(page, axe, "course with a booking (staff)", failures)
    page.context.clear_cookies()

    # the reviewing officer sees the carer's views on the household's page
    sign_in(page, officer)
    page.goto(reverse("households:detail", args=[fh.pk]))
    waiting = page.locator("#views-waiting").inner_text()
    assert "We would like more respite" in waiting and carer.get_full_name() in waiting
    assert not failures, failures
