"""Placing a child who is already placed, from the match: the current placement ends with its reason and the
matched one starts, in one transaction; a refusal of the new placement leaves the current one open."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from fostering.audit.models import AuditEvent
from fostering.placements.choices import ReferralStatus
from fostering.placements.models import Placement, VacancyHold
from fostering.placements.services import match_record, referral_place
from tests import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def placed(council):
    """Maya lives with the Patel household; a referral for a move is matched to the Okafor household."""
    child = builders.child(council, date_of_birth=date(2015, 3, 2), first_name="Maya")
    builders.in_care(child, started_on=date(2024, 1, 20))
    first = builders.approved_household(council, name="Patel household", age_min=0, age_max=12)
    current = builders.placement(child, first, started_on=date(2024, 2, 1))
    new = builders.approved_household(council, name="Okafor household", age_min=0, age_max=12)
    referral = builders.referral(child, referred_on=date(2024, 5, 1), latest_start_on=date(2024, 6, 3))
    builders.hold(
        new, kind="referral", referral=referral, held_from=date(2024, 5, 20), held_until=date(2024, 6, 30)
    )
    match_record(
        referral=referral,
        fostering_household=new,
        decided_on=date(2024, 5, 20),
        information_shared="The care plan",
        information_shared_on=date(2024, 5, 20),
        by=None,
    )
    return child, current, new, referral


def test_placing_an_already_placed_child_moves_them_in_one_step(placed):
    child, current, new, referral = placed
    started = referral_place(
        referral=referral, started_on=date(2024, 6, 3), reason_place_change="CARPL", by=None
    )
    current.refresh_from_db()
    referral.refresh_from_db()
    assert (current.ended_on, current.reason_place_change) == (date(2024, 6, 3), "CARPL")
    assert (started.fostering_household, started.started_on, started.ended_on) == (
        new,
        date(2024, 6, 3),
        None,
    )
    assert (started.place, started.provider, started.step_down) == ("U6", "PR1", False)
    assert (referral.status, referral.placement) == (ReferralStatus.PLACED, started)
    assert VacancyHold.objects.get(referral=referral).released_on == date(2024, 6, 3)
    verbs = AuditEvent.objects.filter(record_id=str(child.pk)).values_list("verb", flat=True)
    assert list(verbs.filter(verb__in=["placement_ended", "placement_started"]).order_by("id")) == [
        "placement_started",
        "placement_ended",
        "placement_started",
    ]


def test_a_move_from_the_match_needs_the_reason_and_changes_nothing_without_it(placed):
    _, current, _, referral = placed
    with pytest.raises(ValidationError) as refused:
        referral_place(referral=referral, started_on=date(2024, 6, 3), by=None)
    assert refused.value.message_dict == {"reason_place_change": ["Choose why the child is moving"]}
    current.refresh_from_db()
    referral.refresh_from_db()
    assert current.ended_on is None and Placement.objects.count() == 1
    assert referral.status == ReferralStatus.MATCHED


def test_if_the_new_placement_is_refused_the_current_one_is_not_ended(placed):
    child, current, new, referral = placed
    builders.allegation(new, received_on=date(2024, 5, 25))
    with pytest.raises(ValidationError) as refused:
        referral_place(referral=referral, started_on=date(2024, 6, 3), reason_place_change="CARPL", by=None)
    assert "open allegation" in refused.value.message_dict["fostering_household"][0]
    current.refresh_from_db()
    referral.refresh_from_db()
    assert (current.ended_on, current.reason_place_change) == (None, "")
    assert list(Placement.objects.filter(child=child)) == [current]
    assert referral.status == ReferralStatus.MATCHED
    assert not AuditEvent.objects.filter(record_id=str(child.pk), verb="placement_ended").exists()


def test_a_child_with_no_current_placement_is_placed_without_a_reason(council):
    child = builders.child(council, date_of_birth=date(2015, 3, 2))
    builders.in_care(child, started_on=date(2024, 1, 20))
    fh = builders.approved_household(council, age_min=0, age_max=12)
    referral = builders.referral(child, referred_on=date(2024, 5, 1), latest_start_on=date(2024, 6, 3))
    match_record(
        referral=referral,
        fostering_household=fh,
        decided_on=date(2024, 5, 20),
        information_shared="The care plan",
        information_shared_on=date(2024, 5, 20),
        by=None,
    )
    placement = referral_place(referral=referral, started_on=date(2024, 6, 3), by=None)
    assert (placement.fostering_household, placement.ended_on) == (fh, None)
