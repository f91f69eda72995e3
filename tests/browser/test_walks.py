"""Journeys of the service walked in a real browser, clicking as a person would.

- A supervising social worker records a visit and reads it back on its own page; the household's history
  reads as sentences with labels, names and GOV.UK dates, never stored keys or ISO dates.
- A service manager finds the panel's year and the approvals report from the Reports page, through a top
  navigation of at most seven items.
- The recruitment funnel and the approvals report agree on the approvals of a period, and no conversion
  passes 100%.
- A member of the public enquires on the council's own page and is given a reference and when they will
  hear back; a member of staff resets a forgotten password by email and signs in with the new one.

Every page visited passes axe at 1280 px and at 375 px, and is no wider than the window at 375 px.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

import pytest
from django.core import mail
from django.urls import reverse

from fostering.accounts.roles import Role
from fostering.core.clock import today
from fostering.deadlines.calendar import LONDON
from fostering.households.choices import CarerType, PlacementType
from fostering.recruitment.choices import Channel
from fostering.recruitment.models import Enquiry
from fostering.recruitment.references import enquiry_reference
from fostering.recruitment.services import enquiry_respond
from fostering.recruitment.tests import factories as recruitment
from tests import builders
from tests.browser.test_placements import fill_date

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = 375
PAGE_WIDTH = "() => document.documentElement.scrollWidth"
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
STORED_KEY = re.compile(r"\b[a-z0-9]+(?:_[a-z0-9]+)+\b")
PAGE_NAME = re.compile(r"\b[a-z_]+:[a-z_]+\b")


class Checks:
    """axe at 1280 px and at 375 px, and the page's width at 375 px, for every page a journey visits."""

    def __init__(self, page, axe) -> None:
        self.page, self.axe = page, axe
        self.axe_failures: dict[str, list[dict]] = {}
        self.too_wide: dict[str, int] = {}
        self.seen: list[str] = []

    def __call__(self, name: str) -> None:
        page = self.page
        self.seen.append(name)
        for width, height in ((1280, 900), (PHONE, 800)):
            page.set_viewport_size({"width": width, "height": height})
            if violations := self.axe(page):
                self.axe_failures[f"{name} at {width} px"] = violations
        if (width := page.evaluate(PAGE_WIDTH)) > PHONE:
            self.too_wide[name] = width
        page.set_viewport_size({"width": 1280, "height": 900})

    def assert_clean(self) -> None:
        assert self.axe_failures == {}
        assert self.too_wide == {}, f"wider than {PHONE} px: {self.too_wide}"


def _financial_year_start(on: date) -> date:
    return date(on.year if on.month >= 4 else on.year - 1, 4, 1)


def test_a_supervising_social_worker_reads_back_a_visit_and_the_history_in_words(page, sign_in, axe):
    council = builders.organisation()
    ssw = builders.staff(council, Role.SUPERVISING_SOCIAL_WORKER, first_name="Martyn", last_name="Barnes")
    manager = builders.staff(council, Role.SERVICE_MANAGER, first_name="Morgan", last_name="Manager")
    on = today()
    approved_on = on - timedelta(days=120)
    niece = builders.child(council, first_name="Ava", last_name="Reid")
    fh = builders.approved_household(
        council,
        name="Reid household",
        carer_type=CarerType.KINSHIP,
        named_child_id=niece.pk,
        approved_on=approved_on,
        ssw=ssw,
        number_of_children=1,
        sibling_group_max=1,
        placement_types=[PlacementType.SHORT_TERM],
    )
    check = Checks(page, axe)

    # the supervising social worker records a visit with the form
    sign_in(page, ssw)
    page.goto(reverse("households:list"))
    page.get_by_role("link", name="Reid household").first.click()
    check("household")
    page.get_by_role("link", name="Record a supervision visit").click()
    fill_date(page, "Date of the visit", on)
    page.get_by_label("Notes of the visit").fill("Ava settled at school; the carers asked about respite.")
    check("supervision visit form")
    page.get_by_role("button", name="Record the visit").click()
    assert "The visit has been recorded" in page.locator(".govuk-notification-banner").inner_text()

    # finds it in the household's list and reads the notes on its own page
    page.get_by_role("link", name=f"{on.day} {on:%B %Y}: supervision visit").click()
    assert page.locator("h1").inner_text() == f"Supervision visit on {on.day} {on:%B %Y}"
    assert "Ava settled at school; the carers asked about respite." in page.locator("main").inner_text()
    assert "Martyn Barnes" in page.locator("main").inner_text()
    check("supervision visit")

    # the household's history is in words
    page.get_by_role("link", name="Back to Reid household").click()
    page.get_by_role("link", name="History of this household").click()
    timeline = page.get_by_role("list", name="Timeline")
    text = timeline.inner_text()
    assert "Household approved" in text
    assert "The system set the kind of carer to Kinship (connected person) carer." in text
    assert f"The system set the date of approval to {approved_on.day} {approved_on:%B %Y}." in text
    assert "The system set the supervising social worker to Martyn Barnes." in text
    assert "The system set the placement types to Short-term." in text
    assert "The system set the named child to Ava Reid" in text
    assert "Supervision visit recorded" in text
    check("history (supervising social worker)")

    # the service manager changes the terms and the status with the forms; the history says so in words
    page.context.clear_cookies()
    sign_in(page, manager)
    page.goto(reverse("households:detail", args=[fh.pk]))
    page.get_by_role("link", name="Change the terms of approval").click()
    # the form starts from the current terms
    assert page.get_by_label("Number of children").input_value() == "1"
    assert page.get_by_label("Short-term").is_checked()
    fill_date(page, "New terms apply from", on)
    page.get_by_label("Number of children").fill("2")
    page.get_by_label("Youngest age").fill("0")
    page.get_by_label("Oldest age").fill("17")
    page.get_by_label("Short-term").check()
    page.get_by_label("Respite").check()
    page.get_by_label("Largest sibling group").fill("2")
    check("terms of approval form")
    page.get_by_role("button", name="Save the new terms").click()
    assert (
        "The new terms of approval have been saved" in page.locator(".govuk-notification-banner").inner_text()
    )

    page.get_by_role(
        "link", name="Change the status"
    ).first.click()  # beside the status, and under its history
    page.get_by_label("On hold").check()
    fill_date(page, "From", on)
    page.get_by_label("Reason").first.fill("The carers asked for a break after the review.")
    check("status form")
    page.get_by_role("button", name="Change the status").click()

    page.get_by_role("link", name="History of this household").click()
    text = page.get_by_role("list", name="Timeline").inner_text()
    assert "Terms of approval changed" in text
    assert "Morgan Manager changed the number of children from 1 to 2." in text
    assert "Morgan Manager changed the oldest age from 18 to 17." in text
    assert "Morgan Manager changed the placement types from Short-term to Short-term and respite." in text
    assert "Household status changed" in text
    assert "Morgan Manager changed the status from Available to On hold." in text
    assert "The carers asked for a break after the review." in text
    assert "Morgan Manager changed the start of the terms from" in text
    assert "Morgan Manager opened the record, which showed Ava Reid" in text
    assert not ISO_DATE.search(text), ISO_DATE.findall(text)
    assert not STORED_KEY.search(text), STORED_KEY.findall(text)
    assert not PAGE_NAME.search(text), PAGE_NAME.findall(text)
    check("history (service manager)")
    check.assert_clean()


def test_a_service_manager_finds_the_panels_year_and_the_approvals_from_reports(page, sign_in, axe):
    council = builders.organisation()
    manager = builders.staff(council, Role.SERVICE_MANAGER)
    check = Checks(page, axe)

    sign_in(page, manager)
    page.goto(reverse("mywork:home"))
    menu = page.get_by_role("navigation", name="Menu")
    links = menu.locator("#navigation a")
    assert 1 < links.count() <= 7, links.all_inner_texts()
    assert "Reports" in links.all_inner_texts()
    check("my work")

    # the sections left out of the top navigation are grouped on one page
    menu.get_by_role("link", name="All sections").click()
    groups = page.locator("main h2").all_inner_texts()
    assert "Reports and returns" in groups and "Administration" in groups
    in_the_menu = set(page.get_by_role("navigation", name="Menu").locator("#navigation a").all_inner_texts())
    elsewhere = set(page.locator("main li a").all_inner_texts()) - in_the_menu
    assert {"Allegations", "Complaints", "Staff"} <= elsewhere
    check("all sections")

    menu.get_by_role("link", name="Reports").click()
    assert page.url.endswith(reverse("reporting:index"))
    assert page.locator("h1").inner_text() == "Reports"
    headings = page.locator("main h2").all_inner_texts()
    assert headings[:2] == ["For managers of the service", "For the fostering panel"]
    check("reports")

    page.get_by_role("link", name="The panel's year").click()
    assert page.locator("h1").inner_text().startswith("The panel's year:")
    check("the panel's year")

    page.get_by_role("link", name="Back to reports").click()
    page.get_by_role("link", name="Approvals by type of carer").click()
    assert page.locator("h1").inner_text() == "Approvals by type of carer"
    check("approvals report")
    page.get_by_role("link", name="Back to reports").click()
    assert page.locator("h1").inner_text() == "Reports"
    check.assert_clean()


def test_the_funnel_and_the_approvals_report_count_the_same_approvals(page, sign_in, axe):
    council = builders.organisation()
    manager = builders.staff(council, Role.SERVICE_MANAGER)
    on = today()
    start = _financial_year_start(on)
    in_the_period = [min(start + timedelta(days=days), on) for days in (3, 40, 90)]
    for approved_on in in_the_period:
        builders.approved_household(council, approved_on=approved_on)
    niece = builders.child(council)
    builders.approved_household(
        council,
        approved_on=in_the_period[1],
        carer_type=CarerType.KINSHIP,
        named_child_id=niece.pk,
        number_of_children=1,
        sibling_group_max=1,
    )
    builders.approved_household(council, approved_on=start - timedelta(days=10))  # the year before
    # requests received in the period, one of them answered: the cohort converts at 50%
    received = datetime.combine(start, datetime.min.time(), tzinfo=LONDON) + timedelta(days=2, hours=10)
    recruitment.enquiry(council, received_at=received)
    answered = recruitment.enquiry(council, received_at=received)
    enquiry_respond(
        enquiry=answered, responded_at=received + timedelta(hours=1), channel=Channel.PHONE, by=manager
    )
    check = Checks(page, axe)

    sign_in(page, manager)
    page.goto(reverse("reporting:index"))
    page.get_by_role("link", name="Recruitment funnel").click()
    page.locator('[name="start_0"]').fill(str(start.day))
    page.locator('[name="start_1"]').fill(str(start.month))
    page.locator('[name="start_2"]').fill(str(start.year))
    page.locator('[name="end_0"]').fill(str(on.day))
    page.locator('[name="end_1"]').fill(str(on.month))
    page.locator('[name="end_2"]').fill(str(on.year))
    page.get_by_role("button", name="Show the funnel").click()
    assert "start_0=" in page.url
    assert "csrfmiddlewaretoken" not in page.url
    assert page.locator("main h2").first.inner_text() == (f"{start.day} {start:%B %Y} to {on.day} {on:%B %Y}")
    funnel_approvals = int(page.locator('[data-stage="approvals"]').inner_text())
    assert funnel_approvals == 4
    assert int(page.locator('[data-cohort="requests"]').inner_text()) == 2
    assert int(page.locator('[data-cohort="enquiries"]').inner_text()) == 1
    shares = [int(share) for share in re.findall(r"(\d+)%", page.locator("main").inner_text())]
    assert shares and max(shares) <= 100, shares
    assert 50 in shares
    check("recruitment funnel")

    page.get_by_role("link", name="approvals report").click()
    assert page.locator("h1").inner_text() == "Approvals by type of carer"
    year = f"{start.year}-{str(start.year + 1)[-2:]}"
    row = page.locator("tbody tr").filter(has=page.get_by_role("rowheader", name=year, exact=True))
    assert row.locator("td").last.inner_text() == str(funnel_approvals)
    headers = page.locator("thead th").all_inner_texts()
    mainstream_column = headers.index("Mainstream foster carer") - 1  # the year is the row's header
    report_mainstream = row.locator("td").nth(mainstream_column).inner_text()
    assert report_mainstream == "3"
    check("approvals report")

    # the mainstream funnel for the same period counts the mainstream approvals the report counts
    page.go_back()
    page.get_by_label("Kind of carer").select_option(label="Mainstream foster carer")
    page.get_by_role("button", name="Show the funnel").click()
    assert "carer_type=mainstream" in page.url and "csrfmiddlewaretoken" not in page.url
    assert page.locator('[data-stage="approvals"]').inner_text() == report_mainstream
    shares = [int(share) for share in re.findall(r"(\d+)%", page.locator("main").inner_text())]
    assert all(share <= 100 for share in shares), shares
    check.assert_clean()


def test_the_public_enquire_with_their_council_and_staff_reset_a_forgotten_password(
    page, sign_in, axe, settings
):
    settings.FOSTERING_ENQUIRY_MIN_SECONDS = 0
    council = builders.organisation(name="Wrexfordshire County Council", code="990")
    builders.staff(
        council,
        Role.DUTY_WORKER,
        username="dee.duty",
        password="the first long password 1",
        email="dee.duty@example.org",
    )
    check = Checks(page, axe)

    # a member of the public opens the council's enquiry page: the council's name is the header and footer
    page.goto(reverse("recruitment:enquire", args=[council.code]))
    header = page.locator("header").inner_text()
    footer = page.locator("footer").inner_text()
    assert "Wrexfordshire County Council" in header
    assert "Wrexfordshire County Council" in footer
    assert "run by Fostering service" not in footer
    check("enquiry form")
    page.get_by_label("First name").fill("Jordan")
    page.get_by_label("Last name").fill("Lee")
    page.get_by_label("Email address").fill("jordan.lee@example.com")
    page.get_by_role("button", name="Send my enquiry").click()

    assert page.locator("h1").inner_text() == "Thank you for your enquiry"
    enquiry = Enquiry.objects.get()
    reference = page.locator("[data-reference]").inner_text()
    assert reference == enquiry_reference(enquiry.pk)
    assert (
        "Someone from our fostering team will contact you by" in page.locator("[data-reply-by]").inner_text()
    )
    assert "Wrexfordshire County Council" in page.locator("header").inner_text()
    check("thank you")

    # staff who have forgotten their password reset it from the sign-in page
    page.goto(reverse("accounts:login"))
    check("sign in")
    page.get_by_role("link", name="Forgotten your password?").click()
    assert page.locator("h1").inner_text() == "Reset your password"
    check("reset your password")
    page.get_by_label("Email address").fill("dee.duty@example.org")
    page.get_by_role("button").filter(has_text=re.compile("email|link|reset", re.I)).first.click()
    assert page.locator("h1").inner_text() == "Check your email"
    check("check your email")

    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["dee.duty@example.org"]
    body = str(mail.outbox[0].body)
    link = re.search(r"https?://\S+/accounts/password-reset/\S+/\S+/", body)
    assert link, body
    path = re.sub(r"^https?://[^/]+", "", link[0])
    page.goto(path)
    assert page.locator("h1").inner_text() == "Choose a new password"
    check("choose a new password")
    page.get_by_label("New password", exact=True).fill("a brand new long password 2")
    page.get_by_label("Confirm").fill("a brand new long password 2")
    page.get_by_role("button").filter(has_text=re.compile("password", re.I)).first.click()
    assert page.locator("h1").inner_text() == "Your password is reset"
    check("your password is reset")

    page.get_by_role("link", name="Sign in").last.click()
    page.get_by_label("Username").fill("dee.duty")
    page.get_by_label("Password").fill("a brand new long password 2")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/")
    assert page.locator("h1").inner_text() == "My work"
    check.assert_clean()
