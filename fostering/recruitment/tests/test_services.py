"""Recruitment services: given / when / then, exact values; a refusal saves nothing."""

from datetime import date, datetime

import pytest
from django.core.exceptions import ValidationError

from fostering.accounts.roles import Role
from fostering.audit.models import AuditEvent
from fostering.core.errors import NotAllowed
from fostering.deadlines.calendar import LONDON
from fostering.deadlines.status import DeadlineStatus
from fostering.people.models import Person
from fostering.recruitment import services
from fostering.recruitment.choices import Attendance, Channel, Decision, EnquiryStage, ScreeningOutcome
from fostering.recruitment.deadlines import enquiry_deadlines, recruitment_work
from fostering.recruitment.models import Enquiry, EventBooking, StageChange
from fostering.recruitment.tests import factories

pytestmark = pytest.mark.django_db


def stages(enquiry: Enquiry) -> list[tuple[str, str]]:
    return list(enquiry.stage_changes.order_by("id").values_list("from_stage", "to_stage"))


def test_an_enquiry_received_on_friday_afternoon_is_due_on_tuesday_after_the_bank_holiday(council):
    # given an enquiry received at 16:30 on Friday 16 September 2022 (Monday 19th was a bank holiday)
    enquiry = factories.enquiry(council, received_at=datetime(2022, 9, 16, 16, 30, tzinfo=LONDON))
    # when its clocks are computed
    [response] = enquiry_deadlines(enquiry, today=datetime(2022, 9, 16, 16, 45, tzinfo=LONDON))
    # then it must be answered by 10:30 on Tuesday 20 September 2022
    assert response.rule == "enquiry_response"
    assert response.due == datetime(2022, 9, 20, 10, 30, tzinfo=LONDON)
    assert response.status == DeadlineStatus.ON_TRACK


def test_recording_the_response_meets_the_clock_and_moves_the_stage(council, make_staff):
    coordinator = make_staff(council, Role.RECRUITMENT_COORDINATOR)
    enquiry = factories.enquiry(council, received_at=datetime(2022, 9, 16, 16, 30, tzinfo=LONDON))
    services.enquiry_respond(
        enquiry=enquiry,
        responded_at=datetime(2022, 9, 20, 9, 15, tzinfo=LONDON),
        channel=Channel.PHONE,
        notes="Talked about the information evening",
        by=coordinator,
    )
    enquiry.refresh_from_db()
    assert (enquiry.responded_by, enquiry.response_channel) == (coordinator, "phone")
    [response] = enquiry_deadlines(enquiry, today=datetime(2022, 9, 21, 12, 0, tzinfo=LONDON))
    assert response.status == DeadlineStatus.MET
    assert response.met_on == datetime(2022, 9, 20, 9, 15, tzinfo=LONDON)
    assert stages(enquiry) == [("", "new"), ("new", "responded")]
    assert [c.created_by for c in enquiry.stage_changes.all()] == [None, coordinator]


def test_an_enquiry_creates_the_enquirer_and_records_channel_source_and_consent(council):
    source = factories.source(council, "Bus shelter campaign")
    enquiry = factories.enquiry(
        council,
        first_name="Priya",
        last_name="Shah",
        email="Priya.Shah@Example.com",
        postcode="le3 8rf",
        source=source,
        channel=Channel.SOCIAL_MEDIA,
        consent_newsletter=True,
    )
    assert (enquiry.person.first_name, enquiry.person.last_name, enquiry.person.email) == (
        "Priya",
        "Shah",
        "priya.shah@example.com",
    )
    assert (enquiry.channel, enquiry.source, enquiry.postcode) == ("social_media", source, "LE3 8RF")
    assert (enquiry.consent_keep_in_touch, enquiry.consent_newsletter) == (False, True)
    assert stages(enquiry) == [("", "new")]
    assert AuditEvent.objects.get(verb="enquiry_received", record_id=str(enquiry.pk)).changes["channel"] == [
        None,
        "social_media",
    ]


def test_a_second_enquiry_from_the_same_email_links_the_same_person_once_the_first_is_closed(council):
    first = factories.enquiry(council, email="sam@example.com")
    services.enquiry_close(enquiry=first, reason="Could not reach them", by=None)
    second = factories.enquiry(council, email="sam@example.com")
    assert second.person_id == first.person_id
    assert Person.objects.filter(email="sam@example.com").count() == 1


def test_a_duplicate_enquiry_while_one_is_open_is_refused_beside_the_field_and_saves_nothing(council):
    factories.enquiry(council, email="sam@example.com", phone="07700 900123")
    before = (Enquiry.objects.count(), Person.objects.count(), StageChange.objects.count())
    with pytest.raises(ValidationError) as error:
        factories.enquiry(council, email="other@example.com", phone="07700 900123")
    assert error.value.message_dict["phone"][0].startswith(
        "An enquiry with this phone number is already open"
    )
    with pytest.raises(ValidationError) as error:
        factories.enquiry(council, email="SAM@example.com")
    assert "email" in error.value.message_dict
    assert (Enquiry.objects.count(), Person.objects.count(), StageChange.objects.count()) == before


def test_the_same_email_in_another_council_is_not_a_duplicate(council, other_council):
    factories.enquiry(council, email="sam@example.com")
    assert factories.enquiry(other_council, email="sam@example.com").organisation == other_council


def test_an_enquiry_needs_an_email_or_a_phone_number(council):
    with pytest.raises(ValidationError) as error:
        factories.enquiry(council, email="", phone="")
    assert error.value.message_dict == {
        "email": ["Enter an email address or a phone number, so we can contact you"]
    }
    assert Enquiry.objects.count() == 0


def test_a_role_without_the_permission_cannot_log_an_enquiry(council, make_staff):
    ssw = make_staff(council, Role.SUPERVISING_SOCIAL_WORKER)
    with pytest.raises(NotAllowed):
        services.enquiry_create(
            organisation=council,
            first_name="A",
            last_name="B",
            email="a@example.com",
            channel=Channel.PHONE,
            received_at=datetime(2024, 3, 4, 10, 0, tzinfo=LONDON),
            by=ssw,
        )
    assert Enquiry.objects.count() == 0


def test_the_journey_records_every_stage_change(council, make_staff):
    worker = make_staff(council, Role.INITIAL_VISIT_WORKER)
    manager = make_staff(council, Role.ASSESSMENT_MANAGER)
    event = factories.event(council, starts_at=datetime(2024, 3, 5, 18, 30, tzinfo=LONDON))
    enquiry = factories.responded_enquiry(council)
    booking = services.event_book(
        event=event, enquiry=enquiry, booked_on=date(2024, 3, 4), invited_on=date(2024, 3, 4), by=None
    )
    services.booking_update(booking=booking, reminded_on=date(2024, 3, 5), by=None)
    services.booking_update(booking=booking, attendance=Attendance.ATTENDED, by=None)
    enquiry.refresh_from_db()
    services.screening_call_record(
        enquiry=enquiry, called_on=date(2024, 3, 6), outcome=ScreeningOutcome.OFFER_VISIT, by=None
    )
    services.initial_visit_offer(enquiry=enquiry, offered_on=date(2024, 3, 8), worker=worker, by=None)
    services.initial_visit_record(
        enquiry=enquiry, visited_on=date(2024, 3, 12), record_written_on=date(2024, 3, 13), by=worker
    )
    services.progress_decision_record(
        enquiry=enquiry,
        decision=Decision.PROGRESS,
        decided_on=date(2024, 3, 14),
        reasons="Good understanding of the task; room and time for a child",
        feedback_given_on=date(2024, 3, 15),
        by=manager,
    )
    enquiry.refresh_from_db()
    assert enquiry.stage == EnquiryStage.PROGRESSED
    assert stages(enquiry) == [
        ("", "new"),
        ("new", "responded"),
        ("responded", "event_booked"),
        ("event_booked", "event_attended"),
        ("event_attended", "screening"),
        ("screening", "initial_visit"),
        ("initial_visit", "progressed"),
    ]
    # each move is dated when it happened, so the funnel counts it in that month
    assert list(enquiry.stage_changes.order_by("id").values_list("changed_at", flat=True)[4:]) == [
        datetime(2024, 3, 6, 9, 0, tzinfo=LONDON),
        datetime(2024, 3, 12, 9, 0, tzinfo=LONDON),
        datetime(2024, 3, 14, 9, 0, tzinfo=LONDON),
    ]
    booking.refresh_from_db()
    assert (booking.invited_on, booking.reminded_on, booking.attendance) == (
        date(2024, 3, 4),
        date(2024, 3, 5),
        "attended",
    )
    clocks = {d.rule: d for d in enquiry_deadlines(enquiry, today=date(2024, 3, 20))}
    assert clocks["initial_visit_offer"].due == date(2024, 3, 13)
    assert clocks["initial_visit_record"].due == date(2024, 3, 14)
    assert clocks["progress_decision"].due == date(2024, 3, 15)
    assert {rule: d.status for rule, d in clocks.items()} == {
        "enquiry_response": DeadlineStatus.MET,
        "initial_visit_offer": DeadlineStatus.MET,
        "initial_visit_record": DeadlineStatus.MET,
        "progress_decision": DeadlineStatus.MET,
    }


def test_a_no_show_returns_the_enquiry_to_responded(council):
    event = factories.event(council, starts_at=datetime(2024, 3, 5, 18, 30, tzinfo=LONDON))
    enquiry = factories.responded_enquiry(council)
    booking = services.event_book(event=event, enquiry=enquiry, booked_on=date(2024, 3, 4), by=None)
    services.booking_update(booking=booking, attendance=Attendance.NO_SHOW, by=None)
    enquiry.refresh_from_db()
    assert enquiry.stage == EnquiryStage.RESPONDED
    assert stages(enquiry)[-1] == ("event_booked", "responded")


def test_a_full_event_refuses_another_booking(council):
    event = factories.event(council, capacity=1)
    services.event_book(
        event=event, enquiry=factories.responded_enquiry(council), booked_on=date(2024, 3, 4), by=None
    )
    with pytest.raises(ValidationError) as error:
        services.event_book(
            event=event, enquiry=factories.responded_enquiry(council), booked_on=date(2024, 3, 4), by=None
        )
    assert error.value.message_dict["enquiry"] == ["The event is full (1 places)"]
    assert EventBooking.objects.count() == 1


def test_a_visit_before_the_screening_call_is_refused_and_nothing_changes(council):
    enquiry = factories.screened_enquiry(council)
    with pytest.raises(ValidationError) as error:
        services.initial_visit_record(enquiry=enquiry, visited_on=date(2024, 3, 5), by=None)
    assert error.value.message_dict["visited_on"] == [
        "The visit cannot be before the screening call (06/03/2024)"
    ]
    enquiry.refresh_from_db()
    assert (enquiry.initial_visit_on, enquiry.stage) == (None, "screening")
    assert not enquiry.stage_changes.filter(to_stage="initial_visit").exists()


def test_a_record_written_before_the_visit_is_refused_and_nothing_changes(council):
    enquiry = factories.screened_enquiry(council)
    with pytest.raises(ValidationError) as error:
        services.initial_visit_record(
            enquiry=enquiry, visited_on=date(2024, 3, 12), record_written_on=date(2024, 3, 11), by=None
        )
    assert error.value.message_dict["record_written_on"] == ["The record cannot be written before the visit"]
    enquiry.refresh_from_db()
    assert (enquiry.initial_visit_on, enquiry.initial_visit_record_on, enquiry.stage) == (
        None,
        None,
        "screening",
    )


def test_a_decision_before_the_visit_is_refused_and_nothing_changes(council, make_staff):
    manager = make_staff(council, Role.ASSESSMENT_MANAGER)
    enquiry = factories.visited_enquiry(council)
    with pytest.raises(ValidationError) as error:
        services.progress_decision_record(
            enquiry=enquiry,
            decision=Decision.PROGRESS,
            decided_on=date(2024, 3, 11),
            reasons="Ready",
            by=manager,
        )
    assert error.value.message_dict["decided_on"] == ["The decision cannot be before the visit (12/03/2024)"]
    enquiry.refresh_from_db()
    assert (enquiry.decision, enquiry.decided_on, enquiry.stage) == ("", None, "initial_visit")


def test_a_screening_call_that_ends_the_enquiry_records_both_moves(council):
    enquiry = factories.responded_enquiry(council)
    services.screening_call_record(
        enquiry=enquiry,
        called_on=date(2024, 3, 6),
        outcome=ScreeningOutcome.NOT_NOW,
        notes="Moving house",
        by=None,
    )
    assert stages(enquiry)[-2:] == [("responded", "screening"), ("screening", "not_now")]


def test_a_closed_enquiry_cannot_move_again(council):
    enquiry = factories.enquiry(council)
    services.enquiry_close(enquiry=enquiry, reason="Withdrew", by=None)
    with pytest.raises(ValidationError) as error:
        services.enquiry_close(enquiry=enquiry, reason="Again", by=None)
    assert "to_stage" in error.value.message_dict
    assert enquiry.stage_changes.count() == 2


def test_my_work_gives_each_worker_their_own_clocks(council, other_council, make_staff, monkeypatch):
    monkeypatch.setattr("fostering.core.clock.now", lambda: datetime(2024, 3, 13, 9, 0, tzinfo=LONDON))
    monkeypatch.setattr("fostering.core.clock.today", lambda: date(2024, 3, 13))
    coordinator = make_staff(council, Role.RECRUITMENT_COORDINATOR)
    worker = make_staff(council, Role.INITIAL_VISIT_WORKER)
    other_worker = make_staff(council, Role.INITIAL_VISIT_WORKER)
    manager = make_staff(council, Role.ASSESSMENT_MANAGER)
    unanswered = factories.enquiry(council, last_name="Waiting")
    factories.enquiry(other_council, last_name="Elsewhere")
    visited = factories.visited_enquiry(council, worker=worker, last_name="Visited")

    def items(user):
        return sorted((i.deadline.rule, i.subject) for i in recruitment_work(user, date(2024, 3, 13)))

    assert items(coordinator) == [("enquiry_response", unanswered.person.full_name)]
    assert items(worker) == [("initial_visit_record", visited.person.full_name)]
    assert items(other_worker) == []
    assert items(manager) == [("progress_decision", visited.person.full_name)]
    assert items(make_staff(council, Role.SERVICE_MANAGER)) == []
