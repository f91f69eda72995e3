"""Kinship assessments: the Regulation 24 and 25 clocks, the extension's guard, stages and outcomes."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from fostering.accounts.roles import Role
from fostering.audit.models import AuditEvent
from fostering.core.errors import NotAllowed
from fostering.deadlines.status import DeadlineStatus
from fostering.kinship import services
from fostering.kinship.choices import AssessmentKind, Outcome, Stage
from fostering.kinship.deadlines import (
    assessment_deadlines,
    extension_ends,
    has_lapsed,
    lapses_on,
    panel_deadline,
    temporary_approval_ends,
)
from fostering.kinship.models import KinshipAssessment, StageChange
from fostering.kinship.tests import factories
from tests import builders

pytestmark = pytest.mark.django_db

MONDAY = date(2025, 1, 6)


@pytest.fixture
def adm(council):
    return builders.staff(council, Role.AGENCY_DECISION_MAKER, first_name="Ada", last_name="Decider")


@pytest.fixture
def worker(council):
    return builders.staff(council, Role.KINSHIP_WORKER, first_name="Kim", last_name="Kinship")


def _three_conditions(assessment, adm, *, on=date(2025, 4, 14)):
    assessment = services.panel_views_record(assessment=assessment, sought_on=on, views="Support", by=None)
    assessment = services.iro_informed_record(assessment=assessment, informed_on=on, by=None)
    return services.nominated_officer_approve(assessment=assessment, approved_on=on, by=adm)


def test_starting_an_assessment_records_the_connected_household_and_its_first_stage(council, worker):
    # given a child
    child = builders.child(council, first_name="Ella")
    # when a kinship worker starts a connected person assessment with her grandmother
    assessment = services.assessment_start(
        child=child,
        kind=AssessmentKind.CONNECTED_PERSON,
        relationship="Maternal grandmother",
        household_name="",
        carer_first_name="Jean",
        carer_last_name="Brown",
        carer_date_of_birth=date(1960, 2, 1),
        started_on=date(2025, 1, 2),
        social_worker=worker,
        by=worker,
    )
    # then the household holds the grandmother as its carer and the assessment is at viability
    assert assessment.connected_household.name == "Brown household"
    member = assessment.connected_household.members.get()
    assert (member.person.full_name, member.role) == ("Jean Brown", "carer")
    assert (assessment.stage, assessment.social_worker) == (Stage.VIABILITY, worker)
    change = StageChange.objects.get(assessment=assessment)
    assert (change.from_stage, change.to_stage, change.changed_on, change.created_by) == (
        "",
        Stage.VIABILITY,
        date(2025, 1, 2),
        worker,
    )
    assert AuditEvent.objects.get(verb="kinship_assessment_started").actor == worker


def test_an_sgo_assessment_starts_at_the_full_assessment(council):
    assessment = factories.assessment(council, kind=AssessmentKind.SGO)
    assert assessment.stage == Stage.FULL_ASSESSMENT


def test_a_placement_on_monday_6_january_2025_gives_temporary_approval_to_28_april_2025(council):
    # given an assessment, when the child is placed under Regulation 24 on Monday 6 January 2025
    assessment = factories.assessment(council, placed_on=MONDAY)
    # then temporary approval ends 16 weeks later
    assert temporary_approval_ends(assessment) == date(2025, 4, 28)
    assert lapses_on(assessment) == date(2025, 4, 28)
    assert extension_ends(assessment) is None
    [reg24] = assessment_deadlines(assessment, today=date(2025, 4, 22))
    assert (reg24.rule, reg24.due, reg24.status) == (
        "reg24_approval",
        date(2025, 4, 28),
        DeadlineStatus.DUE_SOON,
    )
    assert assessment_deadlines(assessment, today=date(2025, 3, 3))[0].status == DeadlineStatus.ON_TRACK
    assert assessment_deadlines(assessment, today=date(2025, 4, 29))[0].status == DeadlineStatus.OVERDUE


def test_the_extension_runs_8_weeks_from_the_end_of_temporary_approval_to_23_june_2025(council, adm):
    # given a placement on 6 January 2025 and the three conditions of Regulation 25
    assessment = _three_conditions(factories.assessment(council, placed_on=MONDAY), adm)
    # when the extension is granted on 15 April 2025
    assessment = services.extension_grant(assessment=assessment, granted_on=date(2025, 4, 15), by=None)
    # then approval lapses on 23 June 2025 and the Regulation 24 clock is met by the extension
    assert extension_ends(assessment) == date(2025, 6, 23)
    assert lapses_on(assessment) == date(2025, 6, 23)
    reg24, reg25 = assessment_deadlines(assessment, today=date(2025, 5, 1))
    assert (reg24.status, reg24.met_on) == (DeadlineStatus.MET, date(2025, 4, 15))
    assert (reg25.rule, reg25.due, reg25.status) == (
        "reg25_extension",
        date(2025, 6, 23),
        DeadlineStatus.ON_TRACK,
    )
    assert assessment.nominated_officer == adm
    assert AuditEvent.objects.filter(verb="regulation_25_extension_granted").count() == 1


def test_approval_lapses_without_a_decision_and_not_once_decided(council):
    assessment = factories.assessment(council, placed_on=MONDAY)
    assert not has_lapsed(assessment, date(2025, 4, 28))
    assert has_lapsed(assessment, date(2025, 4, 29))
    services.stage_change(
        assessment=assessment, to_stage=Stage.FULL_ASSESSMENT, changed_on=date(2025, 1, 20), by=None
    )
    decided = services.outcome_record(
        assessment=assessment, outcome=Outcome.APPROVED_CONNECTED_CARER, decided_on=date(2025, 4, 25), by=None
    )
    assert not has_lapsed(decided, date(2025, 4, 29))
    assert assessment_deadlines(decided, today=date(2025, 5, 1))[0].status == DeadlineStatus.MET


@pytest.mark.parametrize(
    ("recorded", "missing"),
    [
        ((), ["panel_views", "iro_informed", "nominated_officer"]),
        (("panel",), ["iro_informed", "nominated_officer"]),
        (("panel", "iro"), ["nominated_officer"]),
        (("iro", "officer"), ["panel_views"]),
    ],
)
def test_the_extension_is_refused_until_all_three_conditions_are_recorded(council, adm, recorded, missing):
    # given a placement with only some of the conditions recorded
    assessment = factories.assessment(council, placed_on=MONDAY)
    on = date(2025, 4, 14)
    if "panel" in recorded:
        assessment = services.panel_views_record(assessment=assessment, sought_on=on, by=None)
    if "iro" in recorded:
        assessment = services.iro_informed_record(assessment=assessment, informed_on=on, by=None)
    if "officer" in recorded:
        assessment = services.nominated_officer_approve(assessment=assessment, approved_on=on, by=adm)
    # then the checklist names what is missing, and granting the extension is refused beside its field
    assert [r.code for r in services.extension_missing(assessment)] == missing
    with pytest.raises(ValidationError) as refused:
        services.extension_grant(assessment=assessment, granted_on=date(2025, 4, 15), by=None)
    assert "granted_on" in refused.value.message_dict
    assert "cannot be granted until these are recorded" in refused.value.message_dict["granted_on"][0]
    assessment.refresh_from_db()
    assert assessment.extension_granted_on is None
    assert not AuditEvent.objects.filter(verb="regulation_25_extension_granted").exists()


def test_a_second_extension_is_refused_and_nothing_changes(council, adm):
    assessment = _three_conditions(factories.assessment(council, placed_on=MONDAY), adm)
    services.extension_grant(assessment=assessment, granted_on=date(2025, 4, 15), by=None)
    with pytest.raises(ValidationError) as refused:
        services.extension_grant(assessment=assessment, granted_on=date(2025, 4, 20), by=None)
    assert refused.value.message_dict == {
        "granted_on": ["The extension has been granted: only one extension is allowed"]
    }
    assessment.refresh_from_db()
    assert assessment.extension_granted_on == date(2025, 4, 15)
    assert AuditEvent.objects.filter(verb="regulation_25_extension_granted").count() == 1


def test_an_extension_after_temporary_approval_ended_is_refused(council, adm):
    assessment = _three_conditions(factories.assessment(council, placed_on=MONDAY), adm)
    with pytest.raises(ValidationError) as refused:
        services.extension_grant(assessment=assessment, granted_on=date(2025, 4, 29), by=None)
    assert refused.value.message_dict == {
        "granted_on": ["Temporary approval ended on 28/04/2025: it can no longer be extended"]
    }
    assessment.refresh_from_db()
    assert assessment.extension_granted_on is None


def test_a_regulation_25_step_needs_a_placement_first(council):
    assessment = factories.assessment(council)
    with pytest.raises(ValidationError) as refused:
        services.iro_informed_record(assessment=assessment, informed_on=date(2025, 2, 1), by=None)
    assert "Record the Regulation 24 placement first" in refused.value.message_dict["informed_on"][0]
    assessment.refresh_from_db()
    assert assessment.iro_informed_on is None


def test_only_a_decision_maker_approves_as_nominated_officer(council, worker):
    assessment = factories.assessment(council, placed_on=MONDAY)
    with pytest.raises(NotAllowed):
        services.nominated_officer_approve(assessment=assessment, approved_on=date(2025, 4, 1), by=worker)
    assessment.refresh_from_db()
    assert assessment.nominated_officer_approved_on is None


def test_a_placement_date_in_the_future_is_refused_and_nothing_saved(council, monkeypatch):
    monkeypatch.setattr("fostering.core.clock.today", lambda: date(2025, 1, 10))
    assessment = factories.assessment(council)
    with pytest.raises(ValidationError) as refused:
        services.placement_record(assessment=assessment, placed_on=date(2025, 1, 11), by=None)
    assert refused.value.message_dict == {"placed_on": ["The date must be today or in the past"]}
    assessment.refresh_from_db()
    assert assessment.placed_on is None
    assert not AuditEvent.objects.filter(verb="regulation_24_placement_recorded").exists()


def test_a_decision_dated_before_the_placement_is_refused_and_nothing_saved(council):
    assessment = factories.assessment(council, placed_on=MONDAY, kind=AssessmentKind.SGO)
    with pytest.raises(ValidationError) as refused:
        services.outcome_record(
            assessment=assessment, outcome=Outcome.SGO, decided_on=date(2025, 1, 5), by=None
        )
    assert refused.value.message_dict == {
        "decided_on": ["The date must not be before the child was placed (06/01/2025)"]
    }
    assessment.refresh_from_db()
    assert (assessment.stage, assessment.outcome, assessment.decided_on) == (Stage.FULL_ASSESSMENT, "", None)
    assert assessment.stage_changes.count() == 1


def test_an_sgo_outcome_concludes_the_assessment_with_its_stage_change(council, worker):
    assessment = factories.assessment(council, kind=AssessmentKind.SGO)
    services.stage_change(
        assessment=assessment, to_stage=Stage.AWAITING_DECISION, changed_on=date(2025, 3, 3), by=worker
    )
    decided = services.outcome_record(
        assessment=assessment,
        outcome=Outcome.SGO,
        decided_on=date(2025, 4, 1),
        reason="Court hearing",
        by=worker,
    )
    assert (decided.stage, decided.outcome, decided.decided_on) == (
        Stage.CONCLUDED,
        Outcome.SGO,
        date(2025, 4, 1),
    )
    assert list(decided.stage_changes.values_list("from_stage", "to_stage")) == [
        (Stage.AWAITING_DECISION, Stage.CONCLUDED),
        (Stage.FULL_ASSESSMENT, Stage.AWAITING_DECISION),
        ("", Stage.FULL_ASSESSMENT),
    ]


def test_a_viability_assessment_can_only_end_negative(council):
    assessment = factories.assessment(council)
    with pytest.raises(ValidationError) as refused:
        services.outcome_record(
            assessment=assessment, outcome=Outcome.SGO, decided_on=date(2025, 2, 1), by=None
        )
    assert refused.value.message_dict == {
        "outcome": ["At initial viability assessment the outcome can be: negative assessment"]
    }
    negative = services.outcome_record(
        assessment=assessment, outcome=Outcome.NEGATIVE, decided_on=date(2025, 2, 1), by=None
    )
    assert negative.stage == Stage.CONCLUDED


def test_withdrawal_needs_a_reason_and_closes_the_assessment(council):
    assessment = factories.assessment(council)
    with pytest.raises(ValidationError):
        services.assessment_withdraw(
            assessment=assessment, withdrawn_on=date(2025, 2, 1), reason=" ", by=None
        )
    assert KinshipAssessment.objects.get().stage == Stage.VIABILITY
    withdrawn = services.assessment_withdraw(
        assessment=assessment, withdrawn_on=date(2025, 2, 1), reason="Grandmother withdrew", by=None
    )
    assert (withdrawn.stage, withdrawn.outcome) == (Stage.WITHDRAWN, Outcome.WITHDRAWN)
    with pytest.raises(ValidationError):
        services.stage_change(
            assessment=withdrawn, to_stage=Stage.FULL_ASSESSMENT, changed_on=date(2025, 2, 2), by=None
        )


def test_the_panel_deadline_is_the_lapse_and_is_met_on_reaching_panel(council):
    assessment = factories.assessment(council, placed_on=MONDAY)
    services.stage_change(
        assessment=assessment, to_stage=Stage.FULL_ASSESSMENT, changed_on=date(2025, 1, 20), by=None
    )
    services.stage_change(
        assessment=assessment, to_stage=Stage.AWAITING_DECISION, changed_on=date(2025, 4, 1), by=None
    )
    from fostering.kinship.selectors import assessment_list_for_user

    manager = builders.staff(council, Role.SERVICE_MANAGER)
    annotated = assessment_list_for_user(user=manager).get(pk=assessment.pk)
    panel = panel_deadline(annotated, today=date(2025, 4, 2))
    assert panel is not None
    assert (panel.due, panel.met_on, panel.status) == (
        date(2025, 4, 28),
        date(2025, 4, 1),
        DeadlineStatus.MET,
    )


def test_a_worker_of_another_council_cannot_record_anything_and_nothing_changes(council, other_council):
    assessment = factories.assessment(council)
    stranger = builders.staff(other_council, Role.KINSHIP_WORKER)
    with pytest.raises(NotAllowed):
        services.placement_record(assessment=assessment, placed_on=MONDAY, by=stranger)
    with pytest.raises(NotAllowed):
        services.assessment_withdraw(assessment=assessment, withdrawn_on=MONDAY, reason="No", by=stranger)
    assessment.refresh_from_db()
    assert (assessment.placed_on, assessment.stage) == (None, Stage.VIABILITY)
    with pytest.raises(NotAllowed):
        services.assessment_start(
            child=builders.child(council),
            kind=AssessmentKind.SGO,
            relationship="Aunt",
            household_name="",
            carer_first_name="Ann",
            carer_last_name="Other",
            started_on=MONDAY,
            by=stranger,
        )
    assert KinshipAssessment.objects.count() == 1


def test_a_child_of_another_council_cannot_be_given_a_worker_from_elsewhere(council, other_council):
    stranger = builders.staff(other_council, Role.KINSHIP_WORKER)
    with pytest.raises(ValidationError) as refused:
        factories.assessment(council, worker=stranger)
    assert refused.value.message_dict == {"social_worker": ["Choose a kinship social worker of this council"]}
    assert not KinshipAssessment.objects.exists()
