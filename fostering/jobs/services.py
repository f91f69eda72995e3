"""The write side of jobs: start one (queued for a worker), record its progress, run it, and finish it.

The work itself is the owning app's own service function, called with the user who started the job, so a
job does exactly what the synchronous command does."""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse

from fostering.accounts.models import Organisation, User
from fostering.accounts.permissions import require
from fostering.audit.services import record_event
from fostering.core import clock

from .choices import FINISHED, JobStatus
from .models import Job
from .registry import Progress, kind_of

logger = logging.getLogger(__name__)

UNEXPECTED = (
    "The work stopped because of an unexpected error, which has been logged. "
    "Start it again; if it stops again, tell the service desk."
)


def job_start(
    *, organisation: Organisation, kind: str, description: str, params: dict[str, Any], by: User
) -> Job:
    """Queue a job for a worker; the page follows its progress."""
    job_kind = kind_of(kind)
    require(by, job_kind.perm, organisation.pk)
    with transaction.atomic():
        job = Job(organisation=organisation, kind=kind, description=description, params=params)
        job.stamp(by)
        job.save()
        record_event(
            actor=by, verb="job_started", obj=job, changes={"kind": [None, kind], "params": [None, params]}
        )
    from .tasks import run_job

    # With the immediate backend (tests) the job runs here; with the database backend a worker takes it.
    result = run_job.enqueue(job.pk)
    Job.objects.filter(pk=job.pk).update(task_id=str(result.id)[:64])
    job.refresh_from_db()
    return job


def job_progress(*, job: Job, done: int, total: int, text: str) -> None:
    """Save how far the job has got: ``done`` of ``total`` steps, and what it is doing now."""
    job.steps_total = max(total, 0)
    job.steps_done = min(max(done, 0), job.steps_total)
    job.progress_text = text[:200]
    job.modified_at = clock.now()
    job.save(update_fields=["steps_done", "steps_total", "progress_text", "modified_at"])


def job_run(*, job_id: int) -> Job | None:
    """Do the job's work (in a worker). A refusal is kept in words; an unexpected error is logged."""
    job = Job.objects.select_related("created_by", "organisation").filter(pk=job_id).first()
    if job is None or job.status in FINISHED:
        return job
    job.status = JobStatus.RUNNING
    job.started_at = job.modified_at = clock.now()
    job.save(update_fields=["status", "started_at", "modified_at"])
    try:
        outcome = kind_of(job.kind).run(job, Progress(job))
    except ValidationError as exc:
        return _fail(job, " ".join(exc.messages))
    except Exception:
        logger.exception("Job %s (%s) failed", job.pk, job.kind)
        return _fail(job, UNEXPECTED)
    job.status = JobStatus.DONE
    job.result_url, job.result_label = outcome.url[:300], outcome.label[:200]
    if outcome.file is not None:
        name, content = outcome.file
        job.result_file.save(name, ContentFile(content), save=False)
        job.result_url = reverse("jobs:download", args=[job.pk])
    job.outcome, job.outcome_is_warning = outcome.summary[:500], outcome.warning
    if job.steps_total:
        job.steps_done = job.steps_total
    job.finished_at = job.modified_at = clock.now()
    job.save()
    return job


def _fail(job: Job, error: str) -> Job:
    job.status = JobStatus.FAILED
    job.error = error
    job.finished_at = job.modified_at = clock.now()
    job.save(update_fields=["status", "error", "finished_at", "modified_at"])
    return job


def job_file_downloaded(*, job: Job, by: User) -> None:
    """A job's file was downloaded: who, and which (reports can hold what a council counts)."""
    record_event(
        actor=by, verb="job_file_downloaded", obj=job, changes={"file": [None, job.result_file.name]}
    )
