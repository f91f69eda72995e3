"""A kinship worker in a real browser: start an assessment, record a Regulation 24 placement, gather the three
Regulation 25 conditions (the nominated officer approves as themselves), and grant the extension. Every
kinship page, and each form's error state, passes axe."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse

from fostering.accounts.roles import Role
from fostering.core.clock import today
from fostering.kinship.models import KinshipAssessment
from tests import builders

pytestmark = pytest.mark.django_db(transaction=True)


def fill_date(page, group: str, on: date) -> None:
    fieldset = page.get_by_role("group", name=group)
    fieldset.get_by_label("Day").fill(str(on.day))
    fieldset.get_by_label("Month").fill(str(on.month))
    fieldset.get_by_label("Year").fill(str(on.year))


def test_a_kinship_worker_takes_a_placement_through_to_a_regulation_25_extension(page, sign_in, axe):
    council = builders.organisation()
    worker = builders.staff(council, Role.KINSHIP_WORKER, first_name="Kim", last_name="Kaur")
    officer = builders.staff(council, Role.AGENCY_DECISION_MAKER, first_name="Ada", last_name="Decider")
    child = builders.child(council, first_name="Ella", last_name="Stone")
    on = today()
    placed = on - timedelta(weeks=15)
    failures: dict[str, list[dict]] = {}

    def check(name: str) -> None:
        if violations := axe(page):
            failures[name] = violations

    # the worker opens the kinship list and starts an assessment for Ella with her grandmother
    sign_in(page, worker)
    page.goto(reverse("kinship:list"))
    check("list")
    page.get_by_role("link", name="Start a kinship assessment").click()
    page.get_by_role("button", name="Start the assessment").click()
    assert "Choose the child" in page.locator(".govuk-error-summary").inner_text()
    check("start (with errors)")
    page.get_by_label("Child", exact=True).select_option(label=f"Ella Stone ({child.child_id})")
    page.get_by_label("Initial viability, then full connected person assessment (Form C)").check()
    page.get_by_label("Connected person's first name").fill("Jean")
    page.get_by_label("Connected person's last name").fill("Stone")
    page.get_by_label("Relationship to the child").fill("Maternal grandmother")
    fill_date(page, "Assessment started on", placed)
    page.get_by_role("button", name="Start the assessment").click()
    assert "The assessment has been started" in page.locator(".govuk-notification-banner").inner_text()
    assessment = KinshipAssessment.objects.get()
    detail = reverse("kinship:detail", args=[assessment.pk])
    assert page.locator("h1").inner_text().startswith("Ella Stone")
    check("detail")

    # a placement date in the future is refused beside the field
    page.get_by_role("link", name="Record a Regulation 24 placement").click()
    fill_date(page, "Date the child was placed", on + timedelta(days=2))
    page.get_by_role("button", name="Record the placement").click()
    assert "The date must be today or in the past" in page.locator(".govuk-error-summary").inner_text()
    check("placement (with errors)")
    fill_date(page, "Date the child was placed", placed)
    page.get_by_role("button", name="Record the placement").click()
    ends = placed + timedelta(weeks=16)
    assert f"Approval lapses on {ends:%-d %B %Y} (7 days left)" in page.locator("main").inner_text()
    assert page.get_by_role("link", name="Grant the extension").count() == 0

    # granting before the three conditions are recorded is refused, with what is missing
    page.goto(reverse("kinship:extension", args=[assessment.pk]))
    fill_date(page, "Date the extension was granted", on)
    page.get_by_role("button", name="Grant the extension").click()
    summary = page.locator(".govuk-error-summary").inner_text()
    assert "cannot be granted until these are recorded" in summary and "nominated officer" in summary
    check("extension (with errors)")
    assessment.refresh_from_db()
    assert assessment.extension_granted_on is None

    # the panel's views and the IRO
    page.goto(detail)
    page.get_by_role("link", name="Record the fostering panel's views sought").click()
    page.get_by_role("button", name="Record the panel's views").click()
    check("panel views (with errors)")
    fill_date(page, "Date the panel's views were sought", on)
    page.get_by_label("The panel's views (optional)").fill("The panel supports a short extension.")
    page.get_by_role("button", name="Record the panel's views").click()
    page.get_by_role("link", name="Record the child's independent reviewing officer (IRO) informed").click()
    page.get_by_role("button", name="Record that the IRO was informed").click()
    check("IRO (with errors)")
    fill_date(page, "Date the independent reviewing officer was informed", on)
    page.get_by_role("button", name="Record that the IRO was informed").click()
    assert page.get_by_role("link", name="Approve as nominated officer").count() == 0

    # the agency decision maker approves as nominated officer
    sign_in(page, officer)
    page.goto(detail)
    page.get_by_role("link", name="Approve as nominated officer").click()
    page.get_by_role("button", name="Approve the extension").click()
    check("nominated officer (with errors)")
    fill_date(page, "Date of the nominated officer's approval", on)
    page.get_by_role("button", name="Approve the extension").click()
    assert "by Ada Decider" in page.locator("#reg25-checklist").inner_text()

    # the worker grants the extension: 8 weeks from the end of temporary approval
    sign_in(page, worker)
    page.goto(detail)
    page.get_by_role("link", name="Grant the extension").click()
    fill_date(page, "Date the extension was granted", on)
    page.get_by_role("button", name="Grant the extension").click()
    assert "The extension has been granted" in page.locator(".govuk-notification-banner").inner_text()
    extended = ends + timedelta(weeks=8)
    assert f"{extended:%-d %B %Y} (granted {on:%-d %B %Y})" in page.locator("main").inner_text()
    assessment.refresh_from_db()
    assert (assessment.extension_granted_on, assessment.nominated_officer) == (on, officer)
    check("detail (extended)")

    # the remaining forms, empty and with their errors, and the history
    for name in ["stage", "outcome", "withdraw"]:
        page.goto(reverse(f"kinship:{name}", args=[assessment.pk]))
        check(name)
        with page.expect_navigation():
            page.locator("main form [type=submit]").last.click()
        assert page.locator(".govuk-error-summary").is_visible(), name
        check(f"{name} (with errors)")
    page.goto(reverse("kinship:history", args=[assessment.pk]))
    assert "Regulation 25 extension granted" in page.locator("main").inner_text()
    check("history")
    page.goto(reverse("mywork:home"))
    for group in page.locator("main details:not([open]) summary").all():  # open the groups shut
        group.click()
    assert page.get_by_role("link", name="Ella Stone (Maternal grandmother)").count() >= 1
    check("my work")
    assert failures == {}
