"""The annual report's pages: the report for a year (and its PDF), and writing and signing off a section."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from fostering.accounts.models import Organisation
from fostering.accounts.permissions import Perm, organisations_with
from fostering.core import clock
from fostering.core.forms import ServiceForm
from fostering.core.views import StaffRequest, submit

from . import annual_report as report
from .jobs import start_annual_report_pdf
from .models import AnnualReportSection

READERS = (Perm.WRITE_ANNUAL_REPORT,)  # the managers who write it, and the panel chair


class SectionForm(ServiceForm):
    submit_label = "Save as a draft"
    text = forms.CharField(
        label="The section's words",
        help_text="Written for councillors and the public: no names of carers or children.",
        widget=forms.Textarea(attrs={"class": "govuk-textarea", "rows": 12}),
        error_messages={"required": "Write the section's words"},
        max_length=20_000,
    )


def _council(request: StaffRequest, *perms: Perm) -> Organisation:
    orgs = organisations_with(request.user, *perms)
    if not orgs:
        raise PermissionDenied
    return Organisation.objects.get(pk=min(orgs))


def _year(request: StaffRequest) -> tuple[int, str]:
    today = clock.today()
    latest = today.year if today.month > 3 else today.year - 1
    raw = request.GET.get("year", "")
    if not raw:
        return latest, ""
    if not raw.isdigit() or len(raw) != 4:
        return latest, "Enter the year as 4 digits, like 2026"
    year = int(raw)
    if problem := report.year_problem(year, today):
        return latest, problem
    return year, ""


@login_required
def annual_report_page(request: StaffRequest) -> HttpResponse:
    organisation = _council(request, *READERS)
    year, error = _year(request)
    if not error and request.method == "POST":  # the PDF takes seconds: made in the background
        job = start_annual_report_pdf(organisation=organisation, year=year, by=request.user)
        return redirect("jobs:detail", job.pk)
    result = report.annual_report(organisation, year)
    writes = organisation.pk in organisations_with(request.user, Perm.WRITE_ANNUAL_REPORT)
    return render(
        request,
        "reporting/annual_report.html",
        {"report": result, "error": error, "writes": writes, "years": range(year - 4, year + 1)},
    )


@login_required
def section_page(request: StaffRequest) -> HttpResponse:
    organisation = _council(request, Perm.WRITE_ANNUAL_REPORT)
    year, error = _year(request)
    code = request.GET.get("section", report.SECTIONS[0][0])
    if error or code not in report.SECTION_TITLES:
        return redirect(f"{reverse('reporting:annual_report')}?year={year}")
    saved = AnnualReportSection.objects.filter(organisation=organisation, year=year, section=code).first()
    form = SectionForm(request.POST or None, initial={"text": saved.text if saved else ""})
    signs_off = organisation.pk in organisations_with(request.user, Perm.SIGN_OFF_ANNUAL_REPORT)
    back = f"{reverse('reporting:annual_report')}?year={year}#{code}"
    if request.method == "POST":
        if "sign_off" in request.POST:
            form = SectionForm(initial={"text": saved.text if saved else ""})
            if _sign_off(request, organisation, year, code, form):
                messages.success(request, f"“{report.SECTION_TITLES[code]}” is signed off.")
                return redirect(back)
        else:
            row = submit(
                form,
                lambda data: report.section_write(
                    organisation=organisation, year=year, section=code, text=data["text"], by=request.user
                ),
            )
            if row is not None:
                messages.success(request, f"“{report.SECTION_TITLES[code]}” is saved as a draft.")
                return redirect(back)
    return render(
        request,
        "reporting/annual_report_section.html",
        {
            "form": form,
            "title": report.SECTION_TITLES[code],
            "year": year,
            "saved": saved,
            "signs_off": signs_off,
            "back": back,
        },
    )


def _sign_off(
    request: StaffRequest, organisation: Organisation, year: int, code: str, form: SectionForm
) -> bool:
    """Sign the section off; a refusal is shown on the form (an unbound form, so it is read back as it is)."""
    try:
        report.section_sign_off(organisation=organisation, year=year, section=code, by=request.user)
    except ValidationError as error:
        form.add_service_errors(error)
        return False
    return True
