"""Care leavers' pages: the list, the birthdays ahead, the figures, the child's leaving care page and the
young person's page with the forms that record on it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Max
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from fostering.accounts.permissions import Perm, has_perm, organisations_with
from fostering.audit.services import record_read
from fostering.children.selectors import child_list_for_user, child_or_404
from fostering.core import clock
from fostering.core.forms import ServiceForm
from fostering.core.lists import list_page
from fostering.core.views import StaffRequest, record_form_page, render_form, submit

from . import services
from .deadlines import plan_deadline
from .filters import CareLeaverFilter
from .forms import AdviserForm, BirthdayContactForm, CareLeaverForm, ContactForm, PathwayPlanForm
from .models import CareLeaver
from .selectors import (
    birthdays_ahead,
    care_leaver_get_for_user,
    care_leaver_list_for_user,
    figures,
    staying_put,
)

if TYPE_CHECKING:
    pass

LIST_PERMS = (Perm.VIEW_CHILD, Perm.VIEW_CASELOAD_CHILD)


def _leaver_or_404(request: StaffRequest, pk: int) -> CareLeaver:
    try:
        return care_leaver_get_for_user(user=request.user, pk=pk)
    except CareLeaver.DoesNotExist as missing:
        raise Http404("No such care leaver") from missing


@login_required
def care_leaver_list(request: StaffRequest) -> HttpResponse:
    if not organisations_with(request.user, *LIST_PERMS):
        raise PermissionDenied
    page = list_page(request, None, CareLeaverFilter)
    search = page["filter"].form.cleaned_data.get("q") or ""
    record_read(
        by=request.user,
        page="leaving_care:list",
        children=[leaver.child for leaver in page["page_obj"]],
        search=search,
    )
    return render(request, "leaving_care/list.html", page)


@login_required
def birthdays(request: StaffRequest) -> HttpResponse:
    """The working list: birthday contacts due around the 17th to 21st birthdays."""
    if not organisations_with(request.user, Perm.RECORD_LEAVING_CARE):
        raise PermissionDenied
    mine = request.GET.get("show") != "all"
    leavers = care_leaver_list_for_user(user=request.user, adviser="mine" if mine else "")
    due = birthdays_ahead(leavers, clock.today())
    page = list_page(request, due)
    record_read(
        by=request.user,
        page="leaving_care:birthdays",
        children=[d.care_leaver.child for d in page["page_obj"]],
    )
    return render(request, "leaving_care/birthdays.html", {"mine": mine, **page})


def _year(today: date) -> tuple[date, date]:
    start = date(today.year if today.month >= 4 else today.year - 1, 4, 1)
    return start, date(start.year + 1, 3, 31)


@login_required
def figures_page(request: StaffRequest) -> HttpResponse:
    if not organisations_with(request.user, Perm.RECORD_LEAVING_CARE):
        raise PermissionDenied
    today = clock.today()
    start, end = _year(today)
    found = figures(care_leaver_list_for_user(user=request.user), start, end, on=today)
    shown = [c.care_leaver.child for c in found.suitable_accommodation.of] + [
        leaver.child for leaver in found.staying_put.young_people
    ]
    record_read(by=request.user, page="leaving_care:figures", children=shown)
    return render(
        request,
        "leaving_care/figures.html",
        {
            "figures": found,
            "rates": [
                ("accommodation", found.suitable_accommodation),
                ("activity", found.in_education_employment_training),
            ],
            "year_start": start,
            "year_end": end,
        },
    )


@login_required
def child_leaving_care(request: StaffRequest, pk: int) -> HttpResponse:
    """From the child's page: whether the young person is a care leaver, and why (not)."""
    child = child_or_404(child_list_for_user(user=request.user), pk)
    record_read(by=request.user, page="leaving_care:child", record=child, children=[child])
    leaver = CareLeaver.objects.filter(child=child).first()
    reachable = (
        leaver is not None and care_leaver_list_for_user(user=request.user).filter(pk=leaver.pk).exists()
    )
    return render(
        request,
        "leaving_care/child.html",
        {
            "child": child,
            "leaver": leaver if reachable else None,
            "recorded": leaver is not None,
            "eligibility": services.eligibility_of(child, clock.today()),
            "can_record": has_perm(request.user, Perm.RECORD_LEAVING_CARE, child.organisation_id),
        },
    )


@login_required
def care_leaver_add(request: StaffRequest, pk: int) -> HttpResponse:
    child = child_or_404(child_list_for_user(user=request.user), pk)
    if not has_perm(request.user, Perm.RECORD_LEAVING_CARE, child.organisation_id):
        raise PermissionDenied
    if request.method == "GET":
        record_read(by=request.user, page="leaving_care:add", record=child, children=[child])
    form = CareLeaverForm(request.POST or None, organisation_id=child.organisation_id)
    if request.method == "POST":
        leaver = submit(form, lambda data: services.care_leaver_record(child=child, by=request.user, **data))
        if leaver is not None:
            messages.success(request, f"{child.person} is recorded as a care leaver")
            return redirect("leaving_care:detail", pk=leaver.pk)
    return render_form(
        request,
        form,
        heading="Record as a care leaver",
        back_url=reverse("leaving_care:child", args=[child.pk]),
        caption=f"{child.person} ({child.child_id})",
    )


@login_required
def care_leaver_detail(request: StaffRequest, pk: int) -> HttpResponse:
    leaver = _leaver_or_404(request, pk)
    child = leaver.child
    record_read(by=request.user, page="leaving_care:detail", record=child, children=[child])
    today = clock.today()
    last_plan = leaver.pathway_plans.aggregate(last=Max("agreed_on"))["last"]
    return render(
        request,
        "leaving_care/detail.html",
        {
            "leaver": leaver,
            "child": child,
            "person": child.person,
            "eligibility": services.eligibility_of(child, today),
            "plan_clock": plan_deadline(last_plan, today),
            "plans": leaver.pathway_plans.all(),
            "allocations": leaver.allocations.select_related("personal_adviser"),
            "contacts": leaver.contacts.all()[:20],
            "birthday_contacts": leaver.birthday_contacts.all(),
            "due": birthdays_ahead(CareLeaver.objects.filter(pk=leaver.pk), today),
            "staying_put": staying_put(leaver),
            "can_record": has_perm(request.user, Perm.RECORD_LEAVING_CARE, leaver.organisation_id),
        },
    )


def _leaver_action(
    request: StaffRequest,
    pk: int,
    make_form: Callable[[CareLeaver], ServiceForm],
    action: Callable[[CareLeaver, dict[str, Any]], Any],
    heading: str,
    done: str,
) -> HttpResponse:
    leaver = _leaver_or_404(request, pk)
    if request.method == "GET" and has_perm(request.user, Perm.RECORD_LEAVING_CARE, leaver.organisation_id):
        record_read(by=request.user, page=heading, record=leaver.child, children=[leaver.child])
    return record_form_page(
        request,
        leaver,
        perm=Perm.RECORD_LEAVING_CARE,
        make_form=make_form,
        action=action,
        heading=heading,
        done=done,
        detail_url=reverse("leaving_care:detail", args=[leaver.pk]),
        caption=f"{leaver.child.person} ({leaver.child.child_id})",
    )


@login_required
def adviser_allocate(request: StaffRequest, pk: int) -> HttpResponse:
    return _leaver_action(
        request,
        pk,
        lambda leaver: AdviserForm(request.POST or None, organisation_id=leaver.organisation_id),
        lambda leaver, data: services.adviser_allocate(care_leaver=leaver, by=request.user, **data),
        "Allocate a personal adviser",
        "The personal adviser has been allocated",
    )


@login_required
def pathway_plan_add(request: StaffRequest, pk: int) -> HttpResponse:
    return _leaver_action(
        request,
        pk,
        lambda leaver: PathwayPlanForm(request.POST or None),
        lambda leaver, data: services.pathway_plan_record(care_leaver=leaver, by=request.user, **data),
        "Record the pathway plan",
        "The pathway plan has been recorded",
    )


@login_required
def contact_add(request: StaffRequest, pk: int) -> HttpResponse:
    return _leaver_action(
        request,
        pk,
        lambda leaver: ContactForm(request.POST or None),
        lambda leaver, data: services.contact_record(care_leaver=leaver, by=request.user, **data),
        "Record a contact",
        "The contact has been recorded",
    )


@login_required
def birthday_contact_add(request: StaffRequest, pk: int) -> HttpResponse:
    def form(leaver: CareLeaver) -> ServiceForm:
        initial: dict[str, Any] = {}
        due = birthdays_ahead(CareLeaver.objects.filter(pk=leaver.pk), clock.today())
        if due:
            initial["age"] = due[0].age
        return BirthdayContactForm(request.POST or None, initial=initial)

    return _leaver_action(
        request,
        pk,
        form,
        lambda leaver, data: services.birthday_contact_record(care_leaver=leaver, by=request.user, **data),
        "Record the birthday contact",
        "The birthday contact has been recorded",
    )
