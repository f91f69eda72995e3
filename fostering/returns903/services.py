"""The write side of the 903 return: checking a year's return against the DfE rules, and the code the
rules know the council by. Each function takes the acting user as ``by``."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import transaction

from fostering.accounts.models import Organisation, User
from fostering.accounts.permissions import Perm, require
from fostering.audit.services import record_event

from .export import build_return
from .models import ReturnSettings, ValidationRun, validate_authority_code
from .selectors import local_authority_code
from .validation import ValidatorUnavailable, validate_return

FIRST_YEAR = 2023


def check_return_ready(*, organisation: Organisation, year: int) -> str:
    """Refuse a check that cannot run (before it is queued); the council's code for the rules if it can."""
    if year < FIRST_YEAR:
        raise ValidationError({"year": f"The DfE rules this service runs start with the {FIRST_YEAR} return"})
    la = local_authority_code(organisation)
    if not la:
        raise ValidationError(
            {"year": "Set the council's local authority code for the DfE rules before checking the return"}
        )
    return la


def check_return(
    *,
    organisation: Organisation,
    year: int,
    by: User | None,
    progress: Callable[[int, int, str], None] | None = None,
) -> ValidationRun:
    """Build the year's return and last year's, run the DfE rules on them, and keep the result.

    ``progress(done, total, text)`` hears of each step (a job's page shows it)."""

    def step(done: int, text: str) -> None:
        if progress is not None:
            progress(done, 4, text)

    require(by, Perm.CHECK_RETURN_903, organisation.pk)
    la = check_return_ready(organisation=organisation, year=year)
    step(0, f"Building the {year} return from the records")
    current = build_return(organisation, year)
    step(1, f"Building the {year - 1} return, which the rules compare with")
    previous = build_return(organisation, year - 1, coded_as=year)
    step(2, "Running the DfE rules (this takes the longest)")
    try:
        result = validate_return(current, previous, local_authority=la)
    except ValidatorUnavailable as exc:
        raise ValidationError({"year": str(exc)}) from exc
    step(3, "Keeping the result")
    with transaction.atomic():
        run = ValidationRun.objects.create(
            organisation=organisation,
            year=year,
            local_authority_code=la,
            children=len(current.tables["Header"]),
            episodes=len(current.tables["Episodes"]),
            error_count=len(result.errors),
            failed_rule_count=len(result.failed_to_run),
            result=result.as_dict(),
            child_records=previous.children | current.children,
            created_by=by,
            modified_by=by,
        )
        record_event(
            actor=by,
            verb="return_903_checked",
            obj=run,
            changes={"year": [None, year], "errors": [None, run.error_count]},
        )
    return run


def set_local_authority_code(*, organisation: Organisation, code: str, by: User | None) -> ReturnSettings:
    require(by, Perm.CHECK_RETURN_903, organisation.pk)
    code = code.strip().upper()
    try:
        validate_authority_code(code)
    except ValidationError as exc:
        raise ValidationError({"local_authority_code": exc.messages}) from exc
    with transaction.atomic():
        settings, created = ReturnSettings.objects.get_or_create(
            organisation=organisation,
            defaults={"local_authority_code": code, "created_by": by, "modified_by": by},
        )
        old = None if created else settings.local_authority_code
        if not created:
            settings.local_authority_code = code
            settings.stamp(by)
            settings.save()
        record_event(
            actor=by,
            verb="return_903_authority_set",
            obj=settings,
            changes={"local_authority_code": [old, code]},
        )
    return settings
