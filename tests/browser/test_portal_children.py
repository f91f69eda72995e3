"""A carer in a real browser: signs in through the sign-in page, opens the child placed with them, reports a
significant event, and asks for a break. The supervising social worker and the child's social worker each sign
in and find the event on My work; the supervising social worker confirms the break, and the carer sees it
confirmed. Every portal page on the way passes axe at 375 px and 1280 px, with no sideways scrolling."""

from __future__ import annotations

from datetime import timedelta

import pytest

from fostering.accounts.roles import Role
from fostering.core.clock import today
from fostering.portal.tests.factories import PASSWORD, signed_up
from tests import builders
from tests.browser.test_placements import fill_date

pytestmark = pytest.mark.django_db(transaction=True)

STAFF_PASSWORD = "a long staff password 1"


def _check_portal_page(page, axe, name: str, failures: dict[str, list]) -> None:
    for width, height in ((375, 800), (1280, 900)):
        page.set_viewport_size({"width": width, "height": height})
        if violations := axe(page):
            failures[f"{name} at {width} px"] = violations
        if width == 375 and page.evaluate("document.documentElement.scrollWidth") > 375:
            failures[f"{name} at 375 px"] = [{"id": "scrolls sideways"}]
    page.set_viewport_size({"width": 1280, "height": 900})


def _sign_in(page, username: str, password: str) -> None:
    page.context.clear_cookies()
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def test_a_carer_reports_a_significant_event_and_has_a_break_confirmed(page, axe):
    council = builders.organisation("Portal Council", "813")
    council.out_of_hours_phone = "0300 555 0101"
    council.save()
    ssw = builders.staff(
        council,
        Role.SUPERVISING_SOCIAL_WORKER,
        username="sue.ssw",
        password=STAFF_PASSWORD,
        email="s@example.org",
    )
    csw = builders.staff(
        council, Role.CHILDS_SOCIAL_WORKER, username="cal.csw", password=STAFF_PASSWORD, email="c@example.org"
    )
    household = builders.approved_household(council, name="Mensah household", ssw=ssw)
    on = today()
    child = builders.child(
        council,
        social_worker=csw,
        first_name="Priya",
        last_name="Kowalczyk",
        date_of_birth=on - timedelta(days=10 * 365 + 30),
    )
    builders.in_care(child, started_on=on - timedelta(days=40))
    builders.placement(child, household, started_on=on - timedelta(days=30))
    carer, _ = signed_up(household)
    failures: dict[str, list] = {}

    _sign_in(page, carer.username, PASSWORD)
    assert page.locator("#children-placed").get_by_role("link", name="Priya").count() == 1
    _check_portal_page(page, axe, "home", failures)
    page.get_by_role("link", name="Children", exact=True).first.click()
    _check_portal_page(page, axe, "children", failures)
    page.locator("#children-placed").get_by_role("link", name="Priya").click()
    assert page.locator("h1").inner_text() == "Priya, 10"
    assert "0300 555 0101" in page.content()
    _check_portal_page(page, axe, "child", failures)

    page.get_by_role("link", name="Report a significant event").click()
    page.get_by_role("button", name="Report the event").click()
    assert "Choose what happened" in page.locator(".govuk-error-summary").inner_text()
    _check_portal_page(page, axe, "significant event (with errors)", failures)
    page.get_by_label("Police involvement").check()
    fill_date(page, "Date it happened", on)
    page.get_by_label("What happened, who was there and what was done").fill(
        "Police brought her home at 11pm."
    )
    page.get_by_role("button", name="Report the event").click()
    assert "sent to the social workers" in page.locator(".govuk-notification-banner").inner_text()
    assert "Police brought her home at 11pm." in page.locator("#recordings").inner_text()
    page.get_by_role("link", name="Add a note").click()
    _check_portal_page(page, axe, "note", failures)

    page.get_by_role("link", name="Breaks", exact=True).first.click()
    _check_portal_page(page, axe, "breaks", failures)
    page.get_by_role("link", name="Ask for a break").click()
    fill_date(page, "First day of the break", on + timedelta(days=14))
    fill_date(page, "Last day of the break", on + timedelta(days=16))
    page.get_by_label("Why you would like a break").fill("A family wedding")
    _check_portal_page(page, axe, "ask for a break", failures)
    page.get_by_role("button", name="Ask for the break").click()
    assert "Asked for" in page.locator("#breaks").inner_text()

    # each social worker signs in and finds the event on My work, and opens it on the child's record
    for username in ("cal.csw", "sue.ssw"):
        _sign_in(page, username, STAFF_PASSWORD)
        assert page.locator("h1").inner_text() == "My work"
        soon = page.locator("#soon")
        if soon.get_attribute("open") is None:
            soon.locator("summary").click()
        assert soon.get_by_text("Significant event: police involvement").count() == 1
    soon.get_by_role("link", name="Priya Kowalczyk, Mensah household").click()
    assert "Police brought her home at 11pm." in page.content()
    page.get_by_role("button", name="Mark as read").click()

    # the supervising social worker confirms the break from the household's record
    page.goto(f"/households/{household.pk}/")
    page.get_by_role("link", name="Breaks the carers asked for").click()
    page.get_by_role("button", name="Confirm the break").click()
    assert "The break is confirmed" in page.locator(".govuk-notification-banner").inner_text()

    _sign_in(page, carer.username, PASSWORD)
    page.get_by_role("link", name="Breaks", exact=True).first.click()
    assert "Confirmed" in page.locator("#breaks").inner_text()
    assert not failures, failures
