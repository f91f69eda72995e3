"""The Ofsted annual fostering dataset: the page with its checks, each figure's records, and the workbook."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render

from fostering.accounts.models import Organisation
from fostering.accounts.permissions import Perm, organisations_with
from fostering.core import clock
from fostering.core.views import StaffRequest

from .forms import OfstedYearForm
from .ofsted import Dataset, dataset
from .ofsted_export import workbook_bytes

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def latest_ended_year(today: date) -> int:
    """The last financial year that has ended: 2026 from 1 April 2026."""
    return today.year if today.month >= 4 else today.year - 1


def _dataset(request: StaffRequest) -> tuple[OfstedYearForm, Dataset | None]:
    orgs = organisations_with(request.user, Perm.VIEW_HOUSEHOLD_REPORTS)
    if not orgs:
        raise PermissionDenied
    councils = list(
        Organisation.objects.filter(pk__in=orgs).order_by("name").values_list("pk", "code", "name")
    )
    today = clock.today()
    data = request.GET if "year" in request.GET else None
    form = OfstedYearForm(
        data,
        today=today,
        organisations=[(code, name) for _, code, name in councils],
        initial={"year": str(latest_ended_year(today)), "organisation": councils[0][1]},
    )
    if data is not None and not form.is_valid():
        return form, None
    year = form.cleaned_data["year"] if data is not None else latest_ended_year(today)
    code = form.cleaned_data.get("organisation") if data is not None else None
    pk, _, name = next((c for c in councils if c[1] == code), councils[0])
    return form, dataset(organisation_id=pk, organisation_name=name, year=year)


@login_required
def ofsted_dataset(request: StaffRequest) -> HttpResponse:
    form, data = _dataset(request)
    if data is not None and request.GET.get("format") == "xlsx":
        response = HttpResponse(workbook_bytes(data), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="ofsted-fostering-{data.label}.xlsx"'
        return response
    query = request.GET.copy()
    query.pop("format", None)
    if data is not None:
        query["year"] = str(data.year)
    return render(
        request,
        "reporting/ofsted_dataset.html",
        {"form": form, "data": data, "query": query.urlencode()},
    )


@login_required
def ofsted_records(request: StaffRequest) -> HttpResponse:
    """The records one figure of the dataset counted; without a figure, the list of figures."""
    form, data = _dataset(request)
    figure = None
    if data is not None and request.GET.get("figure"):
        figure = data.figures().get(request.GET["figure"])
        if figure is None:
            raise Http404
    query = request.GET.copy()
    query.pop("figure", None)
    return render(
        request,
        "reporting/ofsted_records.html",
        {"form": form, "data": data, "figure": figure, "query": query.urlencode()},
    )
