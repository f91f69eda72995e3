"""Pages of referrals, matching, the vacancy register, placements and stability."""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from fostering.accounts.permissions import Perm, has_perm, organisations_with
from fostering.audit.services import record_read
from fostering.children.codes import RiskItem
from fostering.children.selectors import child_get_for_user, child_list_for_user
from fostering.core import clock
from fostering.core.forms import ServiceForm
from fostering.core.lists import list_page
from fostering.core.views import StaffRequest, record_form_page, render_form, submit
from fostering.households.selectors import household_get_for_user

from . import services
from .choices import REFERRAL_TRANSITIONS, DpstOutcome, ReferralStatus
from .deadlines import referral_deadline
from .filters import ReferralFilter, VacancyFilterForm
from .forms import (
    DpstOutcomeForm,
    DpstReferralForm,
    ExternalSearchForm,
    HoldForm,
    HoldReleaseForm,
    MatchForm,
    PlaceForm,
    PlacementEndForm,
    PlacementMoveForm,
    PlacementStartForm,
    ReferralForm,
    ReferralStatusForm,
    StabilityMeetingForm,
)
from .matching_data import filter_vacancies, place_counts, rank_for_referral
from .models import Placement, Referral, VacancyHold
from .selectors import (
    TO_PLACE,
    hold_get_for_user,
    holds_for_household,
    household_for_placing,
    household_names,
    households_for_placing,
    placement_get_for_user,
    placement_to_move_from,
    referral_get_for_user,
    referral_list_for_user,
    stability_for_placement,
    vacancies_for_user,
)
from .stability import UTILISATION_TARGET, measures_for

REFERRAL_VIEW_PERMS = (Perm.VIEW_REFERRAL, Perm.VIEW_CASELOAD_REFERRAL)


def _referral_or_404(request: StaffRequest, pk: int) -> Referral:
    try:
        return referral_get_for_user(user=request.user, pk=pk)
    except Referral.DoesNotExist as missing:
        raise Http404("No such referral") from missing


def _placement_or_404(request: StaffRequest, pk: int) -> Placement:
    try:
        return placement_get_for_user(user=request.user, pk=pk)
    except Placement.DoesNotExist as missing:
        raise Http404("No such placement") from missing


def _child_or_404(request: StaffRequest, pk: int) -> Any:
    try:
        return child_get_for_user(user=request.user, pk=pk)
    except ObjectDoesNotExist as missing:
        raise Http404("No such child") from missing


def _household_or_404(request: StaffRequest, pk: int) -> Any:
    try:
        return household_get_for_user(user=request.user, pk=pk)
    except ObjectDoesNotExist as missing:
        raise Http404("No such household") from missing


def _page(
    request: StaffRequest,
    record: Any,
    perm: Perm,
    make_form: Callable[[Any], ServiceForm],
    action: Callable[[Any, dict[str, Any]], Any],
    heading: str,
    done: str,
    detail_url: str,
    caption: str,
) -> HttpResponse:
    return record_form_page(
        request,
        record,
        perm=perm,
        make_form=make_form,
        action=action,
        heading=heading,
        done=done,
        detail_url=detail_url,
        caption=caption,
    )


# ---------------------------------------------------------------------------------------------------------
# Referrals


@login_required
def referral_list(request: StaffRequest) -> HttpResponse:
    """The duty team's working list: open referrals, soonest latest start date first."""
    if not organisations_with(request.user, *REFERRAL_VIEW_PERMS):
        raise PermissionDenied
    context = list_page(request, None, ReferralFilter, defaults={"status": TO_PLACE})
    record_read(by=request.user, page="placements:referral_list", children=context["page_obj"])
    today = clock.today()
    for referral in context["page_obj"]:
        referral.deadline = referral_deadline(referral, today=today)
    return render(
        request,
        "placements/referral_list.html",
        context,
    )


@login_required
def referral_add(request: StaffRequest, pk: int) -> HttpResponse:
    def form(child: Any) -> ServiceForm:
        siblings = child_list_for_user(user=request.user).filter(organisation_id=child.organisation_id)
        if child.sibling_group_id:
            siblings = siblings.filter(sibling_group_id=child.sibling_group_id).exclude(pk=child.pk)
        else:
            siblings = siblings.none()
        today = clock.today()
        return ReferralForm(
            request.POST or None,
            siblings=siblings,
            initial={
                "referred_on": today,
                "risks": child.risks,
                "cultural_needs": child.cultural_needs,
                "communication_needs": child.communication_needs,
                # the brothers and sisters the child's record plans to live together, ticked to start with
                "siblings": list(siblings)
                if child.sibling_group and child.sibling_group.live_together
                else [],
            },
        )

    def make(child: Any, data: dict[str, Any]) -> Referral:
        data = dict(data)
        data["siblings"] = list(data.get("siblings") or [])
        return services.referral_create(child=child, by=request.user, **data)

    child = _child_or_404(request, pk)
    if not has_perm(request.user, Perm.MAKE_REFERRAL, child.organisation_id):
        raise PermissionDenied
    form_obj = form(child)
    if request.method == "POST":
        referral = submit(form_obj, lambda data: make(child, data))
        if referral is not None:
            messages.success(request, "The referral has been made")
            return redirect("placements:referral_detail", pk=referral.pk)
    return render_form(
        request,
        form_obj,
        heading="Refer for a placement",
        back_url=reverse("children:care", args=[child.pk]),
        caption=f"{child.person} ({child.child_id})",
    )


@login_required
def referral_detail(request: StaffRequest, pk: int) -> HttpResponse:
    referral = _referral_or_404(request, pk)
    org = referral.organisation_id
    user = request.user
    today = clock.today()
    can_match = has_perm(user, Perm.MATCH_PLACEMENT, org)
    open_ = referral.status in (ReferralStatus.OPEN, ReferralStatus.EXTERNAL_SEARCH)
    ranking = rank_for_referral(referral, on=today) if can_match and open_ else None
    excluded: list[tuple[str, str]] = []
    if ranking is not None and ranking.excluded:
        names = household_names(ranking.excluded)
        excluded = sorted((names.get(k, str(k)), why) for k, why in ranking.excluded.items())
    siblings = list(referral.siblings.select_related("person"))
    record_siblings = [] if siblings else _siblings_to_live_with(user, referral)
    record_read(
        by=user,
        page="placements:referral_detail",
        record=referral,
        children=[referral.child_id, *siblings, *record_siblings],
    )
    match = _current_match(referral)
    return render(
        request,
        "placements/referral_detail.html",
        {
            "referral": referral,
            "child": referral.child,
            "current": placement_to_move_from(referral.child),
            "record_siblings": record_siblings,
            "risks": [RiskItem(code).label for code in referral.risks],
            "siblings": siblings,
            "deadline": referral_deadline(referral, today=today),
            "candidates": ranking.candidates if ranking else [],
            "excluded": excluded,
            "ranked": ranking is not None,
            "match": match,
            "matches": referral.matches.select_related("fostering_household__household"),
            "searches": referral.external_searches.all(),
            "can": {
                "match": can_match and open_,
                "place": has_perm(user, Perm.PLACE_CHILD, org) and referral.status == ReferralStatus.MATCHED,
                "status": can_match and bool(REFERRAL_TRANSITIONS[ReferralStatus(referral.status)]),
                "search": can_match
                and referral.status in (ReferralStatus.OPEN, ReferralStatus.EXTERNAL_SEARCH),
                "households": has_perm(user, Perm.VIEW_HOUSEHOLD, org),
            },
        },
    )


def _siblings_to_live_with(user: Any, referral: Referral) -> list[Any]:
    """The brothers and sisters the child's record plans to live with the child (those the user reaches)."""
    group = referral.child.sibling_group
    if group is None or not group.live_together:
        return []
    return list(
        child_list_for_user(user=user).filter(sibling_group_id=group.pk).exclude(pk=referral.child_id)
    )


def _referral_caption(referral: Referral) -> str:
    return f"Referral for {referral.child.person} ({referral.child.child_id})"


@login_required
def referral_status(request: StaffRequest, pk: int) -> HttpResponse:
    referral = _referral_or_404(request, pk)
    return _page(
        request,
        referral,
        Perm.MATCH_PLACEMENT,
        lambda r: ReferralStatusForm(request.POST or None, current=ReferralStatus(r.status)),
        lambda r, data: services.referral_status_change(referral=r, by=request.user, **data),
        "Change the referral's status",
        "The referral's status has been changed",
        reverse("placements:referral_detail", args=[referral.pk]),
        _referral_caption(referral),
    )


@login_required
def match(request: StaffRequest, pk: int) -> HttpResponse:
    referral = _referral_or_404(request, pk)

    def form(r: Referral) -> ServiceForm:
        ranking = rank_for_referral(r, on=clock.today())
        choices = [
            (str(c.household_id), f"{c.name} ({c.reference}): {c.score} points") for c in ranking.candidates
        ]
        initial = {"fostering_household": request.GET.get("household", ""), "decided_on": clock.today()}
        return MatchForm(request.POST or None, candidates=choices, initial=initial)

    def action(r: Referral, data: dict[str, Any]) -> Any:
        data = dict(data)
        try:
            household = household_for_placing(user=request.user, pk=int(data.pop("fostering_household")))
        except ObjectDoesNotExist as missing:
            raise ValidationError({"fostering_household": "Choose the household"}) from missing
        return services.match_record(referral=r, fostering_household=household, by=request.user, **data)

    return _page(
        request,
        referral,
        Perm.MATCH_PLACEMENT,
        form,
        action,
        "Record the match",
        "The match has been recorded",
        reverse("placements:referral_detail", args=[referral.pk]),
        _referral_caption(referral),
    )


@login_required
def place(request: StaffRequest, pk: int) -> HttpResponse:
    """Start the matched placement; a child already placed moves from the current placement in one step."""
    referral = _referral_or_404(request, pk)
    if not has_perm(request.user, Perm.PLACE_CHILD, referral.organisation_id):
        raise PermissionDenied
    current = placement_to_move_from(referral.child)
    match = _current_match(referral)
    form = PlaceForm(request.POST or None, moving=current is not None, initial={"started_on": clock.today()})
    if request.method == "POST":
        placed = submit(
            form, lambda data: services.referral_place(referral=referral, by=request.user, **data)
        )
        if placed is not None:
            moved = " has moved" if current is not None else " has been placed"
            messages.success(request, f"{referral.child.person}{moved}")
            return redirect("children:detail", pk=referral.child_id)
    record_read(by=request.user, page="placements:place", record=referral, children=[referral.child_id])
    return render(
        request,
        "placements/place.html",
        {
            "form": form,
            "referral": referral,
            "child": referral.child,
            "current": current,
            "match": match,
            "heading": "Move the child" if current is not None else "Place the child",
            "caption": _referral_caption(referral),
            "back_url": reverse("placements:referral_detail", args=[referral.pk]),
            "can_status": has_perm(request.user, Perm.MATCH_PLACEMENT, referral.organisation_id),
        },
    )


def _current_match(referral: Referral) -> Any:
    return (
        referral.matches.filter(withdrawn_on__isnull=True)
        .select_related("fostering_household__household")
        .first()
    )


@login_required
def external_search(request: StaffRequest, pk: int) -> HttpResponse:
    referral = _referral_or_404(request, pk)
    return _page(
        request,
        referral,
        Perm.MATCH_PLACEMENT,
        lambda r: ExternalSearchForm(request.POST or None),
        lambda r, data: services.external_search_record(referral=r, by=request.user, **data),
        "Record an external search",
        "The external search has been recorded",
        reverse("placements:referral_detail", args=[referral.pk]),
        _referral_caption(referral),
    )


# ---------------------------------------------------------------------------------------------------------
# Placements


@login_required
def placement_start(request: StaffRequest, pk: int) -> HttpResponse:
    """Record a placement. A child who already has one is shown it, with the way on: record a move from it
    (or open it to record its end), so the refusal of a second placement is never a dead end."""
    child = _child_or_404(request, pk)
    if not has_perm(request.user, Perm.PLACE_CHILD, child.organisation_id):
        raise PermissionDenied
    form = PlacementStartForm(
        request.POST or None,
        households=households_for_placing(user=request.user, organisation_id=child.organisation_id),
    )
    back_url = reverse("children:care", args=[child.pk])
    if (
        request.method == "POST"
        and submit(form, lambda data: services.placement_start(child=child, by=request.user, **data))
        is not None
    ):
        messages.success(request, "The placement has been recorded")
        return redirect(back_url)
    record_read(by=request.user, page="placements:start", record=child, children=[child.pk])
    return render(
        request,
        "placements/start.html",
        {
            "form": form,
            "child": child,
            "current": placement_to_move_from(child),
            "heading": "Record a placement",
            "caption": f"{child.person} ({child.child_id})",
            "back_url": back_url,
        },
    )


@login_required
def placement_detail(request: StaffRequest, pk: int) -> HttpResponse:
    placement = _placement_or_404(request, pk)
    record_read(by=request.user, page="placements:detail", record=placement, children=[placement.child_id])
    meetings, dpst = stability_for_placement(placement)
    org = placement.organisation_id
    return render(
        request,
        "placements/placement_detail.html",
        {
            "placement": placement,
            "child": placement.child,
            "meetings": meetings,
            "dpst_referrals": dpst,
            "dpst_open": any(d.outcome == DpstOutcome.OPEN for d in dpst),
            "can": {
                "place": has_perm(request.user, Perm.PLACE_CHILD, org) and placement.ended_on is None,
                "stability": has_perm(request.user, Perm.RECORD_STABILITY, org),
            },
        },
    )


def _placement_page(
    request: StaffRequest,
    pk: int,
    perm: Perm,
    make_form: Callable[[Placement], ServiceForm],
    action: Callable[[Placement, dict[str, Any]], Any],
    heading: str,
    done: str,
) -> HttpResponse:
    placement = _placement_or_404(request, pk)
    return _page(
        request,
        placement,
        perm,
        make_form,
        action,
        heading,
        done,
        reverse("placements:detail", args=[placement.pk]),
        f"{placement.child.person}: {placement}",
    )


@login_required
def placement_end(request: StaffRequest, pk: int) -> HttpResponse:
    return _placement_page(
        request,
        pk,
        Perm.PLACE_CHILD,
        lambda p: PlacementEndForm(request.POST or None),
        lambda p, data: services.placement_end(placement=p, by=request.user, **data),
        "Record the end of the placement",
        "The end of the placement has been recorded",
    )


@login_required
def placement_move(request: StaffRequest, pk: int) -> HttpResponse:
    def action(p: Placement, data: dict[str, Any]) -> Any:
        data = dict(data)
        moved_on = data.pop("started_on")
        reason = data.pop("reason_place_change")
        return services.placement_move(
            placement=p, moved_on=moved_on, reason_place_change=reason, by=request.user, **data
        )

    return _placement_page(
        request,
        pk,
        Perm.PLACE_CHILD,
        lambda p: PlacementMoveForm(
            request.POST or None,
            households=households_for_placing(user=request.user, organisation_id=p.organisation_id),
        ),
        action,
        "Record a move",
        "The move has been recorded",
    )


@login_required
def stability_meeting_add(request: StaffRequest, pk: int) -> HttpResponse:
    return _placement_page(
        request,
        pk,
        Perm.RECORD_STABILITY,
        lambda p: StabilityMeetingForm(request.POST or None),
        lambda p, data: services.stability_meeting_record(placement=p, by=request.user, **data),
        "Record a placement stability meeting",
        "The meeting has been recorded",
    )


@login_required
def dpst_add(request: StaffRequest, pk: int) -> HttpResponse:
    return _placement_page(
        request,
        pk,
        Perm.RECORD_STABILITY,
        lambda p: DpstReferralForm(request.POST or None),
        lambda p, data: services.dpst_referral_record(placement=p, by=request.user, **data),
        "Refer to the Dedicated Placement Support Team",
        "The referral to the team has been recorded",
    )


@login_required
def dpst_outcome(request: StaffRequest, pk: int) -> HttpResponse:
    def action(p: Placement, data: dict[str, Any]) -> Any:
        open_referral = p.dpst_referrals.filter(outcome=DpstOutcome.OPEN).first()
        if open_referral is None:
            raise ValidationError({"outcome": "The team is not supporting this placement"})
        return services.dpst_outcome_record(dpst=open_referral, by=request.user, **data)

    return _placement_page(
        request,
        pk,
        Perm.RECORD_STABILITY,
        lambda p: DpstOutcomeForm(request.POST or None),
        action,
        "Record the outcome of the team's support",
        "The outcome has been recorded",
    )


# ---------------------------------------------------------------------------------------------------------
# The vacancy register and holds


@login_required
def vacancies(request: StaffRequest) -> HttpResponse:
    if not organisations_with(request.user, Perm.VIEW_VACANCIES):
        raise PermissionDenied
    today = clock.today()
    rows = vacancies_for_user(user=request.user, on=today)
    form = VacancyFilterForm(request.GET)
    shown = filter_vacancies(rows, **form.values())
    context = list_page(request, shown)
    return render(
        request,
        "placements/vacancies.html",
        {
            **context,
            "filter": SimpleNamespace(form=form),
            "rows": context["page_obj"].object_list,
            "counts": place_counts(rows),
            "shown_counts": place_counts(shown),
            "today": today,
            "can_hold": has_perm(request.user, Perm.MANAGE_HOLDS),
        },
    )


@login_required
def holds(request: StaffRequest, pk: int) -> HttpResponse:
    fh = _household_or_404(request, pk)
    if not has_perm(request.user, Perm.VIEW_VACANCIES, fh.organisation_id):
        raise PermissionDenied
    rows = list(holds_for_household(fh))
    held_for = [hold.child_id or (hold.referral.child_id if hold.referral else None) for hold in rows]
    if any(held_for):
        record_read(
            by=request.user, page="placements:holds", children=held_for, organisation_id=fh.organisation_id
        )
    return render(
        request,
        "placements/holds.html",
        {
            "fh": fh,
            "holds": rows,
            "today": clock.today(),
            "can_hold": has_perm(request.user, Perm.MANAGE_HOLDS, fh.organisation_id),
        },
    )


@login_required
def hold_add(request: StaffRequest, pk: int) -> HttpResponse:
    fh = _household_or_404(request, pk)

    def form(h: Any) -> ServiceForm:
        children = child_list_for_user(user=request.user).filter(organisation_id=h.organisation_id)
        referrals = referral_list_for_user(user=request.user).filter(organisation_id=h.organisation_id)
        return HoldForm(request.POST or None, children=children, referrals=referrals)

    return _page(
        request,
        fh,
        Perm.MANAGE_HOLDS,
        form,
        lambda h, data: services.hold_add(fostering_household=h, by=request.user, **data),
        "Hold a place",
        "The hold has been added",
        reverse("placements:holds", args=[fh.pk]),
        f"{fh.household.name} ({fh.reference})",
    )


@login_required
def hold_release(request: StaffRequest, pk: int) -> HttpResponse:
    try:
        hold: VacancyHold = hold_get_for_user(user=request.user, pk=pk)
    except VacancyHold.DoesNotExist as missing:
        raise Http404("No such hold") from missing
    fh = hold.fostering_household
    return _page(
        request,
        hold,
        Perm.MANAGE_HOLDS,
        lambda h: HoldReleaseForm(request.POST or None, initial={"released_on": clock.today()}),
        lambda h, data: services.hold_release(hold=h, by=request.user, **data),
        "Release the hold",
        "The hold has been released",
        reverse("placements:holds", args=[fh.pk]),
        f"{fh.household.name}: {hold}",
    )


@login_required
def measures(request: StaffRequest) -> HttpResponse:
    orgs = organisations_with(request.user, Perm.VIEW_PLACEMENT_MEASURES)
    if not orgs:
        raise PermissionDenied
    today = clock.today()
    return render(
        request,
        "placements/measures.html",
        {"m": measures_for(orgs, today), "target": UTILISATION_TARGET},
    )
