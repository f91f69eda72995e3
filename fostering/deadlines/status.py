"""RAG status of a deadline, computed from its due date, when it was met and today's date.

The rule, in order:

1. met on or before the due date -> ``met``; met after it -> ``met_late``;
2. not met and today is after the due date -> ``overdue`` (due today is not overdue);
3. not met and the due date is within the due-soon window -> ``due_soon``;
4. otherwise -> ``on_track``.

The window is counted in working days for date deadlines (default
``settings.FOSTERING_DUE_SOON_WORKING_DAYS``, else 5): due today counts as 0 working days away, so it
is always due soon. For a deadline due at a moment (a datetime, e.g. the 2-working-hour enquiry
response) checked at a moment, the window is in working hours (default 1). If a datetime deadline is
checked against a plain date, the comparison is by the Europe/London date of the deadline, in working
days.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from enum import StrEnum

from .calendar import OfficeHours, to_london, to_london_date, working_days_between, working_hours_between

__all__ = [
    "DEFAULT_DUE_SOON_WORKING_DAYS",
    "DEFAULT_DUE_SOON_WORKING_HOURS",
    "DeadlineStatus",
    "deadline_status",
]

DEFAULT_DUE_SOON_WORKING_DAYS = 5
DEFAULT_DUE_SOON_WORKING_HOURS = 1


class DeadlineStatus(StrEnum):
    ON_TRACK = "on_track"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    MET = "met"
    MET_LATE = "met_late"

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def tag_class(self) -> str:
        """The GOV.UK Frontend tag modifier class for this status."""
        return _TAG_CLASSES[self]

    @property
    def is_open(self) -> bool:
        """True while the deadline has not been met."""
        return self in (DeadlineStatus.ON_TRACK, DeadlineStatus.DUE_SOON, DeadlineStatus.OVERDUE)


_LABELS = {
    DeadlineStatus.ON_TRACK: "On track",
    DeadlineStatus.DUE_SOON: "Due soon",
    DeadlineStatus.OVERDUE: "Overdue",
    DeadlineStatus.MET: "Met",
    DeadlineStatus.MET_LATE: "Met late",
}

_TAG_CLASSES = {
    DeadlineStatus.ON_TRACK: "govuk-tag--green",
    DeadlineStatus.DUE_SOON: "govuk-tag--yellow",
    DeadlineStatus.OVERDUE: "govuk-tag--red",
    DeadlineStatus.MET: "govuk-tag--blue",
    DeadlineStatus.MET_LATE: "govuk-tag--orange",
}


def default_due_soon_working_days() -> int:
    """``settings.FOSTERING_DUE_SOON_WORKING_DAYS`` (read on each call), else 5."""
    try:
        from django.conf import settings

        return int(getattr(settings, "FOSTERING_DUE_SOON_WORKING_DAYS", DEFAULT_DUE_SOON_WORKING_DAYS))
    except Exception:  # settings not configured
        return DEFAULT_DUE_SOON_WORKING_DAYS


def _is_moment(value: date | datetime) -> bool:
    return isinstance(value, datetime)


def _met_in_time(due: date | datetime, met_on: date | datetime) -> bool:
    if _is_moment(due) and _is_moment(met_on):
        return to_london(met_on) <= to_london(due)  # type: ignore[arg-type]
    return to_london_date(met_on) <= to_london_date(due)


def deadline_status(
    *,
    due: date | datetime,
    met_on: date | datetime | None,
    today: date | datetime,
    due_soon_working_days: int | None = None,
    due_soon_working_hours: int | None = None,
    office: OfficeHours | None = None,
) -> DeadlineStatus:
    """The status of a deadline due at ``due``, met at ``met_on`` (None if not yet), seen on ``today``.

    Dates and datetimes may be mixed: when both sides are datetimes they are compared as moments,
    otherwise as Europe/London dates. See the module docstring for the due-soon window.
    """
    if met_on is not None:
        return DeadlineStatus.MET if _met_in_time(due, met_on) else DeadlineStatus.MET_LATE

    if _is_moment(due) and _is_moment(today):
        due_at, now = to_london(due), to_london(today)  # type: ignore[arg-type]
        if now > due_at:
            return DeadlineStatus.OVERDUE
        hours = DEFAULT_DUE_SOON_WORKING_HOURS if due_soon_working_hours is None else due_soon_working_hours
        if working_hours_between(now, due_at, office) <= timedelta(hours=hours):
            return DeadlineStatus.DUE_SOON
        return DeadlineStatus.ON_TRACK

    due_day, day = to_london_date(due), to_london_date(today)
    if day > due_day:
        return DeadlineStatus.OVERDUE
    window = default_due_soon_working_days() if due_soon_working_days is None else due_soon_working_days
    if working_days_between(day, due_day) <= window:
        return DeadlineStatus.DUE_SOON
    return DeadlineStatus.ON_TRACK
