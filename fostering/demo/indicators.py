"""The demo council's indicators: targets for three financial years, comparators, and closed months.

Targets follow the seeds where they give one (25 mainstream approvals a year, 75% use of in-house
places) and are otherwise set near the council's own figures. The comparators are made up for the demo
and say so in their source: they are not published figures. The main council closes its last 36 months,
so its dashboard has trends; the councils of the national demo close their last 12.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import models

from fostering.audit.append_only import rewriting_demo_history
from fostering.audit.models import AuditEvent
from fostering.audit.services import record_type_of
from fostering.indicators.catalogue import BY_CODE
from fostering.indicators.periods import Month
from fostering.indicators.services import comparator_set, period_close, target_set

from .names import MAIN_COUNCIL_CODE

if TYPE_CHECKING:
    from .generator import DemoContext

# code -> (comparison, target)
TARGETS = {
    "FOS01": (">=", "40"),
    "FOS02": (">=", "25"),
    "FOS04": (">=", "80"),
    "FOS05": (">=", "90"),
    "FOS07": ("<=", "8"),
    "FOS08": (">=", "90"),
    "FOS09": (">=", "95"),
    "FOS10": (">=", "90"),
    "FOS14": (">=", "60"),
    "FOS15": (">=", "75"),
    "FOS16": ("<=", "10"),
}
# code -> (England, statistical neighbours, upper quartile, median, lower quartile)
COMPARATORS = {
    "FOS14": ("52.0", "55.1", "62.0", "54.0", "47.0"),
    "FOS15": ("71.0", "73.5", "80.0", "72.0", "65.0"),
    "FOS16": ("10.0", "9.4", "12.0", "10.0", "8.0"),
}
SOURCE = "Illustrative figures made up for the demo council, not published data"


def _dated(ctx: DemoContext, record: models.Model, on: date) -> None:
    """Date a record the services made, and its audit events, on the demo's own day (not the clock's), so
    one seed always builds the same council."""
    at = ctx.moment(on)
    type(record)._default_manager.filter(pk=record.pk).update(created_at=at, modified_at=at)
    with rewriting_demo_history():
        AuditEvent.objects.filter(
            organisation=ctx.organisation, record_type=record_type_of(record), record_id=str(record.pk)
        ).update(at=at)


def build_indicators(ctx: DemoContext) -> None:
    org = ctx.organisation
    this_year = Month.of(ctx.today).financial_year_end
    for year in (this_year - 2, this_year - 1, this_year):
        set_on = date(year - 1, 4, 1) - timedelta(days=10)  # before the year starts
        for code, (comparison, value) in TARGETS.items():
            target = target_set(
                organisation=org, code=code, year=year, comparison=comparison, value=Decimal(value), by=None
            )
            _dated(ctx, target, set_on)
        for code, (england, neighbours, upper, median, lower) in COMPARATORS.items():
            comparator = comparator_set(
                organisation=org,
                code=code,
                year=year,
                source=SOURCE,
                england=Decimal(england),
                statistical_neighbours=Decimal(neighbours),
                upper_quartile=Decimal(upper),
                median=Decimal(median),
                lower_quartile=Decimal(lower),
                by=None,
            )
            _dated(ctx, comparator, set_on)
    months = 36 if org.code == MAIN_COUNCIL_CODE else 12
    latest = Month.of(ctx.today).shift(-1)
    for k in range(months - 1, -1, -1):
        month = latest.shift(-k)
        period = period_close(organisation=org, month=month, by=None, today=ctx.today)
        _dated(ctx, period, min(month.last_day + timedelta(days=1), ctx.today))
    ctx.counts["indicators.ClosedPeriod"] += months
    assert set(TARGETS) <= set(BY_CODE) and set(COMPARATORS) <= set(BY_CODE)
