"""On the demo council, the funnel agrees with a recount made straight from the records."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import timezone

from fostering.accounts.models import Organisation
from fostering.assessments.models import Assessment
from fostering.demo.generator import build_scale
from fostering.households.models import FosteringHousehold
from fostering.recruitment.models import Enquiry, StageChange
from fostering.reporting.funnel import funnel

pytestmark = pytest.mark.django_db
TODAY = date(2026, 3, 2)


def test_the_demo_funnel_matches_the_records():
    build_scale("small", seed=5, today=TODAY)
    council = Organisation.objects.get(code="990")
    start, end = date(2025, 4, 1), date(2026, 3, 1)
    report = funnel(organisation_ids=[council.pk], start=start, end=end)

    received = [
        timezone.localtime(e.received_at).date() for e in Enquiry.objects.filter(organisation=council)
    ]
    visited: dict[int, date] = {}
    for change in StageChange.objects.filter(organisation=council, to_stage="initial_visit"):
        on = timezone.localtime(change.changed_at).date()
        visited[change.enquiry_id] = min(on, visited.get(change.enquiry_id, on))
    assessments = Assessment.objects.filter(organisation=council)
    # every household approved counts, with or without an assessment on record (one definition)
    approved = FosteringHousehold.objects.filter(organisation=council).values_list("approved_on", flat=True)

    assert report.total.counts["requests"] == sum(start <= on <= end for on in received)
    assert report.total.counts["initial_visits"] == sum(start <= on <= end for on in visited.values())
    assert report.total.counts["applications"] == sum(
        start <= a.application_accepted_on <= end for a in assessments
    )
    assert report.total.counts["approvals"] == sum(start <= on <= end for on in approved)
    assert report.total.counts["requests"] > 0 and report.total.counts["applications"] > 0
    assert sum(row.counts["requests"] for row in report.by_month) == report.total.counts["requests"]
    assert sum(row.counts["requests"] for row in report.by_channel) == report.total.counts["requests"]
