"""The child's allocated social worker over time (903 SWEpisodes) and the social worker's visits."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models

from fostering.core.models import OrganisationRecord

from .choices import SocialWorkerReason, VisitPlace

validate_sw_id = RegexValidator(
    r"^(SW|XX)[A-Z0-9]{2,8}$",
    "Enter the Social Work England registration number, SW followed by digits (for example SW123456)",
)


class SocialWorkerAllocation(OrganisationRecord):
    """One social worker episode: who was the child's social worker from a day to a day and why the
    episode started. The open one names ``Child.social_worker``; ``allocate_social_worker`` keeps both."""

    child = models.ForeignKey(
        "children.Child", on_delete=models.CASCADE, related_name="social_worker_allocations"
    )
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="child_allocations",
        help_text="Empty for an episode imported from a 903 file whose SW_ID names no user of the system.",
    )
    sw_id = models.CharField(
        "Social worker ID (903 SW_ID)",
        max_length=10,
        validators=[validate_sw_id],
        help_text="The Social Work England registration number.",
    )
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    reason = models.CharField(
        "Reason for the change (903 SW_REASON)",
        max_length=6,
        choices=SocialWorkerReason.choices,
        blank=True,
        help_text="Blank only for an imported episode that started before 1 April 2023.",
    )

    class Meta:
        ordering = ["-started_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True) | models.Q(ended_on__gt=models.F("started_on")),
                name="sw_allocation_end_after_start",
            ),
            models.UniqueConstraint(
                fields=["child"], condition=models.Q(ended_on__isnull=True), name="sw_allocation_one_open"
            ),
            models.UniqueConstraint(fields=["child", "started_on"], name="sw_allocation_one_a_day"),
        ]
        indexes = [models.Index(fields=["organisation", "started_on", "ended_on"])]

    def __str__(self) -> str:
        return f"{self.worker} from {self.started_on}"


class ChildVisit(OrganisationRecord):
    """A statutory visit to a child in care by their social worker (Care Planning Regulations, reg 28)."""

    child = models.ForeignKey("children.Child", on_delete=models.CASCADE, related_name="visits")
    visited_on = models.DateField()
    visited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="child_visits_made"
    )
    seen_alone = models.BooleanField("The child was seen alone")
    place = models.CharField("Where", max_length=20, choices=VisitPlace.choices)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["-visited_on", "-id"]
        constraints = [models.UniqueConstraint(fields=["child", "visited_on"], name="child_visit_one_a_day")]
        indexes = [models.Index(fields=["organisation", "visited_on"])]

    def __str__(self) -> str:
        return f"Visit on {self.visited_on}"


class VisitSettings(OrganisationRecord):
    """The council's own visiting standard, stricter than the statutory minimums."""

    interval_weeks = models.PositiveSmallIntegerField(
        "Visit every (weeks)",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(6)],
        help_text="Leave blank for the statutory minimums (6 weeks, then 3 months in a long-term placement).",
    )

    class Meta:
        verbose_name_plural = "visit settings"
        constraints = [models.UniqueConstraint(fields=["organisation"], name="visit_settings_one_a_council")]

    def __str__(self) -> str:
        return f"Visits every {self.interval_weeks or 'statutory'} weeks"
