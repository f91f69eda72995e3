"""The one background task: run a job. Workers (`manage.py db_worker`) take it from the database queue."""

from __future__ import annotations

from django_tasks import task

from . import services


@task()
def run_job(job_id: int) -> None:
    services.job_run(job_id=job_id)
