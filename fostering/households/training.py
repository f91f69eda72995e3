"""Courses the training co-ordinator publishes, and carers' places on them: places are limited, and when a
course is full a booking waits on its list in the order asked; a cancelled place goes to the first waiting,
who is told by email. Attendance is recorded as a ``TrainingRecord``, so a carer's courses done stay one list."""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Count, Q, QuerySet

from fostering.accounts.models import User
from fostering.accounts.permissions import Perm, has_perm, require
from fostering.audit.services import record_event
from fostering.core import clock
from fostering.people.choices import MemberRole
from fostering.people.models import HouseholdMember

from .choices import CLOSED_STATUSES, BookingStatus
from .life import training_record
from .models import Course, CourseBooking, FosteringHousehold
from .services import long_date


def with_places(courses: QuerySet[Course]) -> QuerySet[Course]:
    """Each course with ``taken`` (places booked or attended) and ``waiting`` (on its waiting list)."""
    return courses.annotate(
        taken=Count(
            "bookings", filter=Q(bookings__status__in=[BookingStatus.BOOKED, BookingStatus.ATTENDED])
        ),
        waiting=Count("bookings", filter=Q(bookings__status=BookingStatus.WAITING)),
    )


def courses_open(organisation_id: int, today: date) -> QuerySet[Course]:
    """Published courses of the council that can still be booked (from tomorrow on)."""
    return with_places(Course.objects.filter(organisation_id=organisation_id, published=True)).filter(
        starts_on__gt=today
    )


def waiting_position(booking: CourseBooking) -> int | None:
    """1 for the first on the course's waiting list; None when the booking is not waiting."""
    if booking.status != BookingStatus.WAITING:
        return None
    ahead = CourseBooking.objects.filter(course_id=booking.course_id, status=BookingStatus.WAITING).filter(
        Q(booked_at__lt=booking.booked_at) | Q(booked_at=booking.booked_at, id__lt=booking.pk)
    )
    return ahead.count() + 1


@transaction.atomic
def course_publish(
    *,
    organisation_id: int,
    title: str,
    starts_on: date,
    starts_at: time,
    places: int,
    hours: Decimal,
    venue: str = "",
    online: bool = False,
    description: str = "",
    by: User | None,
) -> Course:
    """A course for the council's carers, published for them to book."""
    require(by, Perm.MANAGE_COURSES, organisation_id)
    errors: dict[str, str] = {}
    if not title.strip():
        errors["title"] = "Enter the title of the course"
    if starts_on <= clock.today():
        errors["starts_on"] = "The course must start after today, so carers can book it"
    if places < 1:
        errors["places"] = "Enter how many places, 1 or more"
    if hours <= 0:
        errors["hours"] = "Enter the hours of the course, more than 0"
    if not online and not venue.strip():
        errors["venue"] = "Enter the venue, or say the course is online"
    if errors:
        raise ValidationError(errors)
    course = Course(
        organisation_id=organisation_id,
        title=title.strip(),
        starts_on=starts_on,
        starts_at=starts_at,
        places=places,
        hours=hours,
        venue="" if online else venue.strip(),
        online=online,
        description=description.strip(),
        published=True,
    )
    course.stamp(by)
    course.save()
    record_event(actor=by, verb="course_published", obj=course, note=str(course))
    return course


@transaction.atomic
def course_book(
    *,
    course: Course,
    fostering_household: FosteringHousehold,
    member: HouseholdMember,
    email: str = "",
    by: User | None,
) -> CourseBooking:
    """A carer books a place; when the course is full they go on its waiting list."""
    require(by, Perm.BOOK_COURSE, fostering_household.organisation_id)
    course = Course.objects.select_for_update().get(pk=course.pk)
    if course.organisation_id != fostering_household.organisation_id or not course.published:
        raise ValidationError("This course is not open to book")
    if course.starts_on <= clock.today():
        raise ValidationError("This course has started or is over: it can no longer be booked")
    if fostering_household.status in CLOSED_STATUSES:
        raise ValidationError("The household is no longer approved to foster")
    if (
        member.household_id != fostering_household.household_id
        or member.role != MemberRole.CARER
        or member.left_on
    ):
        raise ValidationError("Only a carer of the household can book a place")
    if course.bookings.filter(member=member).exclude(status=BookingStatus.CANCELLED).exists():
        raise ValidationError(f"{member.person.full_name} has booked this course already")
    taken = course.bookings.filter(status__in=[BookingStatus.BOOKED, BookingStatus.ATTENDED]).count()
    booking = CourseBooking(
        organisation_id=course.organisation_id,
        course=course,
        fostering_household=fostering_household,
        member=member,
        booked_at=clock.now(),
        status=BookingStatus.BOOKED if taken < course.places else BookingStatus.WAITING,
        email=email.strip(),
    )
    booking.stamp(by)
    booking.save()
    record_event(
        actor=by,
        verb="course_booked",
        obj=fostering_household,
        changes={"course": [None, f"{member.person}: {booking}"]},
    )
    return booking


def _tell_place_free(booking: CourseBooking, council: str) -> None:
    """Their place came free. The email names the course and its date, never a child."""
    if not booking.email:
        return
    course = booking.course
    send_mail(
        subject=f"{council}: you have a place on a course",
        message=(
            f"A place came free on {course.title} on {long_date(course.starts_on)} at "
            f"{course.starts_at:%H:%M} ({course.where}), and it is now yours.\n\n"
            "If you can no longer go, please cancel your place so it goes to the next person waiting.\n\n"
            "Sign in to the service to see your training."
        ),
        from_email=None,
        recipient_list=[booking.email],
    )


@transaction.atomic
def booking_cancel(*, booking: CourseBooking, by: User | None) -> CourseBooking:
    """The carer (or the training co-ordinator) cancels a place or a place on the waiting list. A place
    freed goes to the first on the waiting list, who is told by email."""
    org = booking.organisation_id
    if by is not None and not has_perm(by, Perm.MANAGE_COURSES, org):
        require(by, Perm.BOOK_COURSE, org)
    Course.objects.select_for_update().filter(pk=booking.course_id).first()
    booking = CourseBooking.objects.select_related("course").get(pk=booking.pk)
    if booking.status not in (BookingStatus.BOOKED, BookingStatus.WAITING):
        raise ValidationError(f"This booking cannot be cancelled: {booking.get_status_display().lower()}")
    if booking.course.starts_on <= clock.today():
        raise ValidationError("The course has started: its bookings can no longer be cancelled")
    had_place = booking.status == BookingStatus.BOOKED
    booking.status = BookingStatus.CANCELLED
    booking.stamp(by)
    booking.save(update_fields=["status", "modified_at", "modified_by"])
    record_event(
        actor=by,
        verb="course_booking_cancelled",
        obj=booking.fostering_household,
        changes={"course": [str(booking.course), None]},
    )
    if had_place:
        first = (
            CourseBooking.objects.filter(course_id=booking.course_id, status=BookingStatus.WAITING)
            .select_related("course", "fostering_household", "organisation")
            .order_by("booked_at", "id")
            .first()
        )
        if first is not None:
            first.status = BookingStatus.BOOKED
            first.stamp(by)
            first.save(update_fields=["status", "modified_at", "modified_by"])
            record_event(
                actor=by,
                verb="course_place_offered",
                obj=first.fostering_household,
                changes={"course": [f"Waiting: {first.course}", str(first)]},
            )
            council = first.organisation.name
            transaction.on_commit(lambda: _tell_place_free(first, council))
    return booking


@transaction.atomic
def booking_attended(*, booking: CourseBooking, by: User | None) -> CourseBooking:
    """The co-ordinator records that a booked carer attended: the course joins their training record."""
    require(by, Perm.MANAGE_COURSES, booking.organisation_id)
    booking = CourseBooking.objects.select_for_update().select_related("course").get(pk=booking.pk)
    course = booking.course
    if booking.status != BookingStatus.BOOKED:
        raise ValidationError(f"Only a booked place can be attended: {booking.get_status_display().lower()}")
    if course.starts_on > clock.today():
        raise ValidationError("The course has not happened yet")
    fh = FosteringHousehold.objects.get(pk=booking.fostering_household_id)
    booking.training = training_record(
        fostering_household=fh,
        member=booking.member,
        course=course.title,
        attended_on=course.starts_on,
        hours=course.hours,
        provider=course.where,
        by=by,
    )
    booking.status = BookingStatus.ATTENDED
    booking.stamp(by)
    booking.save(update_fields=["status", "training", "modified_at", "modified_by"])
    return booking
