"""The portal's menu items and home-page panels for its money part, registered as the app starts."""

from __future__ import annotations

from datetime import date
from typing import Any

from fostering.payments.choices import ClaimStatus
from fostering.payments.models import ExpenseClaim, Remittance

from .choices import AccessKind
from .navigation import register_home_section, register_menu_item


def _money_panel(access: Any, today: date) -> dict[str, Any]:
    """The carer's last statement and their claims waiting for a decision or a payment."""
    household = access.fostering_household
    last = (
        Remittance.objects.filter(fostering_household=household, run__status="committed")
        .select_related("run")
        .order_by("-run__period", "-id")
        .first()
    )
    waiting = ExpenseClaim.objects.filter(
        fostering_household=household, status__in=[ClaimStatus.SUBMITTED, ClaimStatus.APPROVED]
    ).count()
    return {"last_statement": last, "claims_waiting": waiting}


register_menu_item("Money", "portal:money_statements", AccessKind.CARER, order=30)
register_home_section("portal/money/_home.html", _money_panel, AccessKind.CARER, order=30)
