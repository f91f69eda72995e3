"""The panel and the agency decision maker: given / when / then, exact values; refusals save nothing."""

from __future__ import annotations

import subprocess
from datetime import date, time, timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from fostering.accounts.roles import Role
from fostering.assessments.choices import Stage
from fostering.assessments.tests import factories as assessment_factories
from fostering.core import clock
from fostering.deadlines.items import work_items_for
from fostering.households.choices import HouseholdStatus, PlacementType
from fostering.households.models import FosteringHousehold
from fostering.panel import decisions, services
from fostering.panel.agenda import ready_cases
from fostering.panel.choices import ItemKind, MeetingStatus, Recommendation, quorum_gaps
from fostering.panel.models import ConflictOfInterest, Decision, PanelItem, PanelMeeting
from fostering.panel.papers import papers_pdf
from fostering.panel.selectors import item_list_for_user, meeting_list_for_user
from tests import builders

ON = date(2025, 2, 3)
PANEL_DAY = date(2025, 3, 4)
TERMS: dict[str, Any] = {
    "number_of_children": 2,
    "age_min": 0,
    "age_max": 10,
    "placement_types": [PlacementType.SHORT_TERM],
    "sibling_group_max": 2,
}


@pytest.fixture
def ready_assessment(council, make_staff):
    worker = make_staff(council, Role.ASSESSING_SOCIAL_WORKER)
    assessment = assessment_factories.application(
        council, worker=worker, name="Okafor household", couple=True
    )
    assessment_factories.ready_to_move_to_panel(assessment, ON)
    assessment_factories.move(assessment, Stage.STAGE1, Stage.STAGE2, Stage.READY_FOR_PANEL, on=ON)
    return assessment


@pytest.fixture
def members(council):
    return builders.panel_members(council)


def _planned(council, members, meets_on=PANEL_DAY):
    meeting = services.meeting_schedule(
        organisation=council, meets_on=meets_on, starts_at=time(10), format="hybrid", venue="Room 4", by=None
    )
    services.meeting_invite(meeting=meeting, members=members, by=None)
    return meeting


def test_the_quorum_needs_the_chair_a_social_worker_an_independent_member_and_five_in_all():
    assert quorum_gaps(["chair", "social_worker", "independent", "independent", "care_experienced"]) == []
    assert (
        quorum_gaps(["vice_chair", "social_worker", "care_experienced", "independent", "independent"]) == []
    )
    assert quorum_gaps(["chair", "independent", "independent", "panel_adviser", "administrator"]) == [
        "a social work representative",
        "at least 5 members (only 3 sitting)",
    ]


def test_a_fifth_meeting_in_a_month_is_refused_and_a_cancelled_one_does_not_count(council, service_manager):
    def plan(day):
        return services.meeting_schedule(
            organisation=council,
            meets_on=date(2026, 5, day),
            starts_at=time(10),
            format="online",
            venue="Teams",
            by=service_manager,
        )

    first = plan(5)
    for day in (12, 19, 26):
        plan(day)
    with pytest.raises(ValidationError) as refused:
        plan(28)
    assert refused.value.message_dict == {
        "meets_on": ["There are already 4 panel meetings in May 2026: choose another month"]
    }
    assert PanelMeeting.objects.count() == 4
    services.meeting_cancel(meeting=first, reason="Chair unwell", by=service_manager)
    plan(28)
    assert PanelMeeting.objects.exclude(status=MeetingStatus.CANCELLED).count() == 4


def test_a_member_who_declared_a_conflict_cannot_sit_for_the_item(council, members, ready_assessment):
    meeting = _planned(council, members)
    item = services.item_add(meeting=meeting, kind=ItemKind.APPROVAL, subject=ready_assessment, by=None)
    services.conflict_declare(item=item, member=members[3], nature="Neighbour of the applicants", by=None)
    services.meeting_held(meeting=meeting, attended=members, by=None)
    with pytest.raises(ValidationError) as refused:
        services.sitting_record(item=item, members=members, by=None)
    name = members[3].user.get_full_name()
    assert refused.value.message_dict == {
        "members": [f"{name} declared a conflict of interest for this item and cannot sit for it"]
    }
    assert item.sitting.count() == 0
    assert ConflictOfInterest.objects.get().member == members[3]


def test_a_recommendation_for_a_meeting_not_held_or_not_quorate_is_refused(
    council, members, ready_assessment
):
    next_week = clock.today() + timedelta(days=7)
    written = f"{next_week.day} {next_week:%B %Y}"
    meeting = _planned(council, members, meets_on=next_week)
    item = services.item_add(meeting=meeting, kind=ItemKind.APPROVAL, subject=ready_assessment, by=None)
    with pytest.raises(ValidationError) as not_held:
        services.recommendation_record(item=item, recommendation="approve", reasons="Good", by=None, **TERMS)
    assert not_held.value.message_dict == {
        "recommendation": [f"The meeting on {written} has not been held yet: record it as held first"]
    }
    with pytest.raises(ValidationError) as future:
        services.meeting_held(meeting=meeting, attended=members, by=None)
    assert future.value.message_dict == {
        "attended": [f"The meeting is on {written}: it has not happened yet"]
    }

    past = _planned(council, members)
    item = services.item_add(
        meeting=past, kind=ItemKind.FIRST_REVIEW, subject=_first_review(council), by=None
    )
    services.meeting_held(meeting=past, attended=members, by=None)
    services.sitting_record(item=item, members=members[:4], by=None)
    with pytest.raises(ValidationError) as not_quorate:
        services.recommendation_record(item=item, recommendation="continue", reasons="Going well", by=None)
    assert not_quorate.value.message_dict == {
        "recommendation": [
            "The panel is not quorate for this item: it needs at least 5 members (only 4 sitting)"
        ]
    }
    assert PanelItem.objects.exclude(recommendation="").count() == 0


def _first_review(council):
    fh = builders.approved_household(council, name="Review household")
    return builders.household_review(fh, held_on=date(2025, 1, 8))


def test_terms_with_the_youngest_age_above_the_oldest_are_refused_beside_the_field(
    council, members, ready_assessment
):
    item = builders.panel_item(
        council, kind=ItemKind.APPROVAL, subject=ready_assessment, members=members, recommendation=None
    )
    with pytest.raises(ValidationError) as refused:
        services.recommendation_record(
            item=item,
            recommendation="approve",
            reasons="Good",
            by=None,
            **(TERMS | {"age_min": 12, "age_max": 8}),
        )
    assert refused.value.message_dict == {"age_min": ["The youngest age must not be above the oldest age"]}
    item.refresh_from_db()
    assert (item.recommendation, item.age_min) == ("", None)


def test_an_assessment_cannot_be_moved_to_approved_by_hand(ready_assessment, service_manager):
    from fostering.assessments.services import assessment_stage_change

    with pytest.raises(ValidationError) as refused:
        assessment_stage_change(
            assessment=ready_assessment,
            to_stage=Stage.APPROVED,
            changed_on=date(2025, 3, 1),
            by=service_manager,
        )
    assert refused.value.message_dict == {
        "to_stage": ["Approval is decided by the agency decision maker after the fostering panel"]
    }
    ready_assessment.refresh_from_db()
    assert ready_assessment.stage == Stage.READY_FOR_PANEL


def test_approval_through_panel_and_the_adm_registers_the_household_with_its_terms_and_ssw(
    council, members, ready_assessment, make_staff
):
    ssw = make_staff(council, Role.SUPERVISING_SOCIAL_WORKER)
    adm = make_staff(council, Role.AGENCY_DECISION_MAKER)
    item = builders.panel_item(
        council,
        kind=ItemKind.APPROVAL,
        subject=ready_assessment,
        members=members,
        supervising_social_worker=ssw,
    )
    assert [case.subject for case in ready_cases(council.pk) if case.kind == ItemKind.APPROVAL] == []

    with pytest.raises(ValidationError) as early:
        decisions.decision_record(item=item, agrees=True, decided_on=date(2025, 3, 3), by=adm)
    assert early.value.message_dict == {
        "decided_on": ["The decision cannot be dated before the panel's recommendation (4 March 2025)"]
    }
    assert not Decision.objects.exists()

    decisions.decision_record(item=item, agrees=True, decided_on=date(2025, 3, 11), by=adm)

    fh = FosteringHousehold.objects.get(household=ready_assessment.household)
    terms = fh.terms.get()
    assert (fh.approved_on, fh.supervising_social_worker, fh.carer_type) == (
        date(2025, 3, 11),
        ssw,
        "mainstream",
    )
    assert (terms.number_of_children, terms.age_min, terms.age_max, terms.placement_types) == (
        2,
        0,
        10,
        ["short_term"],
    )
    ready_assessment.refresh_from_db()
    assert ready_assessment.stage == Stage.APPROVED
    item.refresh_from_db()
    assert item.fostering_household == fh


def test_a_decision_not_to_approve_takes_effect_only_after_the_28_days(
    council, members, ready_assessment, make_staff
):
    adm = make_staff(council, Role.AGENCY_DECISION_MAKER)
    item = builders.panel_item(
        council,
        kind=ItemKind.APPROVAL,
        subject=ready_assessment,
        members=members,
        recommendation="do_not_approve",
    )
    decision = decisions.decision_record(item=item, agrees=True, decided_on=date(2025, 3, 6), by=adm)
    ready_assessment.refresh_from_db()
    assert ready_assessment.stage == Stage.READY_FOR_PANEL
    with pytest.raises(ValidationError) as too_soon:
        decisions.determination_record(
            decision=decision,
            letter_sent_on=date(2025, 3, 7),
            challenge="none",
            final_outcome="do_not_approve",
            final_decided_on=date(2025, 4, 1),
            final_reasons="No representations",
            by=adm,
        )
    assert too_soon.value.message_dict == {
        "final_decided_on": [
            "Without representations the final decision comes after the 28 days end (4 April 2025)"
        ]
    }
    decision.refresh_from_db()
    assert decision.letter_sent_on is None
    decisions.determination_record(
        decision=decision,
        letter_sent_on=date(2025, 3, 7),
        challenge="irm",
        challenge_outcome="upheld",
        challenge_outcome_on=date(2025, 5, 20),
        final_outcome="do_not_approve",
        final_decided_on=date(2025, 5, 27),
        final_reasons="The IRM panel agreed",
        by=adm,
    )
    ready_assessment.refresh_from_db()
    assert ready_assessment.stage == Stage.NOT_APPROVED
    assert decisions.representations_by(decision) is None
    decision.refresh_from_db()
    assert decisions.representations_by(decision) == date(2025, 4, 4)


def test_business_items_change_terms_and_terminate_approval(council, members, make_staff):
    adm = make_staff(council, Role.AGENCY_DECISION_MAKER)
    fh = builders.approved_household(council, name="Business household")
    terms_item = builders.panel_item(council, kind=ItemKind.TERMS_CHANGE, subject=fh, members=members)
    decisions.decision_record(item=terms_item, agrees=True, decided_on=date(2025, 3, 5), by=adm)
    current = fh.terms.get(effective_to__isnull=True)
    assert (current.effective_from, current.age_max) == (date(2025, 3, 5), 10)

    ending = builders.panel_item(
        council,
        kind=ItemKind.DEREGISTRATION,
        subject=fh,
        members=members,
        meets_on=date(2025, 4, 1),
        recommendation="terminate",
    )
    decision = decisions.decision_record(item=ending, agrees=True, decided_on=date(2025, 4, 3), by=adm)
    decisions.determination_record(
        decision=decision,
        letter_sent_on=date(2025, 4, 3),
        challenge="none",
        final_outcome="terminate",
        final_decided_on=date(2025, 5, 6),
        final_reasons="No representations were made",
        by=adm,
    )
    fh.refresh_from_db()
    assert fh.status == HouseholdStatus.DEREGISTERED


def test_the_adm_may_differ_with_reasons(council, members, make_staff):
    adm = make_staff(council, Role.AGENCY_DECISION_MAKER)
    fh = builders.approved_household(council, name="Differ household")
    item = builders.panel_item(council, kind=ItemKind.TERMS_CHANGE, subject=fh, members=members)
    with pytest.raises(ValidationError) as no_reasons:
        decisions.decision_record(
            item=item, agrees=False, outcome="continue", decided_on=date(2025, 3, 5), by=adm
        )
    assert no_reasons.value.message_dict == {
        "reasons": ["Give the reasons for differing from the panel's recommendation"]
    }
    decision = decisions.decision_record(
        item=item,
        agrees=False,
        outcome="continue",
        reasons="Keep the current terms",
        decided_on=date(2025, 3, 5),
        by=adm,
    )
    assert (decision.agrees, decision.outcome) == (False, Recommendation.CONTINUE)
    assert fh.terms.get().effective_from == date(2024, 1, 10)


def test_panel_members_see_only_the_meetings_they_are_invited_to(
    council, make_staff, members, ready_assessment
):
    outsider = make_staff(council, Role.PANEL_MEMBER)
    administrator = make_staff(council, Role.PANEL_ADMINISTRATOR)
    item = builders.panel_item(council, kind=ItemKind.APPROVAL, subject=ready_assessment, members=members)
    chair = members[0].user
    assert list(meeting_list_for_user(user=chair)) == [item.meeting]
    assert list(item_list_for_user(user=chair)) == [item]
    assert list(meeting_list_for_user(user=outsider)) == []
    assert list(item_list_for_user(user=outsider)) == []
    assert list(meeting_list_for_user(user=administrator)) == [item.meeting]


def test_the_papers_are_one_pdf_with_the_household_name(council, members, ready_assessment):
    item = builders.panel_item(council, kind=ItemKind.APPROVAL, subject=ready_assessment, members=members)
    pdf = papers_pdf(item)
    assert pdf.startswith(b"%PDF-")
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    assert "Okafor household" in text
    assert "Recommendation sought" in text


def test_papers_and_decisions_are_on_my_work(council, members, ready_assessment, make_staff):
    administrator = make_staff(council, Role.PANEL_ADMINISTRATOR)
    adm = make_staff(council, Role.AGENCY_DECISION_MAKER)
    meeting = _planned(council, members, meets_on=date(2025, 3, 4))
    services.item_add(meeting=meeting, kind=ItemKind.APPROVAL, subject=ready_assessment, by=None)
    papers = [
        w for w in work_items_for(administrator, date(2025, 2, 24)) if w.deadline.rule == "panel_papers"
    ]
    assert [(w.subject, w.deadline.due, w.deadline.status.value) for w in papers] == [
        ("Panel on 4 March 2025", date(2025, 2, 25), "due_soon")
    ]
    services.papers_sent_record(meeting=meeting, sent_on=date(2025, 2, 24), by=None)
    assert [
        w for w in work_items_for(administrator, date(2025, 2, 24)) if w.deadline.rule == "panel_papers"
    ] == []

    fh = builders.approved_household(council, name="Waiting household")
    builders.panel_item(
        council, kind=ItemKind.TERMS_CHANGE, subject=fh, members=members, meets_on=date(2025, 3, 18)
    )
    waiting = [w for w in work_items_for(adm, date(2025, 3, 28)) if w.deadline.rule == "adm_decision"]
    assert [(w.subject, w.deadline.due, w.deadline.status.value) for w in waiting] == [
        ("Waiting household: Change to terms of approval", date(2025, 3, 27), "overdue")
    ]


def test_a_regulation_25_extension_records_the_panels_views_and_the_nominated_officers_approval(
    council, members, make_staff
):
    from fostering.kinship.tests import factories as kinship_factories

    adm = make_staff(council, Role.AGENCY_DECISION_MAKER)
    connected = kinship_factories.assessment(council, name="Hughes household", placed_on=date(2025, 1, 6))
    item = builders.panel_item(council, kind=ItemKind.REG25_EXTENSION, subject=connected, members=members)
    decisions.decision_record(item=item, agrees=True, decided_on=date(2025, 3, 6), by=adm)
    connected.refresh_from_db()
    assert connected.panel_views_sought_on == date(2025, 3, 4)
    assert connected.panel_views == "Approve with terms: A thorough assessment"
    assert (connected.nominated_officer, connected.nominated_officer_approved_on) == (adm, date(2025, 3, 6))


def test_a_kinship_approval_records_the_outcome_and_registers_the_household_for_the_named_child(
    council, members, make_staff
):
    from fostering.kinship.choices import Outcome
    from fostering.kinship.choices import Stage as KinshipStage
    from fostering.kinship.services import stage_change
    from fostering.kinship.tests import factories as kinship_factories

    adm = make_staff(council, Role.AGENCY_DECISION_MAKER)
    connected = kinship_factories.assessment(council, name="Patel household", placed_on=date(2025, 1, 6))
    stage_change(
        assessment=connected, to_stage=KinshipStage.FULL_ASSESSMENT, changed_on=date(2025, 1, 7), by=None
    )
    stage_change(
        assessment=connected, to_stage=KinshipStage.AWAITING_DECISION, changed_on=date(2025, 2, 20), by=None
    )
    item = builders.panel_item(council, kind=ItemKind.KINSHIP_APPROVAL, subject=connected, members=members)
    decisions.decision_record(item=item, agrees=True, decided_on=date(2025, 3, 7), by=adm)
    connected.refresh_from_db()
    assert (connected.outcome, connected.decided_on) == (Outcome.APPROVED_CONNECTED_CARER, date(2025, 3, 7))
    fh = FosteringHousehold.objects.get(household=connected.connected_household)
    assert (fh.carer_type, fh.terms.get().named_child_id) == ("kinship", connected.child_id)


def test_the_chair_sees_the_members_appraisals_due_and_the_adm_the_chairs(council, members, make_staff):
    adm = make_staff(council, Role.AGENCY_DECISION_MAKER)
    chair = members[0]
    services.appraisal_record(
        member=members[1], held_on=date(2025, 6, 2), summary="Thoughtful", by=chair.user
    )
    on = date(2026, 5, 26)
    due = {
        w.subject: (w.deadline.due, w.deadline.status.value)
        for w in work_items_for(chair.user, on)
        if w.deadline.rule == "panel_appraisal"
    }
    assert due[str(members[1])] == (date(2026, 6, 2), "due_soon")
    assert due[str(members[2])] == (date(2021, 1, 1), "overdue")
    assert str(chair) not in due
    adm_due = [w.subject for w in work_items_for(adm, on) if w.deadline.rule == "panel_appraisal"]
    assert adm_due == [str(chair)]


def test_a_first_review_heard_by_panel_records_its_outcome_on_the_review(council, members, make_staff):
    adm = make_staff(council, Role.AGENCY_DECISION_MAKER)
    review = _first_review(council)
    item = builders.panel_item(
        council, kind=ItemKind.FIRST_REVIEW, subject=review, members=members, recommendation="continue"
    )
    assert [case.kind for case in ready_cases(council.pk) if case.subject == review] == []
    decisions.decision_record(item=item, agrees=True, decided_on=date(2025, 3, 7), by=adm)
    review.refresh_from_db()
    assert (review.panel_outcome, review.panel_outcome_on) == (
        "Continue approval: A thorough assessment",
        date(2025, 3, 7),
    )
