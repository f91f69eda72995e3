"""Records of the IRO service for tests: a held review with its record and a recommendation."""

from __future__ import annotations

from datetime import date

from fostering.accounts.models import User
from fostering.children.models import Child

from .. import services
from ..models import Recommendation, ReviewRecord


def held_review(
    child: Child, *, held_on: date = date(2024, 2, 14), participation: str = "PN1", iro: User | None = None
) -> ReviewRecord:
    record = services.review_hold(child=child, held_on=held_on, participation=participation, by=None)
    if iro is not None:
        record.chair = iro
        record.save(update_fields=["chair"])
    return record


def access_records(child: Child, iro: User) -> dict[str, ReviewRecord | Recommendation]:
    """For the access matrix: the child (already in care) allocated to ``iro``, a review held with its
    record, and a recommendation of it."""
    services.iro_allocate(child=child, iro=iro, started_on=date(2024, 1, 22), by=None)
    record = held_review(child, iro=iro)
    recommendation = services.recommendation_add(
        record=record, by=None, text="Arrange life story work", owner="Social worker", due_on=date(2024, 5, 1)
    )
    return {"review_record": record, "recommendation": recommendation}
