from datetime import date

import pytest
from django.urls import reverse

from fostering.accounts.roles import Role
from fostering.accounts.services import membership_grant

pytestmark = pytest.mark.django_db


def test_me_shows_the_user_and_their_roles_in_each_organisation(council_a, council_b, manager_a, client_for):
    # given a service manager of council A who is also a panel member of council B
    membership_grant(
        user=manager_a, organisation=council_b, role=Role.PANEL_MEMBER, started_on=date(2023, 1, 1), by=None
    )
    # when
    response = client_for(manager_a).get("/api/v1/me")
    # then
    assert response.status_code == 200
    assert response.json() == {
        "username": "manager.a",
        "name": "Maya Okafor",
        "memberships": [
            {
                "organisation": {"id": council_b.pk, "name": "Ambridge Borough Council", "code": "991"},
                "role": "panel_member",
                "role_label": "Panel member",
            },
            {
                "organisation": {"id": council_a.pk, "name": "Wrexfordshire County Council", "code": "990"},
                "role": "service_manager",
                "role_label": "Service manager",
            },
        ],
    }


def test_my_work_lists_the_clocks_of_my_households_soonest_first(
    council_a, make_staff, make_household, client_for, monkeypatch
):
    # given a supervising social worker with one household approved on 10 January 2024, no visits yet
    ssw = make_staff(council_a, Role.SUPERVISING_SOCIAL_WORKER)
    fh = make_household(council_a, name="Patel household", approved_on=date(2024, 1, 10), ssw=ssw)
    make_household(council_a, name="Other household")  # not theirs
    monkeypatch.setattr("fostering.core.clock.today", lambda: date(2024, 2, 1))
    # when
    response = client_for(ssw).get("/api/v1/me/work")
    # then
    assert response.status_code == 200
    url = reverse("households:detail", args=[fh.pk])
    assert response.json() == {
        "counts": {"on_track": 4, "due_soon": 0, "overdue": 0, "met": 0, "met_late": 0},
        "items": [
            {
                "title": "Supervision visit",
                "subject": "Patel household",
                "url": url,
                "organisation_id": council_a.pk,
                "deadline": {
                    "rule": "supervision",
                    "due": "2024-02-21",
                    "met_on": None,
                    "status": "on_track",
                },
            },
            {
                "title": "Complete the TSD standards",
                "subject": "Sam Patel, Patel household",
                "url": url,
                "organisation_id": council_a.pk,
                "deadline": {
                    "rule": "tsd_standards",
                    "due": "2025-01-10",
                    "met_on": None,
                    "status": "on_track",
                },
            },
            {
                "title": "Household review",
                "subject": "Patel household",
                "url": url,
                "organisation_id": council_a.pk,
                "deadline": {
                    "rule": "annual_review",
                    "due": "2025-01-10",
                    "met_on": None,
                    "status": "on_track",
                },
            },
            {
                "title": "Unannounced visit",
                "subject": "Patel household",
                "url": url,
                "organisation_id": council_a.pk,
                "deadline": {
                    "rule": "unannounced_visit",
                    "due": "2025-01-10",
                    "met_on": None,
                    "status": "on_track",
                },
            },
        ],
    }
