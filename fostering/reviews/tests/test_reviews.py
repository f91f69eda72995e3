"""The IRO service: allocation with history, the review timetable from the council's setting, recording a
review with its record, and the annual report's figures."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fostering.accounts.roles import Role
from fostering.audit.models import AuditEvent
from fostering.children.deadlines import child_deadlines as care_record_deadlines
from fostering.children.models import ChildReview
from fostering.core.errors import NotAllowed
from fostering.reviews import selectors, services
from fostering.reviews.models import IROAllocation, Recommendation, ReviewRecord, ReviewSettings
from fostering.reviews.tests.factories import held_review
from tests import builders

pytestmark = pytest.mark.django_db

ENTERED = date(2024, 1, 22)  # a Monday


@pytest.fixture
def org():
    return builders.organisation("Own Council", "801")


@pytest.fixture
def iro(org):
    return builders.staff(org, Role.IRO)


@pytest.fixture
def child(org):
    child = builders.child(org, first_name="Maya", date_of_birth=date(2015, 3, 2))
    builders.in_care(child, started_on=ENTERED)
    return child


def test_allocating_an_iro_keeps_the_history_and_who_allocated(org, child, iro):
    manager = builders.staff(org, Role.IRO_MANAGER)
    second = builders.staff(org, Role.IRO, username="iro2")
    services.iro_allocate(child=child, iro=iro, started_on=date(2024, 1, 23), by=manager)
    services.iro_allocate(child=child, iro=second, started_on=date(2024, 6, 1), by=manager)
    rows = list(IROAllocation.objects.filter(child=child).order_by("started_on"))
    assert [(r.iro, r.started_on, r.ended_on, r.allocated_by) for r in rows] == [
        (iro, date(2024, 1, 23), date(2024, 6, 1), manager),
        (second, date(2024, 6, 1), None, manager),
    ]
    assert AuditEvent.objects.filter(verb="iro_allocated", actor=manager).count() == 2


def test_only_an_iro_manager_allocates_and_only_to_an_iro(org, child, iro):
    worker = builders.staff(org, Role.CHILDS_SOCIAL_WORKER)
    with pytest.raises(NotAllowed):
        services.iro_allocate(child=child, iro=iro, started_on=date(2024, 2, 1), by=iro)
    with pytest.raises(ValidationError) as refused:
        services.iro_allocate(child=child, iro=worker, started_on=date(2024, 2, 1), by=None)
    assert refused.value.message_dict == {"iro": ["Choose an IRO of this council"]}
    assert not IROAllocation.objects.exists()


def test_caseloads_count_each_iros_children_against_the_council_range_in_three_queries(org, iro):
    busy = builders.staff(org, Role.IRO, username="busy")
    ReviewSettings.objects.create(organisation=org, caseload_low=1, caseload_high=2)
    for n in range(3):
        kid = builders.child(org, first_name=f"Kid{n}")
        builders.in_care(kid)
        services.iro_allocate(child=kid, iro=busy, started_on=date(2024, 2, 1), by=None)
    unallocated = builders.child(org, first_name="Nobody")
    builders.in_care(unallocated)
    with CaptureQueriesContext(connection) as queries:
        council, rows, without = selectors.caseloads(user=iro, organisation_id=org.pk)
    assert len(queries) == 3
    assert {(row.iro.username, row.children, row.status) for row in rows} == {
        ("busy", 3, "above"),
        (iro.username, 0, "below"),
    }
    assert without == 1


def test_the_first_review_is_due_20_working_days_after_care_starts_unless_the_council_sets_another(
    org, child
):
    today = date(2024, 1, 25)
    [clock] = care_record_deadlines(child, today=today)
    assert (clock.rule, clock.due) == ("child_first_review", date(2024, 2, 19))
    ReviewSettings.objects.create(organisation=org, first_review_working_days=15)
    [clock] = care_record_deadlines(child, today=today)
    assert clock.due == date(2024, 2, 12)


def test_the_second_review_is_due_3_months_after_the_first_with_a_midway_check_halfway(child):
    held_review(child, held_on=date(2024, 2, 14))
    table = selectors.child_timetable(child, today=date(2024, 2, 20))
    assert table.next_review is not None and table.midway is not None
    assert (table.next_review.rule, table.next_review.due) == ("child_second_review", date(2024, 5, 14))
    assert table.midway.due == date(2024, 2, 14) + (date(2024, 5, 14) - date(2024, 2, 14)) / 2
    assert table.records_due[0][1].due == date(2024, 3, 13)  # the record: 20 working days


def test_an_extra_review_asked_for_after_a_placement_change_is_on_the_timetable(child, iro):
    due = date.today() + timedelta(days=10)
    services.review_request(child=child, reason="placement_change", due_on=due, by=iro)
    table = selectors.child_timetable(child, today=date.today())
    assert [(r.reason, d.due) for r, d in table.requests] == [("placement_change", due)]


@pytest.mark.parametrize(
    "held_on, participation, field, message",
    [
        (
            date(2024, 1, 10),
            "PN1",
            "held_on",
            "The review cannot be before Maya Child entered care on 22 January 2024",
        ),
        (date.today() + timedelta(days=1), "PN1", "held_on", None),
        (
            date(2024, 2, 14),
            "PN0",
            "participation",
            "PN0 is only for a child under 4 on the day of the review",
        ),
    ],
)
def test_a_review_that_cannot_be_is_refused_beside_its_field_and_nothing_is_written(
    child, iro, held_on, participation, field, message
):
    with pytest.raises(ValidationError) as refused:
        services.review_hold(child=child, held_on=held_on, participation=participation, by=iro)
    assert list(refused.value.message_dict) == [field]
    if message:
        assert refused.value.message_dict[field][0].startswith(
            message.replace("Maya Child", str(child.person))
        )
    assert not ChildReview.objects.exists() and not ReviewRecord.objects.exists()


def test_a_child_under_4_on_the_review_day_must_be_pn0(org, iro):
    baby = builders.child(org, first_name="Baby", date_of_birth=date(2022, 6, 1))
    builders.in_care(baby, started_on=ENTERED)
    with pytest.raises(ValidationError) as refused:
        services.review_hold(child=baby, held_on=date(2024, 2, 14), participation="PN1", by=iro)
    assert refused.value.message_dict == {
        "participation": ["The child was under 4 on the day of the review: choose PN0"]
    }
    assert not ChildReview.objects.exists()
    record = services.review_hold(child=baby, held_on=date(2024, 2, 14), participation="PN0", by=iro)
    assert record.review.participation == "PN0" and record.chair == iro


def test_the_iro_records_the_review_recommendations_midway_check_and_permanence_plan(child, iro):
    record = services.review_hold(
        child=child,
        held_on=date(2024, 2, 14),
        second_part_on=date(2024, 2, 21),
        participation="PN6",
        attended="Maya's carer, social worker",
        by=iro,
    )
    services.booklet_record(
        record=record,
        by=iro,
        sent_to="child",
        sent_on=date(2024, 2, 1),
        returned_on=date(2024, 2, 10),
        returned_by="Maya with her carer",
    )
    rec = services.recommendation_add(
        record=record, by=iro, text="Start life story work", owner="Social worker", due_on=date(2024, 4, 1)
    )
    services.review_record_write(
        record=record,
        by=iro,
        summary="Maya is settled.",
        distributed_on=date(2024, 3, 1),
        permanence_plan="long_term_fostering",
        permanence_agreed_on=date(2024, 2, 14),
    )
    services.midway_check_record(
        record=record,
        by=iro,
        checked_on=date(2024, 3, 28),
        recommendations_on_track=True,
        care_plan_current=True,
        child_visited_in_time=False,
        childs_voice_recorded=True,
    )
    services.recommendation_done(recommendation=rec, done_on=date(2024, 3, 20), by=iro)
    record.refresh_from_db()
    assert (record.distributed_on, record.permanence_plan) == (date(2024, 3, 1), "long_term_fostering")
    assert record.booklets.get().returned_by == "Maya with her carer"
    assert Recommendation.objects.get().done_on == date(2024, 3, 20)
    assert record.midway_check.child_visited_in_time is False
    table = selectors.child_timetable(child, today=date(2024, 4, 2))
    assert table.midway is not None
    assert table.records_due == [] and table.midway.status.value == "met"
    verbs = set(AuditEvent.objects.filter(actor=iro).values_list("verb", flat=True))
    assert {"child_review_recorded", "review_record_written", "review_midway_check_recorded"} <= verbs


def test_a_permanence_plan_needs_its_date(child, iro):
    record = held_review(child)
    with pytest.raises(ValidationError) as refused:
        services.review_record_write(record=record, by=iro, summary="", permanence_plan="adoption")
    assert refused.value.message_dict == {
        "permanence_agreed_on": ["Enter the date the permanence plan was agreed"]
    }
    record.refresh_from_db()
    assert record.permanence_plan == ""


def test_the_iros_list_has_their_childrens_reviews_records_and_overdue_recommendations(child, iro):
    services.iro_allocate(child=child, iro=iro, started_on=ENTERED, by=None)
    record = held_review(child, held_on=date(2024, 2, 14))
    services.recommendation_add(
        record=record, by=None, text="See the dentist", owner="Carer", due_on=date(2024, 3, 1)
    )
    work = selectors.iro_work(user=iro, today=date(2024, 3, 20))
    assert [row.deadline.rule for row in work["reviews"]] == ["child_second_review"]
    assert [row.record for row in work["records"]] == [record]
    assert [row.what for row in work["recommendations"]] == ["See the dentist"]
    assert [row.deadline.rule for row in work["midway"]] == ["review_midway_check"]


def test_seeds_participation_table_gives_90_84_percent(org):
    """The seed's 2022/23 column (IRO report): PN0 329, PN1 714, PN2 48, PN3 4, PN4 14, PN5 104, PN6 495,
    PN7 139: (PN1..PN6) / (all - PN0) = 1379 / 1518."""
    table = {"PN0": 329, "PN1": 714, "PN2": 48, "PN3": 4, "PN4": 14, "PN5": 104, "PN6": 495, "PN7": 139}
    assert selectors.participation_counts(Counter(table)) == (1379, 1518)
    # the same reviews entered as records, spread over children and days of the year 2022-23
    kids = []
    for n in range(8):
        kid = builders.child(org, first_name=f"Seed{n}")
        builders.in_care(kid, started_on=date(2022, 1, 3))
        kids.append(kid)
    rows, slot = [], 0
    for code, count in table.items():
        for _ in range(count):
            kid, day = kids[slot % 8], date(2022, 4, 1) + timedelta(days=slot // 8)
            rows.append(ChildReview(organisation=org, child=kid, held_on=day, participation=code))
            slot += 1
    ChildReview.objects.bulk_create(rows)
    figures = selectors.annual_figures(
        organisation_id=org.pk, year_start=date(2022, 4, 1), year_end=date(2023, 3, 31)
    )
    participation = figures[1]
    assert (participation.numerator, participation.denominator) == (1379, 1518)
    assert participation.percent == Decimal("90.84")


def test_permanence_by_the_second_review_and_reviews_in_time(org, child):
    other = builders.child(org, first_name="Sam")
    builders.in_care(other, started_on=ENTERED)
    for kid in (child, other):
        held_review(kid, held_on=date(2024, 2, 14))
    first = ReviewRecord.objects.get(review__child=child)
    services.review_record_write(
        record=first, by=None, summary="", permanence_plan="adoption", permanence_agreed_on=date(2024, 2, 14)
    )
    held_review(child, held_on=date(2024, 5, 10))
    held_review(other, held_on=date(2024, 6, 1))  # late: due 14 May
    reviews_in_time, _, permanence = selectors.annual_figures(
        organisation_id=org.pk, year_start=date(2024, 4, 1), year_end=date(2025, 3, 31)
    )
    assert (permanence.numerator, permanence.denominator) == (1, 2)
    assert {(c.pk, met) for c, met in permanence.children} == {(child.pk, True), (other.pk, False)}
    assert (reviews_in_time.numerator, reviews_in_time.denominator) == (1, 2)


def test_the_review_form_shows_the_refusal_beside_the_date_and_saves_nothing(child, iro):
    client = Client()
    client.force_login(iro)
    response = client.post(
        reverse("reviews:review_add", args=[child.pk]),
        {"held_on_0": "10", "held_on_1": "1", "held_on_2": "2024", "participation": "PN1"},
    )
    assert response.status_code == 200
    assert "The review cannot be before" in response.content.decode()
    assert not ChildReview.objects.exists()
