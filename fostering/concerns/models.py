from __future__ import annotations

from django.db import models

from fostering.core.models import OrganisationRecord


class Allegation(OrganisationRecord):
    """An allegation against a foster carer, from the day it was received to the day it was concluded.

    While it is open the household is offered no new placement (matching refuses it) and carers' payments
    follow the allegation retainer rule (``fostering.payments``).
    """

    fostering_household = models.ForeignKey(
        "households.FosteringHousehold", on_delete=models.PROTECT, related_name="allegations"
    )
    received_on = models.DateField()
    concluded_on = models.DateField(null=True, blank=True)
    summary = models.TextField()

    class Meta:
        ordering = ["-received_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(concluded_on__isnull=True)
                | models.Q(concluded_on__gte=models.F("received_on")),
                name="allegation_concluded_after_received",
            )
        ]
        indexes = [models.Index(fields=["fostering_household", "received_on"])]

    def __str__(self) -> str:
        return f"Allegation received {self.received_on}"
