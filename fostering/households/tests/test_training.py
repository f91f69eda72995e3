"""Courses and places on them: the waiting list, cancelling, attendance joining the training record; and the
carers' views given ahead of their review."""

from datetime import time, timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from fostering.accounts.roles import Role
from fostering.core import clock
from fostering.core.errors import NotAllowed
from fostering.households import review_ahead, training
from fostering.households.choices import BookingStatus, ViewSource
from fostering.households.models import Course, CourseBooking, ReviewView, TrainingRecord
from fostering.households.services import household_review_record
from fostering.people.choices import MemberRole
from tests import builders

pytestmark = pytest.mark.django_db


def _carer(fh):
    return fh.household.members.get(role=MemberRole.CARER)


def _course(council, coordinator, *, places=1, days=7, **values):
    return training.course_publish(
        organisation_id=council.pk,
        title=values.pop("title", "Managing behaviour"),
        starts_on=clock.today() + timedelta(days=days),
        starts_at=time(10, 0),
        places=places,
        hours=Decimal("3"),
        venue="County Hall",
        by=coordinator,
        **values,
    )


def _book(course, fh, carer):
    return training.course_book(
        course=course, fostering_household=fh, member=_carer(fh), email=f"{fh.pk}@example.org", by=carer
    )


@pytest.fixture
def people(council, make_staff):
    coordinator = make_staff(council, Role.TRAINING_COORDINATOR)
    carer = make_staff(council, Role.CARER)
    households = [builders.approved_household(council, name=f"H{n} household") for n in range(3)]
    return coordinator, carer, households


def test_a_full_course_puts_the_next_booking_on_the_waiting_list_in_order(council, people):
    coordinator, carer, (a, b, c) = people
    course = _course(council, coordinator, places=1)
    first, second, third = _book(course, a, carer), _book(course, b, carer), _book(course, c, carer)
    assert [first.status, second.status, third.status] == ["booked", "waiting", "waiting"]
    assert [training.waiting_position(x) for x in (first, second, third)] == [None, 1, 2]
    listed = training.courses_open(council.pk, clock.today()).get()
    assert (listed.taken, listed.waiting) == (1, 2)  # type: ignore[attr-defined]


def test_cancelling_a_place_moves_the_first_waiting_up_and_tells_them_without_naming_a_child(
    council, people, django_capture_on_commit_callbacks
):
    coordinator, carer, (a, b, c) = people
    course = _course(council, coordinator, places=1, title="First aid")
    first, second, third = _book(course, a, carer), _book(course, b, carer), _book(course, c, carer)
    with django_capture_on_commit_callbacks(execute=True):
        training.booking_cancel(booking=first, by=carer)
    statuses = dict(CourseBooking.objects.values_list("pk", "status"))
    assert statuses == {first.pk: "cancelled", second.pk: "booked", third.pk: "waiting"}
    third.refresh_from_db()
    assert training.waiting_position(third) == 1
    assert [m.to for m in mail.outbox] == [[f"{b.pk}@example.org"]]
    assert "First aid" in mail.outbox[0].body and "is now yours" in mail.outbox[0].body


def test_cancelling_a_waiting_place_moves_nobody_up(council, people):
    coordinator, carer, (a, b, c) = people
    course = _course(council, coordinator, places=1)
    _book(course, a, carer)
    second = _book(course, b, carer)
    _book(course, c, carer)
    training.booking_cancel(booking=second, by=carer)
    assert list(CourseBooking.objects.order_by("id").values_list("status", flat=True)) == [
        "booked",
        "cancelled",
        "waiting",
    ]


def test_a_carer_cannot_book_the_same_course_twice_but_can_book_again_after_cancelling(council, people):
    coordinator, carer, (a, _, _) = people
    course = _course(council, coordinator, places=3)
    booking = _book(course, a, carer)
    with pytest.raises(ValidationError) as error:
        _book(course, a, carer)
    assert "has booked this course already" in error.value.messages[0]
    assert CourseBooking.objects.count() == 1
    training.booking_cancel(booking=booking, by=carer)
    assert _book(course, a, carer).status == BookingStatus.BOOKED


def test_a_course_that_has_started_cannot_be_booked(council, people):
    coordinator, carer, (a, _, _) = people
    course = _course(council, coordinator)
    Course.objects.filter(pk=course.pk).update(starts_on=clock.today())
    with pytest.raises(ValidationError) as error:
        _book(course, a, carer)
    assert error.value.messages == ["This course has started or is over: it can no longer be booked"]
    assert not CourseBooking.objects.exists()
    assert course not in training.courses_open(council.pk, clock.today())


def test_only_the_training_coordinator_publishes_and_past_dates_are_refused(council, people, make_staff):
    coordinator, carer, _ = people
    with pytest.raises(NotAllowed):
        _course(council, carer)
    with pytest.raises(ValidationError) as error:
        _course(council, coordinator, days=0)
    assert error.value.message_dict == {
        "starts_on": ["The course must start after today, so carers can book it"]
    }
    assert not Course.objects.exists()


def test_attendance_joins_the_carers_training_record(council, people):
    coordinator, carer, (a, _, _) = people
    course = _course(council, coordinator, title="Safer caring")
    booking = _book(course, a, carer)
    with pytest.raises(ValidationError):
        training.booking_attended(booking=booking, by=coordinator)
    Course.objects.filter(pk=course.pk).update(starts_on=clock.today() - timedelta(days=1))
    booking = training.booking_attended(booking=booking, by=coordinator)
    record = TrainingRecord.objects.get()
    assert (record.member, record.course, record.attended_on, record.hours, record.provider) == (
        _carer(a),
        "Safer caring",
        clock.today() - timedelta(days=1),
        Decimal("3.0"),
        "County Hall",
    )
    assert booking.status == BookingStatus.ATTENDED and booking.training == record


def test_the_carers_views_wait_for_the_review_and_join_it_when_it_is_recorded(council, people, make_staff):
    _, carer, (a, _, _) = people
    officer = make_staff(council, Role.REVIEWING_OFFICER)
    review_ahead.carer_views_give(fostering_household=a, member=_carer(a), summary="Going well", by=carer)
    view = review_ahead.carer_views_give(
        fostering_household=a, member=_carer(a), summary="Going well, more respite please", by=carer
    )
    assert list(review_ahead.views_waiting(a).values_list("summary", "source")) == [
        ("Going well, more respite please", ViewSource.CARER)
    ]
    review = household_review_record(
        fostering_household=a, held_on=clock.today(), reviewing_officer=officer, by=officer
    )
    assert list(review.views.all()) == [view]
    assert not review_ahead.views_waiting(a).exists()
    assert review_ahead.latest_review(a) == review


def test_a_carer_gives_views_only_for_their_own_household(council, people):
    _, carer, (a, b, _) = people
    with pytest.raises(ValidationError):
        review_ahead.carer_views_give(fostering_household=a, member=_carer(b), summary="Hello", by=carer)
    with pytest.raises(ValidationError) as error:
        review_ahead.carer_views_give(fostering_household=a, member=_carer(a), summary="  ", by=carer)
    assert error.value.message_dict == {"summary": ["Enter your views"]}
    assert not ReviewView.objects.exists()


def test_the_coordinator_publishes_a_course_and_records_attendance_on_its_page(council, people):
    from django.test import Client
    from django.urls import reverse

    coordinator, carer, (a, b, _) = people
    client = Client()
    client.force_login(coordinator)
    on = clock.today() + timedelta(days=10)
    response = client.post(
        reverse("households:course_add"),
        {
            "title": "Attachment and trauma",
            "starts_on_0": on.day,
            "starts_on_1": on.month,
            "starts_on_2": on.year,
            "starts_at": "09:30",
            "online": "on",
            "places": "1",
            "hours": "2.5",
        },
    )
    course = Course.objects.get()
    assert response["Location"] == reverse("households:course_detail", args=[course.pk])
    assert (course.title, course.online, course.venue, course.published) == (
        "Attachment and trauma",
        True,
        "",
        True,
    )
    _book(course, a, carer)
    _book(course, b, carer)
    body = client.get(reverse("households:course_detail", args=[course.pk])).content.decode()
    assert 'id="waiting"' in body and "H1 household" in body
    assert "Attachment and trauma" in client.get(reverse("households:courses")).content.decode()
    booked = CourseBooking.objects.get(status="booked")
    Course.objects.filter(pk=course.pk).update(starts_on=clock.today())
    client.post(
        reverse("households:course_detail", args=[course.pk]), {"booking": booked.pk, "action": "attended"}
    )
    assert TrainingRecord.objects.get().course == "Attachment and trauma"
