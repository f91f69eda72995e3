"""An enquiry decided "progress" walked through every stage of its assessment to "ready for panel" in a real
browser, with axe on every page. (tests/browser/test_recruitment.py walks a new enquiry from the public
form to that decision.)"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from fostering.accounts.roles import Role
from fostering.assessments.models import Assessment, StageChange
from fostering.core.clock import today
from fostering.recruitment import services as recruitment_services
from fostering.recruitment.choices import Decision
from fostering.recruitment.tests import factories as recruitment_factories
from tests import builders

pytestmark = pytest.mark.django_db(transaction=True)


def fill_date(page, name: str, d: date) -> None:
    page.fill(f'input[name="{name}_0"]', str(d.day))
    page.fill(f'input[name="{name}_1"]', str(d.month))
    page.fill(f'input[name="{name}_2"]', str(d.year))


def test_an_assessment_is_walked_from_application_to_ready_for_panel(page, sign_in, axe):
    council = builders.organisation()
    manager = builders.staff(council, Role.ASSESSMENT_MANAGER, first_name="Morgan", last_name="Manager")
    worker = builders.staff(council, Role.ASSESSING_SOCIAL_WORKER, first_name="Asha", last_name="Worker")
    on = today()
    accepted = on - timedelta(days=30)
    failures: dict[str, list] = {}

    def check_axe(label: str) -> None:
        assert page.locator("h1").count() == 1, label
        if violations := axe(page):
            failures[label] = violations

    def submit_empty_then(label: str) -> None:
        """Submit the form as it is: the error summary shows and is accessible."""
        with page.expect_navigation():
            page.locator("main form [type=submit]").last.click()
        page.locator(".govuk-error-summary").wait_for()
        check_axe(f"{label} (with errors)")

    enquiry = recruitment_factories.visited_enquiry(council, first_name="Ada", last_name="Okafor")
    recruitment_services.progress_decision_record(
        enquiry=enquiry, decision=Decision.PROGRESS, decided_on=date(2024, 3, 14), reasons="Ready", by=None
    )

    sign_in(page, manager)
    page.goto("/assessments/")
    check_axe("list")
    page.get_by_role("link", name="Start an assessment").click()
    check_axe("add")
    submit_empty_then("add")

    # the hand-over: from the progressed enquiry, the form comes filled with the enquirer
    page.goto(f"/recruitment/enquiries/{enquiry.pk}/")
    page.get_by_role("link", name="Start the assessment").click()
    assert page.get_by_label("Household name").input_value() == "Okafor household"
    assert page.get_by_label("First applicant: first name").input_value() == "Ada"

    # an applicant under 18 is refused beside the field, what was typed is kept
    page.get_by_label("Mainstream foster carer").check()
    page.get_by_label("Household name").fill("Okafor household")
    page.get_by_label("First applicant: first name").fill("Ada")
    page.get_by_label("First applicant: last name").fill("Okafor")
    fill_date(page, "applicant_1_date_of_birth", on - timedelta(days=365 * 17))
    page.locator('select[name="assessing_social_worker"]').select_option(str(worker.pk))
    fill_date(page, "application_accepted_on", accepted)
    page.get_by_role("button", name="Start the assessment").click()
    assert "Applicants must be 18 or over" in page.locator(".govuk-error-summary").inner_text()
    assert page.get_by_label("Household name").input_value() == "Okafor household"
    assert not Assessment.objects.exists()
    fill_date(page, "applicant_1_date_of_birth", date(1980, 5, 1))
    page.get_by_role("button", name="Start the assessment").click()
    assert "The assessment has been started" in page.locator(".govuk-notification-banner").inner_text()
    assessment = Assessment.objects.get()
    applicant = assessment.household.members.get().person
    assert (assessment.enquiry_id, applicant.pk) == (enquiry.pk, enquiry.person_id)  # no second person
    detail = f"/assessments/{assessment.pk}/"
    check_axe("detail")

    def change_stage(label: str) -> None:
        page.goto(detail)
        page.get_by_role("link", name="Change the stage").click()
        page.get_by_label(label, exact=True).check()
        fill_date(page, "changed_on", on)
        page.get_by_role("button", name="Change the stage").click()

    change_stage("Stage 1")
    assert page.locator("[data-stage]").inner_text() == "Stage 1"

    # Stage 2 before the checks are requested: the guard's missing items are shown
    change_stage("Stage 2 (Form F)")
    assert (
        "Before Stage 2 (Form F): Every check requested" in page.locator(".govuk-error-summary").inner_text()
    )
    check_axe("stage change (with errors)")

    # the checks: one received before it was requested is refused, then all five come back clear
    page.goto(detail)
    page.get_by_role("link", name="Record a check").click()
    check_axe("check")
    for n, kind in enumerate(["dbs", "local_authority", "medical", "reference", "employer"]):
        if n:
            page.goto(detail)
            page.get_by_role("link", name="Record a check").click()
        page.locator('select[name="member"]').select_option(index=1)
        page.locator('select[name="kind"]').select_option(kind)
        fill_date(page, "requested_on", accepted)
        fill_date(page, "received_on", accepted - timedelta(days=1) if n == 0 else on)
        page.get_by_label("Clear").check()
        page.get_by_role("button", name="Record the check").click()
        if n == 0:
            summary = page.locator(".govuk-error-summary").inner_text()
            assert "The date received must be on or after the date it was requested" in summary
            check_axe("check (with errors)")
            fill_date(page, "received_on", on)
            page.get_by_role("button", name="Record the check").click()
        assert "The check has been recorded" in page.locator(".govuk-notification-banner").inner_text()

    change_stage("Stage 2 (Form F)")
    assert page.locator("[data-stage]").inner_text() == "Stage 2 (Form F)"

    # Skills to Foster, mentor, agreement and six Form F sessions
    forms = [
        ("Change Skills to Foster", "skills to foster", [("booked_on", accepted), ("attended_on", on)], {}),
        ("Change mentor", "mentor", [("offered_on", on)], {"Mentor (an experienced carer)": "Jo Brown"}),
        (
            "Change assessment agreement",
            "agreement",
            [("signed_on", on), ("target_panel_on", on + timedelta(days=60))],
            {},
        ),
    ]
    for link, label, dates, texts in forms:
        page.goto(detail)
        page.get_by_role("link", name=link).click()
        for field in page.locator("main form input.govuk-input").all():
            field.fill("")
        submit_empty_then(label)
        for name, d in dates:
            fill_date(page, name, d)
        for text_label, value in texts.items():
            page.get_by_label(text_label).fill(value)
        page.locator("main form [type=submit]").last.click()
        page.locator(".govuk-notification-banner").wait_for()
    for n in range(6):
        page.goto(detail)
        page.get_by_role("link", name="Record a session").click()
        if n == 0:
            submit_empty_then("session")
        fill_date(page, "held_on", on)
        page.get_by_label("Notes of the session").fill(f"Session {n + 1}")
        page.get_by_role("button", name="Record the session").click()

    # on hold and back: the pause is shown
    page.goto(detail)
    page.get_by_role("link", name="Put on hold").click()
    submit_empty_then("hold")
    fill_date(page, "changed_on", on)
    page.get_by_label("Reason").fill("Family illness")
    page.get_by_role("button", name="Put on hold").click()
    assert page.locator("[data-stage]").inner_text() == "On hold"
    assert "now (clocks paused)" in page.locator("main").inner_text()
    page.get_by_role("link", name="Resume").click()
    fill_date(page, "changed_on", on)
    page.get_by_role("button", name="Resume the assessment").click()
    assert page.locator("[data-stage]").inner_text() == "Stage 2 (Form F)"

    page.goto(detail)
    checklist = page.locator("#next-checklist").inner_text()
    assert "Missing" not in checklist and "Done Assessment sessions held" in checklist
    change_stage("Ready for panel")
    assert page.locator("[data-stage]").inner_text() == "Ready for panel"
    check_axe("detail, ready for panel")
    assert list(StageChange.objects.order_by("id").values_list("to_stage", flat=True)) == [
        "application",
        "stage1",
        "stage2",
        "on_hold",
        "stage2",
        "ready_for_panel",
    ]

    # the allocation, withdrawal and history pages
    for path in [
        "worker/change/",
        "members/add/",
        "previous-agency-reference/change/",
        "safeguarding-course/change/",
    ]:
        page.goto(f"{detail}{path}")
        check_axe(path)
        submit_empty_then(path)
    page.goto(f"{detail}withdraw/")
    check_axe("withdraw")
    submit_empty_then("withdraw")
    page.goto(f"{detail}history/")
    check_axe("history")
    assert "Assessment stage changed" in page.locator("main").inner_text()
    assert failures == {}
