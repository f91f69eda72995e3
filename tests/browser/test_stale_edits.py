"""Two workers change the same person's details in real browsers: the later save is refused with the
other worker's change shown beside what was entered, and saving again on purpose keeps it. The conflict
page passes axe."""

from __future__ import annotations

import pytest
from django.urls import reverse

from fostering.accounts.roles import Role
from tests import builders

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_later_of_two_edits_of_a_person_is_refused_and_shows_the_other_change(
    page, browser, live_server, sign_in, axe
):
    council = builders.organisation()
    priya = builders.staff(council, Role.SERVICE_MANAGER, first_name="Priya", last_name="Shah")
    tom = builders.staff(council, Role.SERVICE_MANAGER, first_name="Tom", last_name="Reed")
    person = builders.person(council, first_name="Alex", last_name="Morgan", phone="01632 960000")
    url = reverse("people:edit", args=[person.pk])
    other = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    try:
        second = other.new_page()
        sign_in(page, priya)
        sign_in(second, tom)
        page.goto(url)
        second.goto(url)

        page.get_by_label("Phone number (optional)").fill("01632 961111")
        page.get_by_role("button", name="Save").click()
        assert "details have been saved" in page.locator(".govuk-notification-banner").inner_text()

        second.get_by_label("Last name").fill("Morgan-Reed")
        second.get_by_role("button", name="Save").click()
        summary = second.locator(".govuk-error-summary").inner_text()
        assert "Priya Shah changed these details after you opened this page" in summary
        rows = second.locator("main table tbody tr").all_inner_texts()
        assert [row.split("\t") for row in rows] == [
            ["Last name", "Morgan", "Morgan-Reed"],
            ["Phone number (optional)", "01632 961111", "01632 960000"],
        ]
        assert second.get_by_label("Last name").input_value() == "Morgan-Reed"
        person.refresh_from_db()
        assert (person.phone, person.last_name) == ("01632 961111", "Morgan")
        assert axe(second) == []

        # keeping the other worker's phone number, and saving again on purpose
        second.get_by_label("Phone number (optional)").fill("01632 961111")
        second.get_by_role("button", name="Save").click()
        assert "details have been saved" in second.locator(".govuk-notification-banner").inner_text()
        person.refresh_from_db()
        assert (person.phone, person.last_name) == ("01632 961111", "Morgan-Reed")
    finally:
        other.close()
