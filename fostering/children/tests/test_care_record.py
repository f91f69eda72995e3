"""The care record: periods of care, legal statuses, reviews, needs and risks, siblings."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from fostering.accounts.roles import Role
from fostering.audit.models import AuditEvent
from fostering.children.deadlines import child_deadlines
from fostering.children.models import ChildReview, LegalStatus, PeriodOfCare
from fostering.children.services import (
    care_end,
    care_start,
    child_needs_update,
    child_review_record,
    legal_status_change,
    siblings_link,
)
from fostering.core.errors import NotAllowed
from tests import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def child(council):
    return builders.child(council, date_of_birth=date(2015, 3, 2), first_name="Maya", last_name="Green")


def test_care_starts_with_its_category_of_need_and_legal_status(child, service_manager):
    period = care_start(
        child=child,
        started_on=date(2024, 1, 20),
        category_of_need="N1",
        legal_status="C1",
        by=service_manager,
    )
    assert (period.started_on, period.category_of_need, period.ended_on) == (date(2024, 1, 20), "N1", None)
    assert list(child.legal_statuses.values_list("code", "started_on", "ended_on")) == [
        ("C1", date(2024, 1, 20), None)
    ]
    assert AuditEvent.objects.get(verb="care_started").actor == service_manager


def test_a_second_open_period_of_care_is_refused(child):
    builders.in_care(child, started_on=date(2024, 1, 20))
    with pytest.raises(ValidationError) as refused:
        care_start(
            child=child, started_on=date(2024, 6, 1), category_of_need="N1", legal_status="V2", by=None
        )
    assert refused.value.message_dict == {
        "started_on": ["Maya Green is already in care (since 20 January 2024)"]
    }
    assert PeriodOfCare.objects.count() == 1


def test_a_new_legal_status_ends_the_previous_one_the_same_day(child):
    builders.in_care(child, started_on=date(2024, 1, 20), legal_status="V2")
    legal_status_change(child=child, code="C1", started_on=date(2024, 2, 5), by=None)
    assert list(
        child.legal_statuses.order_by("started_on").values_list("code", "started_on", "ended_on")
    ) == [
        ("V2", date(2024, 1, 20), date(2024, 2, 5)),
        ("C1", date(2024, 2, 5), None),
    ]


def test_a_legal_status_before_care_started_or_the_same_as_now_is_refused(child):
    builders.in_care(child, started_on=date(2024, 1, 20), legal_status="C2")
    with pytest.raises(ValidationError) as early:
        legal_status_change(child=child, code="C1", started_on=date(2024, 1, 1), by=None)
    assert early.value.message_dict == {
        "started_on": ["The date must be on or after care started (20 January 2024)"]
    }
    with pytest.raises(ValidationError) as same:
        legal_status_change(child=child, code="C2", started_on=date(2024, 3, 1), by=None)
    assert same.value.message_dict == {"code": ["The legal status is already C2 Full care order"]}
    assert LegalStatus.objects.count() == 1


def test_a_legal_status_needs_the_child_in_care(child):
    with pytest.raises(ValidationError) as refused:
        legal_status_change(child=child, code="C1", started_on=date(2024, 3, 1), by=None)
    assert refused.value.message_dict == {
        "code": ["Maya Green is not in care: record the start of care first"]
    }


def test_care_cannot_end_before_it_started(child):
    builders.in_care(child, started_on=date(2024, 1, 20))
    with pytest.raises(ValidationError) as refused:
        care_end(child=child, ended_on=date(2024, 1, 19), reason_ended="E4A", by=None)
    assert refused.value.message_dict == {"ended_on": ["Care cannot end before it started (20 January 2024)"]}
    assert PeriodOfCare.objects.get().ended_on is None


def test_review_participation_pn0_is_for_children_under_4(council, child):
    builders.in_care(child, started_on=date(2024, 1, 20))
    with pytest.raises(ValidationError) as refused:
        child_review_record(child=child, held_on=date(2024, 2, 15), participation="PN0", by=None)
    assert refused.value.message_dict == {"participation": ["PN0 is for a child under 4 at the review"]}
    review = child_review_record(child=child, held_on=date(2024, 2, 15), participation="PN1", by=None)
    assert ChildReview.objects.get() == review
    baby = builders.child(council, date_of_birth=date(2023, 5, 1))
    builders.in_care(baby, started_on=date(2024, 1, 20))
    with pytest.raises(ValidationError) as too_young:
        child_review_record(child=baby, held_on=date(2024, 2, 15), participation="PN1", by=None)
    assert too_young.value.message_dict == {
        "participation": ["The child was under 4 at the review: choose PN0"]
    }


def test_a_review_outside_care_is_refused(child):
    with pytest.raises(ValidationError) as refused:
        child_review_record(child=child, held_on=date(2024, 2, 15), participation="PN1", by=None)
    assert refused.value.message_dict == {"held_on": ["Maya Green was not in care on 15 February 2024"]}


def test_the_review_clock_runs_20_working_days_then_3_months_then_6_months(child):
    builders.in_care(child, started_on=date(2024, 1, 20))
    today = date(2024, 1, 22)
    assert child_deadlines(child, today=today)[0].due == date(2024, 2, 16)
    child_review_record(child=child, held_on=date(2024, 2, 15), participation="PN1", by=None)
    assert child_deadlines(child, today=today)[0].due == date(2024, 5, 15)
    child_review_record(child=child, held_on=date(2024, 5, 10), participation="PN1", by=None)
    assert child_deadlines(child, today=today)[0].due == date(2024, 11, 10)


def test_needs_and_risks_are_kept_and_an_unknown_risk_is_refused(child):
    child_needs_update(
        child=child, needs="Asthma", risks=["going_missing", "self_harm"], home_postcode="le1 1aa", by=None
    )
    child.refresh_from_db()
    assert (child.needs, child.risks, child.home_postcode) == (
        "Asthma",
        ["going_missing", "self_harm"],
        "LE1 1AA",
    )
    with pytest.raises(ValidationError) as refused:
        child_needs_update(child=child, risks=["dragons"], by=None)
    assert refused.value.message_dict == {"risks": ["Unknown risk: dragons"]}


def test_siblings_become_one_group_and_leaving_it_is_possible(council, child):
    brother = builders.child(council)
    sister = builders.child(council)
    group = siblings_link(child=child, siblings=[brother], live_together=True, by=None)
    assert group is not None
    siblings_link(child=sister, siblings=[brother], live_together=False, by=None)
    brother.refresh_from_db()
    sister.refresh_from_db()
    assert brother.sibling_group == group and sister.sibling_group == group
    group.refresh_from_db()
    assert group.live_together is False
    siblings_link(child=sister, siblings=[], live_together=False, by=None)
    sister.refresh_from_db()
    assert sister.sibling_group is None


def test_a_duty_worker_may_not_change_the_care_record(council, child):
    duty = builders.staff(council, Role.DUTY_WORKER)
    with pytest.raises(NotAllowed):
        care_start(
            child=child, started_on=date(2024, 1, 20), category_of_need="N1", legal_status="C1", by=duty
        )
    assert not PeriodOfCare.objects.exists()


def test_the_care_start_form_shows_a_refusal_beside_the_field(client, service_manager, child):
    builders.in_care(child, started_on=date(2024, 1, 20))
    client.force_login(service_manager)
    response = client.post(
        reverse("children:care_start", args=[child.pk]),
        {
            "started_on_0": "1",
            "started_on_1": "6",
            "started_on_2": "2024",
            "category_of_need": "N1",
            "legal_status": "C2",
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body and "Maya Green is already in care (since 20 January 2024)" in body
    assert PeriodOfCare.objects.count() == 1
