"""The demo's care history: a county's numbers, placements within the carers' terms of approval, one
placement at a time, and the shapes the 903 return needs (its DfE check is in fostering/returns903)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from itertools import pairwise

import pytest

from fostering.accounts.models import Organisation
from fostering.children.models import ChildReview, LegalStatus, PeriodOfCare
from fostering.core.validators import age_on
from fostering.demo import generator
from fostering.demo.names import main_council
from fostering.demo.sizes import COUNTY
from fostering.households.models import StatusChange, TermsOfApproval
from fostering.placements.models import Placement
from fostering.returns903.models import ReturnSettings

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 23)
STEPS = generator.STEPS[: generator.STEPS.index(generator.build_care_history) + 1]


@pytest.fixture(scope="module")
def county(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        generator.build_council(council=main_council(), size=COUNTY, seed=5, today=TODAY, steps=STEPS)
        organisation = Organisation.objects.get(code=main_council().code)
        yield organisation
        generator.delete_organisation(organisation)


def test_a_county_has_680_in_care_about_250_entering_a_year_and_three_years_of_placements(county):
    org = county
    periods = PeriodOfCare.objects.filter(organisation=org)
    assert periods.filter(ended_on__isnull=True).count() == COUNTY.children_in_care
    entered = periods.filter(started_on__gte=date(2025, 4, 1), started_on__lte=date(2026, 3, 31)).count()
    assert 180 <= entered <= 320
    placements = Placement.objects.filter(organisation=org, period_of_care__isnull=False)
    assert placements.filter(ended_on__isnull=True).count() == COUNTY.children_in_care
    moves_per_child = placements.count() / periods.count()
    assert 1.8 <= moves_per_child <= 3.5
    codes = set(placements.values_list("place", "provider").distinct())
    assert {
        ("U6", "PR1"),
        ("U4", "PR1"),
        ("U1", "PR1"),
        ("U6", "PR4"),
        ("K2", "PR4"),
        ("A6", "PR1"),
        ("T3", ""),
    } <= codes
    assert Placement.objects.filter(
        organisation=org, period_of_care__isnull=True, placement_type="staying_put"
    ).exists()
    assert LegalStatus.objects.filter(organisation=org, code="L1").exists()
    assert ChildReview.objects.filter(organisation=org).count() > 3 * periods.count()
    assert ReturnSettings.objects.get(organisation=org).local_authority_code == "E10000018"


def test_one_placement_at_a_time_each_inside_its_period_and_its_legal_statuses_joined(county):
    org = county
    by_child = defaultdict(list)
    for p in Placement.objects.filter(organisation=org, period_of_care__isnull=False).select_related(
        "period_of_care"
    ):
        period = p.period_of_care
        assert period is not None and period.started_on <= p.started_on
        if period.ended_on is not None:
            assert p.ended_on is not None and p.ended_on <= period.ended_on
        by_child[p.child_id].append(p)
    for placements in by_child.values():
        placements.sort(key=lambda p: p.started_on)
        for before, after in pairwise(placements):
            assert before.ended_on == after.started_on
            # a respite break (T3) pauses the placement: no reason for the pause, and back to the same carers
            assert (before.reason_place_change == "") == (after.place == "T3" or before.place == "T3")
    statuses: dict[int, list[LegalStatus]] = defaultdict(list)
    for status in LegalStatus.objects.filter(organisation=org):
        statuses[status.child_id].append(status)
    for rows in statuses.values():
        rows.sort(key=lambda s: s.started_on)
        for earlier, later in pairwise(rows):
            assert earlier.ended_on == later.started_on


def test_in_house_placements_respect_the_households_terms_and_dates(county):
    org = county
    terms = defaultdict(list)
    for t in TermsOfApproval.objects.filter(organisation=org):
        terms[t.fostering_household_id].append(t)
    closed = dict(
        StatusChange.objects.filter(organisation=org, to_status__in=["resigned", "deregistered"]).values_list(
            "fostering_household_id", "changed_on"
        )
    )
    placements = Placement.objects.filter(
        organisation=org, fostering_household__isnull=False, period_of_care__isnull=False
    ).select_related("child__person", "fostering_household")
    assert placements.count() > 1000
    for p in placements:
        fh = p.fostering_household
        assert fh is not None and p.started_on >= fh.approved_on
        if fh.pk in closed:
            assert p.ended_on is not None and p.ended_on <= closed[fh.pk]
        current = [
            t
            for t in terms[fh.pk]
            if t.effective_from <= p.started_on and (t.effective_to or TODAY) >= p.started_on
        ]
        assert len(current) == 1
        approval = current[0]
        assert p.placement_type in approval.placement_types
        dob = p.child.person.date_of_birth
        assert dob is not None and approval.age_min <= age_on(dob, p.started_on) <= approval.age_max
        if approval.named_child_id is not None:
            assert approval.named_child_id == p.child_id
        assert p.postcode == fh.household.postcode
