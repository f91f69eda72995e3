"""A service manager opens the dashboard from Reports, sees the indicators with their targets and RAG,
follows a red one to the records it counted, opens one of them, and downloads the scrutiny pack as a
spreadsheet and as a PDF. The dashboard draws its charts with no content security policy violation, and
every page passes axe at 1280 px and at 375 px without scrolling sideways."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from io import BytesIO
from pathlib import Path

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from fostering.accounts.roles import Role
from fostering.core import clock
from fostering.indicators.periods import Month
from fostering.indicators.services import period_close, target_set
from tests import builders
from tests.browser.conftest import csp_violations

pytestmark = pytest.mark.django_db(transaction=True)


def _check(page, axe, name: str, failures: dict[str, list]) -> None:
    for width, height in ((1280, 900), (375, 800)):
        page.set_viewport_size({"width": width, "height": height})
        if violations := axe(page):
            failures[f"{name} at {width} px"] = violations
        if width == 375:
            wide = page.evaluate("document.documentElement.scrollWidth")
            culprits = page.evaluate(
                "[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 375)"
                ".slice(0, 8).map(e => e.tagName + '.' + e.className + ' ' + e.getBoundingClientRect().right)"
            )
            assert wide <= 375, f"{name} is {wide} px wide at 375 px: {culprits}"
    page.set_viewport_size({"width": 1280, "height": 900})


def test_a_manager_follows_a_red_indicator_to_its_records_and_downloads_the_pack(page, sign_in, axe):
    council = builders.organisation()
    manager = builders.staff(council, Role.SERVICE_MANAGER)
    household = builders.approved_household(council, name="Quorn household", approved_on=date(2020, 5, 1))
    builders.approved_household(council, name="Rothley household", approved_on=date(2021, 5, 1))
    child = builders.child(council, first_name="Priya", last_name="Shah", date_of_birth=date(2014, 3, 3))
    builders.in_care(child, started_on=date(2025, 6, 1))
    builders.placement(child, household, started_on=date(2025, 6, 2))
    quarter = Month.of(clock.today()).shift(-1)
    while not quarter.is_quarter_end:
        quarter = quarter.shift(-1)
    year = quarter.financial_year_end
    target_set(organisation=council, code="FOS15", year=year, comparison=">=", value=Decimal("75"), by=None)
    for k in (3, 0):
        period_close(organisation=council, month=quarter.shift(-k), by=None)
    failures: dict[str, list] = {}

    sign_in(page, manager)
    page.goto(reverse("mywork:home"))
    page.get_by_role("link", name="Reports").first.click()
    page.get_by_role("link", name="How the service is doing").click()
    assert page.locator("h1").inner_text() == "How the service is doing"
    page.locator("[data-chart='FOS15-chart'] svg").wait_for()
    assert not csp_violations(page)
    _check(page, axe, "dashboard", failures)

    # 1 child in 4 places: 25% against a target of 75% is red; its figure opens the records counted
    row = page.locator("tr[data-indicator='FOS15']")
    assert row.locator("[data-rag='red']").count() == 1
    row.locator("a[data-figure]").click()
    assert page.locator("[data-value]").inner_text() == "25%"
    _check(page, axe, "figure", failures)
    page.locator("[data-numerator-records]").get_by_role("link", name="Priya Shah").click()
    assert "Priya Shah" in page.locator("h1").inner_text()

    page.go_back()
    page.get_by_role("link", name="How the service is doing").click()
    page.get_by_role("link", name="The quarterly performance pack to scrutiny").click()
    assert "quarter ending" in page.locator("h1").inner_text()
    _check(page, axe, "pack", failures)
    with page.expect_download() as spreadsheet:
        page.locator("[data-download='xlsx']").click()
    sheet = load_workbook(BytesIO(Path(spreadsheet.value.path()).read_bytes())).active
    rows = {r[2]: r for r in sheet.iter_rows(min_row=3, values_only=True)}
    assert rows["Use of in-house places"][9] == "25%"
    # the PDF is made in the background; the job's page offers it when it is done
    page.locator("[data-make='pdf']").click(timeout=60_000)
    assert page.locator("[data-job-status]").inner_text() == "Done"
    _check(page, axe, "the pack's job", failures)
    with page.expect_download() as pdf:
        page.get_by_role("link", name="Download the pack (PDF)").click()
    assert Path(pdf.value.path()).read_bytes().startswith(b"%PDF")
    assert not failures, failures
