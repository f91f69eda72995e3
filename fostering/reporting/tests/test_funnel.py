"""The funnel is counted from the records: every figure below is worked out by hand from what the test made."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from django.urls import reverse

from fostering.accounts.roles import Role
from fostering.assessments.choices import AssessmentKind, Stage
from fostering.assessments.tests import factories as assessment_factories
from fostering.deadlines.calendar import LONDON
from fostering.households.choices import CarerType, PlacementType
from fostering.households.services import household_register
from fostering.recruitment.choices import Channel
from fostering.recruitment.tests import factories as recruitment_factories
from fostering.reporting.funnel import funnel
from tests import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def recorded(council):
    radio = recruitment_factories.source(council, "Local radio")
    # two requests for information in March 2024: one answered by phone, one never answered
    recruitment_factories.responded_enquiry(council, channel=Channel.PHONE, source=radio)
    recruitment_factories.enquiry(
        council, channel=Channel.WEB, received_at=datetime(2024, 3, 18, 9, 0, tzinfo=LONDON)
    )
    # one that went on to an initial visit on 12 March 2024, then an application, and approval
    visited = recruitment_factories.visited_enquiry(council, channel=Channel.PHONE, source=radio)
    worker = builders.staff(council, Role.ASSESSING_SOCIAL_WORKER)
    assessment = assessment_factories.application(
        council, name="Okafor household", enquiry_id=visited.pk, worker=worker
    )
    assessment_factories.ready_to_move_to_panel(assessment, date(2025, 1, 6))
    assessment_factories.move(assessment, Stage.STAGE1, on=date(2025, 1, 20))
    assessment_factories.move(assessment, Stage.STAGE2, on=date(2025, 2, 3))
    assessment_factories.move(assessment, Stage.READY_FOR_PANEL, on=date(2025, 4, 28))
    household_register(
        household=assessment.household,
        reference="FH-9001",
        carer_type=CarerType.MAINSTREAM,
        approved_on=date(2025, 5, 20),
        number_of_children=1,
        age_min=0,
        age_max=18,
        placement_types=[PlacementType.SHORT_TERM],
        by=None,
    )
    # a carer transferring in from an agency, with no enquiry on record
    assessment_factories.application(
        council,
        name="Nowak household",
        kind=AssessmentKind.FAST_TRACK,
        previous_agency="Brightstar Fostering",
    )
    return council


def test_the_funnel_counts_each_stage_when_it_was_reached(recorded):
    report = funnel(organisation_ids=[recorded.pk], start=date(2024, 3, 1), end=date(2025, 12, 31))
    assert report.total.counts == {
        "requests": 3,
        "enquiries": 2,
        "events": 0,
        "initial_visits": 1,
        "applications": 2,
        "stage1": 1,
        "stage2": 1,
        "panel_ready": 1,
        "approvals": 1,
    }
    # the requests of the period followed forward: a later stage never counts more than the one before
    assert report.cohort.counts == {
        "requests": 3,
        "enquiries": 2,
        "events": 1,
        "initial_visits": 1,
        "applications": 1,
        "stage1": 1,
        "stage2": 1,
        "panel_ready": 1,
        "approvals": 1,
    }
    assert report.cohort.conversion("enquiries") == pytest.approx(2 / 3)
    assert report.cohort.conversion("events") == pytest.approx(1 / 2)
    assert all((report.cohort.conversion(code) or 0) <= 1 for code in report.cohort.counts)
    # no information event on the way: from the response on 4 March 2024 to the visit on 12 March 2024
    assert report.median_days["initial_visits"] == 8
    # from the initial visit on 12 March 2024 to the application accepted on 6 January 2025
    assert report.median_days["applications"] == (date(2025, 1, 6) - date(2024, 3, 12)).days
    assert report.median_days["approvals"] == (date(2025, 5, 20) - date(2025, 4, 28)).days


def test_the_funnel_breaks_down_by_month_channel_and_source(recorded):
    report = funnel(organisation_ids=[recorded.pk], start=date(2024, 3, 1), end=date(2025, 12, 31))
    march = next(row for row in report.by_month if row.label == "March 2024")
    assert (march.counts["requests"], march.counts["initial_visits"]) == (3, 1)
    channels = {row.label: row.counts for row in report.by_channel}
    assert channels["Phone"]["requests"] == 2 and channels["Phone"]["approvals"] == 1
    assert channels["Website form"]["requests"] == 1 and channels["Website form"]["enquiries"] == 0
    assert channels["Not recorded"]["applications"] == 1
    sources = {row.label: row.counts for row in report.by_source}
    assert sources["Local radio"]["requests"] == 2


def test_the_period_and_the_kind_of_carer_filter_the_funnel(recorded):
    only_2025 = funnel(organisation_ids=[recorded.pk], start=date(2025, 1, 1), end=date(2025, 12, 31))
    assert (only_2025.total.counts["requests"], only_2025.total.counts["applications"]) == (0, 2)
    fast_track = funnel(
        organisation_ids=[recorded.pk],
        start=date(2024, 1, 1),
        end=date(2025, 12, 31),
        carer_type=AssessmentKind.FAST_TRACK,
    )
    assert fast_track.total.counts["applications"] == 1
    assert fast_track.total.counts["requests"] == 0 and fast_track.total.counts["approvals"] == 0


def test_another_councils_records_never_count(recorded, other_council):
    recruitment_factories.enquiry(other_council)
    report = funnel(organisation_ids=[recorded.pk], start=date(2024, 3, 1), end=date(2024, 3, 31))
    assert report.total.counts["requests"] == 3


def test_the_funnel_page_shows_the_figures_and_downloads_them(client, recorded, make_staff):
    manager = make_staff(recorded, Role.SERVICE_MANAGER)
    client.force_login(manager)
    query = {"start_0": "1", "start_1": "3", "start_2": "2024", "end_0": "31", "end_1": "12", "end_2": "2025"}
    page = client.get(reverse("reporting:recruitment_funnel"), query).content.decode()
    assert 'data-stage="requests">3<' in page and 'data-stage="approvals">1<' in page
    download = client.get(reverse("reporting:recruitment_funnel"), {**query, "format": "csv"})
    assert download["Content-Type"] == "text/csv"
    lines = download.content.decode().splitlines()
    assert lines[1] == "total,All,3,2,0,1,2,1,1,1,1"


def test_a_period_ending_before_it_starts_is_refused_beside_the_field(client, recorded, make_staff):
    client.force_login(make_staff(recorded, Role.SERVICE_MANAGER))
    query = {"start_0": "1", "start_1": "4", "start_2": "2025", "end_0": "1", "end_1": "3", "end_2": "2025"}
    page = client.get(reverse("reporting:recruitment_funnel"), query).content.decode()
    assert "The end of the period must be on or after its start" in page
    assert "data-stage=" not in page


def test_roles_without_the_report_cannot_open_it(client, recorded, make_staff):
    client.force_login(make_staff(recorded, Role.SUPERVISING_SOCIAL_WORKER))
    assert client.get(reverse("reporting:recruitment_funnel")).status_code == 403
