"""The England working-day calendar.

A working day is Monday to Friday, except England bank holidays as listed by the ``holidays`` package
(``country_holidays("GB", subdiv="ENG")``), which includes substitute days (27 December 2022) and one-off
holidays (19 September 2022, 8 May 2023). Working hours are the office hours of a working day, 09:00 to
17:00 in Europe/London by default (``settings.FOSTERING_OFFICE_HOURS``).

Counting is done with arithmetic on weekdays plus a bisect over each year's (cached) holiday list, so
adding hundreds of working days costs a handful of operations rather than a loop over every day.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

__all__ = [
    "LONDON",
    "OfficeHours",
    "add_months",
    "add_working_days",
    "add_working_hours",
    "bank_holidays",
    "default_office_hours",
    "is_working_day",
    "to_london",
    "to_london_date",
    "working_days_between",
    "working_hours_between",
]

LONDON = ZoneInfo("Europe/London")

_DEFAULT_OPENS = time(9, 0)
_DEFAULT_CLOSES = time(17, 0)


# --- bank holidays ---------------------------------------------------------------------------------


@lru_cache(maxsize=256)
def _holidays_in_year(year: int) -> frozenset[date]:
    """Every England bank holiday of ``year`` (weekend-dated originals included: they are harmless)."""
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year).keys())


@lru_cache(maxsize=256)
def _weekday_holidays_in_year(year: int) -> tuple[date, ...]:
    """The bank holidays of ``year`` that fall Monday to Friday, sorted: the ones that cost a working day."""
    return tuple(sorted(d for d in _holidays_in_year(year) if d.weekday() < 5))


def bank_holidays(year: int) -> frozenset[date]:
    """England bank holidays of ``year`` (cached)."""
    return _holidays_in_year(year)


def _count_weekday_holidays(after: date, upto: date) -> int:
    """Number of weekday bank holidays ``d`` with ``after < d <= upto``."""
    if upto <= after:
        return 0
    total = 0
    for year in range(after.year, upto.year + 1):
        days = _weekday_holidays_in_year(year)
        lo = bisect.bisect_right(days, after) if year == after.year else 0
        hi = bisect.bisect_right(days, upto) if year == upto.year else len(days)
        total += hi - lo
    return total


# --- working days ------------------------------------------------------------------------------------


def is_working_day(d: date) -> bool:
    """True for Monday to Friday unless the day is an England bank holiday."""
    if isinstance(d, datetime):
        d = to_london_date(d)
    return d.weekday() < 5 and d not in _holidays_in_year(d.year)


def _weekdays_upto(d: date) -> int:
    """Number of Mondays to Fridays from 1 January year 1 (a Monday) to ``d`` inclusive."""
    weeks, rest = divmod(d.toordinal(), 7)
    return 5 * weeks + min(rest, 5)


def _weekdays_between(a: date, b: date) -> int:
    """Number of weekdays ``d`` with ``a < d <= b`` (for ``a <= b``)."""
    return _weekdays_upto(b) - _weekdays_upto(a)


def _add_weekdays(d: date, k: int) -> date:
    """The k-th weekday after ``d`` (k >= 1), ignoring bank holidays."""
    wd = d.weekday()
    if wd > 4:  # from a weekend, count as from the Friday before
        d -= timedelta(days=wd - 4)
        wd = 4
    weeks, rest = divmod(k, 5)
    days = 7 * weeks + rest
    if wd + rest > 4:
        days += 2
    return d + timedelta(days=days)


def _subtract_weekdays(d: date, k: int) -> date:
    """The k-th weekday before ``d`` (k >= 1), ignoring bank holidays."""
    wd = d.weekday()
    if wd > 4:  # from a weekend, count as from the Monday after
        d += timedelta(days=7 - wd)
        wd = 0
    weeks, rest = divmod(k, 5)
    days = 7 * weeks + rest
    if wd - rest < 0:
        days += 2
    return d - timedelta(days=days)


def add_working_days(start: date, n: int) -> date:
    """The n-th working day after ``start`` (n >= 1), or before it (n <= -1); n == 0 returns ``start``.

    ``start`` itself need not be a working day. Example: Friday 16 September 2022 + 1 working day is
    Tuesday 20 September 2022, because Monday 19 September 2022 was a bank holiday.
    """
    if isinstance(start, datetime):
        start = to_london_date(start)
    if n == 0:
        return start
    current = start
    remaining = abs(n)
    if n > 0:
        # Jump by weekdays, then jump again by the number of holidays the jump passed over, until a jump
        # passes over none: the landing day is then a weekday that is not a holiday.
        while remaining:
            nxt = _add_weekdays(current, remaining)
            remaining = _count_weekday_holidays(current, nxt)
            current = nxt
    else:
        while remaining:
            nxt = _subtract_weekdays(current, remaining)
            remaining = _count_weekday_holidays(nxt - timedelta(days=1), current - timedelta(days=1))
            current = nxt
    return current


def working_days_between(a: date, b: date) -> int:
    """The number of working days ``d`` with ``a < d <= b``; negative (counted the other way) if b < a.

    So ``working_days_between(s, add_working_days(s, n)) == n`` for every n >= 0.
    """
    if isinstance(a, datetime):
        a = to_london_date(a)
    if isinstance(b, datetime):
        b = to_london_date(b)
    if b < a:
        return -working_days_between(b, a)
    return _weekdays_between(a, b) - _count_weekday_holidays(a, b)


# --- calendar months -------------------------------------------------------------------------------


def _days_in_month(year: int, month: int) -> int:
    if month == 12:
        return 31
    return (date(year, month + 1, 1) - date(year, month, 1)).days


def add_months(d: date, months: int) -> date:
    """``d`` plus a number of calendar months, clamped to the end of a shorter month.

    31 January + 1 month is 28 February (29 in a leap year); 29 February + 12 months is 28 February.
    """
    index = d.year * 12 + (d.month - 1) + months
    year, month0 = divmod(index, 12)
    month = month0 + 1
    return date(year, month, min(d.day, _days_in_month(year, month)))


# --- time zone helpers -----------------------------------------------------------------------------


def to_london(dt: datetime) -> datetime:
    """``dt`` as an aware Europe/London datetime; a naive datetime is taken to be London wall time."""
    if dt.tzinfo is None:
        return dt.replace(tzinfo=LONDON)
    return dt.astimezone(LONDON)


def to_london_date(value: date | datetime) -> date:
    """The Europe/London calendar date of ``value`` (a date is returned as it is)."""
    if isinstance(value, datetime):
        return to_london(value).date()
    return value


# --- office hours ----------------------------------------------------------------------------------


def _parse_time(value: str | time) -> time:
    if isinstance(value, time):
        return value
    return time.fromisoformat(value)


@dataclass(frozen=True)
class OfficeHours:
    """Opening and closing time of the office on a working day (Europe/London wall-clock time)."""

    opens: time = _DEFAULT_OPENS
    closes: time = _DEFAULT_CLOSES

    def __post_init__(self) -> None:
        if self.closes <= self.opens:
            raise ValueError(f"Office hours must close after they open, got {self.opens}-{self.closes}")

    @classmethod
    def parse(cls, opens: str | time, closes: str | time) -> OfficeHours:
        """OfficeHours from "HH:MM" strings (or times)."""
        return cls(opens=_parse_time(opens), closes=_parse_time(closes))

    @property
    def length(self) -> timedelta:
        """The working time in one working day."""
        return datetime.combine(date.min, self.closes) - datetime.combine(date.min, self.opens)

    def __str__(self) -> str:
        return f"{self.opens:%H:%M}-{self.closes:%H:%M}"


def default_office_hours() -> OfficeHours:
    """Office hours from ``settings.FOSTERING_OFFICE_HOURS`` (read on each call), else 09:00-17:00."""
    try:
        from django.conf import settings

        configured = getattr(settings, "FOSTERING_OFFICE_HOURS", None)
    except Exception:  # settings not configured (for example a plain script): use the defaults
        configured = None
    if not configured:
        return OfficeHours()
    opens, closes = configured
    return OfficeHours.parse(opens, closes)


def _office_start(local: datetime, office: OfficeHours) -> datetime:
    """The naive local moment from which working time is counted for a naive local ``local``.

    Before opening on a working day counts from opening; at or after closing, or on a non-working day,
    counts from the next working day's opening.
    """
    day = local.date()
    if is_working_day(day):
        if local.time() < office.opens:
            return datetime.combine(day, office.opens)
        if local.time() < office.closes:
            return local
    return datetime.combine(add_working_days(day, 1), office.opens)


def add_working_hours(start: datetime, hours: int | timedelta, office: OfficeHours | None = None) -> datetime:
    """``start`` plus ``hours`` of working time, counted only inside office hours on working days.

    ``hours`` is a whole number of hours or a timedelta (not negative). A naive ``start`` is taken to be
    Europe/London time. Time runs to closing time inclusive: 15:00 + 2 working hours is 17:00 the same
    day, not 09:00 the next. The result is aware, in Europe/London. Office hours are wall-clock times,
    so the clocks changing overnight at a weekend does not change the count.

    Example: Friday 16 September 2022 16:30 + 2 working hours is Tuesday 20 September 2022 10:30.
    """
    office = office or default_office_hours()
    amount = hours if isinstance(hours, timedelta) else timedelta(hours=hours)
    if amount < timedelta(0):
        raise ValueError(f"add_working_hours counts forwards only, got {amount}")
    local = to_london(start).replace(tzinfo=None)
    current = _office_start(local, office)
    available = datetime.combine(current.date(), office.closes) - current
    if amount <= available:
        result = current + amount
    else:
        remaining = amount - available
        full_days, rest = divmod(remaining, office.length)
        if not rest:  # ends exactly at a closing time
            full_days -= 1
            rest = office.length
        day = add_working_days(current.date(), 1 + full_days)
        result = datetime.combine(day, office.opens) + rest
    return result.replace(tzinfo=LONDON)


def _worked_before(local: datetime, office: OfficeHours) -> timedelta:
    """Working time elapsed on ``local``'s own day before ``local`` (0 on a non-working day)."""
    day = local.date()
    if not is_working_day(day):
        return timedelta(0)
    moment = min(max(local.time(), office.opens), office.closes)
    return datetime.combine(day, moment) - datetime.combine(day, office.opens)


def working_hours_between(a: datetime, b: datetime, office: OfficeHours | None = None) -> timedelta:
    """Working time from ``a`` to ``b`` inside office hours on working days (negative if b < a)."""
    office = office or default_office_hours()
    la = to_london(a).replace(tzinfo=None)
    lb = to_london(b).replace(tzinfo=None)
    if lb < la:
        return -working_hours_between(b, a, office)
    da, db = la.date(), lb.date()
    # working days d with da <= d < db
    whole_days = working_days_between(da, db) + is_working_day(da) - is_working_day(db)
    return whole_days * office.length - _worked_before(la, office) + _worked_before(lb, office)
