"""Every page of the service, in headless Chromium, has no axe-core violations (WCAG 2.2 AA and best practice)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from fostering.accounts.roles import Role
from fostering.recruitment.tests import factories as recruitment_factories
from tests import builders
from tests.test_access import (
    ADD_PAGES,
    LIST_PAGES,
    OPEN_PAGES,
    PUBLIC_PAGES,
    RECORD_PAGES,
    SEARCH_PAGES,
    build_council,
    page_names,
    signed_in_urls,
)

pytestmark = pytest.mark.django_db(transaction=True)

SIGNED_OUT_PAGES = ["accounts:login", "accounts:password_reset"]
# The pages are checked in shards so that the test workers share them (each shard builds its own council).
SHARDS = 4


def test_the_pages_checked_here_are_every_page_of_the_service():
    assert (
        page_names()
        == set(RECORD_PAGES) | set(LIST_PAGES) | OPEN_PAGES | set(ADD_PAGES) | PUBLIC_PAGES | SEARCH_PAGES
    )


@pytest.mark.parametrize("shard", range(SHARDS))
def test_every_page_has_no_accessibility_violations(shard, page, sign_in, axe, settings):
    # the same records as the access matrix, so a new kind of record is added in one place
    own = build_council(builders.organisation())
    council, manager, records = own.organisation, own.staff[Role.SERVICE_MANAGER], own.records
    recruitment_factories.source(council)
    failures: dict[str, list[dict]] = {}
    if shard == 0:
        failures |= _signed_out_pages(page, axe, settings, council)

    sign_in(page, manager)
    urls = signed_in_urls(records)[shard::SHARDS]
    for url in urls:
        response = page.goto(url)
        assert response.status == 200, url
        assert page.locator("h1").count() == 1, f"{url} needs exactly one h1"
        if violations := axe(page):
            failures[url] = violations
    # error states: each form submitted empty shows its error summary, which must be accessible too
    for url in [u for u in urls if u.endswith(("/add/", "/change/", "/status/", "/terms/"))]:
        page.goto(url)
        for field in page.locator("main form input.govuk-input").all():
            field.fill("")
        with page.expect_navigation():
            page.locator("main form [type=submit]").last.click()
        assert page.locator(".govuk-error-summary").is_visible(), f"{url} shows no error summary"
        if violations := axe(page):
            failures[f"{url} (with errors)"] = violations
    # pages for what is missing or forbidden
    if shard == 0:
        for url in ["/households/999999/", "/admin-not-here/"]:
            page.goto(url)
            if violations := axe(page):
                failures[url] = violations
    assert failures == {}


def _signed_out_pages(page, axe, settings, council) -> dict[str, list[dict]]:
    urls = [reverse(name) for name in SIGNED_OUT_PAGES]
    urls += [reverse(name, args=[council.code]) for name in PUBLIC_PAGES]
    failures: dict[str, list[dict]] = {}
    for url in urls:
        page.goto(url)
        if violations := axe(page):
            failures[url] = violations
    # the public enquiry form's error state (no minimum time to submit here)
    settings.FOSTERING_ENQUIRY_MIN_SECONDS = 0
    page.goto(reverse("recruitment:enquire", args=[council.code]))
    with page.expect_navigation():
        page.locator("main form [type=submit]").last.click()
    assert page.locator(".govuk-error-summary").is_visible(), "the enquiry form shows no error summary"
    if violations := axe(page):
        failures["recruitment:enquire (with errors)"] = violations
    return failures
