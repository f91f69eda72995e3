"""Reads for the dashboard, the pack, the drill-down and the API: kept figures first, counted now when asked."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from fostering.accounts.models import Organisation, User
from fostering.accounts.permissions import Perm, organisations_with

from .catalogue import INDICATORS, Counted
from .definitions import quartile, rag, target_for_month, trend
from .models import ClosedPeriod, Comparator, Figure, Target
from .periods import Month


def organisation_for(user: User, perm: Perm = Perm.VIEW_INDICATORS) -> Organisation | None:
    """The council whose figures the user reads (the first of theirs that grants ``perm``)."""
    orgs = organisations_with(user, perm)
    return Organisation.objects.get(pk=min(orgs)) if orgs else None


@dataclass
class Point:
    month: Month
    value: Decimal | None
    numerator: int
    denominator: int | None


@dataclass
class Row:
    counted: Counted
    points: list[Point] = field(default_factory=list)
    target: Target | None = None
    judged_against: Decimal | None = None
    comparator: Comparator | None = None

    @property
    def indicator(self):  # type: ignore[no-untyped-def]
        return self.counted.indicator

    @property
    def latest(self) -> Point | None:
        return self.points[-1] if self.points else None

    @property
    def previous(self) -> Point | None:
        return self.points[-2] if len(self.points) > 1 else None

    @property
    def rag(self) -> str:
        if self.latest is None or self.target is None:
            return ""
        return rag(self.indicator, self.latest.value, self.target.comparison, self.judged_against)

    @property
    def trend(self) -> str:
        before = self.previous.value if self.previous else None
        return trend(self.indicator, before, self.latest.value if self.latest else None)

    @property
    def quartile(self) -> int | None:
        c = self.comparator
        if c is None or self.latest is None:
            return None
        return quartile(self.indicator, self.latest.value, c.upper_quartile, c.median, c.lower_quartile)


def closed_months(organisation_id: int) -> list[Month]:
    return [
        Month.of(m)
        for m in ClosedPeriod.objects.filter(organisation_id=organisation_id).values_list("month", flat=True)
    ]


def dashboard(organisation_id: int, *, upto: Month | None = None, periods: int = 24) -> list[Row]:
    """Each indicator's kept figures for the closed months up to ``upto`` (the latest closed when None),
    over the last ``periods`` months, with the target, comparators and judgements of the latest."""
    months = [m for m in closed_months(organisation_id) if upto is None or m <= upto]
    rows = {c.indicator.code: Row(c) for c in INDICATORS}
    if not months:
        return list(rows.values())
    last = max(months)
    first = last.shift(-(periods - 1))
    figures = (
        Figure.objects.filter(
            period__organisation_id=organisation_id,
            period__month__gte=first.first_day,
            period__month__lte=last.first_day,
        )
        .select_related("period")
        .order_by("period__month")
        .only("code", "value", "numerator", "denominator", "period__month")
    )
    for figure in figures:
        if figure.code in rows:
            rows[figure.code].points.append(
                Point(Month.of(figure.period.month), figure.value, figure.numerator, figure.denominator)
            )
    years = {row.latest.month.financial_year_end for row in rows.values() if row.latest}
    targets = {
        (t.code, t.year): t for t in Target.objects.filter(organisation_id=organisation_id, year__in=years)
    }
    comparators = {
        (c.code, c.year): c
        for c in Comparator.objects.filter(organisation_id=organisation_id, year__in=years)
    }
    for code, row in rows.items():
        if row.latest is None:
            continue
        year = row.latest.month.financial_year_end
        row.target = targets.get((code, year))
        row.comparator = comparators.get((code, year))
        if row.target is not None:
            row.judged_against = target_for_month(
                row.indicator, row.target.value, month_of_year(row.latest.month.first_day)
            )
    return list(rows.values())


def figure_for(organisation_id: int, code: str, month: Month) -> Figure | None:
    return (
        Figure.objects.filter(
            period__organisation_id=organisation_id, period__month=month.first_day, code=code
        )
        .select_related("period")
        .first()
    )


def by_topic(rows: list[Row]) -> list[tuple[str, list[Row]]]:
    grouped: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        grouped[row.indicator.topic].append(row)
    return list(grouped.items())


def month_of_year(on: date) -> int:
    """1 for April, 12 for March: how far into the financial year a month is."""
    return (on.month - 4) % 12 + 1


def figure_judged(
    organisation_id: int, counted: Counted, month: Month, value: Decimal | None
) -> tuple[Decimal | None, str | None, str]:
    """The target a month's value is judged against, its comparison, and the RAG."""
    target = Target.objects.filter(
        organisation_id=organisation_id, code=counted.indicator.code, year=month.financial_year_end
    ).first()
    if target is None:
        return None, None, ""
    judged = target_for_month(counted.indicator, target.value, month_of_year(month.first_day))
    return judged, target.comparison, rag(counted.indicator, value, target.comparison, judged)
