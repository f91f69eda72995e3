"""The IRO service's pages: the IRO's list, caseloads, a child's reviews, a review's record, the report."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from fostering.accounts.models import Organisation
from fostering.accounts.permissions import Perm, has_perm, organisations_with
from fostering.audit.services import record_read
from fostering.children.selectors import child_or_404
from fostering.core import clock
from fostering.core.forms import ServiceForm
from fostering.core.views import StaffRequest, record_form_page, render_form, submit
from fostering.deadlines.items import Deadline

from . import selectors, services
from .forms import (
    AllocateForm,
    BookletForm,
    DoneForm,
    MidwayForm,
    RecommendationForm,
    RecordForm,
    RequestForm,
    ReviewForm,
    SettingsForm,
)
from .models import IROAllocation, Recommendation, ReviewRecord

if TYPE_CHECKING:
    from fostering.children.models import Child


def _page(request: StaffRequest) -> str:
    match = request.resolver_match
    return match.view_name if match is not None else request.path


def _child(request: StaffRequest, pk: int) -> Child:
    return child_or_404(selectors.review_children_for_user(user=request.user), pk)


def _record(request: StaffRequest, pk: int) -> ReviewRecord:
    try:
        return selectors.record_for_user(user=request.user, pk=pk)
    except ReviewRecord.DoesNotExist as missing:
        raise Http404("No such review") from missing


def _one_organisation(request: StaffRequest, perm: Perm) -> Organisation:
    orgs = organisations_with(request.user, perm)
    if not orgs:
        raise PermissionDenied
    return Organisation.objects.get(pk=min(orgs))


@login_required
def home(request: StaffRequest) -> HttpResponse:
    """The IRO's own working list."""
    if not organisations_with(request.user, Perm.CHAIR_REVIEW):
        raise PermissionDenied
    work = selectors.iro_work(user=request.user, today=clock.today())
    shown = {row.child for rows in work.values() for row in rows}
    record_read(by=request.user, page="reviews:home", children=shown)
    return render(
        request,
        "reviews/home.html",
        {
            "work": work,
            "can_allocate": bool(organisations_with(request.user, Perm.ALLOCATE_IRO)),
            "can_report": bool(organisations_with(request.user, Perm.VIEW_IRO_REPORTS)),
        },
    )


@login_required
def caseloads(request: StaffRequest) -> HttpResponse:
    org = _one_organisation(request, Perm.ALLOCATE_IRO)
    council, rows, without = selectors.caseloads(user=request.user, organisation_id=org.pk)
    return render(request, "reviews/caseloads.html", {"council": council, "rows": rows, "without": without})


@login_required
def review_settings(request: StaffRequest) -> HttpResponse:
    org = _one_organisation(request, Perm.ALLOCATE_IRO)
    council = selectors.settings_for(org.pk)
    initial = {
        "first_review_working_days": council.first_review_working_days,
        "caseload_low": council.caseload_low,
        "caseload_high": council.caseload_high,
    }
    form = SettingsForm(request.POST or None, initial=initial)
    action = lambda data: services.review_settings_update(organisation_id=org.pk, by=request.user, **data)  # noqa: E731
    if request.method == "POST" and submit(form, action) is not None:
        messages.success(request, "The review settings have been saved")
        return redirect("reviews:caseloads")
    return render_form(
        request, form, heading="Review settings", back_url=reverse("reviews:caseloads"), caption=org.name
    )


@login_required
def child_reviews(request: StaffRequest, pk: int) -> HttpResponse:
    child = _child(request, pk)
    record_read(by=request.user, page="reviews:child", record=child, children=[child])
    org = child.organisation_id
    records = {
        r.review_id: r for r in ReviewRecord.objects.filter(review__child=child).select_related("chair")
    }
    reviews = [(review, records.get(review.pk)) for review in child.reviews.all()]
    return render(
        request,
        "reviews/child.html",
        {
            "child": child,
            "person": child.person,
            "current": selectors.current_iro(child),
            "allocations": IROAllocation.objects.filter(child=child).select_related("iro", "allocated_by"),
            "timetable": selectors.child_timetable(child, today=clock.today()),
            "reviews": reviews,
            "can": {
                "allocate": has_perm(request.user, Perm.ALLOCATE_IRO, org),
                "chair": has_perm(request.user, Perm.CHAIR_REVIEW, org),
            },
        },
    )


def _child_form(
    request: StaffRequest,
    pk: int,
    perm: Perm,
    make_form: Callable[[Child], ServiceForm],
    action: Callable[[Child, dict[str, Any]], Any],
    heading: str,
    done: str,
) -> HttpResponse:
    child = _child(request, pk)
    if request.method == "GET" and has_perm(request.user, perm, child.organisation_id):
        record_read(by=request.user, page=_page(request), record=child, children=[child])
    return record_form_page(
        request,
        child,
        perm=perm,
        make_form=make_form,
        action=action,
        heading=heading,
        done=done,
        detail_url=reverse("reviews:child", args=[child.pk]),
        caption=f"{child.person} ({child.child_id})",
    )


@login_required
def allocate(request: StaffRequest, pk: int) -> HttpResponse:
    return _child_form(
        request,
        pk,
        Perm.ALLOCATE_IRO,
        lambda child: AllocateForm(request.POST or None, iros=selectors.iro_choices(child.organisation_id)),
        lambda child, data: services.iro_allocate(child=child, by=request.user, **data),
        "Allocate an IRO",
        "The IRO has been allocated",
    )


@login_required
def request_add(request: StaffRequest, pk: int) -> HttpResponse:
    return _child_form(
        request,
        pk,
        Perm.CHAIR_REVIEW,
        lambda child: RequestForm(request.POST or None),
        lambda child, data: services.review_request(child=child, by=request.user, **data),
        "Ask for an extra review",
        "The review has been asked for",
    )


@login_required
def review_add(request: StaffRequest, pk: int) -> HttpResponse:
    child = _child(request, pk)
    if not has_perm(request.user, Perm.CHAIR_REVIEW, child.organisation_id):
        raise PermissionDenied
    form = ReviewForm(request.POST or None)
    if request.method == "GET":
        record_read(by=request.user, page="reviews:review_add", record=child, children=[child])
    if request.method == "POST":
        record = submit(form, lambda data: services.review_hold(child=child, by=request.user, **data))
        if record is not None:
            messages.success(request, "The review has been recorded")
            return redirect("reviews:record", record.pk)
    return render_form(
        request,
        form,
        heading="Record a review",
        back_url=reverse("reviews:child", args=[child.pk]),
        caption=f"{child.person} ({child.child_id})",
    )


@login_required
def record_detail(request: StaffRequest, pk: int) -> HttpResponse:
    record = _record(request, pk)
    child = record.review.child
    record_read(by=request.user, page="reviews:record", record=child, children=[child])
    today = clock.today()
    distributed = Deadline.compute(
        "review_record_distributed", record.review.held_on, met_on=record.distributed_on, today=today
    )
    recommendations = [
        (rec, selectors.due_on("review_recommendation", rec.due_on, met_on=rec.done_on, today=today))
        for rec in record.recommendations.all()
    ]
    return render(
        request,
        "reviews/record.html",
        {
            "record": record,
            "review": record.review,
            "child": child,
            "person": child.person,
            "distributed": distributed,
            "booklets": record.booklets.all(),
            "recommendations": recommendations,
            "midway": getattr(record, "midway_check", None),
            "can_chair": has_perm(request.user, Perm.CHAIR_REVIEW, record.organisation_id),
        },
    )


def _record_form(
    request: StaffRequest,
    pk: int,
    make_form: Callable[[ReviewRecord], ServiceForm],
    action: Callable[[ReviewRecord, dict[str, Any]], Any],
    heading: str,
    done: str,
) -> HttpResponse:
    record = _record(request, pk)
    return record_form_page(
        request,
        record,
        perm=Perm.CHAIR_REVIEW,
        make_form=make_form,
        action=action,
        heading=heading,
        done=done,
        detail_url=reverse("reviews:record", args=[record.pk]),
        caption=f"{record.review.child.person}: review of {record.review.held_on:%-d %B %Y}",
    )


@login_required
def record_write(request: StaffRequest, pk: int) -> HttpResponse:
    def make(record: ReviewRecord) -> ServiceForm:
        initial = {
            "summary": record.summary,
            "distributed_on": record.distributed_on,
            "permanence_plan": record.permanence_plan,
            "permanence_agreed_on": record.permanence_agreed_on,
        }
        return RecordForm(request.POST or None, initial=initial)

    return _record_form(
        request,
        pk,
        make,
        lambda record, data: services.review_record_write(record=record, by=request.user, **data),
        "The IRO's record of the review",
        "The record of the review has been saved",
    )


@login_required
def booklet_add(request: StaffRequest, pk: int) -> HttpResponse:
    return _record_form(
        request,
        pk,
        lambda record: BookletForm(request.POST or None),
        lambda record, data: services.booklet_record(record=record, by=request.user, **data),
        "Record a consultation booklet",
        "The booklet has been recorded",
    )


@login_required
def recommendation_add(request: StaffRequest, pk: int) -> HttpResponse:
    return _record_form(
        request,
        pk,
        lambda record: RecommendationForm(request.POST or None),
        lambda record, data: services.recommendation_add(record=record, by=request.user, **data),
        "Add a recommendation",
        "The recommendation has been added",
    )


@login_required
def midway_check(request: StaffRequest, pk: int) -> HttpResponse:
    return _record_form(
        request,
        pk,
        lambda record: MidwayForm(request.POST or None),
        lambda record, data: services.midway_check_record(record=record, by=request.user, **data),
        "Record the midway check",
        "The midway check has been recorded",
    )


@login_required
def recommendation_done(request: StaffRequest, pk: int) -> HttpResponse:
    try:
        recommendation = selectors.recommendation_for_user(user=request.user, pk=pk)
    except Recommendation.DoesNotExist as missing:
        raise Http404("No such recommendation") from missing
    return record_form_page(
        request,
        recommendation,
        perm=Perm.CHAIR_REVIEW,
        make_form=lambda rec: DoneForm(request.POST or None),
        action=lambda rec, data: services.recommendation_done(recommendation=rec, by=request.user, **data),
        heading="Mark the recommendation as done",
        done="The recommendation has been marked done",
        detail_url=reverse("reviews:record", args=[recommendation.record_id]),
        caption=recommendation.text[:80],
    )


def _year_start(today: date) -> int:
    return today.year if today.month >= 4 else today.year - 1


@login_required
def report(request: StaffRequest) -> HttpResponse:
    """The IRO annual report's figures for a financial year, each with the children it counted."""
    org = _one_organisation(request, Perm.VIEW_IRO_REPORTS)
    latest = _year_start(clock.today())
    try:
        year = int(request.GET.get("year", latest))
    except ValueError:
        year = latest
    year = min(max(year, latest - 10), latest)
    figures = selectors.annual_figures(
        organisation_id=org.pk, year_start=date(year, 4, 1), year_end=date(year + 1, 3, 31)
    )
    shown = {child for figure in figures for child, _ in figure.children}
    record_read(by=request.user, page="reviews:report", children=shown, organisation_id=org.pk)
    return render(
        request,
        "reviews/report.html",
        {
            "figures": figures,
            "year": year,
            "years": list(range(latest, latest - 6, -1)),
            "organisation": org,
        },
    )
