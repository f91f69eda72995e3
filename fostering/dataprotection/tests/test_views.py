"""The pages: what is due (and as CSV), disposal needs its confirmation, the schedule's form shows errors
beside the field, the subject access download, and another council's records are out of reach."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date

import pytest
from django.test import Client

from fostering.core import clock
from fostering.dataprotection.models import ErasureRequest, RetentionRule
from fostering.recruitment.models import Enquiry
from tests import builders

from . import factories

TODAY = date(2026, 11, 23)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: TODAY)


@pytest.fixture
def manager_client(service_manager):
    client = Client()
    client.force_login(service_manager)
    return client


def test_the_report_lists_each_record_due_with_why_and_the_csv_says_the_same(council, manager_client):
    enquiry = factories.closed_enquiry(council, last_name="Quarrie", closed_on=date(2024, 4, 1))

    page = manager_client.get("/data-protection/").content.decode()
    rows = list(csv.reader(io.StringIO(manager_client.get("/data-protection/?format=csv").content.decode())))

    assert "Enquiry from Alex Quarrie" in page and "Closed (closed or withdrawn) on 1 April 2024" in page
    assert f"/data-protection/dispose/enquiry/{enquiry.pk}/" in page
    assert rows == [
        ["Kind", "Record", "Id", "Due on", "Rule", "Dated fact", "Disposal"],
        [
            "Enquiry that went no further",
            "Enquiry from Alex Quarrie (04/03/2024)",
            str(enquiry.pk),
            "2026-04-01",
            "Enquiry that went no further: kept 2 years after the enquiry closed without going further",
            "Closed (closed or withdrawn) on 1 April 2024",
            "Erase (the record is deleted)",
        ],
    ]


def test_disposal_needs_the_confirmation(council, manager_client):
    enquiry = factories.closed_enquiry(council, closed_on=date(2024, 4, 1))
    url = f"/data-protection/dispose/enquiry/{enquiry.pk}/"

    refused = manager_client.post(url, {})
    assert refused.status_code == 200
    assert "Confirm the disposal to go ahead" in refused.content.decode()
    assert Enquiry.objects.filter(pk=enquiry.pk).exists()

    done = manager_client.post(url, {"confirm": "on"})
    assert done.status_code == 302 and done["Location"] == "/data-protection/"
    assert not Enquiry.objects.filter(pk=enquiry.pk).exists()
    assert manager_client.get(url).status_code == 404


def test_a_record_not_due_shows_when_it_will_be_and_offers_no_disposal(council, manager_client):
    enquiry = factories.closed_enquiry(council, closed_on=date(2025, 8, 4))

    body = manager_client.get(f"/data-protection/dispose/enquiry/{enquiry.pk}/").content.decode()

    assert "This record is not due for disposal until 4 August 2027" in body
    assert 'name="confirm"' not in body


def test_the_schedule_form_shows_the_error_beside_the_field(council, manager_client):
    manager_client.get("/data-protection/schedule/")
    rule = RetentionRule.objects.get(organisation=council, kind="household")

    response = manager_client.post(
        f"/data-protection/schedule/{rule.pk}/", {"years": "4", "action": "anonymise"}
    )

    assert "Enter at least 10 years: the law sets this minimum" in response.content.decode()
    assert (
        'id="id_years_error"' in response.content.decode()
        or "govuk-error-message" in response.content.decode()
    )
    rule.refresh_from_db()
    assert rule.years == 10


def test_the_subject_access_download_is_a_zip(council, manager_client):
    person = builders.person(council, last_name="Ventress")

    response = manager_client.post(f"/data-protection/people/{person.pk}/subject-access/")

    assert response["Content-Type"] == "application/zip"
    assert "subject-access.pdf" in zipfile.ZipFile(io.BytesIO(response.content)).namelist()


def test_another_councils_records_are_out_of_reach(council, other_council, manager_client):
    theirs = factories.closed_enquiry(other_council, closed_on=date(2024, 4, 1))
    person = builders.person(other_council)

    assert manager_client.get(f"/data-protection/dispose/enquiry/{theirs.pk}/").status_code == 404
    assert (
        manager_client.post(f"/data-protection/dispose/enquiry/{theirs.pk}/", {"confirm": "on"}).status_code
        == 404
    )
    assert manager_client.post(f"/data-protection/people/{person.pk}/subject-access/").status_code == 404
    assert "Enquiry from" not in manager_client.get("/data-protection/").content.decode()
    assert Enquiry.objects.filter(pk=theirs.pk).exists()


def test_a_person_is_found_by_name_for_their_requests(council, manager_client):
    person = builders.person(council, first_name="Ines", last_name="Carvalho")

    body = manager_client.get("/data-protection/people/?q=carvalho").content.decode()

    assert f"/data-protection/people/{person.pk}/subject-access/" in body
    assert f"/data-protection/people/{person.pk}/erasure-request/" in body


def test_the_report_runs_the_same_number_of_queries_however_many_records_are_due(council, manager_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    factories.closed_enquiry(council, closed_on=date(2024, 4, 1))
    factories.withdrawn_assessment(council, withdrawn_on=date(2023, 2, 3))
    manager_client.get("/data-protection/")
    with CaptureQueriesContext(connection) as two:
        manager_client.get("/data-protection/")
    for _ in range(4):
        factories.closed_enquiry(council, closed_on=date(2024, 4, 1))
    factories.withdrawn_assessment(council, withdrawn_on=date(2023, 2, 3))
    with CaptureQueriesContext(connection) as seven:
        body = manager_client.get("/data-protection/").content.decode()

    assert "7 records due" in body
    assert len(seven) == len(two)


def test_an_erasure_request_is_recorded_through_its_form_and_decided(council, manager_client):
    person = builders.person(council, last_name="Halloran")
    url = f"/data-protection/people/{person.pk}/erasure-request/"

    refused = manager_client.post(
        url, {"received_on_0": "2", "received_on_1": "11", "received_on_2": "2026"}
    ).content.decode()
    assert "Choose why they ask for their data to be erased" in refused
    assert not ErasureRequest.objects.exists()

    made = manager_client.post(
        url, {"received_on_0": "2", "received_on_1": "11", "received_on_2": "2026", "grounds": "objection"}
    )
    request = ErasureRequest.objects.get()
    assert made["Location"] == f"/data-protection/erasure-requests/{request.pk}/"
    assert "2 December 2026" in manager_client.get(made["Location"]).content.decode()  # the answer is due
    decided = manager_client.post(
        f"/data-protection/erasure-requests/{request.pk}/decide/",
        {
            "decision": "agreed",
            "decided_on_0": "20",
            "decided_on_1": "11",
            "decided_on_2": "2026",
            "reason": "",
        },
    )
    assert decided.status_code == 302
    request.refresh_from_db()
    assert (request.decision, request.person_id) == ("agreed", None)


def test_pages_that_show_a_child_write_a_read(council, manager_client):
    from fostering.audit.models import AuditEvent

    child = builders.child(council, first_name="Edith", last_name="Marlow", date_of_birth=date(1951, 2, 14))

    manager_client.get("/data-protection/")
    manager_client.get(f"/data-protection/dispose/child/{child.pk}/")
    manager_client.get("/data-protection/people/?q=marlow")

    reads = AuditEvent.objects.filter(verb__in=("viewed", "listed", "searched")).order_by("id")
    assert [(e.verb, e.note, e.changes["children"]) for e in reads] == [
        ("listed", "dataprotection:due", [child.pk]),
        ("viewed", "dataprotection:dispose_child", [child.pk]),
        ("searched", "dataprotection:people", [child.pk]),
    ]
