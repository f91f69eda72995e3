"""The read side of the 903 return: which organisation a user prepares the return for, and its settings."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from fostering.accounts.models import Organisation, User
from fostering.accounts.permissions import Perm, organisations_with

from .models import ReturnSettings, ValidationRun


def organisation_for_user(*, user: User) -> Organisation:
    """The organisation whose return the user prepares (refused without the permission)."""
    orgs = organisations_with(user, Perm.VIEW_RETURN_903)
    if not orgs:
        raise PermissionDenied
    return Organisation.objects.get(pk=min(orgs))


def local_authority_code(organisation: Organisation) -> str:
    """The upper-tier local authority code the DfE rules know the organisation by ('' if not set)."""
    settings = ReturnSettings.objects.filter(organisation=organisation).first()
    return settings.local_authority_code if settings is not None else ""


def last_run(*, organisation: Organisation, year: int) -> ValidationRun | None:
    return (
        ValidationRun.objects.filter(organisation=organisation, year=year)
        .order_by("-created_at", "-id")
        .first()
    )


def runs_for_user(*, user: User, year: int | None = None) -> list[ValidationRun]:
    """The latest check of each year's return, for the organisations whose return the user may see."""
    orgs = organisations_with(user, Perm.VIEW_RETURN_903)
    runs = ValidationRun.objects.filter(organisation_id__in=orgs).order_by(
        "organisation_id", "-year", "-created_at", "-id"
    )
    if year is not None:
        runs = runs.filter(year=year)
    latest: dict[tuple[int, int], ValidationRun] = {}
    for run in runs.only(
        "id",
        "organisation_id",
        "year",
        "created_at",
        "local_authority_code",
        "children",
        "episodes",
        "error_count",
        "failed_rule_count",
        "result",
        "child_records",
    ):
        latest.setdefault((run.organisation_id, run.year), run)
    return list(latest.values())
