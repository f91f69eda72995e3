"""Pages of practice alerts: the list, an alert with its stages and clocks, a child's alerts, the figures."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode

from fostering.accounts.models import Organisation, User
from fostering.accounts.permissions import Perm, has_perm, organisations_with
from fostering.audit.services import record_read
from fostering.children.selectors import child_get_for_user
from fostering.core import clock
from fostering.core.lists import list_page
from fostering.core.views import StaffRequest, record_form_page, render_form, submit

from . import services
from .choices import TRANSITIONS
from .deadlines import council_clocks, stage_deadline
from .filters import AlertFilter
from .forms import AlertEscalateForm, AlertRaiseForm, AlertResolveForm, AlertRespondForm, ResponseClockForm
from .models import PracticeAlert
from .selectors import (
    ALERT_PERMS,
    alert_figures,
    alert_get_for_user,
    alert_list_for_user,
    alert_moves,
    alert_stages,
    financial_year,
)


def _alert_or_404(request: StaffRequest, pk: int) -> PracticeAlert:
    try:
        return alert_get_for_user(user=request.user, pk=pk)
    except PracticeAlert.DoesNotExist as missing:
        raise Http404("No such alert") from missing


def _people(organisation_id: int) -> Any:
    """Staff of the council who answer alerts (the child's social worker, their managers)."""
    from fostering.accounts.permissions import ROLE_PERMISSIONS

    roles = [role for role, perms in ROLE_PERMISSIONS.items() if Perm.ANSWER_PRACTICE_ALERT in perms]
    return (
        User.objects.filter(
            memberships__organisation_id=organisation_id,
            memberships__ended_on__isnull=True,
            memberships__role__in=roles,
            is_active=True,
        )
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


@login_required
def alert_list(request: StaffRequest) -> HttpResponse:
    if not organisations_with(request.user, *ALERT_PERMS):
        raise PermissionDenied
    context = list_page(request, None, AlertFilter, defaults={"status": "open"})
    alerts = list(context["page_obj"])
    record_read(by=request.user, page="alerts:list", children=alerts)
    return render(request, "alerts/list.html", context)


@login_required
def alert_detail(request: StaffRequest, pk: int) -> HttpResponse:
    alert = _alert_or_404(request, pk)
    record_read(by=request.user, page="alerts:detail", record=alert, children=[alert.child])
    today = clock.today()
    stages = [(stage, stage_deadline(stage, today=today)) for stage in alert_stages(alert)]
    current = stages[-1][0] if stages else None
    org = alert.organisation_id
    can_raise = has_perm(request.user, Perm.RAISE_PRACTICE_ALERT, org)
    return render(
        request,
        "alerts/detail.html",
        {
            "alert": alert,
            "stages": stages,
            "moves": alert_moves(alert),
            "can_respond": alert.is_open
            and current is not None
            and current.response_working_days is not None
            and current.responded_on is None
            and has_perm(request.user, Perm.ANSWER_PRACTICE_ALERT, org),
            "can_escalate": alert.is_open and can_raise and bool(TRANSITIONS.get(alert.stage)),
            "can_resolve": alert.is_open and can_raise,
        },
    )


@login_required
def child_alerts(request: StaffRequest, pk: int) -> HttpResponse:
    try:
        child = child_get_for_user(user=request.user, pk=pk)
    except ObjectDoesNotExist as missing:
        raise Http404("No such child") from missing
    if not any(has_perm(request.user, perm, child.organisation_id) for perm in ALERT_PERMS):
        raise PermissionDenied
    record_read(by=request.user, page="alerts:child", record=child, children=[child])
    alerts = list(
        alert_list_for_user(user=request.user, status="all", child=child).prefetch_related("stages")
    )
    today = clock.today()
    rows = []
    for alert in alerts:
        current = next((s for s in alert.stages.all() if s.stage == alert.stage), None)
        rows.append(
            {
                "alert": alert,
                "deadline": stage_deadline(current, today=today) if current and alert.is_open else None,
            }
        )
    return render(
        request,
        "alerts/child.html",
        {
            "child": child,
            "rows": rows,
            "can_raise": has_perm(request.user, Perm.RAISE_PRACTICE_ALERT, child.organisation_id),
        },
    )


@login_required
def alert_raise(request: StaffRequest, pk: int) -> HttpResponse:
    try:
        child = child_get_for_user(user=request.user, pk=pk)
    except ObjectDoesNotExist as missing:
        raise Http404("No such child") from missing
    if not has_perm(request.user, Perm.RAISE_PRACTICE_ALERT, child.organisation_id):
        raise PermissionDenied
    form = AlertRaiseForm(request.POST or None, people=_people(child.organisation_id))
    if request.method == "POST":
        alert = submit(form, lambda data: services.alert_raise(child=child, by=request.user, **data))
        if alert is not None:
            messages.success(request, "The alert has been raised")
            return redirect("alerts:detail", alert.pk)
    return render_form(
        request,
        form,
        heading="Raise a practice alert",
        back_url=reverse("alerts:child", args=[child.pk]),
        caption=child.person.full_name,
    )


def _action(
    request: StaffRequest, pk: int, perm: Perm, make_form: Any, action: Any, heading: str, done: str
) -> HttpResponse:
    alert = _alert_or_404(request, pk)
    return record_form_page(
        request,
        alert,
        perm=perm,
        make_form=make_form,
        action=action,
        heading=heading,
        done=done,
        detail_url=reverse("alerts:detail", args=[alert.pk]),
        caption=f"{alert.child.person.full_name}: {alert.get_theme_display()}",
    )


@login_required
def alert_respond(request: StaffRequest, pk: int) -> HttpResponse:
    return _action(
        request,
        pk,
        Perm.ANSWER_PRACTICE_ALERT,
        lambda a: AlertRespondForm(request.POST or None, initial={"stage": a.stage}),
        lambda a, data: services.alert_respond(alert=a, by=request.user, **data),
        "Respond to the IRO's concern",
        "Your response has been recorded",
    )


@login_required
def alert_escalate(request: StaffRequest, pk: int) -> HttpResponse:
    return _action(
        request,
        pk,
        Perm.RAISE_PRACTICE_ALERT,
        lambda a: AlertEscalateForm(
            request.POST or None, stages=TRANSITIONS.get(a.stage, ()), people=_people(a.organisation_id)
        ),
        lambda a, data: services.alert_escalate(alert=a, by=request.user, **data),
        "Escalate the concern",
        "The concern has been escalated",
    )


@login_required
def alert_resolve(request: StaffRequest, pk: int) -> HttpResponse:
    return _action(
        request,
        pk,
        Perm.RAISE_PRACTICE_ALERT,
        lambda a: AlertResolveForm(request.POST or None),
        lambda a, data: services.alert_resolve(alert=a, by=request.user, **data),
        "Mark the concern resolved",
        "The concern has been marked resolved",
    )


@login_required
def figures(request: StaffRequest) -> HttpResponse:
    if not organisations_with(request.user, Perm.VIEW_IRO_REPORTS):
        raise PermissionDenied
    this_year = financial_year(clock.today())
    try:
        year = int(request.GET.get("year", this_year))
    except ValueError:
        year = this_year
    if not 2000 <= year <= 2100:
        year = this_year
    data = alert_figures(user=request.user, year=year)
    list_url = reverse("alerts:list")

    def link(query: dict[str, str]) -> str:
        return f"{list_url}?{urlencode(query)}"

    return render(
        request,
        "alerts/figures.html",
        {
            "figures": data,
            "link": link,
            "years": list(range(this_year, this_year - 5, -1)),
            "theme_rows": [
                (label, good, link(good.query), concern, link(concern.query))
                for label, good, concern in data.by_theme
            ],
            "stage_rows": [
                ((reached, link(reached.query)), (resolved, link(resolved.query)))
                for reached, resolved in zip(data.reached, data.resolved_at, strict=True)
            ],
            "totals": [(f, link(f.query)) for f in (data.good_practice, data.concerns, data.open_now)],
            "resolved_link": link({"status": "resolved", "year": str(year)}),
        },
    )


@login_required
def response_clocks(request: StaffRequest) -> HttpResponse:
    orgs = organisations_with(request.user, Perm.ALLOCATE_IRO)
    if not orgs:
        raise PermissionDenied
    organisation = Organisation.objects.filter(pk__in=orgs).order_by("name").first()
    assert organisation is not None
    form = ResponseClockForm(request.POST or None, clocks=council_clocks(organisation.pk))

    def save(data: dict[str, int]) -> bool:
        for stage, days in data.items():
            services.response_clock_set(
                organisation=organisation, stage=stage, working_days=days, by=request.user
            )
        return True

    if request.method == "POST" and submit(form, save):
        messages.success(request, "The response times have been saved")
        return redirect("alerts:clocks")
    return render_form(
        request,
        form,
        heading="Response times of the dispute resolution stages",
        back_url=reverse("alerts:list"),
        caption=organisation.name,
    )
