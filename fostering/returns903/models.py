from __future__ import annotations

from django.core.validators import RegexValidator
from django.db import models

from fostering.core.models import OrganisationRecord

validate_authority_code = RegexValidator(
    r"^E(06|08|09|10)\d{6}$",
    "Enter the upper-tier local authority code, like E10000018",
)


class ReturnSettings(OrganisationRecord):
    """How the organisation is known to the DfE's rules: the upper-tier local authority code (ONS, e.g.
    E10000018 for Leicestershire) the rules use to tell placements in and out of the authority's area.
    An organisation's own code (the DfE's three-digit number) is not enough for that."""

    local_authority_code = models.CharField(
        "Local authority code (ONS)", max_length=9, validators=[validate_authority_code]
    )

    class Meta:
        verbose_name_plural = "return settings"
        constraints = [models.UniqueConstraint(fields=["organisation"], name="return_settings_one_each")]

    def __str__(self) -> str:
        return f"903 return as {self.local_authority_code}"


class ValidationRun(OrganisationRecord):
    """The result of running the DfE's rules on a year's return: kept so the page and the API can show
    the last result without running the rules again."""

    year = models.PositiveSmallIntegerField(
        help_text="The collection year as the DfE names it (2026 ends 31 March)"
    )
    local_authority_code = models.CharField(max_length=9)
    children = models.PositiveIntegerField(default=0)
    episodes = models.PositiveIntegerField(default=0)
    error_count = models.PositiveIntegerField(default=0)
    failed_rule_count = models.PositiveIntegerField(default=0)
    result = models.JSONField(default=dict)
    child_records = models.JSONField(default=dict, help_text="CHILD -> the child record's id")

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["organisation", "year", "created_at"])]

    def __str__(self) -> str:
        return f"{self.year} return checked: {self.error_count} errors"
