"""The annual report: the year's figures from the indicators, the panel's year, managers' words as drafts
signed off by the service manager, a page and a PDF, and a command."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from pypdf import PdfReader

from fostering.accounts.roles import Role
from fostering.core.errors import NotAllowed
from fostering.indicators.periods import Month
from fostering.indicators.services import period_close
from fostering.jobs.models import Job
from fostering.reporting.annual_report import SECTIONS, annual_report, section_sign_off, section_write
from fostering.reporting.models import AnnualReportSection
from tests import builders

pytestmark = pytest.mark.django_db
YEAR = 2026


@pytest.fixture
def service(council):
    manager = builders.staff(council, Role.SERVICE_MANAGER, first_name="Sam", last_name="Lead")
    builders.approved_household(council, name="Ashby household", approved_on=date(2020, 5, 1))
    builders.approved_household(council, name="Belvoir household", approved_on=date(2025, 9, 10))
    period_close(organisation=council, month=Month(YEAR, 3), by=None)
    return manager


def test_each_section_shows_the_years_figures_as_the_dashboard_kept_them(council, service):
    report = annual_report(council, YEAR)
    assert [s.code for s in report.sections] == [code for code, _, _ in SECTIONS]
    ours = next(s for s in report.sections if s.code == "our_service")
    households = next(f for f in ours.figures if f.code == "FOS06")
    assert (households.value, households.kept) == ("2", True)
    recruitment = next(s for s in report.sections if s.code == "recruitment")
    mainstream = next(f for f in recruitment.figures if f.code == "FOS02")
    assert mainstream.value == "1"  # Belvoir, approved in September 2025
    assert next(s for s in report.sections if s.code == "panel_chair").extra["panel"].decisions == 0


def test_words_are_drafts_until_the_service_manager_signs_them_off(council, service):
    chair = builders.staff(council, Role.PANEL_CHAIR)
    section_write(
        organisation=council, year=YEAR, section="panel_chair", text="The panel met monthly.", by=chair
    )
    with pytest.raises(NotAllowed):
        section_sign_off(organisation=council, year=YEAR, section="panel_chair", by=chair)
    row = section_sign_off(organisation=council, year=YEAR, section="panel_chair", by=service)
    assert row.signed_off and row.signed_off_by == service
    with pytest.raises(ValidationError, match="signed off already"):
        section_sign_off(organisation=council, year=YEAR, section="panel_chair", by=service)
    # changed words are a draft again
    row = section_write(organisation=council, year=YEAR, section="panel_chair", text="Changed.", by=chair)
    assert not row.signed_off
    with pytest.raises(ValidationError, match="Write the section"):
        section_write(organisation=council, year=YEAR, section="final_word", text="  ", by=service)
    with pytest.raises(ValidationError, match="no words"):
        section_sign_off(organisation=council, year=YEAR, section="teams", by=service)
    worker = builders.staff(council, Role.SUPERVISING_SOCIAL_WORKER)
    with pytest.raises(NotAllowed):
        section_write(organisation=council, year=YEAR, section="teams", text="Us.", by=worker)


def test_a_manager_writes_and_signs_off_a_section_on_the_pages(client, council, service):
    client.force_login(service)
    url = f"{reverse('reporting:annual_report_section')}?year={YEAR}&section=recruitment"
    empty = client.post(url, {"text": ""}).content.decode()
    assert "Write the section" in empty and "govuk-error-summary" in empty
    assert client.post(url, {"text": "We held 12 information events."}).status_code == 302
    assert client.post(url, {"sign_off": "1"}).status_code == 302
    page = client.get(reverse("reporting:annual_report"), {"year": YEAR}).content.decode()
    section = page.split('data-section="recruitment"')[1].split("</section>")[0]
    assert "We held 12 information events." in section and "Signed off" in section and "Sam Lead" in section
    assert "1 of 20 sections signed off" in page
    bad = client.get(reverse("reporting:annual_report"), {"year": "2031"}).content.decode()
    assert "has not ended yet" in bad and "govuk-error-summary" in bad


def test_the_report_is_a_pdf_with_its_words_and_figures_by_page_and_command(
    client, council, service, tmp_path
):
    section_write(
        organisation=council, year=YEAR, section="final_word", text="Thank you to our carers.", by=service
    )
    client.force_login(service)
    # the page makes the PDF in the background (at once, in the tests) and the job's page offers it
    started = client.post(f"{reverse('reporting:annual_report')}?year={YEAR}")
    job = Job.objects.get(kind="annual_report_pdf")
    assert started["Location"] == reverse("jobs:detail", args=[job.pk])
    assert (
        job.status == "done" and "1 of 20" not in job.outcome and "0 of 20 sections signed off" in job.outcome
    )
    assert reverse("jobs:download", args=[job.pk]) in client.get(started["Location"]).content.decode()
    response = client.get(reverse("jobs:download", args=[job.pk]))
    assert response["Content-Disposition"].startswith('attachment; filename="annual-report-')
    downloaded = b"".join(response.streaming_content)
    out = tmp_path / "report.pdf"
    call_command("annual_report", "--year", str(YEAR), "--out", str(out))
    for content in (downloaded, out.read_bytes()):
        text = " ".join(page.extract_text() for page in PdfReader(__import__("io").BytesIO(content)).pages)
        assert "Thank you to our carers." in text and "Draft, not signed off" in text
        assert "Fostering households" in text
    with pytest.raises(CommandError, match="has not ended"):
        call_command("annual_report", "--year", "2031", "--out", str(out))
    assert AnnualReportSection.objects.count() == 1
