from __future__ import annotations

from django.conf import settings
from django.db import models

from fostering.core.models import OrganisationRecord

from .choices import (
    APPROVAL_ALSO,
    RATINGS,
    SUBJECT_FIELDS,
    SUBJECT_OF,
    Challenge,
    ChallengeOutcome,
    FeedbackFrom,
    ItemKind,
    MeetingFormat,
    MeetingStatus,
    PanelRole,
    Recommendation,
)


class PanelMember(OrganisationRecord):
    """A member of the council's central list: a user (staff, or an independent member's own login)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="panel_seats")
    role = models.CharField(max_length=30, choices=PanelRole.choices)
    joined_on = models.DateField()
    left_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["role", "user__last_name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(left_on__isnull=True) | models.Q(left_on__gte=models.F("joined_on")),
                name="panel_member_left_after_joined",
            ),
            models.UniqueConstraint(
                fields=["organisation", "user"],
                condition=models.Q(left_on__isnull=True),
                name="panel_member_one_current_seat",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user.get_full_name()} ({self.get_role_display()})"


class Appraisal(OrganisationRecord):
    member = models.ForeignKey(PanelMember, on_delete=models.CASCADE, related_name="appraisals")
    held_on = models.DateField()
    appraised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    summary = models.TextField()

    class Meta:
        ordering = ["-held_on", "-id"]


class TrainingAttended(OrganisationRecord):
    member = models.ForeignKey(PanelMember, on_delete=models.CASCADE, related_name="training")
    attended_on = models.DateField()
    course = models.CharField(max_length=200)

    class Meta:
        ordering = ["-attended_on", "-id"]


class PanelMeeting(OrganisationRecord):
    meets_on = models.DateField("Date")
    starts_at = models.TimeField("Start time")
    format = models.CharField(max_length=20, choices=MeetingFormat.choices)
    venue = models.CharField(max_length=200, help_text="A room, or the online meeting")
    status = models.CharField(max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED)
    cancelled_reason = models.TextField(blank=True)
    papers_sent_on = models.DateField(null=True, blank=True)
    members: models.ManyToManyField[PanelMember, Attendance] = models.ManyToManyField(
        PanelMember, through="Attendance", related_name="meetings"
    )

    class Meta:
        ordering = ["-meets_on", "-id"]
        indexes = [models.Index(fields=["organisation", "meets_on"])]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status=MeetingStatus.CANCELLED) | ~models.Q(cancelled_reason=""),
                name="panel_meeting_cancelled_with_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"Panel on {self.meets_on:%-d %B %Y}"


class Attendance(OrganisationRecord):
    """A member invited to a meeting (they receive its papers), and whether they attended."""

    meeting = models.ForeignKey(PanelMeeting, on_delete=models.CASCADE, related_name="attendance")
    member = models.ForeignKey(PanelMember, on_delete=models.PROTECT, related_name="attendance")
    attended = models.BooleanField(null=True, blank=True)

    class Meta:
        ordering = ["member__role", "id"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member"], name="panel_attendance_once"),
        ]


def _subject_matches_kind() -> models.Q:
    """Each kind has its subject and no other; an approval also names the household it approved (and an
    approval carried over from before the assessment was recorded here names that household only)."""
    condition = models.Q()
    for kind, field in SUBJECT_OF.items():
        also = APPROVAL_ALSO.get(kind)
        match = models.Q(kind=kind) & (
            models.Q(**{f"{field}__isnull": False}) | models.Q(**{f"{also}__isnull": False})
            if also
            else models.Q(**{f"{field}__isnull": False})
        )
        for other in SUBJECT_FIELDS:
            if other not in (field, also):
                match &= models.Q(**{f"{other}__isnull": True})
        condition |= match
    return condition


class PanelItem(OrganisationRecord):
    """One case on a meeting's agenda, its subject (by kind), the recommendation and the minutes."""

    meeting = models.ForeignKey(PanelMeeting, on_delete=models.PROTECT, related_name="items")
    kind = models.CharField(max_length=30, choices=ItemKind.choices)
    assessment = models.ForeignKey(
        "assessments.Assessment", on_delete=models.PROTECT, null=True, blank=True, related_name="panel_items"
    )
    kinship_assessment = models.ForeignKey(
        "kinship.KinshipAssessment",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="panel_items",
    )
    fostering_household = models.ForeignKey(
        "households.FosteringHousehold",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="panel_items",
    )
    household_review = models.ForeignKey(
        "households.HouseholdReview",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="panel_items",
    )
    household = models.ForeignKey("people.Household", on_delete=models.PROTECT, related_name="panel_items")
    supervising_social_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Chosen before panel; the household is handed to them on approval",
    )
    sitting = models.ManyToManyField(PanelMember, blank=True, related_name="items_sat")
    recommendation = models.CharField(max_length=20, choices=Recommendation.choices, blank=True)
    recommended_on = models.DateField(null=True, blank=True)
    reasons = models.TextField(blank=True)
    minutes = models.TextField(blank=True)
    number_of_children = models.PositiveSmallIntegerField(null=True, blank=True)
    age_min = models.PositiveSmallIntegerField("Youngest age", null=True, blank=True)
    age_max = models.PositiveSmallIntegerField("Oldest age", null=True, blank=True)
    placement_types = models.JSONField(default=list, blank=True)
    sibling_group_max = models.PositiveSmallIntegerField("Largest sibling group", null=True, blank=True)

    class Meta:
        ordering = ["meeting", "id"]
        indexes = [models.Index(fields=["organisation", "recommendation"])]
        constraints = [
            models.CheckConstraint(condition=_subject_matches_kind(), name="panel_item_subject_matches_kind"),
            models.CheckConstraint(
                condition=models.Q(recommendation="", recommended_on__isnull=True)
                | (~models.Q(recommendation="") & models.Q(recommended_on__isnull=False)),
                name="panel_item_recommendation_with_date",
            ),
            models.CheckConstraint(
                condition=models.Q(age_min__isnull=True)
                | models.Q(age_max__isnull=True)
                | models.Q(age_min__lte=models.F("age_max")),
                name="panel_item_terms_age_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.household.name}: {self.get_kind_display()}"


class ConflictOfInterest(OrganisationRecord):
    item = models.ForeignKey(PanelItem, on_delete=models.CASCADE, related_name="conflicts")
    member = models.ForeignKey(PanelMember, on_delete=models.PROTECT, related_name="conflicts")
    nature = models.TextField("What the conflict is")

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["item", "member"], name="panel_conflict_once")]


class Decision(OrganisationRecord):
    """The agency decision maker's decision on a recommendation, and any qualifying determination after it."""

    item = models.OneToOneField(PanelItem, on_delete=models.PROTECT, related_name="decision")
    decided_on = models.DateField()
    decision_maker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    agrees = models.BooleanField()
    outcome = models.CharField(max_length=20, choices=Recommendation.choices)
    reasons = models.TextField(blank=True)
    # A qualifying determination (not approve, terminate): the letter, then representations or the IRM.
    letter_sent_on = models.DateField(null=True, blank=True)
    challenge = models.CharField(max_length=10, choices=Challenge.choices, blank=True)
    challenge_outcome = models.CharField(max_length=20, choices=ChallengeOutcome.choices, blank=True)
    challenge_outcome_on = models.DateField(null=True, blank=True)
    final_outcome = models.CharField(max_length=20, choices=Recommendation.choices, blank=True)
    final_decided_on = models.DateField(null=True, blank=True)
    final_reasons = models.TextField(blank=True)

    class Meta:
        ordering = ["-decided_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(final_outcome="", final_decided_on__isnull=True)
                | (~models.Q(final_outcome="") & models.Q(final_decided_on__isnull=False)),
                name="panel_decision_final_with_date",
            ),
        ]


class Feedback(OrganisationRecord):
    item = models.ForeignKey(PanelItem, on_delete=models.CASCADE, related_name="feedback")
    given_by = models.CharField(max_length=20, choices=FeedbackFrom.choices)
    rating = models.PositiveSmallIntegerField(choices=RATINGS)
    comments = models.TextField(blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rating__gte=1, rating__lte=5), name="panel_feedback_rating_1_to_5"
            )
        ]
