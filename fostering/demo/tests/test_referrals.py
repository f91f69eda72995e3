"""The demo's referrals, holds, matches and stability work: a county's numbers and valid rows."""

from __future__ import annotations

from datetime import date

import pytest

from fostering.accounts.models import Organisation
from fostering.demo.generator import STEPS, build_council
from fostering.demo.names import main_council
from fostering.demo.referrals import build_referrals
from fostering.demo.sizes import COUNTY
from fostering.placements.choices import OPEN_REFERRAL_STATUSES, ReferralStatus
from fostering.placements.models import (
    DpstReferral,
    MatchDecision,
    Placement,
    Referral,
    StabilityMeeting,
    VacancyHold,
)

pytestmark = pytest.mark.django_db

TODAY = date(2026, 3, 2)


def _build() -> Organisation:
    steps = STEPS[: STEPS.index(build_referrals) + 1]
    build_council(council=main_council(), size=COUNTY, seed=5, today=TODAY, steps=steps)
    return Organisation.objects.get(code=main_council().code)


def test_a_county_has_a_handful_of_open_referrals_and_a_matched_history_all_valid():
    org = _build()
    referrals = Referral.objects.filter(organisation=org)
    open_referrals = referrals.filter(status__in=OPEN_REFERRAL_STATUSES)
    assert 5 <= open_referrals.count() <= 9
    assert open_referrals.filter(status=ReferralStatus.MATCHED).count() == 1
    assert open_referrals.filter(status=ReferralStatus.EXTERNAL_SEARCH).count() == 1
    placed = referrals.filter(status=ReferralStatus.PLACED)
    assert placed.count() >= 100
    for referral in referrals.select_related("placement"):
        referral.full_clean()
        assert referral.referred_on <= referral.latest_start_on
        if referral.placement is not None:
            assert referral.placement.child_id == referral.child_id
            assert referral.referred_on <= referral.placement.started_on
    for match in MatchDecision.objects.filter(organisation=org).select_related("referral__placement"):
        match.full_clean()
        placement = match.referral.placement
        if placement is not None:
            assert match.fostering_household_id == placement.fostering_household_id
            assert match.decided_on <= placement.started_on
    for hold in VacancyHold.objects.filter(organisation=org):
        hold.full_clean()
    meetings = StabilityMeeting.objects.filter(organisation=org).select_related("placement")
    assert meetings.count() >= 50
    for meeting in meetings:
        meeting.full_clean()
        end = meeting.placement.ended_on or TODAY
        assert meeting.placement.started_on <= meeting.held_on <= end
    step_downs = Placement.objects.filter(organisation=org, step_down=True)
    assert step_downs.exists()
    assert not step_downs.exclude(place__in=["U1", "U2", "U3", "U4", "U5", "U6"]).exists()
    for support in DpstReferral.objects.filter(organisation=org):
        support.full_clean()
        assert support.outcome_on is None or support.outcome_on >= support.referred_on
