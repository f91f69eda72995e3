"""Care leavers: the young person's record, the personal adviser over time, the pathway plan, contacts kept,
and the contact at each of the 17th to 21st birthdays (the OC3 table). Staying Put is a placement of type
``staying_put`` (fostering.placements), read from there."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from fostering.core.models import OrganisationRecord

from .codes import ACCOMMODATION_CHOICES, Activity, ContactMethod, InTouch

BIRTHDAY_AGES = (17, 18, 19, 20, 21)


class CareLeaver(OrganisationRecord):
    """A young person the council supports as a care leaver (eligible, relevant or former relevant)."""

    child = models.OneToOneField("children.Child", on_delete=models.PROTECT, related_name="care_leaver")
    personal_adviser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="care_leavers",
        help_text="The personal adviser allocated now (the history is in AdviserAllocation)",
    )
    recorded_on = models.DateField()

    class Meta:
        indexes = [models.Index(fields=["organisation", "personal_adviser"])]

    def __str__(self) -> str:
        return f"Care leaver {self.child}"


class AdviserAllocation(OrganisationRecord):
    care_leaver = models.ForeignKey(CareLeaver, on_delete=models.CASCADE, related_name="allocations")
    personal_adviser = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-started_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["care_leaver"], condition=models.Q(ended_on__isnull=True), name="adviser_one_current"
            ),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True) | models.Q(ended_on__gte=models.F("started_on")),
                name="adviser_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"Personal adviser from {self.started_on}"


class PathwayPlan(OrganisationRecord):
    """A pathway plan agreed, or reviewed, on a date (reviewed at least every 6 months)."""

    care_leaver = models.ForeignKey(CareLeaver, on_delete=models.CASCADE, related_name="pathway_plans")
    agreed_on = models.DateField()
    summary = models.TextField(blank=True)

    class Meta:
        ordering = ["-agreed_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["care_leaver", "agreed_on"], name="pathway_plan_once_a_day")
        ]

    def __str__(self) -> str:
        return f"Pathway plan of {self.agreed_on}"


class Contact(OrganisationRecord):
    """Keeping in touch: a contact with the young person."""

    care_leaver = models.ForeignKey(CareLeaver, on_delete=models.CASCADE, related_name="contacts")
    contacted_on = models.DateField()
    method = models.CharField(max_length=10, choices=ContactMethod.choices)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["-contacted_on", "-id"]

    def __str__(self) -> str:
        return f"Contact on {self.contacted_on}"


class BirthdayContact(OrganisationRecord):
    """What was known around the young person's 17th to 21st birthday: one OC3 row."""

    care_leaver = models.ForeignKey(CareLeaver, on_delete=models.CASCADE, related_name="birthday_contacts")
    age = models.PositiveSmallIntegerField(choices=[(age, f"{age}th birthday") for age in BIRTHDAY_AGES])
    contacted_on = models.DateField()
    in_touch = models.CharField(max_length=4, choices=InTouch.choices)
    activity = models.CharField(max_length=2, choices=Activity.choices)
    accommodation = models.CharField(max_length=2, choices=ACCOMMODATION_CHOICES)

    class Meta:
        ordering = ["age"]
        constraints = [
            models.UniqueConstraint(fields=["care_leaver", "age"], name="birthday_contact_once"),
            models.CheckConstraint(condition=models.Q(age__gte=17, age__lte=21), name="birthday_contact_age"),
        ]

    def __str__(self) -> str:
        return f"{self.age}th birthday contact"
