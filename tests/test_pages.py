"""The pages behave as a person expects: errors beside the field, nothing lost, fixed query counts."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fostering.accounts.roles import Role
from fostering.audit.models import AuditEvent
from fostering.households.choices import CarerType
from fostering.households.models import SupervisionVisit, TermsOfApproval
from fostering.people.models import Person
from tests import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager_client(client, service_manager):
    client.force_login(service_manager)
    return client


def test_a_person_form_with_a_future_date_of_birth_reshows_with_the_error_beside_the_field(manager_client):
    response = manager_client.post(
        reverse("people:add"),
        {
            "first_name": "Jo",
            "last_name": "Bloggs",
            "date_of_birth_0": "1",
            "date_of_birth_1": "1",
            "date_of_birth_2": "2090",
            "sex": "F",
            "ethnicity": "WBRI",
            "religion": "none",
            "first_language": "English",
            "disability": "no",
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "There is a problem" in body
    assert "Date of birth must be today or in the past" in body
    assert 'value="Bloggs"' in body  # what was typed is kept
    assert body.count("govuk-error-message") >= 1
    assert not Person.objects.filter(last_name="Bloggs").exists()


def test_a_person_added_through_the_form_is_saved_and_audited(manager_client, service_manager):
    response = manager_client.post(
        reverse("people:add"),
        {
            "first_name": "Jo",
            "last_name": "Bloggs",
            "date_of_birth_0": "27",
            "date_of_birth_1": "3",
            "date_of_birth_2": "1980",
            "sex": "F",
            "ethnicity": "WBRI",
            "religion": "none",
            "first_language": "English",
            "disability": "no",
            "email": "jo@example.com",
        },
    )
    person = Person.objects.get(last_name="Bloggs")
    assert response.status_code == 302 and response["Location"] == reverse("people:detail", args=[person.pk])
    assert person.date_of_birth == date(1980, 3, 27)
    assert AuditEvent.objects.get(verb="person_created", record_id=str(person.pk)).actor == service_manager


def test_terms_with_minimum_above_maximum_reshow_with_the_error_and_save_nothing(manager_client, council):
    fh = builders.approved_household(council)
    response = manager_client.post(
        reverse("households:terms_change", args=[fh.pk]),
        {
            "effective_from_0": "1",
            "effective_from_1": "6",
            "effective_from_2": "2025",
            "number_of_children": "2",
            "age_min": "12",
            "age_max": "4",
            "placement_types": ["short_term"],
            "sibling_group_max": "1",
        },
    )
    assert response.status_code == 200
    assert "The youngest age must not be above the oldest age" in response.content.decode()
    assert TermsOfApproval.objects.filter(fostering_household=fh).count() == 1


def test_new_terms_for_a_kinship_household_keep_the_child_it_is_approved_for(manager_client, council):
    niece = builders.child(council, first_name="Ava", last_name="Reid")
    fh = builders.approved_household(
        council,
        carer_type=CarerType.KINSHIP,
        named_child_id=niece.pk,
        number_of_children=1,
        sibling_group_max=1,
    )
    page = manager_client.get(reverse("households:terms_change", args=[fh.pk])).content.decode()
    assert 'name="number_of_children" value="1"' in page  # the form starts from the current terms
    response = manager_client.post(
        reverse("households:terms_change", args=[fh.pk]),
        {
            "effective_from_0": "1",
            "effective_from_1": "6",
            "effective_from_2": "2025",
            "number_of_children": "2",
            "age_min": "0",
            "age_max": "18",
            "placement_types": ["short_term", "respite"],
            "sibling_group_max": "1",
        },
    )
    assert response.status_code == 302
    current = TermsOfApproval.objects.get(fostering_household=fh, effective_to__isnull=True)
    assert (current.number_of_children, current.named_child_id) == (2, niece.pk)


def test_a_service_refusal_is_shown_beside_the_field(manager_client, council):
    fh = builders.approved_household(council, approved_on=date(2024, 1, 10))
    response = manager_client.post(
        reverse("households:supervision_visit_add", args=[fh.pk]),
        {"visited_on_0": "5", "visited_on_1": "1", "visited_on_2": "2024", "notes": "Went well"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "The date must not be before the household was approved (10 January 2024)" in body
    assert "Went well" in body
    assert not SupervisionVisit.objects.exists()


def test_recording_a_visit_moves_the_supervision_clock(manager_client, council, service_manager):
    fh = builders.approved_household(council, approved_on=date(2024, 1, 10), ssw=service_manager)
    response = manager_client.post(
        reverse("households:supervision_visit_add", args=[fh.pk]),
        {"visited_on_0": "20", "visited_on_1": "2", "visited_on_2": "2024", "notes": "Visit notes"},
    )
    assert response.status_code == 302
    page = manager_client.get(reverse("households:detail", args=[fh.pk])).content.decode()
    assert "2 April 2024" in page  # 20 February 2024 + 6 weeks
    history = manager_client.get(reverse("households:history", args=[fh.pk])).content.decode()
    assert "Supervision visit recorded" in history


def test_opening_a_childs_record_is_logged_and_shown_in_its_history(manager_client, council, service_manager):
    child = builders.child(council)
    manager_client.get(reverse("children:detail", args=[child.pk]))
    event = AuditEvent.objects.get(verb="viewed", record_id=str(child.pk))
    assert event.actor == service_manager and event.record_type == "children.child"
    history = manager_client.get(reverse("children:history", args=[child.pk])).content.decode()
    assert "Record viewed" in history


def test_my_work_lists_the_supervising_social_workers_own_clocks(client, council, make_staff):
    ssw = make_staff(council, Role.SUPERVISING_SOCIAL_WORKER)
    colleague = make_staff(council, Role.SUPERVISING_SOCIAL_WORKER)
    builders.approved_household(council, name="Mine household", approved_on=date(2020, 1, 6), ssw=ssw)
    builders.approved_household(council, name="Theirs household", approved_on=date(2020, 1, 6), ssw=colleague)
    client.force_login(ssw)
    body = client.get(reverse("mywork:home")).content.decode()
    assert "Mine household" in body and "Theirs household" not in body
    assert 'data-status="overdue">4<' in body  # supervision, unannounced visit, annual review and TSD


def _queries(client, url, params=None):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, params).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    ("url_name", "expected"),
    [("households:list", 11), ("children:list", 7), ("people:list", 6), ("mywork:home", 12)],
)  # the list of children writes one read event (one insert); My work asks once for documents expiring;
# the households list counts the page's places as the vacancy register does (5 queries: households, terms,
# children placed, holds, open allegations), so a status is shown with what the places say about it
def test_list_pages_run_a_fixed_number_of_queries(client, council, make_staff, url_name, expected):
    ssw = make_staff(council, Role.SUPERVISING_SOCIAL_WORKER)
    manager = make_staff(council, Role.SERVICE_MANAGER)
    builders.approved_household(council, ssw=ssw)
    builders.child(council)
    client.force_login(ssw if url_name == "mywork:home" else manager)
    params = {"in_care": "all"} if url_name == "children:list" else None  # builders' children are not in care
    few = _queries(client, reverse(url_name), params)
    for _ in range(6):
        builders.approved_household(council, ssw=ssw)
        builders.child(council)
    many = _queries(client, reverse(url_name), params)
    assert (few, many) == (expected, expected)


def test_a_new_member_of_the_household_is_added_with_their_person_record(manager_client, council):
    fh = builders.approved_household(council)
    response = manager_client.post(
        reverse("households:member_add", args=[fh.pk]),
        {
            "first_name": "Maya",
            "last_name": "Okafor",
            "date_of_birth_0": "2",
            "date_of_birth_1": "3",
            "date_of_birth_2": "2004",
            "sex": "F",
            "ethnicity": "BAFR",
            "religion": "christian",
            "first_language": "English",
            "disability": "no",
            "role": "child",
            "joined_on_0": "1",
            "joined_on_1": "9",
            "joined_on_2": "2019",
        },
    )
    assert response.status_code == 302
    member = fh.household.members.get(person__first_name="Maya")
    assert (member.role, member.joined_on) == ("child", date(2019, 9, 1))
    page = manager_client.get(reverse("households:detail", args=[fh.pk])).content.decode()
    # she joined as a birth child and is now over 18, so she needs adult checks without anyone changing her role
    assert "Enhanced DBS check, Local authority check" in page


def test_a_check_received_before_it_was_requested_is_shown_beside_the_field(manager_client, council):
    fh = builders.approved_household(council)
    member = fh.household.members.get()
    response = manager_client.post(
        reverse("households:check_add", args=[fh.pk]),
        {
            "member": member.pk,
            "kind": "dbs",
            "requested_on_0": "10",
            "requested_on_1": "3",
            "requested_on_2": "2025",
            "received_on_0": "1",
            "received_on_1": "3",
            "received_on_2": "2025",
            "outcome": "clear",
        },
    )
    assert response.status_code == 200
    assert "The date received must be on or after the date it was requested" in response.content.decode()
    assert not member.checks.exists()


def test_a_move_of_house_keeps_the_old_address_on_record(manager_client, council):
    person = builders.person(council)
    url = reverse("people:address_add", args=[person.pk])
    manager_client.post(
        url,
        {
            "line_1": "1 Main Street",
            "town": "Wrexford",
            "postcode": "le3 8rf",
            "moved_on_0": "1",
            "moved_on_1": "1",
            "moved_on_2": "2020",
        },
    )
    bad = manager_client.post(
        url,
        {
            "line_1": "2 Side Street",
            "town": "Wrexford",
            "postcode": "NOPE",
            "moved_on_0": "1",
            "moved_on_1": "5",
            "moved_on_2": "2024",
        },
    )
    assert "Enter a real postcode, like LE3 8RF" in bad.content.decode()
    manager_client.post(
        url,
        {
            "line_1": "2 Side Street",
            "town": "Wrexford",
            "postcode": "LE1 1AA",
            "moved_on_0": "1",
            "moved_on_1": "5",
            "moved_on_2": "2024",
        },
    )
    addresses = list(
        person.addresses.order_by("valid_from").values_list("postcode", "valid_from", "valid_to")
    )
    assert addresses == [
        ("LE3 8RF", date(2020, 1, 1), date(2024, 4, 30)),
        ("LE1 1AA", date(2024, 5, 1), None),
    ]


@pytest.mark.parametrize(
    ("url_name", "expected"),
    [
        ("concerns:allegation_list", 6),
        ("concerns:complaint_list", 7),
        ("households:team", 10),
        ("households:retention", 11),
    ],
)
def test_household_life_lists_run_a_fixed_number_of_queries(client, council, make_staff, url_name, expected):
    ssw = make_staff(council, Role.SUPERVISING_SOCIAL_WORKER)
    manager = make_staff(council, Role.SERVICE_MANAGER)

    def add() -> None:
        fh = builders.approved_household(council, ssw=ssw)
        builders.allegation(fh)
        builders.complaint(council, fostering_household=fh)

    add()
    client.force_login(manager)
    few = _queries(client, reverse(url_name))
    for _ in range(6):
        add()
    many = _queries(client, reverse(url_name))
    assert (few, many) == (expected, expected)


@pytest.mark.parametrize(
    ("url_name", "expected"),
    [("panel:meeting_list", 6), ("panel:member_list", 5), ("panel:adm_queue", 5), ("mywork:home", 11)],
)
def test_panel_list_pages_run_a_fixed_number_of_queries(client, council, make_staff, url_name, expected):
    adm = make_staff(council, Role.AGENCY_DECISION_MAKER)
    members = builders.panel_members(council)

    def heard(month: int) -> None:
        fh = builders.approved_household(council)
        builders.panel_item(
            council, kind="terms_change", subject=fh, members=members, meets_on=date(2025, month, 7)
        )

    heard(1)
    client.force_login(adm)
    few = _queries(client, reverse(url_name))
    for month in range(2, 7):
        heard(month)
    many = _queries(client, reverse(url_name))
    assert (few, many) == (expected, expected)


@pytest.mark.parametrize(
    ("url_name", "expected"),
    [
        ("placements:referral_list", 7),
        ("placements:vacancies", 11),
        ("placements:measures", 22),
        ("mywork:home", 9),
    ],
)  # the measures read the facts a payment run reads once per council (7 queries) for the in-house weekly cost
def test_placement_lists_run_a_fixed_number_of_queries(client, council, make_staff, url_name, expected):
    duty = make_staff(council, Role.DUTY_WORKER)

    def add(n: int) -> None:
        fh = builders.approved_household(council)
        child = builders.child(council, date_of_birth=date(2016, 1, 1))
        builders.in_care(child)
        builders.placement(child, fh)
        other = builders.child(council, date_of_birth=date(2014, 1, 1))
        builders.referral(other, referred_on=date(2025, 1, n), latest_start_on=date(2025, 1, n))
        builders.hold(fh, kind="break")

    add(1)
    client.force_login(duty)
    few = _queries(client, reverse(url_name))
    for n in range(2, 8):
        add(n)
    many = _queries(client, reverse(url_name))
    assert (few, many) == (expected, expected)


@pytest.mark.parametrize(
    ("url_name", "expected"),
    [("payments:runs", 6), ("payments:statements", 6), ("payments:queries", 6), ("payments:rates", 7)],
)
def test_payment_lists_run_a_fixed_number_of_queries(
    client, council, make_staff, monkeypatch, url_name, expected
):
    from fostering.payments.models import PaymentQuery
    from fostering.payments.runs import run_approve, run_commit, run_draft
    from fostering.payments.tests import factories as payment_factories

    monkeypatch.setattr("fostering.core.clock.today", lambda: date(2026, 6, 30))
    payment_factories.rates(council)
    manager = make_staff(council, Role.SERVICE_MANAGER)

    def pay(month: int) -> None:
        home = payment_factories.household(council, level=2)
        child = payment_factories.child(council, date(2013, 6, 1))
        payment_factories.placement(home, child, date(2026, 1, 1))
        run = run_draft(organisation=council, period=date(2026, month, 1), by=None)
        run_commit(run=run_approve(run=run, by=None), by=None)
        line = run.lines.first()
        assert line is not None
        PaymentQuery.objects.create(
            organisation=council, line=line, raised_on=date(2026, 6, 1), question="Why?"
        )

    pay(1)
    client.force_login(manager)
    few = _queries(client, reverse(url_name))
    for month in range(2, 6):
        pay(month)
    many = _queries(client, reverse(url_name))
    assert (few, many) == (expected, expected)
