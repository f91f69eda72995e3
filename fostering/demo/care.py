"""Build step: periods of care, legal statuses and placements for three years, consistent with the 903 rules."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .generator import DemoContext


def build_care_history(ctx: DemoContext) -> None:
    """Not built yet."""
