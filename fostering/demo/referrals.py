"""Build step: referrals for placements, matching, vacancy holds and stability work."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .generator import DemoContext


def build_referrals(ctx: DemoContext) -> None:
    """Not built yet."""
