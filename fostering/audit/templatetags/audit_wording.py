"""The timeline's events in words (see fostering.audit.wording)."""

from __future__ import annotations

from collections.abc import Iterable

from django import template

from fostering.audit.models import AuditEvent
from fostering.audit.wording import Readable
from fostering.audit.wording import readable_events as _readable_events

register = template.Library()


@register.simple_tag
def readable_events(events: Iterable[AuditEvent]) -> list[Readable]:
    return _readable_events(events)
