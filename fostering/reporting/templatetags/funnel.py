from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def count_of(row: Any, stage: str) -> int:
    return int(row.counts[stage])


@register.filter
def conversion_of(row: Any, stage: str) -> str:
    share = row.conversion(stage)
    return "" if share is None else f"{share:.0%}"


@register.filter
def days_of(medians: dict[str, float | None], stage: str) -> str:
    value = medians.get(stage)
    return "–" if value is None else f"{value:g}"
