from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from fostering.core import clock

from .roles import Role


class Organisation(models.Model):
    """A council or an agency. Every record in the system belongs to exactly one organisation."""

    class Kind(models.TextChoices):
        COUNCIL = "council", "Local authority"
        AGENCY = "agency", "Independent fostering agency"
        REGIONAL = "regional", "Regional scheme"

    name = models.CharField(max_length=200, unique=True)
    code = models.CharField(
        max_length=10, unique=True, help_text="Local authority code as the DfE uses it, for example 855."
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.COUNCIL)
    region = models.CharField(max_length=100, blank=True)
    session_idle_minutes = models.PositiveSmallIntegerField(
        default=30,
        validators=[MinValueValidator(5), MaxValueValidator(480)],
        help_text="Staff are signed out after this many minutes without activity.",
    )
    portal_two_factor_required = models.BooleanField(
        "Carers and applicants must use two-factor authentication",
        default=False,
        help_text="When off, the portal offers two-factor authentication to carers and applicants.",
    )
    out_of_hours_phone = models.CharField(
        "Out-of-hours phone number",
        max_length=30,
        blank=True,
        help_text="Shown to carers on each child's page in the portal: who to call outside office hours.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Team(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="teams")
    name = models.CharField(max_length=200)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="team_unique_name")]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A member of staff (or, later, a carer using the portal). Roles come from memberships."""

    job_title = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["last_name", "first_name"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class Membership(models.Model):
    """A user's role within one organisation. A user may hold several."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(max_length=40, choices=Role.choices)
    team = models.ForeignKey(Team, on_delete=models.SET_NULL, null=True, blank=True, related_name="members")
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"],
                condition=models.Q(ended_on__isnull=True),
                name="membership_one_active_role",
            ),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True) | models.Q(ended_on__gte=models.F("started_on")),
                name="membership_ends_after_start",
            ),
        ]
        indexes = [models.Index(fields=["organisation", "role"])]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()}, {self.organisation}"


class ApiToken(models.Model):
    """A bearer token for the JSON API. Only a hash is stored; the token is shown once.

    A token works until it expires or is revoked, whichever comes first."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, blank=True, help_text="What the token is for")
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name or self.prefix + '…'} ({self.user})"

    @property
    def state(self) -> str:
        if self.revoked_at is not None:
            return "Revoked"
        if self.expires_at <= clock.now():
            return "Expired"
        return "Active"
