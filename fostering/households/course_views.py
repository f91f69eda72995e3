"""The training co-ordinator's pages: the council's courses, publishing one, and a course's bookings and
waiting list (cancelling a place, recording who attended)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from fostering.accounts.permissions import Perm, organisations_with
from fostering.core import clock
from fostering.core.views import StaffRequest, render_form, submit

from . import training
from .choices import BookingStatus
from .course_forms import CourseForm
from .models import Course, CourseBooking


def _orgs(request: StaffRequest) -> set[int]:
    orgs = organisations_with(request.user, Perm.MANAGE_COURSES)
    if not orgs:
        raise PermissionDenied
    return orgs


@login_required
def course_list(request: StaffRequest) -> HttpResponse:
    orgs = _orgs(request)
    today = clock.today()
    courses = training.with_places(Course.objects.filter(organisation_id__in=orgs))
    return render(
        request,
        "households/courses/list.html",
        {
            "coming": courses.filter(starts_on__gte=today),
            "past": courses.filter(starts_on__lt=today).order_by("-starts_on", "-starts_at")[:50],
        },
    )


@login_required
def course_add(request: StaffRequest) -> HttpResponse:
    orgs = _orgs(request)
    form = CourseForm(request.POST or None)
    back = reverse("households:courses")
    if request.method == "POST":
        course = submit(
            form, lambda data: training.course_publish(organisation_id=min(orgs), by=request.user, **data)
        )
        if course is not None:
            messages.success(request, "The course has been published")
            return redirect("households:course_detail", course.pk)
    return render_form(request, form, heading="Publish a course", back_url=back)


@login_required
def course_detail(request: StaffRequest, pk: int) -> HttpResponse:
    orgs = _orgs(request)
    course = training.with_places(Course.objects.filter(organisation_id__in=orgs, pk=pk)).first()
    if course is None:
        raise Http404("No such course")
    error = ""
    if request.method == "POST":
        booking = CourseBooking.objects.filter(course=course, pk=request.POST.get("booking") or 0).first()
        if booking is None:
            raise Http404("No such booking")
        action = request.POST.get("action")
        try:
            if action == "attended":
                training.booking_attended(booking=booking, by=request.user)
                messages.success(request, f"{booking.member.person.full_name} attended")
            elif action == "cancel":
                training.booking_cancel(booking=booking, by=request.user)
                messages.success(request, f"The place of {booking.member.person.full_name} was cancelled")
        except ValidationError as refused:
            error = " ".join(refused.messages)
        else:
            return redirect("households:course_detail", course.pk)
    bookings = list(
        course.bookings.exclude(status=BookingStatus.CANCELLED).select_related(
            "member__person", "fostering_household__household"
        )
    )
    return render(
        request,
        "households/courses/detail.html",
        {
            "course": course,
            "booked": [b for b in bookings if b.status != BookingStatus.WAITING],
            "waiting": [b for b in bookings if b.status == BookingStatus.WAITING],
            "started": course.starts_on <= clock.today(),
            "error": error,
        },
    )
