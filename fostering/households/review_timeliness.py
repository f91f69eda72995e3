"""Whether each household review was held on time, for every report that counts it.

A review is due 12 months after the review before it, or after the approval for a first review; a
review whose previous review is not recorded has no known due date and is counted neither way. The
household reports and the indicators both read it from here.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import NamedTuple

from fostering.deadlines.rules import due_date

from .choices import ReviewKind
from .models import HouseholdReview


class ReviewHeld(NamedTuple):
    review_id: int
    fostering_household_id: int
    held_on: date
    kind: str
    due_on: date | None

    @property
    def on_time(self) -> bool | None:
        return None if self.due_on is None else self.held_on <= self.due_on


def reviews_held(*, organisation_ids: Iterable[int], end: date | None = None) -> list[ReviewHeld]:
    """Every review of the organisations' households held up to ``end``, with the date it was due."""
    rows = HouseholdReview.objects.filter(organisation_id__in=list(organisation_ids))
    if end is not None:
        rows = rows.filter(held_on__lte=end)
    held: list[ReviewHeld] = []
    last: dict[int, date] = {}
    for pk, fh_id, approved_on, held_on, kind in rows.order_by(
        "fostering_household_id", "held_on", "id"
    ).values_list("pk", "fostering_household_id", "fostering_household__approved_on", "held_on", "kind"):
        started = last.get(fh_id, approved_on if kind == ReviewKind.FIRST else None)
        due = due_date("annual_review", started) if started is not None else None
        held.append(ReviewHeld(pk, fh_id, held_on, kind, due))  # type: ignore[arg-type]
        last[fh_id] = held_on
    return held
