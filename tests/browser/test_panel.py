"""A ready assessment goes through the fostering panel and the agency decision maker to an approved household,
in a real browser, with axe on every page."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from fostering.accounts.roles import Role
from fostering.assessments.choices import Stage
from fostering.assessments.tests import factories as assessment_factories
from fostering.core.clock import today
from fostering.households.models import FosteringHousehold
from fostering.reporting.funnel import funnel
from tests import builders

pytestmark = pytest.mark.django_db(transaction=True)


def fill_date(page, name: str, d: date) -> None:
    page.fill(f'input[name="{name}_0"]', str(d.day))
    page.fill(f'input[name="{name}_1"]', str(d.month))
    page.fill(f'input[name="{name}_2"]', str(d.year))


def test_a_ready_assessment_goes_through_panel_and_the_adm_to_approval(page, sign_in, axe):
    council = builders.organisation()
    administrator = builders.staff(council, Role.PANEL_ADMINISTRATOR, first_name="Pat", last_name="Admin")
    adm = builders.staff(council, Role.AGENCY_DECISION_MAKER, first_name="Dee", last_name="Cider")
    manager = builders.staff(council, Role.SERVICE_MANAGER, first_name="Morgan", last_name="Manager")
    ssw = builders.staff(
        council, Role.SUPERVISING_SOCIAL_WORKER, first_name="Siobhan", last_name="Supervisor"
    )
    worker = builders.staff(council, Role.ASSESSING_SOCIAL_WORKER, first_name="Asha", last_name="Worker")
    members = builders.panel_members(council)
    on = today()
    assessment = assessment_factories.application(
        council, worker=worker, name="Adeyemi household", accepted_on=on - timedelta(days=120)
    )
    assessment_factories.ready_to_move_to_panel(assessment, on - timedelta(days=30))
    assessment_factories.move(
        assessment, Stage.STAGE1, Stage.STAGE2, Stage.READY_FOR_PANEL, on=on - timedelta(days=30)
    )
    failures: dict[str, list] = {}

    def check_axe(label: str) -> None:
        assert page.locator("h1").count() == 1, label
        if violations := axe(page):
            failures[label] = violations

    def submit(button: str) -> None:
        with page.expect_navigation():
            page.get_by_role("button", name=button).click()

    sign_in(page, administrator)
    page.goto("/panel/")
    check_axe("meetings")
    page.get_by_role("link", name="Plan a panel meeting").click()
    check_axe("plan a meeting")
    fill_date(page, "meets_on", on)
    page.get_by_label("Start time").fill("10:00")
    page.get_by_label("Hybrid").check()
    page.get_by_label("Where").fill("Committee Room 2, County Hall")
    submit("Plan the meeting")
    assert "now invite the members" in page.locator(".govuk-notification-banner").inner_text()
    check_axe("meeting")

    page.get_by_role("link", name="Add a case to the agenda").click()
    check_axe("add a case")
    page.locator('select[name="case"]').select_option(f"approval:{assessment.pk}")
    page.locator('select[name="supervising_social_worker"]').select_option(str(ssw.pk))
    submit("Add to the agenda")

    page.get_by_role("link", name="Invite members").click()
    check_axe("invite")
    for member in members:
        page.get_by_label(f"{member.user.get_full_name()}, {member.get_role_display().lower()}").check()
    submit("Save who is invited")

    page.get_by_role("link", name="Record the papers as sent").click()
    fill_date(page, "sent_on", on)
    submit("Record the papers as sent")
    assert "Sent " in page.locator("main").inner_text()

    page.get_by_role("link", name="Record the meeting as held, with who attended").click()
    check_axe("held")
    for member in members:
        page.get_by_label(f"{member.user.get_full_name()}, {member.get_role_display().lower()}").check()
    submit("Record the meeting as held")

    page.get_by_role("link", name="Adeyemi household").click()
    check_axe("item")
    page.get_by_role("link", name="Read the papers").click()
    assert "Recommendation sought" in page.locator("main").inner_text()
    check_axe("papers")
    page.go_back()
    page.get_by_role("link", name="Record who sat for this item").click()
    check_axe("sitting")
    submit("Save who sat")
    assert "Quorate." in page.locator("main").inner_text()

    page.get_by_role("link", name="Record the panel's recommendation").click()
    check_axe("recommendation")
    page.get_by_label("Approve with terms").check()
    page.get_by_label("Reasons").fill("Warm, reflective applicants with strong support")
    page.get_by_label("Terms: number of children").fill("2")
    page.get_by_label("Terms: youngest age").fill("0")
    page.get_by_label("Terms: oldest age").fill("10")
    page.get_by_label("Short-term").check()
    page.get_by_label("Terms: largest sibling group").fill("2")
    submit("Record the recommendation")
    assert "The recommendation has been recorded" in page.locator(".govuk-notification-banner").inner_text()

    sign_in(page, adm)
    page.goto("/panel/decisions/")
    check_axe("decisions")
    page.get_by_role("link", name="Adeyemi household").click()
    page.get_by_role("link", name="Record the decision").click()
    check_axe("decision")
    page.get_by_label("Agree with the recommendation").check()
    fill_date(page, "decided_on", on)
    submit("Record the decision")
    assert "The decision has been recorded" in page.locator(".govuk-notification-banner").inner_text()

    fh = FosteringHousehold.objects.get(household=assessment.household)
    sign_in(page, manager)
    page.goto(f"/households/{fh.pk}/")
    check_axe("approved household")
    main = page.locator("main").inner_text()
    assert "Adeyemi household" in main and "Available" in main
    assert "2, aged 0 to 10" in main and "Short-term" in main
    assert "Siobhan Supervisor" in main
    assert failures == {}
    # the recruitment funnel counts the approval of the household that was assessed
    counted = funnel(organisation_ids=[council.pk], start=on - timedelta(days=200), end=on)
    assert (counted.total.counts["panel_ready"], counted.total.counts["approvals"]) == (1, 1)
