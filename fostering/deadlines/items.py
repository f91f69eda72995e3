"""Deadlines and work items: what the rest of the system uses.

Apps that own dated facts (enquiries, households, children...) register a *work provider* in their
``AppConfig.ready()``: a callable ``(user, today) -> Iterable[WorkItem]`` returning the open work in that
user's scope. The "My work" page calls ``work_items_for(user, today)``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from .calendar import LONDON, OfficeHours, to_london
from .rules import Unit, due_date, get_rule
from .status import DeadlineStatus, deadline_status

__all__ = [
    "Deadline",
    "WorkItem",
    "WorkProvider",
    "compute_deadline",
    "count_by_status",
    "register_work_provider",
    "registered_work_providers",
    "unregister_work_provider",
    "work_items_for",
]


@dataclass(frozen=True)
class Deadline:
    rule: str
    due: date | datetime
    met_on: date | datetime | None
    status: DeadlineStatus

    @classmethod
    def compute(
        cls,
        rule_code: str,
        start: date | datetime,
        *,
        met_on: date | datetime | None = None,
        today: date | datetime,
        variant: str | None = None,
        office: OfficeHours | None = None,
    ) -> Deadline:
        """The deadline of rule ``rule_code`` started at ``start``, with its status as seen on ``today``.

        The due-soon window is the rule's own ``due_soon`` (working hours for a working-hour rule,
        working days otherwise), else the service default.
        """
        rule = get_rule(rule_code)
        due = due_date(rule_code, start, variant=variant, office=office)
        hours_rule = rule.unit is Unit.WORKING_HOURS
        status = deadline_status(
            due=due,
            met_on=met_on,
            today=today,
            due_soon_working_days=None if hours_rule else rule.due_soon,
            due_soon_working_hours=rule.due_soon if hours_rule else None,
            office=office,
        )
        return cls(rule=rule_code, due=due, met_on=met_on, status=status)

    @property
    def title(self) -> str:
        """The rule's plain-English title."""
        return get_rule(self.rule).title

    def as_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "due": self.due.isoformat(),
            "met_on": self.met_on.isoformat() if self.met_on is not None else None,
            "status": self.status.value,
        }


compute_deadline = Deadline.compute


@dataclass(frozen=True)
class WorkItem:
    deadline: Deadline
    title: str
    subject: str
    url: str
    organisation_id: int


WorkProvider = Callable[[Any, date], Iterable[WorkItem]]

_providers: list[WorkProvider] = []


def _provider_key(fn: WorkProvider) -> tuple[str, str]:
    return (getattr(fn, "__module__", ""), getattr(fn, "__qualname__", repr(fn)))


def register_work_provider(fn: WorkProvider) -> WorkProvider:
    """Add ``fn`` to the providers of the "My work" page (once: registering it again does nothing).

    Returns ``fn``, so it also works as a decorator. Call it from ``AppConfig.ready()``.
    """
    key = _provider_key(fn)
    if all(_provider_key(existing) != key for existing in _providers):
        _providers.append(fn)
    return fn


def unregister_work_provider(fn: WorkProvider) -> None:
    """Remove ``fn`` (for tests); no error if it was not registered."""
    key = _provider_key(fn)
    _providers[:] = [existing for existing in _providers if _provider_key(existing) != key]


def registered_work_providers() -> tuple[WorkProvider, ...]:
    return tuple(_providers)


def _sort_key(item: WorkItem) -> tuple[datetime, str]:
    due = item.deadline.due
    # A date deadline is due by the end of that day, so it sorts after a same-day deadline with a time.
    moment = to_london(due) if isinstance(due, datetime) else datetime.combine(due, time.max, LONDON)
    return (moment, item.title)


def work_items_for(user: Any, today: date) -> list[WorkItem]:
    """Every registered provider's work items for ``user``, sorted by due date then title."""
    items: list[WorkItem] = []
    for provider in _providers:
        items.extend(provider(user, today))
    return sorted(items, key=_sort_key)


def count_by_status(items: Iterable[WorkItem | Deadline]) -> dict[str, int]:
    """How many items have each status; every status is a key (0 when none)."""
    counts = {status.value: 0 for status in DeadlineStatus}
    for item in items:
        deadline = item.deadline if isinstance(item, WorkItem) else item
        counts[deadline.status.value] += 1
    return counts
