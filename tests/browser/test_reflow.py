"""Reflow (WCAG 1.4.10): at a phone's width no page of the service scrolls sideways.

Every page of the access matrix is opened at 375 px wide, and a sample of them at 320 px; the page must be
no wider than the window. Wide tables scroll inside their own focusable box instead (static/tables.js).
axe-core runs at 375 px on one page of each part of the service.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from fostering.accounts.roles import Role
from fostering.recruitment.tests import factories as recruitment_factories
from tests import builders
from tests.test_access import PUBLIC_PAGES, build_council, signed_in_urls

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = 375
NARROWEST = 320
# every how many pages one is also opened at 320 px (and always My work and the households list)
SAMPLE_EVERY = 6
PAGE_WIDTH = "() => document.documentElement.scrollWidth"


def _part_of_service(url: str) -> str:
    return url.strip("/").split("/")[0]


def test_no_page_scrolls_sideways_on_a_phone(page, sign_in, axe):
    own = build_council(builders.organisation())
    council, manager = own.organisation, own.staff[Role.SERVICE_MANAGER]
    recruitment_factories.source(council)
    public = [reverse(name, args=[council.code]) for name in sorted(PUBLIC_PAGES)]
    signed_in = signed_in_urls(own.records)
    narrowest = {reverse("mywork:home"), reverse("households:list"), *public, *signed_in[::SAMPLE_EVERY]}

    too_wide: dict[str, int] = {}
    axe_failures: dict[str, list[dict]] = {}
    one_of_each_part: dict[str, str] = {}
    page.set_viewport_size({"width": PHONE, "height": 800})
    for url in public:
        page.goto(url)
        if (width := page.evaluate(PAGE_WIDTH)) > PHONE:
            too_wide[f"{url} at {PHONE} px"] = width
    sign_in(page, manager)
    for url in signed_in:
        response = page.goto(url)
        assert response.status == 200, url
        if (width := page.evaluate(PAGE_WIDTH)) > PHONE:
            too_wide[f"{url} at {PHONE} px"] = width
        first_of_its_part = one_of_each_part.setdefault(_part_of_service(url), url) == url
        if first_of_its_part and (violations := axe(page)):
            axe_failures[url] = violations
    page.set_viewport_size({"width": NARROWEST, "height": 800})
    for url in sorted(narrowest):
        page.goto(url)
        if (width := page.evaluate(PAGE_WIDTH)) > NARROWEST:
            too_wide[f"{url} at {NARROWEST} px"] = width

    assert len(one_of_each_part) >= 10, one_of_each_part
    assert too_wide == {}, "pages wider than the window (px): " + ", ".join(
        f"{url}: {width}" for url, width in sorted(too_wide.items())
    )
    assert axe_failures == {}


def test_a_wide_table_scrolls_in_a_named_region_a_keyboard_can_reach(page, sign_in):
    own = build_council(builders.organisation())
    sign_in(page, own.staff[Role.SERVICE_MANAGER])
    page.set_viewport_size({"width": PHONE, "height": 800})
    page.goto(reverse("households:list"))
    region = page.locator("main .app-table-wrapper").first
    assert region.get_attribute("role") == "region"
    assert region.get_attribute("tabindex") == "0"
    assert region.get_attribute("aria-label")
    assert region.locator("table.govuk-table").count() == 1
    # the table is wider than its box, and the box scrolls with the keyboard
    assert region.evaluate("box => box.scrollWidth > box.clientWidth")
    region.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("End")
    # the browser scrolls smoothly: wait for the box to have moved rather than read it at once
    page.wait_for_function("box => box.scrollLeft > 0", arg=region.element_handle())
    # the Status column can be reached
    status = region.locator("th", has_text="Status")
    status.scroll_into_view_if_needed()
    assert status.is_visible()
    assert page.evaluate(PAGE_WIDTH) <= PHONE
