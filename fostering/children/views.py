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
from fostering.audit.services import record_view
from fostering.core.views import StaffRequest, paginate, render_form, submit
from fostering.people.services import PERSON_FIELDS

from .forms import ChildForm
from .models import Child
from .selectors import child_get_for_user, child_list_for_user
from .services import child_register, child_update


def _child_or_404(request: StaffRequest, pk: int) -> Child:
    try:
        return child_get_for_user(user=request.user, pk=pk)
    except Child.DoesNotExist as missing:
        raise Http404("No such child") from missing


@login_required
def child_list(request: StaffRequest) -> HttpResponse:
    if not organisations_with(request.user, Perm.VIEW_CHILD, Perm.VIEW_CASELOAD_CHILD):
        raise PermissionDenied
    search = request.GET.get("q", "").strip()
    children = child_list_for_user(user=request.user, search=search)
    return render(
        request,
        "children/list.html",
        {
            "search": search,
            "can_add": has_perm(request.user, Perm.CHANGE_CHILD),
            **paginate(request, children),
        },
    )


@login_required
def child_detail(request: StaffRequest, pk: int) -> HttpResponse:
    child = _child_or_404(request, pk)
    record_view(actor=request.user, obj=child)
    return render(
        request,
        "children/detail.html",
        {
            "child": child,
            "person": child.person,
            "can_change": has_perm(request.user, Perm.CHANGE_CHILD, child.organisation_id),
            "can_see_history": has_perm(request.user, Perm.VIEW_HISTORY, child.organisation_id),
        },
    )


@login_required
def child_add(request: StaffRequest) -> HttpResponse:
    orgs = organisations_with(request.user, Perm.CHANGE_CHILD)
    if not orgs:
        raise PermissionDenied
    organisation = Organisation.objects.filter(pk__in=orgs).order_by("name")[0]
    form = ChildForm(request.POST or None, organisation_id=organisation.pk)
    if request.method == "POST":

        def register(_: dict) -> Child:
            person_values, child_values = form.split()
            return child_register(
                organisation=organisation, person_values=person_values, by=request.user, **child_values
            )

        child = submit(form, register)
        if child is not None:
            messages.success(request, f"{child.person} has been added")
            return redirect("children:detail", pk=child.pk)
    return render_form(request, form, heading="Add a child", back_url=reverse("children:list"))


@login_required
def child_edit(request: StaffRequest, pk: int) -> HttpResponse:
    child = _child_or_404(request, pk)
    if not has_perm(request.user, Perm.CHANGE_CHILD, child.organisation_id):
        raise PermissionDenied
    initial = {name: getattr(child.person, name) for name in PERSON_FIELDS} | {
        "child_id": child.child_id,
        "upn": child.upn,
        "social_worker": child.social_worker_id,
        "uasc": child.uasc,
    }
    form = ChildForm(request.POST or None, initial=initial, organisation_id=child.organisation_id)
    if request.method == "POST":

        def update(_: dict) -> Child:
            person_values, child_values = form.split()
            return child_update(child=child, person_values=person_values, by=request.user, **child_values)

        saved = submit(form, update)
        if saved is not None:
            messages.success(request, f"{saved.person}'s details have been saved")
            return redirect("children:detail", pk=saved.pk)
    return render_form(
        request,
        form,
        heading=f"Change {child.person}'s details",
        back_url=reverse("children:detail", args=[child.pk]),
    )


@login_required
def child_history(request: StaffRequest, pk: int) -> HttpResponse:
    child = _child_or_404(request, pk)
    if not has_perm(request.user, Perm.VIEW_HISTORY, child.organisation_id):
        raise PermissionDenied
    return render(request, "children/history.html", {"child": child, "events": timeline_for(child)[:500]})
