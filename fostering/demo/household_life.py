"""Build step: the life of approved households: reviews, support plans, training, allegations, resignations."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .generator import DemoContext


def build_household_life(ctx: DemoContext) -> None:
    """Not built yet."""
