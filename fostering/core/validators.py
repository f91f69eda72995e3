"""Validators shared by every app."""

from __future__ import annotations

import re
from datetime import date

from django.core.exceptions import ValidationError

# The UK postcode format (GOV.UK guidance): outward code, space optional, inward code.
POSTCODE_RE = re.compile(
    r"^(GIR ?0AA|[A-PR-UWYZ]([0-9]{1,2}|[A-HK-Y][0-9]{1,2}|[0-9][A-HJKPSTUW]|[A-HK-Y][0-9][ABEHMNPRVWXY])"
    r" ?[0-9][ABD-HJLNP-UW-Z]{2})$"
)


def normalise_postcode(value: str) -> str:
    """Upper case with one space before the inward code: 'le3 8rf' -> 'LE3 8RF'."""
    compact = re.sub(r"\s+", "", value or "").upper()
    if len(compact) < 5:
        return compact
    return f"{compact[:-3]} {compact[-3:]}"


def validate_postcode(value: str) -> None:
    if value and not POSTCODE_RE.match(normalise_postcode(value)):
        raise ValidationError("Enter a real postcode, like LE3 8RF", code="invalid_postcode")


def validate_not_future(value: date | None, today: date) -> None:
    if value is not None and value > today:
        raise ValidationError("The date must be today or in the past", code="future_date")


def age_on(date_of_birth: date, on: date) -> int:
    """Whole years of age on a date (a 29 February birthday counts on 28 February in other years)."""
    years = on.year - date_of_birth.year
    if (on.month, on.day) < (date_of_birth.month, date_of_birth.day):
        years -= 1
    return years


NOT_FUTURE = "The date must be today or in the past"


def future_date_errors(field: str, value: date | None) -> dict[str, str]:
    """``{field: message}`` when a date that records something that happened lies in the future."""
    from fostering.core import clock

    return {field: NOT_FUTURE} if value is not None and value > clock.today() else {}


def refuse_future_date(value: date | None, field: str) -> None:
    """Raise a ValidationError keyed by ``field`` when the date lies in the future."""
    if errors := future_date_errors(field, value):
        raise ValidationError(errors)
