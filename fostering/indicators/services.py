"""Closing a period, and setting targets and comparators: each refuses bad input with the reason."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from fostering.accounts.models import Organisation, User
from fostering.audit.services import record_event
from fostering.core import clock

from .catalogue import BY_CODE, INDICATORS, Counted
from .counts import Count
from .definitions import target_problem, value_of
from .models import ClosedPeriod, Comparator, Figure, Target
from .periods import Month, window
from .selectors import figure_for


def refuse(field: str, message: str) -> ValidationError:
    """What was asked makes no sense, said beside the field it came from; nothing is changed."""
    return ValidationError({field: message})


@dataclass(frozen=True)
class Live:
    """An indicator counted now for a period, with its records."""

    counted: Counted
    month: Month
    count: Count

    @property
    def numerator(self) -> int:
        return len(self.count.numerator)

    @property
    def denominator(self) -> int | None:
        return self.count.denominator_value

    @property
    def value(self) -> Decimal | None:
        return value_of(self.counted.indicator, self.numerator, self.denominator)


@dataclass(frozen=True)
class Standing:
    """An indicator's figure for a month as every report shows it: the one kept when the month closed,
    else the count now (provisional); ``live`` is the count now when it was made (to flag a recount)."""

    kept: Figure | None
    live: Live | None
    numerator: int
    denominator: int | None
    value: Decimal | None
    numerator_refs: list[list[object]]
    denominator_refs: list[list[object]]

    @property
    def provisional(self) -> bool:
        return self.kept is None

    @property
    def recount_differs(self) -> bool:
        return (
            self.kept is not None
            and self.live is not None
            and (self.live.numerator, self.live.denominator) != (self.kept.numerator, self.kept.denominator)
        )


def standing(organisation_id: int, counted: Counted, month: Month, *, recount: bool = False) -> Standing:
    """The figure reports show for ``month``; with ``recount``, also count it now beside the kept one."""
    kept = figure_for(organisation_id, counted.indicator.code, month)
    live = count_now(organisation_id, counted, month) if kept is None or recount else None
    if kept is not None:
        return Standing(
            kept,
            live,
            kept.numerator,
            kept.denominator,
            kept.value,
            kept.numerator_records,
            kept.denominator_records,
        )
    assert live is not None
    return Standing(
        None,
        live,
        live.numerator,
        live.denominator,
        live.value,
        [list(r) for r in live.count.numerator],
        [list(r) for r in live.count.denominator or []],
    )


def applies(counted: Counted, month: Month) -> bool:
    """A quarterly indicator is counted at the quarter's end; the others every month."""
    return counted.indicator.frequency != "quarterly" or month.is_quarter_end


def count_now(organisation_id: int, counted: Counted, month: Month) -> Live:
    return Live(counted, month, counted.count(organisation_id, window(month, counted.indicator.frequency)))


def period_close(
    *, organisation: Organisation, month: Month, by: object, today: date | None = None
) -> ClosedPeriod:
    """Keep every indicator's figure for ``month`` as the records give it now; refused if the month has not
    ended or is closed already."""
    today = today or clock.today()
    if not month.has_ended(today):
        raise refuse("period", f"{month.label()} has not ended yet: a period closes after its last day")
    with transaction.atomic():
        period = ClosedPeriod(
            organisation=organisation,
            month=month.first_day,
            closed_by=by if isinstance(by, User) and by.is_authenticated else None,
        )
        period.stamp(by)
        try:
            with transaction.atomic():
                period.save()
        except IntegrityError as already:
            raise refuse(
                "period", f"{month.label()} is closed already: its figures are kept as they stood"
            ) from already
        figures = []
        for counted in INDICATORS:
            if not applies(counted, month):
                continue
            live = count_now(organisation.pk, counted, month)
            figures.append(
                Figure(
                    period=period,
                    code=counted.indicator.code,
                    numerator=live.numerator,
                    denominator=live.denominator,
                    value=live.value,
                    numerator_records=[list(ref) for ref in live.count.numerator],
                    denominator_records=[list(ref) for ref in live.count.denominator or []],
                )
            )
        Figure.objects.bulk_create(figures)
        record_event(
            actor=by,
            verb="period_closed",
            obj=period,
            changes={"month": [None, str(month)], "figures": [None, len(figures)]},
        )
    return period


def periods_close_due(
    *, organisation: Organisation, by: object, today: date | None = None, back: int = 1
) -> list[ClosedPeriod]:
    """Close the last ``back`` ended months not closed yet (what the scheduled task runs each day)."""
    today = today or clock.today()
    latest = Month.of(today).shift(-1)
    closed = set(ClosedPeriod.objects.filter(organisation=organisation).values_list("month", flat=True))
    done = []
    for k in range(back - 1, -1, -1):
        month = latest.shift(-k)
        if month.first_day not in closed:
            done.append(period_close(organisation=organisation, month=month, by=by, today=today))
    return done


def target_set(
    *, organisation: Organisation, code: str, year: int, comparison: str, value: Decimal, by: object
) -> Target:
    if code not in BY_CODE:
        raise refuse("code", f"There is no indicator {code}")
    if problem := target_problem(BY_CODE[code].indicator, comparison, value):
        raise refuse(*problem)
    with transaction.atomic():
        target, created = Target.objects.select_for_update().get_or_create(
            organisation=organisation,
            code=code,
            year=year,
            defaults={"comparison": comparison, "value": value},
        )
        before = None if created else [target.comparison, str(target.value)]
        target.comparison, target.value = comparison, value
        target.stamp(by)
        target.save()
        record_event(
            actor=by, verb="target_set", obj=target, changes={"target": [before, [comparison, str(value)]]}
        )
    return target


def comparator_set(
    *,
    organisation: Organisation,
    code: str,
    year: int,
    source: str,
    by: object,
    england: Decimal | None = None,
    statistical_neighbours: Decimal | None = None,
    upper_quartile: Decimal | None = None,
    median: Decimal | None = None,
    lower_quartile: Decimal | None = None,
) -> Comparator:
    if code not in BY_CODE:
        raise refuse("code", f"There is no indicator {code}")
    if not source.strip():
        raise refuse("source", "Say where the comparators come from (the publication and its year)")
    bounds = [upper_quartile, median, lower_quartile]
    if any(b is not None for b in bounds):
        if any(b is None for b in bounds):
            raise refuse("upper_quartile", "Enter all three quartile thresholds, or none")
        assert upper_quartile is not None and median is not None and lower_quartile is not None
        if not upper_quartile >= median >= lower_quartile:
            raise refuse(
                "upper_quartile",
                "The upper quartile must be at least the median, and the median at least the lower quartile",
            )
    values = {
        "england": england,
        "statistical_neighbours": statistical_neighbours,
        "upper_quartile": upper_quartile,
        "median": median,
        "lower_quartile": lower_quartile,
        "source": source.strip(),
    }
    with transaction.atomic():
        comparator, _ = Comparator.objects.select_for_update().get_or_create(
            organisation=organisation, code=code, year=year, defaults=values
        )
        for name, value in values.items():
            setattr(comparator, name, value)
        comparator.stamp(by)
        comparator.save()
        record_event(
            actor=by,
            verb="comparator_set",
            obj=comparator,
            changes={k: [None, str(v)] for k, v in values.items() if v is not None},
        )
    return comparator
