from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse

from fostering.accounts.permissions import Perm, has_perm, organisations_with
from fostering.audit.services import record_read
from fostering.children.selectors import child_list_for_user, child_or_404
from fostering.core import clock
from fostering.core.views import StaffRequest, record_form_page

from . import selectors, services
from .deadlines import child_visit_deadlines
from .forms import AllocationForm, VisitForm

if TYPE_CHECKING:
    from fostering.children.models import Child


def _child_or_404(request: StaffRequest, pk: int) -> Child:
    return child_or_404(child_list_for_user(user=request.user), pk)


@login_required
def child_visits(request: StaffRequest, pk: int) -> HttpResponse:
    """The child's social workers over time, the visits to the child and the visit clock."""
    child = _child_or_404(request, pk)
    record_read(by=request.user, page="visits:child", record=child, children=[child])
    org = child.organisation_id
    return render(
        request,
        "visits/child.html",
        {
            "child": child,
            "person": child.person,
            "allocations": selectors.allocations_for_child(child),
            "visits": selectors.visits_for_child(child),
            "deadlines": child_visit_deadlines(child, clock.today()),
            "can": {
                "allocate": has_perm(request.user, Perm.CHANGE_CHILD, org),
                "visit": has_perm(request.user, Perm.RECORD_CHILD_VISIT, org),
            },
        },
    )


def _child_form(request: StaffRequest, pk: int, perm: Perm, form_class, action, heading: str, done: str):  # type: ignore[no-untyped-def]
    child = _child_or_404(request, pk)
    if request.method == "GET" and has_perm(request.user, perm, child.organisation_id):
        record_read(by=request.user, page=request.resolver_match.view_name, record=child, children=[child])  # type: ignore[union-attr]
    return record_form_page(
        request,
        child,
        perm=perm,
        make_form=lambda c: form_class(request.POST or None, organisation_id=c.organisation_id),
        action=action,
        heading=heading,
        done=done,
        detail_url=reverse("visits:child", args=[child.pk]),
        caption=f"{child.person} ({child.child_id})",
    )


@login_required
def allocate(request: StaffRequest, pk: int) -> HttpResponse:
    return _child_form(
        request,
        pk,
        Perm.CHANGE_CHILD,
        AllocationForm,
        lambda child, data: services.allocate_social_worker(child=child, by=request.user, **data),
        "Change the child's social worker",
        "The social worker has been changed",
    )


@login_required
def visit_add(request: StaffRequest, pk: int) -> HttpResponse:
    return _child_form(
        request,
        pk,
        Perm.RECORD_CHILD_VISIT,
        VisitForm,
        lambda child, data: services.visit_record(child=child, by=request.user, **data),
        "Record a visit to the child",
        "The visit has been recorded",
    )


@login_required
def overdue(request: StaffRequest) -> HttpResponse:
    """A team manager's list: the children in care whose social worker's visit is overdue."""
    if not organisations_with(request.user, Perm.CHANGE_CHILD):
        raise PermissionDenied
    rows = selectors.overdue_visits_for_user(user=request.user, today=clock.today())
    record_read(by=request.user, page="visits:overdue", children=[row.child for row in rows])
    return render(request, "visits/overdue.html", {"rows": rows})


@login_required
def in_time(request: StaffRequest) -> HttpResponse:
    """The figure: children in care whose visit is in time, and the children behind it."""
    if not organisations_with(request.user, Perm.VIEW_CHILD):
        raise PermissionDenied
    figure = selectors.visits_in_time_for_user(user=request.user, today=clock.today())
    record_read(
        by=request.user, page="visits:in_time", children=[row.child for row in figure.in_time + figure.late]
    )
    return render(request, "visits/in_time.html", {"figure": figure})
