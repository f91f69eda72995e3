"""The scrutiny pack's PDF is made in the background (its charts and layout take seconds): the pack's
page starts it, the job's page follows it and offers the file when it is done."""

from __future__ import annotations

from fostering.accounts.models import Organisation, User
from fostering.accounts.permissions import Perm
from fostering.jobs.models import Job
from fostering.jobs.registry import Outcome, Progress, register_job_kind
from fostering.jobs.services import job_start

from . import pack
from .periods import Month

PACK_PDF = "indicators_pack_pdf"


def run_pack_pdf(job: Job, progress: Progress) -> Outcome:
    month = Month.parse(job.params["period"])
    rows = pack.table(job.organisation_id, month)
    content = pack.pdf_bytes(job.organisation, month, rows, progress=progress)
    return Outcome(
        url="",
        label="Download the pack (PDF)",
        summary=f"The performance pack for the quarter ending {month.last_day:%-d %B %Y}: {len(rows)} indicators.",
        file=(pack.filename(job.organisation, month, "pdf"), content),
    )


def start_pack_pdf(*, organisation: Organisation, month: Month, by: User) -> Job:
    return job_start(
        organisation=organisation,
        kind=PACK_PDF,
        description=f"Making the performance pack for the quarter ending {month.last_day:%-d %B %Y} as a PDF",
        params={"period": str(month)},
        by=by,
    )


def register() -> None:
    register_job_kind(
        PACK_PDF, label="Making the performance pack", perm=Perm.VIEW_INDICATORS, run=run_pack_pdf
    )
