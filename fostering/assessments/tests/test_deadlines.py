"""The clocks run from the application date and pause while on hold: exact dates."""

from __future__ import annotations

from datetime import date

import pytest

from fostering.accounts.roles import Role
from fostering.assessments.choices import Stage
from fostering.assessments.deadlines import assessing_social_worker_work, assessment_clocks
from fostering.assessments.selectors import assessment_get_for_user
from fostering.assessments.services import assessment_stage_change
from fostering.assessments.tests import factories
from fostering.deadlines.status import DeadlineStatus

pytestmark = pytest.mark.django_db
ACCEPTED = date(2026, 1, 5)  # a Monday


def _clocks(assessment, user, today):
    loaded = assessment_get_for_user(user=user, pk=assessment.pk)
    return {
        c.deadline.rule: (c.deadline.due, c.deadline.met_on, c.paused_days, c.deadline.status)
        for c in assessment_clocks(loaded, today=today)
    }


def test_without_a_pause_stage1_is_due_8_weeks_and_the_assessment_16_weeks_after_acceptance(
    council, service_manager
):
    assessment = factories.application(council, accepted_on=ACCEPTED)
    clocks = _clocks(assessment, service_manager, date(2026, 1, 20))
    assert clocks == {
        "stage1_complete": (date(2026, 3, 2), None, 0, DeadlineStatus.ON_TRACK),
        "assessment_complete": (date(2026, 4, 27), None, 0, DeadlineStatus.ON_TRACK),
    }


def test_a_fortnight_on_hold_moves_both_clocks_by_14_days(council, service_manager):
    assessment = factories.move(
        factories.application(council, accepted_on=ACCEPTED), Stage.STAGE1, on=ACCEPTED
    )
    assessment_stage_change(
        assessment=assessment, to_stage=Stage.ON_HOLD, changed_on=date(2026, 2, 2), reason="Illness", by=None
    )
    # while on hold, the pause grows day by day
    clocks = _clocks(assessment, service_manager, date(2026, 2, 9))
    assert clocks["stage1_complete"][:3] == (date(2026, 3, 9), None, 7)
    assessment_stage_change(
        assessment=assessment, to_stage=Stage.STAGE1, changed_on=date(2026, 2, 16), by=None
    )
    clocks = _clocks(assessment, service_manager, date(2026, 3, 1))
    assert clocks["stage1_complete"][:3] == (date(2026, 3, 16), None, 14)
    assert clocks["assessment_complete"][:3] == (date(2026, 5, 11), None, 14)


def test_a_pause_after_stage1_was_met_does_not_move_its_clock(council, make_staff):
    worker = make_staff(council, Role.ASSESSING_SOCIAL_WORKER)
    assessment = factories.application(council, accepted_on=ACCEPTED, worker=worker)
    factories.clear_checks(assessment, ACCEPTED)
    factories.move(assessment, Stage.STAGE1, on=ACCEPTED)
    factories.move(assessment, Stage.STAGE2, on=date(2026, 2, 20))
    assessment_stage_change(
        assessment=assessment,
        to_stage=Stage.ON_HOLD,
        changed_on=date(2026, 3, 2),
        reason="Bereavement",
        by=None,
    )
    assessment_stage_change(
        assessment=assessment, to_stage=Stage.STAGE2, changed_on=date(2026, 3, 12), by=None
    )
    clocks = _clocks(assessment, worker, date(2026, 3, 20))
    assert clocks["stage1_complete"] == (date(2026, 3, 2), date(2026, 2, 20), 0, DeadlineStatus.MET)
    assert clocks["assessment_complete"][:3] == (date(2026, 5, 7), None, 10)


def test_a_withdrawn_assessment_has_no_clocks(council, service_manager):
    assessment = factories.application(council, accepted_on=ACCEPTED)
    assessment_stage_change(
        assessment=assessment,
        to_stage=Stage.WITHDRAWN,
        changed_on=ACCEPTED,
        reason="Changed their minds",
        withdrawal_reason="AW1",
        by=None,
    )
    assert _clocks(assessment, service_manager, date(2026, 2, 1)) == {}


def test_my_work_has_the_workers_own_assessment_clocks_and_nobody_elses(council, make_staff, service_manager):
    worker = make_staff(council, Role.ASSESSING_SOCIAL_WORKER)
    colleague = make_staff(council, Role.ASSESSING_SOCIAL_WORKER)
    factories.application(council, accepted_on=ACCEPTED, worker=worker, name="Mine household")
    factories.application(council, accepted_on=ACCEPTED, worker=colleague, name="Theirs household")
    items = list(assessing_social_worker_work(worker, date(2026, 3, 3)))
    assert [(i.title, i.subject, i.deadline.status) for i in items] == [
        ("Complete Stage 1", "Mine household", DeadlineStatus.OVERDUE),
        ("Complete the Form F assessment", "Mine household", DeadlineStatus.ON_TRACK),
    ]
    assert list(assessing_social_worker_work(service_manager, date(2026, 3, 3))) == []
