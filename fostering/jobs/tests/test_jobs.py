"""Jobs: started by a user for their council, run by a worker from the database queue, followed on a page
that only those who may start that kind of work can open (another council's job is 404)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from fostering.accounts.permissions import Perm
from fostering.accounts.roles import Role
from fostering.audit.models import AuditEvent
from fostering.jobs import services
from fostering.jobs.models import Job
from fostering.jobs.registry import Outcome, register_job_kind

seen: list[tuple[int, str]] = []


def counting(job, progress):
    """A job of three steps that records who ran it; params {"fail": "..."} refuses in words."""
    for step in range(3):
        progress(step, 3, f"Counting step {step + 1}")
    if job.params.get("fail") == "refusal":
        raise ValidationError({"year": "The year has not started"})
    if job.params.get("fail") == "crash":
        raise RuntimeError("disk on fire")
    seen.append((job.pk, job.created_by.username))
    return Outcome(url="/returns/903/?year=2026", label="See the count", summary="Counted 3.")


register_job_kind("test_count", label="Counting", perm=Perm.CHECK_RETURN_903, run=counting)


def start(council, user, **params):
    return services.job_start(
        organisation=council, kind="test_count", description="Counting the records", params=params, by=user
    )


@pytest.fixture
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


# the worker closes its database connection when it finishes, as it would in production, so the test runs
# outside a wrapping transaction
@pytest.mark.django_db(transaction=True)
def test_a_job_waits_in_the_database_queue_until_a_worker_runs_it(council, service_manager, database_queue):
    # given a job started with the database backend
    seen.clear()
    job = start(council, service_manager)
    # then it is queued, with the task in the queue and the start audited
    assert job.status == "queued"
    assert DBTaskResult.objects.get(id=job.task_id).status == "READY"
    assert AuditEvent.objects.filter(verb="job_started", record_id=str(job.pk)).exists()
    client = Client()
    client.force_login(service_manager)
    body = client.get(reverse("jobs:status", args=[job.pk])).json()
    assert (body["status"], body["finished"]) == ("queued", False)
    assert body["progress"] == "Waiting for a worker to start it."
    page = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert '<meta http-equiv="refresh" content="3">' in page
    assert 'aria-live="polite"' in page and "jobs/progress.js" in page
    # when a worker takes what is queued and stops
    call_command("db_worker", "--batch", "--interval", "0", verbosity=0)
    # then the job ran as the user who started it, to the end
    job.refresh_from_db()
    assert seen == [(job.pk, service_manager.username)]
    assert (job.status, job.steps_done, job.steps_total, job.outcome) == ("done", 3, 3, "Counted 3.")
    assert job.started_at <= job.finished_at
    assert DBTaskResult.objects.get(id=job.task_id).status == "SUCCESSFUL"
    body = client.get(reverse("jobs:status", args=[job.pk])).json()
    assert (body["finished"], body["result_url"]) == (True, "/returns/903/?year=2026")
    page = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert 'http-equiv="refresh"' not in page
    assert '<a class="govuk-link" href="/returns/903/?year=2026">See the count</a>' in page


def test_a_refusal_is_kept_in_words_and_an_unexpected_error_without_its_details(council, service_manager):
    refused = start(council, service_manager, fail="refusal")
    crashed = start(council, service_manager, fail="crash")
    refused.refresh_from_db()
    crashed.refresh_from_db()
    assert (refused.status, refused.error) == ("failed", "The year has not started")
    assert crashed.status == "failed"
    assert crashed.error == services.UNEXPECTED
    assert "disk on fire" not in crashed.error
    client = Client()
    client.force_login(service_manager)
    page = client.get(reverse("jobs:detail", args=[refused.pk])).content.decode()
    assert "It did not finish: The year has not started" in page


def test_progress_stays_within_its_steps(council, service_manager, database_queue):
    job = start(council, service_manager)
    services.job_progress(job=job, done=7, total=4, text="x" * 300)
    job.refresh_from_db()
    assert (job.steps_done, job.steps_total, len(job.progress_text)) == (4, 4, 200)


def test_only_staff_who_may_do_the_work_start_it(council, make_staff):
    worker = make_staff(council, Role.CHILDS_SOCIAL_WORKER)
    with pytest.raises(PermissionDenied):
        start(council, worker)
    assert not Job.objects.exists()


def test_a_job_is_seen_only_in_its_own_council_by_those_who_may_do_the_work(
    council, other_council, service_manager, make_staff, database_queue
):
    job = start(council, service_manager)
    outsider = make_staff(other_council, Role.SERVICE_MANAGER)
    colleague = make_staff(council, Role.SERVICE_MANAGER)
    social_worker = make_staff(council, Role.CHILDS_SOCIAL_WORKER)
    for user, expected in ((outsider, 404), (social_worker, 404), (colleague, 200)):
        client = Client()
        client.force_login(user)
        assert client.get(reverse("jobs:detail", args=[job.pk])).status_code == expected
        assert client.get(reverse("jobs:status", args=[job.pk])).status_code == expected
    assert Client().get(reverse("jobs:status", args=[job.pk])).status_code == 302


def making_a_file(job, progress):
    return Outcome(url="", label="Download the count", summary="Counted.", file=("count.csv", b"n\n3\n"))


register_job_kind("test_file", label="Counting to a file", perm=Perm.CHECK_RETURN_903, run=making_a_file)


@pytest.mark.django_db
def test_a_file_the_work_made_is_downloaded_from_its_page_and_work_without_one_has_none(
    client, council, service_manager
):
    job = services.job_start(
        organisation=council,
        kind="test_file",
        description="Counting to a file",
        params={},
        by=service_manager,
    )
    job.refresh_from_db()
    url = reverse("jobs:download", args=[job.pk])
    assert job.result_url == url
    client.force_login(service_manager)
    assert 'href="' + url + '"' in client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    response = client.get(url)
    assert b"".join(response.streaming_content) == b"n\n3\n"
    assert response["Content-Disposition"].startswith("attachment")
    assert AuditEvent.objects.filter(verb="job_file_downloaded", record_id=str(job.pk)).exists()
    without = start(council, service_manager)
    assert client.get(reverse("jobs:download", args=[without.pk])).status_code == 404
