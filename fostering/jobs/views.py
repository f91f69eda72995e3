"""A job's page: what it is doing now, refreshed by a small script polling the JSON beside it (and by a
refresh every few seconds without JavaScript), then the link to what it produced or the error in words."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse

from fostering.core.views import StaffRequest

from .choices import FINISHED
from .models import Job
from .selectors import job_get_for_user
from .services import job_file_downloaded

REFRESH_SECONDS = 3


def as_json(job: Job) -> dict[str, Any]:
    return {
        "status": job.status,
        "status_label": job.get_status_display(),
        "finished": job.status in FINISHED,
        "steps_done": job.steps_done,
        "steps_total": job.steps_total,
        "progress": progress_sentence(job),
        "result_url": job.result_url,
        "result_label": job.result_label,
        "outcome": job.outcome,
        "outcome_is_warning": job.outcome_is_warning,
        "error": job.error,
    }


def progress_sentence(job: Job) -> str:
    if job.status == "queued":
        return "Waiting for a worker to start it."
    if job.status == "running":
        step = f"Step {job.steps_done + 1} of {job.steps_total}: " if job.steps_total else ""
        return f"{step}{job.progress_text or 'Starting'}."
    if job.status == "done":
        return "Finished."
    return "It stopped before it finished."


@login_required
def detail(request: StaffRequest, pk: int) -> HttpResponse:
    job = job_get_for_user(user=request.user, pk=pk)
    return render(
        request,
        "jobs/detail.html",
        {
            "job": job,
            "finished": job.status in FINISHED,
            "progress": progress_sentence(job),
            "status_url": reverse("jobs:status", args=[job.pk]),
            "refresh_seconds": REFRESH_SECONDS,
        },
    )


@login_required
def status(request: StaffRequest, pk: int) -> JsonResponse:
    job = job_get_for_user(user=request.user, pk=pk)
    return JsonResponse(as_json(job))


@login_required
def download(request: StaffRequest, pk: int) -> FileResponse:
    """The file a finished job made, to those who may see the job; each download is audited."""
    job = job_get_for_user(user=request.user, pk=pk)
    if not job.result_file:
        raise Http404("This work made no file")
    job_file_downloaded(job=job, by=request.user)
    name = job.result_file.name.rsplit("/", 1)[-1]
    return FileResponse(job.result_file.open("rb"), as_attachment=True, filename=name)
