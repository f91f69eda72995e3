from __future__ import annotations

from django.db import models

from fostering.core.models import OrganisationRecord
from fostering.core.validators import validate_postcode

from .choices import (
    CheckKind,
    CheckOutcome,
    Disability,
    Ethnicity,
    GenderIdentity,
    MemberRole,
    RelationshipStatus,
    Religion,
    Sex,
    SexualOrientation,
)


class Person(OrganisationRecord):
    """Anyone the service records: applicants, carers, their household members, children."""

    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    preferred_name = models.CharField(max_length=100, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    sex = models.CharField(max_length=1, choices=Sex.choices, default=Sex.UNKNOWN)
    ethnicity = models.CharField(max_length=4, choices=Ethnicity.choices, default=Ethnicity.NOBT)
    religion = models.CharField(max_length=20, choices=Religion.choices, default=Religion.NOT_KNOWN)
    first_language = models.CharField(max_length=60, blank=True, default="English")
    disability = models.CharField(max_length=10, choices=Disability.choices, default=Disability.NOT_KNOWN)
    disability_details = models.TextField(blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=30, blank=True)

    class Meta:
        verbose_name_plural = "people"
        ordering = ["last_name", "first_name", "id"]
        indexes = [models.Index(fields=["organisation", "last_name", "first_name"])]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def initials(self) -> str:
        return f"{self.first_name[:1]}{self.last_name[:1]}".upper()


class Address(OrganisationRecord):
    """Where a person lives (or lived): dated, so past addresses stay on record."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="addresses")
    line_1 = models.CharField("Address line 1", max_length=200)
    line_2 = models.CharField("Address line 2", max_length=200, blank=True)
    town = models.CharField("Town or city", max_length=100)
    county = models.CharField(max_length=100, blank=True)
    postcode = models.CharField(max_length=8, validators=[validate_postcode])
    valid_from = models.DateField()
    valid_to = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "addresses"
        ordering = ["-valid_from", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=models.F("valid_from")),
                name="address_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return ", ".join(part for part in [self.line_1, self.line_2, self.town, self.postcode] if part)


class Household(OrganisationRecord):
    """The people who live in one home. A fostering household is approved on top of one."""

    name = models.CharField(max_length=200, help_text="How the service refers to it, e.g. 'Patel household'")
    line_1 = models.CharField("Address line 1", max_length=200, blank=True)
    line_2 = models.CharField("Address line 2", max_length=200, blank=True)
    town = models.CharField("Town or city", max_length=100, blank=True)
    postcode = models.CharField(max_length=8, blank=True, validators=[validate_postcode])

    class Meta:
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["organisation", "name"])]

    def __str__(self) -> str:
        return self.name


class HouseholdMember(OrganisationRecord):
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="household_memberships")
    role = models.CharField(max_length=20, choices=MemberRole.choices)
    joined_on = models.DateField()
    left_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["role", "joined_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["household", "person"],
                condition=models.Q(left_on__isnull=True),
                name="household_member_once",
            ),
            models.CheckConstraint(
                condition=models.Q(left_on__isnull=True) | models.Q(left_on__gte=models.F("joined_on")),
                name="household_member_leaves_after_joining",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()})"


class Check(OrganisationRecord):
    """A statutory check on a member of a household: requested, received, outcome, expiry."""

    member = models.ForeignKey(HouseholdMember, on_delete=models.CASCADE, related_name="checks")
    kind = models.CharField(max_length=20, choices=CheckKind.choices)
    requested_on = models.DateField()
    received_on = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=20, choices=CheckOutcome.choices, default=CheckOutcome.PENDING)
    reference = models.CharField(max_length=60, blank=True, help_text="e.g. the DBS certificate number")
    expires_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["kind", "-requested_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(received_on__isnull=True)
                | models.Q(received_on__gte=models.F("requested_on")),
                name="check_received_after_requested",
            )
        ]
        indexes = [models.Index(fields=["member", "kind", "requested_on"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.member.person}"


class EqualityMonitoring(OrganisationRecord):
    """A carer's answers to the equality questions Ofsted's collection asks, kept only with their consent.

    ``consented_on`` is when the person agreed to the answers being held and counted (anonymously) in the
    returns; withdrawing consent clears the answers. Sex and disability are the person's own fields; the
    person may prefer not to say them for monitoring, which is kept here.
    """

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="equality_monitoring")
    consented_on = models.DateField()
    sexual_orientation = models.CharField(max_length=20, choices=SexualOrientation.choices)
    gender_identity = models.CharField(max_length=20, choices=GenderIdentity.choices)
    relationship_status = models.CharField(max_length=20, choices=RelationshipStatus.choices)
    sex_not_said = models.BooleanField("Prefers not to say their sex", default=False)
    disability_not_said = models.BooleanField("Prefers not to say whether they are disabled", default=False)

    def __str__(self) -> str:
        return f"Equality monitoring of {self.person}"
