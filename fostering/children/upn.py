"""Unique pupil numbers: 13 characters, the first a check letter over the other twelve (DfE rules)."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError

CHECK_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"
UPN_RE = re.compile(r"^[A-HJ-NP-RT-Z][0-9]{11}[0-9A-HJ-NP-RT-Z]$")


def upn_check_letter(last_twelve: str) -> str:
    """The check letter for characters 2-13: weights 2..13, sum modulo 23, into the DfE alphabet."""
    total = 0
    for weight, char in enumerate(last_twelve, start=2):
        value = int(char) if char.isdigit() else CHECK_LETTERS.index(char)
        total += value * weight
    return CHECK_LETTERS[total % 23]


def validate_upn(value: str) -> None:
    if not value:
        return
    if not UPN_RE.match(value):
        raise ValidationError(
            "Enter a unique pupil number of 13 characters: a letter, 11 digits, then a digit or letter",
            code="upn_format",
        )
    if upn_check_letter(value[1:]) != value[0]:
        raise ValidationError("The unique pupil number's check letter does not match", code="upn_check")
