"""A retention early-warning flag: carers with payment queries still open (registered in apps.py)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.db.models import Count, Min

from fostering.households.models import FosteringHousehold

from .choices import QueryStatus
from .describe import day_text
from .models import PaymentQuery


def open_payment_queries(households: Sequence[FosteringHousehold], today: date) -> dict[int, str]:
    rows = (
        PaymentQuery.objects.filter(
            line__fostering_household_id__in=[fh.pk for fh in households], status=QueryStatus.OPEN
        )
        .values_list("line__fostering_household_id")
        .annotate(count=Count("id"), oldest=Min("raised_on"))
    )
    return {
        household: (
            f"{count} payment quer{'y' if count == 1 else 'ies'} open, the oldest raised on {day_text(oldest)} "
            f"({(today - oldest).days} days)"
        )
        for household, count, oldest in rows
    }
