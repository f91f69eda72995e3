from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from fostering.accounts.roles import Role
from fostering.audit.models import AuditEvent
from fostering.core.errors import NotAllowed
from fostering.households.choices import HouseholdStatus, PlacementType, ResignationReason
from fostering.households.deadlines import household_deadlines
from fostering.households.models import StatusChange, TermsOfApproval
from fostering.households.selectors import household_get_for_user
from fostering.households.services import (
    household_review_record,
    household_status_change,
    supervision_visit_record,
    terms_of_approval_change,
)
from tests import builders

pytestmark = pytest.mark.django_db


def test_registering_a_household_records_terms_status_and_audit(council):
    # given / when
    fh = builders.approved_household(council, name="Patel household", approved_on=date(2024, 1, 10))
    # then
    terms = fh.terms.get()
    assert (terms.number_of_children, terms.age_min, terms.age_max) == (2, 0, 18)
    assert terms.effective_from == date(2024, 1, 10) and terms.effective_to is None
    change = fh.status_changes.get()
    assert (change.from_status, change.to_status, change.changed_on) == ("", "available", date(2024, 1, 10))
    event = AuditEvent.objects.get(verb="household_approved", record_id=str(fh.pk))
    assert event.changes["approved_on"] == [None, "2024-01-10"]
    assert event.changes["age_max"] == [None, 18]


def test_terms_with_minimum_age_above_maximum_are_refused_and_nothing_changes(council, service_manager):
    fh = builders.approved_household(council)
    with pytest.raises(ValidationError) as error:
        terms_of_approval_change(
            fostering_household=fh,
            effective_from=date(2025, 1, 1),
            number_of_children=2,
            age_min=12,
            age_max=5,
            placement_types=[PlacementType.SHORT_TERM],
            by=service_manager,
        )
    assert error.value.message_dict["age_min"] == ["The youngest age must not be above the oldest age"]
    assert TermsOfApproval.objects.filter(fostering_household=fh).count() == 1
    assert fh.terms.get().effective_to is None


def test_new_terms_end_the_previous_terms_the_day_before(council, service_manager):
    fh = builders.approved_household(council, approved_on=date(2024, 1, 10))
    new = terms_of_approval_change(
        fostering_household=fh,
        effective_from=date(2025, 3, 1),
        number_of_children=3,
        age_min=5,
        age_max=16,
        placement_types=[PlacementType.LONG_TERM],
        sibling_group_max=3,
        by=service_manager,
    )
    old = fh.terms.exclude(pk=new.pk).get()
    assert old.effective_to == date(2025, 2, 28)
    event = AuditEvent.objects.get(verb="terms_of_approval_changed")
    assert event.changes["number_of_children"] == [2, 3]
    assert event.changes["effective_from"] == ["2024-01-10", "2025-03-01"]
    assert event.actor == service_manager


def test_kinship_terms_need_a_named_child(council, service_manager):
    fh = builders.approved_household(council)
    fh.carer_type = "kinship"
    with pytest.raises(ValidationError) as error:
        terms_of_approval_change(
            fostering_household=fh,
            effective_from=date(2025, 1, 1),
            number_of_children=1,
            age_min=0,
            age_max=18,
            placement_types=[PlacementType.LONG_TERM],
            by=service_manager,
        )
    assert "named_child" in error.value.message_dict


def test_status_follows_the_transition_table(council, service_manager):
    fh = builders.approved_household(council, approved_on=date(2024, 1, 10))
    household_status_change(
        fostering_household=fh,
        to_status=HouseholdStatus.RESIGNED,
        resignation_reason=ResignationReason.RETIREMENT,
        changed_on=date(2025, 6, 1),
        reason="Retirement",
        by=service_manager,
    )
    fh.refresh_from_db()
    assert fh.status == HouseholdStatus.RESIGNED
    with pytest.raises(ValidationError) as error:
        household_status_change(
            fostering_household=fh,
            to_status=HouseholdStatus.AVAILABLE,
            changed_on=date(2025, 7, 1),
            by=service_manager,
        )
    assert error.value.message_dict["to_status"] == ["A household that is resigned cannot become available"]
    assert StatusChange.objects.filter(fostering_household=fh).count() == 2


def test_going_on_hold_needs_a_reason(council, service_manager):
    fh = builders.approved_household(council)
    with pytest.raises(ValidationError) as error:
        household_status_change(
            fostering_household=fh,
            to_status=HouseholdStatus.ON_HOLD,
            changed_on=date(2025, 6, 1),
            reason=" ",
            by=service_manager,
        )
    assert error.value.message_dict["reason"] == ["Give the reason the household is on hold"]
    fh.refresh_from_db()
    assert fh.status == HouseholdStatus.AVAILABLE


def test_a_review_dated_before_approval_is_refused(council, service_manager):
    fh = builders.approved_household(council, approved_on=date(2024, 1, 10))
    with pytest.raises(ValidationError) as error:
        household_review_record(fostering_household=fh, held_on=date(2023, 12, 1), by=service_manager)
    assert error.value.message_dict["held_on"] == [
        "The review date must not be before the household was approved (10 January 2024)"
    ]
    assert not fh.reviews.exists()


def test_a_role_without_the_permission_cannot_record_a_visit_and_nothing_is_saved(council, make_staff):
    panel_member = make_staff(council, Role.PANEL_MEMBER)
    fh = builders.approved_household(council)
    with pytest.raises(NotAllowed):
        supervision_visit_record(
            fostering_household=fh, visited_on=date(2024, 3, 1), visited_by=panel_member, by=panel_member
        )
    assert not fh.supervision_visits.exists()
    assert not AuditEvent.objects.filter(verb="supervision_visit_recorded").exists()


def test_household_clocks_are_computed_from_dated_facts(council, service_manager):
    # given a household approved on Wednesday 10 January 2024
    fh = builders.approved_household(council, approved_on=date(2024, 1, 10))
    loaded = household_get_for_user(user=service_manager, pk=fh.pk)
    clocks = {d.rule: d for d in household_deadlines(loaded, today=date(2024, 2, 1))}
    # then with no visits the supervision clock runs from approval: 6 weeks
    assert clocks["supervision"].due == date(2024, 2, 21)
    assert clocks["supervision"].status == "on_track"
    assert clocks["annual_review"].due == date(2025, 1, 10)
    assert clocks["unannounced_visit"].due == date(2025, 1, 10)
    # when a supervision visit and a review are recorded, the clocks restart from them
    supervision_visit_record(
        fostering_household=fh, visited_on=date(2024, 2, 15), visited_by=service_manager, by=service_manager
    )
    household_review_record(fostering_household=fh, held_on=date(2024, 12, 20), by=service_manager)
    loaded = household_get_for_user(user=service_manager, pk=fh.pk)
    clocks = {d.rule: d for d in household_deadlines(loaded, today=date(2025, 1, 6))}
    assert clocks["supervision"].due == date(2024, 2, 15) + timedelta(weeks=6)
    assert clocks["supervision"].status == "overdue"
    assert clocks["annual_review"].due == date(2025, 12, 20)
    assert clocks["unannounced_visit"].due == date(2025, 1, 10)
    assert clocks["unannounced_visit"].status == "due_soon"


def test_no_visit_is_recorded_for_a_household_that_has_resigned(council, service_manager):
    fh = builders.approved_household(council, approved_on=date(2024, 1, 10))
    household_status_change(
        fostering_household=fh,
        to_status=HouseholdStatus.RESIGNED,
        resignation_reason=ResignationReason.RETIREMENT,
        changed_on=date(2025, 6, 1),
        reason="Moved to an IFA",
        by=service_manager,
    )
    with pytest.raises(ValidationError) as error:
        supervision_visit_record(
            fostering_household=fh,
            visited_on=date(2025, 7, 1),
            visited_by=service_manager,
            by=service_manager,
        )
    assert error.value.message_dict["visited_on"] == [
        "The household is resigned: visits and reviews can no longer be recorded"
    ]
    assert not fh.supervision_visits.exists()
