"""Placing a child who is already placed, from the match: the current placement ends with its reason and the
matched one starts, in one transaction; a refusal of the new placement leaves the current one open."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from fostering.accounts.roles import Role
from fostering.audit.models import AuditEvent
from fostering.households.choices import PlacementType
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


# ---------------------------------------------------------------------------------------------------------
# The referral's pages: siblings from the child's record, the status filter, the emergency tag


def test_a_referral_naming_no_sibling_shows_the_sibling_the_record_plans_to_live_with(client, council):
    from fostering.children.services import siblings_link

    child = builders.child(council, first_name="Leo", last_name="Hart")
    sister = builders.child(council, first_name="Mia", last_name="Hart")
    siblings_link(child=child, siblings=[sister], live_together=True, by=None)
    builders.in_care(child)
    referral = builders.referral(child)
    client.force_login(builders.staff(council, Role.DUTY_WORKER))
    form = client.get(reverse("placements:referral_add", args=[child.pk])).context["form"]
    assert [s.pk for s in form.initial["siblings"]] == [sister.pk]
    page = client.get(reverse("placements:referral_detail", args=[referral.pk])).content.decode()
    assert "None named in the referral. The child's record plans for Leo to live with" in page
    assert f'href="{reverse("children:detail", args=[sister.pk])}">Mia Hart</a>' in page


def test_the_status_filter_has_one_option_per_value_and_open_means_open(client, council):
    open_child, matched_child = (
        builders.child(council, first_name="Ola"),
        builders.child(council, first_name="Max"),
    )
    for c in (open_child, matched_child):
        builders.in_care(c)
    builders.referral(open_child)
    matched = builders.referral(matched_child, referred_on=date(2024, 5, 1), latest_start_on=date(2024, 6, 3))
    match_record(
        referral=matched,
        fostering_household=builders.approved_household(council),
        decided_on=date(2024, 5, 20),
        information_shared="The care plan",
        information_shared_on=date(2024, 5, 20),
        by=None,
    )
    client.force_login(builders.staff(council, Role.DUTY_WORKER))
    page = client.get(reverse("placements:referral_list")).content.decode()
    values = re.findall(r'<option value="([^"]*)"', page)
    assert len(values) == len(set(values)) and values[0] == "to_place"
    assert "Ola " in page and "Max " in page
    only_open = client.get(reverse("placements:referral_list") + "?status=open").content.decode()
    assert "Ola " in only_open and "Max " not in only_open


def test_an_emergency_referral_for_an_emergency_placement_says_emergency_once(client, council):
    child = builders.child(council, first_name="Eve")
    builders.in_care(child)
    referral = builders.referral(child, placement_type=PlacementType.EMERGENCY, start_kind="emergency")
    client.force_login(builders.staff(council, Role.DUTY_WORKER))
    listed = client.get(reverse("placements:referral_list")).content.decode()
    assert "Emergency" in listed and 'govuk-tag--red">Emergency' not in listed
    detail = client.get(reverse("placements:referral_detail", args=[referral.pk])).content.decode()
    assert "Emergency (emergency)" not in detail
