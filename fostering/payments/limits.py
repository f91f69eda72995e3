"""The usual ranges of money, as data, and the one way past them: a manager's deliberate override.

An amount outside its usual range is refused with the range, unless the acting user holds
``override_payment_limits`` (service managers) and gives the reason; the audit event then records what
was outside and why. What cannot be right (more than ``CEILING``, an uprating to nothing) is refused
outright, override or not. See docs/adr/0010-limits-and-overrides.md.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError

from fostering.accounts.models import User
from fostering.accounts.permissions import Perm, require

from .choices import ALLOWANCE_KEYS, NIGHTLY_KEYS, RateKey
from .describe import pounds

# An uprating, per cent: the usual range (a cut of up to 10%, a rise of up to 25%).
UPRATING_USUAL = (Decimal("-10"), Decimal("25"))
# No weekly or nightly amount is ever more than this, whoever confirms it.
CEILING = Decimal("10000")

_WEEKLY_LOW = Decimal("10")
# The usual most of a rate, by what it is for (weekly; nightly for respite and short breaks).
ALLOWANCE_HIGH = Decimal("750")
FEE_HIGH = Decimal("1500")
NIGHT_HIGH = Decimal("250")
NIGHT_LOW = Decimal("5")
LODGINGS_HIGH = Decimal("750")
ADDITIONAL_HIGH = Decimal("500")
ADDITIONAL_LOW = Decimal("1")

CONFIRM = "If it is intended, a service manager must confirm it and give the reason"


def _per(key: str) -> str:
    return "a night" if key in NIGHTLY_KEYS else "a week"


def rate_range(key: str) -> tuple[Decimal, Decimal]:
    """The usual lowest and highest amount of a rate."""
    if key in NIGHTLY_KEYS:
        return NIGHT_LOW, NIGHT_HIGH
    if key in ALLOWANCE_KEYS:
        return _WEEKLY_LOW, ALLOWANCE_HIGH
    if key in (RateKey.SUPPORTED_LODGINGS, RateKey.STAYING_PUT):
        return _WEEKLY_LOW, LODGINGS_HIGH
    return _WEEKLY_LOW, FEE_HIGH


def _outside(amount: Decimal, low: Decimal, high: Decimal, per: str, what: str) -> str:
    if amount > high:
        return f"{pounds(amount)} {per} is more than the usual most of {pounds(high)} {per} for {what}"
    if amount < low:
        return f"{pounds(amount)} {per} is less than the usual least of {pounds(low)} {per} for {what}"
    return ""


def refuse_impossible(amount: Decimal, field: str, per: str = "a week") -> None:
    if amount > CEILING:
        raise ValidationError(
            {field: f"{pounds(amount)} {per} cannot be right: no rate is more than {pounds(CEILING)} {per}"}
        )


def rate_outside(key: str, amount: Decimal) -> str:
    """Why a rate's amount is outside its usual range ('' when it is not); refuses the impossible."""
    per = _per(key)
    refuse_impossible(amount, "amount", per)
    low, high = rate_range(key)
    what = RateKey(key).label
    return _outside(amount, low, high, per, what[0].lower() + what[1:])


def additional_outside(amount: Decimal) -> str:
    refuse_impossible(amount, "weekly_amount")
    return _outside(amount, ADDITIONAL_LOW, ADDITIONAL_HIGH, "a week", "an additional payment")


def uprating_outside(percentage: Decimal) -> str:
    low, high = UPRATING_USUAL
    if low <= percentage <= high:
        return ""
    return f"{percentage:.2f}% is outside the usual uprating of {low}% to {high}%"


def allow(
    outside: dict[str, list[str]], *, override_reason: str, by: User | None, organisation_id: int
) -> dict[str, Any]:
    """Let amounts outside their usual range through only with a manager's reason.

    ``outside`` maps each field to why it is outside. With nothing outside, nothing is needed. Without
    a reason, a ValidationError beside each field says what is outside and how to go ahead; with one,
    the acting user needs ``override_payment_limits``. Returns the audit changes that record the
    override.
    """
    outside = {field: [why for why in reasons if why] for field, reasons in outside.items()}
    outside = {field: reasons for field, reasons in outside.items() if reasons}
    if not outside:
        return {}
    if not override_reason.strip():
        raise ValidationError(
            {field: [f"{reason}. {CONFIRM}" for reason in reasons] for field, reasons in outside.items()}
        )
    require(by, Perm.OVERRIDE_PAYMENT_LIMITS, organisation_id)
    return {
        "limits_overridden": [None, [reason for reasons in outside.values() for reason in reasons]],
        "override_reason": [None, override_reason.strip()],
    }
