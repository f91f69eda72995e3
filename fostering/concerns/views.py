"""Pages of allegations and complaints."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from fostering.accounts.models import Organisation
from fostering.accounts.permissions import Perm, has_perm, organisations_with
from fostering.core import clock
from fostering.core.views import StaffRequest, paginate, record_form_page, render_form, submit
from fostering.households.choices import ReviewKind
from fostering.households.selectors import household_get_for_user, household_list_for_user

from . import services
from .deadlines import complaint_deadlines
from .forms import (
    AllegationConcludeForm,
    AllegationForm,
    AllegationProgressForm,
    ComplaintEscalateForm,
    ComplaintForm,
    ComplaintRespondForm,
)
from .models import Allegation, Complaint
from .selectors import (
    allegation_get_for_user,
    allegation_list_for_user,
    complaint_get_for_user,
    complaint_list_for_user,
)


def _allegation_or_404(request: StaffRequest, pk: int) -> Allegation:
    try:
        return allegation_get_for_user(user=request.user, pk=pk)
    except Allegation.DoesNotExist as missing:
        raise Http404("No such allegation") from missing


def _complaint_or_404(request: StaffRequest, pk: int) -> Complaint:
    try:
        return complaint_get_for_user(user=request.user, pk=pk)
    except Complaint.DoesNotExist as missing:
        raise Http404("No such complaint") from missing


@login_required
def allegation_list(request: StaffRequest) -> HttpResponse:
    if not organisations_with(request.user, Perm.VIEW_ALLEGATION):
        raise PermissionDenied
    open_only = request.GET.get("show") != "all"
    allegations = allegation_list_for_user(user=request.user, open_only=open_only)
    return render(
        request, "concerns/allegation_list.html", {"open_only": open_only, **paginate(request, allegations)}
    )


@login_required
def allegation_add(request: StaffRequest, pk: int) -> HttpResponse:
    try:
        fh = household_get_for_user(user=request.user, pk=pk)
    except ObjectDoesNotExist as missing:
        raise Http404("No such household") from missing
    if not has_perm(request.user, Perm.RECORD_ALLEGATION, fh.organisation_id):
        raise PermissionDenied
    form = AllegationForm(request.POST or None)
    back = reverse("households:detail", args=[fh.pk])
    if request.method == "POST":
        allegation = submit(
            form, lambda data: services.allegation_record(fostering_household=fh, by=request.user, **data)
        )
        if allegation is not None:
            messages.success(request, "The allegation has been recorded")
            return redirect("concerns:allegation_detail", allegation.pk)
    return render_form(request, form, heading="Record an allegation", back_url=back, caption=str(fh))


@login_required
def allegation_detail(request: StaffRequest, pk: int) -> HttpResponse:
    allegation = _allegation_or_404(request, pk)
    return render(
        request,
        "concerns/allegation_detail.html",
        {
            "allegation": allegation,
            "fh": allegation.fostering_household,
            "can_record": has_perm(request.user, Perm.RECORD_ALLEGATION, allegation.organisation_id),
        },
    )


def _allegation_action(
    request: StaffRequest, pk: int, make_form: Any, action: Any, heading: str, done: str
) -> HttpResponse:
    allegation = _allegation_or_404(request, pk)
    return record_form_page(
        request,
        allegation,
        perm=Perm.RECORD_ALLEGATION,
        make_form=make_form,
        action=action,
        heading=heading,
        done=done,
        detail_url=reverse("concerns:allegation_detail", args=[allegation.pk]),
        caption=f"{allegation.fostering_household}: {allegation}",
    )


@login_required
def allegation_progress(request: StaffRequest, pk: int) -> HttpResponse:
    def make(allegation: Allegation) -> AllegationProgressForm:
        initial = {field: getattr(allegation, field) for field in services.PROGRESS_FIELDS}
        return AllegationProgressForm(request.POST or None, initial=initial, record=allegation)

    return _allegation_action(
        request,
        pk,
        make,
        lambda a, data: services.allegation_progress(allegation=a, by=request.user, **data),
        "LADO referral, meetings and support",
        "The allegation has been updated",
    )


@login_required
def allegation_conclude(request: StaffRequest, pk: int) -> HttpResponse:
    return _allegation_action(
        request,
        pk,
        lambda a: AllegationConcludeForm(
            request.POST or None,
            reviews=a.fostering_household.reviews.filter(kind=ReviewKind.FOLLOWING_CONCERNS),
        ),
        lambda a, data: services.allegation_conclude(allegation=a, by=request.user, **data),
        "Conclude the allegation",
        "The allegation has been concluded",
    )


@login_required
def complaint_list(request: StaffRequest) -> HttpResponse:
    if not organisations_with(request.user, Perm.VIEW_COMPLAINT):
        raise PermissionDenied
    complaints = complaint_list_for_user(user=request.user).order_by("-received_on", "-id")
    return render(
        request,
        "concerns/complaint_list.html",
        {
            "can_add": bool(organisations_with(request.user, Perm.RECORD_COMPLAINT)),
            **paginate(request, complaints),
        },
    )


@login_required
def complaint_add(request: StaffRequest) -> HttpResponse:
    orgs = organisations_with(request.user, Perm.RECORD_COMPLAINT)
    if not orgs:
        raise PermissionDenied
    organisation = Organisation.objects.filter(pk__in=orgs).order_by("name").first()
    assert organisation is not None
    households = household_list_for_user(user=request.user).filter(organisation=organisation)
    form = ComplaintForm(request.POST or None, households=households)
    if request.method == "POST":
        complaint = submit(
            form,
            lambda data: services.complaint_record(
                organisation=organisation, handled_by=request.user, by=request.user, **data
            ),
        )
        if complaint is not None:
            messages.success(request, "The complaint has been recorded")
            return redirect("concerns:complaint_detail", complaint.pk)
    return render_form(
        request, form, heading="Record a complaint", back_url=reverse("concerns:complaint_list")
    )


@login_required
def complaint_detail(request: StaffRequest, pk: int) -> HttpResponse:
    complaint = _complaint_or_404(request, pk)
    stages = list(complaint.stages.all())
    deadlines = complaint_deadlines(complaint, today=clock.today())
    current = stages[-1]
    return render(
        request,
        "concerns/complaint_detail.html",
        {
            "complaint": complaint,
            "stages": list(zip(stages, deadlines, strict=True)),
            "can_respond": current.responded_on is None,
            "can_escalate": current.responded_on is not None and current.stage < 3,
            "can_record": has_perm(request.user, Perm.RECORD_COMPLAINT, complaint.organisation_id),
        },
    )


def _complaint_action(
    request: StaffRequest, pk: int, make_form: Any, action: Any, heading: str, done: str
) -> HttpResponse:
    complaint = _complaint_or_404(request, pk)
    return record_form_page(
        request,
        complaint,
        perm=Perm.RECORD_COMPLAINT,
        make_form=make_form,
        action=action,
        heading=heading,
        done=done,
        detail_url=reverse("concerns:complaint_detail", args=[complaint.pk]),
        caption=f"Complaint from {complaint.complainant_name}",
    )


@login_required
def complaint_respond(request: StaffRequest, pk: int) -> HttpResponse:
    return _complaint_action(
        request,
        pk,
        lambda c: ComplaintRespondForm(request.POST or None),
        lambda c, data: services.complaint_respond(complaint=c, by=request.user, **data),
        "Record the response to this stage",
        "The response has been recorded",
    )


@login_required
def complaint_escalate(request: StaffRequest, pk: int) -> HttpResponse:
    return _complaint_action(
        request,
        pk,
        lambda c: ComplaintEscalateForm(request.POST or None),
        lambda c, data: services.complaint_escalate(complaint=c, by=request.user, **data),
        "Move the complaint to the next stage",
        "The next stage has started",
    )
