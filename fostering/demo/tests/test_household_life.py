"""The household life step: reviews with views and plans, training and TSD, resignations with reasons and
exit interviews, allegations and complaints, in the county's numbers and within the services' rules."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

import pytest
from django.db.models import F

from fostering.accounts.models import Organisation
from fostering.concerns.models import Allegation, Complaint, ComplaintStageRecord
from fostering.demo.generator import build_scale
from fostering.households.choices import HouseholdStatus, ReviewKind
from fostering.households.models import (
    ExitInterview,
    FosteringHousehold,
    HouseholdReview,
    ReviewView,
    StatusChange,
    SupportPlan,
    TrainingRecord,
    TsdCompletion,
)
from fostering.households.selectors import reviews_awaiting_panel

pytestmark = pytest.mark.django_db
TODAY = date(2026, 3, 2)


@pytest.fixture
def small() -> Organisation:
    build_scale("small", seed=7, today=TODAY)
    return Organisation.objects.get(code="990")


def assert_household_life(org: Organisation, today: date) -> None:
    """The county's figures (called from the county test, which builds it once)."""
    year_ago = today - timedelta(days=365)
    resigned = StatusChange.objects.filter(organisation=org, to_status=HouseholdStatus.RESIGNED)
    assert 25 <= resigned.filter(changed_on__gt=year_ago).count() <= 44
    assert not resigned.filter(resignation_reason="").exists()
    allegations = Allegation.objects.filter(organisation=org)
    per_year = [
        allegations.filter(
            received_on__gt=today - timedelta(days=365 * (n + 1)),
            received_on__lte=today - timedelta(days=365 * n),
        ).count()
        for n in range(3)
    ]
    assert all(9 <= n <= 16 for n in per_year), per_year
    assert 2 <= Complaint.objects.filter(organisation=org, received_on__gt=year_ago).count() <= 10
    assert 170 <= HouseholdReview.objects.filter(organisation=org, held_on__gt=year_ago).count() <= 290
    _assert_within_the_rules(org, today)


def _assert_within_the_rules(org: Organisation, today: date) -> None:
    reviews = HouseholdReview.objects.filter(organisation=org)
    assert not reviews.filter(kind=ReviewKind.FIRST, needs_panel=False).exists()
    assert not reviews.filter(kind=ReviewKind.FOLLOWING_CONCERNS, needs_panel=False).exists()
    assert not reviews.filter(panel_outcome_on__lt=F("held_on")).exists()
    assert all(r.held_on >= today - timedelta(days=60) for r in reviews_awaiting_panel(org))
    assert ReviewView.objects.filter(review__organisation=org).count() >= 2 * reviews.count()
    assert not ReviewView.objects.filter(given_on__gt=F("review__held_on")).exists()
    plans = SupportPlan.objects.filter(organisation=org)
    assert not plans.filter(agreed_on__lt=F("fostering_household__approved_on")).exists()
    assert not plans.filter(agreed_on__gt=today).exists()
    assert not plans.filter(agreed_on__lt=F("review__held_on")).exists()
    assert not TrainingRecord.objects.filter(organisation=org, attended_on__gt=today).exists()
    assert not TsdCompletion.objects.filter(organisation=org, completed_on__gt=today).exists()
    assert (
        not ExitInterview.objects.filter(organisation=org)
        .exclude(fostering_household__status=HouseholdStatus.RESIGNED)
        .exists()
    )
    allegations = Allegation.objects.filter(organisation=org)
    assert not allegations.filter(received_on__lt=F("fostering_household__approved_on")).exists()
    assert not allegations.filter(concluded_on__isnull=False, outcome="").exists()
    assert not allegations.filter(lado_referred_on__lt=F("received_on")).exists()
    assert not allegations.filter(review__held_on__lt=F("concluded_on")).exists()
    stages = ComplaintStageRecord.objects.filter(organisation=org)
    assert not stages.filter(responded_on__gt=today).exists()
    for complaint in Complaint.objects.filter(organisation=org).prefetch_related("stages"):
        numbers = [s.stage for s in complaint.stages.all()]
        assert numbers == list(range(1, len(numbers) + 1))
        assert all(s.responded_on for s in complaint.stages.all()[: len(numbers) - 1])


def test_the_small_council_has_a_households_life_within_the_rules(small):
    # then every kind of record exists, in the small council's proportion, and within the rules
    assert SupportPlan.objects.filter(organisation=small).exists()
    assert TrainingRecord.objects.filter(organisation=small).exists()
    carers_done = TsdCompletion.objects.filter(organisation=small).count()
    assert carers_done >= FosteringHousehold.objects.filter(organisation=small).count() // 2
    assert 1 <= Allegation.objects.filter(organisation=small).count() <= 8
    reasons = Counter(
        StatusChange.objects.filter(organisation=small, to_status="resigned").values_list(
            "resignation_reason", flat=True
        )
    )
    assert "" not in reasons
    _assert_within_the_rules(small, TODAY)
