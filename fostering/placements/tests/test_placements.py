"""Placements: the 903 codes, the refusals (end before start, overlap, outside terms, allegation), moves,
the end of care and Staying Put."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from fostering.audit.models import AuditEvent
from fostering.children.services import care_end, legal_status_change
from fostering.core import clock
from fostering.households.choices import CarerType, HouseholdStatus, PlacementType
from fostering.placements.models import Placement
from fostering.placements.services import placement_end, placement_move, placement_start
from tests import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def child(council):
    child = builders.child(council, date_of_birth=date(2015, 3, 2), first_name="Maya")
    builders.in_care(child, started_on=date(2024, 1, 20))
    return child


@pytest.fixture
def household(council):
    return builders.approved_household(council, name="Patel household", age_min=0, age_max=12)


def test_a_placement_with_our_carers_takes_the_903_codes_and_the_household_postcode(child, household):
    placement = builders.placement(child, household, started_on=date(2024, 2, 1))
    assert (placement.place, placement.provider) == ("U6", "PR1")
    assert placement.postcode == "LE3 8RF"
    assert placement.period_of_care == child.periods_of_care.get()
    assert AuditEvent.objects.filter(verb="placement_started", record_id=str(child.pk)).count() == 1


@pytest.mark.parametrize(
    ("carer_type", "placement_type", "codes"),
    [
        (CarerType.MAINSTREAM, PlacementType.LONG_TERM, ("U4", "PR1")),
        (CarerType.KINSHIP, PlacementType.LONG_TERM, ("U1", "PR1")),
        (CarerType.KINSHIP, PlacementType.SHORT_TERM, ("U3", "PR1")),
        (CarerType.FOSTER_FOR_ADOPTION, PlacementType.FOSTER_FOR_ADOPTION, ("U5", "PR1")),
        (CarerType.MAINSTREAM, PlacementType.RESPITE, ("T3", "PR1")),
    ],
)
def test_codes_follow_the_carers_and_the_placement_type(council, child, carer_type, placement_type, codes):
    named = {"named_child_id": child.pk} if carer_type == CarerType.KINSHIP else {}
    fh = builders.approved_household(
        council, carer_type=carer_type, placement_types=[placement_type], **named
    )
    placement = builders.placement(child, fh, placement_type=placement_type)
    assert (placement.place, placement.provider) == codes


def test_an_external_residential_placement_is_k2_private_with_its_weekly_cost(child):
    placement = placement_start(
        child=child,
        started_on=date(2024, 2, 1),
        placement_type=PlacementType.SHORT_TERM,
        provider_kind="residential",
        provider_name="Oakfield House",
        weekly_cost=Decimal("5200.00"),
        postcode="nn1 3ab",
        by=None,
    )
    assert (placement.place, placement.provider, placement.postcode) == ("K2", "PR4", "NN1 3AB")
    assert placement.weekly_cost == Decimal("5200.00")


def test_an_end_before_the_start_is_refused_and_nothing_changes(child, household):
    placement = builders.placement(child, household, started_on=date(2024, 2, 1))
    with pytest.raises(ValidationError) as refused:
        placement_end(placement=placement, ended_on=date(2024, 1, 31), reason_place_change="CARPL", by=None)
    assert refused.value.message_dict == {
        "ended_on": ["The end cannot be before the start (1 February 2024)"]
    }
    placement.refresh_from_db()
    assert placement.ended_on is None and placement.ended_recorded_on is None


def test_two_overlapping_placements_for_one_child_are_refused(council, child, household):
    builders.placement(child, household, started_on=date(2024, 2, 1))
    other = builders.approved_household(council, name="Jones household")
    with pytest.raises(ValidationError) as refused:
        builders.placement(child, other, started_on=date(2024, 5, 1))
    assert refused.value.message_dict["started_on"] == [
        "Maya "
        + child.person.last_name
        + " already has a placement from 1 February 2024 with Patel household: "
        "end it first, or record a move"
    ]
    assert Placement.objects.filter(child=child).count() == 1


def test_a_placement_that_ended_does_not_overlap_the_next_from_the_same_day(council, child, household):
    first = builders.placement(child, household, started_on=date(2024, 2, 1))
    placement_end(placement=first, ended_on=date(2024, 4, 1), reason_place_change="CARPL", by=None)
    other = builders.approved_household(council, name="Jones household")
    second = builders.placement(child, other, started_on=date(2024, 4, 1))
    assert second.started_on == date(2024, 4, 1)
    first.refresh_from_db()
    assert first.ended_recorded_on == clock.today() and first.reason_place_change == "CARPL"


def test_a_child_outside_the_households_age_range_is_refused(council, child):
    young = builders.approved_household(council, name="Young household", age_min=0, age_max=5)
    with pytest.raises(ValidationError) as refused:
        builders.placement(child, young, started_on=date(2024, 2, 1))
    assert refused.value.message_dict == {
        "started_on": ["The household is approved for children aged 0 to 5; the child will be 8 on that date"]
    }
    assert not Placement.objects.exists()


def test_a_placement_type_the_household_is_not_approved_for_is_refused(council, child, household):
    with pytest.raises(ValidationError) as refused:
        builders.placement(child, household, placement_type=PlacementType.PARENT_AND_CHILD)
    assert refused.value.message_dict == {
        "placement_type": ["The household is not approved for parent and child placements"]
    }


def test_a_household_with_no_free_place_is_refused(council, child):
    full = builders.approved_household(council, number_of_children=1, sibling_group_max=1)
    other = builders.child(council, date_of_birth=date(2016, 1, 1))
    builders.in_care(other)
    builders.placement(other, full)
    with pytest.raises(ValidationError) as refused:
        builders.placement(child, full)
    assert refused.value.message_dict == {
        "fostering_household": ["The household is approved for 1 child and has 0 free places on that date"]
    }
    assert Placement.objects.filter(child=child).count() == 0


def test_a_sibling_group_larger_than_the_terms_allow_is_refused(council, child):
    from fostering.children.services import siblings_link

    fh = builders.approved_household(council, number_of_children=3, sibling_group_max=1)
    brother = builders.child(council, date_of_birth=date(2013, 1, 1))
    builders.in_care(brother)
    siblings_link(child=child, siblings=[brother], live_together=True, by=None)
    builders.placement(brother, fh)
    with pytest.raises(ValidationError) as refused:
        builders.placement(child, fh)
    assert refused.value.message_dict == {
        "fostering_household": ["The household's largest sibling group is 1; this would make a group of 2"]
    }


def test_a_household_with_an_open_allegation_is_refused(child, household):
    builders.allegation(household, received_on=date(2024, 1, 25))
    household.refresh_from_db()
    household.status = HouseholdStatus.AVAILABLE  # whatever the allegation did to the status
    with pytest.raises(ValidationError) as refused:
        builders.placement(child, household, started_on=date(2024, 2, 1))
    assert refused.value.message_dict == {
        "fostering_household": [
            "Patel household has an open allegation (received 25 January 2024): "
            "no new placement until it is concluded"
        ]
    }
    assert not Placement.objects.exists()


def test_a_household_that_resigned_is_refused(child, household):
    household.status = HouseholdStatus.RESIGNED
    household.save()
    with pytest.raises(ValidationError) as refused:
        builders.placement(child, household)
    assert refused.value.message_dict == {
        "fostering_household": ["Patel household is resigned: it cannot take a placement"]
    }


def test_a_move_ends_one_placement_and_starts_the_next_the_same_day(council, child):
    home = placement_start(
        child=child,
        started_on=date(2024, 2, 1),
        placement_type=PlacementType.SHORT_TERM,
        provider_kind="residential",
        provider_name="Oakfield House",
        weekly_cost=Decimal("5200"),
        by=None,
    )
    carers = builders.approved_household(council, name="Step household")
    new = placement_move(
        placement=home,
        moved_on=date(2024, 6, 3),
        reason_place_change="CARPL",
        placement_type=PlacementType.LONG_TERM,
        fostering_household=carers,
        by=None,
    )
    home.refresh_from_db()
    assert (home.ended_on, home.reason_place_change) == (date(2024, 6, 3), "CARPL")
    assert (new.started_on, new.place, new.step_down) == (date(2024, 6, 3), "U4", True)


def test_a_refused_move_leaves_the_first_placement_open(council, child, household):
    first = builders.placement(child, household)
    young = builders.approved_household(council, age_min=0, age_max=2)
    with pytest.raises(ValidationError):
        placement_move(
            placement=first,
            moved_on=date(2024, 6, 3),
            reason_place_change="CARPL",
            placement_type=PlacementType.SHORT_TERM,
            fostering_household=young,
            by=None,
        )
    first.refresh_from_db()
    assert first.ended_on is None and Placement.objects.count() == 1


def test_ending_care_ends_the_placement_and_the_legal_status_the_same_day(child, household):
    placement = builders.placement(child, household)
    legal_status_change(child=child, code="C1", started_on=date(2024, 3, 1), by=None)
    care_end(child=child, ended_on=date(2024, 9, 2), reason_ended="E4A", by=None)
    placement.refresh_from_db()
    assert placement.ended_on == date(2024, 9, 2) and placement.reason_place_change == ""
    assert list(
        child.legal_statuses.order_by("started_on").values_list("code", "started_on", "ended_on")
    ) == [
        ("C2", date(2024, 1, 20), date(2024, 3, 1)),
        ("C1", date(2024, 3, 1), date(2024, 9, 2)),
    ]
    assert child.periods_of_care.get().reason_ended == "E4A"


def test_staying_put_continues_with_the_same_carers_outside_care(council):
    young_person = builders.child(council, date_of_birth=date(2006, 5, 1))
    builders.in_care(young_person, started_on=date(2022, 1, 10))
    fh = builders.approved_household(
        council, name="Stay household", approved_on=date(2021, 1, 4), age_min=10, age_max=18
    )
    builders.placement(young_person, fh, started_on=date(2022, 2, 1))
    care_end(child=young_person, ended_on=date(2024, 5, 1), reason_ended="E17", by=None)
    arrangement = Placement.objects.get(child=young_person, ended_on__isnull=True)
    assert arrangement.placement_type == PlacementType.STAYING_PUT
    assert arrangement.period_of_care is None and arrangement.fostering_household == fh
    assert arrangement.started_on == date(2024, 5, 1) and arrangement.place == ""


def test_staying_put_is_refused_under_18(child, household):
    builders.placement(child, household)
    with pytest.raises(ValidationError) as refused:
        care_end(child=child, ended_on=date(2024, 5, 1), reason_ended="E17", by=None)
    assert refused.value.message_dict == {
        "reason_ended": ["Staying Put (E17) is for young people aged 18 or over"]
    }
    assert child.periods_of_care.get().ended_on is None


def test_short_breaks_need_a_short_breaks_legal_status(council):
    child = builders.child(council, date_of_birth=date(2014, 6, 1))
    builders.in_care(child, started_on=date(2024, 1, 20), legal_status="V2")
    fh = builders.approved_household(
        council, carer_type=CarerType.SHORT_BREAKS, placement_types=[PlacementType.SHORT_BREAKS]
    )
    with pytest.raises(ValidationError) as refused:
        builders.placement(child, fh, placement_type=PlacementType.SHORT_BREAKS)
    assert refused.value.message_dict == {
        "placement_type": ["Short breaks are for children looked after under V3 or V4 (short breaks)"]
    }
    legal_status_change(child=child, code="V4", started_on=date(2024, 1, 25), by=None)
    placement = builders.placement(child, fh, placement_type=PlacementType.SHORT_BREAKS)
    assert (placement.place, placement.provider) == ("U6", "PR1")
