"""The stability measures, computed by hand on a small case, and from the placements in the database."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from fostering.households.choices import PlacementType
from fostering.placements.services import placement_end, placement_move, placement_start
from fostering.placements.stability import Period, PlacementFact, compute, measures_for
from tests import builders

ON = date(2026, 3, 31)


def fact(child_id: int, started_on: date, ended_on: date | None = None, **values: Any) -> PlacementFact:
    defaults: dict[str, Any] = {
        "in_care": True,
        "place": "U6",
        "placement_type": PlacementType.SHORT_TERM,
        "in_house": True,
        "weekly_cost": None,
        "postcode": "LE3 8RF",
    }
    return PlacementFact(child_id, started_on=started_on, ended_on=ended_on, **(defaults | values))


def test_the_measures_of_a_small_case_worked_by_hand():
    # Four children in care on 31 March 2026:
    # 1: three placements in the year (one ended before the year started does not count) -> 3+
    # 2: in care since 2020, aged 10, same placement since 2021 -> long-term stable
    # 3: in care since 2022, aged 12, moved in 2025 -> looked after 2.5 years but not stable;
    #    placed with an IFA outside the county at 1000 a week
    # 4: in care since 2026, in a children's home at 4000 a week (in county)
    # 5: left care in 2025: not counted; 6: Staying Put (not care)
    periods = [
        Period(1, date(2024, 1, 1), None),
        Period(2, date(2020, 1, 1), None),
        Period(3, date(2022, 1, 1), None),
        Period(4, date(2026, 1, 10), None),
        Period(5, date(2020, 1, 1), date(2025, 6, 1)),
    ]
    placements = [
        fact(1, date(2024, 1, 1), date(2025, 3, 1)),  # ended before 31 March 2025: not in the year
        fact(1, date(2025, 3, 1), date(2025, 6, 1)),
        fact(1, date(2025, 6, 1), date(2025, 6, 20), place="T3"),  # respite cover: not counted
        fact(1, date(2025, 6, 20), date(2026, 1, 1)),
        fact(1, date(2026, 1, 1)),
        fact(2, date(2021, 2, 1)),
        fact(
            3, date(2025, 5, 1), in_house=False, weekly_cost=Decimal("1000"), postcode="NN1 1AA", place="U4"
        ),
        fact(4, date(2026, 1, 10), in_house=False, weekly_cost=Decimal("4000"), place="K2", step_down=False),
        fact(6, date(2025, 4, 1), in_care=False, placement_type=PlacementType.STAYING_PUT, place=""),
    ]
    dobs: dict[int, date | None] = {
        1: date(2012, 1, 1),
        2: date(2015, 6, 1),
        3: date(2013, 6, 1),
        4: date(2010, 1, 1),
    }
    m = compute(
        on=ON,
        periods=periods,
        placements=placements,
        dates_of_birth=dobs,
        council_areas=frozenset({"LE"}),
        places_filled=6,
        places_approved=10,
    )
    assert m.children_in_care == 4
    assert (m.three_or_more.count, m.three_or_more.out_of, m.three_or_more.percent) == (1, 4, Decimal("25.0"))
    assert (m.long_term.count, m.long_term.out_of) == (1, 2)
    assert (m.utilisation.percent, m.meets_utilisation_target) == (Decimal("60.0"), False)
    assert (m.in_foster_placements.count, m.in_foster_placements.out_of) == (3, 4)
    assert (m.placed_in_county.count, m.placed_in_county.out_of) == (3, 4)
    assert (m.in_house, m.external, m.external_weekly_cost) == (2, 2, Decimal("5000"))
    assert m.external_average_weekly_cost == Decimal("2500.00")
    assert m.weekly_cost_difference is None
    assert m.staying_put == 1


@pytest.mark.django_db
def test_the_measures_come_from_the_placements_recorded(council):
    child = builders.child(council, date_of_birth=date(2014, 1, 1))
    builders.in_care(child, started_on=date(2024, 1, 20))
    fh = builders.approved_household(council, number_of_children=2)
    other = builders.approved_household(council, number_of_children=1, sibling_group_max=1)
    first = placement_start(
        child=child,
        started_on=date(2025, 5, 1),
        placement_type=PlacementType.SHORT_TERM,
        provider_kind="residential",
        provider_name="Oakfield House",
        weekly_cost=Decimal("4800"),
        by=None,
    )
    second = placement_move(
        placement=first,
        moved_on=date(2025, 7, 1),
        reason_place_change="CARPL",
        placement_type=PlacementType.SHORT_TERM,
        fostering_household=fh,
        by=None,
    )
    placement_end(placement=second, ended_on=date(2025, 9, 1), reason_place_change="CREQB", by=None)
    builders.placement(child, other, started_on=date(2025, 9, 1))
    m = measures_for([council.pk], date(2026, 3, 31))
    assert m.children_in_care == 1
    assert (m.three_or_more.count, m.three_or_more.out_of) == (1, 1)
    assert (m.utilisation.count, m.utilisation.out_of) == (1, 3)
    assert m.step_downs_last_12_months == 1
    assert (m.in_house, m.external) == (1, 0)
