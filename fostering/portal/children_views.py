"""The carers' children pages (/my/children/): the children placed with their household today, what the
service shares about each, their recordings about the child, and the breaks they ask for.

A child is reached only through the carer's own household and only while placed with it today: any other
child's id, or a child whose placement has ended, is a 404."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, cast

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from fostering.accounts.models import User
from fostering.core import clock
from fostering.core.forms import ServiceForm
from fostering.core.validators import age_on
from fostering.core.views import submit
from fostering.households.models import FosteringHousehold
from fostering.placements import breaks, carers, recordings
from fostering.placements.choices import RecordingKind
from fostering.placements.models import Placement

from .access import PortalRequest, portal_view
from .children_forms import BreakForm, EventForm, NoteForm
from .choices import AccessKind


def age_of(person: Any, today: date) -> int | None:
    return age_on(person.date_of_birth, today) if person.date_of_birth else None


def _user(request: PortalRequest) -> User:
    return cast(User, request.user)


def _household(request: PortalRequest) -> FosteringHousehold:
    household = request.portal.fostering_household
    assert household is not None
    return household


def _placement_or_404(request: PortalRequest, pk: int) -> Placement:
    placement = carers.placement_of(_household(request), pk, clock.today())
    if placement is None:
        raise Http404("No such child placed with you")
    return placement


@portal_view(AccessKind.CARER)
def children(request: PortalRequest) -> HttpResponse:
    today = clock.today()
    placed = list(carers.placed_with(_household(request), today))
    return render(
        request,
        "portal/children/list.html",
        {"rows": [(p, age_of(p.child.person, today)) for p in placed]},
    )


@portal_view(AccessKind.CARER)
def child(request: PortalRequest, pk: int) -> HttpResponse:
    placement = _placement_or_404(request, pk)
    person = placement.child.person
    return render(
        request,
        "portal/children/child.html",
        {
            "placement": placement,
            "child": placement.child,
            "first_name": person.first_name,
            "age": age_of(person, clock.today()),
            "out_of_hours": request.portal.organisation.out_of_hours_phone,
            "recordings": recordings.recordings_by_household(placement)[:50],
        },
    )


def _record(request: PortalRequest, pk: int, form_class: type[ServiceForm], kind: str) -> HttpResponse:
    placement = _placement_or_404(request, pk)
    form = form_class(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        done = submit(
            form,
            lambda data: recordings.recording_add(
                placement=placement,
                kind=kind,
                by=_user(request),
                **data,  # type: ignore[arg-type]
            ),
        )
        if done is not None:
            messages.success(
                request,
                "Your report has been sent to the social workers"
                if kind == RecordingKind.SIGNIFICANT
                else "Your note has been saved",
            )
            return redirect("portal:child", pk=placement.child_id)
    heading = "Report a significant event" if kind == RecordingKind.SIGNIFICANT else "Add a note"
    return render(
        request,
        "portal/children/record.html",
        {
            "form": form,
            "heading": heading,
            "placement": placement,
            "first_name": placement.child.person.first_name,
        },
    )


@portal_view(AccessKind.CARER)
def note_add(request: PortalRequest, pk: int) -> HttpResponse:
    return _record(request, pk, NoteForm, RecordingKind.NOTE)


@portal_view(AccessKind.CARER)
def event_add(request: PortalRequest, pk: int) -> HttpResponse:
    return _record(request, pk, EventForm, RecordingKind.SIGNIFICANT)


@portal_view(AccessKind.CARER)
def break_list(request: PortalRequest) -> HttpResponse:
    return render(
        request,
        "portal/children/breaks.html",
        {"breaks": breaks.breaks_for_household(_household(request))[:50]},
    )


@portal_view(AccessKind.CARER)
def break_ask(request: PortalRequest) -> HttpResponse:
    household = _household(request)
    form = BreakForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        ask: Callable[[dict[str, Any]], Any] = lambda data: breaks.break_ask(  # noqa: E731
            fostering_household=household, by=_user(request), **data
        )
        if submit(form, ask) is not None:
            messages.success(request, "Your request has been sent to your supervising social worker")
            return redirect("portal:breaks")
    return render(request, "portal/children/break_ask.html", {"form": form})
