"""Payments to carers: runs and their lines (payments officer and managers), statements and queries (also
the supervising social worker for the households allocated to them). Read only: runs are drafted, approved
and committed on their pages."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from ninja import Router, Schema

from fostering.audit.services import record_read
from fostering.core import clock
from fostering.payments.choices import Category, LineKind, QueryStatus, RunStatus
from fostering.payments.deadlines import query_deadline
from fostering.payments.models import PaymentLine, PaymentQuery, PaymentRun, Remittance
from fostering.payments.reports import reconcile
from fostering.payments.selectors import (
    query_get_for_user,
    query_list_for_user,
    remittance_get_for_user,
    remittance_lines,
    remittance_list_for_user,
    run_get_for_user,
    run_lines,
    run_list_for_user,
)

from .auth import staff
from .pagination import paginated, paginated_read
from .schemas import AUTH_ERRORS, INVALID, NOT_FOUND, RecordDeadlineOut, RecordId, StaffRef

router = Router(tags=["Payments"])


class RunOut(Schema):
    id: int
    organisation_id: int
    period: date
    status: RunStatus
    as_of: date
    approved_by: StaffRef | None
    approved_on: date | None
    committed_on: date | None
    line_count: int
    total: Decimal


class CategoryTotal(Schema):
    category: str
    payments: Decimal
    arrears: Decimal
    recoveries: Decimal


class RunDetailOut(RunOut):
    by_category: list[CategoryTotal]


class LineOut(Schema):
    id: int
    household_id: int
    household_reference: str
    child_id: int | None
    category: Category
    kind: LineKind
    service_month: date
    from_on: date
    to_on: date
    days: int
    rate: Decimal
    nightly: bool
    amount: Decimal
    description: str

    @staticmethod
    def resolve_household_id(obj: PaymentLine) -> int:
        return obj.fostering_household_id

    @staticmethod
    def resolve_household_reference(obj: PaymentLine) -> str:
        return obj.fostering_household.reference


class RemittanceOut(Schema):
    id: int
    run_id: int
    period: date
    household_id: int
    household_name: str
    total: Decimal
    line_count: int

    @staticmethod
    def resolve_period(obj: Remittance) -> date:
        return obj.run.period

    @staticmethod
    def resolve_household_id(obj: Remittance) -> int:
        return obj.fostering_household_id

    @staticmethod
    def resolve_household_name(obj: Remittance) -> str:
        return obj.fostering_household.household.name


class RemittanceDetailOut(RemittanceOut):
    lines: list[LineOut]


class QueryOut(Schema):
    id: int
    line_id: int
    line_description: str
    raised_on: date
    question: str
    status: QueryStatus
    answer: str
    answered_on: date | None
    closed_on: date | None

    @staticmethod
    def resolve_line_description(obj: PaymentQuery) -> str:
        return obj.line.description


class QueryDetailOut(QueryOut):
    deadlines: list[RecordDeadlineOut]


@router.get("/runs", response={200: list[RunOut], **AUTH_ERRORS, **INVALID}, summary="Payment runs")
@paginated
def run_list(request: HttpRequest, status: RunStatus | None = None) -> QuerySet[PaymentRun]:
    return run_list_for_user(user=staff(request), status=status or "")


@router.get(
    "/runs/{id}",
    response={200: RunDetailOut, **AUTH_ERRORS, **NOT_FOUND, **INVALID},
    summary="One run, with its totals by category",
)
def run_detail(request: HttpRequest, id: RecordId) -> PaymentRun:
    try:
        run = run_get_for_user(user=staff(request), pk=id)
    except ObjectDoesNotExist:
        raise Http404("No such run") from None
    run.by_category = [  # type: ignore[attr-defined]
        {"category": label, "payments": normal, "arrears": arrears, "recoveries": recoveries}
        for label, normal, arrears, recoveries in reconcile(run).by_category
    ]
    return run


@router.get(
    "/runs/{id}/lines",
    response={200: list[LineOut], **AUTH_ERRORS, **NOT_FOUND, **INVALID},
    summary="The lines of one run",
)
@paginated_read("api:run_line_list")
def run_line_list(request: HttpRequest, id: RecordId, kind: LineKind | None = None) -> QuerySet[PaymentLine]:
    try:
        run = run_get_for_user(user=staff(request), pk=id)
    except ObjectDoesNotExist:
        raise Http404("No such run") from None
    return run_lines(run, kind=kind or "")


@router.get(
    "/remittances", response={200: list[RemittanceOut], **AUTH_ERRORS, **INVALID}, summary="Statements"
)
@paginated
def remittance_list(request: HttpRequest, household: int | None = None) -> QuerySet[Remittance]:
    return remittance_list_for_user(user=staff(request), household=household)


@router.get(
    "/remittances/{id}",
    response={200: RemittanceDetailOut, **AUTH_ERRORS, **NOT_FOUND, **INVALID},
    summary="One statement, every line in plain English",
)
def remittance_detail(request: HttpRequest, id: RecordId) -> Remittance:
    try:
        remittance = remittance_get_for_user(user=staff(request), pk=id)
    except ObjectDoesNotExist:
        raise Http404("No such statement") from None
    remittance.lines = list(remittance_lines(remittance).select_related("fostering_household"))  # type: ignore[attr-defined]
    record_read(by=staff(request), page="api:remittance_detail", record=remittance, children=remittance.lines)  # type: ignore[attr-defined]
    return remittance


@router.get("/queries", response={200: list[QueryOut], **AUTH_ERRORS, **INVALID}, summary="Payment queries")
@paginated
def query_list(request: HttpRequest, status: QueryStatus | None = None) -> QuerySet[PaymentQuery]:
    return query_list_for_user(user=staff(request), status=status or "")


@router.get(
    "/queries/{id}",
    response={200: QueryDetailOut, **AUTH_ERRORS, **NOT_FOUND, **INVALID},
    summary="One payment query, with the clock for its answer",
)
def query_detail(request: HttpRequest, id: RecordId) -> PaymentQuery:
    try:
        query = query_get_for_user(user=staff(request), pk=id)
    except ObjectDoesNotExist:
        raise Http404("No such query") from None
    deadline = query_deadline(query, today=clock.today())
    query.deadlines = [{**vars(deadline), "title": deadline.title, "subject": None}]  # type: ignore[attr-defined]
    return query
