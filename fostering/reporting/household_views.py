"""Pages of the household reports: each a table, and the same table as CSV."""

from __future__ import annotations

import csv

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render

from fostering.accounts.permissions import Perm, organisations_with
from fostering.core.views import StaffRequest

from .households import REPORTS, TITLES


def _orgs(request: StaffRequest) -> set[int]:
    orgs = organisations_with(request.user, Perm.VIEW_HOUSEHOLD_REPORTS)
    if not orgs:
        raise PermissionDenied
    return orgs


@login_required
def household_reports(request: StaffRequest) -> HttpResponse:
    _orgs(request)
    return render(request, "reporting/household_reports.html", {"titles": TITLES})


def report_view(code: str):  # type: ignore[no-untyped-def]
    @login_required
    def view(request: StaffRequest) -> HttpResponse:
        table = REPORTS[code](_orgs(request))
        if request.GET.get("format") == "csv":
            response = HttpResponse(content_type="text/csv")
            response["Content-Disposition"] = f'attachment; filename="{code.replace("_", "-")}.csv"'
            writer = csv.writer(response)
            writer.writerow(table.headers)
            writer.writerows(table.rows)
            return response
        return render(request, "reporting/household_report.html", {"table": table, "titles": TITLES})

    view.__name__ = code
    return view
