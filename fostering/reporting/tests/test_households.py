"""The household reports count recorded facts by financial year, and come out as CSV too."""

from datetime import date

import pytest
from django.urls import reverse

from fostering.concerns import services as concerns
from fostering.households.choices import CarerType, HouseholdStatus, ResignationReason, ReviewKind
from fostering.households.services import household_status_change
from fostering.reporting.households import (
    allegations,
    approvals,
    complaints,
    resignations,
    reviews,
    terms_of_approval,
)
from tests import builders

pytestmark = pytest.mark.django_db


def test_approvals_are_counted_by_type_and_financial_year(council, other_council):
    builders.approved_household(council, approved_on=date(2025, 3, 31))
    builders.approved_household(council, approved_on=date(2025, 4, 1))
    builders.approved_household(
        council,
        approved_on=date(2025, 6, 1),
        carer_type=CarerType.SHORT_BREAKS,
        placement_types=["short_breaks"],
    )
    builders.approved_household(other_council, approved_on=date(2025, 6, 1))
    table = approvals({council.pk})
    assert table.headers[1:3] == ["Mainstream foster carer", "Kinship (connected person) carer"]
    assert table.rows == [["2025-26", 1, 0, 0, 0, 1, 0, 2], ["2024-25", 1, 0, 0, 0, 0, 0, 1]]


def test_terms_of_approval_count_open_households_by_ages_numbers_and_types(council):
    builders.approved_household(council, age_min=0, age_max=18, number_of_children=2)
    builders.approved_household(council, age_min=0, age_max=18, number_of_children=1, sibling_group_max=1)
    assert terms_of_approval({council.pk}).rows == [
        ["Aged 0 to 18", 2],
        ["1 child", 1],
        ["2 children", 1],
        ["Short-term", 2],
        ["Long-term / permanent", 2],
    ]


def test_reviews_held_and_on_time(council):
    fh = builders.approved_household(council, approved_on=date(2024, 1, 10))
    builders.household_review(fh, held_on=date(2025, 1, 8), kind=ReviewKind.FIRST)  # due 10 January 2025
    builders.household_review(
        fh, held_on=date(2026, 2, 1), kind=ReviewKind.ANNUAL
    )  # due 8 January 2026: late
    assert reviews({council.pk}).rows == [
        ["2025-26", 1, 1, 0, "0%", 0, 0],
        ["2024-25", 1, 1, 1, "100%", 1, 0],
    ]


def test_resignations_by_reason(council, service_manager):
    fh = builders.approved_household(council, approved_on=date(2024, 1, 10))
    household_status_change(
        fostering_household=fh,
        to_status=HouseholdStatus.RESIGNED,
        changed_on=date(2025, 5, 1),
        reason="Retiring to Spain",
        resignation_reason=ResignationReason.RETIREMENT,
        by=service_manager,
    )
    (row,) = resignations({council.pk}).rows
    assert row == ["2025-26", 1, 0, 0, 0, 0, 0, 0, 0, 1]


def test_allegations_and_complaints_by_outcome(council, service_manager, client):
    fh = builders.approved_household(council, approved_on=date(2024, 1, 10))
    concluded = builders.allegation(fh, received_on=date(2025, 5, 1))
    concerns.allegation_conclude(
        allegation=concluded, concluded_on=date(2025, 6, 1), outcome="unfounded", by=service_manager
    )
    builders.allegation(fh, received_on=date(2025, 7, 1))
    assert allegations({council.pk}).rows == [["2025-26", 0, 0, 1, 0, 0, 1, 2]]
    complaint = builders.complaint(council, received_on=date(2025, 9, 1))
    concerns.complaint_respond(
        complaint=complaint, responded_on=date(2025, 9, 10), outcome="partly_upheld", by=service_manager
    )
    assert complaints({council.pk}).rows == [["2025-26", "Stage 1: local resolution", 0, 1, 0, 0, 0, 1]]
    # the page and its CSV
    client.force_login(service_manager)
    page = client.get(reverse("reporting:complaints")).content.decode()
    assert "Complaints by stage and outcome" in page and "Stage 1: local resolution" in page
    csv = client.get(reverse("reporting:complaints") + "?format=csv")
    assert csv["Content-Type"] == "text/csv"
    assert csv.content.decode().splitlines()[1] == "2025-26,Stage 1: local resolution,0,1,0,0,0,1"
    index = client.get(reverse("reporting:household_reports")).content.decode()
    assert reverse("reporting:resignations") in index
