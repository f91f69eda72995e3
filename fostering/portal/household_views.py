"""The carer's household pages: their views for the annual review and its recommendation once made, and
their training (courses done, the TSD standards, booking a place on a published course)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from fostering.accounts.models import User
from fostering.core import clock
from fostering.core.views import submit
from fostering.households import review_ahead, training
from fostering.households.choices import BookingStatus, ViewSource
from fostering.households.deadlines import household_deadlines, tsd_deadlines
from fostering.households.models import Course, CourseBooking, FosteringHousehold
from fostering.households.selectors import with_clock_facts
from fostering.people.choices import MemberRole
from fostering.people.models import HouseholdMember

from .access import PortalRequest, portal_view
from .choices import AccessKind
from .household_forms import CarerViewsForm
from .models import PortalAccess


def _by(request: PortalRequest) -> User:
    """The signed-in carer, who acts (``portal_view`` has checked the sign-in)."""
    assert isinstance(request.user, User)
    return request.user


def _household(access: PortalAccess) -> FosteringHousehold:
    fh = access.fostering_household
    assert fh is not None
    return fh


def carer_member(access: PortalAccess) -> HouseholdMember:
    """The signed-in carer as a member of their household (their access lasts only while they live there)."""
    member = (
        HouseholdMember.objects.filter(
            household_id=_household(access).household_id,
            person_id=access.person_id,
            role=MemberRole.CARER,
            left_on__isnull=True,
        )
        .select_related("person")
        .first()
    )
    if member is None:
        raise Http404
    return member


@portal_view(AccessKind.CARER)
def review(request: PortalRequest) -> HttpResponse:
    access = request.portal
    fh = _household(access)
    member = carer_member(access)
    today = clock.today()
    clocked = with_clock_facts(FosteringHousehold.objects.filter(pk=fh.pk)).get()
    due = next(d for d in household_deadlines(clocked, today=today) if d.rule == "annual_review")
    mine = (
        review_ahead.views_waiting(fh)
        .filter(source=ViewSource.CARER, given_by=member.person.full_name)
        .first()
    )
    form = CarerViewsForm(request.POST or None, initial={"summary": mine.summary if mine else ""})
    if request.method == "POST":
        saved = submit(
            form,
            lambda data: review_ahead.carer_views_give(
                fostering_household=fh, member=member, summary=data["summary"], by=_by(request)
            ),
        )
        if saved is not None:
            messages.success(request, "Thank you: your views will be part of your next review")
            return redirect("portal:household_review")
    return render(
        request,
        "portal/household/review.html",
        {"form": form, "due": due, "mine": mine, "last": review_ahead.latest_review(fh)},
    )


def _tsd(fh: FosteringHousehold, member: HouseholdMember, today: Any) -> Any:
    name = member.person.full_name
    return next((d for who, d in tsd_deadlines([fh], today=today).get(fh.pk, []) if who == name), None)


@portal_view(AccessKind.CARER)
def training_page(request: PortalRequest) -> HttpResponse:
    access = request.portal
    fh = _household(access)
    member = carer_member(access)
    today = clock.today()
    bookings = {
        b.course_id: b
        for b in CourseBooking.objects.filter(member=member).exclude(status=BookingStatus.CANCELLED)
    }
    courses = list(training.courses_open(fh.organisation_id, today))
    for course in courses:
        course.mine = bookings.get(course.pk)  # type: ignore[attr-defined]
        course.left = max(course.places - course.taken, 0)  # type: ignore[attr-defined]
        if course.mine is not None:  # type: ignore[attr-defined]
            course.position = training.waiting_position(course.mine)  # type: ignore[attr-defined]
    return render(
        request,
        "portal/household/training.html",
        {
            "done": member.training.order_by("-attended_on", "-id"),
            "tsd": _tsd(fh, member, today),
            "courses": courses,
        },
    )


def _course_or_404(access: PortalAccess, pk: int) -> Course:
    course = (
        training.with_places(Course.objects.filter(organisation_id=access.organisation_id, published=True))
        .filter(pk=pk)
        .first()
    )
    if course is None:
        raise Http404
    return course


@portal_view(AccessKind.CARER)
def course(request: PortalRequest, pk: int) -> HttpResponse:
    access = request.portal
    fh = _household(access)
    member = carer_member(access)
    found = _course_or_404(access, pk)
    mine = found.bookings.filter(member=member).exclude(status=BookingStatus.CANCELLED).first()
    error = ""
    if request.method == "POST":
        try:
            if request.POST.get("action") == "cancel" and mine is not None:
                training.booking_cancel(booking=mine, by=_by(request))
                messages.success(request, "Your place has been cancelled")
            elif request.POST.get("action") == "book":
                booking = training.course_book(
                    course=found, fostering_household=fh, member=member, email=access.email, by=_by(request)
                )
                messages.success(
                    request,
                    "Your place is booked"
                    if booking.status == BookingStatus.BOOKED
                    else "The course is full: you are on its waiting list",
                )
        except ValidationError as refused:
            error = " ".join(refused.messages)
        else:
            return redirect("portal:household_course", found.pk)
    return render(
        request,
        "portal/household/course.html",
        {
            "course": found,
            "left": max(found.places - found.taken, 0),  # type: ignore[attr-defined]
            "mine": mine,
            "position": training.waiting_position(mine) if mine else None,
            "bookable": found.starts_on > clock.today(),
            "error": error,
        },
    )
