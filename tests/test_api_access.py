"""Every API endpoint, for every role: another council's records never, their own exactly as far as they reach."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from fostering.accounts.permissions import ROLE_PERMISSIONS, Perm
from fostering.accounts.roles import Role
from fostering.accounts.services import api_token_issue
from fostering.api.api import api
from tests import builders
from tests.test_access import build_council, reaches

# path -> kind of record in {id} (None for paths without one)
READ_PATHS = {
    "/api/v1/me": None,
    "/api/v1/me/work": None,
    "/api/v1/people": None,
    "/api/v1/people/{id}": "person",
    "/api/v1/children": None,
    "/api/v1/children/{id}": "child",
    "/api/v1/children/{id}/care-history": "child",
    "/api/v1/placements": None,
    "/api/v1/placements/{id}": "placement",
    "/api/v1/placements/referrals": None,
    "/api/v1/placements/referrals/{id}": "referral",
    "/api/v1/placements/referrals/{id}/candidates": "referral",
    "/api/v1/placements/vacancies": None,
    "/api/v1/households": None,
    "/api/v1/households/{id}": "household",
    "/api/v1/enquiries": None,
    "/api/v1/enquiries/{id}": "enquiry",
    "/api/v1/information-events": None,
    "/api/v1/assessments": None,
    "/api/v1/assessments/{id}": "assessment",
    "/api/v1/kinship-assessments": None,
    "/api/v1/kinship-assessments/{id}": "kinship",
    "/api/v1/panel/meetings": None,
    "/api/v1/panel/meetings/{id}": "meeting",
    "/api/v1/panel/items/{id}": "item",
    "/api/v1/panel/decisions": None,
    "/api/v1/households/{id}/reviews": "household",
    "/api/v1/households/reviews/{id}": "review",
    "/api/v1/households/caseloads/{id}": "ssw",
    "/api/v1/concerns/allegations": None,
    "/api/v1/concerns/allegations/{id}": "allegation",
    "/api/v1/concerns/complaints": None,
    "/api/v1/concerns/complaints/{id}": "complaint",
    "/api/v1/payments/runs": None,
    "/api/v1/payments/runs/{id}": "payment_run",
    "/api/v1/payments/runs/{id}/lines": "payment_run",
    "/api/v1/payments/remittances": None,
    "/api/v1/payments/remittances/{id}": "remittance",
    "/api/v1/payments/queries": None,
    "/api/v1/payments/queries/{id}": "payment_query",
    "/api/v1/returns/903/validations": None,
    "/api/v1/indicators": None,
    "/api/v1/visits/children/{id}": "child",
    "/api/v1/visits/overdue": None,
}
# Paths keyed by something other than a record's id, each checked in its own test below.
OTHER_PATHS = {"/api/v1/indicators/{code}"}
WRITE_PATHS = {"/api/v1/households/{id}/supervision-visits": ("household", Perm.RECORD_SUPERVISION)}
LISTS = {"/api/v1/people": "person", "/api/v1/children": "child", "/api/v1/households": "household"}
LISTS |= {"/api/v1/concerns/allegations": "allegation", "/api/v1/concerns/complaints": "complaint"}
LISTS |= {"/api/v1/placements": "placement", "/api/v1/placements/referrals": "referral"}
LISTS |= {
    "/api/v1/payments/runs": "payment_run",
    "/api/v1/payments/remittances": "remittance",
    "/api/v1/payments/queries": "payment_query",
}


def test_every_endpoint_is_in_this_matrix():
    assert set(api.get_openapi_schema()["paths"]) == set(READ_PATHS) | set(WRITE_PATHS) | OTHER_PATHS


@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.value)
def test_an_indicator_opens_to_the_roles_that_read_indicators_and_only_their_councils(db, role):
    own, other = (builders.organisation("Own Council", "801"), builders.organisation("Other Council", "802"))
    user = builders.staff(own, role)
    mine = builders.approved_household(own, name="Own household")
    builders.approved_household(other, name="Their household")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {api_token_issue(user=user, by=None)}")
    response = client.get("/api/v1/indicators/FOS06")
    perms = ROLE_PERMISSIONS[role]
    if Perm.USE_API not in perms:
        assert response.status_code == 403
    elif Perm.VIEW_INDICATORS not in perms:
        assert response.status_code == 404
        assert client.get("/api/v1/indicators").json() == []
    else:
        body = response.json()
        assert body["numerator"] == 1
        assert body["numerator_records"] == (
            [{"kind": "household", "id": mine.pk}] if body["records_listed"] else []
        )


@pytest.fixture
def councils(db):
    return build_council(builders.organisation("Own Council", "801")), build_council(
        builders.organisation("Other Council", "802")
    )


@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.value)
def test_each_role_reaches_exactly_its_own_records_through_the_api(councils, role):
    own, other = councils
    user = own.staff[role]
    client = Client(HTTP_AUTHORIZATION=f"Bearer {api_token_issue(user=user, by=None)}")
    may_use = Perm.USE_API in ROLE_PERMISSIONS[role]
    for path, kind in READ_PATHS.items():
        if kind is None:
            response = client.get(path)
            assert response.status_code == (200 if may_use else 403), path
            continue
        theirs = client.get(path.format(id=other.records[kind].pk))
        assert theirs.status_code in (403, 404), f"{role} read {path} of another council"
        mine = client.get(path.format(id=own.records[kind].pk))
        expected = (
            200 if may_use and reaches(role, user, kind, own.records[kind]) else (404 if may_use else 403)
        )
        assert mine.status_code == expected, f"{role} {path}"
    if may_use:
        for path, kind in LISTS.items():
            ids = {item["id"] for item in client.get(path).json()["items"]}
            assert other.records[kind].pk not in ids, f"{role} listed another council's {kind}"
            assert (own.records[kind].pk in ids) == reaches(role, user, kind, own.records[kind]), (
                f"{role} {path}"
            )
    theirs_before = other.records["household"].supervision_visits.count()
    for path, (kind, perm) in WRITE_PATHS.items():
        body = json.dumps({"visited_on": "2024-06-03", "unannounced": False, "notes": ""})
        theirs = client.post(path.format(id=other.records[kind].pk), body, content_type="application/json")
        assert theirs.status_code in (403, 404)
        mine = client.post(path.format(id=own.records[kind].pk), body, content_type="application/json")
        allowed = may_use and reaches(role, user, kind, own.records[kind]) and perm in ROLE_PERMISSIONS[role]
        assert (mine.status_code == 201) == allowed, f"{role} {path}: {mine.status_code}"
    assert other.records["household"].supervision_visits.count() == theirs_before
