"""Money as people read it, on every page that shows an amount: £1,234.56, and a recovery as −£770.00."""

from __future__ import annotations

from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def money(amount: Decimal | int | None) -> str:
    if amount is None:
        return ""
    value = Decimal(amount)
    sign = "−" if value < 0 else ""
    return f"{sign}£{abs(value):,.2f}"
