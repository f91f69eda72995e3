"""The IRO service: who reviews each child, the council's settings, and what a review keeps beyond its
date and participation code (``children.ChildReview``): its parts, who came, the booklets, the IRO's record
with recommendations, the midway check and the permanence plan."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from fostering.core.models import OrganisationRecord

from .choices import BookletFor, PermanencePlan, RequestReason


class ReviewSettings(OrganisationRecord):
    """One per council: the first review's length and the IRO caseload range (IRO Handbook: 50-70)."""

    first_review_working_days = models.PositiveSmallIntegerField(
        "First review within (working days)", default=20
    )
    caseload_low = models.PositiveSmallIntegerField("Lowest caseload an IRO should hold", default=50)
    caseload_high = models.PositiveSmallIntegerField("Highest caseload an IRO should hold", default=70)

    class Meta:
        verbose_name_plural = "review settings"
        constraints = [
            models.UniqueConstraint(fields=["organisation"], name="review_settings_one_per_council"),
            models.CheckConstraint(
                condition=models.Q(caseload_low__lte=models.F("caseload_high")),
                name="review_settings_caseload_range",
            ),
        ]


class IROAllocation(OrganisationRecord):
    """An IRO allocated to a child from one day to another (open while they are the child's IRO)."""

    child = models.ForeignKey("children.Child", on_delete=models.CASCADE, related_name="iro_allocations")
    iro = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="iro_children")
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    allocated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-started_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["child"], condition=models.Q(ended_on__isnull=True), name="iro_allocation_one_open"
            ),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True) | models.Q(ended_on__gte=models.F("started_on")),
                name="iro_allocation_ends_after_start",
            ),
        ]
        indexes = [models.Index(fields=["organisation", "iro", "ended_on"])]

    def __str__(self) -> str:
        return f"IRO from {self.started_on}"


class ReviewRequest(OrganisationRecord):
    """An extra review asked for (the IRO asked, an unplanned placement change, leaving care)."""

    child = models.ForeignKey("children.Child", on_delete=models.CASCADE, related_name="review_requests")
    reason = models.CharField(max_length=20, choices=RequestReason.choices)
    details = models.TextField(blank=True)
    due_on = models.DateField("Hold the review by")
    review = models.OneToOneField(
        "children.ChildReview", on_delete=models.SET_NULL, null=True, blank=True, related_name="request"
    )

    class Meta:
        ordering = ["due_on", "id"]


class ReviewRecord(OrganisationRecord):
    """What the IRO keeps about one review of the child's care."""

    review = models.OneToOneField("children.ChildReview", on_delete=models.CASCADE, related_name="record")
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    second_part_on = models.DateField("Second part held on", null=True, blank=True)
    attended = models.TextField("Who attended", blank=True)
    summary = models.TextField("The IRO's record of the review", blank=True)
    distributed_on = models.DateField("Record distributed on", null=True, blank=True)
    permanence_plan = models.CharField(max_length=30, choices=PermanencePlan.choices, blank=True)
    permanence_agreed_on = models.DateField("Permanence plan agreed on", null=True, blank=True)

    class Meta:
        ordering = ["-review__held_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(permanence_plan="") | models.Q(permanence_agreed_on__isnull=False),
                name="review_record_plan_has_date",
            )
        ]

    def __str__(self) -> str:
        return f"Record of the review on {self.review.held_on}"


class ConsultationBooklet(OrganisationRecord):
    record = models.ForeignKey(ReviewRecord, on_delete=models.CASCADE, related_name="booklets")
    sent_to = models.CharField(max_length=10, choices=BookletFor.choices)
    sent_on = models.DateField()
    returned_on = models.DateField(null=True, blank=True)
    returned_by = models.CharField(max_length=100, blank=True, help_text="Who filled it in")

    class Meta:
        ordering = ["sent_on", "id"]


class Recommendation(OrganisationRecord):
    record = models.ForeignKey(ReviewRecord, on_delete=models.CASCADE, related_name="recommendations")
    text = models.TextField("Recommendation")
    owner = models.CharField(max_length=100, help_text="Who will do it, for example the social worker")
    due_on = models.DateField("Due by")
    done_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["due_on", "id"]


class MidwayCheck(OrganisationRecord):
    """The IRO's check halfway between reviews."""

    record = models.OneToOneField(ReviewRecord, on_delete=models.CASCADE, related_name="midway_check")
    checked_on = models.DateField()
    recommendations_on_track = models.BooleanField()
    care_plan_current = models.BooleanField()
    child_visited_in_time = models.BooleanField()
    childs_voice_recorded = models.BooleanField()
    notes = models.TextField(blank=True)
