from __future__ import annotations

from django.conf import settings
from django.db import models

from fostering.core.models import OrganisationRecord

from .codes import CategoryOfNeed, LegalStatusCode, ReasonCareEnded, ReviewParticipation
from .upn import validate_upn


class SiblingGroup(OrganisationRecord):
    """Brothers and sisters the service keeps in mind together, and whether the plan is for them to live
    together (a referral for one offers to place the group; matching counts places for all of them)."""

    name = models.CharField(max_length=100, help_text="For example, the Smith brothers")
    live_together = models.BooleanField(
        "The plan is for them to live together",
        default=True,
    )
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class Child(OrganisationRecord):
    """A child the service looks after or may place. Personal details live on the person record.

    The SSDA903 header comes from here: CHILD (``child_id``), UPN, and from the person SEX, DOB and ETHNIC.
    """

    person = models.OneToOneField("people.Person", on_delete=models.PROTECT, related_name="child_record")
    child_id = models.CharField(
        "Child ID",
        max_length=10,
        help_text="The council's unique identifier for the child in the SSDA903 return (CHILD).",
    )
    upn = models.CharField(
        "Unique pupil number",
        max_length=13,
        blank=True,
        validators=[validate_upn],
        help_text="13 characters, starting with the check letter. Leave blank if not known.",
    )
    social_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children_allocated",
        help_text="The child's social worker.",
    )
    uasc = models.BooleanField("Unaccompanied asylum-seeking child", default=False)
    uasc_ceased_on = models.DateField(
        "Date UASC status ceased", null=True, blank=True, help_text="The 903 UASC file's DUC."
    )
    home_postcode = models.CharField(
        "Home postcode",
        max_length=8,
        blank=True,
        help_text="Where the child lived before care (903 HOME_POST).",
    )
    school_postcode = models.CharField(max_length=8, blank=True)
    is_mother = models.BooleanField(
        "Is a mother", null=True, blank=True, help_text="903 MOTHER: asked of girls aged 12 and over."
    )
    mothers_child_born_on = models.DateField(
        "Her child's date of birth", null=True, blank=True, help_text="903 MC_DOB."
    )
    what_carers_need_to_know = models.TextField(blank=True)
    what_child_needs_to_know = models.TextField(
        "What the child needs to know",
        blank=True,
        help_text="About the carers and their home, told to the child before they move.",
    )
    needs = models.TextField(
        "Needs", blank=True, help_text="Health, education, emotional and behavioural needs."
    )
    communication_needs = models.TextField(blank=True)
    cultural_needs = models.TextField("Cultural, religious and language needs", blank=True)
    risks = models.JSONField(
        default=list, blank=True, help_text="Codes from RiskItem: the risks known to be present."
    )
    sibling_group = models.ForeignKey(
        SiblingGroup, on_delete=models.SET_NULL, null=True, blank=True, related_name="children"
    )

    class Meta:
        verbose_name_plural = "children"
        ordering = ["child_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "child_id"], name="child_id_unique_in_organisation"
            )
        ]
        indexes = [models.Index(fields=["organisation", "social_worker"])]

    def __str__(self) -> str:
        return f"{self.person} ({self.child_id})"


class PeriodOfCare(OrganisationRecord):
    """A continuous time in care: from the day the child started to be looked after (first DECOM, RNE S)
    to the day care ended (last DEC) with the reason (REC). A child may have several over the years."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="periods_of_care")
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    reason_ended = models.CharField(
        "Reason care ended", max_length=4, choices=ReasonCareEnded.choices, blank=True
    )
    category_of_need = models.CharField(max_length=2, choices=CategoryOfNeed.choices)

    class Meta:
        ordering = ["-started_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True) | models.Q(ended_on__gte=models.F("started_on")),
                name="period_of_care_end_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True, reason_ended="")
                | (models.Q(ended_on__isnull=False) & ~models.Q(reason_ended="")),
                name="period_of_care_end_has_reason",
            ),
            models.UniqueConstraint(
                fields=["child"], condition=models.Q(ended_on__isnull=True), name="period_of_care_one_open"
            ),
        ]
        indexes = [models.Index(fields=["organisation", "started_on", "ended_on"])]

    def __str__(self) -> str:
        return f"In care from {self.started_on}" + (f" to {self.ended_on}" if self.ended_on else "")


class LegalStatus(OrganisationRecord):
    """The legal basis the child is looked after on (903 LS), from a date; a change ends the previous one."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="legal_statuses")
    code = models.CharField("Legal status", max_length=2, choices=LegalStatusCode.choices)
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "legal statuses"
        ordering = ["-started_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True) | models.Q(ended_on__gte=models.F("started_on")),
                name="legal_status_end_after_start",
            ),
            models.UniqueConstraint(
                fields=["child"], condition=models.Q(ended_on__isnull=True), name="legal_status_one_current"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} from {self.started_on}"


class ChildReview(OrganisationRecord):
    """A statutory review of a looked-after child's care plan (903 Reviews: REVIEW, REVIEW_CODE)."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="reviews")
    held_on = models.DateField()
    participation = models.CharField(max_length=3, choices=ReviewParticipation.choices)

    class Meta:
        ordering = ["-held_on", "-id"]
        constraints = [models.UniqueConstraint(fields=["child", "held_on"], name="child_review_one_a_day")]

    def __str__(self) -> str:
        return f"Review on {self.held_on}"
