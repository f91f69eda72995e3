"""The 903 return page: the service manager checks a year, sees each failing rule with links to the
children's records, downloads the files, and sets the code the DfE rules know the council by."""

import io
import zipfile
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from fostering.accounts.roles import Role
from fostering.audit.models import AuditEvent
from fostering.children.models import LegalStatus, PeriodOfCare
from fostering.core import clock
from fostering.jobs.models import Job
from fostering.returns903 import services
from fostering.returns903.models import ReturnSettings, ValidationRun
from fostering.returns903.validation import ValidationResult
from tests import builders


@pytest.fixture
def manager_client(service_manager):
    client = Client()
    client.force_login(service_manager)
    return client


@pytest.fixture
def looked_after(council, monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: date(2026, 11, 23))
    child = builders.child(council, date_of_birth=date(2014, 1, 5))
    PeriodOfCare.objects.create(
        organisation=council, child=child, started_on=date(2025, 6, 2), category_of_need="N1"
    )
    LegalStatus.objects.create(organisation=council, child=child, code="V2", started_on=date(2025, 6, 2))
    return child


def fake_rules(seen):
    def validate(current, previous, *, local_authority):
        seen.append((current.year, previous.year, local_authority))
        child = current.tables["Header"][0]["CHILD"]
        return ValidationResult(
            year=current.year,
            local_authority=local_authority,
            errors=[
                {
                    "rule": "392b",
                    "message": "Child is looked after but no postcodes are recorded.",
                    "fields": ["HOME_POST", "PL_POST"],
                    "table": "Episodes",
                    "row": 0,
                    "child": child,
                },
            ],
            failed_to_run=[
                {
                    "rule": "233",
                    "message": "Reason for placement change is not required",
                    "tables": ["Episodes"],
                    "fields": ["REASON_PLACE_CHANGE"],
                    "missing_tables": [],
                    "missing_fields": ["REASON_PLACE_CHANGE"],
                    "reason": "KeyError: 'REASON_PLACE_CHANGE'",
                }
            ],
            rules_run=150,
            seconds=8.5,
        )

    return validate


def test_the_service_manager_checks_the_return_and_sees_each_rule_with_the_child_to_fix(
    council, manager_client, looked_after, monkeypatch
):
    # given
    ReturnSettings.objects.create(organisation=council, local_authority_code="E10000018")
    seen: list = []
    monkeypatch.setattr(services, "validate_return", fake_rules(seen))
    # when
    response = manager_client.post(reverse("returns903:check"), {"year": "2026"})
    # then
    assert response.status_code == 302
    job = Job.objects.get(organisation=council, kind="return_903_check")
    assert response["Location"] == reverse("jobs:detail", args=[job.pk])
    # the tests' task backend runs the job at once: the job's page says what it found and links the result
    assert (job.status, job.steps_done, job.steps_total, job.outcome_is_warning) == ("done", 4, 4, True)
    job_page = manager_client.get(response["Location"]).content.decode()
    assert "The 2026 return was checked: 1 error in 1 children&#x27;s records." in job_page
    assert "1 rule could not run, so the return is not fully checked" in job_page
    assert "govuk-notification-banner--success" not in job_page
    assert 'href="/returns/903/?year=2026"' in job_page
    assert seen == [(2026, 2025, "E10000018")]
    run = ValidationRun.objects.get(organisation=council)
    assert (run.year, run.children, run.episodes, run.error_count, run.failed_rule_count) == (
        2026,
        1,
        1,
        1,
        1,
    )
    assert AuditEvent.objects.filter(verb="return_903_checked", record_id=str(run.pk)).exists()
    page = manager_client.get("/returns/903/?year=2026").content.decode()
    assert "Rule 392b: Child is looked after but no postcodes are recorded. (1)" in page
    assert f'href="{reverse("children:detail", args=[looked_after.pk])}">{looked_after.child_id}</a>' in page
    assert "1 rule did not run, so it was not checked" in page
    assert "It reads REASON_PLACE_CHANGE in the Episodes file." in page
    assert "Missing from the files: REASON_PLACE_CHANGE." in page
    assert "It stopped with: <code>KeyError: &#x27;REASON_PLACE_CHANGE&#x27;</code>" in page


def test_checking_without_the_councils_code_is_refused_beside_the_year(council, manager_client, looked_after):
    response = manager_client.post(reverse("returns903:check"), {"year": "2026"})
    assert response.status_code == 200
    assert "Set the council&#x27;s local authority code for the DfE rules before checking the return" in (
        response.content.decode()
    )
    assert not ValidationRun.objects.exists()
    assert not Job.objects.exists()


def test_the_files_download_as_a_zip_of_this_year_and_last(manager_client, looked_after):
    response = manager_client.get(reverse("returns903:home"), {"year": "2026", "format": "zip"})
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    header = archive.read("2026/header.csv").decode().splitlines()
    assert header[0] == "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB"
    assert header[1].startswith(f"{looked_after.child_id},F,05/01/2014,")
    assert archive.read("2025/episodes.csv").decode().splitlines()[1:] == []


def test_the_code_must_be_an_upper_tier_authority_code(council, manager_client):
    response = manager_client.post(reverse("returns903:authority"), {"local_authority_code": "990"})
    assert "Enter the upper-tier local authority code, like E10000018" in response.content.decode()
    assert not ReturnSettings.objects.exists()
    response = manager_client.post(reverse("returns903:authority"), {"local_authority_code": "e10000018"})
    assert response.status_code == 302
    assert ReturnSettings.objects.get(organisation=council).local_authority_code == "E10000018"


def test_a_social_worker_may_not_open_the_return(council, make_staff):
    client = Client()
    client.force_login(make_staff(council, Role.CHILDS_SOCIAL_WORKER))
    assert client.get(reverse("returns903:home")).status_code == 403
    assert client.post(reverse("returns903:check"), {"year": "2026"}).status_code == 403
