"""Finding a record in a real browser: a duty worker types a child's name into the header's search box,
submits, and opens the child from the results. The results page (and its refusal of a search too long)
passes axe at 1280 px and at a phone's 375 px."""

from __future__ import annotations

import pytest
from django.urls import reverse

from fostering.accounts.roles import Role
from fostering.audit.models import AuditEvent
from tests import builders

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_duty_worker_finds_a_child_from_the_header_and_opens_the_record(page, sign_in, axe):
    council = builders.organisation()
    worker = builders.staff(council, Role.DUTY_WORKER, first_name="Dana", last_name="Duty")
    child = builders.child(council, first_name="Samiullah", last_name="Hakimi")
    builders.child(council, first_name="Ruby", last_name="Okafor")
    builders.approved_household(council, name="Hakimi household")
    failures: dict[str, list[dict]] = {}

    def check(name: str) -> None:
        for width in (1280, 375):
            page.set_viewport_size({"width": width, "height": 900})
            if violations := axe(page):
                failures[f"{name} at {width} px"] = violations
        page.set_viewport_size({"width": 1280, "height": 900})

    sign_in(page, worker)
    page.goto(reverse("mywork:home"))
    box = page.locator("header").get_by_role("searchbox", name="Search for a child, person, household")
    box.fill("Samiullah Hakimi")
    page.locator("header").get_by_role("button", name="Search").click()
    page.wait_for_url("**/search/?q=*")
    children = page.get_by_role("region", name="Children (1)")
    assert children.get_by_role("link", name="Samiullah Hakimi").is_visible()
    assert "Ruby Okafor" not in page.locator("main").inner_text()
    check("search results")
    children.get_by_role("link", name="Samiullah Hakimi").click()
    page.wait_for_url(f"**{reverse('children:detail', args=[child.pk])}")
    assert "Samiullah Hakimi" in page.locator("h1").inner_text()
    assert AuditEvent.objects.filter(verb="searched", changes__children=[child.pk]).count() == 1
    # a search far too long is refused beside the field
    page.locator("header").get_by_role("searchbox").fill("x" * 500)
    page.locator("header").get_by_role("button", name="Search").click()
    page.wait_for_url("**/search/?q=x*")
    assert "Search for at most 100 characters" in page.locator(".govuk-error-message").inner_text()
    check("search refused")
    assert failures == {}
