"""Checking a year's return runs as a background job (the DfE rules take tens of seconds): the page
starts it, the job's page follows it, and the return's page shows the outcome as before."""

from __future__ import annotations

from django.urls import reverse

from fostering.accounts.models import Organisation, User
from fostering.accounts.permissions import Perm
from fostering.jobs.models import Job
from fostering.jobs.registry import Outcome, Progress, register_job_kind
from fostering.jobs.selectors import job_unfinished
from fostering.jobs.services import job_start

from . import services

CHECK = "return_903_check"


def run_check(job: Job, progress: Progress) -> Outcome:
    year = int(job.params["year"])
    run = services.check_return(
        organisation=job.organisation, year=year, by=job.created_by, progress=progress
    )
    errors = f"{run.error_count} error{'s' if run.error_count != 1 else ''}"
    summary = f"The {year} return was checked: {errors} in {run.children} children's records."
    if run.failed_rule_count:
        rules = "rule" if run.failed_rule_count == 1 else "rules"
        summary += (
            f" {run.failed_rule_count} {rules} could not run, so the return is not fully checked:"
            " the return's page says which and why."
        )
    return Outcome(
        url=f"{reverse('returns903:home')}?year={year}",
        label=f"See the result of checking the {year} return",
        summary=summary,
        warning=bool(run.failed_rule_count),
    )


def start_check(*, organisation: Organisation, year: int, by: User) -> Job:
    """Queue the check (the DfE rules take tens of seconds), or follow the one already under way."""
    services.check_return_ready(organisation=organisation, year=year)
    running = job_unfinished(organisation_id=organisation.pk, kind=CHECK)
    if running is not None and running.params.get("year") == year:
        return running
    return job_start(
        organisation=organisation,
        kind=CHECK,
        description=f"Checking the {year} return against the DfE rules",
        params={"year": year},
        by=by,
    )


def register() -> None:
    register_job_kind(CHECK, label="Checking the 903 return", perm=Perm.CHECK_RETURN_903, run=run_check)
