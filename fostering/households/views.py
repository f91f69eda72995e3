from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from fostering.accounts.permissions import Perm, has_perm, organisations_with
from fostering.audit.selectors import timeline_for
from fostering.audit.services import record_read
from fostering.children.selectors import child_list_for_user
from fostering.concerns.selectors import allegations_of_household, complaints_of_household
from fostering.core import clock
from fostering.core.forms import ServiceForm
from fostering.core.lists import list_page
from fostering.core.views import StaffRequest, record_form_page, render_form, submit
from fostering.people.choices import CheckKind
from fostering.people.forms import CheckForm, MemberForm
from fostering.people.selectors import household_members
from fostering.people.services import check_record, checks_outstanding, member_register
from fostering.placements.selectors import placements_for_household, places_of_household, places_of_households

from . import services
from .choices import HouseholdStatus, PlacementType
from .deadlines import adult_member_checks, check_renewals, household_deadlines, tsd_deadlines
from .filters import HouseholdFilter
from .forms import HouseholdReviewForm, StatusChangeForm, SupervisionVisitForm, TermsOfApprovalForm
from .models import FosteringHousehold, TermsOfApproval
from .review_ahead import views_waiting
from .selectors import household_get_for_user

TERMS_FORM_FIELDS = ("number_of_children", "age_min", "age_max", "placement_types", "sibling_group_max")

VIEW_PERMS = (Perm.VIEW_HOUSEHOLD, Perm.VIEW_CASELOAD_HOUSEHOLD)


def _household_or_404(request: StaffRequest, pk: int) -> FosteringHousehold:
    try:
        return household_get_for_user(user=request.user, pk=pk)
    except FosteringHousehold.DoesNotExist as missing:
        raise Http404("No such household") from missing


@login_required
def household_list(request: StaffRequest) -> HttpResponse:
    if not organisations_with(request.user, *VIEW_PERMS):
        raise PermissionDenied
    context = list_page(request, None, HouseholdFilter, defaults={"status": "open"})
    places = places_of_households(context["page_obj"], on=clock.today())
    for fh in context["page_obj"]:
        fh.places = places.get(fh.pk)
    return render(
        request,
        "households/list.html",
        {
            "caseload_links": {
                "mine": bool(organisations_with(request.user, Perm.VIEW_CASELOAD_HOUSEHOLD)),
                "team": bool(organisations_with(request.user, Perm.VIEW_TEAM_CASELOADS)),
            },
            **context,
        },
    )


@login_required
def household_detail(request: StaffRequest, pk: int) -> HttpResponse:
    fh = _household_or_404(request, pk)
    on = clock.today()
    members = list(household_members(fh.household).filter(left_on__isnull=True))
    for member in members:
        member.outstanding = checks_outstanding(member, on)  # type: ignore[attr-defined]
    user = request.user
    org = fh.organisation_id
    terms = fh.current_terms[0] if fh.current_terms else None  # type: ignore[attr-defined]
    placed = list(placements_for_household(fh))
    named = [terms.named_child_id] if terms and terms.named_child_id else []
    shown = {p.child_id for p in placed} | set(named)
    if shown:
        record_read(by=user, page="households:detail", record=fh, children=sorted(shown))
    openable = set(child_list_for_user(user=user).filter(pk__in=shown).values_list("pk", flat=True))
    return render(
        request,
        "households/detail.html",
        {
            "fh": fh,
            "terms": terms,
            "placement_types": [PlacementType(t).label for t in (terms.placement_types if terms else [])],
            "places": places_of_household(fh, on=on),
            "members": members,
            "children_tables": [
                (
                    [p for p in placed if p.ended_on is None or p.ended_on > on],
                    "Living here now",
                    "children-now",
                ),
                (
                    [p for p in placed if p.ended_on is not None and p.ended_on <= on],
                    "Placed before",
                    "children-before",
                ),
            ],
            "openable": openable,
            "deadlines": household_deadlines(fh, today=on),
            "renewals": check_renewals([fh.pk], today=on).get(fh.pk, []),
            "visits": fh.supervision_visits.select_related("visited_by")[:10],
            "reviews": fh.reviews.select_related("reviewing_officer")[:5],
            "views_waiting": list(views_waiting(fh)),
            "status_changes": fh.status_changes.all()[:10],
            "tsd": tsd_deadlines([fh], today=on).get(fh.pk, []),
            "new_adults": adult_member_checks([fh], today=on).get(fh.pk, []),
            "support_plans": fh.support_plans.select_related("review")[:5],
            "training": fh.training.select_related("member__person")[:10],
            "exit_interview": getattr(fh, "exit_interview", None),
            "allegations": allegations_of_household(fh)
            if has_perm(user, Perm.VIEW_ALLEGATION, org)
            else None,
            "complaints": complaints_of_household(fh) if has_perm(user, Perm.VIEW_COMPLAINT, org) else None,
            "can": {
                "allocate": has_perm(user, Perm.CHANGE_HOUSEHOLD, org),
                "support_plan": has_perm(user, Perm.RECORD_SUPPORT_PLAN, org),
                "training": has_perm(user, Perm.RECORD_TRAINING, org),
                "exit_interview": has_perm(user, Perm.RECORD_EXIT_INTERVIEW, org)
                and fh.status == HouseholdStatus.RESIGNED,
                "allegation": has_perm(user, Perm.RECORD_ALLEGATION, org),
                "supervise": has_perm(user, Perm.RECORD_SUPERVISION, org),
                "review": has_perm(user, Perm.RECORD_HOUSEHOLD_REVIEW, org),
                "status": has_perm(user, Perm.CHANGE_HOUSEHOLD_STATUS, org)
                and bool(services.TRANSITIONS[HouseholdStatus(fh.status)]),
                "terms": has_perm(user, Perm.CHANGE_TERMS_OF_APPROVAL, org),
                "history": has_perm(user, Perm.VIEW_HISTORY, org),
                "members": has_perm(user, Perm.CHANGE_PERSON, org),
                "checks": has_perm(user, Perm.RECORD_CHECK, org),
            },
        },
    )


@login_required
def household_history(request: StaffRequest, pk: int) -> HttpResponse:
    fh = _household_or_404(request, pk)
    if not has_perm(request.user, Perm.VIEW_HISTORY, fh.organisation_id):
        raise PermissionDenied
    events = timeline_for(fh)[:500]
    return render(request, "households/history.html", {"fh": fh, "events": events})


def _household_action(
    request: StaffRequest,
    pk: int,
    perm: Perm,
    make_form: Callable[[FosteringHousehold], ServiceForm],
    action: Callable[[FosteringHousehold, dict[str, Any]], Any],
    heading: str,
    done: str,
) -> HttpResponse:
    """A form page that records one thing about it through one service function."""
    record = _household_or_404(request, pk)
    return record_form_page(
        request,
        record,
        perm=perm,
        make_form=make_form,
        action=action,
        heading=heading,
        done=done,
        detail_url=reverse("households:detail", args=[record.pk]),
        caption=str(record),
    )


@login_required
def member_add(request: StaffRequest, pk: int) -> HttpResponse:
    """A new member joins; the banner says which checks they now need (an adult needs DBS and more)."""
    fh = _household_or_404(request, pk)
    if not has_perm(request.user, Perm.CHANGE_PERSON, fh.organisation_id):
        raise PermissionDenied
    form = MemberForm(request.POST or None)
    detail = reverse("households:detail", args=[fh.pk])

    def add(data: dict[str, Any]) -> Any:
        person_values, membership = form.split()
        return member_register(
            household=fh.household, person_values=person_values, by=request.user, **membership
        )

    if request.method == "POST" and (member := submit(form, add)) is not None:
        needed = [CheckKind(kind).label for kind in checks_outstanding(member, clock.today())]
        done = f"{member.person.full_name} has joined the household."
        messages.success(request, f"{done} Checks now needed: {', '.join(needed)}." if needed else done)
        return redirect(detail)
    return render_form(
        request, form, heading="Add a member of the household", back_url=detail, caption=str(fh)
    )


@login_required
def check_add(request: StaffRequest, pk: int) -> HttpResponse:
    return _household_action(
        request,
        pk,
        Perm.RECORD_CHECK,
        lambda fh: CheckForm(
            request.POST or None, members=household_members(fh.household).filter(left_on__isnull=True)
        ),
        lambda fh, data: check_record(by=request.user, **data),
        "Record a check",
        "The check has been recorded",
    )


@login_required
def supervision_visit_add(request: StaffRequest, pk: int) -> HttpResponse:
    return _household_action(
        request,
        pk,
        Perm.RECORD_SUPERVISION,
        lambda fh: SupervisionVisitForm(request.POST or None),
        lambda fh, data: services.supervision_visit_record(
            fostering_household=fh,
            visited_by=request.user,
            by=request.user,
            **data,
        ),
        "Record a supervision visit",
        "The visit has been recorded",
    )


@login_required
def review_add(request: StaffRequest, pk: int) -> HttpResponse:
    return _household_action(
        request,
        pk,
        Perm.RECORD_HOUSEHOLD_REVIEW,
        lambda fh: HouseholdReviewForm(request.POST or None),
        lambda fh, data: services.household_review_record(
            fostering_household=fh,
            reviewing_officer=request.user,
            by=request.user,
            **data,
        ),
        "Record a household review",
        "The review has been recorded",
    )


@login_required
def status_change(request: StaffRequest, pk: int) -> HttpResponse:
    return _household_action(
        request,
        pk,
        Perm.CHANGE_HOUSEHOLD_STATUS,
        lambda fh: StatusChangeForm(request.POST or None, current=HouseholdStatus(fh.status)),
        lambda fh, data: services.household_status_change(
            fostering_household=fh,
            to_status=HouseholdStatus(data["to_status"]),
            changed_on=data["changed_on"],
            reason=data["reason"],
            resignation_reason=data["resignation_reason"],
            by=request.user,
        ),
        "Change the household's status",
        "The status has been changed",
    )


@login_required
def terms_change(request: StaffRequest, pk: int) -> HttpResponse:
    """New terms, starting from the current ones; the child a household is approved for (a kinship
    household's named child) stays, as the form does not change it."""

    def current(fh: FosteringHousehold) -> TermsOfApproval | None:
        return fh.terms.filter(effective_to__isnull=True).first()

    def make_form(fh: FosteringHousehold) -> TermsOfApprovalForm:
        terms = current(fh)
        initial = {name: getattr(terms, name) for name in TERMS_FORM_FIELDS} if terms else {}
        return TermsOfApprovalForm(request.POST or None, initial=initial)

    def change(fh: FosteringHousehold, data: dict[str, Any]) -> TermsOfApproval:
        terms = current(fh)
        return services.terms_of_approval_change(
            fostering_household=fh,
            named_child_id=terms.named_child_id if terms else None,
            by=request.user,
            **data,
        )

    return _household_action(
        request,
        pk,
        Perm.CHANGE_TERMS_OF_APPROVAL,
        make_form,
        change,
        "Change the terms of approval",
        "The new terms of approval have been saved",
    )
