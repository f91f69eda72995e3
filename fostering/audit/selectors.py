"""Reading the audit stream. The caller has already checked the user may see the record."""

from __future__ import annotations

from django.db import models
from django.db.models import QuerySet

from .models import AuditEvent
from .services import record_type_of


def timeline_for(obj: models.Model, *, include_views: bool = True) -> QuerySet[AuditEvent]:
    events = AuditEvent.objects.filter(record_type=record_type_of(obj), record_id=str(obj.pk)).select_related(
        "actor"
    )
    if not include_views:
        events = events.exclude(verb="viewed")
    return events


def timeline_for_records(records: list[models.Model]) -> QuerySet[AuditEvent]:
    """The events of several records (a household and its terms, members and visits) in one list."""
    condition = models.Q(pk__in=[])
    for record in records:
        condition |= models.Q(record_type=record_type_of(record), record_id=str(record.pk))
    return AuditEvent.objects.filter(condition).select_related("actor")
