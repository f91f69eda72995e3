"""The staff side of the portal: who of a household (or an application) has been invited, inviting,
resending, withdrawing, ending access, and writing to them. The record is found through its own
selector, so a worker reaches exactly the records they reach elsewhere."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from fostering.accounts.permissions import Perm, has_perm
from fostering.assessments.models import Assessment
from fostering.assessments.selectors import assessment_get_for_user
from fostering.core.forms import ServiceForm
from fostering.core.views import StaffRequest, render_form, submit
from fostering.households.models import FosteringHousehold
from fostering.households.selectors import household_get_for_user

from . import selectors, services
from .forms import ConfirmForm, EndForm, InviteForm, MessageForm, ResendForm
from .models import PortalAccess

Record = FosteringHousehold | Assessment


def _record(request: StaffRequest, kind: str, pk: int) -> Record:
    getter = household_get_for_user if kind == "household" else assessment_get_for_user
    model = FosteringHousehold if kind == "household" else Assessment
    try:
        return getter(user=request.user, pk=pk)
    except model.DoesNotExist as missing:
        raise Http404 from missing


def _back(kind: str, record: Record) -> str:
    return reverse("households:detail" if kind == "household" else "assessments:detail", args=[record.pk])


def _page(kind: str, pk: int) -> str:
    return reverse(f"portal_staff:{kind}", args=[pk])


def _site(request: StaffRequest) -> str:
    return request.build_absolute_uri("/")


@login_required
def access_page(request: StaffRequest, kind: str, pk: int) -> HttpResponse:
    record = _record(request, kind, pk)
    may_invite = has_perm(request.user, Perm.INVITE_TO_PORTAL, record.organisation_id)
    members = services.adults_to_invite(record)
    form = InviteForm(request.POST or None, members=members)
    if request.method == "POST":
        if not may_invite:
            raise PermissionDenied
        access = submit(
            form,
            lambda d: services.invite(
                record=record,
                person=form.people[d["person"]],
                email=d["email"],
                site=_site(request),
                by=request.user,
            ),
        )
        if access is not None:
            messages.success(request, f"Invitation sent to {access.email}")
            return redirect(_page(kind, pk))
    return render(
        request,
        "portal/staff_access.html",
        {
            "record": record,
            "kind": kind,
            "name": record.household.name,
            "back_url": _back(kind, record),
            "found": selectors.access_for_record(record),
            "form": form,
            "may_invite": may_invite,
            "sent": selectors.messages_for_record(record)[:20],
            "message_url": reverse(f"portal_staff:{kind}_message", args=[record.pk]),
        },
    )


def _access(request: StaffRequest, pk: int) -> tuple[PortalAccess, str, Record]:
    access = get_object_or_404(PortalAccess, pk=pk)
    kind = "household" if access.fostering_household_id else "assessment"
    record = _record(request, kind, access.fostering_household_id or access.assessment_id)  # type: ignore[arg-type]
    if not has_perm(request.user, Perm.INVITE_TO_PORTAL, access.organisation_id):
        raise PermissionDenied
    return access, kind, record


def _access_action(
    request: StaffRequest,
    pk: int,
    form_class: type[ServiceForm],
    act: Callable[[PortalAccess, dict[str, Any]], object],
    *,
    heading: str,
    done: str,
) -> HttpResponse:
    """The one shape of resending, withdrawing and ending: a confirming form, the service, back to the page.
    ``heading`` and ``done`` may name the person as {name} and the email address as {email}."""
    access, kind, record = _access(request, pk)
    words = {"name": access.person.full_name, "email": access.email}
    form = form_class(request.POST if request.method == "POST" else None)
    if request.method == "POST" and submit(form, lambda d: act(access, d)) is not None:
        messages.success(request, done.format(**words))
        return redirect(_page(kind, record.pk))
    return render_form(
        request,
        form,
        heading=heading.format(**words),
        caption=record.household.name,
        back_url=_page(kind, record.pk),
    )


@login_required
def resend(request: StaffRequest, pk: int) -> HttpResponse:
    return _access_action(
        request,
        pk,
        ResendForm,
        lambda access, d: services.invitation_resend(access=access, site=_site(request), by=request.user),
        heading="Send the invitation to {name} again",
        done="A new invitation was sent to {email}; the earlier link no longer works",
    )


@login_required
def withdraw(request: StaffRequest, pk: int) -> HttpResponse:
    return _access_action(
        request,
        pk,
        ConfirmForm,
        lambda access, d: services.invitation_withdraw(access=access, by=request.user),
        heading="Withdraw the invitation to {name}",
        done="The invitation to {name} was withdrawn",
    )


@login_required
def end(request: StaffRequest, pk: int) -> HttpResponse:
    return _access_action(
        request,
        pk,
        EndForm,
        lambda access, d: services.access_end(access=access, reason=d["reason"], by=request.user),
        heading="End {name}'s access",
        done="{name} can no longer sign in",
    )


@login_required
def message(request: StaffRequest, kind: str, pk: int) -> HttpResponse:
    record = _record(request, kind, pk)
    if not has_perm(request.user, Perm.INVITE_TO_PORTAL, record.organisation_id):
        raise PermissionDenied
    form = MessageForm(request.POST if request.method == "POST" else None)
    done = (
        submit(
            form,
            lambda d: services.message_send(
                record=record, subject=d["subject"], body=d["body"], site=_site(request), by=request.user
            ),
        )
        if request.method == "POST"
        else None
    )
    if done is not None:
        messages.success(request, "Message sent")
        return redirect(_page(kind, pk))
    who = "carers" if kind == "household" else "applicants"
    return render_form(
        request,
        form,
        heading=f"Write to the {who}",
        caption=record.household.name,
        back_url=_page(kind, pk),
    )
