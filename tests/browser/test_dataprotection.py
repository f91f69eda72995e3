"""Data protection in a real browser: a manager finds an enquiry due for disposal, tries to dispose of it
without confirming, confirms, and sees it in the disposals made. Each page passes axe."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from fostering.accounts.roles import Role
from fostering.dataprotection.models import Disposal
from fostering.dataprotection.tests import factories
from fostering.recruitment.models import Enquiry
from tests import builders

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_manager_disposes_of_an_enquiry_due_after_confirming(page, sign_in, axe, monkeypatch):
    monkeypatch.setattr("fostering.core.clock.today", lambda: date(2026, 11, 23))
    council = builders.organisation()
    enquiry = factories.closed_enquiry(council, last_name="Quarrie", closed_on=date(2024, 4, 1))
    manager = builders.staff(council, Role.SERVICE_MANAGER)
    failures: dict[str, list[dict]] = {}

    def check(name: str) -> None:
        if violations := axe(page):
            failures[name] = violations

    sign_in(page, manager)
    page.goto(reverse("mywork:home"))
    page.get_by_role("link", name="All sections").click()
    page.get_by_role("link", name="Data protection").first.click()
    assert "Closed (closed or withdrawn) on 1 April 2024" in page.locator("main table").inner_text()
    check("due for disposal")
    page.get_by_role("link", name="Enquiry from Alex Quarrie (04/03/2024)").click()
    page.get_by_role("button", name="Dispose of the record").click()
    assert "Confirm the disposal to go ahead" in page.locator(".govuk-error-summary").inner_text()
    check("dispose (with errors)")
    page.get_by_label("I have checked this record is no longer needed").check()
    page.get_by_role("button", name="Dispose of the record").click()
    assert "has been disposed of" in page.locator(".govuk-notification-banner").inner_text()
    assert "No records are due for disposal." in page.locator("main table").inner_text()
    page.get_by_role("link", name="Disposals made").click()
    assert f"Enquiry that went no further {enquiry.pk}: Erase" in page.locator("main table").inner_text()
    check("disposals made")
    assert not Enquiry.objects.filter(pk=enquiry.pk).exists()
    assert Disposal.objects.count() == 2  # the enquiry, and the person nothing else held
    assert failures == {}
