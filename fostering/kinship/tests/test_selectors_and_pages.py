"""Who sees which kinship assessments, the team's working list, My work, and the form pages."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fostering.accounts.roles import Role
from fostering.core.clock import today
from fostering.deadlines.items import work_items_for
from fostering.kinship.choices import AssessmentKind
from fostering.kinship.models import KinshipAssessment
from fostering.kinship.selectors import assessment_list_for_user
from fostering.kinship.tests import factories
from tests import builders

pytestmark = pytest.mark.django_db


def test_the_kinship_team_sees_all_its_councils_assessments_and_never_anothers(council, other_council):
    worker = builders.staff(council, Role.KINSHIP_WORKER)
    colleague = builders.staff(council, Role.KINSHIP_WORKER)
    mine = factories.assessment(council, worker=worker)
    theirs = factories.assessment(council, worker=colleague)
    elsewhere = factories.assessment(other_council)
    seen = set(assessment_list_for_user(user=worker))
    assert seen == {mine, theirs}
    assert elsewhere not in seen
    assert list(assessment_list_for_user(user=worker, worker=worker.pk)) == [mine]


def test_a_childs_social_worker_sees_only_the_assessments_for_their_children(council):
    csw = builders.staff(council, Role.CHILDS_SOCIAL_WORKER)
    theirs = factories.assessment(council, child=builders.child(council, social_worker=csw))
    factories.assessment(council, child=builders.child(council))
    assert list(assessment_list_for_user(user=csw)) == [theirs]


def test_roles_outside_kinship_see_none(council):
    factories.assessment(council)
    for role in (Role.SUPERVISING_SOCIAL_WORKER, Role.ASSESSING_SOCIAL_WORKER, Role.PAYMENTS_OFFICER):
        assert not assessment_list_for_user(user=builders.staff(council, role)).exists()


def test_the_list_filters_by_kind_and_stage(council):
    sgo = factories.assessment(council, kind=AssessmentKind.SGO)
    factories.assessment(council)
    manager = builders.staff(council, Role.SERVICE_MANAGER)
    assert list(assessment_list_for_user(user=manager, kind="sgo")) == [sgo]
    assert list(assessment_list_for_user(user=manager, status="full_assessment")) == [sgo]


def test_my_work_holds_the_workers_own_regulation_24_clocks(council):
    worker = builders.staff(council, Role.KINSHIP_WORKER)
    colleague = builders.staff(council, Role.KINSHIP_WORKER)
    on = today()
    placed = on - timedelta(weeks=15)
    factories.assessment(
        council,
        worker=worker,
        started_on=placed,
        placed_on=placed,
        child=builders.child(council, first_name="Mia"),
    )
    factories.assessment(
        council,
        worker=colleague,
        started_on=placed,
        placed_on=placed,
        child=builders.child(council, first_name="Zoe"),
    )
    items = work_items_for(worker, on)
    kinship = [item for item in items if "/kinship/" in item.url]
    assert {item.title for item in kinship} == {
        "Regulation 24 temporary approval ends",
        "Assessment to panel or court before approval lapses",
    }
    assert all(item.subject.startswith("Mia ") for item in kinship)
    assert all(item.deadline.due == placed + timedelta(weeks=16) for item in kinship)
    assert all(item.deadline.status.value == "due_soon" for item in kinship)


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_working_list_runs_a_fixed_number_of_queries(client, council):
    worker = builders.staff(council, Role.KINSHIP_WORKER)
    factories.assessment(council, worker=worker, placed_on=date(2025, 1, 6))
    client.force_login(worker)
    url = reverse("kinship:list") + f"?worker={worker.pk}&kind=connected_person"
    few = _queries(client, url)
    for n in range(6):
        factories.assessment(council, worker=worker, placed_on=date(2025, 1, 6) if n % 2 else None)
    many = _queries(client, url)
    assert (few, many) == (8, 8)  # 7 reads and the one insert of the read audit


def test_the_list_shows_days_left_and_a_lapsed_placement(client, council):
    manager = builders.staff(council, Role.SERVICE_MANAGER)
    on = today()
    factories.assessment(
        council,
        name="Lapsed household",
        started_on=on - timedelta(weeks=20),
        placed_on=on - timedelta(weeks=17),
    )
    factories.assessment(
        council, name="Fresh household", started_on=on - timedelta(days=14), placed_on=on - timedelta(days=14)
    )
    client.force_login(manager)
    body = client.get(reverse("kinship:list")).content.decode()
    assert "lapsed 7 days ago" in body
    assert "98 days left" in body


def test_a_lapsed_placement_is_told_plainly_on_the_page(client, council):
    manager = builders.staff(council, Role.SERVICE_MANAGER)
    on = today()
    assessment = factories.assessment(
        council,
        name="Lapsed household",
        started_on=on - timedelta(weeks=20),
        placed_on=on - timedelta(weeks=17),
    )
    client.force_login(manager)
    body = client.get(reverse("kinship:detail", args=[assessment.pk])).content.decode()
    assert "The placement with Lapsed household must end, or the child be placed elsewhere." in body


def test_a_future_placement_date_is_shown_beside_the_field_and_nothing_saved(client, council):
    manager = builders.staff(council, Role.SERVICE_MANAGER)
    assessment = factories.assessment(council)
    client.force_login(manager)
    future = today() + timedelta(days=3)
    response = client.post(
        reverse("kinship:placement", args=[assessment.pk]),
        {"placed_on_0": future.day, "placed_on_1": future.month, "placed_on_2": future.year},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body and "The date must be today or in the past" in body
    assessment.refresh_from_db()
    assert assessment.placed_on is None


def test_a_new_assessment_is_started_through_the_form(client, council):
    worker = builders.staff(council, Role.KINSHIP_WORKER)
    child = builders.child(council, first_name="Ella")
    client.force_login(worker)
    response = client.post(
        reverse("kinship:start"),
        {
            "child": child.pk,
            "kind": "connected_person",
            "carer_first_name": "Jean",
            "carer_last_name": "Brown",
            "relationship": "Maternal grandmother",
            "started_on_0": "2",
            "started_on_1": "1",
            "started_on_2": "2025",
            "social_worker": worker.pk,
        },
    )
    assessment = KinshipAssessment.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "kinship:detail", args=[assessment.pk]
    )
    assert (assessment.child, assessment.social_worker, assessment.relationship) == (
        child,
        worker,
        "Maternal grandmother",
    )
