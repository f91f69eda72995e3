"""The allocated social worker over time, the visits to the child and the visit clock."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from fostering.accounts.roles import Role
from fostering.audit.models import AuditEvent
from fostering.children.sections import registered_child_deadlines
from fostering.deadlines.items import work_items_for
from fostering.deadlines.status import DeadlineStatus
from fostering.households.choices import PlacementType
from fostering.visits.deadlines import PlacementFacts, visit_deadline
from fostering.visits.models import ChildVisit, SocialWorkerAllocation, VisitSettings
from fostering.visits.selectors import overdue_visits_for_user, visits_in_time_for_user
from fostering.visits.services import allocate_social_worker, visit_record, visit_settings_set
from tests import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def child(council):
    return builders.child(council, first_name="Maya", last_name="Green")


@pytest.fixture
def worker(council):
    return builders.staff(council, Role.CHILDS_SOCIAL_WORKER, first_name="Sam", last_name="Okafor")


@pytest.fixture
def placed(child, council):
    builders.in_care(child, started_on=date(2024, 1, 20))
    builders.placement(child, builders.approved_household(council), started_on=date(2024, 2, 1))
    return child


def test_allocation_ends_the_previous_one_and_moves_the_childs_social_worker(
    child, worker, council, service_manager
):
    first = allocate_social_worker(
        child=child,
        worker=worker,
        on=date(2024, 1, 20),
        reason="FCONTA",
        sw_id="sw123456",
        by=service_manager,
    )
    other = builders.staff(council, Role.CHILDS_SOCIAL_WORKER)
    allocate_social_worker(
        child=child, worker=other, on=date(2024, 9, 2), reason="LEFTRL", sw_id="SW654321", by=service_manager
    )
    assert list(
        SocialWorkerAllocation.objects.order_by("started_on").values_list(
            "worker_id", "sw_id", "started_on", "ended_on", "reason"
        )
    ) == [
        (worker.pk, "SW123456", date(2024, 1, 20), date(2024, 9, 2), "FCONTA"),
        (other.pk, "SW654321", date(2024, 9, 2), None, "LEFTRL"),
    ]
    child.refresh_from_db()
    assert child.social_worker == other
    assert first.sw_id == "SW123456"
    event = AuditEvent.objects.filter(verb="social_worker_allocated").latest("id")
    assert event.actor == service_manager
    assert event.changes["social_worker"] == [worker.pk, other.pk]


def test_the_sw_id_defaults_to_the_workers_last_one(child, worker, council):
    allocate_social_worker(
        child=child, worker=worker, on=date(2024, 1, 20), reason="FCONTA", sw_id="SW1001", by=None
    )
    second = builders.child(council)
    allocation = allocate_social_worker(
        child=second, worker=worker, on=date(2024, 3, 1), reason="FCONTA", by=None
    )
    assert allocation.sw_id == "SW1001"


@pytest.mark.parametrize(
    ("values", "errors"),
    [
        ({"reason": "MANAGE"}, {"reason": ["The first social worker's reason is first contact (FCONTA)"]}),
        (
            {"sw_id": "AB1234"},
            {
                "sw_id": [
                    "Enter the Social Work England registration number, SW followed by digits (for example SW123456)"
                ]
            },
        ),
        ({"reason": "LAZY"}, {"reason": ["Choose the reason for the change"]}),
    ],
)
def test_a_bad_first_allocation_is_refused(child, worker, values, errors):
    with pytest.raises(ValidationError) as refused:
        allocate_social_worker(
            child=child,
            worker=worker,
            on=date(2024, 1, 20),
            by=None,
            **({"reason": "FCONTA", "sw_id": "SW1001"} | values),
        )
    assert refused.value.message_dict == errors
    assert not SocialWorkerAllocation.objects.exists()


def test_a_change_within_3_days_or_first_contact_again_is_refused(child, worker, council):
    allocate_social_worker(
        child=child, worker=worker, on=date(2024, 1, 20), reason="FCONTA", sw_id="SW1001", by=None
    )
    other = builders.staff(council, Role.CHILDS_SOCIAL_WORKER)
    with pytest.raises(ValidationError) as soon:
        allocate_social_worker(
            child=child, worker=other, on=date(2024, 1, 22), reason="MANAGE", sw_id="SW2002", by=None
        )
    assert list(soon.value.message_dict) == ["on"]
    with pytest.raises(ValidationError) as again:
        allocate_social_worker(
            child=child, worker=other, on=date(2024, 3, 1), reason="FCONTA", sw_id="SW2002", by=None
        )
    assert again.value.message_dict == {"reason": ["First contact is only for the first social worker"]}
    assert SocialWorkerAllocation.objects.get().ended_on is None


def test_a_visit_is_recorded_and_refused_in_the_future_or_before_care(placed, worker):
    visit = visit_record(
        child=placed, visited_on=date(2024, 2, 6), seen_alone=True, place="placement", by=worker
    )
    assert (visit.visited_by, visit.seen_alone) == (worker, True)
    assert AuditEvent.objects.filter(verb="child_visit_recorded", actor=worker).count() == 1
    with pytest.raises(ValidationError) as early:
        visit_record(child=placed, visited_on=date(2024, 1, 10), seen_alone=False, place="school", by=worker)
    assert early.value.message_dict == {"visited_on": ["Maya Green was not in care on 10 January 2024"]}
    with pytest.raises(ValidationError) as future:
        visit_record(child=placed, visited_on=date(2099, 1, 10), seen_alone=False, place="school", by=worker)
    assert list(future.value.message_dict) == ["visited_on"]
    assert ChildVisit.objects.count() == 1


def _clock(*args, **kwargs):
    clock = visit_deadline(*args, **kwargs)
    assert clock is not None
    return clock


def test_the_clock_runs_a_week_then_6_weeks_then_3_months_for_a_long_term_placement():
    short = PlacementFacts(date(2024, 2, 1), long_term=False)
    long = PlacementFacts(date(2024, 2, 1), long_term=True)
    today = date(2024, 2, 5)
    first = _clock(short, [], today=today)
    assert (first.rule, first.due) == ("child_visit_first", date(2024, 2, 8))
    six = _clock(short, [date(2024, 2, 6)], today=today)
    assert (six.rule, six.due) == ("child_visit", date(2024, 3, 19))
    assert _clock(short, [date(2025, 3, 1)], today=today).due == date(2025, 4, 12)
    late = _clock(long, [date(2025, 3, 1)], today=date(2025, 6, 2))
    assert (late.rule, late.due, late.status) == (
        "child_visit_long_term",
        date(2025, 6, 1),
        DeadlineStatus.OVERDUE,
    )
    stricter = _clock(long, [date(2025, 3, 1)], today=today, interval_weeks=4)
    assert (stricter.rule, stricter.due) == ("child_visit", date(2025, 3, 29))
    assert visit_deadline(None, [], today=today) is None


def test_the_councils_stricter_interval_shows_on_the_childs_page(placed, worker, council, service_manager):
    visit_record(child=placed, visited_on=date(2024, 2, 6), seen_alone=True, place="placement", by=worker)
    [clock] = registered_child_deadlines(placed, date(2024, 2, 10))
    assert clock.due == date(2024, 3, 19)
    visit_settings_set(organisation_id=council.pk, interval_weeks=4, by=service_manager)
    [clock] = registered_child_deadlines(placed, date(2024, 2, 10))
    assert clock.due == date(2024, 3, 5)
    assert VisitSettings.objects.get().interval_weeks == 4
    with pytest.raises(ValidationError):
        visit_settings_set(organisation_id=council.pk, interval_weeks=8, by=service_manager)


def test_my_work_the_overdue_list_and_the_figure(
    placed, worker, council, service_manager, django_assert_max_num_queries
):
    allocate_social_worker(
        child=placed, worker=worker, on=date(2024, 1, 20), reason="FCONTA", sw_id="SW1001", by=None
    )
    second = builders.child(council, first_name="Ola", last_name="Berg", social_worker=worker)
    builders.in_care(second, started_on=date(2024, 1, 20))
    builders.placement(
        second,
        builders.approved_household(council),
        started_on=date(2024, 2, 1),
        placement_type=PlacementType.LONG_TERM,
    )
    visit_record(child=second, visited_on=date(2024, 2, 5), seen_alone=True, place="placement", by=worker)
    today = date(2024, 2, 20)
    items = [item for item in work_items_for(worker, today) if item.deadline.rule.startswith("child_visit")]
    assert sorted((item.subject, item.deadline.status) for item in items) == [
        ("Maya Green", DeadlineStatus.OVERDUE),
        ("Ola Berg", DeadlineStatus.ON_TRACK),
    ]
    assert [row.child for row in overdue_visits_for_user(user=service_manager, today=today)] == [placed]
    figure = visits_in_time_for_user(user=service_manager, today=today)
    assert ([r.child for r in figure.in_time], [r.child for r in figure.late], figure.percentage) == (
        [second],
        [placed],
        50.0,
    )


def test_the_pages_show_the_history_and_record_a_visit(client, placed, worker, service_manager):
    allocate_social_worker(
        child=placed, worker=worker, on=date(2024, 1, 20), reason="FCONTA", sw_id="SW1001", by=None
    )
    client.force_login(worker)
    page = client.get(reverse("visits:child", args=[placed.pk]))
    assert page.status_code == 200
    assert "SW1001" in page.content.decode()
    posted = client.post(
        reverse("visits:add", args=[placed.pk]),
        {
            "visited_on_0": "6",
            "visited_on_1": "2",
            "visited_on_2": "2024",
            "seen_alone": "yes",
            "place": "school",
            "notes": "Talked about football.",
        },
    )
    assert posted.status_code == 302
    assert ChildVisit.objects.get().place == "school"
    client.force_login(service_manager)
    assert client.get(reverse("visits:overdue")).status_code == 200
    assert client.get(reverse("visits:in_time")).status_code == 200


def test_my_work_of_the_childs_social_worker_runs_a_fixed_number_of_queries(client, council, worker):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def add() -> None:
        child = builders.child(council, social_worker=worker)
        builders.in_care(child, started_on=date(2024, 1, 20))
        builders.placement(child, builders.approved_household(council), started_on=date(2024, 2, 1))
        visit_record(child=child, visited_on=date(2024, 2, 6), seen_alone=True, place="placement", by=worker)

    def queries() -> tuple[int, str]:
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(reverse("mywork:home"))
        assert response.status_code == 200
        return len(ctx.captured_queries), response.content.decode()

    add()
    client.force_login(worker)
    few, body = queries()
    assert "Social worker&#x27;s visit to the child" in body or "Social worker's visit to the child" in body
    for _ in range(5):
        add()
    many, _ = queries()
    # the visit clocks add 4 (placements, visits, settings, children); reviews, alerts and leaving care add theirs
    assert (few, many) == (18, 18)
