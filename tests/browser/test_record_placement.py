"""Recording a placement that overlaps one already recorded, in a real browser. A duty worker opens a child's
care record, records a placement from a day the last one had not yet ended, and is refused beside the date
with the way on: the page links to the child's placements. With the right date the placement is recorded.
The form page passes axe at 1280 px and at 375 px, with its errors."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from fostering.accounts.roles import Role
from fostering.core.clock import today
from fostering.placements.models import Placement
from fostering.placements.services import placement_end
from tests import builders
from tests.browser.test_move_from_match import _axe_both_widths
from tests.browser.test_placements import fill_date

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_overlapping_placement_is_refused_with_a_link_to_the_childs_placements(page, sign_in, axe):
    council = builders.organisation()
    duty = builders.staff(council, Role.DUTY_WORKER, first_name="Dee", last_name="Duty")
    on = today()
    child = builders.child(council, first_name="Ruby", last_name="Vale")
    builders.in_care(child, started_on=on - timedelta(days=60))
    patel = builders.approved_household(council, name="Patel household")
    okafor = builders.approved_household(council, name="Okafor household")
    before = builders.placement(child, patel, started_on=on - timedelta(days=50))
    placement_end(placement=before, ended_on=on - timedelta(days=10), reason_place_change="CARPL", by=None)
    failures: dict[str, list[dict]] = {}

    sign_in(page, duty)
    page.goto(reverse("children:care", args=[child.pk]))
    page.get_by_role("link", name="Record a placement").click()
    assert page.locator("#current-placement").inner_text() == "No current placement"
    fill_date(page, "Date the child moved in", on - timedelta(days=20))
    page.get_by_label("Placement type").select_option(label="Short-term")
    page.get_by_label("One of our households").select_option(label=str(okafor))
    page.get_by_role("button", name="Record the placement").click()
    assert "Ruby Vale already has a placement from" in page.locator(".govuk-error-summary").inner_text()
    link = page.locator("#what-to-do").get_by_role("link", name="See Ruby Vale's placements")
    assert link.get_attribute("href") == reverse("children:care", args=[child.pk])
    assert Placement.objects.filter(child=child).count() == 1
    _axe_both_widths(page, axe, "record a placement (with errors)", failures)

    fill_date(page, "Date the child moved in", on)
    page.get_by_role("button", name="Record the placement").click()
    assert "The placement has been recorded" in page.locator(".govuk-notification-banner").inner_text()
    assert Placement.objects.get(child=child, ended_on__isnull=True).fostering_household == okafor
    assert failures == {}
