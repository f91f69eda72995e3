from datetime import date, datetime, time

import pytest

from fostering.deadlines.calendar import LONDON, OfficeHours
from fostering.deadlines.status import DeadlineStatus, deadline_status

OFFICE = OfficeHours(opens=time(9, 0), closes=time(17, 0))
DUE = date(2025, 3, 14)  # a Friday


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2025, 3, 14), DeadlineStatus.DUE_SOON),  # due today is due soon, not overdue
        (date(2025, 3, 15), DeadlineStatus.OVERDUE),  # the day after
        (date(2025, 3, 7), DeadlineStatus.DUE_SOON),  # exactly 5 working days before
        (date(2025, 3, 6), DeadlineStatus.ON_TRACK),  # 6 working days before
        (date(2025, 3, 8), DeadlineStatus.DUE_SOON),  # Saturday, 5 working days to go
    ],
)
def test_open_deadline_boundaries(today, expected):
    assert deadline_status(due=DUE, met_on=None, today=today, due_soon_working_days=5) is expected


def test_met_boundaries():
    assert deadline_status(due=DUE, met_on=DUE, today=date(2025, 4, 1)) is DeadlineStatus.MET
    assert (
        deadline_status(due=DUE, met_on=date(2025, 3, 15), today=date(2025, 4, 1)) is DeadlineStatus.MET_LATE
    )
    assert deadline_status(due=DUE, met_on=date(2025, 3, 1), today=date(2025, 3, 1)) is DeadlineStatus.MET


def test_window_counts_working_days_over_bank_holidays():
    due = date(2025, 12, 31)
    # 24 Dec -> 31 Dec is 3 working days (29, 30, 31): inside a 3-day window, outside a 2-day one.
    assert deadline_status(due=due, met_on=None, today=date(2025, 12, 24), due_soon_working_days=3) is (
        DeadlineStatus.DUE_SOON
    )
    assert deadline_status(due=due, met_on=None, today=date(2025, 12, 24), due_soon_working_days=2) is (
        DeadlineStatus.ON_TRACK
    )


def test_default_window_comes_from_settings(settings):
    settings.FOSTERING_DUE_SOON_WORKING_DAYS = 1
    assert deadline_status(due=DUE, met_on=None, today=date(2025, 3, 12)) is DeadlineStatus.ON_TRACK
    settings.FOSTERING_DUE_SOON_WORKING_DAYS = 5
    assert deadline_status(due=DUE, met_on=None, today=date(2025, 3, 12)) is DeadlineStatus.DUE_SOON


def test_datetime_deadline_seen_at_a_moment():
    due = datetime(2022, 9, 20, 10, 30, tzinfo=LONDON)

    def status(now, met=None):
        return deadline_status(due=due, met_on=met, today=now, due_soon_working_hours=1, office=OFFICE)

    assert status(datetime(2022, 9, 16, 16, 30, tzinfo=LONDON)) is DeadlineStatus.ON_TRACK
    # Friday 17:00 -> Tuesday 10:30 is 1.5 working hours: not yet due soon.
    assert status(datetime(2022, 9, 19, 12, 0, tzinfo=LONDON)) is DeadlineStatus.ON_TRACK
    assert status(datetime(2022, 9, 20, 9, 30, tzinfo=LONDON)) is DeadlineStatus.DUE_SOON
    assert status(datetime(2022, 9, 20, 10, 30, tzinfo=LONDON)) is DeadlineStatus.DUE_SOON
    assert status(datetime(2022, 9, 20, 10, 31, tzinfo=LONDON)) is DeadlineStatus.OVERDUE
    assert status(None, met=datetime(2022, 9, 20, 10, 30, tzinfo=LONDON)) is DeadlineStatus.MET
    assert status(None, met=datetime(2022, 9, 20, 10, 31, tzinfo=LONDON)) is DeadlineStatus.MET_LATE


def test_datetime_deadline_seen_on_a_date_compares_dates():
    due = datetime(2022, 9, 20, 10, 30, tzinfo=LONDON)
    assert deadline_status(due=due, met_on=None, today=date(2022, 9, 20), due_soon_working_days=0) is (
        DeadlineStatus.DUE_SOON
    )
    assert deadline_status(due=due, met_on=None, today=date(2022, 9, 21)) is DeadlineStatus.OVERDUE
    assert deadline_status(due=due, met_on=date(2022, 9, 20), today=date(2022, 9, 21)) is DeadlineStatus.MET


def test_labels_and_tag_classes():
    assert [(s.value, s.label, s.tag_class) for s in DeadlineStatus] == [
        ("on_track", "On track", "govuk-tag--green"),
        ("due_soon", "Due soon", "govuk-tag--yellow"),
        ("overdue", "Overdue", "govuk-tag--red"),
        ("met", "Met", "govuk-tag--blue"),
        ("met_late", "Met late", "govuk-tag--orange"),
    ]
    assert DeadlineStatus.OVERDUE == "overdue"
    assert [s for s in DeadlineStatus if s.is_open] == [
        DeadlineStatus.ON_TRACK,
        DeadlineStatus.DUE_SOON,
        DeadlineStatus.OVERDUE,
    ]
