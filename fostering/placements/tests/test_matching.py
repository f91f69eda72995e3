"""Matching: never a household outside its terms, with an open allegation, on hold or on a break; the rest
ranked with reasons in words. Then the match, the placement and the vacancy register."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from fostering.children.services import child_needs_update, siblings_link
from fostering.core import clock
from fostering.households.choices import HouseholdStatus, PlacementType
from fostering.placements.choices import ReferralStatus
from fostering.placements.geography import distance
from fostering.placements.matching import HouseholdFacts, ReferralFacts, rank
from fostering.placements.matching_data import household_facts, place_counts, rank_for_referral, vacancy_rows
from fostering.placements.models import MatchDecision, Placement
from fostering.placements.rules import IncomingChild, PlacedChild, Terms
from fostering.placements.services import (
    external_search_record,
    match_record,
    referral_place,
    referral_status_change,
)
from tests import builders

ON = date(2026, 1, 5)
TERMS = Terms(2, 0, 18, (PlacementType.SHORT_TERM,), 2, None)


def facts(pk: int, postcode: str = "LE3 8RF", **values: Any) -> HouseholdFacts:
    defaults: dict[str, Any] = {
        "household_id": pk,
        "name": f"Household {pk}",
        "reference": f"FH-{pk:04d}",
        "status": HouseholdStatus.AVAILABLE,
        "carer_type": "mainstream",
        "postcode": postcode,
        "terms": TERMS,
    }
    return HouseholdFacts(**(defaults | values))


def referral(*children: IncomingChild, **values: Any) -> ReferralFacts:
    defaults: dict[str, Any] = {
        "referral_id": 1,
        "children": children or (IncomingChild(10, date(2016, 4, 1), None),),
        "placement_type": PlacementType.SHORT_TERM,
        "on": ON,
        "home_postcode": "LE1 1AA",
    }
    return ReferralFacts(**(defaults | values))


def test_the_distance_between_two_districts_is_in_miles_and_unknown_places_have_none():
    loughborough, same, approximate = (
        distance("LE1 1AA", "LE11 3AB"),
        distance("LE1 1AA", "LE1 9ZZ"),
        distance("LE1 1AA", "LE40 1AA"),
    )
    assert loughborough is not None and round(loughborough.miles, 1) == 9.9
    assert same is not None and same.miles == 0
    assert approximate is not None and approximate.describe() == "about 0 miles"
    assert distance("LE1 1AA", "ZE1 0AA") is None
    assert distance("LE1 1AA", "") is None


def test_households_outside_the_terms_or_with_an_allegation_are_never_proposed():
    households = [
        facts(1, terms=Terms(2, 0, 5, (PlacementType.SHORT_TERM,), 2, None)),  # child is 9
        facts(2, open_allegation=True),
        facts(3, status=HouseholdStatus.ON_HOLD),
        facts(4, terms=Terms(2, 0, 18, (PlacementType.LONG_TERM,), 2, None)),
        facts(
            5, terms=Terms(1, 0, 18, (PlacementType.SHORT_TERM,), 1, None), placed=(PlacedChild(99, None),)
        ),
        facts(6, terms=None),
        facts(7),
    ]
    ranking = rank(referral(), households)
    assert [c.household_id for c in ranking.candidates] == [7]
    assert ranking.excluded == {
        1: "the household is approved for children aged 0 to 5; the child will be 9 on that date",
        2: "there is an open allegation",
        3: "the household is on hold",
        4: "the household is not approved for short-term placements",
        5: "the household is approved for 1 child and has 0 free places on that date",
        6: "the household has no terms of approval on that date",
    }


def test_a_place_held_for_someone_else_or_a_break_keeps_a_household_off_the_list():
    from fostering.placements.matching import Hold

    one_place = Terms(1, 0, 18, (PlacementType.SHORT_TERM,), 1, None)
    households = [
        facts(1, terms=one_place, holds=(Hold(child_id=55, referral_id=None, is_break=False, until=ON),)),
        facts(2, holds=(Hold(None, None, True, date(2026, 2, 1)),)),
        facts(3, terms=one_place, holds=(Hold(None, 1, False, ON),)),  # held for this very referral
    ]
    ranking = rank(referral(), households)
    assert [c.household_id for c in ranking.candidates] == [3]
    assert ranking.excluded[2] == "the carers are on a break until 1 February 2026"


def test_a_sibling_group_needs_the_sibling_capacity_and_places_for_all():
    group = (IncomingChild(10, date(2016, 4, 1), 7), IncomingChild(11, date(2018, 4, 1), 7))
    households = [
        facts(1, terms=Terms(3, 0, 18, (PlacementType.SHORT_TERM,), 1, None)),
        facts(
            2, terms=Terms(2, 0, 18, (PlacementType.SHORT_TERM,), 2, None), placed=(PlacedChild(99, None),)
        ),
        facts(3, terms=Terms(2, 0, 18, (PlacementType.SHORT_TERM,), 2, None)),
    ]
    ranking = rank(referral(*group), households)
    assert [c.household_id for c in ranking.candidates] == [3]
    assert "Keeps the 2 brothers and sisters together" in ranking.candidates[0].reasons


def test_candidates_are_ranked_by_fit_and_each_reason_is_given_in_words():
    near = facts(1, postcode="LE2 1AA", children_cared_for=2, risks_cared_for=frozenset({"going_missing"}))
    far = facts(2, postcode="NN17 1AA")
    unknown = facts(3, postcode="ZE1 0AA", carer_ethnicities=frozenset({"BAFR"}))
    ranking = rank(
        referral(
            school_postcode="LE3 1AA",
            keep_same_school=True,
            risks=frozenset({"going_missing"}),
            ethnicity="BAFR",
            ethnicity_label="African",
        ),
        [far, unknown, near],
    )
    assert [c.household_id for c in ranking.candidates] == [1, 3, 2]
    assert ranking.candidates[0].reasons == [
        "2 miles from the child's home (LE1)",
        "3 miles from school: the child can keep the same school",
        "Has cared for children with the same risks: going missing",
        "Has cared for 2 children placed by the council",
        "2 free places",
    ]
    assert ranking.candidates[0].score == 28 + 15 + 5 + 2
    assert ranking.candidates[1].reasons[:3] == [
        "Distance from the child's home not known",
        "Distance from the child's school not known",
        "A carer shares the child's ethnicity (African)",
    ]


@pytest.mark.django_db
def test_a_referral_is_matched_placed_and_the_vacancy_register_has_one_fewer_vacancy(
    council, service_manager
):
    today = clock.today()
    child = builders.child(council, date_of_birth=date(2016, 4, 1))
    builders.in_care(child, started_on=date(2024, 1, 20))
    child_needs_update(child=child, home_postcode="LE1 1AA", by=None)
    near = builders.approved_household(council, name="Near household")
    young = builders.approved_household(council, name="Young household", age_min=0, age_max=4)
    alleged = builders.approved_household(council, name="Alleged household")
    builders.allegation(alleged, received_on=date(2025, 6, 2))
    made = builders.referral(child, referred_on=today, latest_start_on=today)
    ranking = rank_for_referral(made, on=today)
    assert [c.name for c in ranking.candidates] == ["Near household"]
    assert set(ranking.excluded) == {young.pk, alleged.pk}
    before = place_counts(vacancy_rows(household_facts([council.pk], today)))

    with pytest.raises(ValidationError) as refused:
        match_record(
            referral=made,
            fostering_household=young,
            decided_on=today,
            information_shared="Referral and care plan",
            information_shared_on=today,
            by=service_manager,
        )
    assert "Young household cannot be matched: the household is approved for children aged 0 to 4" in str(
        refused.value
    )
    assert not MatchDecision.objects.exists()

    decision = match_record(
        referral=made,
        fostering_household=near,
        decided_on=today,
        information_shared="Referral, care plan and health needs",
        information_shared_on=today,
        met_child_before=True,
        by=service_manager,
    )
    assert decision.reasons.splitlines()[0] == "2 miles from the child's home (LE1)"
    assert decision.met_child_before is True
    made.refresh_from_db()
    assert made.status == ReferralStatus.MATCHED
    placement = referral_place(referral=made, started_on=today, by=service_manager)
    made.refresh_from_db()
    assert (made.status, made.placement) == (ReferralStatus.PLACED, placement)
    after = place_counts(vacancy_rows(household_facts([council.pk], today)))
    assert (after.vacant, after.filled) == (before.vacant - 1, before.filled + 1)


@pytest.mark.django_db
def test_an_agreed_external_search_starts_the_external_placement(council, service_manager):
    today = clock.today()
    child = builders.child(council, date_of_birth=date(2012, 4, 1))
    builders.in_care(child, started_on=date(2024, 1, 20))
    made = builders.referral(child, referred_on=today, latest_start_on=today)
    search = external_search_record(
        referral=made,
        searched_on=today,
        provider_kind="ifa",
        provider_name="Bright Futures Fostering",
        weekly_cost=Decimal("1150"),
        outcome="agreed",
        started_on=today,
        by=service_manager,
    )
    placement = Placement.objects.get(child=child)
    assert search.placement == placement
    assert (placement.place, placement.provider, placement.provider_name) == (
        "U6",
        "PR4",
        "Bright Futures Fostering",
    )
    made.refresh_from_db()
    assert made.status == ReferralStatus.PLACED


@pytest.mark.django_db
def test_a_withdrawn_referral_cannot_be_reopened(council, service_manager):
    child = builders.child(council)
    made = builders.referral(child)
    referral_status_change(
        referral=made,
        to_status="withdrawn",
        changed_on=date(2024, 3, 2),
        reason="Returned home",
        by=service_manager,
    )
    with pytest.raises(ValidationError) as refused:
        referral_status_change(
            referral=made, to_status="open", changed_on=date(2024, 3, 3), reason="Again", by=service_manager
        )
    assert refused.value.message_dict == {"to_status": ["A referral that is withdrawn cannot become open"]}


@pytest.mark.django_db
def test_siblings_referred_together_need_a_household_for_the_whole_group(council):
    today = clock.today()
    child = builders.child(council, date_of_birth=date(2016, 4, 1))
    sister = builders.child(council, date_of_birth=date(2018, 4, 1))
    siblings_link(child=child, siblings=[sister], live_together=True, by=None)
    builders.approved_household(council, name="Single household", number_of_children=2, sibling_group_max=1)
    pair = builders.approved_household(
        council, name="Pair household", number_of_children=2, sibling_group_max=2
    )
    made = builders.referral(child, referred_on=today, latest_start_on=today, siblings=[sister])
    ranking = rank_for_referral(made, on=today)
    assert [c.household_id for c in ranking.candidates] == [pair.pk]
