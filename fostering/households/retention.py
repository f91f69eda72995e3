"""Retention early warning: open households at risk of leaving, each flag saying why in words.

A flag is a function ``(households, today) -> {household id: reason}`` over a list of open households
(from ``with_clock_facts``). Parts of the service add their own flags with ``register_retention_flag``
from their ``AppConfig.ready()`` (allegations add "open allegation", payments may add payment queries).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Max, Q

from fostering.deadlines.status import DeadlineStatus

from .deadlines import household_deadlines, tsd_deadlines
from .models import FosteringHousehold

RetentionFlag = Callable[[Sequence[FosteringHousehold], date], dict[int, str]]

# A household with no child placed for this many days is at risk; so is one with this many endings a year.
NO_PLACEMENT_DAYS = 180
MANY_ENDINGS = 3

_FLAGS: dict[str, RetentionFlag] = {}


def register_retention_flag(code: str, flag: RetentionFlag) -> None:
    """Add a flag under ``code`` (registering the same code again replaces it)."""
    _FLAGS[code] = flag


def registered_retention_flags() -> dict[str, RetentionFlag]:
    return dict(_FLAGS)


def _long(on: date) -> str:
    return f"{on.day} {on:%B %Y}"


def no_placement(households: Sequence[FosteringHousehold], today: date) -> dict[int, str]:
    """No child placed today, and none for ``NO_PLACEMENT_DAYS`` days (or ever, since approval)."""
    facts = (
        FosteringHousehold.objects.filter(pk__in=[fh.pk for fh in households])
        .annotate(
            placed_now=Count("placements", filter=Q(placements__ended_on__isnull=True)),
            last_ended=Max("placements__ended_on"),
        )
        .values_list("pk", "placed_now", "last_ended", "approved_on")
    )
    flags: dict[int, str] = {}
    for pk, placed_now, last_ended, approved_on in facts:
        if placed_now:
            continue
        since = last_ended or approved_on
        days = (today - since).days
        if days >= NO_PLACEMENT_DAYS:
            if last_ended:
                flags[pk] = f"No child placed for {days} days, since {_long(last_ended)}"
            else:
                flags[pk] = f"No child placed since approval on {_long(approved_on)} ({days} days)"
    return flags


def missed_visits_or_review(households: Sequence[FosteringHousehold], today: date) -> dict[int, str]:
    flags: dict[int, str] = {}
    for fh in households:
        late = [
            f"{d.title.lower()} overdue since {_long(d.due)}"  # type: ignore[arg-type]
            for d in household_deadlines(fh, today=today)
            if d.status == DeadlineStatus.OVERDUE
        ]
        if late:
            text = "; ".join(late)
            flags[fh.pk] = text[0].upper() + text[1:]
    return flags


def tsd_overdue(households: Sequence[FosteringHousehold], today: date) -> dict[int, str]:
    flags: dict[int, str] = {}
    for pk, rows in tsd_deadlines(households, today=today).items():
        late = [name for name, d in rows if d.status == DeadlineStatus.OVERDUE]
        if late:
            due = min(d.due for name, d in rows if name in late)
            flags[pk] = f"TSD standards not completed by {' and '.join(late)} (due {_long(due)})"  # type: ignore[arg-type]
    return flags


def many_endings(households: Sequence[FosteringHousehold], today: date) -> dict[int, str]:
    since = today - timedelta(days=365)
    facts = (
        FosteringHousehold.objects.filter(pk__in=[fh.pk for fh in households])
        .annotate(
            endings=Count(
                "placements", filter=Q(placements__ended_on__gte=since, placements__ended_on__lte=today)
            )
        )
        .filter(endings__gte=MANY_ENDINGS)
        .values_list("pk", "endings")
    )
    return {pk: f"{n} placements ended in the last 12 months" for pk, n in facts}


register_retention_flag("no_placement", no_placement)
register_retention_flag("missed_visits_or_review", missed_visits_or_review)
register_retention_flag("tsd_overdue", tsd_overdue)
register_retention_flag("many_endings", many_endings)


@dataclass(frozen=True)
class AtRisk:
    household: FosteringHousehold
    reasons: list[str]


def households_at_risk(households: Sequence[FosteringHousehold], today: date) -> list[AtRisk]:
    """The households with at least one flag, most flags first, then by reference."""
    reasons: dict[int, list[str]] = {}
    for flag in _FLAGS.values():
        for pk, reason in flag(households, today).items():
            reasons.setdefault(pk, []).append(reason)
    found = [AtRisk(fh, reasons[fh.pk]) for fh in households if fh.pk in reasons]
    found.sort(key=lambda r: (-len(r.reasons), r.household.reference))
    return found
