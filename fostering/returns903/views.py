"""Pages of the SSDA903 return: the year's check against the DfE rules, with links to the records to fix,
the files to download, and the code the rules know the council by."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from fostering.accounts.models import Organisation
from fostering.accounts.permissions import Perm, has_perm
from fostering.audit.services import record_read
from fostering.core import clock
from fostering.core.views import StaffRequest, render_form, submit
from fostering.jobs.selectors import job_unfinished

from . import services
from .export import build_return
from .forms import AuthorityForm, YearForm, year_choices
from .jobs import CHECK, start_check
from .selectors import last_run, local_authority_code, organisation_for_user, return_settings
from .validation import ValidationResult


def latest_year() -> int:
    """The latest complete collection year (2026 once 31 March 2026 has passed)."""
    today = clock.today()
    return today.year if today.month >= 4 else today.year - 1


@login_required
def home(request: StaffRequest) -> HttpResponse:
    organisation = organisation_for_user(user=request.user)
    years = year_choices(latest_year() + 1, services.FIRST_YEAR)
    form = YearForm(
        request.GET if "year" in request.GET else None, years=years, initial={"year": latest_year()}
    )
    year = form.cleaned_data["year"] if form.is_bound and form.is_valid() else latest_year()
    if request.GET.get("format") == "zip":
        return _zip(request, organisation, year)
    run = last_run(organisation=organisation, year=year)
    result = ValidationResult.from_dict(run.result) if run is not None else None
    rules = _rules_with_links(result, run.child_records if run else {})
    if run is not None:
        shown = [row["pk"] for rule in rules for row in cast(list[dict[str, Any]], rule["rows"])]
        record_read(by=request.user, page="returns903:home", children=shown, organisation_id=organisation.pk)
    return render(
        request,
        "returns903/home.html",
        {
            "form": form,
            "year": year,
            "start_year": year - 1,
            "run": run,
            "result": result,
            "rules": rules,
            "authority": local_authority_code(organisation),
            "can_check": has_perm(request.user, Perm.CHECK_RETURN_903, organisation.pk),
            "running": job_unfinished(organisation_id=organisation.pk, kind=CHECK),
        },
    )


def _rules_with_links(result: ValidationResult | None, children: dict[str, int]) -> list[dict[str, object]]:
    if result is None:
        return []
    rules = result.by_rule
    for rule in rules:
        for row in rule["rows"]:
            row["file"] = str(row["table"]).replace("_last", " (last year)")
            pk = row["pk"] = children.get(row["child"])
            row["url"] = reverse("children:detail", args=[pk]) if pk else ""
    return rules


@login_required
def check(request: StaffRequest) -> HttpResponse:
    """Run the DfE rules on a year's return (and last year's, which they compare with)."""
    organisation = organisation_for_user(user=request.user)
    if not has_perm(request.user, Perm.CHECK_RETURN_903, organisation.pk):
        raise PermissionDenied
    years = year_choices(latest_year() + 1, services.FIRST_YEAR)
    form = YearForm(
        request.POST if request.method == "POST" else None,
        years=years,
        initial={"year": latest_year()},
        submit_label="Check the return",
    )
    if request.method == "POST":
        job = submit(
            form, lambda data: start_check(organisation=organisation, year=data["year"], by=request.user)
        )
        if job is not None:
            return redirect("jobs:detail", job.pk)
    return render_form(
        request,
        form,
        heading="Check a year's return against the DfE rules",
        back_url=reverse("returns903:home"),
        caption="903 return",
    )


def _zip(request: StaffRequest, organisation: Organisation, year: int) -> HttpResponse:
    current, previous = build_return(organisation, year), build_return(organisation, year - 1)
    response = HttpResponse(current.zip_bytes(previous), content_type="application/zip")
    children = [*current.children.values(), *previous.children.values()]
    record_read(by=request.user, page="returns903:zip", children=children, organisation_id=organisation.pk)
    response["Content-Disposition"] = f'attachment; filename="ssda903-{organisation.code}-{year}.zip"'
    return response


@login_required
def authority_change(request: StaffRequest) -> HttpResponse:
    organisation = organisation_for_user(user=request.user)
    if not has_perm(request.user, Perm.CHECK_RETURN_903, organisation.pk):
        raise PermissionDenied
    back = reverse("returns903:home")
    form = AuthorityForm(
        request.POST if request.method == "POST" else None,
        initial={"local_authority_code": local_authority_code(organisation)},
        record=return_settings(organisation),
    )
    if request.method == "POST" and (
        submit(
            form,
            lambda data: services.set_local_authority_code(
                organisation=organisation, code=data["local_authority_code"], by=request.user
            ),
        )
        is not None
    ):
        messages.success(request, "The local authority code was saved")
        return redirect(back)
    return render_form(
        request, form, heading="The council's code for the DfE rules", back_url=back, caption="903 return"
    )
