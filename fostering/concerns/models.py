from __future__ import annotations

from django.conf import settings
from django.db import models

from fostering.core.models import OrganisationRecord

from .choices import AllegationOutcome, Complainant, ComplaintOutcome, ComplaintStage


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
    lado_referred_on = models.DateField("Referred to the LADO on", null=True, blank=True)
    lado_outcome = models.TextField("The LADO's advice or outcome", blank=True)
    strategy_meeting_on = models.DateField("Position of trust or strategy meeting on", null=True, blank=True)
    support_offered_on = models.DateField("Independent support offered on", null=True, blank=True)
    support_offered_by = models.CharField("Independent support offered by", max_length=200, blank=True)
    outcome = models.CharField(max_length=20, choices=AllegationOutcome.choices, blank=True)
    review = models.ForeignKey(
        "households.HouseholdReview",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="allegations",
        help_text="The review following concerns, if one was held",
    )

    class Meta:
        ordering = ["-received_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(concluded_on__isnull=True)
                | models.Q(concluded_on__gte=models.F("received_on")),
                name="allegation_concluded_after_received",
            ),
        ]
        indexes = [models.Index(fields=["fostering_household", "received_on"])]

    def __str__(self) -> str:
        return f"Allegation received {self.received_on}"

    @property
    def is_open(self) -> bool:
        return self.concluded_on is None


class Complaint(OrganisationRecord):
    """A complaint about a household or about the service, through up to three stages."""

    received_on = models.DateField()
    complainant = models.CharField("Who complained", max_length=20, choices=Complainant.choices)
    complainant_name = models.CharField(max_length=200)
    fostering_household = models.ForeignKey(
        "households.FosteringHousehold",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="complaints",
        help_text="Empty when the complaint is about the service",
    )
    summary = models.TextField()
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-received_on", "-id"]
        indexes = [models.Index(fields=["organisation", "received_on"])]

    def __str__(self) -> str:
        return f"Complaint received {self.received_on}"


class ComplaintStageRecord(OrganisationRecord):
    """One stage of a complaint: when it started, whether it was extended, and its outcome."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="stages")
    stage = models.PositiveSmallIntegerField(choices=ComplaintStage.choices)
    started_on = models.DateField()
    extended = models.BooleanField(default=False)
    responded_on = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=20, choices=ComplaintOutcome.choices, blank=True)
    response = models.TextField(blank=True)

    class Meta:
        ordering = ["stage"]
        constraints = [
            models.UniqueConstraint(fields=["complaint", "stage"], name="complaint_stage_once"),
            models.CheckConstraint(
                condition=models.Q(responded_on__isnull=True)
                | models.Q(responded_on__gte=models.F("started_on")),
                name="complaint_stage_responded_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(responded_on__isnull=True) | ~models.Q(outcome=""),
                name="complaint_stage_responded_with_outcome",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_stage_display()} from {self.started_on}"
