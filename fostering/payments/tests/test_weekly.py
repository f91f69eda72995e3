"""The in-house weekly cost on the placement stability page comes from the payment rates on the day: what the
carers are owed a week for each child placed with one of our households."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from fostering.accounts.roles import Role
from fostering.placements.services import placement_start
from fostering.placements.stability import measures_for
from tests import builders

from ..models import AdditionalPayment
from ..weekly import in_house_weekly_costs
from . import factories as f

pytestmark = pytest.mark.django_db

ON = date(2026, 3, 31)


@pytest.fixture
def placed(council, monkeypatch):
    """Two children with our carers (one with an additional payment) and one with an agency."""
    monkeypatch.setattr("fostering.core.clock.today", lambda: ON)
    f.rates(council)
    home = f.household(council, level=2, name="Patel household", number_of_children=3)
    older = f.child(council, date(2013, 6, 1))  # 12: allowance £245 a week
    younger = f.child(council, date(2019, 6, 1), "Ben", "Cole")  # 6: allowance £210 a week
    away = f.child(council, date(2012, 6, 1), "Cy", "Dee")
    for child in (older, younger, away):
        builders.in_care(child, started_on=date(2025, 1, 1))
    builders.placement(older, home, started_on=date(2026, 2, 1), placement_type="long_term")
    builders.placement(younger, home, started_on=date(2026, 3, 1), placement_type="long_term")
    AdditionalPayment.objects.create(
        organisation=council,
        child=younger,
        valid_from=date(2026, 3, 1),
        valid_to=date(2026, 5, 31),
        weekly_amount=Decimal("35.50"),
        reason="Transport to school",
        authorised_by=builders.staff(council, Role.SERVICE_MANAGER),
        review_on=date(2026, 5, 1),
    )
    placement_start(
        child=away,
        started_on=date(2026, 1, 5),
        placement_type="long_term",
        provider_kind="ifa",
        provider_name="Brightstar Fostering",
        weekly_cost=Decimal("1200"),
        by=None,
    )
    return home, older, younger


def test_each_in_house_placement_costs_what_its_carers_are_owed_a_week(council, placed):
    home, older, younger = placed
    assert in_house_weekly_costs([council.pk], ON) == {
        (home.pk, older.pk): Decimal("455.00"),  # £245 allowance + £210 fee at skill level 2
        (home.pk, younger.pk): Decimal("455.50"),  # £210 allowance + £210 fee + £35.50 additional
    }
    m = measures_for([council.pk], ON)
    assert (m.in_house, m.external) == (2, 1)
    assert m.in_house_average_weekly_cost == Decimal("455.25")
    assert m.weekly_cost_difference == Decimal("744.75")  # £1,200 less £455.25


def test_the_page_shows_the_in_house_cost_and_the_difference(client, council, placed):
    client.force_login(builders.staff(council, Role.DUTY_WORKER))
    body = client.get(reverse("placements:measures")).content.decode()
    assert "2, on average £455.25 a week" in body
    assert "An external placement costs £744.75 a week more on average" in body
    assert "Not known" not in body


def test_with_no_rate_for_the_day_the_cost_is_not_known_and_says_why(client, council, placed):
    from ..models import Rate

    Rate.objects.filter(organisation=council).update(valid_from=date(2026, 4, 1))
    AdditionalPayment.objects.all().delete()
    assert in_house_weekly_costs([council.pk], ON) == {}
    client.force_login(builders.staff(council, Role.DUTY_WORKER))
    body = client.get(reverse("placements:measures")).content.decode()
    assert "Not known: no payment rates are recorded for today for the in-house placements" in body
