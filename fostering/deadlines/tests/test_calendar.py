from datetime import UTC, date, datetime, time, timedelta

import pytest
from hypothesis import given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st

from fostering.deadlines.calendar import (
    LONDON,
    OfficeHours,
    add_months,
    add_working_days,
    add_working_hours,
    is_working_day,
    working_days_between,
    working_hours_between,
)

OFFICE = OfficeHours(opens=time(9, 0), closes=time(17, 0))

dates_2020s = st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31))


def slow_add_working_days(start: date, n: int) -> date:
    """Day-by-day reference implementation."""
    step = 1 if n >= 0 else -1
    day, left = start, abs(n)
    while left:
        day += timedelta(days=step)
        if is_working_day(day):
            left -= 1
    return day


# --- bank holidays ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "why"),
    [
        (date(2022, 9, 19), "State funeral of Queen Elizabeth II"),
        (date(2023, 5, 8), "Coronation of King Charles III"),
        (date(2022, 6, 3), "Platinum Jubilee"),
        (date(2022, 12, 26), "Boxing Day"),
        (date(2022, 12, 27), "Christmas Day substitute (25 December 2022 was a Sunday)"),
        (date(2021, 12, 27), "Christmas Day substitute (25 December 2021 was a Saturday)"),
        (date(2021, 12, 28), "Boxing Day substitute (26 December 2021 was a Sunday)"),
        (date(2023, 1, 2), "New Year's Day substitute"),
        (date(2025, 4, 21), "Easter Monday 2025"),
        (date(2024, 4, 1), "Easter Monday 2024"),
        (date(2025, 4, 18), "Good Friday 2025"),
        (date(2025, 8, 25), "Summer bank holiday 2025"),
    ],
)
def test_bank_holidays_are_not_working_days(day, why):
    assert day.weekday() < 5
    assert is_working_day(day) is False, why


def test_weekends_are_not_working_days_and_ordinary_weekdays_are():
    assert is_working_day(date(2025, 3, 8)) is False  # Saturday
    assert is_working_day(date(2025, 3, 9)) is False  # Sunday
    assert is_working_day(date(2025, 3, 10)) is True  # Monday
    assert is_working_day(date(2022, 12, 28)) is True  # Wednesday after the 2022 Christmas substitutes


# --- add_working_days ------------------------------------------------------------------------------


def test_add_working_days_over_the_queens_funeral():
    assert add_working_days(date(2022, 9, 16), 1) == date(2022, 9, 20)


def test_add_working_days_across_a_weekend():
    assert add_working_days(date(2025, 3, 7), 1) == date(2025, 3, 10)  # Fri -> Mon
    assert add_working_days(date(2025, 3, 6), 5) == date(2025, 3, 13)  # Thu -> Thu
    assert add_working_days(date(2025, 3, 8), 1) == date(2025, 3, 10)  # Sat -> Mon
    assert add_working_days(date(2025, 3, 9), 5) == date(2025, 3, 14)  # Sun -> Fri


def test_add_working_days_across_christmas_2025():
    # 25, 26 Dec 2025 (Thu, Fri) and 1 Jan 2026 (Thu) are bank holidays.
    assert add_working_days(date(2025, 12, 24), 1) == date(2025, 12, 29)
    assert add_working_days(date(2025, 12, 23), 5) == date(2026, 1, 2)
    assert add_working_days(date(2025, 12, 19), 10) == date(2026, 1, 7)


def test_add_working_days_zero_and_backwards():
    assert add_working_days(date(2025, 3, 8), 0) == date(2025, 3, 8)
    assert add_working_days(date(2022, 9, 20), -1) == date(2022, 9, 16)
    assert add_working_days(date(2025, 12, 29), -1) == date(2025, 12, 24)
    assert add_working_days(date(2025, 3, 10), -5) == date(2025, 3, 3)
    assert add_working_days(date(2025, 3, 9), -1) == date(2025, 3, 7)  # Sun -> Fri


def test_working_days_between_examples():
    assert working_days_between(date(2022, 9, 16), date(2022, 9, 20)) == 1
    assert working_days_between(date(2022, 9, 20), date(2022, 9, 16)) == -1
    assert working_days_between(date(2025, 3, 10), date(2025, 3, 10)) == 0
    assert working_days_between(date(2025, 3, 8), date(2025, 3, 9)) == 0
    # 2025 has 261 weekdays, 8 of them bank holidays; 1 January 2025 and 2026 are holidays.
    assert working_days_between(date(2024, 12, 31), date(2025, 12, 31)) == 253
    assert working_days_between(date(2025, 1, 1), date(2026, 1, 1)) == 253


@hyp_settings(max_examples=200, deadline=None)
@given(start=dates_2020s, n=st.integers(min_value=0, max_value=300))
def test_add_working_days_properties(start, n):
    result = add_working_days(start, n)
    if n >= 1:
        assert is_working_day(result)
        assert result > start
    assert working_days_between(start, result) == n
    assert add_working_days(start, n + 1) > result
    assert result == slow_add_working_days(start, n)


@hyp_settings(max_examples=200, deadline=None)
@given(start=dates_2020s, n=st.integers(min_value=1, max_value=300))
def test_add_working_days_backwards_properties(start, n):
    result = add_working_days(start, -n)
    assert is_working_day(result)
    # n working days d with result <= d < start
    assert working_days_between(result - timedelta(days=1), start - timedelta(days=1)) == n
    assert result == slow_add_working_days(start, -n)


@hyp_settings(max_examples=200, deadline=None)
@given(a=dates_2020s, b=dates_2020s)
def test_working_days_between_counts_working_days(a, b):
    lo, hi = min(a, b), max(a, b)
    if (hi - lo).days > 400:
        hi = lo + timedelta(days=400)
    expected = sum(is_working_day(lo + timedelta(days=i)) for i in range(1, (hi - lo).days + 1))
    assert working_days_between(lo, hi) == expected
    assert working_days_between(hi, lo) == -expected


# --- working hours ---------------------------------------------------------------------------------


def test_enquiry_friday_afternoon_before_the_queens_funeral():
    received = datetime(2022, 9, 16, 16, 30, tzinfo=LONDON)
    assert add_working_hours(received, 2, OFFICE) == datetime(2022, 9, 20, 10, 30, tzinfo=LONDON)
    assert add_working_hours(received, timedelta(hours=2), OFFICE) == datetime(
        2022, 9, 20, 10, 30, tzinfo=LONDON
    )


def test_add_working_hours_start_outside_office_hours():
    early = datetime(2025, 3, 10, 7, 15, tzinfo=LONDON)
    assert add_working_hours(early, 2, OFFICE) == datetime(2025, 3, 10, 11, 0, tzinfo=LONDON)
    late = datetime(2025, 3, 10, 18, 0, tzinfo=LONDON)
    assert add_working_hours(late, 2, OFFICE) == datetime(2025, 3, 11, 11, 0, tzinfo=LONDON)
    saturday = datetime(2025, 3, 8, 12, 0, tzinfo=LONDON)
    assert add_working_hours(saturday, 2, OFFICE) == datetime(2025, 3, 10, 11, 0, tzinfo=LONDON)


def test_add_working_hours_runs_to_closing_time_and_over_many_days():
    assert add_working_hours(datetime(2025, 3, 10, 15, 0, tzinfo=LONDON), 2, OFFICE) == datetime(
        2025, 3, 10, 17, 0, tzinfo=LONDON
    )
    # 16 hours from Monday 09:00 = two full days, ending at Tuesday's closing.
    assert add_working_hours(datetime(2025, 3, 10, 9, 0, tzinfo=LONDON), 16, OFFICE) == datetime(
        2025, 3, 11, 17, 0, tzinfo=LONDON
    )
    assert add_working_hours(datetime(2025, 3, 10, 9, 0, tzinfo=LONDON), 0, OFFICE) == datetime(
        2025, 3, 10, 9, 0, tzinfo=LONDON
    )


def test_add_working_hours_naive_and_utc_starts_are_london():
    naive = datetime(2022, 9, 16, 16, 30)
    assert add_working_hours(naive, 2, OFFICE) == datetime(2022, 9, 20, 10, 30, tzinfo=LONDON)
    utc = datetime(2022, 9, 16, 15, 30, tzinfo=LONDON).astimezone(UTC)
    result = add_working_hours(utc, 2, OFFICE)
    assert result.tzinfo is LONDON
    assert (result.year, result.month, result.day, result.hour, result.minute) == (2022, 9, 20, 9, 30)


def test_add_working_hours_across_the_clocks_changing():
    # Clocks went forward on Sunday 30 March 2025: wall-clock office hours are unaffected.
    result = add_working_hours(datetime(2025, 3, 28, 16, 0, tzinfo=LONDON), 2, OFFICE)
    assert result == datetime(2025, 3, 31, 10, 0, tzinfo=LONDON)
    assert result.utcoffset() == timedelta(hours=1)


def test_add_working_hours_rejects_negative():
    with pytest.raises(ValueError):
        add_working_hours(datetime(2025, 3, 10, 9, 0, tzinfo=LONDON), -1, OFFICE)


def test_office_hours_from_settings(settings):
    settings.FOSTERING_OFFICE_HOURS = ("08:30", "16:30")
    result = add_working_hours(datetime(2025, 3, 10, 16, 0, tzinfo=LONDON), 1)
    assert result == datetime(2025, 3, 11, 9, 0, tzinfo=LONDON)


def test_office_hours_must_close_after_opening():
    with pytest.raises(ValueError):
        OfficeHours(opens=time(17, 0), closes=time(9, 0))


def test_working_hours_between_examples():
    a = datetime(2022, 9, 16, 16, 30, tzinfo=LONDON)
    b = datetime(2022, 9, 20, 10, 30, tzinfo=LONDON)
    assert working_hours_between(a, b, OFFICE) == timedelta(hours=2)
    assert working_hours_between(b, a, OFFICE) == -timedelta(hours=2)
    assert working_hours_between(
        datetime(2025, 3, 8, 10, 0, tzinfo=LONDON), datetime(2025, 3, 9, 10, 0, tzinfo=LONDON), OFFICE
    ) == timedelta(0)


moments = st.datetimes(
    min_value=datetime(2020, 1, 1), max_value=datetime(2030, 12, 31), timezones=st.just(LONDON)
).map(lambda dt: dt.replace(second=0, microsecond=0))


@hyp_settings(max_examples=200, deadline=None)
@given(start=moments, minutes=st.integers(min_value=0, max_value=60 * 8 * 60))
def test_add_working_hours_properties(start, minutes):
    amount = timedelta(minutes=minutes)
    result = add_working_hours(start, amount, OFFICE)
    local = result.astimezone(LONDON)
    assert result.tzinfo is LONDON
    assert is_working_day(local.date())
    assert OFFICE.opens <= local.time() <= OFFICE.closes
    assert working_hours_between(start, result, OFFICE) == amount
    assert result >= start or minutes == 0


# --- calendar months -------------------------------------------------------------------------------


def test_add_months_examples():
    assert add_months(date(2025, 1, 31), 1) == date(2025, 2, 28)
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)
    assert add_months(date(2025, 3, 31), -1) == date(2025, 2, 28)
    assert add_months(date(2025, 12, 15), 1) == date(2026, 1, 15)
    assert add_months(date(2025, 8, 31), 4) == date(2025, 12, 31)


@hyp_settings(max_examples=200, deadline=None)
@given(start=dates_2020s, months=st.integers(min_value=-120, max_value=120))
def test_add_months_clamps(start, months):
    result = add_months(start, months)
    assert (result.year * 12 + result.month) - (start.year * 12 + start.month) == months
    if result.day != start.day:
        assert result.day < start.day
        assert (result + timedelta(days=1)).day == 1  # clamped to the last day of the month
