"""What an approval is, for every report and forecast that counts them.

An approval is a fostering household's approval by the agency decision maker: the household's
``approved_on`` date, with the type of carer it was approved as. Every count of approvals (the
recruitment funnel, the approvals report, the forecasts' history) reads them from here, so a period
shows the same number wherever it is counted. A household approved without an assessment on record
(a kinship carer, a carer transferring in) is an approval like any other.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import NamedTuple

from .models import FosteringHousehold


class Approval(NamedTuple):
    household_id: int
    approved_on: date
    carer_type: str
    fostering_household_id: int


def approvals(
    *, organisation_ids: Iterable[int], start: date | None = None, end: date | None = None
) -> list[Approval]:
    """The approvals of the organisations from ``start`` to ``end`` (both included; open when None)."""
    households = FosteringHousehold.objects.filter(organisation_id__in=list(organisation_ids))
    if start is not None:
        households = households.filter(approved_on__gte=start)
    if end is not None:
        households = households.filter(approved_on__lte=end)
    rows = households.order_by("approved_on", "pk").values_list(
        "household_id", "approved_on", "carer_type", "pk"
    )
    return [Approval(*row) for row in rows]
