"""A household's status read with its places, in a real browser. A service manager sees on the
households list that a household recorded as available has its only place filled, opens it, follows
"Change" beside the status and records it as full; the list then reads "Full" with nothing to check. The
pages on the way pass axe at 1280 px and at 375 px."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from fostering.accounts.roles import Role
from fostering.core.clock import today
from tests import builders
from tests.browser.test_move_from_match import _axe_both_widths
from tests.browser.test_placements import fill_date

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_worker_sees_a_status_the_places_contradict_and_corrects_it(page, sign_in, axe):
    council = builders.organisation()
    manager = builders.staff(council, Role.SERVICE_MANAGER, first_name="Sam", last_name="Manager")
    on = today()
    home = builders.approved_household(
        council, name="Patel household", number_of_children=1, sibling_group_max=1
    )
    child = builders.child(council, first_name="Ruby", last_name="Vale")
    builders.in_care(child, started_on=on - timedelta(days=40))
    builders.placement(child, home, started_on=on - timedelta(days=30))
    failures: dict[str, list[dict]] = {}

    sign_in(page, manager)
    page.goto(reverse("households:list"))
    row = page.get_by_role("row").filter(has_text="Patel household")
    assert "Available, but its place is filled" in row.inner_text() and "Check the status" in row.inner_text()
    _axe_both_widths(page, axe, "households list", failures)

    row.get_by_role("link", name="Patel household").click()
    status = page.locator("#household-status")
    assert status.inner_text().startswith("Available, but its place is filled")
    assert page.locator("#household-places").inner_text() == "1 approved: 1 filled, 0 vacant"
    _axe_both_widths(page, axe, "household", failures)

    page.get_by_role("link", name="Change the status").first.click()
    page.get_by_label("Full").check()
    fill_date(page, "From", on)
    page.get_by_role("button", name="Change the status").click()
    assert "The status has been changed" in page.locator(".govuk-notification-banner").inner_text()
    assert page.locator("#household-status").inner_text() == "Full"

    page.goto(reverse("households:list"))
    row = page.get_by_role("row").filter(has_text="Patel household")
    assert "Full" in row.inner_text() and "Check the status" not in row.inner_text()
    assert failures == {}
