from __future__ import annotations

from django.conf import settings
from django.db import models

from fostering.core.models import OrganisationRecord

from .choices import Attendance, Channel, Decision, EnquiryStage, EventFormat, ScreeningOutcome, SourceKind


class Source(OrganisationRecord):
    """A campaign or source that brings enquiries (each organisation keeps its own list)."""

    name = models.CharField(max_length=120)
    kind = models.CharField(max_length=20, choices=SourceKind.choices, default=SourceKind.SOURCE)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="source_name_unique")]

    def __str__(self) -> str:
        return self.name


class Enquiry(OrganisationRecord):
    """Someone asking about fostering: how and when they asked, the response, and what happened next."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="enquiries")
    channel = models.CharField(max_length=20, choices=Channel.choices)
    source = models.ForeignKey(Source, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    received_at = models.DateTimeField()
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=30, blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    consent_keep_in_touch = models.BooleanField(default=False)
    consent_newsletter = models.BooleanField(default=False)
    stage = models.CharField(max_length=20, choices=EnquiryStage.choices, default=EnquiryStage.NEW)
    # The response (meets the enquiry_response clock)
    responded_at = models.DateTimeField(null=True, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    response_channel = models.CharField(max_length=20, choices=Channel.choices, blank=True)
    response_notes = models.TextField(blank=True)
    # Screening call and initial visit
    screening_call_on = models.DateField(null=True, blank=True)
    screening_outcome = models.CharField(max_length=20, choices=ScreeningOutcome.choices, blank=True)
    screening_notes = models.TextField(blank=True)
    initial_visit_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    initial_visit_offered_on = models.DateField(null=True, blank=True)
    initial_visit_on = models.DateField(null=True, blank=True)
    initial_visit_record_on = models.DateField(null=True, blank=True)
    # The decision to progress
    decision = models.CharField(max_length=20, choices=Decision.choices, blank=True)
    decided_on = models.DateField(null=True, blank=True)
    decision_reasons = models.TextField(blank=True)
    feedback_given_on = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "enquiries"
        ordering = ["-received_at", "-id"]
        indexes = [
            models.Index(fields=["organisation", "stage", "received_at"]),
            models.Index(fields=["organisation", "email"]),
            models.Index(fields=["organisation", "phone"]),
            models.Index(fields=["initial_visit_worker", "stage"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(initial_visit_on__isnull=True)
                | models.Q(
                    screening_call_on__isnull=False, initial_visit_on__gte=models.F("screening_call_on")
                ),
                name="enquiry_visit_after_screening",
            ),
            models.CheckConstraint(
                condition=models.Q(initial_visit_record_on__isnull=True)
                | models.Q(
                    initial_visit_on__isnull=False, initial_visit_record_on__gte=models.F("initial_visit_on")
                ),
                name="enquiry_record_after_visit",
            ),
            models.CheckConstraint(
                condition=models.Q(decided_on__isnull=True)
                | models.Q(initial_visit_on__isnull=False, decided_on__gte=models.F("initial_visit_on")),
                name="enquiry_decision_after_visit",
            ),
        ]

    def __str__(self) -> str:
        return f"Enquiry from {self.person.full_name} ({self.received_at:%d/%m/%Y})"


class StageChange(OrganisationRecord):
    """Every move of an enquiry between stages: from, to, when, who (created_by) and why."""

    enquiry = models.ForeignKey(Enquiry, on_delete=models.CASCADE, related_name="stage_changes")
    from_stage = models.CharField(max_length=20, choices=EnquiryStage.choices, blank=True)
    to_stage = models.CharField(max_length=20, choices=EnquiryStage.choices)
    changed_at = models.DateTimeField()
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["changed_at", "id"]
        indexes = [models.Index(fields=["organisation", "to_stage", "changed_at"])]

    def __str__(self) -> str:
        return f"{self.from_stage or 'start'} -> {self.to_stage} at {self.changed_at:%d/%m/%Y %H:%M}"


class InformationEvent(OrganisationRecord):
    """An information event about fostering, in person at a venue or online."""

    title = models.CharField(max_length=150)
    starts_at = models.DateTimeField()
    format = models.CharField(max_length=20, choices=EventFormat.choices)
    venue = models.CharField(max_length=200, blank=True)
    capacity = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["-starts_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(capacity__gte=1), name="event_capacity_positive")
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.starts_at:%d/%m/%Y})"


class EventBooking(OrganisationRecord):
    """An enquirer booked on an information event, invited and reminded on dates, and whether they came."""

    event = models.ForeignKey(InformationEvent, on_delete=models.CASCADE, related_name="bookings")
    enquiry = models.ForeignKey(Enquiry, on_delete=models.CASCADE, related_name="bookings")
    booked_on = models.DateField()
    invited_on = models.DateField(null=True, blank=True)
    reminded_on = models.DateField(null=True, blank=True)
    attendance = models.CharField(max_length=20, choices=Attendance.choices, default=Attendance.BOOKED)

    class Meta:
        ordering = ["booked_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["event", "enquiry"], name="booking_once_per_event"),
        ]

    def __str__(self) -> str:
        return f"{self.enquiry.person.full_name} at {self.event}"


class UsedFormToken(OrganisationRecord):
    """A public form's token that has been sent once: a second post with it saves nothing.

    Kept only as long as a token lives (``FOSTERING_ENQUIRY_FORM_MAX_AGE``); older rows are pruned."""

    nonce = models.CharField(max_length=32, unique=True)
    used_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["used_at"])]

    def __str__(self) -> str:
        return f"Form token used at {self.used_at:%d/%m/%Y %H:%M}"


class EnquiryRepeat(OrganisationRecord):
    """Someone sent the public form again while their enquiry was open (same email or phone number).

    The person is thanked as for any enquiry; the team sees the repeat, and what was given, on the enquiry."""

    enquiry = models.ForeignKey(Enquiry, on_delete=models.CASCADE, related_name="repeats")
    received_at = models.DateTimeField()
    matched_on = models.CharField(max_length=10, choices=[("email", "Email"), ("phone", "Phone number")])
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=30, blank=True)
    postcode = models.CharField(max_length=10, blank=True)

    class Meta:
        ordering = ["received_at", "id"]

    def __str__(self) -> str:
        return f"Enquired again on {self.received_at:%d/%m/%Y %H:%M}"
