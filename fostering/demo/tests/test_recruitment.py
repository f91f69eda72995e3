"""The demo council's recruitment: a county-sized year of enquiries and visits, valid stage histories."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime
from itertools import pairwise

import pytest

from fostering.accounts.models import Organisation
from fostering.deadlines.calendar import LONDON
from fostering.demo.generator import build_scale
from fostering.recruitment.choices import CLOSED_STAGES, TRANSITIONS, EnquiryStage
from fostering.recruitment.models import Enquiry, EventBooking, InformationEvent

pytestmark = pytest.mark.django_db
TODAY = date(2026, 3, 2)
END_OF_TODAY = datetime(2026, 3, 2, 23, 59, tzinfo=LONDON)


@pytest.fixture
def small(db) -> Organisation:
    build_scale("small", seed=7, today=TODAY)
    return Organisation.objects.get(code="990")


def test_the_small_council_has_enquiries_with_valid_stage_histories(small):
    enquiries = list(Enquiry.objects.filter(organisation=small).prefetch_related("stage_changes"))
    assert len(enquiries) >= 10
    for enquiry in enquiries:
        changes = list(enquiry.stage_changes.all())
        assert (changes[0].from_stage, changes[0].to_stage, changes[0].changed_at) == (
            "",
            EnquiryStage.NEW,
            enquiry.received_at,
        )
        for before, after in pairwise(changes):
            assert after.from_stage == before.to_stage
            assert after.to_stage in TRANSITIONS[EnquiryStage(before.to_stage)]
            assert after.changed_at >= before.changed_at
        assert changes[-1].to_stage == enquiry.stage
        assert changes[-1].changed_at <= END_OF_TODAY
        if enquiry.initial_visit_on and enquiry.screening_call_on:
            assert enquiry.screening_call_on <= enquiry.initial_visit_on <= TODAY
        if enquiry.decided_on:
            assert enquiry.initial_visit_on is not None
            assert enquiry.initial_visit_on < enquiry.decided_on <= TODAY


def test_bookings_fit_their_events_and_attendance_is_recorded_only_after_them(small):
    for event in InformationEvent.objects.filter(organisation=small):
        bookings = list(event.bookings.all())
        assert len(bookings) <= event.capacity
        for booking in bookings:
            if booking.attendance != "booked":
                assert event.starts_at.date() < TODAY


def test_the_county_has_a_years_worth_of_requests_and_initial_visits(db):
    build_scale("county", seed=5, today=TODAY)
    org = Organisation.objects.get(code="990")
    year = Enquiry.objects.filter(organisation=org, received_at__date__gt=date(2025, 3, 2))
    assert 260 <= year.count() <= 550
    visits = Enquiry.objects.filter(organisation=org, initial_visit_on__gt=date(2025, 3, 2)).count()
    assert 50 <= visits <= 85
    stages = Counter(Enquiry.objects.filter(organisation=org).values_list("stage", flat=True))
    assert stages[EnquiryStage.PROGRESSED] > 0 and stages[EnquiryStage.WITHDRAWN] > 0
    assert sum(stages[s] for s in CLOSED_STAGES) < sum(stages.values())
    assert EventBooking.objects.filter(organisation=org, attendance="attended").exists()
