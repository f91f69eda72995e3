"""UK telephone numbers: checked with Google's libphonenumber (the phonenumbers package) and kept alike."""

from __future__ import annotations

import phonenumbers
from django.core.exceptions import ValidationError

PHONE_ERROR = "Enter a telephone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192"

# Ofcom keeps these ranges for drama and examples; libphonenumber calls them unassigned, but they are
# the numbers GOV.UK's own guidance shows, so they are accepted.
_EXAMPLE_RANGES = ("1632960", "7700900")


def normalise_phone(value: str) -> str:
    """A real UK number (or an international one written with +) in its usual national or international
    form, '07700900982' -> '07700 900982'; a ValidationError in GOV.UK words otherwise."""
    try:
        number = phonenumbers.parse(value, "GB")
    except phonenumbers.NumberParseException:
        raise ValidationError(PHONE_ERROR, code="invalid_phone") from None
    national = str(number.national_number)
    example = number.country_code == 44 and len(national) == 10 and national.startswith(_EXAMPLE_RANGES)
    if not (phonenumbers.is_valid_number(number) or example):
        raise ValidationError(PHONE_ERROR, code="invalid_phone")
    style = phonenumbers.PhoneNumberFormat
    return phonenumbers.format_number(
        number, style.NATIONAL if number.country_code == 44 else style.INTERNATIONAL
    )
