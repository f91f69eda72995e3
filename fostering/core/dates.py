"""The one place dates typed by a person are read: a day, month and year, a month and year (the GOV.UK
month-year date input), or a month as YYYY-MM (on the command line).

Every date the service takes lies between ``EARLIEST`` and ``LATEST``: wide enough for a carer's date of
birth and a plan decades ahead, narrow enough that the date arithmetic of the clocks and payment runs
(a month before, a year after) never leaves Python's calendar. A refusal is a ``DateInputError`` worded as
the GOV.UK date input pattern says ("Date of birth must be a real date", "... must include a year").
"""

from __future__ import annotations

import calendar
import re
from datetime import date

EARLIEST = date(1900, 1, 1)
LATEST = date(2099, 12, 31)
PARTS = ("day", "month", "year")
MONTH_PARTS = ("month", "year")

_DAY_OR_MONTH = re.compile(r"[0-9]{1,2}")
_DIGITS = re.compile(r"[0-9]+")
_YEAR = re.compile(r"[0-9]{4}")
_PERIOD = re.compile(r"([0-9]{4})-([0-9]{1,2})")


class DateInputError(ValueError):
    """Why the parts do not make a date, and which of ``PARTS`` are at fault (to highlight those inputs)."""

    def __init__(self, message: str, parts: tuple[str, ...] = PARTS) -> None:
        super().__init__(message)
        self.message = message
        self.parts = parts


def long_date(value: date) -> str:
    return f"{value.day} {value:%B %Y}"


def date_from_parts(day: str, month: str, year: str, *, subject: str = "Date") -> date:
    """The date a person typed in a date input's three boxes; ``subject`` names it in the messages."""
    values = {"day": (day or "").strip(), "month": (month or "").strip(), "year": (year or "").strip()}
    missing = tuple(part for part in PARTS if not values[part])
    if len(missing) == len(PARTS):
        raise DateInputError("Enter the day, month and year")
    if missing:
        raise DateInputError(f"{subject} must include a {' and '.join(missing)}", missing)
    wrong = tuple(part for part in ("day", "month") if not _DAY_OR_MONTH.fullmatch(values[part]))
    if not _DIGITS.fullmatch(values["year"]):
        wrong += ("year",)
    if wrong:
        raise DateInputError(f"{subject} must be a real date", wrong)
    if not _YEAR.fullmatch(values["year"]):
        raise DateInputError("Year must include 4 numbers", ("year",))
    day_number, month_number, year_number = (int(values[part]) for part in PARTS)
    if not EARLIEST.year <= year_number <= LATEST.year:
        raise DateInputError(
            f"{subject} must be between {long_date(EARLIEST)} and {long_date(LATEST)}", ("year",)
        )
    if not 1 <= month_number <= 12:
        raise DateInputError(f"{subject} must be a real date", ("month",))
    if not 1 <= day_number <= calendar.monthrange(year_number, month_number)[1]:
        raise DateInputError(f"{subject} must be a real date", ("day",))
    return date(year_number, month_number, day_number)


def month_from_parts(month: str, year: str, *, subject: str = "Month") -> date:
    """The first day of the month a person typed in a month-year date input's two boxes."""
    values = {"month": (month or "").strip(), "year": (year or "").strip()}
    missing = tuple(part for part in MONTH_PARTS if not values[part])
    if len(missing) == len(MONTH_PARTS):
        raise DateInputError("Enter the month and year", MONTH_PARTS)
    if missing:
        raise DateInputError(f"{subject} must include a {missing[0]}", missing)
    wrong: tuple[str, ...] = () if _DAY_OR_MONTH.fullmatch(values["month"]) else ("month",)
    if not _DIGITS.fullmatch(values["year"]):
        wrong += ("year",)
    if wrong:
        raise DateInputError(f"{subject} must be a real date", wrong)
    if not _YEAR.fullmatch(values["year"]):
        raise DateInputError("Year must include 4 numbers", ("year",))
    month_number, year_number = int(values["month"]), int(values["year"])
    if not EARLIEST.year <= year_number <= LATEST.year:
        raise DateInputError(f"{subject} must be between {EARLIEST:%B %Y} and {LATEST:%B %Y}", ("year",))
    if not 1 <= month_number <= 12:
        raise DateInputError(f"{subject} must be a real date", ("month",))
    return date(year_number, month_number, 1)


def month_from_text(text: str) -> date:
    """The first day of a month written YYYY-MM (``2026-03``), between ``EARLIEST`` and ``LATEST``."""
    found = _PERIOD.fullmatch((text or "").strip())
    if found is None:
        raise DateInputError("Enter the month as YYYY-MM, for example 2026-03")
    year, month = int(found[1]), int(found[2])
    if not 1 <= month <= 12:
        raise DateInputError("Enter the month as YYYY-MM, for example 2026-03")
    if not EARLIEST.year <= year <= LATEST.year:
        raise DateInputError(f"The month must be between {EARLIEST:%B %Y} and {LATEST:%B %Y}")
    return date(year, month, 1)
