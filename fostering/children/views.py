from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from fostering.accounts.models import Organisation
from fostering.accounts.permissions import Perm, has_perm, organisations_with
from fostering.audit.selectors import timeline_for
from fostering.audit.services import record_read
from fostering.core import clock
from fostering.core.forms import ServiceForm
from fostering.core.lists import list_page
from fostering.core.views import StaffRequest, record_form_page, render_form, submit
from fostering.people.services import PERSON_FIELDS
from fostering.placements import selectors as placement_selectors

from . import services
from .codes import RiskItem
from .deadlines import child_deadlines
from .filters import ChildFilter
from .forms import (
    CareEndForm,
    CareStartForm,
    ChildEditForm,
    ChildForm,
    LegalStatusForm,
    NeedsForm,
    ReviewForm,
    SiblingsForm,
)
from .models import Child
from .sections import child_links, registered_child_deadlines
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
    page = list_page(
        request, child_list_for_user(user=request.user), ChildFilter, defaults={"in_care": "now"}
    )
    search = page["filter"].form.cleaned_data.get("q") or ""
    record_read(by=request.user, page="children:list", children=page["page_obj"], search=search)
    return render(
        request, "children/list.html", {"can_add": has_perm(request.user, Perm.CHANGE_CHILD), **page}
    )


@login_required
def child_detail(request: StaffRequest, pk: int) -> HttpResponse:
    child = _child_or_404(request, pk)
    record_read(by=request.user, page="children:detail", record=child, children=[child])
    today = clock.today()
    return render(
        request,
        "children/detail.html",
        {
            "child": child,
            "person": child.person,
            "risks": [RiskItem(code).label for code in child.risks],
            "siblings": services.siblings_of(child),
            "period": child.periods_of_care.filter(ended_on__isnull=True).first(),
            "legal_status": child.legal_statuses.filter(ended_on__isnull=True).first(),
            "placement": placement_selectors.current_placement(child, today),
            "deadlines": child_deadlines(child, today=today) + registered_child_deadlines(child, today),
            "links": child_links(request.user, child),
            "can_change": has_perm(request.user, Perm.CHANGE_CHILD, child.organisation_id),
            "can_see_history": has_perm(request.user, Perm.VIEW_HISTORY, child.organisation_id),
        },
    )


@login_required
def child_care(request: StaffRequest, pk: int) -> HttpResponse:
    """The care record: periods of care, legal status history, placements, reviews and referrals."""
    child = _child_or_404(request, pk)
    record_read(by=request.user, page="children:care", record=child, children=[child])
    org = child.organisation_id
    user = request.user
    period = child.periods_of_care.filter(ended_on__isnull=True).first()
    placements = list(placement_selectors.placements_for_child(child))
    return render(
        request,
        "children/care.html",
        {
            "child": child,
            "person": child.person,
            "period": period,
            "periods": child.periods_of_care.all(),
            "legal_statuses": child.legal_statuses.all(),
            "placements": placements,
            "current": next((p for p in placements if p.ended_on is None), None),
            "reviews": child.reviews.all(),
            "referrals": child.referrals.all(),
            "deadlines": child_deadlines(child, today=clock.today()),
            "can": {
                "care": has_perm(user, Perm.RECORD_CARE, org),
                "place": has_perm(user, Perm.PLACE_CHILD, org),
                "refer": has_perm(user, Perm.MAKE_REFERRAL, org),
            },
        },
    )


def _page_name(request: StaffRequest) -> str:
    match = request.resolver_match
    return match.view_name if match is not None else request.path


def _child_action(
    request: StaffRequest,
    pk: int,
    perm: Perm,
    make_form: Callable[[Child], ServiceForm],
    action: Callable[[Child, dict[str, Any]], Any],
    heading: str,
    done: str,
    back: str = "children:care",
) -> HttpResponse:
    child = _child_or_404(request, pk)
    if request.method == "GET" and has_perm(request.user, perm, child.organisation_id):
        record_read(by=request.user, page=_page_name(request), record=child, children=[child])
    return record_form_page(
        request,
        child,
        perm=perm,
        make_form=make_form,
        action=action,
        heading=heading,
        done=done,
        detail_url=reverse(back, args=[child.pk]),
        caption=f"{child.person} ({child.child_id})",
    )


@login_required
def child_needs(request: StaffRequest, pk: int) -> HttpResponse:
    def form(child: Child) -> ServiceForm:
        initial = {name: getattr(child, name) for name in services.NEEDS_FIELDS}
        return NeedsForm(request.POST or None, initial=initial, record=child)

    return _child_action(
        request,
        pk,
        Perm.CHANGE_CHILD,
        form,
        lambda child, data: services.child_needs_update(child=child, by=request.user, **data),
        "Needs, risks and what to know",
        "The child's needs have been saved",
        back="children:detail",
    )


@login_required
def child_siblings(request: StaffRequest, pk: int) -> HttpResponse:
    def form(child: Child) -> ServiceForm:
        choices = Child.objects.filter(organisation_id=child.organisation_id).exclude(pk=child.pk)
        choices = choices.select_related("person").order_by("person__last_name", "person__first_name", "id")
        group = child.sibling_group
        initial = {
            "siblings": [s.pk for s in services.siblings_of(child)],
            "live_together": group.live_together if group else True,
        }
        return SiblingsForm(request.POST or None, initial=initial, choices=choices, record=(child, group))

    return _child_action(
        request,
        pk,
        Perm.CHANGE_CHILD,
        form,
        lambda child, data: services.siblings_link(
            child=child, siblings=list(data["siblings"]), live_together=data["live_together"], by=request.user
        ),
        "Brothers and sisters",
        "The siblings have been saved",
        back="children:detail",
    )


@login_required
def care_start(request: StaffRequest, pk: int) -> HttpResponse:
    return _child_action(
        request,
        pk,
        Perm.RECORD_CARE,
        lambda child: CareStartForm(request.POST or None),
        lambda child, data: services.care_start(child=child, by=request.user, **data),
        "Record the start of care",
        "The start of care has been recorded",
    )


@login_required
def care_end(request: StaffRequest, pk: int) -> HttpResponse:
    return _child_action(
        request,
        pk,
        Perm.RECORD_CARE,
        lambda child: CareEndForm(request.POST or None),
        lambda child, data: services.care_end(child=child, by=request.user, **data),
        "Record the end of care",
        "The end of care has been recorded",
    )


@login_required
def legal_status_change(request: StaffRequest, pk: int) -> HttpResponse:
    return _child_action(
        request,
        pk,
        Perm.RECORD_CARE,
        lambda child: LegalStatusForm(request.POST or None),
        lambda child, data: services.legal_status_change(child=child, by=request.user, **data),
        "Change the legal status",
        "The legal status has been recorded",
    )


@login_required
def review_add(request: StaffRequest, pk: int) -> HttpResponse:
    return _child_action(
        request,
        pk,
        Perm.RECORD_CARE,
        lambda child: ReviewForm(request.POST or None),
        lambda child, data: services.child_review_record(child=child, by=request.user, **data),
        "Record a review",
        "The review has been recorded",
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
    if request.method == "GET":
        record_read(by=request.user, page="children:edit", record=child, children=[child])
    initial = {name: getattr(child.person, name) for name in PERSON_FIELDS} | {
        "child_id": child.child_id,
        "upn": child.upn,
        "social_worker": child.social_worker_id,
        "uasc": child.uasc,
    }
    form = ChildEditForm(
        request.POST or None,
        initial=initial,
        organisation_id=child.organisation_id,
        record=(child, child.person),
    )
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
    record_read(by=request.user, page="children:history", record=child, children=[child])
    return render(request, "children/history.html", {"child": child, "events": timeline_for(child)[:500]})
