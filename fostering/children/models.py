from __future__ import annotations

from django.conf import settings
from django.db import models

from fostering.core.models import OrganisationRecord

from .upn import validate_upn


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
    what_carers_need_to_know = models.TextField(blank=True)

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
