"""My work: the signed-in user's own due and overdue items from every part of the service."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from fostering.accounts.permissions import roles_of
from fostering.core import clock
from fostering.core.lists import list_page
from fostering.core.views import StaffRequest
from fostering.deadlines.items import count_by_status, work_items_for
from fostering.deadlines.status import DeadlineStatus

OPEN = [DeadlineStatus.OVERDUE, DeadlineStatus.DUE_SOON, DeadlineStatus.ON_TRACK]
SOON_DAYS = 30
LATER_PAGE_SIZE = 25


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
    soon_until = on + timedelta(days=SOON_DAYS)
    overdue = [item for item in shown if item.deadline.status == DeadlineStatus.OVERDUE]
    soon = [
        item
        for item in shown
        if item.deadline.status != DeadlineStatus.OVERDUE and item.deadline.due <= soon_until
    ]
    later = [
        item
        for item in shown
        if item.deadline.status != DeadlineStatus.OVERDUE and item.deadline.due > soon_until
    ]
    return render(
        request,
        "mywork/home.html",
        {
            # Overdue and the next 30 days in full; later, a page at a time, opened when paged.
            "overdue": overdue,
            "soon": soon,
            "later": later,
            "later_open": "page" in request.GET,
            "soon_days": SOON_DAYS,
            **list_page(request, later, per_page=LATER_PAGE_SIZE),
            "items": shown,
            "total": len(items),
            "summary": [(status, counts[status.value]) for status in OPEN],
            "wanted": wanted,
            "today": on,
            "roles": sorted(role.label for role in roles_of(request.user)),
        },
    )
