"""The carer's money pages (/my/money/): their statements (page and PDF), the tax-year statement, queries
about a payment line, and expense claims. Every read goes through the payments selectors scoped to the
signed-in carer (their ``CarerAccess``) and to the household of their portal access: anything else is 404."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from fostering.audit.services import record_read
from fostering.core import clock
from fostering.core.views import submit
from fostering.households.models import FosteringHousehold
from fostering.payments import expenses, selectors
from fostering.payments.forms import QueryForm
from fostering.payments.models import PaymentLine, Remittance
from fostering.payments.reports import annual_statement, tax_year_of
from fostering.payments.services import query_raise
from fostering.payments.views import statement_pdf

from .access import PortalRequest, portal_view
from .choices import AccessKind
from .money_forms import ClaimForm

YEARS_SHOWN = 4


def _household(request: PortalRequest) -> FosteringHousehold:
    household = request.portal.fostering_household
    assert household is not None
    return household


def _remittance(request: PortalRequest, pk: int) -> Remittance:
    try:
        remittance = selectors.remittance_get_for_user(user=request.user, pk=pk)  # type: ignore[arg-type]
    except ObjectDoesNotExist as missing:
        raise Http404 from missing
    if remittance.fostering_household_id != _household(request).pk:
        raise Http404
    return remittance


def _line(request: PortalRequest, pk: int) -> PaymentLine:
    try:
        line = selectors.line_get_for_user(user=request.user, pk=pk)  # type: ignore[arg-type]
    except ObjectDoesNotExist as missing:
        raise Http404 from missing
    if line.fostering_household_id != _household(request).pk:
        raise Http404
    return line


@portal_view(AccessKind.CARER)
def statements(request: PortalRequest) -> HttpResponse:
    found = selectors.remittance_list_for_user(
        user=request.user,  # type: ignore[arg-type]
        household=_household(request).pk,
    )[:60]
    return render(request, "portal/money/statements.html", {"statements": found})


def _statement_context(request: PortalRequest, pk: int) -> dict[str, Any]:
    remittance = _remittance(request, pk)
    lines = list(selectors.remittance_lines(remittance))
    record_read(by=request.user, page="portal:money_statement", record=remittance, children=lines)
    paid = remittance.run.committed_on
    return {
        "remittance": remittance,
        "run": remittance.run,
        "household": remittance.fostering_household,
        "lines": lines,
        "paid_on": f"{paid:%-d %B %Y}" if paid else "",
    }


@portal_view(AccessKind.CARER)
def statement(request: PortalRequest, pk: int) -> HttpResponse:
    return render(request, "portal/money/statement.html", _statement_context(request, pk))


@portal_view(AccessKind.CARER)
def statement_download(request: PortalRequest, pk: int) -> HttpResponse:
    return statement_pdf(request, _statement_context(request, pk))


@portal_view(AccessKind.CARER)
def tax_year(request: PortalRequest) -> HttpResponse:
    household = _household(request)
    this_year = tax_year_of(clock.today())
    text = request.GET.get("year", "")
    years = list(range(this_year, this_year - YEARS_SHOWN, -1))
    year = int(text) if text.isdigit() and int(text) in years else this_year
    found = annual_statement(household, year)
    return render(
        request,
        "portal/money/tax_year.html",
        {
            "statement": found,
            "years": years,
            "statements": selectors.remittance_list_for_user(
                user=request.user,  # type: ignore[arg-type]
                household=household.pk,
                committed_between=(found.starts, found.ends),
            ),
        },
    )


@portal_view(AccessKind.CARER)
def line_query(request: PortalRequest, pk: int) -> HttpResponse:
    line = _line(request, pk)
    remittance = line.run.remittances.get(fostering_household_id=line.fostering_household_id)
    form = QueryForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        done = submit(form, lambda data: query_raise(line=line, by=request.user, **data))  # type: ignore[arg-type]
        if done is not None:
            messages.success(request, "Your question has been sent to the payments team")
            return redirect("portal:money_statement", pk=remittance.pk)
    return render(request, "portal/money/query.html", {"form": form, "line": line, "remittance": remittance})


@portal_view(AccessKind.CARER)
def queries(request: PortalRequest) -> HttpResponse:
    found = selectors.query_list_for_user(user=request.user).filter(  # type: ignore[arg-type]
        line__fostering_household=_household(request)
    )
    return render(
        request, "portal/money/queries.html", {"queries": found.order_by("-raised_on", "-id")[:100]}
    )


@portal_view(AccessKind.CARER)
def claims(request: PortalRequest) -> HttpResponse:
    found = selectors.claims_of(_household(request))[:100]
    return render(request, "portal/money/claims.html", {"claims": found})


@portal_view(AccessKind.CARER)
def claim_add(request: PortalRequest) -> HttpResponse:
    household = _household(request)
    form = ClaimForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        claim = submit(
            form,
            lambda data: expenses.claim_submit(fostering_household=household, by=request.user, **data),  # type: ignore[arg-type]
        )
        if claim is not None:
            messages.success(request, f"Your claim for £{claim.amount:,.2f} has been sent for a decision")
            return redirect("portal:money_claims")
    rate = expenses.mileage_rate_on(household.organisation_id, clock.today())
    return render(request, "portal/money/claim_add.html", {"form": form, "rate": rate})
