"""Allegations against carers and complaints: recording, refusals, clocks and the household's timeline."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from fostering.accounts.roles import Role
from fostering.audit.selectors import timeline_for
from fostering.concerns import services
from fostering.concerns.deadlines import complaint_deadlines, complaints_lead_work
from fostering.concerns.models import Allegation, Complaint, ComplaintStageRecord
from fostering.concerns.selectors import allegation_list_for_user
from fostering.core.errors import NotAllowed
from fostering.households.choices import HouseholdStatus, ReviewKind
from tests import builders

pytestmark = pytest.mark.django_db


def test_an_ssw_records_an_allegation_that_puts_the_household_on_hold(council, make_staff):
    # given an available household supervised by the SSW
    ssw = make_staff(council, Role.SUPERVISING_SOCIAL_WORKER)
    fh = builders.approved_household(council, approved_on=date(2024, 1, 10), ssw=ssw)
    # when
    allegation = services.allegation_record(
        fostering_household=fh,
        received_on=date(2025, 6, 2),
        summary="A child said a carer hit them",
        put_on_hold=True,
        by=ssw,
    )
    # then the household is on hold from that day, with the reason, and the allegation is open
    fh.refresh_from_db()
    assert fh.status == HouseholdStatus.ON_HOLD
    change = fh.status_changes.order_by("-id")[0]
    assert (change.to_status, change.changed_on) == ("on_hold", date(2025, 6, 2))
    assert change.reason == "Allegation received on 2 June 2025 is being looked into"
    assert allegation.is_open
    verbs = list(timeline_for(fh).order_by("id").values_list("verb", flat=True))
    assert verbs[-2:] == ["allegation_received", "household_status_changed"]
    assert list(allegation_list_for_user(user=ssw)) == [allegation]


def test_an_allegation_before_approval_is_refused_and_nothing_changes(council, service_manager):
    fh = builders.approved_household(council, approved_on=date(2024, 1, 10))
    with pytest.raises(ValidationError) as error:
        services.allegation_record(
            fostering_household=fh,
            received_on=date(2023, 5, 1),
            summary="x",
            put_on_hold=True,
            by=service_manager,
        )
    assert error.value.message_dict == {
        "received_on": ["The date received must not be before the household was approved (10 January 2024)"]
    }
    fh.refresh_from_db()
    assert fh.status == HouseholdStatus.AVAILABLE and Allegation.objects.count() == 0


def test_a_reviewing_officer_cannot_record_an_allegation(council, make_staff):
    fh = builders.approved_household(council)
    with pytest.raises(NotAllowed):
        services.allegation_record(
            fostering_household=fh,
            received_on=date(2025, 1, 1),
            summary="x",
            by=make_staff(council, Role.REVIEWING_OFFICER),
        )
    assert Allegation.objects.count() == 0


def test_lado_referral_meetings_support_and_outcome_with_a_review_following_concerns(
    council, service_manager
):
    fh = builders.approved_household(council, approved_on=date(2024, 1, 10))
    allegation = builders.allegation(fh, received_on=date(2025, 6, 2))
    services.allegation_progress(
        allegation=allegation,
        lado_referred_on=date(2025, 6, 3),
        lado_outcome="Position of trust meeting advised",
        strategy_meeting_on=date(2025, 6, 10),
        support_offered_on=date(2025, 6, 4),
        support_offered_by="Foster Carers' Association",
        by=service_manager,
    )
    review = builders.household_review(fh, held_on=date(2025, 7, 1), kind=ReviewKind.FOLLOWING_CONCERNS)
    assert review.needs_panel is True
    services.allegation_conclude(
        allegation=allegation,
        concluded_on=date(2025, 7, 20),
        outcome="unsubstantiated",
        review=review,
        by=service_manager,
    )
    allegation.refresh_from_db()
    assert (allegation.outcome, allegation.review, allegation.is_open) == ("unsubstantiated", review, False)
    assert allegation.lado_referred_on == date(2025, 6, 3)


def test_support_without_who_offered_it_and_a_referral_before_receipt_are_refused(council, service_manager):
    allegation = builders.allegation(builders.approved_household(council), received_on=date(2025, 6, 2))
    with pytest.raises(ValidationError) as error:
        services.allegation_progress(
            allegation=allegation,
            lado_referred_on=date(2025, 6, 1),
            support_offered_on=date(2025, 6, 4),
            by=service_manager,
        )
    assert error.value.message_dict == {
        "lado_referred_on": ["The date must not be before the allegation was received (2 June 2025)"],
        "support_offered_by": ["Enter who offered the independent support"],
    }
    allegation.refresh_from_db()
    assert allegation.lado_referred_on is None


def test_concluding_without_an_outcome_is_refused(council, service_manager):
    allegation = builders.allegation(builders.approved_household(council))
    with pytest.raises(ValidationError) as error:
        services.allegation_conclude(
            allegation=allegation, concluded_on=date(2025, 7, 1), outcome="", by=service_manager
        )
    assert error.value.message_dict == {"outcome": ["Choose the outcome of the allegation"]}
    allegation.refresh_from_db()
    assert allegation.concluded_on is None


def test_a_complaint_runs_through_three_stages_with_their_clocks(council, service_manager):
    # given a complaint about a household received on Monday 1 September 2025
    fh = builders.approved_household(council)
    complaint = builders.complaint(council, received_on=date(2025, 9, 1), fostering_household=fh)
    # then stage 1 is due in 10 working days
    (stage1,) = complaint_deadlines(complaint, today=date(2025, 9, 2))
    assert (stage1.rule, stage1.due) == ("complaint_stage1", date(2025, 9, 15))
    # when stage 1 is answered and the complainant asks for stage 2, extended
    services.complaint_respond(
        complaint=complaint, responded_on=date(2025, 9, 12), outcome="not_upheld", by=service_manager
    )
    services.complaint_escalate(
        complaint=complaint, started_on=date(2025, 9, 22), extended=True, by=service_manager
    )
    stage2 = complaint_deadlines(complaint, today=date(2025, 9, 23))[1]
    assert (stage2.rule, stage2.status) == ("complaint_stage2_extended", "on_track")
    services.complaint_respond(
        complaint=complaint, responded_on=date(2025, 11, 3), outcome="partly_upheld", by=service_manager
    )
    services.complaint_escalate(complaint=complaint, started_on=date(2025, 11, 10), by=service_manager)
    # then a fourth stage is refused
    services.complaint_respond(
        complaint=complaint, responded_on=date(2025, 12, 1), outcome="upheld", by=service_manager
    )
    with pytest.raises(ValidationError) as error:
        services.complaint_escalate(complaint=complaint, started_on=date(2025, 12, 5), by=service_manager)
    assert error.value.message_dict == {
        "started_on": ["The review panel is the last stage of the complaints procedure"]
    }
    assert [s.outcome for s in complaint.stages.all()] == ["not_upheld", "partly_upheld", "upheld"]
    # and the household's timeline shows it
    assert timeline_for(fh).filter(verb="complaint_escalated").count() == 2


def test_escalating_an_unanswered_stage_is_refused(council, service_manager):
    complaint = builders.complaint(council)
    with pytest.raises(ValidationError) as error:
        services.complaint_escalate(complaint=complaint, started_on=date(2025, 9, 5), by=service_manager)
    assert error.value.message_dict == {"started_on": ["Stage 1: local resolution has not been answered yet"]}
    assert ComplaintStageRecord.objects.count() == 1


def test_open_complaint_stages_are_on_the_complaints_leads_my_work(council, service_manager, make_staff):
    builders.complaint(council, received_on=date(2025, 9, 1), complainant_name="Pat Smith")
    (item,) = complaints_lead_work(service_manager, date(2025, 9, 20))
    assert item.deadline.status == "overdue"
    assert item.subject == "Complaint from Pat Smith, received 1 September 2025"
    assert (
        list(complaints_lead_work(make_staff(council, Role.SUPERVISING_SOCIAL_WORKER), date(2025, 9, 20)))
        == []
    )


def test_a_complaint_without_a_name_is_refused(council, service_manager):
    with pytest.raises(ValidationError) as error:
        services.complaint_record(
            organisation=council,
            received_on=date(2025, 9, 1),
            complainant="carer",
            complainant_name="",
            summary="x",
            by=service_manager,
        )
    assert error.value.message_dict == {"complainant_name": ["Enter the name of the person who complained"]}
    assert Complaint.objects.count() == 0
