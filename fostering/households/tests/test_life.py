"""The life of an approved household: reviews with views, support plans, training, TSD, resignations,
allocation and caseloads, and the retention early warning."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from fostering.accounts.roles import Role
from fostering.audit.models import AuditEvent
from fostering.core.errors import NotAllowed
from fostering.deadlines.items import work_items_for
from fostering.households import life
from fostering.households.choices import (
    CarerType,
    HouseholdStatus,
    ResignationReason,
    ReviewKind,
    ReviewRecommendation,
)
from fostering.households.deadlines import adult_member_checks, household_deadlines, tsd_deadlines
from fostering.households.models import (
    ExitInterview,
    HouseholdReview,
    ReviewView,
    StatusChange,
    TrainingRecord,
)
from fostering.households.retention import households_at_risk, registered_retention_flags
from fostering.households.selectors import household_get_for_user, reviews_awaiting_panel, with_clock_facts
from fostering.households.services import (
    household_review_record,
    household_status_change,
    supervising_social_worker_allocate,
)
from fostering.people.choices import MemberRole
from fostering.people.models import HouseholdMember
from fostering.people.services import check_record, checks_outstanding, member_add
from tests import builders

pytestmark = pytest.mark.django_db


def _carer(fh) -> HouseholdMember:
    return fh.household.members.get(role=MemberRole.CARER)


def test_a_review_dated_before_the_approval_is_refused_and_nothing_is_saved(council, make_staff):
    # given a household approved on 10 January 2024
    officer = make_staff(council, Role.REVIEWING_OFFICER)
    fh = builders.approved_household(council, approved_on=date(2024, 1, 10))
    # when a review is recorded for the day before
    with pytest.raises(ValidationError) as error:
        household_review_record(
            fostering_household=fh, held_on=date(2024, 1, 9), kind=ReviewKind.FIRST, by=officer
        )
    # then
    assert error.value.message_dict["held_on"] == [
        "The review date must not be before the household was approved (10 January 2024)"
    ]
    assert HouseholdReview.objects.count() == 0
    assert not AuditEvent.objects.filter(verb="household_review_recorded").exists()


def test_a_first_review_with_views_goes_to_panel_until_the_panel_outcome_is_recorded(
    council, make_staff, service_manager
):
    # given
    officer = make_staff(council, Role.REVIEWING_OFFICER)
    fh = builders.approved_household(council, approved_on=date(2024, 1, 10))
    # when the reviewing officer records the first review and the views of a child placed
    review = household_review_record(
        fostering_household=fh,
        held_on=date(2024, 12, 16),
        kind=ReviewKind.FIRST,
        recommendation=ReviewRecommendation.CONTINUE,
        reviewing_officer=officer,
        by=officer,
    )
    view = life.review_view_record(
        review=review,
        source="child_placed",
        given_by="Amy (aged 11)",
        given_on=date(2024, 12, 2),
        summary="Likes living here; wants more time on the computer.",
        by=officer,
    )
    # then it needs the panel, and the panel agenda can find it
    assert review.needs_panel is True
    assert list(reviews_awaiting_panel(council)) == [review]
    assert list(review.views.all()) == [view]
    # when the panel's outcome is recorded it leaves the list
    life.review_panel_outcome_record(
        review=review, outcome="Continue approval", on=date(2025, 1, 20), by=service_manager
    )
    assert list(reviews_awaiting_panel(council)) == []


def test_an_annual_review_recommending_no_change_does_not_go_to_panel(council, make_staff):
    officer = make_staff(council, Role.REVIEWING_OFFICER)
    fh = builders.approved_household(council, approved_on=date(2023, 1, 10))
    builders.household_review(fh, held_on=date(2024, 1, 3))
    second = household_review_record(
        fostering_household=fh,
        held_on=date(2025, 1, 3),
        kind=ReviewKind.ANNUAL,
        recommendation=ReviewRecommendation.CONTINUE,
        by=officer,
    )
    assert second.needs_panel is False
    assert [r.held_on for r in reviews_awaiting_panel(council)] == [date(2024, 1, 3)]


def test_a_second_first_review_is_refused(council, make_staff):
    officer = make_staff(council, Role.REVIEWING_OFFICER)
    fh = builders.approved_household(council, approved_on=date(2023, 1, 10))
    builders.household_review(fh, held_on=date(2024, 1, 3))
    with pytest.raises(ValidationError) as error:
        household_review_record(
            fostering_household=fh, held_on=date(2025, 1, 3), kind=ReviewKind.FIRST, by=officer
        )
    assert error.value.message_dict["kind"] == [
        "The household has had a review already: this is not its first annual review"
    ]
    assert fh.reviews.count() == 1


def test_views_without_a_summary_are_refused(council, make_staff):
    officer = make_staff(council, Role.REVIEWING_OFFICER)
    review = builders.household_review(builders.approved_household(council))
    with pytest.raises(ValidationError) as error:
        life.review_view_record(
            review=review,
            source="iro",
            given_by="Sam Iro",
            given_on=date(2025, 1, 2),
            summary=" ",
            by=officer,
        )
    assert error.value.message_dict == {"summary": ["Enter a summary of their views"]}
    assert ReviewView.objects.count() == 0


def test_the_support_plan_starts_its_four_monthly_clock(council, service_manager):
    fh = builders.approved_household(council, approved_on=date(2024, 1, 10))
    review = builders.household_review(fh, held_on=date(2025, 1, 8))
    life.support_plan_record(
        fostering_household=fh,
        agreed_on=date(2025, 1, 15),
        training_needs="Attachment and trauma course",
        review=review,
        by=service_manager,
    )
    loaded = household_get_for_user(user=service_manager, pk=fh.pk)
    clocks = {d.rule: d for d in household_deadlines(loaded, today=date(2025, 3, 1))}
    assert clocks["support_plan_review"].due == date(2025, 5, 15)
    assert clocks["support_plan_review"].status == "on_track"


def test_a_plan_dated_before_its_review_is_refused(council, service_manager):
    fh = builders.approved_household(council, approved_on=date(2024, 1, 10))
    review = builders.household_review(fh, held_on=date(2025, 1, 8))
    with pytest.raises(ValidationError) as error:
        life.support_plan_record(
            fostering_household=fh,
            agreed_on=date(2025, 1, 7),
            training_needs="x",
            review=review,
            by=service_manager,
        )
    assert error.value.message_dict["agreed_on"] == [
        "The plan follows the review: date it on or after 8 January 2025"
    ]
    assert fh.support_plans.count() == 0


def test_tsd_is_due_after_12_months_and_18_for_kinship_and_met_by_completion(council, service_manager):
    # given a mainstream and a short-breaks household approved the same day
    mainstream = builders.approved_household(council, approved_on=date(2025, 2, 3))
    short_breaks = builders.approved_household(
        council,
        approved_on=date(2025, 2, 3),
        carer_type=CarerType.SHORT_BREAKS,
        placement_types=["short_breaks"],
    )
    # when
    found = tsd_deadlines([mainstream, short_breaks], today=date(2025, 6, 1))
    # then
    assert [d.due for _, d in found[mainstream.pk]] == [date(2026, 2, 3)]
    assert [d.due for _, d in found[short_breaks.pk]] == [date(2026, 8, 3)]
    # when the mainstream carer completes them, the clock is met
    life.tsd_completion_record(
        fostering_household=mainstream,
        member=_carer(mainstream),
        completed_on=date(2025, 11, 20),
        by=service_manager,
    )
    ((name, deadline),) = tsd_deadlines([mainstream], today=date(2025, 12, 1))[mainstream.pk]
    assert deadline.status == "met" and deadline.met_on == date(2025, 11, 20)


def test_training_is_recorded_per_carer_and_refused_for_other_members(council, service_manager):
    fh = builders.approved_household(council)
    row = life.training_record(
        fostering_household=fh,
        member=_carer(fh),
        course="Paediatric first aid",
        attended_on=date(2025, 3, 4),
        hours=Decimal("6.5"),
        provider="St John Ambulance",
        by=service_manager,
    )
    assert (row.course, row.hours) == ("Paediatric first aid", Decimal("6.5"))
    child = member_add(
        household=fh.household,
        person=builders.person(council, date_of_birth=date(2012, 1, 1)),
        role=MemberRole.CHILD,
        joined_on=date(2012, 1, 1),
        by=None,
    )
    with pytest.raises(ValidationError) as error:
        life.training_record(
            fostering_household=fh,
            member=child,
            course="x",
            attended_on=date(2025, 3, 4),
            hours=Decimal("1"),
            by=service_manager,
        )
    assert error.value.message_dict == {"member": ["Choose one of the household's carers"]}
    assert TrainingRecord.objects.count() == 1


def test_a_birth_child_who_turned_18_needs_adult_checks(council):
    fh = builders.approved_household(council)
    son = member_add(
        household=fh.household,
        person=builders.person(council, date_of_birth=date(2007, 5, 1)),
        role=MemberRole.CHILD,
        joined_on=date(2007, 5, 1),
        by=None,
    )
    assert checks_outstanding(son, date(2025, 4, 30)) == ["school"]
    assert checks_outstanding(son, date(2025, 5, 1)) == ["dbs", "local_authority"]


def test_resigning_needs_a_reason_from_the_list(council, service_manager):
    fh = builders.approved_household(council, approved_on=date(2024, 1, 10))
    with pytest.raises(ValidationError) as error:
        household_status_change(
            fostering_household=fh,
            to_status=HouseholdStatus.RESIGNED,
            changed_on=date(2025, 4, 1),
            reason="Moving away",
            by=service_manager,
        )
    assert error.value.message_dict == {"resignation_reason": ["Choose the reason the household resigned"]}
    assert fh.status_changes.count() == 1
    change = household_status_change(
        fostering_household=fh,
        to_status=HouseholdStatus.RESIGNED,
        changed_on=date(2025, 4, 1),
        reason="Moving away",
        resignation_reason=ResignationReason.RETIREMENT,
        by=service_manager,
    )
    assert StatusChange.objects.get(pk=change.pk).resignation_reason == "retirement"


def test_the_exit_interview_is_for_resigned_households(council, service_manager):
    fh = builders.approved_household(council, approved_on=date(2024, 1, 10))
    with pytest.raises(ValidationError):
        life.exit_interview_record(fostering_household=fh, offered_on=date(2025, 4, 2), by=service_manager)
    household_status_change(
        fostering_household=fh,
        to_status=HouseholdStatus.RESIGNED,
        changed_on=date(2025, 4, 1),
        reason="Retiring",
        resignation_reason=ResignationReason.RETIREMENT,
        by=service_manager,
    )
    with pytest.raises(ValidationError) as error:
        life.exit_interview_record(
            fostering_household=fh,
            offered_on=date(2025, 4, 2),
            held_on=date(2025, 4, 1),
            would_recommend="yes",
            by=service_manager,
        )
    assert error.value.message_dict == {"held_on": ["The interview cannot be held before it was offered"]}
    interview = life.exit_interview_record(
        fostering_household=fh,
        offered_on=date(2025, 4, 2),
        held_on=date(2025, 4, 20),
        held_by=service_manager,
        summary="Felt well supported.",
        would_recommend="yes",
        by=service_manager,
    )
    assert ExitInterview.objects.get().pk == interview.pk and interview.would_recommend == "yes"


def test_allocating_an_ssw_is_audited_and_a_non_ssw_is_refused(council, service_manager, make_staff):
    fh = builders.approved_household(council)
    ssw = make_staff(council, Role.SUPERVISING_SOCIAL_WORKER)
    clerk = make_staff(council, Role.PAYMENTS_OFFICER)
    with pytest.raises(ValidationError) as error:
        supervising_social_worker_allocate(fostering_household=fh, social_worker=clerk, by=service_manager)
    assert error.value.message_dict == {"social_worker": [f"{clerk} does not supervise households"]}
    supervising_social_worker_allocate(fostering_household=fh, social_worker=ssw, by=service_manager)
    fh.refresh_from_db()
    assert fh.supervising_social_worker == ssw
    event = AuditEvent.objects.get(verb="supervising_social_worker_allocated")
    assert event.changes["supervising_social_worker"][1] == ssw.pk


def test_an_ssw_cannot_record_a_support_plan_for_another_council(council, other_council, make_staff):
    fh = builders.approved_household(other_council)
    ssw = make_staff(council, Role.SUPERVISING_SOCIAL_WORKER)
    with pytest.raises(NotAllowed):
        life.support_plan_record(
            fostering_household=fh, agreed_on=date(2025, 1, 1), training_needs="x", by=ssw
        )
    assert fh.support_plans.count() == 0


def test_every_household_clock_shows_on_the_ssws_my_work(council, make_staff):
    ssw = make_staff(council, Role.SUPERVISING_SOCIAL_WORKER)
    fh = builders.approved_household(council, approved_on=date(2024, 1, 10), ssw=ssw)
    life.support_plan_record(fostering_household=fh, agreed_on=date(2024, 3, 1), training_needs="x", by=None)
    titles = {item.deadline.rule for item in work_items_for(ssw, date(2026, 11, 1))}
    assert {
        "supervision",
        "unannounced_visit",
        "annual_review",
        "support_plan_review",
        "tsd_standards",
    } <= titles


def test_retention_flags_say_why(council, service_manager):
    # given a household approved long ago, never visited, reviewed or placed with, and one TSD not done
    fh = builders.approved_household(council, name="Quiet household", approved_on=date(2023, 1, 10))
    households = list(with_clock_facts(type(fh).objects.filter(pk=fh.pk)))
    # when
    (row,) = households_at_risk(households, date(2025, 6, 1))
    # then every flag is explained in words
    assert row.household == fh
    assert row.reasons[0] == "No child placed since approval on 10 January 2023 (873 days)"
    assert row.reasons[1].startswith("Supervision visit overdue since 21 February 2023")
    assert row.reasons[2].startswith("TSD standards not completed by")
    assert {
        "no_placement",
        "missed_visits_or_review",
        "tsd_overdue",
        "many_endings",
        "open_allegation",
    } <= set(registered_retention_flags())


def test_the_team_view_and_a_caseload_show_each_ssws_households(council, service_manager, make_staff):
    ssw = make_staff(council, Role.SUPERVISING_SOCIAL_WORKER, first_name="Ola", last_name="Worker")
    builders.approved_household(council, name="Ahmed household", ssw=ssw, approved_on=date(2024, 1, 10))
    client = Client()
    client.force_login(service_manager)
    team = client.get(reverse("households:team")).content.decode()
    assert "Ola Worker" in team
    page = client.get(reverse("households:caseload", args=[ssw.pk])).content.decode()
    assert "Ahmed household" in page and "Supervision visit" in page


def test_a_birth_child_turning_18_starts_the_adult_checks_clock_until_their_checks_are_clear(council):
    # given a birth child who turned 18 on 1 May 2025 in a household approved in 2024
    fh = builders.approved_household(council, approved_on=date(2024, 1, 10))
    son = member_add(
        household=fh.household,
        person=builders.person(council, first_name="Leo", last_name="Hart", date_of_birth=date(2007, 5, 1)),
        role=MemberRole.CHILD,
        joined_on=date(2007, 5, 1),
        by=None,
    )
    # then before the birthday there is no clock; after it the checks are due a month on
    assert adult_member_checks([fh], today=date(2025, 4, 30)) == {}
    ((name, deadline),) = adult_member_checks([fh], today=date(2025, 6, 10))[fh.pk]
    assert (name, deadline.due, deadline.status) == ("Leo Hart", date(2025, 6, 1), "overdue")
    # when his DBS and local authority checks come back clear, the clock is gone
    for kind in ("dbs", "local_authority"):
        check_record(
            member=son,
            kind=kind,
            requested_on=date(2025, 5, 2),
            received_on=date(2025, 5, 20),
            outcome="clear",
            by=None,
        )
    assert adult_member_checks([fh], today=date(2025, 6, 10)) == {}


def test_adding_an_adult_member_says_which_checks_they_now_need(council, service_manager):
    fh = builders.approved_household(council)
    client = Client()
    client.force_login(service_manager)
    response = client.post(
        reverse("households:member_add", args=[fh.pk]),
        {
            "first_name": "Nia",
            "last_name": "Hart",
            "date_of_birth_0": "2",
            "date_of_birth_1": "3",
            "date_of_birth_2": "1990",
            "sex": "F",
            "ethnicity": "WBRI",
            "religion": "none",
            "first_language": "English",
            "disability": "no",
            "role": "adult",
            "joined_on_0": "1",
            "joined_on_1": "9",
            "joined_on_2": "2025",
        },
        follow=True,
    )
    assert (
        "Nia Hart has joined the household. Checks now needed: Enhanced DBS check, Local authority check."
        in (response.content.decode())
    )
