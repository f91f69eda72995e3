"""Reports for the service's managers. Figures come from recorded events, never from typed totals."""

from __future__ import annotations

import csv
from datetime import date

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render

from fostering.accounts.permissions import Perm, organisations_with, permissions_of
from fostering.core import clock
from fostering.core.views import StaffRequest

from .catalogue import SECTIONS
from .forms import FunnelForm
from .funnel import STAGES, funnel


def _financial_year_start(on: date) -> date:
    return date(on.year if on.month >= 4 else on.year - 1, 4, 1)


@login_required
def reports(request: StaffRequest) -> HttpResponse:
    """Every report the user may open, by the people it is for."""
    perms = permissions_of(request.user)
    sections = [(heading, [r for r in items if r.needs in perms]) for heading, items in SECTIONS]
    return render(request, "reporting/reports.html", {"sections": [s for s in sections if s[1]]})


@login_required
def recruitment_funnel(request: StaffRequest) -> HttpResponse:
    orgs = organisations_with(request.user, Perm.VIEW_RECRUITMENT_REPORTS)
    if not orgs:
        raise PermissionDenied
    on = clock.today()
    default_start = _financial_year_start(on)
    data = request.GET if "start_0" in request.GET else None
    form = FunnelForm(data, initial={"start": default_start, "end": on, "carer_type": ""})
    report = None
    if data is None or form.is_valid():
        params = (
            form.cleaned_data if data is not None else {"start": default_start, "end": on, "carer_type": ""}
        )
        report = funnel(
            organisation_ids=orgs, start=params["start"], end=params["end"], carer_type=params["carer_type"]
        )
        if request.GET.get("format") == "csv":
            return _csv(report)
    return render(
        request,
        "reporting/funnel.html",
        {"form": form, "report": report, "stages": STAGES, "query": request.GET.urlencode()},
    )


def _csv(report) -> HttpResponse:  # type: ignore[no-untyped-def]
    response = HttpResponse(content_type="text/csv")
    response["Content-Disposition"] = (
        f'attachment; filename="recruitment-funnel-{report.start:%Y-%m-%d}-to-{report.end:%Y-%m-%d}.csv"'
    )
    writer = csv.writer(response)
    writer.writerow(["breakdown", "group", *[label for _, label in STAGES]])
    for breakdown, rows in [
        ("total", [report.total]),
        ("month", report.by_month),
        ("channel", report.by_channel),
        ("source", report.by_source),
        ("cohort", [report.cohort]),
    ]:
        for row in rows:
            writer.writerow([breakdown, row.label, *[row.counts[code] for code, _ in STAGES]])
    return response
