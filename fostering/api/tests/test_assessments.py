from datetime import date

import pytest

from fostering.accounts.roles import Role
from fostering.assessments.choices import Stage
from fostering.assessments.services import assessment_stage_change
from fostering.assessments.tests import factories

pytestmark = pytest.mark.django_db


def ids(response):
    assert response.status_code == 200
    return sorted(row["id"] for row in response.json()["items"])


def test_an_assessing_social_worker_lists_only_their_own(
    council_a, council_b, make_staff, client_for, manager_a
):
    worker = make_staff(council_a, Role.ASSESSING_SOCIAL_WORKER)
    mine = factories.application(council_a, worker=worker, name="Mine household")
    theirs = factories.application(council_a, name="Theirs household")
    elsewhere = factories.application(council_b, name="Elsewhere household")
    client = client_for(worker)
    assert ids(client.get("/api/v1/assessments")) == [mine.pk]
    assert client.get(f"/api/v1/assessments/{theirs.pk}").status_code == 404
    manager = client_for(manager_a)
    assert ids(manager.get("/api/v1/assessments")) == sorted([mine.pk, theirs.pk])
    assert ids(manager.get(f"/api/v1/assessments?worker={worker.pk}")) == [mine.pk]
    assert ids(manager.get("/api/v1/assessments?stage=stage1")) == []
    assert manager.get(f"/api/v1/assessments/{elsewhere.pk}").status_code == 404


def test_the_detail_has_the_paused_clocks_and_what_is_missing(council_a, client_for, manager_a):
    assessment = factories.application(council_a, accepted_on=date(2026, 1, 5), name="Okafor household")
    assessment_stage_change(
        assessment=assessment, to_stage=Stage.ON_HOLD, changed_on=date(2026, 1, 12), reason="Illness", by=None
    )
    assessment_stage_change(
        assessment=assessment, to_stage=Stage.APPLICATION, changed_on=date(2026, 1, 19), by=None
    )
    body = client_for(manager_a).get(f"/api/v1/assessments/{assessment.pk}").json()
    assert body["name"] == "Okafor household"
    assert body["stage"] == "application"
    assert [(d["rule"], d["due"], d["met_on"], d["paused_days"]) for d in body["deadlines"]] == [
        ("stage1_complete", "2026-03-09", None, 7),
        ("assessment_complete", "2026-05-04", None, 7),
    ]
    assert body["next_stage"] == "stage1"
    assert body["missing_for_next_stage"] == []
    assert [m["requirement"] for m in body["missing_for_panel"]] == [
        "allocated",
        "checks_clear",
        "skills_to_foster",
        "mentor_offered",
        "agreement_signed",
        "sessions",
    ]
    assert body["sessions_held"] == 0
