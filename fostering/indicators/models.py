"""Targets and comparators per council and year, and the figures kept when a period closes."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from fostering.core.models import OrganisationRecord


class Target(OrganisationRecord):
    """The council's target for an indicator in a financial year (``year`` is the year it ends in)."""

    code = models.CharField(max_length=10)
    year = models.PositiveSmallIntegerField(
        help_text="The financial year's end: 2027 is April 2026 to March 2027"
    )
    comparison = models.CharField(max_length=2, choices=[(">=", "At least"), ("<=", "At most")])
    value = models.DecimalField(max_digits=9, decimal_places=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "code", "year"], name="indicator_target_once")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.year}: {self.comparison} {self.value}"


class Comparator(OrganisationRecord):
    """Published figures to compare a council with, for an indicator and a year, with where they came from."""

    code = models.CharField(max_length=10)
    year = models.PositiveSmallIntegerField()
    england = models.DecimalField(max_digits=9, decimal_places=1, null=True, blank=True)
    statistical_neighbours = models.DecimalField(max_digits=9, decimal_places=1, null=True, blank=True)
    upper_quartile = models.DecimalField(max_digits=9, decimal_places=1, null=True, blank=True)
    median = models.DecimalField(max_digits=9, decimal_places=1, null=True, blank=True)
    lower_quartile = models.DecimalField(max_digits=9, decimal_places=1, null=True, blank=True)
    source = models.CharField(max_length=300)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "code", "year"], name="indicator_comparator_once")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.year} ({self.source})"


class ClosedPeriod(OrganisationRecord):
    """A month whose figures were kept as they stood when it closed."""

    month = models.DateField(help_text="The first day of the month closed")
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-month"]
        constraints = [models.UniqueConstraint(fields=["organisation", "month"], name="period_closed_once")]

    def __str__(self) -> str:
        return f"{self.month:%B %Y}"


class Figure(models.Model):
    """One indicator's figure as it stood when its period closed, with the records it counted."""

    period = models.ForeignKey(ClosedPeriod, on_delete=models.CASCADE, related_name="figures")
    code = models.CharField(max_length=10)
    numerator = models.PositiveIntegerField()
    denominator = models.PositiveIntegerField(null=True, blank=True)
    value = models.DecimalField(max_digits=9, decimal_places=1, null=True, blank=True)
    # [[kind, id], ...] of the records counted, as they were when the period closed
    numerator_records = models.JSONField(default=list)
    denominator_records = models.JSONField(default=list)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["period", "code"], name="figure_once_per_period")]

    def __str__(self) -> str:
        return f"{self.code} {self.period}: {self.value}"
