"""My work: the signed-in user's own due and overdue items from every part of the service."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from fostering.accounts.permissions import roles_of
from fostering.core import clock
from fostering.core.views import StaffRequest
from fostering.deadlines.items import count_by_status, work_items_for
from fostering.deadlines.status import DeadlineStatus

OPEN = [DeadlineStatus.OVERDUE, DeadlineStatus.DUE_SOON, DeadlineStatus.ON_TRACK]


@login_required
def home(request: StaffRequest) -> HttpResponse:
    on = clock.today()
    items = work_items_for(request.user, on)
    counts = count_by_status(items)
    wanted = request.GET.get("status", "")
    if wanted in {s.value for s in OPEN}:
        shown = [item for item in items if item.deadline.status == wanted]
    else:
        wanted = ""
        shown = items
    return render(
        request,
        "mywork/home.html",
        {
            "items": shown,
            "total": len(items),
            "summary": [(status, counts[status.value]) for status in OPEN],
            "wanted": wanted,
            "today": on,
            "roles": sorted(role.label for role in roles_of(request.user)),
        },
    )
