"""Build step: the fostering panel's year: members, meetings, recommendations and the ADM's decisions."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .generator import DemoContext


def build_panel(ctx: DemoContext) -> None:
    """Not built yet."""
