"""Two journeys in a real browser. A duty worker opens a referral for a child who is already placed, sees
where the child lives now, chooses one of the ranked households and moves the child in one step from the
match: the child's care record then shows the old placement ended with its reason and the new one current.
A supervising social worker opens their household, sees the child placed there and opens the child's
record. Every page changed on the way passes axe at 1280 px and at 375 px."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from fostering.accounts.roles import Role
from fostering.core.clock import today
from fostering.placements.models import Placement
from tests import builders
from tests.browser.test_placements import fill_date

pytestmark = pytest.mark.django_db(transaction=True)


def _axe_both_widths(page, axe, name: str, failures: dict[str, list[dict]]) -> None:
    for width, height in ((1280, 900), (375, 800)):
        page.set_viewport_size({"width": width, "height": height})
        if violations := axe(page):
            failures[f"{name} at {width} px"] = violations
    page.set_viewport_size({"width": 1280, "height": 900})


def test_a_duty_worker_moves_an_already_placed_child_in_one_step_from_the_match(page, sign_in, axe):
    council = builders.organisation()
    duty = builders.staff(council, Role.DUTY_WORKER, first_name="Dee", last_name="Duty")
    on = today()
    child = builders.child(
        council, first_name="Sami", last_name="Hakimi", date_of_birth=on - timedelta(days=9 * 365 + 40)
    )
    builders.in_care(child, started_on=on - timedelta(days=60))
    patel = builders.approved_household(council, name="Patel household")
    old = builders.placement(child, patel, started_on=on - timedelta(days=50))
    okafor = builders.approved_household(council, name="Okafor household")
    builders.referral(child, referred_on=on - timedelta(days=2), latest_start_on=on + timedelta(days=7))
    failures: dict[str, list[dict]] = {}

    sign_in(page, duty)
    page.goto(reverse("placements:referral_list"))
    page.get_by_role("link", name="Sami Hakimi").click()
    # the referral says where the child lives now, and the ranked households are links to them
    assert page.locator("#current-placement").inner_text().startswith(f"Patel household ({patel.reference})")
    candidate = page.locator("#candidates").get_by_role("link", name=f"Okafor household ({okafor.reference})")
    assert candidate.get_attribute("href") == reverse("households:detail", args=[okafor.pk])
    _axe_both_widths(page, axe, "referral", failures)

    page.get_by_role("link", name="Choose Okafor household").click()
    fill_date(page, "Date of the decision", on)
    page.get_by_label("Information shared with the carers").fill("Referral, care plan and school details")
    fill_date(page, "Date the information was shared", on)
    page.get_by_role("button", name="Record the match").click()
    assert "The match has been recorded" in page.locator(".govuk-notification-banner").inner_text()

    # the match's page offers the move, shows both placements, and asks why the child is moving
    page.get_by_role("link", name="Move the child").click()
    assert page.locator("h1").inner_text() == "Move the child"
    assert page.locator("#current-placement").inner_text().startswith(f"Patel household ({patel.reference})")
    assert (
        page.locator("#matched-household").inner_text().startswith(f"Okafor household ({okafor.reference})")
    )
    fill_date(page, "Date the child moves in", on)
    page.get_by_role("button", name="Move the child").click()
    assert "Choose why the child is moving" in page.locator(".govuk-error-summary").inner_text()
    assert page.locator("#what-to-do").get_by_role("link", name="open the current placement").get_attribute(
        "href"
    ) == reverse("placements:detail", args=[old.pk])
    assert Placement.objects.get(child=child).ended_on is None
    _axe_both_widths(page, axe, "move (with errors)", failures)

    page.get_by_label("Why the child is moving (903 REASON_PLACE_CHANGE)").select_option(
        label="Change to the care plan"
    )
    page.get_by_role("button", name="Move the child").click()
    assert "Sami Hakimi has moved" in page.locator(".govuk-notification-banner").inner_text()
    assert (
        page.locator("#current-placement").inner_text().startswith(f"Okafor household ({okafor.reference})")
    )

    page.get_by_role(
        "link", name="Care record: periods of care, legal status, placements and reviews"
    ).click()
    rows = page.locator("#placements tbody tr")
    assert rows.count() == 2
    assert rows.nth(0).inner_text().startswith("Okafor household") and "Current" in rows.nth(0).inner_text()
    assert rows.nth(1).inner_text().startswith("Patel household")
    assert f"{on.day} {on:%B %Y} (Change to the care plan)" in rows.nth(1).inner_text()
    assert failures == {}


def test_a_supervising_social_worker_opens_a_child_placed_in_their_household(page, sign_in, axe):
    council = builders.organisation()
    ssw = builders.staff(council, Role.SUPERVISING_SOCIAL_WORKER, first_name="Sue", last_name="Super")
    on = today()
    fh = builders.approved_household(council, name="Patel household", ssw=ssw)
    child = builders.child(council, first_name="Leo", last_name="Hart")
    builders.in_care(child, started_on=on - timedelta(days=60))
    builders.placement(child, fh, started_on=on - timedelta(days=50))
    failures: dict[str, list[dict]] = {}

    sign_in(page, ssw)
    page.goto(reverse("households:list"))
    page.get_by_role("link", name="Patel household").first.click()
    living = page.locator("#children-now")
    assert "Leo Hart" in living.inner_text() and "Living here now" in living.inner_text()
    _axe_both_widths(page, axe, "household", failures)

    living.get_by_role("link", name="Leo Hart").click()
    assert page.locator("h1").inner_text().startswith("Leo Hart")
    assert page.locator("#current-placement").inner_text().startswith(f"Patel household ({fh.reference})")
    assert failures == {}
