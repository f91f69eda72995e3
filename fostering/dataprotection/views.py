"""Pages of data protection: what is due for disposal (and as CSV), the retention schedule, disposal with
confirmation, the register of disposals, subject access exports and erasure requests. Managers only."""

from __future__ import annotations

import csv
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from fostering.accounts.permissions import Perm, has_perm, organisations_with
from fostering.audit.services import record_read
from fostering.core import clock
from fostering.core.views import StaffRequest, paginate, render_form, submit

from . import selectors, services
from .choices import DEFAULTS, RecordKind
from .deadlines import erasure_deadline
from .export import subject_access_zip
from .forms import DisposeForm, ErasureDecisionForm, ErasureRequestForm, RetentionRuleForm, SubjectAccessForm
from .models import ErasureRequest, RetentionRule

DETAIL_URLS = {
    RecordKind.CHILD: "children:detail",
    RecordKind.HOUSEHOLD: "households:detail",
    RecordKind.ASSESSMENT: "assessments:detail",
    RecordKind.ENQUIRY: "recruitment:enquiry_detail",
}


def _posted(request: StaffRequest) -> Any:
    """The posted data, or None for a first view (an empty post still binds the form, to show its errors)."""
    return request.POST if request.method == "POST" else None


def _orgs(request: StaffRequest, perm: Perm = Perm.MANAGE_DATA_PROTECTION) -> set[int]:
    orgs = organisations_with(request.user, perm)
    if not orgs:
        raise PermissionDenied
    return orgs


@login_required
def due(request: StaffRequest) -> HttpResponse:
    _orgs(request)
    records = selectors.records_due_for_user(user=request.user, today=clock.today())
    children = [d.record_id for d in records if d.kind == RecordKind.CHILD]
    if children:
        record_read(by=request.user, page="dataprotection:due", children=children)
    if request.GET.get("format") == "csv":
        response = HttpResponse(content_type="text/csv")
        response["Content-Disposition"] = 'attachment; filename="due-for-disposal.csv"'
        writer = csv.writer(response)
        writer.writerow(["Kind", "Record", "Id", "Due on", "Rule", "Dated fact", "Disposal"])
        for d in records:
            writer.writerow(
                [d.kind.label, d.label, d.record_id, d.due_on.isoformat(), d.rule, d.fact, d.action.label]
            )
        return response
    rows = [(d, reverse(f"dataprotection:dispose_{d.kind.value}", args=[d.record_id])) for d in records]
    return render(request, "dataprotection/due.html", {"rows": rows})


@login_required
def schedule(request: StaffRequest) -> HttpResponse:
    for org in _orgs(request):
        services.schedule_ensure(organisation_id=org)
    rules = [
        (rule, DEFAULTS[RecordKind(rule.kind)])
        for rule in selectors.rule_list_for_user(user=request.user).order_by("organisation__name", "kind")
    ]
    return render(request, "dataprotection/schedule.html", {"rules": rules})


def _found(getter: Any, request: StaffRequest, pk: int, **extra: Any) -> Any:
    try:
        return getter(user=request.user, pk=pk, **extra)
    except (RetentionRule.DoesNotExist, ErasureRequest.DoesNotExist, LookupError) as missing:
        raise Http404 from missing


@login_required
def rule_edit(request: StaffRequest, pk: int) -> HttpResponse:
    rule = _found(selectors.rule_get_for_user, request, pk)
    kind = RecordKind(rule.kind)
    form = RetentionRuleForm(
        _posted(request), kind=kind, initial={"years": rule.years, "action": rule.action}
    )
    if (
        request.method == "POST"
        and submit(form, lambda data: services.retention_rule_change(rule=rule, by=request.user, **data))
        is not None
    ):
        messages.success(request, "The retention rule has been changed")
        return redirect("dataprotection:schedule")
    return render_form(
        request,
        form,
        heading=f"Change the rule for: {kind.label.lower()}",
        caption=f"Kept {DEFAULTS[kind].starts_at} ({DEFAULTS[kind].basis})",
        back_url=reverse("dataprotection:schedule"),
    )


def dispose_view(kind: RecordKind):  # type: ignore[no-untyped-def]
    @login_required
    def view(request: StaffRequest, pk: int) -> HttpResponse:
        _orgs(request)
        try:
            retention = selectors.retention_of(user=request.user, kind=kind, pk=pk)
        except LookupError as missing:
            raise Http404 from missing
        today = clock.today()
        record = selectors.record_of(kind=kind, pk=pk)
        if kind == RecordKind.CHILD and request.method != "POST":
            record_read(
                by=request.user, page=f"dataprotection:dispose_{kind.value}", record=record, children=[record]
            )
        form = DisposeForm(_posted(request))
        if request.method == "POST" and retention is not None:
            done = submit(
                form,
                lambda data: services.record_dispose(
                    kind=kind, record_id=pk, organisation_id=retention.organisation_id, by=request.user
                ),
            )
            if done is not None:
                messages.success(request, f"{kind.label} {pk} has been disposed of")
                return redirect("dataprotection:due")
        return render(
            request,
            "dataprotection/dispose.html",
            {
                "kind": kind,
                "pk": pk,
                "label": str(record),
                "retention": retention,
                "is_due": retention is not None and retention.is_due(today),
                "form": form,
                "detail_url": reverse(DETAIL_URLS[kind], args=[pk]),
            },
        )

    view.__name__ = f"dispose_{kind.value}"
    return view


@login_required
def disposals(request: StaffRequest) -> HttpResponse:
    _orgs(request)
    return render(
        request,
        "dataprotection/disposals.html",
        paginate(request, selectors.disposal_list_for_user(user=request.user)),
    )


@login_required
def people(request: StaffRequest) -> HttpResponse:
    if not organisations_with(request.user, Perm.MANAGE_DATA_PROTECTION, Perm.EXPORT_SUBJECT_ACCESS):
        raise PermissionDenied
    search = request.GET.get("q", "").strip()
    found = list(selectors.people_search(user=request.user, search=search)[:50])
    children = selectors.child_ids_of(found)
    if children:
        record_read(by=request.user, page="dataprotection:people", children=children, search=search)
    return render(request, "dataprotection/people.html", {"search": search, "people": found})


@login_required
def subject_access(request: StaffRequest, pk: int) -> HttpResponse:
    _orgs(request, Perm.EXPORT_SUBJECT_ACCESS)
    person = _found(selectors.person_for_data_protection, request, pk, perm=Perm.EXPORT_SUBJECT_ACCESS)
    form = SubjectAccessForm(_posted(request))
    children = selectors.child_ids_of([person])
    if children and request.method != "POST":
        record_read(by=request.user, page="dataprotection:subject_access", record=person, children=children)
    if request.method == "POST":
        services.subject_access_record(person=person, by=request.user)
        name, content = subject_access_zip(person)
        response = HttpResponse(content, content_type="application/zip")
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    return render(request, "dataprotection/subject_access.html", {"person": person, "form": form})


@login_required
def erasure_list(request: StaffRequest) -> HttpResponse:
    _orgs(request)
    page = paginate(request, selectors.erasure_request_list_for_user(user=request.user))
    today = clock.today()
    page["rows"] = [(r, erasure_deadline(r, today=today)) for r in page["page_obj"]]
    return render(request, "dataprotection/erasure_list.html", page)


@login_required
def erasure_add(request: StaffRequest, pk: int) -> HttpResponse:
    _orgs(request)
    person = _found(selectors.person_for_data_protection, request, pk, perm=Perm.MANAGE_DATA_PROTECTION)
    form = ErasureRequestForm(_posted(request))
    if request.method == "POST":
        made = submit(
            form, lambda data: services.erasure_request_record(person=person, by=request.user, **data)
        )
        if made is not None:
            messages.success(request, "The erasure request has been recorded")
            return redirect("dataprotection:erasure_detail", made.pk)
    return render_form(
        request,
        form,
        heading="Record a request to erase personal data",
        caption=person.full_name,
        back_url=reverse("dataprotection:people") + f"?q={person.last_name}",
    )


@login_required
def erasure_detail(request: StaffRequest, pk: int) -> HttpResponse:
    erasure = _found(selectors.erasure_request_get_for_user, request, pk)
    return render(
        request,
        "dataprotection/erasure_detail.html",
        {
            "erasure": erasure,
            "deadline": erasure_deadline(erasure, today=clock.today()),
            "can_decide": not erasure.decision
            and has_perm(request.user, Perm.MANAGE_DATA_PROTECTION, erasure.organisation_id),
        },
    )


@login_required
def erasure_decide(request: StaffRequest, pk: int) -> HttpResponse:
    erasure = _found(selectors.erasure_request_get_for_user, request, pk)
    form = ErasureDecisionForm(_posted(request))
    if (
        request.method == "POST"
        and submit(
            form, lambda data: services.erasure_request_decide(request=erasure, by=request.user, **data)
        )
        is not None
    ):
        messages.success(request, "The decision has been recorded")
        return redirect("dataprotection:erasure_detail", erasure.pk)
    return render_form(
        request,
        form,
        heading="Decide the erasure request",
        caption=f"Erasure request {erasure.pk}",
        back_url=reverse("dataprotection:erasure_detail", args=[erasure.pk]),
    )
