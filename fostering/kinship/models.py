from __future__ import annotations

from django.conf import settings
from django.db import models

from fostering.core.models import OrganisationRecord

from .choices import AssessmentKind, Outcome, Stage


class KinshipAssessment(OrganisationRecord):
    """A connected person (kinship) assessment of the connected people of a named child.

    The Regulation 24 placement date, the Regulation 25 steps and the extension are dated facts here; the
    clocks (temporary approval, extension, lapse) are computed from them in ``deadlines.py``.
    """

    child = models.ForeignKey("children.Child", on_delete=models.PROTECT, related_name="kinship_assessments")
    connected_household = models.ForeignKey(
        "people.Household", on_delete=models.PROTECT, related_name="kinship_assessments"
    )
    relationship = models.CharField(
        "Relationship to the child", max_length=100, help_text="For example, maternal grandmother"
    )
    kind = models.CharField(max_length=30, choices=AssessmentKind.choices)
    stage = models.CharField(max_length=30, choices=Stage.choices, default=Stage.VIABILITY)
    social_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="kinship_assessments",
        help_text="The allocated kinship social worker",
    )
    started_on = models.DateField()
    # Regulation 24: the child placed with the connected people under temporary approval.
    placed_on = models.DateField("Placed under Regulation 24 on", null=True, blank=True)
    # Regulation 25: the three conditions of an extension, and the extension itself.
    panel_views_sought_on = models.DateField(null=True, blank=True)
    panel_views = models.TextField(blank=True)
    iro_informed_on = models.DateField(null=True, blank=True)
    nominated_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    nominated_officer_approved_on = models.DateField(null=True, blank=True)
    extension_granted_on = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=30, choices=Outcome.choices, blank=True)
    decided_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["started_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(extension_granted_on__isnull=True) | models.Q(placed_on__isnull=False),
                name="kinship_extension_needs_placement",
            ),
            models.CheckConstraint(
                condition=models.Q(outcome="", decided_on__isnull=True)
                | (~models.Q(outcome="") & models.Q(decided_on__isnull=False)),
                name="kinship_outcome_with_date",
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "stage"]),
            models.Index(fields=["social_worker", "stage"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.child.person}"


class StageChange(OrganisationRecord):
    """An assessment's stage history: from, to, when, who (``created_by``) and why."""

    assessment = models.ForeignKey(KinshipAssessment, on_delete=models.CASCADE, related_name="stage_changes")
    from_stage = models.CharField(max_length=30, choices=Stage.choices, blank=True)
    to_stage = models.CharField(max_length=30, choices=Stage.choices)
    changed_on = models.DateField()
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-changed_on", "-id"]

    def __str__(self) -> str:
        return f"{self.from_stage or 'new'} -> {self.to_stage} on {self.changed_on}"
