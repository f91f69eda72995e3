"""Practice alerts an IRO raises on a child in care, their stages of escalation and the council's clocks."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from fostering.core.models import OrganisationRecord

from .choices import MOVE_CHOICES, AlertKind, AlertStage, AlertTheme


class PracticeAlert(OrganisationRecord):
    """A good-practice note or a concern about a child's care, written to the child.

    A concern is held at one stage at a time (``stage``) until the IRO marks it resolved, at that stage
    (``resolved_stage``) and on ``resolved_on``; a good-practice note has no stage.
    """

    child = models.ForeignKey("children.Child", on_delete=models.PROTECT, related_name="practice_alerts")
    kind = models.CharField(max_length=20, choices=AlertKind.choices)
    theme = models.CharField(max_length=20, choices=AlertTheme.choices)
    text = models.TextField("What the IRO wrote to the child")
    raised_on = models.DateField()
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    addressed_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The child's social worker or their team manager",
    )
    stage = models.CharField(max_length=20, choices=AlertStage.choices, blank=True)
    resolved_on = models.DateField(null=True, blank=True)
    resolved_stage = models.CharField(max_length=20, choices=AlertStage.choices, blank=True)
    resolution = models.TextField(blank=True)

    class Meta:
        ordering = ["-raised_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind=AlertKind.GOOD_PRACTICE, stage="") | models.Q(kind=AlertKind.CONCERN),
                name="practice_alert_good_practice_has_no_stage",
            ),
            models.CheckConstraint(
                condition=models.Q(resolved_on__isnull=True)
                | models.Q(resolved_on__gte=models.F("raised_on")),
                name="practice_alert_resolved_after_raised",
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "raised_on"]),
            models.Index(fields=["child", "raised_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} raised {self.raised_on:%d/%m/%Y}: {self.get_theme_display()}"

    @property
    def is_concern(self) -> bool:
        return self.kind == AlertKind.CONCERN

    @property
    def is_open(self) -> bool:
        return self.is_concern and self.resolved_on is None


class AlertStageRecord(OrganisationRecord):
    """One stage a concern was held at: who it was addressed to, its clock, the response given."""

    alert = models.ForeignKey(PracticeAlert, on_delete=models.CASCADE, related_name="stages")
    stage = models.CharField(max_length=20, choices=AlertStage.choices)
    started_on = models.DateField()
    addressed_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The council's clock when the stage started (a later change of setting does not move it); None outside
    # the council (Cafcass, legal advice).
    response_working_days = models.PositiveSmallIntegerField(null=True, blank=True)
    responded_on = models.DateField(null=True, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    response = models.TextField(blank=True)
    ended_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["started_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["alert", "stage"], name="practice_alert_stage_once"),
            models.CheckConstraint(
                condition=models.Q(responded_on__isnull=True)
                | models.Q(responded_on__gte=models.F("started_on")),
                name="practice_alert_stage_responded_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_stage_display()} from {self.started_on:%d/%m/%Y}"

    @property
    def is_open(self) -> bool:
        return self.ended_on is None


class AlertMove(OrganisationRecord):
    """The history of a concern's stages: from where to where, when, by whom and why."""

    alert = models.ForeignKey(PracticeAlert, on_delete=models.CASCADE, related_name="moves")
    from_stage = models.CharField(max_length=20, choices=MOVE_CHOICES, blank=True)
    to_stage = models.CharField(max_length=20, choices=MOVE_CHOICES)
    moved_on = models.DateField()
    moved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["moved_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_from_stage_display()} to {self.get_to_stage_display()} on {self.moved_on:%d/%m/%Y}"


class AlertResponseClock(OrganisationRecord):
    """The council's response time for one stage, in working days (without a row: the rule's default)."""

    stage = models.CharField(max_length=20, choices=AlertStage.choices)
    working_days = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "stage"], name="alert_response_clock_once"),
            models.CheckConstraint(
                condition=models.Q(working_days__gte=1, working_days__lte=60),
                name="alert_response_clock_1_to_60_working_days",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_stage_display()}: {self.working_days} working days"
