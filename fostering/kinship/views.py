from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from fostering.accounts.models import Organisation, User
from fostering.accounts.permissions import Perm, has_perm, organisations_with, roles_with
from fostering.audit.selectors import timeline_for
from fostering.audit.services import record_read
from fostering.children.selectors import child_list_for_user
from fostering.core import clock
from fostering.core.forms import ServiceForm
from fostering.core.params import record_id
from fostering.core.views import StaffRequest, paginate, record_form_page, render_form, submit
from fostering.people.selectors import household_members

from . import services
from .choices import CLOSED_STAGES, OPEN_STAGES, TRANSITIONS, AssessmentKind, Outcome, Stage
from .deadlines import (
    assessment_deadlines,
    days_left,
    extension_ends,
    has_lapsed,
    lapse_deadline,
    lapses_on,
    panel_deadline,
    temporary_approval_ends,
)
from .forms import (
    ExtensionForm,
    IroInformedForm,
    NominatedOfficerForm,
    OutcomeForm,
    PanelViewsForm,
    PlacementForm,
    StageForm,
    StartForm,
    WithdrawForm,
)
from .models import KinshipAssessment
from .selectors import assessment_get_for_user, assessment_list_for_user

VIEW_PERMS = (Perm.VIEW_KINSHIP_ASSESSMENT, Perm.VIEW_CASELOAD_KINSHIP_ASSESSMENT)
# The page that records each Regulation 25 requirement.
URL_OF = {
    "panel_views": "panel_views",
    "iro_informed": "iro_informed",
    "nominated_officer": "nominated_officer",
}


def _workers(organisation_ids: set[int]) -> QuerySet[User]:
    return (
        User.objects.filter(
            memberships__organisation_id__in=organisation_ids,
            memberships__role__in=list(roles_with(Perm.RECORD_KINSHIP_ASSESSMENT)),
            memberships__ended_on__isnull=True,
        )
        .distinct()
        .order_by("first_name", "last_name")
    )


def _assessment_or_404(request: StaffRequest, pk: int) -> KinshipAssessment:
    try:
        return assessment_get_for_user(user=request.user, pk=pk)
    except KinshipAssessment.DoesNotExist as missing:
        raise Http404("No such assessment") from missing


@login_required
def assessment_list(request: StaffRequest) -> HttpResponse:
    orgs = organisations_with(request.user, *VIEW_PERMS)
    if not orgs:
        raise PermissionDenied
    status = request.GET.get("status", "open")
    kind = request.GET.get("kind", "")
    worker = record_id(request.GET.get("worker"))
    search = request.GET.get("q", "").strip()
    assessments = assessment_list_for_user(
        user=request.user, status=status, worker=worker, kind=kind, search=search
    )
    page = paginate(request, assessments)
    on = clock.today()
    rows = [
        {
            "assessment": a,
            "clock": lapse_deadline(a, today=on),
            "days_left": days_left(a, on) if a.stage in OPEN_STAGES else None,
            "lapsed": has_lapsed(a, on),
        }
        for a in page["page_obj"]
    ]
    record_read(by=request.user, page="kinship:list", children=page["page_obj"], search=search)
    return render(
        request,
        "kinship/list.html",
        {
            **page,
            "rows": rows,
            "status": status,
            "kind": kind,
            "worker": worker,
            "search": search,
            "kinds": AssessmentKind.choices,
            "stages": Stage.choices,
            "workers": _workers(organisations_with(request.user, Perm.VIEW_KINSHIP_ASSESSMENT)),
            "can_start": bool(organisations_with(request.user, Perm.START_KINSHIP_ASSESSMENT)),
        },
    )


@login_required
def assessment_start(request: StaffRequest) -> HttpResponse:
    orgs = organisations_with(request.user, Perm.START_KINSHIP_ASSESSMENT)
    if not orgs:
        raise PermissionDenied
    organisation = Organisation.objects.filter(pk__in=orgs).order_by("name")[0]
    user = request.user
    workers = _workers({organisation.pk})
    initial: dict[str, Any] = {"social_worker": user.pk} if workers.filter(pk=user.pk).exists() else {}
    child = record_id(request.GET.get("child"))
    if child is not None:
        initial["child"] = child
    form = StartForm(
        request.POST or None,
        initial=initial,
        children=child_list_for_user(user=user).filter(organisation_id=organisation.pk),
        workers=workers,
    )
    if request.method == "POST":
        started = submit(
            form,
            lambda data: services.assessment_start(
                by=user,
                **data | {"kind": AssessmentKind(data["kind"])},
            ),
        )
        if started is not None:
            messages.success(request, "The assessment has been started")
            return redirect("kinship:detail", pk=started.pk)
    return render_form(request, form, heading="Start a kinship assessment", back_url=reverse("kinship:list"))


@login_required
def assessment_detail(request: StaffRequest, pk: int) -> HttpResponse:
    assessment = _assessment_or_404(request, pk)
    on = clock.today()
    user = request.user
    org = assessment.organisation_id
    stage = Stage(assessment.stage)
    is_open = stage in OPEN_STAGES
    may_record = has_perm(user, Perm.RECORD_KINSHIP_ASSESSMENT, org) and is_open
    unextended = is_open and assessment.placed_on is not None and assessment.extension_granted_on is None
    extendable = may_record and unextended
    missing = services.extension_missing(assessment)
    checklist = [
        {
            "requirement": r,
            "met_on": getattr(assessment, r.field),
            "url": reverse(f"kinship:{URL_OF[r.code]}", args=[assessment.pk]),
        }
        for r in services.REG25_REQUIREMENTS
    ]
    record_read(by=user, page="kinship:detail", record=assessment, children=[assessment.child_id])
    return render(
        request,
        "kinship/detail.html",
        {
            "a": assessment,
            "members": household_members(assessment.connected_household).filter(left_on__isnull=True),
            "deadlines": assessment_deadlines(assessment, today=on),
            "panel": panel_deadline(assessment, today=on) if is_open else None,
            "temporary_ends": temporary_approval_ends(assessment),
            "extension_ends": extension_ends(assessment),
            "lapses_on": lapses_on(assessment),
            "days_left": days_left(assessment, on) if is_open else None,
            "lapsed": has_lapsed(assessment, on),
            "lapse_clock": lapse_deadline(assessment, today=on),
            "checklist": checklist,
            "missing": missing,
            "stage_changes": assessment.stage_changes.select_related("created_by"),
            "can": {
                "record": may_record,
                "place": may_record and assessment.extension_granted_on is None,
                "reg25": extendable,
                "approve": unextended and has_perm(user, Perm.APPROVE_REG25_EXTENSION, org),
                "grant": extendable and not missing,
                "stage": may_record and bool(TRANSITIONS[stage] & OPEN_STAGES),
                "history": has_perm(user, Perm.VIEW_HISTORY, org),
            },
            "closed": stage in CLOSED_STAGES,
        },
    )


@login_required
def assessment_history(request: StaffRequest, pk: int) -> HttpResponse:
    assessment = _assessment_or_404(request, pk)
    if not has_perm(request.user, Perm.VIEW_HISTORY, assessment.organisation_id):
        raise PermissionDenied
    events = timeline_for(assessment)[:500]
    record_read(by=request.user, page="kinship:history", record=assessment, children=[assessment.child_id])
    return render(request, "kinship/history.html", {"a": assessment, "events": events})


def _action(
    request: StaffRequest,
    pk: int,
    perm: Perm,
    make_form: Callable[[KinshipAssessment], ServiceForm],
    action: Callable[[KinshipAssessment, dict[str, Any]], Any],
    heading: str,
    done: str,
) -> HttpResponse:
    """A form page that records one thing about it through one service function."""
    record = _assessment_or_404(request, pk)
    return record_form_page(
        request,
        record,
        perm=perm,
        make_form=make_form,
        action=action,
        heading=heading,
        done=done,
        detail_url=reverse("kinship:detail", args=[record.pk]),
        caption=f"{record.child.person.full_name}: {record.connected_household.name}",
    )


@login_required
def placement(request: StaffRequest, pk: int) -> HttpResponse:
    return _action(
        request,
        pk,
        Perm.RECORD_KINSHIP_ASSESSMENT,
        lambda a: PlacementForm(request.POST or None, initial={"placed_on": a.placed_on}, record=a),
        lambda a, data: services.placement_record(assessment=a, by=request.user, **data),
        "Record the Regulation 24 placement",
        "The placement has been recorded: temporary approval has started",
    )


@login_required
def panel_views(request: StaffRequest, pk: int) -> HttpResponse:
    return _action(
        request,
        pk,
        Perm.RECORD_KINSHIP_ASSESSMENT,
        lambda a: PanelViewsForm(request.POST or None),
        lambda a, data: services.panel_views_record(assessment=a, by=request.user, **data),
        "Record the panel's views on an extension",
        "The panel's views have been recorded",
    )


@login_required
def iro_informed(request: StaffRequest, pk: int) -> HttpResponse:
    return _action(
        request,
        pk,
        Perm.RECORD_KINSHIP_ASSESSMENT,
        lambda a: IroInformedForm(request.POST or None),
        lambda a, data: services.iro_informed_record(assessment=a, by=request.user, **data),
        "Record that the IRO was informed",
        "The IRO being informed has been recorded",
    )


@login_required
def nominated_officer(request: StaffRequest, pk: int) -> HttpResponse:
    return _action(
        request,
        pk,
        Perm.APPROVE_REG25_EXTENSION,
        lambda a: NominatedOfficerForm(request.POST or None),
        lambda a, data: services.nominated_officer_approve(assessment=a, by=request.user, **data),
        "Approve a Regulation 25 extension as nominated officer",
        "Your approval of the extension has been recorded",
    )


@login_required
def extension(request: StaffRequest, pk: int) -> HttpResponse:
    return _action(
        request,
        pk,
        Perm.RECORD_KINSHIP_ASSESSMENT,
        lambda a: ExtensionForm(request.POST or None),
        lambda a, data: services.extension_grant(assessment=a, by=request.user, **data),
        "Grant the Regulation 25 extension",
        "The extension has been granted",
    )


@login_required
def stage(request: StaffRequest, pk: int) -> HttpResponse:
    return _action(
        request,
        pk,
        Perm.RECORD_KINSHIP_ASSESSMENT,
        lambda a: StageForm(request.POST or None, current=Stage(a.stage)),
        lambda a, data: services.stage_change(
            assessment=a,
            to_stage=Stage(data["to_stage"]),
            changed_on=data["changed_on"],
            reason=data["reason"],
            by=request.user,
        ),
        "Change the stage of the assessment",
        "The stage has been changed",
    )


@login_required
def outcome(request: StaffRequest, pk: int) -> HttpResponse:
    return _action(
        request,
        pk,
        Perm.RECORD_KINSHIP_ASSESSMENT,
        lambda a: OutcomeForm(request.POST or None, current=Stage(a.stage)),
        lambda a, data: services.outcome_record(
            assessment=a,
            outcome=Outcome(data["outcome"]),
            decided_on=data["decided_on"],
            reason=data["reason"],
            by=request.user,
        ),
        "Record the outcome of the assessment",
        "The outcome has been recorded",
    )


@login_required
def withdraw(request: StaffRequest, pk: int) -> HttpResponse:
    return _action(
        request,
        pk,
        Perm.RECORD_KINSHIP_ASSESSMENT,
        lambda a: WithdrawForm(request.POST or None),
        lambda a, data: services.assessment_withdraw(assessment=a, by=request.user, **data),
        "Withdraw the assessment",
        "The assessment has been withdrawn",
    )
