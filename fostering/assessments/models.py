from __future__ import annotations

from django.conf import settings
from django.db import models

from fostering.core.models import OrganisationRecord

from .choices import AssessmentKind, SectionCode, SectionStatus, Stage, WithdrawalReason


class Assessment(OrganisationRecord):
    """An application to foster (or to host, or to visit) and its assessment, up to "ready for panel".

    The applicants are the household's members with the carer role; every other member is checked too.
    Dated facts (training, mentor, agreement) are fields; stages are recorded in ``StageChange``.
    """

    kind = models.CharField(max_length=30, choices=AssessmentKind.choices)
    household = models.ForeignKey("people.Household", on_delete=models.PROTECT, related_name="assessments")
    enquiry_id = models.PositiveIntegerField(
        null=True, blank=True, help_text="The recruitment enquiry, if any"
    )
    assessing_social_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assessments_allocated",
    )
    application_accepted_on = models.DateField()
    target_panel_on = models.DateField("Target panel date", null=True, blank=True)
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.APPLICATION)
    withdrawal_reason = models.CharField(max_length=3, choices=WithdrawalReason.choices, blank=True)
    previous_agency = models.CharField(
        max_length=200, blank=True, help_text="Fast track: who they foster for"
    )
    previous_agency_reference_on = models.DateField(null=True, blank=True)
    skills_to_foster_booked_on = models.DateField(null=True, blank=True)
    skills_to_foster_attended_on = models.DateField(null=True, blank=True)
    safeguarding_course_on = models.DateField("Online safeguarding course completed", null=True, blank=True)
    mentor_name = models.CharField(max_length=200, blank=True)
    mentor_offered_on = models.DateField(null=True, blank=True)
    mentor_accepted_on = models.DateField(null=True, blank=True)
    agreement_signed_on = models.DateField("Assessment agreement signed", null=True, blank=True)

    class Meta:
        ordering = ["application_accepted_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["household"],
                condition=~models.Q(stage__in=["withdrawn", "approved", "not_approved"]),
                name="assessment_one_open_per_household",
            ),
            models.CheckConstraint(
                condition=models.Q(mentor_accepted_on__isnull=True)
                | models.Q(mentor_accepted_on__gte=models.F("mentor_offered_on")),
                name="assessment_mentor_accepted_after_offered",
            ),
            models.CheckConstraint(
                condition=models.Q(withdrawal_reason="") | models.Q(stage="withdrawn"),
                name="assessment_withdrawal_reason_only_when_withdrawn",
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "stage"]),
            models.Index(fields=["assessing_social_worker", "stage"]),
        ]

    def __str__(self) -> str:
        return f"{self.household.name}: {self.get_kind_display()}"


class StageChange(OrganisationRecord):
    """An assessment's stage history: from, to, when, who (created_by) and why."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="stage_changes")
    from_stage = models.CharField(max_length=20, choices=Stage.choices, blank=True)
    to_stage = models.CharField(max_length=20, choices=Stage.choices)
    changed_on = models.DateField()
    reason = models.TextField(blank=True)
    withdrawal_reason = models.CharField(max_length=3, choices=WithdrawalReason.choices, blank=True)

    class Meta:
        ordering = ["changed_on", "id"]
        indexes = [models.Index(fields=["assessment", "changed_on"])]

    def __str__(self) -> str:
        return f"{self.from_stage or 'new'} -> {self.to_stage} on {self.changed_on}"


class AssessmentSession(OrganisationRecord):
    """A Form F session (or a session of a short assessment) with the applicants."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="sessions")
    held_on = models.DateField()
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["held_on", "id"]

    def __str__(self) -> str:
        return f"Session on {self.held_on}"


class ApplicationSection(OrganisationRecord):
    """One section of an applicant's application form (``application.SECTIONS``), filled in on the portal.

    ``answers`` is the applicant's working copy, saved part done; ``submitted_answers`` is what they last
    sent, which is what the assessing social worker reads. A change request (with its note) lets the
    applicant edit and send again.
    """

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="application_sections")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="application_sections")
    code = models.CharField("Section", max_length=30, choices=SectionCode.choices)
    answers = models.JSONField(default=dict, blank=True)
    submitted_answers = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=20, choices=SectionStatus.choices, default=SectionStatus.DRAFT)
    submitted_at = models.DateTimeField(null=True, blank=True)
    change_note = models.TextField(blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["assessment", "person", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "person", "code"], name="application_section_one_per_applicant"
            ),
            models.CheckConstraint(
                condition=models.Q(status="draft") | models.Q(submitted_at__isnull=False),
                name="application_section_sent_has_its_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_code_display()} ({self.get_status_display().lower()})"
