"""What the carers of each in-house placement are owed a week on a day, from the dated rates, fee levels
and additional payments (``entitlements``): the in-house weekly cost of the placement stability measures
(registered with ``placements.stability`` in apps.py)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal

from .entitlements import PENNY, entitlements
from .facts import load_facts


def in_house_weekly_costs(organisation_ids: list[int], on: date) -> dict[tuple[int, int], Decimal]:
    """By (household, child): the weekly sum of every payment owed for the child on ``on`` (allowance, fee
    or scheme fee, additional payments; a nightly rate as seven nights). A placement nothing is owed for
    (no rate recorded for the day) is left out, so it is not counted as costing nothing."""
    owed: dict[tuple[int, int], Decimal] = defaultdict(Decimal)
    for organisation_id in organisation_ids:
        for piece in entitlements(load_facts(organisation_id, as_of=on, since=on, until=on), on, on):
            household_id, child_id, _ = piece.key
            if child_id:
                owed[(household_id, child_id)] += piece.pay.weekly
    return {key: amount.quantize(PENNY) for key, amount in owed.items()}
