"""The service manager starts the 903 check by clicking; the job's page shows it waiting, then how far the
worker has got (polled, not reloaded by hand), then the outcome and the link to the return's page."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.management import call_command

from fostering.children.models import LegalStatus, PeriodOfCare
from fostering.core import clock
from fostering.jobs.models import Job
from fostering.returns903 import services
from fostering.returns903.models import ReturnSettings
from fostering.returns903.validation import ValidationResult
from tests import builders

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_903_check_runs_in_the_background_with_its_progress_on_the_page(
    page, sign_in, axe, council, service_manager, settings, monkeypatch
):
    # given a council with its code for the DfE rules, a child looked after, and jobs queued in the database
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    monkeypatch.setattr(clock, "today", lambda: date(2026, 11, 23))
    ReturnSettings.objects.create(organisation=council, local_authority_code="E10000018")
    child = builders.child(council, date_of_birth=date(2014, 1, 5))
    PeriodOfCare.objects.create(
        organisation=council, child=child, started_on=date(2025, 6, 2), category_of_need="N1"
    )
    LegalStatus.objects.create(organisation=council, child=child, code="V2", started_on=date(2025, 6, 2))
    seen_while_running: list[str] = []

    def rules(current, previous, *, local_authority):
        # the worker is at the DfE rules: the page, polling, says so before they finish
        status = page.locator("[data-job-progress]")
        status.filter(has_text="Step 3 of 4: Running the DfE rules").wait_for(timeout=60_000)
        seen_while_running.append(status.inner_text())
        assert page.locator("[data-job-status]").inner_text() == "Running"
        return ValidationResult(
            year=current.year,
            local_authority=local_authority,
            errors=[],
            failed_to_run=[
                {
                    "rule": "231",
                    "message": "Please check the date of birth is correct.",
                    "tables": ["Header"],
                    "fields": ["DOB", "UASC_STATUS"],
                    "missing_tables": [],
                    "missing_fields": ["UASC_STATUS"],
                    "reason": "KeyError: 'UASC_STATUS'",
                }
            ],
            rules_run=250,
            seconds=21.0,
        )

    monkeypatch.setattr(services, "validate_return", rules)
    sign_in(page, service_manager)
    page.set_default_timeout(60_000)  # the machine running the tests may be slow

    # when they start the check
    page.goto("/returns/903/?year=2026")
    page.get_by_role("button", name="Check the 2026 return against the DfE rules").click()

    # then the job's page shows it waiting for a worker, and passes axe at a desk and on a phone
    assert page.locator("h1").inner_text() == "Checking the 2026 return against the DfE rules"
    assert page.locator("[data-job-status]").inner_text() == "Waiting to start"
    assert page.locator("#job-status").get_attribute("aria-live") == "polite"
    assert axe(page) == []
    page.set_viewport_size({"width": 375, "height": 800})
    assert axe(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.set_viewport_size({"width": 1280, "height": 900})
    job = Job.objects.get(kind="return_903_check")
    assert job.status == "queued"

    # when a worker runs what is queued (here, in the test's own process)
    call_command("db_worker", "--batch", "--interval", "0", verbosity=0)

    # then the page followed it and, once done, shows the outcome as a warning (a rule did not run)
    assert seen_while_running == ["Step 3 of 4: Running the DfE rules (this takes the longest)."]
    page.locator("[data-job-status]", has_text="Done").wait_for(timeout=60_000)
    warning = page.locator(".govuk-warning-text")
    assert "The 2026 return was checked: 0 errors in 1 children's records." in warning.inner_text()
    assert "1 rule could not run, so the return is not fully checked" in warning.inner_text()
    assert page.locator(".govuk-notification-banner--success").count() == 0
    assert axe(page) == []
    page.set_viewport_size({"width": 375, "height": 800})
    assert axe(page) == []
    page.set_viewport_size({"width": 1280, "height": 900})

    # and the return's page shows the result, with why the rule did not run
    page.get_by_role("link", name="See the result of checking the 2026 return").click()
    body = page.locator("main").inner_text()
    assert "1 rule did not run, so it was not checked: 231." in body
    assert "It reads DOB, UASC_STATUS in the Header file." in body
    assert "Missing from the files: UASC_STATUS." in body
    assert page.locator(".govuk-tag--green").count() == 0 or "No errors" in body
