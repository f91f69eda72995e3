"""The demo's fostering panel: about 39 meetings a year, quorate items, approvals heard before the approval
date and decided on it, and today's ready cases on the next agendas."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from fostering.accounts.models import Organisation
from fostering.deadlines.calendar import working_days_between
from fostering.demo.assessments import build_assessments
from fostering.demo.care import build_care_history
from fostering.demo.children import build_children
from fostering.demo.generator import build_council
from fostering.demo.household_life import build_household_life
from fostering.demo.households import build_households
from fostering.demo.kinship import build_kinship
from fostering.demo.names import main_council
from fostering.demo.panel import build_panel
from fostering.demo.recruitment import build_recruitment
from fostering.demo.sizes import COUNTY, SMALL
from fostering.demo.staff import build_staff
from fostering.households.models import FosteringHousehold
from fostering.panel.choices import ItemKind, MeetingStatus, PanelRole, quorum_gaps
from fostering.panel.models import Appraisal, Decision, PanelItem, PanelMeeting, PanelMember

pytestmark = pytest.mark.django_db

TODAY = date(2026, 3, 2)
STEPS = [
    build_staff,
    build_children,
    build_households,
    build_recruitment,
    build_assessments,
    build_kinship,
    build_care_history,
    build_household_life,
    build_panel,
]


def _build(size=COUNTY, seed: int = 4) -> Organisation:  # type: ignore[no-untyped-def]
    build_council(council=main_council(), size=size, seed=seed, today=TODAY, steps=STEPS)
    return Organisation.objects.get(code=main_council().code)


def test_a_county_panel_year_members_meetings_cases_and_decisions():
    org = _build()
    _meetings_about_39_a_year_and_every_recommendation_quorate(org)
    _approvals_heard_before_and_decided_on_the_approval_date(org)
    _members_appraised_and_todays_ready_cases_on_the_next_agendas(org)


def _meetings_about_39_a_year_and_every_recommendation_quorate(org: Organisation) -> None:
    meetings = PanelMeeting.objects.filter(organisation=org)
    last_year = Counter(
        meetings.filter(meets_on__range=(date(2025, 3, 1), date(2026, 2, 28))).values_list(
            "status", flat=True
        )
    )
    assert 36 <= last_year[MeetingStatus.HELD] + last_year[MeetingStatus.CANCELLED] <= 44
    assert last_year[MeetingStatus.CANCELLED] <= 6
    assert meetings.filter(status=MeetingStatus.CANCELLED).exists()
    assert meetings.filter(status=MeetingStatus.PLANNED, meets_on__gte=TODAY).count() >= 2
    assert not meetings.filter(status=MeetingStatus.HELD, meets_on__gte=TODAY).exists()

    heard = (
        PanelItem.objects.filter(organisation=org)
        .exclude(recommendation="")
        .prefetch_related("sitting", "conflicts")
    )
    assert heard.count() >= 150
    for item in heard:
        assert quorum_gaps([m.role for m in item.sitting.all()]) == [], item
        assert not {c.member_id for c in item.conflicts.all()} & {m.pk for m in item.sitting.all()}
        assert item.meeting.status == MeetingStatus.HELD and item.recommended_on == item.meeting.meets_on


def _approvals_heard_before_and_decided_on_the_approval_date(org: Organisation) -> None:
    approvals = Decision.objects.filter(
        organisation=org, item__kind__in=[ItemKind.APPROVAL, ItemKind.KINSHIP_APPROVAL], outcome="approve"
    ).select_related("item__fostering_household", "item__meeting")
    assert approvals.count() >= 60
    on_time = 0
    for decision in approvals:
        fh = decision.item.fostering_household
        assert isinstance(fh, FosteringHousehold)
        assert decision.decided_on == fh.approved_on
        assert decision.item.meeting.meets_on < fh.approved_on
        on_time += working_days_between(decision.item.meeting.meets_on, decision.decided_on) <= 7
    assert on_time / approvals.count() >= 0.7
    terminated = Decision.objects.filter(organisation=org, outcome__in=["terminate", "do_not_approve"])
    assert terminated.exists()
    for decision in terminated:
        assert decision.letter_sent_on is not None and decision.letter_sent_on >= decision.decided_on
        if decision.final_decided_on is not None:
            assert (decision.final_decided_on - decision.letter_sent_on).days > 28


def _members_appraised_and_todays_ready_cases_on_the_next_agendas(org: Organisation) -> None:
    members = PanelMember.objects.filter(organisation=org)
    roles = Counter(members.values_list("role", flat=True))
    assert roles[PanelRole.CHAIR] == 1 and roles[PanelRole.VICE_CHAIR] >= 1
    assert roles[PanelRole.SOCIAL_WORKER] >= 2 and roles[PanelRole.INDEPENDENT] >= 2
    chair = members.get(role=PanelRole.CHAIR)
    assert Appraisal.objects.filter(member=chair).count() >= 2
    waiting = PanelItem.objects.filter(organisation=org, recommendation="")
    assert waiting.exists()
    assert set(waiting.values_list("meeting__status", flat=True)) == {MeetingStatus.PLANNED}


def test_a_small_council_gets_independent_members_so_its_panel_is_quorate():
    org = _build(SMALL, seed=7)
    members = PanelMember.objects.filter(organisation=org)
    assert not quorum_gaps(list(members.values_list("role", flat=True)))
    heard = PanelItem.objects.filter(organisation=org).exclude(recommendation="").prefetch_related("sitting")
    for item in heard:
        assert quorum_gaps([m.role for m in item.sitting.all()]) == []
