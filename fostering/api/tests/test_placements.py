"""The placements API: a referral's candidates ranked with reasons, the vacancy register, a child's care history."""

from __future__ import annotations

from datetime import date

import pytest

from fostering.accounts.roles import Role
from fostering.children.services import child_needs_update
from fostering.core import clock
from fostering.core.validators import age_on
from tests import builders

pytestmark = pytest.mark.django_db


def test_the_candidates_of_a_referral_come_ranked_with_their_reasons(council_a, make_staff, client_for):
    duty = make_staff(council_a, Role.DUTY_WORKER)
    today = clock.today()
    child = builders.child(council_a, date_of_birth=date(2016, 4, 1))
    child_needs_update(child=child, home_postcode="LE1 1AA", by=None)
    near = builders.approved_household(council_a, name="Near household")
    young = builders.approved_household(council_a, name="Young household", age_min=0, age_max=4)
    referral = builders.referral(child, referred_on=today, latest_start_on=today)

    body = client_for(duty).get(f"/api/v1/placements/referrals/{referral.pk}/candidates").json()

    assert [c["household_id"] for c in body["candidates"]] == [near.pk]
    assert body["candidates"][0]["reasons"][0] == "2 miles from the child's home (LE1)"
    assert body["candidates"][0]["miles_from_home"] == 2.1
    age = age_on(date(2016, 4, 1), today)
    assert body["not_proposed"] == {
        str(
            young.pk
        ): f"the household is approved for children aged 0 to 4; the child will be {age} on that date"
    }
    detail = client_for(duty).get(f"/api/v1/placements/referrals/{referral.pk}").json()
    assert (detail["deadlines"][0]["rule"], detail["deadlines"][0]["due"]) == (
        "referral_latest_start",
        today.isoformat(),
    )
    vacancies = client_for(duty).get("/api/v1/placements/vacancies").json()
    assert {(v["name"], v["vacant"]) for v in vacancies} == {("Near household", 2), ("Young household", 2)}


def test_a_childs_care_history_lists_periods_statuses_and_placements(council_a, make_staff, client_for):
    manager = make_staff(council_a, Role.SERVICE_MANAGER)
    child = builders.child(council_a)
    builders.in_care(child, started_on=date(2024, 1, 20))
    fh = builders.approved_household(council_a)
    builders.placement(child, fh, started_on=date(2024, 2, 1))

    body = client_for(manager).get(f"/api/v1/children/{child.pk}/care-history").json()

    assert [p["started_on"] for p in body["periods_of_care"]] == ["2024-01-20"]
    assert [(s["code"], s["ended_on"]) for s in body["legal_statuses"]] == [("C2", None)]
    assert [(p["place"], p["provider"], p["fostering_household_id"]) for p in body["placements"]] == [
        ("U6", "PR1", fh.pk)
    ]
