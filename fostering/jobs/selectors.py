"""The read side of jobs: a user sees a job of a council where they hold the permission its kind needs
(out of reach is 404, as for every record)."""

from __future__ import annotations

from django.http import Http404

from fostering.accounts.models import User
from fostering.accounts.permissions import organisations_with

from .choices import FINISHED
from .models import Job
from .registry import kinds


def job_get_for_user(*, user: User, pk: int) -> Job:
    job = Job.objects.select_related("created_by").filter(pk=pk).first()
    kind = kinds().get(job.kind) if job is not None else None
    if job is None or kind is None or job.organisation_id not in organisations_with(user, kind.perm):
        raise Http404("No such job")
    return job


def job_unfinished(*, organisation_id: int, kind: str) -> Job | None:
    """The latest job of this kind still queued or running for the council (so a page can point to it)."""
    return (
        Job.objects.filter(organisation_id=organisation_id, kind=kind)
        .exclude(status__in=list(FINISHED))
        .first()
    )
