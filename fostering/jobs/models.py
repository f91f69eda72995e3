"""A piece of long work a user started (checking the 903 return, drafting a payment run): who started it,
for which council, how far it has got, and what it produced or why it failed."""

from __future__ import annotations

from django.db import models

from fostering.core.models import OrganisationRecord

from .choices import JobStatus


class Job(OrganisationRecord):
    kind = models.CharField(max_length=60)
    description = models.CharField(max_length=200)
    params = models.JSONField(default=dict)
    status = models.CharField(max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    steps_done = models.PositiveIntegerField(default=0)
    steps_total = models.PositiveIntegerField(default=0)
    progress_text = models.CharField(max_length=200, blank=True)
    result_url = models.CharField(max_length=300, blank=True)
    result_label = models.CharField(max_length=200, blank=True)
    # a file the work made (a report's PDF), downloaded from the job's page by those who may see the job
    result_file = models.FileField(upload_to="jobs/%Y/%m/", max_length=300, blank=True)
    # what the work found, in a sentence; a warning when it finished but left something unchecked
    outcome = models.CharField(max_length=500, blank=True)
    outcome_is_warning = models.BooleanField(default=False)
    error = models.TextField(blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["organisation", "kind", "-created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(steps_done__lte=models.F("steps_total")) | models.Q(steps_total=0),
                name="job_steps_done_within_total",
            )
        ]

    def __str__(self) -> str:
        return f"{self.description} ({self.get_status_display()})"
