"""Pages of Payments to carers: runs, statements, rates, the export, reconciliation and queries."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.text import Truncator

from fostering.accounts.models import Organisation
from fostering.accounts.permissions import Perm, has_perm, organisations_with
from fostering.audit.services import record_read
from fostering.core import clock
from fostering.core.views import StaffRequest, paginate, record_form_page, render_form, submit

from . import runs, selectors, services
from .choices import LineKind, QueryStatus, RateKey, RunStatus
from .deadlines import query_deadline
from .describe import day_text
from .forms import (
    AdditionalPaymentForm,
    AnswerForm,
    CarerAccessForm,
    ConfirmForm,
    FeeLevelForm,
    QueryForm,
    RateForm,
    RunDraftForm,
    UpratingForm,
)
from .models import PaymentRun
from .reports import annual_statement, export_csv, reconcile, tax_year_of

STATEMENT_PERMS = (Perm.VIEW_PAYMENTS, Perm.VIEW_CASELOAD_STATEMENTS, Perm.VIEW_OWN_STATEMENTS)
T = TypeVar("T")
# A question in a caption is shown in whole words, about a line's worth: never cut mid-word.
QUESTION_WORDS = 20


def _found(get: Callable[..., T], request: StaffRequest, pk: int) -> T:
    try:
        return get(user=request.user, pk=pk)
    except ObjectDoesNotExist as missing:
        raise Http404("Not found") from missing


def _organisation(request: StaffRequest, perm: Perm) -> Organisation:
    orgs = organisations_with(request.user, perm)
    if not orgs:
        raise PermissionDenied
    return Organisation.objects.filter(pk__in=orgs).order_by("name")[0]


@login_required
def run_list(request: StaffRequest) -> HttpResponse:
    if not organisations_with(request.user, Perm.VIEW_PAYMENTS):
        raise PermissionDenied
    status = request.GET.get("status", "")
    page = paginate(request, selectors.run_list_for_user(user=request.user, status=status))
    return render(
        request,
        "payments/run_list.html",
        {
            **page,
            "status": status,
            "statuses": RunStatus.choices,
            "can_draft": bool(organisations_with(request.user, Perm.MANAGE_PAYMENTS)),
        },
    )


@login_required
def run_draft(request: StaffRequest) -> HttpResponse:
    organisation = _organisation(request, Perm.MANAGE_PAYMENTS)
    form = RunDraftForm(request.POST or None, initial={"period": clock.today().replace(day=1)})
    if request.method == "POST":
        run = submit(
            form,
            lambda data: runs.run_draft(organisation=organisation, period=data["period"], by=request.user),
        )
        if run is not None:
            messages.success(
                request, f"The run for {run.period:%B %Y} has been drafted: a manager can approve it"
            )
            return redirect("payments:run_detail", pk=run.pk)
    return render_form(request, form, heading="Draft a payment run", back_url=reverse("payments:runs"))


@login_required
def run_detail(request: StaffRequest, pk: int) -> HttpResponse:
    run = _found(selectors.run_get_for_user, request, pk)
    if request.GET.get("format") == "csv":
        return _export(request, run)
    search = request.GET.get("q", "").strip()
    kind = request.GET.get("kind", "")
    page = paginate(request, selectors.run_lines(run, search=search, kind=kind))
    record_read(
        by=request.user,
        page="payments:run_detail",
        children=page["page_obj"],
        organisation_id=run.organisation_id,
        search=search,
    )
    org = run.organisation_id
    return render(
        request,
        "payments/run_detail.html",
        {
            **page,
            "run": run,
            "search": search,
            "kind": kind,
            "kinds": LineKind.choices,
            "can_approve": run.status == RunStatus.DRAFT
            and has_perm(request.user, Perm.APPROVE_PAYMENT_RUN, org),
            "can_commit": run.status == RunStatus.APPROVED
            and has_perm(request.user, Perm.MANAGE_PAYMENTS, org),
            "can_discard": run.status in (RunStatus.DRAFT, RunStatus.APPROVED)
            and has_perm(request.user, Perm.MANAGE_PAYMENTS, org),
        },
    )


def _run_action(
    request: StaffRequest,
    pk: int,
    *,
    perm: Perm,
    action: Callable[..., Any],
    label: str,
    done: str,
    heading: str,
) -> HttpResponse:
    run = _found(selectors.run_get_for_user, request, pk)
    return record_form_page(
        request,
        run,
        perm=perm,
        make_form=lambda r: ConfirmForm(request.POST if request.method == "POST" else None, label=label),
        action=lambda r, data: action(run=r, by=request.user),
        heading=heading,
        done=done,
        detail_url=reverse("payments:run_detail", args=[run.pk]),
        caption=f"{run!s}: {run.line_count} lines, £{run.total:,.2f}",
    )


@login_required
def run_approve(request: StaffRequest, pk: int) -> HttpResponse:
    return _run_action(
        request,
        pk,
        perm=Perm.APPROVE_PAYMENT_RUN,
        action=runs.run_approve,
        label="Approve the run",
        done="The run has been approved: the payments officer can commit it",
        heading="Approve this payment run",
    )


@login_required
def run_commit(request: StaffRequest, pk: int) -> HttpResponse:
    return _run_action(
        request,
        pk,
        perm=Perm.MANAGE_PAYMENTS,
        action=runs.run_commit,
        label="Commit the run",
        done="The run has been committed: statements are ready for the carers",
        heading="Commit this payment run",
    )


@login_required
def run_discard(request: StaffRequest, pk: int) -> HttpResponse:
    return _run_action(
        request,
        pk,
        perm=Perm.MANAGE_PAYMENTS,
        action=runs.run_discard,
        label="Discard the run",
        done="The run has been discarded",
        heading="Discard this payment run",
    )


def _export(request: StaffRequest, run: PaymentRun) -> HttpResponse:
    """The finance export (docs/payments.md)."""
    response = HttpResponse(export_csv(run), content_type="text/csv; charset=utf-8")
    children = run.lines.exclude(child=None).values_list("child_id", flat=True).distinct()
    record_read(by=request.user, page="payments:run_export", record=run, children=children)
    name = f"payments-{run.organisation.code}-{run.period:%Y-%m}-{run.status}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def run_reconciliation(request: StaffRequest, pk: int) -> HttpResponse:
    run = _found(selectors.run_get_for_user, request, pk)
    return render(request, "payments/reconciliation.html", {"run": run, "report": reconcile(run)})


@login_required
def statement_list(request: StaffRequest) -> HttpResponse:
    if not organisations_with(request.user, *STATEMENT_PERMS):
        raise PermissionDenied
    search = request.GET.get("q", "").strip()
    page = paginate(request, selectors.remittance_list_for_user(user=request.user, search=search))
    return render(
        request,
        "payments/statement_list.html",
        {
            **page,
            "search": search,
            "can_run": bool(organisations_with(request.user, Perm.VIEW_PAYMENTS)),
            "can_decide_claims": bool(
                organisations_with(request.user, Perm.APPROVE_PAYMENT_RUN, Perm.VIEW_CASELOAD_STATEMENTS)
            ),
        },
    )


def _statement_context(request: StaffRequest, pk: int) -> dict[str, Any]:
    remittance = _found(selectors.remittance_get_for_user, request, pk)
    return {
        "remittance": remittance,
        "run": remittance.run,
        "household": remittance.fostering_household,
        "lines": selectors.remittance_lines(remittance),
        "can_query": has_perm(request.user, Perm.RAISE_PAYMENT_QUERY, remittance.organisation_id),
        "paid_on": day_text(remittance.run.committed_on) if remittance.run.committed_on else "",
    }


@login_required
def statement(request: StaffRequest, pk: int) -> HttpResponse:
    context = _statement_context(request, pk)
    context["lines"] = list(context["lines"])
    pdf = request.GET.get("format") == "pdf"
    remittance = context["remittance"]
    record_read(
        by=request.user,
        page="payments:statement_pdf" if pdf else "payments:statement",
        record=remittance,
        children=context["lines"],
    )
    if pdf:
        return statement_pdf(request, context)
    return render(request, "payments/statement.html", context)


def statement_pdf(request: HttpRequest, context: dict[str, Any]) -> HttpResponse:
    """A statement as a PDF (also the carers' portal's download)."""
    from weasyprint import CSS, HTML

    html = render_to_string("payments/statement_pdf.html", context, request=request)
    stylesheet = CSS(filename=Path(__file__).parent / "static" / "payments" / "statement_pdf.css")
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf(stylesheets=[stylesheet])
    response = HttpResponse(pdf, content_type="application/pdf")
    run = context["run"]
    name = f"statement-{context['household'].reference}-{run.period:%Y-%m}.pdf"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


@login_required
def annual(request: StaffRequest, pk: int) -> HttpResponse:
    household = _found(selectors.payee_get_for_user, request, pk)
    this_year = tax_year_of(clock.today())
    year_text = request.GET.get("year", "")
    year = int(year_text) if year_text.isdigit() and 2000 <= int(year_text) <= this_year else this_year
    statement = annual_statement(household, year)
    return render(
        request,
        "payments/annual.html",
        {
            "household": household,
            "statement": statement,
            "years": list(range(this_year, this_year - 4, -1)),
            "remittances": selectors.remittance_list_for_user(
                user=request.user,
                household=household.pk,
                committed_between=(statement.starts, statement.ends),
            ),
            "fee_levels": selectors.fee_levels_of(household),
            "can_set_level": has_perm(request.user, Perm.MANAGE_PAYMENTS, household.organisation_id),
        },
    )


@login_required
def fee_level(request: StaffRequest, pk: int) -> HttpResponse:
    household = _found(selectors.payee_get_for_user, request, pk)
    return record_form_page(
        request,
        household,
        perm=Perm.MANAGE_PAYMENTS,
        make_form=lambda h: FeeLevelForm(request.POST or None),
        action=lambda h, data: services.fee_level_set(fostering_household=h, by=request.user, **data),
        heading="Set the household's fee level",
        done="The fee level has been set: the next run pays any arrears",
        detail_url=reverse("payments:annual", args=[household.pk]),
        caption=str(household),
    )


@login_required
def carer_access(request: StaffRequest, pk: int) -> HttpResponse:
    household = _found(selectors.payee_get_for_user, request, pk)
    users = selectors.carer_users(organisation_id=household.organisation_id)
    return record_form_page(
        request,
        household,
        perm=Perm.MANAGE_PAYMENTS,
        make_form=lambda h: CarerAccessForm(request.POST or None, users=users),
        action=lambda h, data: services.carer_access_grant(fostering_household=h, by=request.user, **data),
        heading="Give a carer their statements",
        done="The carer can now read the household's statements",
        detail_url=reverse("payments:annual", args=[household.pk]),
        caption=str(household),
    )


@login_required
def line_query(request: StaffRequest, pk: int) -> HttpResponse:
    line = _found(selectors.line_get_for_user, request, pk)
    remittance = line.run.remittances.get(fostering_household_id=line.fostering_household_id)
    return record_form_page(
        request,
        line,
        perm=Perm.RAISE_PAYMENT_QUERY,
        make_form=lambda li: QueryForm(request.POST or None),
        action=lambda li, data: services.query_raise(line=li, by=request.user, **data),
        heading="Ask about this payment",
        done="Your query has been sent to the payments team",
        detail_url=reverse("payments:statement", args=[remittance.pk]),
        caption=line.description,
    )


@login_required
def query_list(request: StaffRequest) -> HttpResponse:
    if not organisations_with(request.user, *STATEMENT_PERMS):
        raise PermissionDenied
    status = request.GET.get("status", "unresolved")
    page = paginate(request, selectors.query_list_for_user(user=request.user, status=status))
    today = clock.today()
    rows = [{"query": q, "age": (today - q.raised_on).days} for q in page["page_obj"]]
    return render(
        request,
        "payments/query_list.html",
        {**page, "rows": rows, "status": status, "statuses": QueryStatus.choices},
    )


@login_required
def query_detail(request: StaffRequest, pk: int) -> HttpResponse:
    query = _found(selectors.query_get_for_user, request, pk)
    return render(
        request,
        "payments/query_detail.html",
        {
            "query": query,
            "deadline": query_deadline(query, today=clock.today()),
            "age": (clock.today() - query.raised_on).days,
            "can_answer": query.status != QueryStatus.CLOSED
            and has_perm(request.user, Perm.MANAGE_PAYMENTS, query.organisation_id),
        },
    )


@login_required
def query_answer(request: StaffRequest, pk: int) -> HttpResponse:
    query = _found(selectors.query_get_for_user, request, pk)
    return record_form_page(
        request,
        query,
        perm=Perm.MANAGE_PAYMENTS,
        make_form=lambda q: AnswerForm(request.POST or None),
        action=lambda q, data: services.query_answer(query=q, by=request.user, **data),
        heading="Answer the query",
        done="The answer has been sent",
        detail_url=reverse("payments:query_detail", args=[query.pk]),
        caption=Truncator(query.question).words(QUESTION_WORDS),
    )


@login_required
def rate_list(request: StaffRequest) -> HttpResponse:
    if not organisations_with(request.user, Perm.VIEW_PAYMENTS):
        raise PermissionDenied
    current = request.GET.get("show", "current") == "current"
    return render(
        request,
        "payments/rate_list.html",
        {
            "rates": selectors.rate_list_for_user(user=request.user, current_only=current),
            "current": current,
            "additional": selectors.additional_list_for_user(user=request.user)[:50],
            "can_manage": bool(organisations_with(request.user, Perm.MANAGE_PAYMENTS)),
            "mileage": selectors.mileage_rates_for_user(user=request.user)[:5],
        },
    )


def _may_override(request: StaffRequest, organisation: Organisation) -> bool:
    """Whether the form offers the deliberate override of the usual ranges (``payments.limits``)."""
    return has_perm(request.user, Perm.OVERRIDE_PAYMENT_LIMITS, organisation.pk)


@login_required
def rate_add(request: StaffRequest) -> HttpResponse:
    organisation = _organisation(request, Perm.MANAGE_PAYMENTS)
    form = RateForm(request.POST or None, allow_override=_may_override(request, organisation))
    if request.method == "POST":
        rate = submit(
            form, lambda data: services.rate_add(organisation=organisation, by=request.user, **data)
        )
        if rate is not None:
            messages.success(request, f"{RateKey(rate.key).label}: the rate has been added")
            return redirect("payments:rates")
    return render_form(request, form, heading="Add a rate", back_url=reverse("payments:rates"))


@login_required
def uprating(request: StaffRequest) -> HttpResponse:
    organisation = _organisation(request, Perm.MANAGE_PAYMENTS)
    form = UpratingForm(request.POST or None, allow_override=_may_override(request, organisation))
    if request.method == "POST":
        decision = submit(
            form, lambda data: services.uprating_decide(organisation=organisation, by=request.user, **data)
        )
        if decision is not None:
            messages.success(request, f"{decision}: the new rates have been created")
            return redirect("payments:rates")
    return render_form(
        request, form, heading="Record an uprating decision", back_url=reverse("payments:rates")
    )


@login_required
def additional_add(request: StaffRequest) -> HttpResponse:
    organisation = _organisation(request, Perm.MANAGE_PAYMENTS)
    form = AdditionalPaymentForm(
        request.POST or None,
        children=selectors.children_for_additional_payments(organisation_id=organisation.pk),
        allow_override=_may_override(request, organisation),
    )
    if request.method == "POST":
        payment = submit(form, lambda data: services.additional_payment_authorise(by=request.user, **data))
        if payment is not None:
            messages.success(request, "The additional payment has been authorised")
            return redirect("payments:rates")
    return render_form(
        request,
        form,
        heading="Authorise an additional payment for a child",
        back_url=reverse("payments:rates"),
    )
