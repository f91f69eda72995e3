"""Staff pages of what carers send in: the recordings about a child (read by whoever opens the child's record,
and marked read by its social workers) and a household's breaks (decided by its supervising social worker)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from fostering.audit.services import record_read
from fostering.children.models import Child
from fostering.children.selectors import child_get_for_user
from fostering.core.views import StaffRequest
from fostering.households.models import FosteringHousehold
from fostering.households.selectors import household_get_for_user

from . import breaks, recordings


def _child_or_404(request: StaffRequest, pk: int) -> Child:
    try:
        return child_get_for_user(user=request.user, pk=pk)
    except Child.DoesNotExist as missing:
        raise Http404("No such child") from missing


def _household_or_404(request: StaffRequest, pk: int) -> FosteringHousehold:
    try:
        return household_get_for_user(user=request.user, pk=pk)
    except ObjectDoesNotExist as missing:
        raise Http404("No such household") from missing


@login_required
def child_recordings(request: StaffRequest, pk: int) -> HttpResponse:
    """The carers' recordings about the child; the child's and the household's social workers mark a
    significant event read here (which takes it off their My work)."""
    child = _child_or_404(request, pk)
    found = list(recordings.recordings_for_child(child))
    if request.method == "POST":
        chosen = next((r for r in found if str(r.pk) == request.POST.get("recording")), None)
        if chosen is None:
            raise Http404("No such recording")
        recordings.recording_acknowledge(recording=chosen, by=request.user)
        messages.success(request, "Marked as read")
        return redirect("placements:child_recordings", pk=child.pk)
    record_read(by=request.user, page="placements:child_recordings", record=child, children=[child])
    rows = [(r, recordings.waits_on(r, request.user)) for r in found]
    return render(request, "placements/child_recordings.html", {"child": child, "rows": rows})


@login_required
def household_breaks(request: StaffRequest, pk: int) -> HttpResponse:
    """The breaks the household's carers asked for; confirming one holds their places for its days."""
    fh = _household_or_404(request, pk)
    can_decide = breaks.may_decide(request.user, fh)
    found = list(breaks.breaks_for_household(fh))
    error = ""
    if request.method == "POST":
        chosen = next((b for b in found if str(b.pk) == request.POST.get("break")), None)
        if chosen is None:
            raise Http404("No such break")
        if not can_decide:
            raise PermissionDenied
        confirm = request.POST.get("decision") == "confirm"
        try:
            breaks.break_decide(
                request=chosen, confirm=confirm, note=request.POST.get("note", ""), by=request.user
            )
        except ValidationError as refused:
            error = " ".join(refused.messages)
        else:
            messages.success(request, "The break is confirmed" if confirm else "The break is declined")
            return redirect("placements:breaks", pk=fh.pk)
    return render(
        request,
        "placements/breaks.html",
        {"fh": fh, "breaks": found, "can_decide": can_decide, "error": error},
        status=400 if error else 200,
    )
