"""The annual report's PDF is made in the background (its charts and layout take seconds): the report's
page starts it, the job's page follows it and offers the file when it is done."""

from __future__ import annotations

from fostering.accounts.models import Organisation, User
from fostering.accounts.permissions import Perm
from fostering.jobs.models import Job
from fostering.jobs.registry import Outcome, Progress, register_job_kind
from fostering.jobs.services import job_start

from .annual_report import annual_report, pdf

ANNUAL_REPORT_PDF = "annual_report_pdf"


def run_annual_report_pdf(job: Job, progress: Progress) -> Outcome:
    year = int(job.params["year"])
    progress(0, 2, "Counting the year's figures")
    report = annual_report(job.organisation, year)
    progress(1, 2, "Drawing the charts and laying out the PDF")
    content = pdf(report)
    return Outcome(
        url="",
        label="Download the annual report (PDF)",
        summary=(
            f"The annual report for April {year - 1} to March {year}: {report.signed_off} of "
            f"{len(report.sections)} sections signed off."
        ),
        warning=report.signed_off < len(report.sections),
        file=(f"annual-report-{job.organisation.code}-{year}.pdf", content),
    )


def start_annual_report_pdf(*, organisation: Organisation, year: int, by: User) -> Job:
    return job_start(
        organisation=organisation,
        kind=ANNUAL_REPORT_PDF,
        description=f"Making the annual report for April {year - 1} to March {year} as a PDF",
        params={"year": year},
        by=by,
    )


def register() -> None:
    register_job_kind(
        ANNUAL_REPORT_PDF,
        label="Making the annual report",
        perm=Perm.WRITE_ANNUAL_REPORT,
        run=run_annual_report_pdf,
    )
