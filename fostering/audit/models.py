from django.conf import settings
from django.db import models
from django.utils import timezone


class AuditEvent(models.Model):
    """One append-only stream: who did what to which record, when, with old and new values."""

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now, db_index=True)
    verb = models.CharField(max_length=60)
    record_type = models.CharField(max_length=80, help_text="app_label.model of the record acted on")
    record_id = models.CharField(max_length=40)
    record_label = models.CharField(max_length=200, blank=True)
    changes = models.JSONField(default=dict, blank=True, help_text="field -> [old, new]")
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["record_type", "record_id", "at"]),
            models.Index(fields=["organisation", "at"]),
            models.Index(fields=["actor", "at"]),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.verb} {self.record_type}#{self.record_id}"
