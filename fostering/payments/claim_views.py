"""Staff pages of expense claims: the claims waiting for the supervising social worker's (or a manager's)
decision, one claim with its receipt, and the decision."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from fostering.accounts.models import Organisation
from fostering.accounts.permissions import Perm, organisations_with
from fostering.audit.services import record_event
from fostering.core.views import StaffRequest, paginate, render_form, submit

from . import expenses, selectors
from .choices import ClaimStatus
from .forms import ClaimDecisionForm, MileageRateForm
from .models import ExpenseClaim


def _claim(request: StaffRequest, pk: int) -> ExpenseClaim:
    try:
        return selectors.claim_get_to_decide(user=request.user, pk=pk)
    except ObjectDoesNotExist as missing:
        raise Http404("Not found") from missing


@login_required
def claim_list(request: StaffRequest) -> HttpResponse:
    if not organisations_with(request.user, Perm.APPROVE_PAYMENT_RUN, Perm.VIEW_CASELOAD_STATEMENTS):
        raise PermissionDenied
    status = request.GET.get("status", ClaimStatus.SUBMITTED)
    if status not in ClaimStatus.values and status != "all":
        status = ClaimStatus.SUBMITTED
    found = selectors.claim_list_to_decide(user=request.user, status="" if status == "all" else status)
    return render(
        request,
        "payments/claim_list.html",
        {**paginate(request, found), "status": status, "statuses": ClaimStatus.choices},
    )


@login_required
def claim_decide(request: StaffRequest, pk: int) -> HttpResponse:
    claim = _claim(request, pk)
    if not expenses.may_decide(request.user, claim.fostering_household):
        raise PermissionDenied
    form = ClaimDecisionForm(request.POST or None)
    if request.method == "POST":
        done = submit(
            form,
            lambda data: expenses.claim_decide(
                claim=claim, approve=data["decision"] == "approve", reason=data["reason"], by=request.user
            ),
        )
        if done is not None:
            word = (
                "approved: the next payment run pays it" if done.status == ClaimStatus.APPROVED else "refused"
            )
            messages.success(request, f"The claim has been {word}")
            return redirect("payments:claims")
    return render(
        request,
        "payments/claim_decide.html",
        {"claim": claim, "form": form, "back_url": reverse("payments:claims")},
    )


@login_required
def claim_receipt(request: StaffRequest, pk: int) -> FileResponse:
    claim = _claim(request, pk)
    if not claim.receipt:
        raise Http404("No receipt")
    record_event(actor=request.user, verb="expense_receipt_downloaded", obj=claim)
    return FileResponse(
        claim.receipt.open("rb"),
        content_type=claim.receipt_type,
        filename=claim.receipt_name or claim.receipt.name.rsplit("/", 1)[-1],
    )


@login_required
def mileage_rate_add(request: StaffRequest) -> HttpResponse:
    orgs = organisations_with(request.user, Perm.MANAGE_PAYMENTS)
    if not orgs:
        raise PermissionDenied
    organisation = Organisation.objects.filter(pk__in=orgs).order_by("name")[0]
    form = MileageRateForm(request.POST or None)
    if request.method == "POST":
        rate = submit(
            form, lambda data: expenses.mileage_rate_set(organisation=organisation, by=request.user, **data)
        )
        if rate is not None:
            messages.success(
                request, f"Mileage is paid at £{rate.per_mile} a mile from {rate.valid_from:%-d %B %Y}"
            )
            return redirect("payments:rates")
    return render_form(request, form, heading="Set the mileage rate", back_url=reverse("payments:rates"))
