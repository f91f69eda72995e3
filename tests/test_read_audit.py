"""Every page that shows a child writes one read event: a record's page names the record, a list or a
search names the children on the page (their ids in ``changes["children"]``), and a page refused writes
nothing. The API does the same for its records and its pages of results."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fostering.accounts.roles import Role
from fostering.accounts.services import api_token_issue
from fostering.audit.models import AuditEvent
from fostering.kinship.tests import factories as kinship_factories
from fostering.payments.models import Remittance
from fostering.payments.runs import run_approve, run_commit, run_draft
from fostering.payments.tests import factories as payment_factories
from fostering.returns903.models import ValidationRun
from tests import builders

pytestmark = pytest.mark.django_db

READS = ("viewed", "listed", "searched")


def _reads():
    return list(AuditEvent.objects.filter(verb__in=READS).order_by("id"))


def _read(client, url, **params):
    """GET the page and return the one read event it wrote."""
    before = AuditEvent.objects.filter(verb__in=READS).count()
    response = client.get(url, params)
    assert response.status_code == 200, response.status_code
    events = _reads()[before:]
    assert len(events) == 1, [(e.verb, e.note) for e in events]
    return events[0]


@pytest.fixture
def manager_client(client, service_manager):
    client.force_login(service_manager)
    return client


def _api(user):
    return Client(headers={"Authorization": f"Bearer {api_token_issue(user=user, by=None)}"})


# ---------------------------------------------------------------------------------------------------------
# A child's own pages


@pytest.mark.parametrize(
    "url_name",
    [
        "children:care",
        "children:history",
        "children:edit",
        "children:needs",
        "children:siblings",
        "children:care_start",
        "children:care_end",
        "children:legal_status",
        "children:review_add",
    ],
)
def test_each_page_of_a_childs_record_writes_one_read_naming_the_child(
    manager_client, council, service_manager, url_name
):
    child = builders.child(council)
    event = _read(manager_client, reverse(url_name, args=[child.pk]))
    assert (event.verb, event.record_type, event.record_id) == ("viewed", "children.child", str(child.pk))
    assert (event.actor, event.organisation_id, event.note) == (service_manager, council.pk, url_name)
    assert event.changes == {"children": [child.pk]}


def test_a_childs_record_out_of_reach_or_refused_writes_no_read(client, council, other_council, make_staff):
    theirs = builders.child(other_council)
    mine = builders.child(council)
    worker = make_staff(council, Role.SUPERVISING_SOCIAL_WORKER)  # may not change a child's record
    client.force_login(make_staff(council, Role.SERVICE_MANAGER))
    assert client.get(reverse("children:care", args=[theirs.pk])).status_code == 404
    client.force_login(worker)
    assert client.get(reverse("children:needs", args=[mine.pk])).status_code in (403, 404)
    assert _reads() == []


def test_saving_a_form_on_a_childs_record_writes_the_change_not_a_read(manager_client, council):
    child = builders.child(council)
    manager_client.post(
        reverse("children:needs", args=[child.pk]),
        {"needs": "Likes football", "risks": [], "cultural_needs": "", "communication_needs": ""},
    )
    assert _reads() == []


# ---------------------------------------------------------------------------------------------------------
# Lists and searches: one event per page, with the ids shown


def test_the_list_of_children_writes_one_event_with_the_ids_on_the_page(manager_client, council):
    children = [builders.child(council, last_name=name) for name in ("Adams", "Brown", "Cole")]
    event = _read(manager_client, reverse("children:list"), in_care="all")
    assert (event.verb, event.record_type, event.record_id) == ("listed", "children.child", "")
    assert (event.organisation_id, event.note) == (council.pk, "children:list")
    assert event.changes == {"children": sorted(c.pk for c in children)}


def test_a_search_of_children_writes_the_search_and_only_the_children_found(manager_client, council):
    builders.child(council, last_name="Adams")
    brown = builders.child(council, last_name="Brown")
    event = _read(manager_client, reverse("children:list"), q="Brown", in_care="all")
    assert event.verb == "searched"
    assert event.changes == {"children": [brown.pk], "search": "Brown"}


def test_the_read_of_a_list_costs_one_insert_however_many_children_it_shows(manager_client, council):
    for _ in range(12):
        builders.child(council)
    with CaptureQueriesContext(connection) as ctx:
        assert manager_client.get(reverse("children:list"), {"in_care": "all"}).status_code == 200
    inserts = [q["sql"] for q in ctx.captured_queries if q["sql"].startswith("INSERT")]
    assert len(inserts) == 1 and "audit_auditevent" in inserts[0]


def _placed(council, fh, n):
    child = builders.child(council)
    builders.in_care(child)
    builders.placement(child, fh, started_on=date(2024, 2, n))
    return child


def test_the_referral_list_and_a_referral_write_the_children_they_show(client, council, make_staff):
    duty = make_staff(council, Role.DUTY_WORKER)
    first, second = builders.child(council), builders.child(council)
    builders.referral(first)
    referral = builders.referral(second)
    client.force_login(duty)
    listed = _read(client, reverse("placements:referral_list"))
    assert (listed.verb, listed.note, listed.changes) == (
        "listed",
        "placements:referral_list",
        {"children": sorted([first.pk, second.pk])},
    )
    viewed = _read(client, reverse("placements:referral_detail", args=[referral.pk]))
    assert (viewed.verb, viewed.record_type, viewed.record_id) == (
        "viewed",
        "placements.referral",
        str(referral.pk),
    )
    assert viewed.changes == {"children": [second.pk]}


def test_the_kinship_list_an_assessment_and_its_history_write_the_child_they_name(manager_client, council):
    first, second = builders.child(council), builders.child(council)
    kinship_factories.assessment(council, child=first, name="Brown household")
    assessment = kinship_factories.assessment(council, child=second, name="Green household")

    listed = _read(manager_client, reverse("kinship:list"))
    assert (listed.verb, listed.note, listed.changes) == (
        "listed",
        "kinship:list",
        {"children": sorted([first.pk, second.pk])},
    )
    for page in ["kinship:detail", "kinship:history"]:
        viewed = _read(manager_client, reverse(page, args=[assessment.pk]))
        assert (viewed.verb, viewed.note, viewed.record_type, viewed.record_id, viewed.changes) == (
            "viewed",
            page,
            "kinship.kinshipassessment",
            str(assessment.pk),
            {"children": [second.pk]},
        )


def test_the_api_kinship_assessments_write_the_children_they_name(council, service_manager):
    child = builders.child(council)
    assessment = kinship_factories.assessment(council, child=child)
    api = _api(service_manager)

    listed = _read(api, "/api/v1/kinship-assessments")
    assert (listed.note, listed.changes) == ("api:kinship_assessment_list", {"children": [child.pk]})
    detail = _read(api, f"/api/v1/kinship-assessments/{assessment.pk}")
    assert (detail.record_id, detail.changes) == (str(assessment.pk), {"children": [child.pk]})


def test_a_placement_and_a_households_holds_write_the_children_they_show(manager_client, council):
    fh = builders.approved_household(council)
    child = _placed(council, fh, 1)
    placement = child.placements.get()
    viewed = _read(manager_client, reverse("placements:detail", args=[placement.pk]))
    assert (viewed.record_type, viewed.record_id, viewed.changes) == (
        "placements.placement",
        str(placement.pk),
        {"children": [child.pk]},
    )
    other = builders.approved_household(council)
    held = builders.child(council)
    builders.hold(other, kind="child", child=held)
    listed = _read(manager_client, reverse("placements:holds", args=[other.pk]))
    assert (listed.verb, listed.note, listed.changes) == (
        "listed",
        "placements:holds",
        {"children": [held.pk]},
    )


# ---------------------------------------------------------------------------------------------------------
# Payments: statements (page and PDF), a run's lines and its export


@pytest.fixture
def paid(council, monkeypatch):
    monkeypatch.setattr("fostering.core.clock.today", lambda: date(2026, 3, 31))
    payment_factories.rates(council)
    home = payment_factories.household(council, level=2)
    child = payment_factories.child(council, date(2013, 6, 1))
    payment_factories.placement(home, child, date(2026, 2, 1))
    run = run_draft(organisation=council, period=date(2026, 3, 1), by=None)
    run_commit(run=run_approve(run=run, by=None), by=None)
    return run, child


@pytest.mark.parametrize(("fmt", "page"), [("", "payments:statement"), ("pdf", "payments:statement_pdf")])
def test_a_statement_page_and_its_pdf_write_a_read_with_the_children_paid_for(
    manager_client, council, paid, fmt, page
):
    run, child = paid
    remittance = Remittance.objects.get(run=run)
    url = reverse("payments:statement", args=[remittance.pk])
    event = _read(manager_client, url, **({"format": fmt} if fmt else {}))
    assert (event.record_type, event.record_id, event.note) == (
        "payments.remittance",
        str(remittance.pk),
        page,
    )
    assert (event.organisation_id, event.changes) == (council.pk, {"children": [child.pk]})


def test_a_runs_lines_and_its_export_write_the_children_they_show(manager_client, council, paid):
    run, child = paid
    listed = _read(manager_client, reverse("payments:run_detail", args=[run.pk]))
    assert (listed.verb, listed.note, listed.changes) == (
        "listed",
        "payments:run_detail",
        {"children": [child.pk]},
    )
    exported = _read(manager_client, reverse("payments:run_detail", args=[run.pk]), format="csv")
    assert (exported.record_type, exported.note, exported.changes) == (
        "payments.paymentrun",
        "payments:run_export",
        {"children": [child.pk]},
    )


# ---------------------------------------------------------------------------------------------------------
# The 903 return: the check's results and the files


def _checked(council, child):
    result = {
        "year": 2026,
        "local_authority": "E10000018",
        "errors": [
            {"rule": "103", "message": "The ethnicity code is not valid.", "fields": ["ETHNIC"], "table": "Header",
             "row": 4, "child": child.child_id},
        ],
        "failed_to_run": [],
    }  # fmt: skip
    return ValidationRun.objects.create(
        organisation=council, year=2026, local_authority_code="E10000018", error_count=1,
        result=result, child_records={child.child_id: child.pk},
    )  # fmt: skip


def test_the_903_results_and_files_write_the_children_they_show(manager_client, council, monkeypatch):
    monkeypatch.setattr("fostering.core.clock.today", lambda: date(2026, 5, 1))
    child = builders.child(council)
    builders.in_care(child, started_on=date(2025, 6, 1))
    _checked(council, child)
    shown = _read(manager_client, reverse("returns903:home"), year=2026)
    assert (shown.verb, shown.note, shown.organisation_id) == ("listed", "returns903:home", council.pk)
    assert shown.changes == {"children": [child.pk]}
    files = _read(manager_client, reverse("returns903:home"), year=2026, format="zip")
    assert (files.note, files.changes) == ("returns903:zip", {"children": [child.pk]})


# ---------------------------------------------------------------------------------------------------------
# The API


def test_the_api_lists_write_one_read_per_page_with_the_ids_on_it(council, service_manager):
    children = [builders.child(council) for _ in range(3)]
    api = _api(service_manager)
    event = _read(api, "/api/v1/children", page_size=2)
    assert (event.verb, event.note) == ("listed", "api:child_list")
    assert event.changes == {"children": sorted(c.pk for c in children)[:2]}
    found = _read(api, "/api/v1/children", search=children[2].person.last_name)
    assert (found.verb, found.changes) == (
        "searched",
        {"children": [children[2].pk], "search": children[2].person.last_name},
    )


def test_the_api_referrals_and_placements_write_the_children_they_show(council, service_manager):
    fh = builders.approved_household(council)
    child = _placed(council, fh, 1)
    placement = child.placements.get()
    waiting = builders.child(council)
    referral = builders.referral(waiting)
    api = _api(service_manager)
    assert _read(api, "/api/v1/placements/referrals").changes == {"children": [waiting.pk]}
    assert _read(api, f"/api/v1/placements/referrals/{referral.pk}").record_id == str(referral.pk)
    assert _read(api, "/api/v1/placements").changes == {"children": [child.pk]}
    detail = _read(api, f"/api/v1/placements/{placement.pk}")
    assert (detail.record_type, detail.changes) == ("placements.placement", {"children": [child.pk]})


def test_the_api_payment_lines_statements_and_903_checks_write_the_children_they_show(
    council, service_manager, paid
):
    run, child = paid
    api = _api(service_manager)
    assert _read(api, f"/api/v1/payments/runs/{run.pk}/lines").changes == {"children": [child.pk]}
    remittance = Remittance.objects.get(run=run)
    statement = _read(api, f"/api/v1/payments/remittances/{remittance.pk}")
    assert (statement.record_id, statement.changes) == (str(remittance.pk), {"children": [child.pk]})
    _checked(council, child)
    assert _read(api, "/api/v1/returns/903/validations").changes == {"children": [child.pk]}
