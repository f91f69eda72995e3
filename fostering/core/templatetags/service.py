"""Template helpers for the service's own pages."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django import template
from django.utils import timezone

register = template.Library()

VERB_LABELS = {
    "viewed": "Record viewed",
}


@register.filter
def verb_label(verb: str) -> str:
    """'household_status_changed' -> 'Household status changed'."""
    return VERB_LABELS.get(verb, verb.replace("_", " ").capitalize())


@register.filter
def due_display(value: Any) -> str:
    """A due date, or a due moment for clocks counted in hours."""
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%-d %B %Y, %H:%M")
    if isinstance(value, date):
        return value.strftime("%-d %B %Y")
    return ""
