"""The base of every record: it belongs to an organisation and knows who made and last changed it."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from fostering.core import clock


class OrganisationRecord(models.Model):
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    modified_at = models.DateTimeField(default=timezone.now, editable=False)
    modified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        abstract = True

    def stamp(self, by: object) -> None:
        """Set created/modified by and at for a save made by a service function."""
        now = clock.now()
        user = by if getattr(by, "is_authenticated", False) else None
        if self._state.adding:
            self.created_at = now
            self.created_by = user  # type: ignore[assignment]
        self.modified_at = now
        self.modified_by = user  # type: ignore[assignment]
