from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from fostering.accounts.models import Organisation
from fostering.accounts.permissions import Perm, has_perm, organisations_with
from fostering.audit.selectors import timeline_for
from fostering.core.lists import list_page
from fostering.core.views import StaffRequest, render_form, submit

from .equality import ANSWERS, equality_monitoring_record, equality_monitoring_withdraw
from .filters import PersonFilter
from .forms import AddressForm, EqualityMonitoringForm, PersonEditForm, PersonForm
from .models import EqualityMonitoring, Person
from .selectors import person_get_for_user
from .services import PERSON_FIELDS, address_move, person_create, person_update


def _person_or_404(request: StaffRequest, pk: int) -> Person:
    try:
        return person_get_for_user(user=request.user, pk=pk)
    except Person.DoesNotExist as missing:
        raise Http404("No such person") from missing


@login_required
def person_list(request: StaffRequest) -> HttpResponse:
    if not has_perm(request.user, Perm.VIEW_PERSON):
        raise PermissionDenied
    return render(
        request,
        "people/list.html",
        {
            "can_add": has_perm(request.user, Perm.CHANGE_PERSON),
            **list_page(request, None, PersonFilter),
        },
    )


@login_required
def person_detail(request: StaffRequest, pk: int) -> HttpResponse:
    person = _person_or_404(request, pk)
    memberships = person.household_memberships.select_related("household").order_by("-joined_on")
    can_change = has_perm(request.user, Perm.CHANGE_PERSON, person.organisation_id)
    return render(
        request,
        "people/detail.html",
        {
            "person": person,
            "memberships": memberships,
            "can_change": can_change,
            # only those who may record the answers see whether any are held
            "equality": EqualityMonitoring.objects.filter(person=person).first() if can_change else None,
        },
    )


@login_required
def person_add(request: StaffRequest) -> HttpResponse:
    orgs = organisations_with(request.user, Perm.CHANGE_PERSON)
    if not orgs:
        raise PermissionDenied
    organisation = Organisation.objects.filter(pk__in=orgs).order_by("name")[0]
    form = PersonForm(request.POST or None)
    if request.method == "POST":
        person = submit(form, lambda data: person_create(organisation=organisation, by=request.user, **data))
        if person is not None:
            messages.success(request, f"{person} has been added")
            return redirect("people:detail", pk=person.pk)
    return render_form(request, form, heading="Add a person", back_url=reverse("people:list"))


@login_required
def person_edit(request: StaffRequest, pk: int) -> HttpResponse:
    person = _person_or_404(request, pk)
    if not has_perm(request.user, Perm.CHANGE_PERSON, person.organisation_id):
        raise PermissionDenied
    initial = {name: getattr(person, name) for name in PERSON_FIELDS}
    form = PersonEditForm(request.POST or None, initial=initial, record=person)
    if request.method == "POST":
        saved = submit(form, lambda data: person_update(person=person, by=request.user, **data))
        if saved is not None:
            messages.success(request, f"{saved}'s details have been saved")
            return redirect("people:detail", pk=saved.pk)
    return render_form(
        request,
        form,
        heading=f"Change {person}'s details",
        back_url=reverse("people:detail", args=[person.pk]),
    )


@login_required
def person_history(request: StaffRequest, pk: int) -> HttpResponse:
    person = _person_or_404(request, pk)
    if not has_perm(request.user, Perm.VIEW_HISTORY, person.organisation_id):
        raise PermissionDenied
    return render(request, "people/history.html", {"person": person, "events": timeline_for(person)[:500]})


@login_required
def address_add(request: StaffRequest, pk: int) -> HttpResponse:
    person = _person_or_404(request, pk)
    if not has_perm(request.user, Perm.CHANGE_PERSON, person.organisation_id):
        raise PermissionDenied
    form = AddressForm(request.POST or None)
    saved = submit(form, lambda data: address_move(person=person, by=request.user, **data))
    if request.method == "POST" and saved is not None:
        messages.success(request, f"{person}'s new address has been saved")
        return redirect("people:detail", pk=person.pk)
    return render_form(
        request,
        form,
        heading="Record a new address",
        caption=person.full_name,
        back_url=reverse("people:detail", args=[person.pk]),
    )


@login_required
def equality_monitoring(request: StaffRequest, pk: int) -> HttpResponse:
    """Record a carer's equality answers with their consent, or withdraw it (the answers are deleted)."""
    person = _person_or_404(request, pk)
    if not has_perm(request.user, Perm.CHANGE_PERSON, person.organisation_id):
        raise PermissionDenied
    saved = EqualityMonitoring.objects.filter(person=person).first()
    back = reverse("people:detail", args=[person.pk])
    if request.method == "POST" and "withdraw" in request.POST:
        equality_monitoring_withdraw(person=person, by=request.user)
        messages.success(request, f"{person} withdrew their consent: their equality answers are deleted")
        return redirect(back)
    initial = {name: getattr(saved, name) for name in ("consented_on", *ANSWERS)} if saved else {}
    form = EqualityMonitoringForm(request.POST or None, initial=initial)
    if request.method == "POST":
        row = submit(form, lambda data: equality_monitoring_record(person=person, by=request.user, **data))
        if row is not None:
            messages.success(request, f"{person}'s equality answers have been saved")
            return redirect(back)
    return render(
        request,
        "people/equality.html",
        {"form": form, "person": person, "saved": saved, "back": back},
    )
