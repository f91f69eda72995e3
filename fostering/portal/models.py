"""Who may sign in to the portal, and for what: one adult carer of an approved household, or one applicant
of an assessment. The invitation is part of the access: its one-time link (only a hash is kept) sets the
password; resending replaces the link, withdrawing it ends the access before it starts."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from fostering.core import clock
from fostering.core.models import OrganisationRecord

from .choices import AccessKind


class PortalAccess(OrganisationRecord):
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="portal_access")
    kind = models.CharField(max_length=10, choices=AccessKind.choices)
    fostering_household = models.ForeignKey(
        "households.FosteringHousehold",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="portal_access",
    )
    assessment = models.ForeignKey(
        "assessments.Assessment",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="portal_access",
    )
    email = models.EmailField()
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="portal_access",
    )
    token_hash = models.CharField(max_length=64, blank=True, db_index=True)
    invited_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    times_sent = models.PositiveSmallIntegerField(default=1)
    accepted_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)
    end_reason = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name_plural = "portal access"
        ordering = ["-invited_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(
                        kind=AccessKind.CARER, fostering_household__isnull=False, assessment__isnull=True
                    )
                    | models.Q(
                        kind=AccessKind.APPLICANT, assessment__isnull=False, fostering_household__isnull=True
                    )
                ),
                name="portal_access_names_its_record",
            ),
            models.UniqueConstraint(
                fields=["person", "kind"],
                condition=models.Q(withdrawn_at__isnull=True, ended_on__isnull=True),
                name="portal_access_once_per_person",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_kind_display()})"

    @property
    def state(self) -> str:
        if self.withdrawn_at is not None:
            return "Invitation withdrawn"
        if self.ended_on is not None:
            return "Ended"
        if self.accepted_at is not None:
            return "Signed up"
        if self.expires_at <= clock.now():
            return "Invitation expired"
        return "Invited"


class PortalMessage(OrganisationRecord):
    """A message from the service to a household's carers or an assessment's applicants, read in the portal."""

    fostering_household = models.ForeignKey(
        "households.FosteringHousehold", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    assessment = models.ForeignKey(
        "assessments.Assessment", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    sent_at = models.DateTimeField()
    subject = models.CharField(max_length=120)
    body = models.TextField()

    class Meta:
        ordering = ["-sent_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(fostering_household__isnull=False, assessment__isnull=True)
                | models.Q(fostering_household__isnull=True, assessment__isnull=False),
                name="portal_message_names_one_record",
            )
        ]
        indexes = [
            models.Index(fields=["fostering_household", "sent_at"]),
            models.Index(fields=["assessment", "sent_at"]),
        ]

    def __str__(self) -> str:
        return self.subject
