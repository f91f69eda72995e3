"""The demo council's assessments: a county-sized year of Stage 1 starts, valid shapes, repeatable."""

from __future__ import annotations

from collections import Counter
from datetime import date
from itertools import pairwise

import pytest

from fostering.accounts.models import Organisation
from fostering.assessments.checklist import missing
from fostering.assessments.choices import TRANSITIONS, Stage
from fostering.assessments.models import Assessment, AssessmentSession, StageChange
from fostering.assessments.selectors import with_everything
from fostering.demo.generator import build_scale

pytestmark = pytest.mark.django_db
TODAY = date(2026, 3, 2)


@pytest.fixture
def small(db) -> Organisation:
    build_scale("small", seed=7, today=TODAY)
    return Organisation.objects.get(code="990")


def test_the_small_council_has_assessments_with_valid_stage_histories(small):
    assessments = list(Assessment.objects.filter(organisation=small).prefetch_related("stage_changes"))
    assert len(assessments) >= 6
    for a in assessments:
        changes = sorted(a.stage_changes.all(), key=lambda c: (c.changed_on, c.pk))
        assert (changes[0].from_stage, changes[0].to_stage, changes[0].changed_on) == (
            "",
            Stage.APPLICATION,
            a.application_accepted_on,
        )
        for before, after in pairwise(changes):
            assert after.from_stage == before.to_stage
            assert after.to_stage in TRANSITIONS[Stage(before.to_stage)]
            assert after.changed_on >= before.changed_on
        assert changes[-1].to_stage == a.stage
        assert changes[-1].changed_on <= TODAY
        assert (a.withdrawal_reason != "") == (a.stage == Stage.WITHDRAWN)


def test_every_assessment_ready_for_panel_had_everything_required(small):
    ready = with_everything(Assessment.objects.filter(organisation=small, stage=Stage.READY_FOR_PANEL))
    for a in ready:
        reached = a.stage_changes.filter(to_stage=Stage.READY_FOR_PANEL).order_by("changed_on")[0]
        assert missing(a, Stage.READY_FOR_PANEL, reached.changed_on) == [], a


def test_the_county_starts_40_to_55_a_year_with_some_on_hold_withdrawn_and_ready(db):
    build_scale("county", seed=5, today=TODAY)
    org = Organisation.objects.get(code="990")
    assessments = Assessment.objects.filter(organisation=org)
    last_year = assessments.filter(application_accepted_on__gt=date(2025, 3, 2)).count()
    assert 40 <= last_year <= 55
    stages = Counter(assessments.values_list("stage", flat=True))
    assert stages[Stage.WITHDRAWN] > 0 and stages[Stage.READY_FOR_PANEL] > 0 and stages[Stage.ON_HOLD] >= 0
    assert StageChange.objects.filter(organisation=org, to_stage=Stage.ON_HOLD).exists()
    codes = set(assessments.exclude(withdrawal_reason="").values_list("withdrawal_reason", flat=True))
    assert codes <= {"AW0", "AW1", "AW2", "AW3", "AW4", "AW5"} and len(codes) >= 3
    assert AssessmentSession.objects.filter(organisation=org).exists()
