"""What a supervising social worker does in a real browser: sign in, see what is due, record a visit."""

from __future__ import annotations

from datetime import date

import pytest

from fostering.accounts.roles import Role
from fostering.core.clock import today
from fostering.households.models import SupervisionVisit
from tests import builders

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_supervising_social_worker_records_an_overdue_visit(page, axe):
    council = builders.organisation()
    ssw = builders.staff(
        council,
        Role.SUPERVISING_SOCIAL_WORKER,
        username="sam.ssw",
        password="a long password 1",
        first_name="Sam",
        last_name="Shah",
    )
    fh = builders.approved_household(council, name="Okafor household", approved_on=date(2023, 3, 1), ssw=ssw)

    # signs in with the form and lands on My work
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill("sam.ssw")
    page.get_by_label("Password").fill("a long password 1")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/")
    assert page.locator("h1").inner_text() == "My work"
    # supervision, the unannounced visit, the annual review and the carer's TSD standards are all overdue
    assert page.locator('[data-status="overdue"]').inner_text() == "4"
    assert page.get_by_role("link", name="Okafor household").count() == 4

    # opens the household from My work and starts recording a visit
    page.get_by_role("link", name="Okafor household").first.click()
    page.get_by_role("link", name="Record a supervision visit").click()

    # a visit dated before approval is refused, with the error beside the field and the notes kept
    page.get_by_label("Day").fill("1")
    page.get_by_label("Month").fill("1")
    page.get_by_label("Year").fill("2023")
    page.get_by_label("Notes of the visit").fill("Children settled; carers asked about respite.")
    page.get_by_role("button", name="Record the visit").click()
    summary = page.locator(".govuk-error-summary")
    assert "The date must not be before the household was approved (1 March 2023)" in summary.inner_text()
    assert (
        page.get_by_label("Notes of the visit").input_value()
        == "Children settled; carers asked about respite."
    )
    assert axe(page) == []
    assert not SupervisionVisit.objects.exists()

    # corrected, it is saved and the supervision clock restarts from it
    on = today()
    page.get_by_label("Day").fill(str(on.day))
    page.get_by_label("Month").fill(str(on.month))
    page.get_by_label("Year").fill(str(on.year))
    page.get_by_role("button", name="Record the visit").click()
    assert "The visit has been recorded" in page.locator(".govuk-notification-banner").inner_text()
    visit = SupervisionVisit.objects.get()
    assert (visit.fostering_household_id, visit.visited_on, visit.visited_by_id) == (fh.pk, on, ssw.pk)
    page.get_by_role("link", name="My work").click()
    assert (
        page.locator('[data-status="overdue"]').inner_text() == "3"
    )  # the unannounced visit, the annual review and TSD
