from __future__ import annotations

from django.conf import settings
from django.db import models

from fostering.core.models import OrganisationRecord

from .choices import (
    BookingStatus,
    CarerType,
    HouseholdStatus,
    ResignationReason,
    ReviewKind,
    ReviewRecommendation,
    ViewSource,
    WouldRecommend,
)


class FosteringHousehold(OrganisationRecord):
    """A household approved to foster, with its carers (members of the household) and its status."""

    household = models.OneToOneField("people.Household", on_delete=models.PROTECT, related_name="fostering")
    reference = models.CharField(max_length=20, help_text="The service's reference, e.g. FH-0123")
    carer_type = models.CharField(max_length=30, choices=CarerType.choices)
    status = models.CharField(
        max_length=20, choices=HouseholdStatus.choices, default=HouseholdStatus.AVAILABLE
    )
    approved_on = models.DateField()
    supervising_social_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="households_supervised",
    )

    class Meta:
        ordering = ["reference"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "reference"], name="household_reference_unique")
        ]
        indexes = [
            models.Index(fields=["organisation", "status"]),
            models.Index(fields=["supervising_social_worker", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.household.name} ({self.reference})"


class TermsOfApproval(OrganisationRecord):
    """What a household is approved for, from a date. A change ends the previous terms."""

    fostering_household = models.ForeignKey(
        FosteringHousehold, on_delete=models.CASCADE, related_name="terms"
    )
    effective_from = models.DateField()
    effective_to = models.DateField(null=True, blank=True)
    number_of_children = models.PositiveSmallIntegerField(help_text="How many children at one time")
    age_min = models.PositiveSmallIntegerField("Youngest age", default=0)
    age_max = models.PositiveSmallIntegerField("Oldest age", default=18)
    placement_types = models.JSONField(default=list, help_text="Codes from PlacementType")
    sibling_group_max = models.PositiveSmallIntegerField(
        "Largest sibling group", default=1, help_text="1 means no sibling groups"
    )
    named_child = models.ForeignKey(
        "children.Child",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Kinship carers are approved for a named child.",
    )

    class Meta:
        verbose_name_plural = "terms of approval"
        ordering = ["-effective_from", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(age_min__lte=models.F("age_max")), name="terms_age_range"
            ),
            models.CheckConstraint(condition=models.Q(number_of_children__gte=1), name="terms_at_least_one"),
            models.CheckConstraint(condition=models.Q(age_max__lte=25), name="terms_age_max_25"),
            models.CheckConstraint(
                condition=models.Q(sibling_group_max__gte=1)
                & models.Q(sibling_group_max__lte=models.F("number_of_children")),
                name="terms_sibling_group_fits",
            ),
            models.CheckConstraint(
                condition=models.Q(effective_to__isnull=True)
                | models.Q(effective_to__gte=models.F("effective_from")),
                name="terms_end_after_start",
            ),
            models.UniqueConstraint(
                fields=["fostering_household"],
                condition=models.Q(effective_to__isnull=True),
                name="terms_one_current",
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.number_of_children} child{'ren' if self.number_of_children != 1 else ''}, "
            f"aged {self.age_min} to {self.age_max}"
        )


class StatusChange(OrganisationRecord):
    """A household's status history: from, to, when, who and why."""

    fostering_household = models.ForeignKey(
        FosteringHousehold, on_delete=models.CASCADE, related_name="status_changes"
    )
    from_status = models.CharField(max_length=20, choices=HouseholdStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=HouseholdStatus.choices)
    changed_on = models.DateField()
    reason = models.TextField(blank=True)
    resignation_reason = models.CharField(max_length=30, choices=ResignationReason.choices, blank=True)

    class Meta:
        ordering = ["-changed_on", "-id"]

    def __str__(self) -> str:
        return f"{self.from_status or 'new'} -> {self.to_status} on {self.changed_on}"


class SupervisionVisit(OrganisationRecord):
    """A supervising social worker's visit; unannounced visits count for both clocks."""

    fostering_household = models.ForeignKey(
        FosteringHousehold, on_delete=models.CASCADE, related_name="supervision_visits"
    )
    visited_on = models.DateField()
    visited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    unannounced = models.BooleanField(default=False)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["-visited_on", "-id"]
        indexes = [models.Index(fields=["fostering_household", "visited_on"])]

    def __str__(self) -> str:
        return f"{'Unannounced visit' if self.unannounced else 'Supervision visit'} on {self.visited_on}"


class HouseholdReview(OrganisationRecord):
    """A household review held by a reviewing officer (the annual review clock restarts from it)."""

    fostering_household = models.ForeignKey(
        FosteringHousehold, on_delete=models.CASCADE, related_name="reviews"
    )
    kind = models.CharField(max_length=30, choices=ReviewKind.choices, default=ReviewKind.ANNUAL)
    held_on = models.DateField()
    reviewing_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    summary = models.TextField(blank=True)
    recommendation = models.CharField(max_length=20, choices=ReviewRecommendation.choices, blank=True)
    needs_panel = models.BooleanField(
        default=False, help_text="First reviews, reviews following concerns and referrals go to panel."
    )
    panel_outcome = models.CharField(max_length=200, blank=True)
    panel_outcome_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        indexes = [
            models.Index(fields=["fostering_household", "held_on"]),
            models.Index(fields=["organisation", "needs_panel"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.held_on}"


class ReviewView(OrganisationRecord):
    """The views one person gave for a household review. Views given ahead of the review (the carers', from
    the portal) wait on the household without a review, and join the review when it is recorded."""

    review = models.ForeignKey(
        HouseholdReview, on_delete=models.CASCADE, null=True, blank=True, related_name="views"
    )
    fostering_household = models.ForeignKey(
        FosteringHousehold, on_delete=models.CASCADE, null=True, blank=True, related_name="review_views"
    )
    source = models.CharField(max_length=30, choices=ViewSource.choices)
    given_by = models.CharField(max_length=200, help_text="Who gave the views")
    given_on = models.DateField()
    summary = models.TextField()

    class Meta:
        ordering = ["given_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(review__isnull=False) | models.Q(fostering_household__isnull=False),
                name="review_view_for_a_review_or_household",
            )
        ]

    def __str__(self) -> str:
        return f"Views of {self.given_by} ({self.get_source_display()})"


class SupportPlan(OrganisationRecord):
    """The training and support plan agreed after a review, or a revisit of it (every 4 months)."""

    fostering_household = models.ForeignKey(
        FosteringHousehold, on_delete=models.CASCADE, related_name="support_plans"
    )
    review = models.ForeignKey(
        HouseholdReview, on_delete=models.SET_NULL, null=True, blank=True, related_name="support_plans"
    )
    agreed_on = models.DateField()
    training_needs = models.TextField()
    support = models.TextField(blank=True)

    class Meta:
        ordering = ["-agreed_on", "-id"]
        indexes = [models.Index(fields=["fostering_household", "agreed_on"])]

    def __str__(self) -> str:
        what = "Training and support plan" if self.review_id else "Revisit of the training and support plan"
        return f"{what} on {self.agreed_on}"


class TrainingRecord(OrganisationRecord):
    """A course a carer attended."""

    fostering_household = models.ForeignKey(
        FosteringHousehold, on_delete=models.CASCADE, related_name="training"
    )
    member = models.ForeignKey("people.HouseholdMember", on_delete=models.PROTECT, related_name="training")
    course = models.CharField(max_length=200)
    attended_on = models.DateField()
    hours = models.DecimalField(max_digits=5, decimal_places=1)
    provider = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-attended_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(hours__gt=0), name="training_hours_positive")
        ]

    def __str__(self) -> str:
        return f"{self.course} on {self.attended_on}"


class TsdCompletion(OrganisationRecord):
    """A carer completed the Training, Support and Development standards."""

    fostering_household = models.ForeignKey(
        FosteringHousehold, on_delete=models.CASCADE, related_name="tsd_completions"
    )
    member = models.OneToOneField(
        "people.HouseholdMember", on_delete=models.PROTECT, related_name="tsd_completion"
    )
    completed_on = models.DateField()

    class Meta:
        ordering = ["-completed_on", "-id"]

    def __str__(self) -> str:
        return f"TSD standards completed on {self.completed_on}"


class ExitInterview(OrganisationRecord):
    """The exit interview offered to a household that resigned."""

    fostering_household = models.OneToOneField(
        FosteringHousehold, on_delete=models.CASCADE, related_name="exit_interview"
    )
    offered_on = models.DateField()
    held_on = models.DateField(null=True, blank=True)
    held_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    summary = models.TextField(blank=True)
    would_recommend = models.CharField(
        "Would recommend fostering", max_length=10, choices=WouldRecommend.choices, blank=True
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(held_on__isnull=True) | models.Q(held_on__gte=models.F("offered_on")),
                name="exit_interview_held_after_offered",
            )
        ]

    def __str__(self) -> str:
        return f"Exit interview offered on {self.offered_on}"


class Course(OrganisationRecord):
    """A training course the training co-ordinator publishes for the council's carers to book."""

    title = models.CharField(max_length=200)
    starts_on = models.DateField()
    starts_at = models.TimeField()
    venue = models.CharField(max_length=200, blank=True, help_text="Empty when the course is online")
    online = models.BooleanField(default=False)
    places = models.PositiveSmallIntegerField()
    hours = models.DecimalField(max_digits=5, decimal_places=1)
    description = models.TextField(blank=True)
    published = models.BooleanField(default=False)

    class Meta:
        ordering = ["starts_on", "starts_at", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(places__gte=1), name="course_at_least_one_place"),
            models.CheckConstraint(condition=models.Q(hours__gt=0), name="course_hours_positive"),
            models.CheckConstraint(
                condition=models.Q(online=True) | ~models.Q(venue=""), name="course_venue_or_online"
            ),
        ]
        indexes = [models.Index(fields=["organisation", "published", "starts_on"])]

    def __str__(self) -> str:
        return f"{self.title} on {self.starts_on}"

    @property
    def where(self) -> str:
        return "Online" if self.online else self.venue


class CourseBooking(OrganisationRecord):
    """A carer's place on a course, or their place on its waiting list (in the order they asked)."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="bookings")
    fostering_household = models.ForeignKey(
        FosteringHousehold, on_delete=models.CASCADE, related_name="course_bookings"
    )
    member = models.ForeignKey(
        "people.HouseholdMember", on_delete=models.PROTECT, related_name="course_bookings"
    )
    booked_at = models.DateTimeField()
    status = models.CharField(max_length=20, choices=BookingStatus.choices)
    email = models.EmailField(blank=True, help_text="Where to tell them a place came free")
    training = models.OneToOneField(
        TrainingRecord, on_delete=models.SET_NULL, null=True, blank=True, related_name="booking"
    )

    class Meta:
        ordering = ["booked_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["course", "member"],
                condition=~models.Q(status="cancelled"),
                name="course_booking_once_per_member",
            )
        ]
        indexes = [models.Index(fields=["course", "status", "booked_at"])]

    def __str__(self) -> str:
        return f"{self.get_status_display()}: {self.course}"
