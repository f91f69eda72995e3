"""Reporting periods: a month is the unit a period closes in; quarters and years are counted at their end.

A period is named by its last month, ``2026-03``. A monthly indicator counts that month; a quarterly one
the three months ending with it; an annual one the financial year to date (1 April to the month's end),
which is how a yearly target is followed month by month. An indicator counted "at" the period's end (the
households open, the children in care) reads the records as they stood on its last day.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from fostering.deadlines.calendar import add_months

PATTERN = re.compile(r"^(\d{4})-(\d{2})$")
QUARTER_ENDS = (3, 6, 9, 12)


class PeriodError(ValueError):
    """A period named wrongly, or one that has not ended."""


@dataclass(frozen=True, order=True)
class Month:
    year: int
    month: int

    @classmethod
    def parse(cls, text: str) -> Month:
        match = PATTERN.match(text.strip())
        if not match:
            raise PeriodError("Enter the period as a year and month, for example 2026-03")
        year, month = int(match[1]), int(match[2])
        if not 1 <= month <= 12:
            raise PeriodError("The month must be between 01 and 12")
        if year < 2000:
            raise PeriodError("The year must be 2000 or later")
        return cls(year, month)

    @classmethod
    def of(cls, on: date) -> Month:
        return cls(on.year, on.month)

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def last_day(self) -> date:
        return add_months(self.first_day, 1) - timedelta(days=1)

    def shift(self, months: int) -> Month:
        return Month.of(add_months(self.first_day, months))

    @property
    def is_quarter_end(self) -> bool:
        return self.month in QUARTER_ENDS

    @property
    def is_year_end(self) -> bool:
        return self.month == 3

    def has_ended(self, today: date) -> bool:
        return self.last_day < today

    @property
    def financial_year_start(self) -> date:
        return date(self.year if self.month >= 4 else self.year - 1, 4, 1)

    @property
    def financial_year_end(self) -> int:
        """The year the financial year ends in: 2026 for April 2025 to March 2026."""
        return self.financial_year_start.year + 1

    def label(self) -> str:
        return f"{self.first_day:%B %Y}"

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


@dataclass(frozen=True)
class Window:
    """The days an indicator counts for a period: ``start`` to ``end``, both included."""

    start: date
    end: date


def window(month: Month, frequency: str) -> Window:
    if frequency == "monthly":
        return Window(month.first_day, month.last_day)
    if frequency == "quarterly":
        return Window(month.shift(-2).first_day, month.last_day)
    return Window(month.financial_year_start, month.last_day)


def last_ended(today: date) -> Month:
    """The latest month that has ended by ``today``."""
    return Month.of(today).shift(-1)
