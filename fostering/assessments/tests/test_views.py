"""The pages: errors beside the field and nothing saved, the guard's missing items shown, fixed queries."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fostering.accounts.roles import Role
from fostering.assessments.choices import Stage
from fostering.assessments.models import Assessment, StageChange
from fostering.assessments.services import assessment_stage_change
from fostering.assessments.tests import factories
from fostering.people.models import Check

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager_client(client, service_manager):
    client.force_login(service_manager)
    return client


def _date(prefix, d):
    return {f"{prefix}_0": str(d.day), f"{prefix}_1": str(d.month), f"{prefix}_2": str(d.year)}


def test_starting_an_assessment_with_an_applicant_under_18_reshows_the_form_and_saves_nothing(manager_client):
    response = manager_client.post(
        reverse("assessments:add"),
        {
            "kind": "mainstream",
            "household_name": "Young household",
            "applicant_1_first_name": "Kim",
            "applicant_1_last_name": "Young",
            **_date("applicant_1_date_of_birth", date(2010, 1, 1)),
            **_date("application_accepted_on", date(2025, 1, 6)),
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Applicants must be 18 or over" in body and 'value="Young household"' in body
    assert not Assessment.objects.exists()


def test_starting_an_assessment_through_the_form(manager_client, council, make_staff):
    worker = make_staff(council, Role.ASSESSING_SOCIAL_WORKER)
    response = manager_client.post(
        reverse("assessments:add"),
        {
            "kind": "mainstream",
            "household_name": "Okafor household",
            "applicant_1_first_name": "Ada",
            "applicant_1_last_name": "Okafor",
            **_date("applicant_1_date_of_birth", date(1980, 1, 1)),
            "assessing_social_worker": str(worker.pk),
            **_date("application_accepted_on", date(2025, 1, 6)),
        },
    )
    assessment = Assessment.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "assessments:detail", args=[assessment.pk]
    )
    assert assessment.assessing_social_worker == worker
    page = manager_client.get(response["Location"]).content.decode()
    assert "3 March 2025" in page  # stage 1: 6 January 2025 + 8 weeks


def test_a_check_received_before_requested_is_shown_beside_the_field(manager_client, council):
    assessment = factories.application(council)
    member = assessment.household.members.get()
    response = manager_client.post(
        reverse("assessments:check_add", args=[assessment.pk]),
        {
            "member": str(member.pk),
            "kind": "dbs",
            **_date("requested_on", date(2025, 2, 10)),
            **_date("received_on", date(2025, 2, 3)),
            "outcome": "pending",
        },
    )
    assert response.status_code == 200
    assert "The date received must be on or after the date it was requested" in response.content.decode()
    assert not Check.objects.exists()


def test_the_stage_form_shows_what_is_missing(manager_client, council):
    assessment = factories.move(factories.application(council), Stage.STAGE1, on=factories.ACCEPTED)
    response = manager_client.post(
        reverse("assessments:stage_change", args=[assessment.pk]),
        {"to_stage": "stage2", **_date("changed_on", date(2025, 2, 1))},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Before Stage 2 (Form F): An assessing social worker allocated" in body
    assert StageChange.objects.count() == 2


def test_hold_and_resume_through_the_page_show_the_pause(manager_client, council):
    assessment = factories.application(council, accepted_on=date(2025, 1, 6))
    url = reverse("assessments:hold", args=[assessment.pk])
    assert (
        manager_client.post(url, {**_date("changed_on", date(2025, 2, 3)), "reason": "Illness"}).status_code
        == 302
    )
    assert manager_client.post(url, {**_date("changed_on", date(2025, 2, 10))}).status_code == 302
    assert Assessment.objects.get().stage == Stage.APPLICATION
    page = manager_client.get(reverse("assessments:detail", args=[assessment.pk])).content.decode()
    assert "7 days on hold" in page and "10 March 2025" in page  # 3 March + 7 days
    assert "3 February 2025 to 10 February 2025" in page


def test_withdrawal_with_an_aw_code(manager_client, council):
    assessment = factories.application(council)
    response = manager_client.post(
        reverse("assessments:withdraw", args=[assessment.pk]),
        {"withdrawal_reason": "AW4", **_date("changed_on", date(2025, 2, 3)), "reason": "Cost of living"},
    )
    assert response.status_code == 302
    assert Assessment.objects.values_list("stage", "withdrawal_reason").get() == ("withdrawn", "AW4")


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_list_runs_a_fixed_number_of_queries(client, council, make_staff):
    manager = make_staff(council, Role.ASSESSMENT_MANAGER)
    worker = make_staff(council, Role.ASSESSING_SOCIAL_WORKER)
    client.force_login(manager)
    factories.application(council, worker=worker, name="A0 household")
    few = _queries(client, reverse("assessments:list"))
    for n in range(6):
        factories.move(
            factories.application(council, worker=worker, name=f"A{n + 1} household"),
            Stage.STAGE1,
            on=factories.ACCEPTED,
        )
    many = _queries(client, reverse("assessments:list"))
    assert (few, many) == (8, 8)


def test_a_household_on_record_whose_assessment_was_withdrawn_applies_again(manager_client, council):
    first = factories.application(council, name="Returning household")
    assessment_stage_change(
        assessment=first,
        to_stage=Stage.WITHDRAWN,
        changed_on=date(2025, 2, 3),
        reason="Not now",
        withdrawal_reason="AW3",
        by=None,
    )
    response = manager_client.post(
        reverse("assessments:add"),
        {
            "kind": "mainstream",
            "household": str(first.household_id),
            **_date("application_accepted_on", date(2025, 9, 1)),
        },
    )
    again = Assessment.objects.exclude(pk=first.pk).get()
    assert response.status_code == 302 and again.household_id == first.household_id
    assert again.stage == Stage.APPLICATION
    # with the new assessment open, the household is no longer offered, and the form needs a new one
    response = manager_client.post(
        reverse("assessments:add"), {"kind": "mainstream", "household": str(first.household_id)}
    )
    body = response.content.decode()
    assert "Select a valid choice" in body
    assert Assessment.objects.count() == 2
