"""The carers' children pages and the staff pages that read what carers send: only the children placed with
the carer today, what the service shares about each, recording through the forms, and deciding a break."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from fostering.accounts.roles import Role
from fostering.children.models import Child
from fostering.core import clock
from fostering.placements.choices import BreakStatus
from fostering.placements.models import BreakRequest, CarerRecording
from fostering.portal.tests.factories import portal_client, signed_up
from tests import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    org = builders.organisation("Pages Council", "812")
    org.out_of_hours_phone = "0300 123 4567"
    org.save()
    ssw = builders.staff(org, Role.SUPERVISING_SOCIAL_WORKER, email="ssw@example.org")
    csw = builders.staff(org, Role.CHILDS_SOCIAL_WORKER, email="csw@example.org", last_name="Adeyemi")
    household = builders.approved_household(org, name="Mensah household", ssw=ssw)
    child = builders.child(org, social_worker=csw, first_name="Priya", last_name="Kowalczyk")
    Child.objects.filter(pk=child.pk).update(what_carers_need_to_know="Allergic to peanuts.")
    builders.in_care(child)
    builders.placement(child, household)
    carer, _ = signed_up(household)
    return {"org": org, "ssw": ssw, "csw": csw, "household": household, "child": child, "carer": carer}


def _day(prefix: str, day) -> dict[str, str]:
    return {f"{prefix}_0": str(day.day), f"{prefix}_1": str(day.month), f"{prefix}_2": str(day.year)}


def test_the_carer_sees_the_child_placed_and_what_is_shared_but_not_the_surname(world):
    client = portal_client(world["carer"])
    home = client.get(reverse("portal:home")).content.decode()
    assert "Priya" in home and reverse("portal:child", args=[world["child"].pk]) in home
    page = client.get(reverse("portal:child", args=[world["child"].pk])).content.decode()
    assert "Allergic to peanuts." in page
    assert "csw@example.org" in page and "Adeyemi" in page
    assert "0300 123 4567" in page
    assert "Kowalczyk" not in page


def test_a_significant_event_through_the_form_reaches_the_child_record(
    world, django_capture_on_commit_callbacks
):
    client = portal_client(world["carer"])
    url = reverse("portal:child_event", args=[world["child"].pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {
                "event_type": "missing",
                "text": "Not home by 10pm; police told.",
                **_day("happened_on", clock.today()),
            },
        )
    assert response.status_code == 302
    assert CarerRecording.objects.get().event_type == "missing"
    assert len(mail.outbox) == 1 and "Priya" not in mail.outbox[0].body
    # a date in the future is refused on the form, nothing saved
    tomorrow = clock.today() + timedelta(days=1)
    refused = client.post(url, {"event_type": "missing", "text": "x", **_day("happened_on", tomorrow)})
    assert refused.status_code == 200 and CarerRecording.objects.count() == 1
    # the child's social worker reads it on the child's record and marks it read
    staff = Client()
    staff.force_login(world["csw"])
    recordings_url = reverse("placements:child_recordings", args=[world["child"].pk])
    page = staff.get(recordings_url).content.decode()
    assert "Not home by 10pm; police told." in page and "Mark as read" in page
    staff.post(recordings_url, {"recording": CarerRecording.objects.get().pk})
    assert CarerRecording.objects.get().child_sw_read_at is not None
    assert "Mark as read" not in staff.get(recordings_url).content.decode()


def test_a_note_through_the_form_shows_on_the_childs_page(world):
    client = portal_client(world["carer"])
    response = client.post(
        reverse("portal:child_note", args=[world["child"].pk]),
        {"text": "Loved the swimming lesson.", **_day("happened_on", clock.today())},
    )
    assert response.status_code == 302
    page = client.get(reverse("portal:child", args=[world["child"].pk])).content.decode()
    assert "Loved the swimming lesson." in page


def test_a_break_asked_for_in_the_portal_is_confirmed_by_the_ssw(world):
    client = portal_client(world["carer"])
    start = clock.today() + timedelta(days=7)
    response = client.post(
        reverse("portal:break_ask"),
        {"reason": "A week away", **_day("starts_on", start), **_day("ends_on", start + timedelta(days=6))},
    )
    assert response.status_code == 302
    asked = BreakRequest.objects.get()
    staff = Client()
    staff.force_login(world["csw"])  # not the household's worker: may read nothing of it here
    assert staff.post(
        reverse("placements:breaks", args=[world["household"].pk]), {"break": asked.pk, "decision": "confirm"}
    ).status_code in (403, 404)
    staff.force_login(world["ssw"])
    response = staff.post(
        reverse("placements:breaks", args=[world["household"].pk]), {"break": asked.pk, "decision": "confirm"}
    )
    assert response.status_code == 302
    asked.refresh_from_db()
    assert asked.status == BreakStatus.CONFIRMED and asked.hold is not None
    page = client.get(reverse("portal:breaks")).content.decode()
    assert "Confirmed" in page and "A week away" in page
