"""Indicators in the API: each figure's value, numerator, denominator, target and RAG for a month, and the
records one figure counted. A closed month gives the figures kept when it closed; a month not closed is
counted now and marked provisional."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from fostering.core import clock
from fostering.indicators import records
from fostering.indicators.catalogue import BY_CODE, INDICATORS
from fostering.indicators.periods import Month, PeriodError
from fostering.indicators.selectors import closed_months, figure_judged, organisation_for
from fostering.indicators.services import applies, standing

from .auth import staff
from .schemas import AUTH_ERRORS, INVALID, NOT_FOUND

router = Router(tags=["Indicators"])


class NoFigures(Exception):
    """A month with no figures yet (it has not started): a 404, like a record that is not there."""


Period = Annotated[
    str | None,
    Query(
        pattern=r"^20\d\d-(0[1-9]|1[0-2])$",
        description="The month, YYYY-MM from 2000 (default: the latest closed month)",
    ),
]


class RecordRefOut(Schema):
    kind: str = Field(description="household, child, person, enquiry, assessment, item, review or allegation")
    id: int


class FigureOut(Schema):
    code: str
    title: str
    period: str
    provisional: bool = Field(description="True when the month is not closed: counted now, and may change")
    value: Decimal | None
    numerator: int
    denominator: int | None
    target: Decimal | None = Field(
        description="The target the value is judged against (pro rata for a yearly count)"
    )
    comparison: str | None = Field(description='">=" (at least) or "<=" (at most)')
    rag: str = Field(description='"green", "amber", "red", or "" without a target')


class FigureRecordsOut(FigureOut):
    records_listed: bool = Field(
        description="False when your role does not open every kind of record counted"
    )
    numerator_records: list[RecordRefOut]
    denominator_records: list[RecordRefOut]


def _month(request: HttpRequest, organisation_id: int, period: str | None) -> Month:
    if period is None:
        months = closed_months(organisation_id)
        return max(months) if months else Month.of(clock.today()).shift(-1)
    try:
        month = Month.parse(period)
    except PeriodError as error:
        raise ValidationError({"period": str(error)}) from error
    if month.first_day > clock.today():
        raise NoFigures(f"{month.label()} has not started yet: it has no figures")
    return month


def _figure(organisation_id: int, code: str, month: Month) -> dict[str, Any]:
    counted = BY_CODE[code]
    figure = standing(organisation_id, counted, month)
    target, comparison, rag = figure_judged(organisation_id, counted, month, figure.value)
    return {
        "code": code,
        "title": counted.indicator.title,
        "period": str(month),
        "provisional": figure.provisional,
        "value": figure.value,
        "numerator": figure.numerator,
        "denominator": figure.denominator,
        "target": target,
        "comparison": comparison,
        "rag": rag,
        "_refs": (figure.numerator_refs, figure.denominator_refs),
    }


@router.get(
    "",
    response={200: list[FigureOut], **AUTH_ERRORS, **NOT_FOUND, **INVALID},
    summary="Every indicator's figure for a month (an empty list for a role that does not read them)",
)
def indicator_list(request: HttpRequest, period: Period = None) -> Any:
    organisation = organisation_for(staff(request))
    if organisation is None:  # only managers read the indicators; others get an empty list
        return []
    try:
        month = _month(request, organisation.pk, period)
    except NoFigures as error:
        return 404, {"detail": str(error)}
    return [_figure(organisation.pk, c.indicator.code, month) for c in INDICATORS if applies(c, month)]


@router.get(
    "/{code}",
    response={200: FigureRecordsOut, **AUTH_ERRORS, **NOT_FOUND, **INVALID},
    summary="One indicator's figure for a month, with the ids of the records it counted",
)
def indicator_detail(request: HttpRequest, code: str, period: Period = None) -> Any:
    user = staff(request)
    organisation = organisation_for(user)
    if organisation is None or code not in BY_CODE:  # out of reach is a 404, as for every record
        return 404, {"detail": f"There is no indicator {code} for you"}
    try:
        month = _month(request, organisation.pk, period)
    except NoFigures as error:
        return 404, {"detail": str(error)}
    if not applies(BY_CODE[code], month):
        raise ValidationError(
            {"period": f"{code} is counted at the end of each quarter, not in {month.label()}"}
        )
    figure = _figure(organisation.pk, code, month)
    numerator_refs, denominator_refs = figure.pop("_refs")
    listed = records.may_open(user, organisation.pk, [*numerator_refs, *denominator_refs])
    return {
        **figure,
        "records_listed": listed,
        "numerator_records": [{"kind": k, "id": i} for k, i in numerator_refs] if listed else [],
        "denominator_records": [{"kind": k, "id": i} for k, i in denominator_refs] if listed else [],
    }
