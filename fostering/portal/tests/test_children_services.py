"""Carers' recordings and breaks: only a carer of the household, only while the child is placed with it;
a significant event waits on both social workers' My work until each reads it, and emails them without naming
the child; a confirmed break holds the household's places."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from fostering.accounts.roles import Role
from fostering.core import clock
from fostering.deadlines.items import work_items_for
from fostering.placements import breaks, recordings
from fostering.placements.choices import BreakStatus, HoldKind, RecordingKind
from fostering.placements.codes import ReasonPlaceChange
from fostering.placements.selectors import places_of_household
from fostering.placements.services import placement_end
from fostering.portal.tests.factories import signed_up
from tests import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    org = builders.organisation("Recording Council", "811")
    ssw = builders.staff(org, Role.SUPERVISING_SOCIAL_WORKER, email="ssw@example.org")
    csw = builders.staff(org, Role.CHILDS_SOCIAL_WORKER, email="csw@example.org")
    household = builders.approved_household(org, name="Mensah household", ssw=ssw)
    other = builders.approved_household(org, name="Other household", ssw=ssw)
    child = builders.child(org, social_worker=csw, first_name="Priya", last_name="Kowalczyk")
    builders.in_care(child)
    placement = builders.placement(child, household)
    carer, _ = signed_up(household)
    other_carer, _ = signed_up(other)
    return {
        "org": org,
        "ssw": ssw,
        "csw": csw,
        "household": household,
        "child": child,
        "placement": placement,
        "carer": carer,
        "other_carer": other_carer,
    }


def _event(w, **extra):
    values = {
        "placement": w["placement"],
        "kind": RecordingKind.SIGNIFICANT,
        "event_type": "hospital",
        "happened_on": clock.today(),
        "text": "Fell in the park; checked at A&E, no break.",
        "by": w["carer"],
    }
    return recordings.recording_add(**(values | extra))


def _titles(user):
    return [item.title for item in work_items_for(user, clock.today())]


def test_a_significant_event_waits_on_both_social_workers_until_each_reads_it(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        recording = _event(world)
    for worker in (world["ssw"], world["csw"]):
        assert "Significant event: hospital visit" in _titles(worker)
    # the email goes to both and names no child and no carer
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert sorted(message.to) == ["csw@example.org", "ssw@example.org"]
    for name in ("Priya", "Kowalczyk", "Mensah", world["carer"].first_name):
        assert name not in message.subject and name not in message.body
    recordings.recording_acknowledge(recording=recording, by=world["ssw"])
    assert "Significant event: hospital visit" not in _titles(world["ssw"])
    assert "Significant event: hospital visit" in _titles(world["csw"])
    recordings.recording_acknowledge(recording=recording, by=world["csw"])
    assert "Significant event: hospital visit" not in _titles(world["csw"])


def test_a_note_emails_nobody_and_is_no_work(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _event(world, kind=RecordingKind.NOTE, event_type="", text="A good day at school.")
    assert mail.outbox == []
    assert not any(t.startswith("Significant event") for t in _titles(world["ssw"]))


def test_only_the_social_workers_mark_an_event_read(world):
    recording = _event(world)
    manager = builders.staff(world["org"], Role.SERVICE_MANAGER)
    with pytest.raises(PermissionDenied):
        recordings.recording_acknowledge(recording=recording, by=manager)


def test_dates_in_the_future_or_before_the_placement_are_refused(world):
    with pytest.raises(ValidationError) as refused:
        _event(world, happened_on=clock.today() + timedelta(days=1))
    assert "happened_on" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        _event(world, happened_on=date(2024, 1, 1))  # before the child moved in
    assert "happened_on" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        _event(world, event_type="")
    assert "event_type" in refused.value.message_dict


def test_another_household_s_carer_and_staff_cannot_record(world):
    with pytest.raises(PermissionDenied):
        _event(world, by=world["other_carer"])
    with pytest.raises(PermissionDenied):
        _event(world, by=world["ssw"])


def test_nothing_is_recorded_after_the_placement_ended(world):
    placement_end(
        placement=world["placement"],
        ended_on=clock.today() - timedelta(days=2),
        reason_place_change=ReasonPlaceChange.values[0],
        by=None,
    )
    with pytest.raises(PermissionDenied):
        _event(world, happened_on=clock.today() - timedelta(days=5))


def _ask(w, **extra):
    today = clock.today()
    values = {
        "fostering_household": w["household"],
        "starts_on": today + timedelta(days=10),
        "ends_on": today + timedelta(days=12),
        "reason": "Family wedding",
        "by": w["carer"],
    }
    return breaks.break_ask(**(values | extra))


def test_a_confirmed_break_holds_the_households_places(world):
    asked = _ask(world)
    assert "Answer the carers' request for a break" in _titles(world["ssw"])
    confirmed = breaks.break_decide(request=asked, confirm=True, by=world["ssw"])
    assert confirmed.status == BreakStatus.CONFIRMED
    assert confirmed.hold is not None and confirmed.hold.kind == HoldKind.BREAK
    row = places_of_household(world["household"], on=asked.starts_on + timedelta(days=1))
    assert row is not None and row.break_until == asked.ends_on
    now = places_of_household(world["household"], on=clock.today())
    assert now is not None and now.break_until is None
    assert "Answer the carers' request for a break" not in _titles(world["ssw"])
    with pytest.raises(ValidationError):
        breaks.break_decide(request=confirmed, confirm=False, note="No", by=world["ssw"])


def test_a_break_is_declined_with_a_reason_and_holds_nothing(world):
    asked = _ask(world)
    with pytest.raises(ValidationError):
        breaks.break_decide(request=asked, confirm=False, by=world["ssw"])
    declined = breaks.break_decide(request=asked, confirm=False, note="No cover that week", by=world["ssw"])
    assert declined.status == BreakStatus.DECLINED and declined.hold is None


def test_breaks_refuse_bad_dates_other_carers_and_other_staff(world):
    with pytest.raises(ValidationError):
        _ask(world, starts_on=clock.today() - timedelta(days=1))
    with pytest.raises(ValidationError):
        _ask(world, ends_on=clock.today() + timedelta(days=5))
    with pytest.raises(PermissionDenied):
        _ask(world, by=world["other_carer"])
    asked = _ask(world)
    with pytest.raises(PermissionDenied):
        breaks.break_decide(request=asked, confirm=True, by=world["csw"])
    # a manager who keeps the vacancy register may confirm
    manager = builders.staff(world["org"], Role.SERVICE_MANAGER)
    assert breaks.break_decide(request=asked, confirm=True, by=manager).status == BreakStatus.CONFIRMED
