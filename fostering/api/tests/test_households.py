from datetime import date

import pytest

from fostering.accounts.roles import Role
from fostering.households.choices import CarerType, HouseholdStatus, ResignationReason
from fostering.households.services import household_status_change, supervision_visit_record
from fostering.people.choices import CheckKind, CheckOutcome
from fostering.people.services import check_record

pytestmark = pytest.mark.django_db


def ids(response):
    assert response.status_code == 200
    return sorted(row["id"] for row in response.json()["items"])


def test_a_supervising_social_worker_sees_only_the_households_allocated_to_them(
    council_a, make_staff, make_household, client_for
):
    # given two supervising social workers of one council, each with a household
    ssw = make_staff(council_a, Role.SUPERVISING_SOCIAL_WORKER)
    colleague = make_staff(council_a, Role.SUPERVISING_SOCIAL_WORKER)
    mine = make_household(council_a, ssw=ssw)
    theirs = make_household(council_a, ssw=colleague)
    make_household(council_a)  # unallocated
    client = client_for(ssw)
    # when / then
    assert ids(client.get("/api/v1/households")) == [mine.pk]
    assert client.get(f"/api/v1/households/{mine.pk}").status_code == 200
    assert client.get(f"/api/v1/households/{theirs.pk}").status_code == 404


def test_a_service_manager_sees_all_the_councils_households_and_none_of_anothers(
    council_a, council_b, manager_a, make_staff, make_household, client_for
):
    ssw = make_staff(council_a, Role.SUPERVISING_SOCIAL_WORKER)
    allocated = make_household(council_a, ssw=ssw)
    unallocated = make_household(council_a)
    elsewhere = make_household(council_b)
    client = client_for(manager_a)
    assert ids(client.get("/api/v1/households")) == sorted([allocated.pk, unallocated.pk])
    response = client.get(f"/api/v1/households/{elsewhere.pk}")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not Found"}


def test_households_list_shows_the_current_terms_of_approval(
    council_a, manager_a, make_staff, make_household, client_for
):
    ssw = make_staff(council_a, Role.SUPERVISING_SOCIAL_WORKER, first_name="Dee", last_name="Grant")
    fh = make_household(council_a, name="Patel household", approved_on=date(2024, 1, 10), ssw=ssw)
    body = client_for(manager_a).get("/api/v1/households").json()
    assert body == {
        "count": 1,
        "items": [
            {
                "id": fh.pk,
                "organisation_id": council_a.pk,
                "reference": fh.reference,
                "name": "Patel household",
                "carer_type": "mainstream",
                "status": "available",
                "approved_on": "2024-01-10",
                "postcode": "LE3 8RF",
                "supervising_social_worker": {"id": ssw.pk, "name": "Dee Grant"},
                "terms_of_approval": {
                    "effective_from": "2024-01-10",
                    "number_of_children": 2,
                    "age_min": 0,
                    "age_max": 18,
                    "placement_types": ["short_term", "long_term"],
                    "sibling_group_max": 2,
                    "named_child_id": None,
                },
            }
        ],
    }


def test_households_filter_by_status_and_carer_type(council_a, manager_a, make_household, client_for):
    available = make_household(council_a)
    short_breaks = make_household(council_a, carer_type=CarerType.SHORT_BREAKS)
    resigned = make_household(council_a)
    household_status_change(
        fostering_household=resigned,
        to_status=HouseholdStatus.RESIGNED,
        resignation_reason=ResignationReason.RETIREMENT,
        changed_on=date(2024, 6, 1),
        reason="Retiring",
        by=None,
    )
    client = client_for(manager_a)
    assert ids(client.get("/api/v1/households", {"status": "open"})) == sorted(
        [available.pk, short_breaks.pk]
    )
    assert ids(client.get("/api/v1/households", {"status": "resigned"})) == [resigned.pk]
    assert ids(client.get("/api/v1/households", {"carer_type": "short_breaks"})) == [short_breaks.pk]
    assert client.get("/api/v1/households", {"status": "closed"}).status_code == 422


def test_household_detail_has_its_clocks_renewals_and_members(
    council_a, manager_a, make_household, client_for, monkeypatch
):
    # given a household approved on 10 January 2024 with no visits or reviews, whose carer's DBS and
    # medical came back clear in 2023
    fh = make_household(council_a, name="Patel household", approved_on=date(2024, 1, 10))
    carer = fh.household.members.get()
    check_record(
        member=carer,
        kind=CheckKind.DBS,
        requested_on=date(2023, 5, 1),
        received_on=date(2023, 6, 1),
        outcome=CheckOutcome.CLEAR,
        by=None,
    )
    check_record(
        member=carer,
        kind=CheckKind.MEDICAL,
        requested_on=date(2023, 4, 1),
        received_on=date(2023, 5, 2),
        outcome=CheckOutcome.CLEAR,
        by=None,
    )
    monkeypatch.setattr("fostering.core.clock.today", lambda: date(2024, 2, 1))
    # when
    response = client_for(manager_a).get(f"/api/v1/households/{fh.pk}")
    # then supervision is due 42 days after approval, the review, unannounced visit and TSD 12 months after
    assert response.status_code == 200
    body = response.json()
    assert body["deadlines"] == [
        {
            "rule": "supervision",
            "title": "Supervision visit",
            "subject": None,
            "due": "2024-02-21",
            "met_on": None,
            "status": "on_track",
        },
        {
            "rule": "unannounced_visit",
            "title": "Unannounced visit",
            "subject": None,
            "due": "2025-01-10",
            "met_on": None,
            "status": "on_track",
        },
        {
            "rule": "annual_review",
            "title": "Household review",
            "subject": None,
            "due": "2025-01-10",
            "met_on": None,
            "status": "on_track",
        },
        {
            "rule": "tsd_standards",
            "title": "Complete the TSD standards",
            "subject": "Sam Patel",
            "due": "2025-01-10",
            "met_on": None,
            "status": "on_track",
        },
        {
            "rule": "medical_renewal",
            "title": "Renew the carer's medical",
            "subject": "Sam Patel",
            "due": "2025-05-02",
            "met_on": None,
            "status": "on_track",
        },
        {
            "rule": "dbs_renewal",
            "title": "Renew the DBS check",
            "subject": "Sam Patel",
            "due": "2026-06-01",
            "met_on": None,
            "status": "on_track",
        },
    ]
    assert body["members"] == [
        {"person_id": carer.person_id, "name": "Sam Patel", "role": "carer", "joined_on": "2015-01-01"}
    ]


def test_supervision_clock_restarts_from_the_last_visit(council_a, manager_a, make_household, client_for):
    fh = make_household(council_a, approved_on=date(2024, 1, 10))
    supervision_visit_record(
        fostering_household=fh, visited_on=date(2024, 3, 1), visited_by=manager_a, by=None
    )
    deadlines = client_for(manager_a).get(f"/api/v1/households/{fh.pk}").json()["deadlines"]
    assert [d["due"] for d in deadlines if d["rule"] == "supervision"] == ["2024-04-12"]


def test_a_closed_household_has_no_open_clocks(council_a, manager_a, make_household, client_for):
    fh = make_household(council_a)
    household_status_change(
        fostering_household=fh,
        to_status=HouseholdStatus.DEREGISTERED,
        changed_on=date(2024, 6, 1),
        reason="Panel recommendation",
        by=None,
    )
    assert client_for(manager_a).get(f"/api/v1/households/{fh.pk}").json()["deadlines"] == []


@pytest.mark.parametrize("rows", [1, 10])
def test_households_list_runs_a_fixed_number_of_queries(
    council_a, manager_a, make_staff, make_household, client_for, django_assert_num_queries, rows
):
    for _ in range(rows):
        make_household(council_a, ssw=make_staff(council_a, Role.SUPERVISING_SOCIAL_WORKER))
    client = client_for(manager_a)
    # token, last used, memberships, count, page (household and social worker joined), current terms
    with django_assert_num_queries(6):
        response = client.get("/api/v1/households")
    assert len(response.json()["items"]) == rows


def test_a_review_its_views_and_a_caseload_through_the_api(
    council_a, manager_a, make_staff, make_household, client_for
):
    from fostering.households.life import review_view_record
    from tests import builders

    ssw = make_staff(council_a, Role.SUPERVISING_SOCIAL_WORKER)
    fh = make_household(council_a, name="Ahmed household", approved_on=date(2024, 1, 10), ssw=ssw)
    review = builders.household_review(fh, held_on=date(2025, 1, 8))
    review_view_record(
        review=review,
        source="iro",
        given_by="Iris Iro",
        given_on=date(2025, 1, 2),
        summary="No concerns.",
        by=None,
    )
    client = client_for(manager_a)
    (row,) = client.get(f"/api/v1/households/{fh.pk}/reviews").json()
    assert (row["kind"], row["needs_panel"], row["held_on"]) == ("first", True, "2025-01-08")
    detail = client.get(f"/api/v1/households/reviews/{review.pk}").json()
    assert detail["views"] == [
        {"source": "iro", "given_by": "Iris Iro", "given_on": "2025-01-02", "summary": "No concerns."}
    ]
    assert [d["rule"] for d in detail["deadlines"]] == ["annual_review"]
    assert detail["deadlines"][0]["due"] == "2026-01-08"
    caseload = client.get(f"/api/v1/households/caseloads/{ssw.pk}").json()
    assert [h["name"] for h in caseload["households"]] == ["Ahmed household"]
    assert "supervision" in {d["rule"] for d in caseload["households"][0]["deadlines"]}
    # another supervising social worker cannot read this caseload
    assert (
        client_for(make_staff(council_a, Role.SUPERVISING_SOCIAL_WORKER))
        .get(f"/api/v1/households/caseloads/{ssw.pk}")
        .status_code
        == 404
    )
