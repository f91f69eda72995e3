from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from fostering.accounts.roles import Role
from fostering.accounts.services import api_token_issue
from fostering.audit.models import AuditEvent
from fostering.households.models import SupervisionVisit

pytestmark = pytest.mark.django_db


def post_visit(client, fh, **body):
    return client.post(
        f"/api/v1/households/{fh.pk}/supervision-visits", body, content_type="application/json"
    )


def test_the_supervising_social_worker_records_a_visit(council_a, make_staff, make_household, client_for):
    # given
    ssw = make_staff(council_a, Role.SUPERVISING_SOCIAL_WORKER, first_name="Dee", last_name="Grant")
    fh = make_household(council_a, approved_on=date(2024, 1, 10), ssw=ssw)
    # when
    response = post_visit(
        client_for(ssw), fh, visited_on="2024-02-15", unannounced=True, notes="Met both carers"
    )
    # then
    assert response.status_code == 201
    visit = SupervisionVisit.objects.get()
    assert response.json() == {
        "id": visit.pk,
        "household_id": fh.pk,
        "visited_on": "2024-02-15",
        "visited_by": {"id": ssw.pk, "name": "Dee Grant"},
        "unannounced": True,
        "notes": "Met both carers",
    }
    assert (visit.visited_by, visit.created_by, visit.unannounced) == (ssw, ssw, True)
    assert AuditEvent.objects.get(verb="supervision_visit_recorded").actor == ssw


def test_a_visit_in_the_future_is_422_and_nothing_is_saved(council_a, manager_a, make_household, client_for):
    fh = make_household(council_a)
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = post_visit(client_for(manager_a), fh, visited_on=tomorrow.isoformat())
    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {
                "type": "value_error",
                "loc": ["body", "visited_on"],
                "msg": "The date must be today or in the past",
            }
        ]
    }
    assert not SupervisionVisit.objects.exists()
    assert not AuditEvent.objects.filter(verb="supervision_visit_recorded").exists()


def test_a_visit_before_approval_is_422(council_a, manager_a, make_household, client_for):
    fh = make_household(council_a, approved_on=date(2024, 1, 10))
    response = post_visit(client_for(manager_a), fh, visited_on="2024-01-09")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "visited_on"]
    assert not SupervisionVisit.objects.exists()


def test_a_malformed_body_is_422_in_the_same_shape(council_a, manager_a, make_household, client_for):
    fh = make_household(council_a)
    client = client_for(manager_a)
    missing = post_visit(client, fh, unannounced=True)
    not_a_date = post_visit(client, fh, visited_on="last Tuesday")
    assert missing.status_code == not_a_date.status_code == 422
    assert missing.json()["detail"][0]["loc"] == ["body", "visited_on"]
    assert not_a_date.json()["detail"][0]["loc"] == ["body", "visited_on"]
    assert not SupervisionVisit.objects.exists()


def test_body_that_is_not_json_is_400(council_a, manager_a, make_household, client_for):
    fh = make_household(council_a)
    response = client_for(manager_a).post(
        f"/api/v1/households/{fh.pk}/supervision-visits", "{not json", content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json() == {"detail": "Cannot parse request body"}


def test_a_role_that_may_see_but_not_supervise_is_403_and_nothing_is_saved(
    council_a, make_staff, make_household, client_for
):
    # given a duty worker, who may see every household of the council but not record supervision
    duty = make_staff(council_a, Role.DUTY_WORKER)
    fh = make_household(council_a)
    # when
    response = post_visit(client_for(duty), fh, visited_on="2024-02-15")
    # then
    assert response.status_code == 403
    assert response.json() == {"detail": "You do not have permission to record supervision."}
    assert not SupervisionVisit.objects.exists()


def test_another_councils_household_is_404(council_b, manager_a, make_household, client_for):
    fh = make_household(council_b)
    response = post_visit(client_for(manager_a), fh, visited_on="2024-02-15")
    assert response.status_code == 404
    assert not SupervisionVisit.objects.exists()


def test_a_household_not_allocated_to_the_social_worker_is_404(
    council_a, make_staff, make_household, client_for
):
    ssw = make_staff(council_a, Role.SUPERVISING_SOCIAL_WORKER)
    fh = make_household(council_a, ssw=make_staff(council_a, Role.SUPERVISING_SOCIAL_WORKER))
    assert post_visit(client_for(ssw), fh, visited_on="2024-02-15").status_code == 404
    assert not SupervisionVisit.objects.exists()


def test_posting_needs_no_csrf_token_because_the_api_takes_no_sessions(council_a, manager_a, make_household):
    # given a client that enforces CSRF and is also signed in to the web pages
    fh = make_household(council_a)
    token = api_token_issue(user=manager_a, by=None)
    client = Client(enforce_csrf_checks=True, headers={"Authorization": f"Bearer {token}"})
    client.force_login(manager_a)
    # when / then
    assert post_visit(client, fh, visited_on="2024-02-15").status_code == 201


def test_a_signed_in_session_cannot_post_without_a_token(council_a, manager_a, make_household):
    fh = make_household(council_a)
    client = Client()
    client.force_login(manager_a)
    assert post_visit(client, fh, visited_on="2024-02-15").status_code == 401
    assert not SupervisionVisit.objects.exists()
