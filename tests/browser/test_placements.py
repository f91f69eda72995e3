"""A duty worker in a real browser: a placement outside a household's terms is refused beside the field; then
the worker opens a referral, sees our households ranked with their reasons, chooses one, records what was
shared with the carers, and places the child. The child's page shows the placement and the vacancy register
one fewer vacancy. Every page on the way passes axe."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse

from fostering.accounts.roles import Role
from fostering.children.services import child_needs_update
from fostering.core.clock import today
from fostering.placements.models import MatchDecision, Placement
from tests import builders

pytestmark = pytest.mark.django_db(transaction=True)


def fill_date(page, group: str, on: date) -> None:
    fieldset = page.get_by_role("group", name=group)
    fieldset.get_by_label("Day").fill(str(on.day))
    fieldset.get_by_label("Month").fill(str(on.month))
    fieldset.get_by_label("Year").fill(str(on.year))


def _household(council, name: str, postcode: str, **terms):
    fh = builders.approved_household(council, name=name, **terms)
    fh.household.postcode = postcode
    fh.household.save()
    return fh


def test_a_duty_worker_matches_a_referral_and_places_the_child(page, sign_in, axe):
    council = builders.organisation()
    duty = builders.staff(council, Role.DUTY_WORKER, first_name="Dee", last_name="Duty")
    on = today()
    child = builders.child(
        council, first_name="Leo", last_name="Hart", date_of_birth=on - timedelta(days=9 * 365 + 40)
    )
    builders.in_care(child, started_on=on - timedelta(days=30))
    child_needs_update(child=child, home_postcode="LE1 1AA", school_postcode="LE3 1AA", by=None)
    near = _household(council, "Near household", "LE3 8RF")
    _household(council, "Far household", "NN17 1SZ")
    young = _household(council, "Young household", "LE2 1AA", age_min=0, age_max=4, sibling_group_max=1)
    referral = builders.referral(child, referred_on=on, latest_start_on=on + timedelta(days=7))
    failures: dict[str, list[dict]] = {}

    def check(name: str) -> None:
        if violations := axe(page):
            failures[name] = violations

    sign_in(page, duty)
    page.goto(reverse("placements:vacancies"))
    vacant_before = int(page.locator("#vacant-count").inner_text())
    check("vacancies")

    # a placement with a household approved only for under-5s is refused beside the field
    page.goto(reverse("placements:start", args=[child.pk]))
    fill_date(page, "Date the child moved in", on)
    page.get_by_label("Placement type").select_option(label="Short-term")
    page.get_by_label("One of our households").select_option(label=f"Young household ({young.reference})")
    page.get_by_role("button", name="Record the placement").click()
    message = "The household is approved for children aged 0 to 4; the child will be 9 on that date"
    assert message in page.locator(".govuk-error-summary").inner_text()
    assert message in page.locator(".govuk-error-message").first.inner_text()
    assert not Placement.objects.exists()
    check("placement start (with errors)")

    # the duty team's list, the referral, and the ranked candidates with their reasons
    page.goto(reverse("placements:referral_list"))
    check("referrals")
    page.get_by_role("link", name="Leo Hart").click()
    check("referral")
    rows = page.locator("#candidates tbody tr")
    assert rows.count() == 2
    assert rows.nth(0).inner_text().startswith(f"Near household ({near.reference})")
    assert "2 miles from the child's home (LE1)" in rows.nth(0).inner_text()
    assert "the child can keep the same school" in rows.nth(0).inner_text()
    assert rows.nth(1).inner_text().startswith("Far household")
    assert "Young household" not in page.locator("#candidates").inner_text()
    page.get_by_text("Households not proposed (1)").click()
    assert (
        "Young household: the household is approved for children aged 0 to 4"
        in page.locator("main").inner_text()
    )

    # the worker chooses the nearest household and records what the carers were told
    page.get_by_role("link", name="Choose Near household").click()
    assert page.get_by_role("radio", name=f"Near household ({near.reference})", exact=False).is_checked()
    page.get_by_role("button", name="Record the match").click()
    assert (
        "Say what information was shared with the carers" in page.locator(".govuk-error-summary").inner_text()
    )
    check("match (with errors)")
    fill_date(page, "Date of the decision", on)
    page.get_by_label("Information shared with the carers").fill("Referral, care plan and school details")
    fill_date(page, "Date the information was shared", on)
    page.get_by_label("The carers met the child before the move").check()
    page.get_by_role("button", name="Record the match").click()
    assert "The match has been recorded" in page.locator(".govuk-notification-banner").inner_text()
    decision = MatchDecision.objects.get(referral=referral)
    assert decision.fostering_household == near and decision.met_child_before
    assert "Referral, care plan and school details" in page.locator("#match").inner_text()

    # and places the child
    page.get_by_role("link", name="Place the child").click()
    fill_date(page, "Date the child moves in", on)
    page.get_by_role("button", name="Place the child").click()
    assert "Leo Hart has been placed" in page.locator(".govuk-notification-banner").inner_text()
    assert page.locator("#current-placement").inner_text().startswith(f"Near household ({near.reference})")
    check("child")
    placement = Placement.objects.get(child=child)
    assert (placement.fostering_household, placement.place, placement.provider) == (near, "U6", "PR1")

    page.goto(reverse("placements:vacancies"))
    assert int(page.locator("#vacant-count").inner_text()) == vacant_before - 1
    page.goto(reverse("children:care", args=[child.pk]))
    assert "Near household" in page.locator("#placements").inner_text()
    check("care record")
    assert failures == {}
