"""The visits API: a child's social workers, visits and clock; the overdue list for those who allocate."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from fostering.accounts.roles import Role
from fostering.accounts.services import api_token_issue
from fostering.audit.models import AuditEvent
from fostering.visits.services import allocate_social_worker, visit_record
from tests import builders

pytestmark = pytest.mark.django_db


def _client(user):
    return Client(HTTP_AUTHORIZATION=f"Bearer {api_token_issue(user=user, by=None)}")


def test_a_childs_visits_and_social_workers_read_through_the_api(council, service_manager):
    worker = builders.staff(council, Role.CHILDS_SOCIAL_WORKER, first_name="Sam", last_name="Okafor")
    child = builders.child(council, social_worker=worker)
    builders.in_care(child, started_on=date(2024, 1, 20))
    builders.placement(child, builders.approved_household(council), started_on=date(2024, 2, 1))
    allocate_social_worker(
        child=child, worker=worker, on=date(2024, 1, 20), reason="FCONTA", sw_id="SW1001", by=None
    )
    visit_record(child=child, visited_on=date(2024, 2, 6), seen_alone=True, place="school", by=worker)
    body = _client(worker).get(f"/api/v1/visits/children/{child.pk}").json()
    assert body["social_workers"] == [
        {
            "worker": {"id": worker.pk, "name": str(worker)},
            "sw_id": "SW1001",
            "started_on": "2024-01-20",
            "ended_on": None,
            "reason": "FCONTA",
        }
    ]
    assert [(v["visited_on"], v["place"], v["seen_alone"]) for v in body["visits"]] == [
        ("2024-02-06", "school", True)
    ]
    assert [d["rule"] for d in body["deadlines"]] == ["child_visit"]
    assert AuditEvent.objects.filter(verb="viewed", note="api:child_visits", actor=worker).count() == 1
    overdue = _client(service_manager).get("/api/v1/visits/overdue").json()
    assert [row["child_id"] for row in overdue] == [child.pk]  # the 6 weeks from February 2024 are long past
    iro = builders.staff(council, Role.IRO)
    assert _client(iro).get("/api/v1/visits/overdue").json() == []
