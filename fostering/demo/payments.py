"""Build step: rates and three years of payment runs consistent with the placements."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .generator import DemoContext


def build_payments(ctx: DemoContext) -> None:
    """Not built yet."""
