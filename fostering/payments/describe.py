"""Every line in plain English: what it is for, whose, which days, at what rate, and why."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from .choices import Category, LineKind
from .ledger import DraftLine

WHAT = {
    Category.ALLOWANCE: "Fostering allowance",
    Category.FEE: "Carer's fee",
    Category.SCHEME_FEE: "Specialist scheme fee",
    Category.NIGHTS: "Respite and short breaks",
    Category.LODGINGS: "Supported lodgings and Staying Put",
    Category.ADDITIONAL: "Additional payment for assessed needs",
    Category.RETAINER: "Retainer",
}
SCHEME = {
    "one_to_one_fee": "One to One fee",
    "pathway_fee": "Pathway fee",
    "parent_and_child_fee": "Parent and child fee",
    "respite_night": "Respite",
    "short_breaks_night": "Short breaks",
    "supported_lodgings": "Supported lodgings",
    "staying_put": "Staying Put",
}


def pounds(amount: Decimal) -> str:
    return f"£{abs(amount):,.2f}"


def day_text(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def days_text(first: date, last: date) -> str:
    if first == last:
        return day_text(first)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day} to {day_text(last)}"
    if first.year == last.year:
        return f"{first.day} {first:%B} to {day_text(last)}"
    return f"{day_text(first)} to {day_text(last)}"


def _what(line: DraftLine) -> str:
    category = line.key[2]
    what = SCHEME.get(line.rate_key) or WHAT[Category(category)]
    if category == Category.RETAINER and line.basis:
        what = line.basis[0].upper() + line.basis[1:]
    return what


def _lower(what: str) -> str:
    """Lower-case the first word unless it is a name (One to One, Pathway, Staying Put)."""
    return what if what.split()[0] in {"One", "Pathway", "Staying"} else what[0].lower() + what[1:]


def describe(line: DraftLine, initials: dict[int, str]) -> str:
    child = initials.get(line.key[1], "") if line.key[1] else ""
    what = _what(line)
    whose = f" for {child}" if child else ""
    if line.kind == LineKind.ADJUSTMENT:
        return (
            f"Rounding adjustment for {_lower(what)}{whose}, {line.service_month:%B %Y}: "
            "separately rounded lines brought to the exact amount owed for the month"
        )
    unit = "night" if line.key[1] else "day"
    count = f"{line.days} {unit}{'s' if line.days != 1 else ''}"
    when = days_text(line.from_on, line.to_on)
    per = line.rate if line.nightly else line.rate / 7
    weekly = line.rate * 7 if line.nightly else line.rate
    basis = f", {line.basis}" if line.basis and line.key[2] != Category.RETAINER else ""
    if line.kind == LineKind.NORMAL:
        rate = f"at {pounds(per)} a {unit}" + ("" if line.nightly else f" (weekly {pounds(weekly)}{basis})")
        if line.nightly and basis:
            rate += f" ({basis[2:]})"
        return f"{what}{whose}, {when}, {count} {rate}"
    owed = line.owed.weekly if line.owed else Decimal(0)
    paid = line.paid_weekly or Decimal(0)
    if line.kind == LineKind.ARREARS and not paid:
        why = "not paid before: it was recorded after the run for that month"
    elif line.kind == LineKind.ARREARS:
        why = f"now owed {pounds(owed)} a week{basis}, paid {pounds(paid)} a week"
    elif not owed:
        why = (
            "paid but not owed: the child was not placed with you on these nights as the record now shows"
            if line.key[1]
            else "paid but not owed as the record now shows"
        )
    else:
        why = f"now owed {pounds(owed)} a week{basis}, paid {pounds(paid)} a week"
    label = "Arrears" if line.kind == LineKind.ARREARS else "Recovery"
    return f"{label} of {_lower(what)}{whose}, {when}, {count} at {pounds(per)} a {unit}: {why}"
