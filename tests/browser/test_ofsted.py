"""A manager opens Reports, the Ofsted dataset for the last financial year, and follows a figure to the
households it counted. Both pages pass axe at 1280 px and at 375 px, and their content keeps within the window."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from fostering.accounts.roles import Role
from fostering.core.clock import today
from fostering.reporting.ofsted_views import latest_ended_year
from tests import builders

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_manager_follows_an_ofsted_figure_to_its_records(page, sign_in, axe):
    council = builders.organisation()
    manager = builders.staff(council, Role.SERVICE_MANAGER)
    year = latest_ended_year(today())
    kept = builders.approved_household(council, name="Patel household", approved_on=date(year - 2, 6, 1))
    new = builders.approved_household(council, name="Okafor household", approved_on=date(year - 1, 9, 1))
    failures: dict[str, list[dict]] = {}

    def axe_both_widths(name: str) -> None:
        for width, height in ((1280, 900), (375, 800)):
            page.set_viewport_size({"width": width, "height": height})
            page.reload()
            if violations := axe(page):
                failures[f"{name} at {width} px"] = violations
            # the content keeps within the window: wide tables scroll in their own box
            main = "() => [document.querySelector('main').scrollWidth, document.querySelector('main').clientWidth]"
            if (sizes := page.evaluate(main))[0] > sizes[1]:
                failures[f"{name} at {width} px: the content is {sizes[0]} px wide in {sizes[1]} px"] = []
        page.set_viewport_size({"width": 1280, "height": 900})

    sign_in(page, manager)
    page.goto(reverse("mywork:home"))
    page.get_by_role("link", name="Reports", exact=True).first.click()
    page.get_by_role("link", name="Ofsted annual fostering data collection").click()
    assert page.locator("h1").inner_text().endswith(f"{year - 1}-{str(year)[-2:]}")
    assert page.locator("[data-checks]").get_attribute("data-checks") == "pass"
    axe_both_widths("dataset")

    figure = page.locator('[data-figure="households_end.all"] a')
    assert figure.inner_text().startswith("2")
    figure.click()
    assert page.locator("h1").inner_text() == f"Households at 31 March {year}: all kinds"
    links = page.locator("[data-record] a")
    assert sorted(links.all_inner_texts()) == sorted([str(new), str(kept)])
    assert links.get_by_text("Okafor household").get_attribute("href") == reverse(
        "households:detail", args=[new.pk]
    )
    axe_both_widths("records")
    assert not failures, failures
