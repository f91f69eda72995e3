"""A carer's first sign-in, walked in the browser: their supervising social worker invites them from the
household's page, the emailed link sets a password, and the carer lands in the portal, reads a message from
their social worker, and cannot open a staff page. Every page is checked with axe at 1280 and 375 px."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse

from fostering.accounts.roles import Role
from tests import builders
from tests.browser.test_walks import Checks

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "a long portal passphrase"


def test_a_carer_is_invited_signs_up_and_reads_a_message(page, sign_in, axe):
    council = builders.organisation()
    ssw = builders.staff(council, Role.SUPERVISING_SOCIAL_WORKER, first_name="Sam", last_name="Worker")
    household = builders.approved_household(council, name="Adeyemi household", ssw=ssw)
    check = Checks(page, axe)

    sign_in(page, ssw)
    page.goto(reverse("households:detail", args=[household.pk]))
    page.get_by_role("link", name=re.compile("sign-ins to the portal")).click()
    assert page.locator("h1").inner_text() == "Sign-ins to the portal"
    check("sign-ins to the portal")
    page.get_by_label("Email address").fill("not an email")
    page.get_by_role("button", name="Send the invitation").click()
    assert "Enter a valid email address" in page.locator(".govuk-error-summary").inner_text()
    check("invitation refused")
    page.get_by_label("Email address").fill("carer@example.org")
    page.get_by_role("button", name="Send the invitation").click()
    assert "Invitation sent to carer@example.org" in page.inner_text("main")
    assert "Invited" in page.locator("table").inner_text()
    page.get_by_role("link", name="Write to the carers").click()
    page.get_by_label("Subject").fill("Your next visit")
    page.get_by_label("Message").fill("I will visit on Tuesday at 10.")
    page.get_by_role("button", name="Send the message").click()
    assert "Message sent" in page.inner_text("main")
    page.context.clear_cookies()

    invitation = next(m for m in mail.outbox if m.to == ["carer@example.org"] and "set up" in m.subject)
    assert "Adeyemi" not in invitation.subject + invitation.body
    link = re.search(r"https?://\S+/my/invitation/\S+/", invitation.body)
    assert link, invitation.body
    page.goto(re.sub(r"^https?://[^/]+", "", link[0]))
    assert page.locator("h1").inner_text() == "Set your password"
    check("set your password")
    page.get_by_label("Choose a password").fill("short")
    page.get_by_label("Type the password again").fill("short")
    page.get_by_role("button", name="Set my password").click()
    assert "at least 10 characters" in page.locator(".govuk-error-summary").inner_text()
    page.get_by_label("Choose a password").fill(PASSWORD)
    page.get_by_label("Type the password again").fill(PASSWORD)
    page.get_by_role("button", name="Set my password").click()
    page.wait_for_url("**/my/")
    main = page.inner_text("main")
    assert "Adeyemi household" in main and "Your next visit" in main and "Sam Worker" in main
    assert "Search" not in page.locator("header").inner_text()  # no staff search in the portal
    check("portal home")
    page.get_by_role("link", name="All messages").click()
    assert "I will visit on Tuesday at 10." in page.inner_text("main")
    check("messages")
    page.get_by_role("link", name="Your sign-in").click()
    assert "carer@example.org" in page.inner_text("main")
    check("your sign-in")
    page.get_by_role("link", name=re.compile("Turn on")).click()
    assert page.locator("h1").count() == 1
    check("two-factor set-up in the portal")

    # a staff page is not there for a carer, and the link used once does not work again
    response = page.goto(reverse("households:detail", args=[household.pk]))
    assert response is not None and response.status == 404
    page.get_by_role("button", name=re.compile("Sign out")).click()
    page.goto(re.sub(r"^https?://[^/]+", "", link[0]))
    assert page.locator("h1").inner_text() == "This link no longer works"
    check("link no longer works")

    # they sign in again on the one sign-in page and land in the portal
    page.goto(reverse("accounts:login"))
    page.get_by_label("Username").fill("carer@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/my/")
    check.assert_clean()
