"""The managers' words in the fostering service's annual report, section by section."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from fostering.core.models import OrganisationRecord


class AnnualReportSection(OrganisationRecord):
    """What a manager wrote for one section of a year's report: a draft until the service manager signs
    it off; changing signed-off words makes them a draft again."""

    year = models.PositiveSmallIntegerField(
        help_text="The financial year's end: 2026 is April 2025 to March 2026"
    )
    section = models.CharField(max_length=40)
    text = models.TextField()
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    signed_off_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year", "section"], name="annual_report_section_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.section} {self.year - 1}-{str(self.year)[-2:]}"

    @property
    def signed_off(self) -> bool:
        return self.signed_off_at is not None
