"""Pages of a household's life: allocation and caseloads, review views, support plans, training and TSD,
members leaving, the exit interview, and the retention early warning."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from fostering.accounts.models import User
from fostering.accounts.permissions import Perm, has_perm, organisations_with
from fostering.core import clock
from fostering.core.lists import list_page
from fostering.core.views import StaffRequest, record_form_page
from fostering.people.choices import MemberRole
from fostering.people.selectors import household_members
from fostering.people.services import member_leave

from . import life, services
from .choices import OPEN_STATUSES
from .deadlines import adult_member_checks, check_renewals, household_deadlines, tsd_deadlines
from .forms import (
    AllocateForm,
    ExitInterviewForm,
    MemberLeaveForm,
    ReviewViewForm,
    SupportPlanForm,
    TrainingForm,
    TsdForm,
)
from .models import HouseholdReview, SupervisionVisit
from .retention import households_at_risk
from .selectors import (
    caseload_households,
    household_list_for_user,
    review_get_for_user,
    supervision_visit_get_for_user,
    with_clock_facts,
)
from .views import _household_action

RETENTION_PAGE_SIZE = 25  # each row lists its reasons, so fewer to a page


def _carers(fh: Any) -> Any:
    return household_members(fh.household).filter(left_on__isnull=True, role=MemberRole.CARER)


def supervising_workers(organisation_id: int) -> Any:
    """Staff of the organisation who supervise households (hold the supervision permission)."""
    from fostering.accounts.permissions import roles_with

    roles = [role.value for role in roles_with(Perm.VIEW_CASELOAD_HOUSEHOLD)]
    return (
        User.objects.filter(
            memberships__organisation_id=organisation_id,
            memberships__ended_on__isnull=True,
            memberships__role__in=roles,
            is_active=True,
        )
        .order_by("last_name", "first_name", "pk")
        .distinct()
    )


@login_required
def allocate(request: StaffRequest, pk: int) -> HttpResponse:
    return _household_action(
        request,
        pk,
        Perm.CHANGE_HOUSEHOLD,
        lambda fh: AllocateForm(request.POST or None, workers=supervising_workers(fh.organisation_id)),
        lambda fh, data: services.supervising_social_worker_allocate(
            fostering_household=fh, social_worker=data["social_worker"], by=request.user
        ),
        "Allocate the supervising social worker",
        "The supervising social worker has been allocated",
    )


@login_required
def support_plan_add(request: StaffRequest, pk: int) -> HttpResponse:
    return _household_action(
        request,
        pk,
        Perm.RECORD_SUPPORT_PLAN,
        lambda fh: SupportPlanForm(
            request.POST or None, reviews=fh.reviews.all(), initial={"review": request.GET.get("review")}
        ),
        lambda fh, data: life.support_plan_record(fostering_household=fh, by=request.user, **data),
        "Record the training and support plan",
        "The training and support plan has been saved",
    )


@login_required
def training_add(request: StaffRequest, pk: int) -> HttpResponse:
    return _household_action(
        request,
        pk,
        Perm.RECORD_TRAINING,
        lambda fh: TrainingForm(request.POST or None, carers=_carers(fh)),
        lambda fh, data: life.training_record(fostering_household=fh, by=request.user, **data),
        "Record a training course",
        "The course has been recorded",
    )


@login_required
def tsd_add(request: StaffRequest, pk: int) -> HttpResponse:
    return _household_action(
        request,
        pk,
        Perm.RECORD_TRAINING,
        lambda fh: TsdForm(request.POST or None, carers=_carers(fh)),
        lambda fh, data: life.tsd_completion_record(fostering_household=fh, by=request.user, **data),
        "Record the TSD standards completed",
        "The TSD standards have been recorded",
    )


@login_required
def member_leave_page(request: StaffRequest, pk: int) -> HttpResponse:
    return _household_action(
        request,
        pk,
        Perm.CHANGE_PERSON,
        lambda fh: MemberLeaveForm(
            request.POST or None, members=household_members(fh.household).filter(left_on__isnull=True)
        ),
        lambda fh, data: member_leave(by=request.user, **data),
        "Record a member leaving the household",
        "The member has left the household",
    )


@login_required
def exit_interview(request: StaffRequest, pk: int) -> HttpResponse:
    return _household_action(
        request,
        pk,
        Perm.RECORD_EXIT_INTERVIEW,
        lambda fh: ExitInterviewForm(request.POST or None),
        lambda fh, data: life.exit_interview_record(
            fostering_household=fh, held_by=request.user if data["held_on"] else None, by=request.user, **data
        ),
        "Record the exit interview",
        "The exit interview has been saved",
    )


def _review_or_404(request: StaffRequest, pk: int) -> HouseholdReview:
    try:
        return review_get_for_user(user=request.user, pk=pk)
    except HouseholdReview.DoesNotExist as missing:
        raise Http404("No such review") from missing


@login_required
def review_detail(request: StaffRequest, pk: int) -> HttpResponse:
    review = _review_or_404(request, pk)
    return render(
        request,
        "households/review_detail.html",
        {
            "review": review,
            "fh": review.fostering_household,
            "views": review.views.all(),
            "plans": review.support_plans.all(),
            "can_record": has_perm(request.user, Perm.RECORD_HOUSEHOLD_REVIEW, review.organisation_id),
            "can_plan": has_perm(request.user, Perm.RECORD_SUPPORT_PLAN, review.organisation_id),
        },
    )


@login_required
def supervision_visit_detail(request: StaffRequest, pk: int) -> HttpResponse:
    """Everything recorded about one supervision visit, the notes included."""
    try:
        visit = supervision_visit_get_for_user(user=request.user, pk=pk)
    except SupervisionVisit.DoesNotExist as missing:
        raise Http404("No such visit") from missing
    return render(
        request, "households/supervision_visit_detail.html", {"visit": visit, "fh": visit.fostering_household}
    )


@login_required
def review_view_add(request: StaffRequest, pk: int) -> HttpResponse:
    review = _review_or_404(request, pk)
    return record_form_page(
        request,
        review,
        perm=Perm.RECORD_HOUSEHOLD_REVIEW,
        make_form=lambda r: ReviewViewForm(request.POST or None),
        action=lambda r, data: life.review_view_record(review=r, by=request.user, **data),
        heading="Record views for the review",
        done="The views have been recorded",
        detail_url=reverse("households:review_detail", args=[review.pk]),
        caption=f"{review.fostering_household.household.name}: review on {services.long_date(review.held_on)}",
    )


def _caseload_rows(households: list[Any], today: Any) -> list[dict[str, Any]]:
    renewals = check_renewals([fh.pk for fh in households], today=today)
    tsd = tsd_deadlines(households, today=today)
    new_adults = adult_member_checks(households, today=today)
    rows = []
    for fh in households:
        clocks = [
            *household_deadlines(fh, today=today),
            *(d for _, d in renewals.get(fh.pk, [])),
            *(d for _, d in tsd.get(fh.pk, [])),
            *(d for _, d in new_adults.get(fh.pk, [])),
        ]
        overdue = [d for d in clocks if d.status.value == "overdue"]
        due_soon = [d for d in clocks if d.status.value == "due_soon"]
        rows.append({"fh": fh, "overdue": overdue, "due_soon": due_soon})
    return rows


@login_required
def caseload(request: StaffRequest, pk: int) -> HttpResponse:
    """One supervising social worker's households and their clocks: their own, or any for a manager."""
    user = request.user
    team_orgs = organisations_with(user, Perm.VIEW_TEAM_CASELOADS)
    worker = User.objects.filter(pk=pk, memberships__ended_on__isnull=True).distinct().first()
    if worker is None:
        raise Http404("No such social worker")
    worker_orgs = set(
        worker.memberships.filter(ended_on__isnull=True).values_list("organisation_id", flat=True)
    )
    if not (worker.pk == user.pk and organisations_with(user, Perm.VIEW_CASELOAD_HOUSEHOLD)) and not (
        team_orgs & worker_orgs
    ):
        raise Http404("No such caseload")
    households = list(caseload_households(user=user, worker=worker))
    return render(
        request,
        "households/caseload.html",
        {"worker": worker, "rows": _caseload_rows(households, clock.today()), "team": bool(team_orgs)},
    )


@login_required
def team(request: StaffRequest) -> HttpResponse:
    """The team's caseloads: households per supervising social worker and their overdue clocks."""
    orgs = organisations_with(request.user, Perm.VIEW_TEAM_CASELOADS)
    if not orgs:
        raise PermissionDenied
    today = clock.today()
    households = list(
        with_clock_facts(household_list_for_user(user=request.user)).filter(
            organisation_id__in=orgs, status__in=OPEN_STATUSES
        )
    )
    rows = _caseload_rows(households, today)
    by_worker: dict[int | None, dict[str, Any]] = {}
    for worker_orgs in sorted(orgs):
        for worker in supervising_workers(worker_orgs):
            by_worker.setdefault(worker.pk, {"worker": worker, "households": 0, "overdue": 0, "due_soon": 0})
    for row in rows:
        key = row["fh"].supervising_social_worker_id
        entry = by_worker.setdefault(
            key, {"worker": row["fh"].supervising_social_worker, "households": 0, "overdue": 0, "due_soon": 0}
        )
        entry["households"] += 1
        entry["overdue"] += len(row["overdue"])
        entry["due_soon"] += len(row["due_soon"])
    unallocated = by_worker.pop(None, None)
    workers = sorted(by_worker.values(), key=lambda e: (str(e["worker"].last_name), e["worker"].pk))
    return render(
        request, "households/team.html", {"workers": workers, "unallocated": unallocated, "total": len(rows)}
    )


@login_required
def retention(request: StaffRequest) -> HttpResponse:
    """Open households at risk of leaving, each flag in words."""
    orgs = organisations_with(request.user, Perm.VIEW_RETENTION)
    if not orgs:
        raise PermissionDenied
    households = list(
        with_clock_facts(household_list_for_user(user=request.user))
        .filter(organisation_id__in=orgs, status__in=OPEN_STATUSES)
        .select_related("household", "supervising_social_worker")
    )
    at_risk = households_at_risk(households, clock.today())
    context = list_page(request, at_risk, per_page=RETENTION_PAGE_SIZE)
    return render(
        request,
        "households/retention.html",
        {"at_risk": at_risk, "open_households": len(households), **context},
    )
