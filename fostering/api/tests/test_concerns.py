from datetime import date

import pytest

from fostering.accounts.roles import Role
from tests import builders

pytestmark = pytest.mark.django_db


def test_allegations_follow_the_households_reach_and_complaints_carry_their_stage_clocks(
    council_a, council_b, manager_a, make_staff, make_household, client_for
):
    ssw = make_staff(council_a, Role.SUPERVISING_SOCIAL_WORKER)
    mine = builders.allegation(make_household(council_a, ssw=ssw), received_on=date(2025, 6, 2))
    builders.allegation(make_household(council_a), received_on=date(2025, 6, 3))
    builders.allegation(make_household(council_b), received_on=date(2025, 6, 4))
    # the SSW sees the allegation about their own household only; the manager the council's two
    listed = client_for(ssw).get("/api/v1/concerns/allegations").json()["items"]
    assert [row["id"] for row in listed] == [mine.pk]
    assert client_for(manager_a).get("/api/v1/concerns/allegations").json()["count"] == 2
    detail = client_for(ssw).get(f"/api/v1/concerns/allegations/{mine.pk}").json()
    assert (detail["received_on"], detail["outcome"], detail["concluded_on"]) == ("2025-06-02", "", None)
    # a complaint received on Monday 1 September 2025: stage 1 due 10 working days later
    complaint = builders.complaint(council_a, received_on=date(2025, 9, 1))
    body = client_for(manager_a).get(f"/api/v1/concerns/complaints/{complaint.pk}").json()
    assert body["stages"] == [
        {"stage": 1, "started_on": "2025-09-01", "extended": False, "responded_on": None, "outcome": ""}
    ]
    assert [(d["rule"], d["due"], d["status"]) for d in body["deadlines"]] == [
        ("complaint_stage1", "2025-09-15", "overdue")
    ]
    assert client_for(ssw).get(f"/api/v1/concerns/complaints/{complaint.pk}").status_code == 404
