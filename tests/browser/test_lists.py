"""Long lists in a real browser: a supervising social worker opens My work's next-30-days group; a manager
pages through the children in care, switches to all children, and finds an enquiry by name. Every list page
changed passes axe at 1280 px and at 375 px."""

from __future__ import annotations

import pytest
from django.urls import reverse

from fostering.accounts.roles import Role
from fostering.recruitment.tests import factories as recruitment
from tests import builders

pytestmark = pytest.mark.django_db(transaction=True)

LIST_PAGES = [
    "children:list",
    "people:list",
    "households:list",
    "households:retention",
    "placements:vacancies",
    "placements:referral_list",
    "recruitment:enquiry_list",
    "assessments:list",
    "mywork:home",
]


def test_lists_page_filter_and_search_by_clicking(page, sign_in, axe):
    council = builders.organisation()
    manager = builders.staff(council, Role.SERVICE_MANAGER)
    ssw = builders.staff(council, Role.SUPERVISING_SOCIAL_WORKER)
    builders.approved_household(council, name="Okafor household", ssw=ssw)
    for _ in range(52):
        builders.in_care(builders.child(council))
    builders.child(council, first_name="Nora", last_name="Leftcare")
    recruitment.enquiry(council, first_name="Dana", last_name="Quill")
    recruitment.enquiry(council, first_name="Eli", last_name="Marsh")
    failures: dict[str, list[dict]] = {}

    # the supervising social worker's overdue items are shown; the next 30 days open with a click
    sign_in(page, ssw)
    page.goto(reverse("mywork:home"))
    soon = page.locator("details#soon")
    assert soon.get_attribute("open") is None
    soon.locator("summary").click()
    assert soon.get_attribute("open") is not None
    assert soon.locator(".govuk-details__text").is_visible()

    page.context.clear_cookies()
    sign_in(page, manager)
    page.goto(reverse("children:list"))
    assert page.locator("caption").inner_text() == "52 children"
    assert page.get_by_role("link", name="Leftcare").count() == 0
    page.get_by_role("link", name="Next page").click()
    assert page.locator('.govuk-pagination [aria-current="page"]').inner_text() == "2"
    assert page.locator("tbody tr").count() == 2

    page.get_by_label("Show").select_option(label="All children")
    page.get_by_role("button", name="Show").click()
    assert page.locator("caption").inner_text() == "53 children"
    page.get_by_role("link", name="Page 2", exact=True).click()
    assert page.get_by_role("link", name="Nora Leftcare").is_visible()

    page.goto(reverse("recruitment:enquiry_list"))
    page.get_by_label("Search by name").fill("quill")
    page.get_by_role("button", name="Show").click()
    assert page.get_by_role("link", name="Dana Quill").is_visible()
    assert page.get_by_role("link", name="Eli Marsh").count() == 0

    for url_name in LIST_PAGES:
        signed_in = ssw if url_name == "mywork:home" else manager
        page.context.clear_cookies()
        sign_in(page, signed_in)
        for width in (1280, 375):
            page.set_viewport_size({"width": width, "height": 900})
            response = page.goto(reverse(url_name))
            assert response.status == 200, url_name
            if violations := axe(page):
                failures[f"{url_name} at {width}px"] = violations
    assert failures == {}
