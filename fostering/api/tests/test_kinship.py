from datetime import date

import pytest

from fostering.accounts.roles import Role
from fostering.kinship import services
from fostering.kinship.tests import factories

pytestmark = pytest.mark.django_db


def test_a_kinship_worker_lists_the_councils_open_assessments_and_none_of_anothers(
    council_a, council_b, make_staff, client_for
):
    worker = make_staff(council_a, Role.KINSHIP_WORKER)
    colleague = make_staff(council_a, Role.KINSHIP_WORKER)
    mine = factories.assessment(council_a, worker=worker)
    theirs = factories.assessment(council_a, worker=colleague)
    elsewhere = factories.assessment(council_b)
    client = client_for(worker)
    response = client.get("/api/v1/kinship-assessments")
    assert response.status_code == 200
    assert sorted(row["id"] for row in response.json()["items"]) == sorted([mine.pk, theirs.pk])
    only_mine = client.get(f"/api/v1/kinship-assessments?worker={worker.pk}").json()["items"]
    assert [row["id"] for row in only_mine] == [mine.pk]
    assert client.get(f"/api/v1/kinship-assessments/{elsewhere.pk}").status_code == 404


def test_the_detail_gives_the_regulation_24_and_25_deadlines(council_a, make_staff, client_for, monkeypatch):
    monkeypatch.setattr("fostering.core.clock.today", lambda: date(2025, 5, 1))
    adm = make_staff(council_a, Role.AGENCY_DECISION_MAKER)
    assessment = factories.assessment(council_a, placed_on=date(2025, 1, 6), relationship="Aunt")
    on = date(2025, 4, 14)
    services.panel_views_record(assessment=assessment, sought_on=on, by=None)
    services.iro_informed_record(assessment=assessment, informed_on=on, by=None)
    services.nominated_officer_approve(assessment=assessment, approved_on=on, by=adm)
    services.extension_grant(assessment=assessment, granted_on=date(2025, 4, 15), by=None)
    response = client_for(adm).get(f"/api/v1/kinship-assessments/{assessment.pk}")
    assert response.status_code == 200
    body = response.json()
    assert (body["relationship"], body["kind"], body["stage"]) == ("Aunt", "connected_person", "viability")
    assert body["approval_lapses_on"] == "2025-06-23"
    assert body["nominated_officer"]["id"] == adm.pk
    assert body["deadlines"] == [
        {"rule": "reg24_approval", "due": "2025-04-28", "met_on": "2025-04-15", "status": "met"},
        {"rule": "reg25_extension", "due": "2025-06-23", "met_on": None, "status": "on_track"},
    ]


def test_a_childs_social_worker_reads_only_the_assessments_for_their_children(
    council_a, make_staff, make_child, client_for
):
    csw = make_staff(council_a, Role.CHILDS_SOCIAL_WORKER)
    theirs = factories.assessment(council_a, child=make_child(council_a, social_worker=csw))
    other = factories.assessment(council_a)
    client = client_for(csw)
    assert [row["id"] for row in client.get("/api/v1/kinship-assessments").json()["items"]] == [theirs.pk]
    assert client.get(f"/api/v1/kinship-assessments/{other.pk}").status_code == 404
